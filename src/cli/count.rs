//! `readouts count`: matching passages grouped by a metadata field.

use readouts::error::Result;
use readouts::output::{self, Format};
use readouts::query::research;

use super::args::{ChoiceParser, ResearchArgs};
use super::context::Context;
use super::exit::Exit;
use readouts::query::research::GroupBy;

/// Examples shown by `readouts count --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts count soybeans --by publisher
  readouts count 'taiwan OR 台湾' --by lang --json
  readouts count trump --by speaker --event 2025-11-24-xi-trump-call
  readouts count fentanyl --by month --since 2025";

/// Arguments of `count`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to group by
    #[arg(long, value_parser = ChoiceParser::<GroupBy>::new())]
    pub by: GroupBy,
    /// The query, filters and output.
    #[command(flatten)]
    pub args: ResearchArgs,
}

/// Print one row per group; `NoMatch` when nothing matches.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let request = args.args.request()?;
    let index = ctx.open_index()?;
    let rows = research::count(&index, &request, args.by, ctx.glossary_for(&request)?)?;
    if rows.is_empty() {
        eprintln!("readouts: no passages match");
        ctx.say_unmatched_filters(&index, &request.filters)?;
    }
    let format = args.args.format.get();
    match format {
        Format::JsonLines => {
            for row in &rows {
                output::json::line(ctx.out, row)?;
            }
        }
        Format::Csv => output::csv::rows(ctx.out, &rows)?,
        _ => output::research::counts(ctx.out, &rows, args.args.measure())?,
    }
    ctx.say_coverage(&index, &request, format.is_json())?;
    Ok(Exit::found(!rows.is_empty()))
}
