//! `readouts reindex`: rebuild the index from the statements it holds.

use std::time::Instant;

use readouts::error::Result;
use readouts::ingest::reindex::reindex;

use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts reindex --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts reindex
  readouts reindex --wait --quiet
  readouts --index /tmp/readouts-index reindex";

/// Arguments of `reindex`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Wait for another ingest to finish instead of failing
    #[arg(long)]
    pub wait: bool,
    /// No summary on stderr (errors are still reported)
    #[arg(long, short)]
    pub quiet: bool,
}

/// Rebuild and swap the new index in; say what it holds unless `--quiet`.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let started = Instant::now();
    let summary = reindex(ctx.index_path(), args.wait)?;
    if !args.quiet {
        eprintln!(
            "readouts: rebuilt {}: {} documents, {} passages in {:.2} s",
            ctx.index_path().display(),
            summary.documents,
            summary.passages,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Exit::Success)
}
