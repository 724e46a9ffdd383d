//! `readouts stats`: what the index holds.

use readouts::error::Result;
use readouts::output;
use readouts::query::documents;

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
pub struct Args {
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Print the counts.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let index = ctx.open_index()?;
    let stats = documents::stats(&index)?;
    if args.json {
        output::json::line(ctx.out, &stats)?;
    } else {
        output::text::stats(ctx.out, &stats)?;
    }
    Ok(Exit::Success)
}
