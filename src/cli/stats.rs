//! `readouts stats`: what the index holds.

use readouts::error::Result;
use readouts::output;
use readouts::query::documents;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts stats --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts stats
  readouts stats --json
  readouts --index /tmp/readouts-index stats";

/// Arguments of `stats`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("json", |a| a.help("Print one JSON object")))]
pub struct Args {
    /// --json.
    #[command(flatten)]
    pub format: JsonFormat,
}

/// Print the counts.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let index = ctx.open_index()?;
    let stats = documents::stats(&index)?;
    if args.format.get().is_json() {
        output::json::line(ctx.out, &stats)?;
    } else {
        output::text::stats(ctx.out, &stats)?;
    }
    Ok(Exit::Success)
}
