//! `readouts timeline`: matching passages per month or year, as bars.

use std::path::PathBuf;

use readouts::error::{Error, Result};
use readouts::output::{self, Format};
use readouts::query::research;

use super::args::{ChoiceParser, ResearchArgs};
use super::context::Context;
use super::exit::Exit;
use readouts::query::research::Period;

/// Examples shown by `readouts timeline --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts timeline taiwan
  readouts timeline 'ukraine OR 乌克兰' --per month --svg ukraine.svg
  readouts timeline soybeans --country us --json";

/// Arguments of `timeline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bar period
    #[arg(long, default_value = "auto", value_parser = ChoiceParser::<Period>::new())]
    pub per: Period,
    /// Also write the chart as an SVG file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// The query, filters and output.
    #[command(flatten)]
    pub args: ResearchArgs,
}

/// Draw the bars (and write the SVG); `NoMatch` when nothing matches.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let request = args.args.request()?;
    let index = ctx.open_index()?;
    let rows = research::timeline(&index, &request, args.per, ctx.glossary_for(&request)?)?;
    let measure = args.args.measure();
    let filters = request.filters.describe();
    let title = readouts::output::research::chart_title(measure, &request.query, &filters);
    if let Some(file) = &args.svg {
        std::fs::write(file, output::svg::bar_chart(&title, &rows, measure))
            .map_err(|e| Error::io(file, e))?;
        eprintln!("readouts: wrote {}", file.display());
    }
    let matched = rows.iter().any(|r| r.passages > 0);
    if !matched {
        eprintln!("readouts: no passages match");
        ctx.say_unmatched_filters(&index, &request.filters)?;
    }
    let format = args.args.format.get();
    if format == Format::JsonLines {
        for line in output::research::timeline_rows(&rows, &request.query, &filters) {
            output::json::line(ctx.out, &line)?;
        }
    } else if format == Format::Csv {
        output::csv::rows(ctx.out, &rows)?;
    } else {
        let width = output::research::terminal_width();
        output::research::bars(ctx.out, &title, &rows, measure, width, ctx.style)?;
    }
    ctx.say_coverage(&index, &request, format.is_json())?;
    Ok(Exit::found(matched))
}
