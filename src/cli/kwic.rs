//! `readouts kwic`: keyword in context, one line per match, or with
//! `--collocates` the words most associated with the query.

use readouts::error::Result;
use readouts::output::{self, ColorChoice, Format, Style};
use readouts::query::collocates::{
    self, Collocate, Settings, DEFAULT_MIN, DEFAULT_WINDOW, MAX_WINDOW,
};
use readouts::query::kwic::{self, KwicSort, DEFAULT_WIDTH, MAX_WIDTH};
use readouts::query::parse::query_from_args;
use readouts::query::SearchRequest;

use super::args::{ChoiceParser, ColorArg, FilterArgs, RowsFormat};
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts kwic --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts kwic alliance --sort left
  readouts kwic 'taiwan OR 台湾' --width 30 --since 2024
  readouts kwic fentanyl --publisher 'White House' --csv > fentanyl.csv
  readouts kwic taiwan --sort date --json
  readouts kwic alliance --collocates --window 5 --lang en";

/// Arguments of `kwic`.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("json", |a| a.help("One JSON object per line per match (with --collocates: per word)")),
    mut_arg("csv", |a| a.help("CSV, one row per match, the same columns as --json (the header \
        alone when nothing matches)"))
)]
pub struct Args {
    /// The query (as for search; see `readouts syntax`)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Metadata filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Columns of context on each side (a CJK character is two), 1 to 500
    #[arg(long, value_name = "N", default_value_t = DEFAULT_WIDTH, value_parser = width)]
    pub width: usize,
    /// Order: left (by the words before the match, nearest first), right (by the
    /// match and the words after), date (oldest first); ties go by date, statement,
    /// paragraph. Default: as search ranks the passages
    #[arg(long, default_value = "rank", value_parser = ChoiceParser::<KwicSort>::new())]
    pub sort: KwicSort,
    /// --json or --csv.
    #[command(flatten)]
    pub format: RowsFormat,
    /// Colour: auto (terminal, NO_COLOR unset), always, never
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// No glossary expansion: match only the forms written
    #[arg(long)]
    pub exact: bool,
    /// Instead of the lines, the words most associated with the matches within
    /// --window tokens, per language, by log-likelihood (Dunning's G²), with
    /// the observed and expected counts
    #[arg(long, conflicts_with = "sort")]
    pub collocates: bool,
    /// With --collocates: tokens on each side of a match, 1 to 50
    #[arg(long, value_name = "N", default_value_t = DEFAULT_WINDOW as u8, requires = "collocates",
          value_parser = clap::value_parser!(u8).range(1..=MAX_WINDOW as i64))]
    pub window: u8,
    /// With --collocates: the least times a word is seen near a match to be listed
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN, requires = "collocates")]
    pub min: u64,
    /// With --collocates: the most words listed per language
    #[arg(long, value_name = "N", default_value_t = 20, requires = "collocates")]
    pub top: usize,
}

/// `--width`: a whole number of columns the library accepts.
fn width(s: &str) -> std::result::Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("a whole number of columns (1 to {MAX_WIDTH}) is expected"))?;
    kwic::check_width(n).map_err(|e| e.to_string())
}

impl Args {
    fn request(&self) -> Result<SearchRequest> {
        let mut r = SearchRequest::new(query_from_args(&self.query));
        r.filters = self.filters.filters()?;
        r.expand = !self.exact;
        Ok(r)
    }
}

/// Print one line per match (or the collocates); `NoMatch` when nothing
/// matches (or no word is associated).
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let request = args.request()?;
    if args.collocates {
        return run_collocates(ctx, &args, &request);
    }
    let index = ctx.open_index()?;
    let glossary = ctx.glossary_for(&request)?;
    let c = kwic::concordance(&index, &request, glossary, args.width, args.sort)?;
    if c.passages == 0 {
        eprintln!("readouts: no passages match");
        ctx.say_unmatched_filters(&index, &request.filters)?;
    } else if c.unplaced > 0 {
        eprintln!(
            "readouts: {} of {} matching passages have no line: no match of the query's words could be placed in their text",
            c.unplaced, c.passages
        );
    }
    let format = args.format.get();
    if format == Format::JsonLines {
        for row in &c.rows {
            output::json::line(ctx.out, row)?;
        }
    } else if format == Format::Csv {
        output::csv::rows(ctx.out, &c.rows)?;
    } else {
        let style = Style::new(ColorChoice::from(args.color).enabled());
        output::kwic::rows(ctx.out, &c.rows, args.width, style)?;
    }
    ctx.say_coverage(&index, &request, format.is_json())?;
    Ok(Exit::found(!c.rows.is_empty()))
}

fn run_collocates(ctx: &mut Context, args: &Args, request: &SearchRequest) -> Result<Exit> {
    let index = ctx.open_index()?;
    let settings = Settings {
        window: usize::from(args.window),
        min: args.min,
        top: args.top,
    };
    let langs = collocates::collocates(&index, request, ctx.glossary_for(request)?, settings)?;
    if langs.is_empty() {
        eprintln!("readouts: no passages match");
        ctx.say_unmatched_filters(&index, &request.filters)?;
    }
    let rows: Vec<&Collocate> = langs.iter().flat_map(|l| &l.rows).collect();
    let format = args.format.get();
    if format == Format::JsonLines {
        for row in &rows {
            output::json::line(ctx.out, row)?;
        }
    } else if format == Format::Csv {
        output::csv::table(ctx.out, &rows, &&Collocate::default())?;
    } else {
        output::kwic::collocates(ctx.out, &langs, settings.window)?;
    }
    if !langs.is_empty() && rows.is_empty() {
        eprintln!(
            "readouts: no word is seen at least {} times within {} tokens of a match more often than expected",
            settings.min, settings.window
        );
    }
    ctx.say_coverage(&index, request, format.is_json())?;
    Ok(Exit::found(!rows.is_empty()))
}
