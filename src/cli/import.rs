//! `readouts import`: split a pasted compilation into statement files to review.

use std::path::PathBuf;

use readouts::error::Result;
use readouts::import;

use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts import --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts import fixtures/compilations/xi-trump-call-2025-11-24.raw --out drafts/
  readouts import fixtures/compilations/xi-trump-call-2025-11-24.raw --out drafts/ --event 2025-11-24-xi-trump-call
  readouts ingest drafts/    # once the `# inferred` values are reviewed";

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The compilation (text)
    pub file: PathBuf,
    /// Folder to write the statement files to (created; existing files are not overwritten)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Event id shared by the statements [default: inferred from the earliest date and the parties]
    #[arg(long)]
    pub event: Option<String>,
}

/// Write the drafts and say on stderr what to review and fill in.
pub fn run(_ctx: &mut Context, args: Args) -> Result<Exit> {
    let dir = &args.out;
    let compilation = import::import(&args.file, dir, args.event.as_deref())?;
    for draft in &compilation.drafts {
        eprintln!("readouts: wrote {}", dir.join(&draft.file_name).display());
    }
    for item in &compilation.unresolved {
        eprintln!("readouts: to fill in: {item}");
    }
    let fill_in = if compilation.unresolved.is_empty() {
        String::new()
    } else {
        format!(" and fill in {} empty ones", compilation.unresolved.len())
    };
    eprintln!(
        "readouts: {} statements; review the `# inferred` values{fill_in}, then `readouts ingest {}`",
        compilation.drafts.len(),
        dir.display()
    );
    Ok(Exit::Success)
}
