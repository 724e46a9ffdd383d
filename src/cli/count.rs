//! `readouts count`: matching passages grouped by a metadata field, or by
//! two (a crosstab: one row per cell).

use readouts::error::Result;
use readouts::output::counts::{self, Keyed};
use readouts::output::{self, Format};
use readouts::query::crosstab::{self, Cell};
use readouts::query::research::{self, CountRow, GroupBy};
use readouts::query::values::Named;

use super::args::{ChoiceParser, ResearchArgs};
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts count --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts count soybeans --by publisher
  readouts count 'taiwan OR 台湾' --by lang --json
  readouts count taiwan --by publisher --by year
  readouts count trump --by speaker --event 2025-11-24-xi-trump-call
  readouts count fentanyl --by month --since 2025";

/// Arguments of `count`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to group by; twice for a crosstab (`--by publisher --by year`:
    /// one row per publisher and year)
    #[arg(long, required = true, value_parser = ChoiceParser::<GroupBy>::new())]
    pub by: Vec<GroupBy>,
    /// The query, filters and output.
    #[command(flatten)]
    pub args: ResearchArgs,
}

/// Print one row per group (per cell); `NoMatch` when nothing matches.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    crosstab::check_fields(&args.by)?;
    let request = args.args.request()?;
    let index = ctx.open_index()?;
    let glossary = ctx.glossary_for(&request)?;
    let (names, cells): (Vec<&str>, Vec<Cell>) = match args.by[..] {
        [a, b] => (
            vec![a.name(), b.name()],
            crosstab::crosstab(&index, &request, [a, b], glossary)?,
        ),
        _ => {
            let rows = research::count(&index, &request, args.by[0], glossary)?;
            let cells = rows.into_iter().map(|row| Cell {
                keys: vec![row.key.clone()],
                row,
            });
            (Vec::new(), cells.collect())
        }
    };
    let matched = cells.iter().any(|c| c.row.passages > 0);
    if !matched {
        eprintln!("readouts: no passages match");
        ctx.say_unmatched_filters(&index, &request.filters)?;
    }
    let format = args.args.format.get();
    let keyed: Vec<Keyed<'_, CountRow>> = cells
        .iter()
        .map(|c| Keyed::new(&names, &c.keys, &c.row))
        .collect();
    match format {
        Format::JsonLines => counts::json_lines(ctx.out, &keyed)?,
        Format::Csv if names.is_empty() => {
            let rows: Vec<CountRow> = cells.into_iter().map(|c| c.row).collect();
            output::csv::rows(ctx.out, &rows)?
        }
        Format::Csv => counts::csv(ctx.out, &names, &keyed, &CountRow::default())?,
        _ => {
            let rows: Vec<(Vec<String>, &CountRow)> =
                cells.iter().map(|c| (c.keys.clone(), &c.row)).collect();
            counts::table(ctx.out, &names, &rows, args.args.measure())?
        }
    }
    ctx.say_coverage(&index, &request, format.is_json())?;
    Ok(Exit::found(matched))
}
