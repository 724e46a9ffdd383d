//! `readouts timeline`: matching passages per month or year, as bars; with
//! `--vs` or `--split`, several series side by side.

use std::path::PathBuf;

use readouts::error::{Error, Result};
use readouts::output::{self, Format};
use readouts::query::research::{self, CountRow, GroupBy, Period};
use readouts::query::series::{self, Series};
use readouts::query::values::Named;
use readouts::query::SearchRequest;

use super::args::{ChoiceParser, ResearchArgs};
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts timeline --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts timeline taiwan
  readouts timeline 'ukraine OR 乌克兰' --per month --svg ukraine.svg
  readouts timeline taiwan --split lang --rate
  readouts timeline taiwan --vs ukraine --vs gaza --svg three.svg
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
    /// One series per value of this field (each value with a match), over
    /// the same periods
    #[arg(long, value_name = "FIELD", value_parser = ChoiceParser::<GroupBy>::new())]
    pub split: Option<GroupBy>,
    /// Another query drawn as a series of its own beside QUERY, with the same
    /// filters; repeatable
    #[arg(long, value_name = "QUERY")]
    pub vs: Vec<String>,
    /// The query, filters and output.
    #[command(flatten)]
    pub args: ResearchArgs,
}

/// Draw the bars (and write the SVG); `NoMatch` when nothing matches.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let request = args.args.request()?;
    if args.split.is_some() || !args.vs.is_empty() {
        return run_series(ctx, &args, request);
    }
    let index = ctx.open_index()?;
    let rows = research::timeline(&index, &request, args.per, ctx.glossary_for(&request)?)?;
    let measure = args.args.measure();
    let filters = request.filters.describe();
    let title = readouts::output::research::chart_title(measure, &request.query, &filters);
    if let Some(file) = &args.svg {
        write_svg(file, &output::svg::bar_chart(&title, &rows, measure))?;
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

fn write_svg(file: &std::path::Path, svg: &str) -> Result<()> {
    std::fs::write(file, svg).map_err(|e| Error::io(file, e))?;
    eprintln!("readouts: wrote {}", file.display());
    Ok(())
}

/// `--vs` / `--split`: several series over the same periods.
fn run_series(ctx: &mut Context, args: &Args, request: SearchRequest) -> Result<Exit> {
    let mut requests = vec![request.clone()];
    for q in &args.vs {
        let mut r = request.clone();
        r.query = readouts::query::parse::query_from_args(std::slice::from_ref(q));
        requests.push(r);
    }
    let index = ctx.open_index()?;
    let glossary = ctx.glossary_for(&request)?;
    let all = series::series(&index, &requests, args.split, args.per, glossary)?;
    let measure = args.args.measure();
    let filters = request.filters.describe();
    let queries: Vec<String> = requests.iter().map(|r| r.query.clone()).collect();
    let title = output::research::chart_title(
        measure,
        &output::series::title_query(&queries, args.split),
        &filters,
    );
    if let Some(file) = &args.svg {
        write_svg(file, &output::svg::series_chart(&title, &all, measure))?;
    }
    let matched = all.iter().any(|s| s.rows.iter().any(|r| r.passages > 0));
    if !matched {
        eprintln!("readouts: no passages match");
        ctx.say_unmatched_filters(&index, &request.filters)?;
    }
    print_series(ctx, args, &title, &all, &filters)?;
    for r in &requests {
        ctx.say_coverage(&index, r, args.args.format.get().is_json())?;
    }
    Ok(Exit::found(matched))
}

fn print_series(
    ctx: &mut Context,
    args: &Args,
    title: &str,
    all: &[Series],
    filters: &str,
) -> Result<()> {
    let split = args.split.map(|b| b.name());
    match args.args.format.get() {
        Format::JsonLines => {
            let rows = output::series::json_rows(all, filters);
            let names = output::series::key_names(split);
            output::counts::json_lines(ctx.out, &output::series::keyed(&names, &rows))
        }
        Format::Csv => {
            let rows = output::series::csv_rows(all);
            let names: Vec<&str> = ["series", "query"].into_iter().chain(split).collect();
            let keyed = output::series::keyed(&names, &rows);
            output::counts::csv(ctx.out, &names, &keyed, &CountRow::default())
        }
        _ => output::series::table(ctx.out, title, all, args.args.measure(), ctx.style),
    }
}
