//! `readouts timeline`: matching passages per month or year, as bars.

use std::path::PathBuf;

use readouts::error::{Error, Result};
use readouts::output;
use readouts::query::research;

use super::args::{PeriodArg, ResearchArgs};
use super::context::Context;
use super::exit::Exit;

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
    #[arg(long, value_enum, default_value_t = PeriodArg::Auto)]
    pub per: PeriodArg,
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
    let rows = research::timeline(
        &index,
        &request,
        args.per.into(),
        ctx.glossary_for(&request)?,
    )?;
    let title = format!("passages matching {}", request.query);
    if let Some(file) = &args.svg {
        std::fs::write(file, output::svg::bar_chart(&title, &rows))
            .map_err(|e| Error::io(file, e))?;
        eprintln!("readouts: wrote {}", file.display());
    }
    if args.args.json {
        for row in &rows {
            output::json::line(ctx.out, row)?;
        }
    } else {
        let width = output::research::terminal_width();
        output::research::bars(ctx.out, &title, &rows, width, ctx.style)?;
    }
    Ok(Exit::found(!rows.is_empty()))
}
