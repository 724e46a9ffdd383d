//! `readouts verify`: check the index for damage without changing it.

use readouts::error::Result;
use readouts::index::verify::verify;
use readouts::output;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts verify --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts verify
  readouts verify --json
  readouts --index /tmp/readouts-index verify || readouts --index /tmp/readouts-index reindex";

/// Arguments of `verify`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("json", |a| a.help("Print the report as one JSON object")))]
pub struct Args {
    /// --json.
    #[command(flatten)]
    pub format: JsonFormat,
}

/// Report on stderr (and stdout with `--json`); `Failure` when damaged.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let path = ctx.index_path().display().to_string();
    if !ctx.index_path().exists() {
        return Err(ctx.no_index());
    }
    let report = verify(ctx.index_path())?;
    if args.format.get().is_json() {
        output::json::line(ctx.out, &report)?;
    }
    if report.ok() {
        eprintln!(
            "readouts: {path}: whole ({} segments, {} files checked, {} passages read)",
            report.segments, report.files_checked, report.passages
        );
        return Ok(Exit::Success);
    }
    for problem in &report.problems {
        eprintln!("readouts: {path}: {problem}");
    }
    eprintln!("readouts: rebuild it: delete the folder and ingest the sources again (or `readouts reindex` if the stored passages are intact)");
    Ok(Exit::Failure)
}
