//! `readouts search`: ranked passages with their attribution.

use readouts::error::Result;
use readouts::output::{self, ColorChoice, Style};
use readouts::query::parse::query_from_args;
use readouts::query::{self, SearchRequest};

use super::args::{ColorArg, FilterArgs, SortArg};
use super::context::Context;
use super::exit::Exit;
use super::syntax;

/// Examples shown by `readouts search -h` (and, with the syntax table, `--help`).
pub const EXAMPLES: &str = "\
Examples:
  readouts search '\"Taiwan question\"' --lang en
  readouts search '(taiwan OR 台湾) -ukraine' --since 2025-11 --json
  readouts search soybeans --speaker Bessent --with-translation
  readouts search fentanyl --event 2025-11-24-xi-trump-call --sort date --limit 3";

/// `--help` after the options: the examples, then the condensed query syntax.
pub fn long_help() -> String {
    format!(
        "{EXAMPLES}\n\nQuery syntax (`readouts syntax` for all of it):\n{}",
        syntax::condensed()
    )
}

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (AND), "phrases", OR, NOT, -word, field:value, date:[A TO B].
    /// One argument with spaces and no query syntax is a phrase: `search "core interests"`
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Metadata filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Hits to show
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of hits
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    pub sort: SortArg,
    /// One JSON object per hit per line
    #[arg(long)]
    pub json: bool,
    /// Colour: auto (terminal, NO_COLOR unset), always, never
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// No glossary expansion: match only the forms written
    #[arg(long)]
    pub exact: bool,
    /// Also expand a term to the concepts narrower than its own (Taiwan → Taiwan question)
    #[arg(long, conflicts_with = "exact")]
    pub broader: bool,
    /// Add to each hit the aligned paragraph(s) of its translation or original
    /// (none when its paragraph has no counterpart), with the alignment's method and score
    #[arg(long)]
    pub with_translation: bool,
}

impl Args {
    /// The validated library request.
    pub fn request(&self) -> Result<SearchRequest> {
        Ok(SearchRequest {
            query: query_from_args(&self.query),
            filters: self.filters.filters()?,
            limit: self.limit,
            offset: self.offset,
            sort: self.sort.into(),
            expand: !self.exact,
            broader: self.broader,
            with_translation: self.with_translation,
        })
    }
}

/// Search; `NoMatch` when this page holds no hit.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let request = args.request()?;
    let index = ctx.open_index()?;
    // Translations are aligned with the whole glossary, even when the
    // query is not expanded.
    let anchors = if request.with_translation {
        ctx.glossary()?
    } else {
        ctx.glossary_for(&request)?
    };
    let results =
        query::search_with_glossaries(&index, &request, ctx.glossary_for(&request)?, anchors)?;
    if args.json {
        for hit in &results.hits {
            output::json::line(ctx.out, hit)?;
        }
    } else {
        let style = Style::new(ColorChoice::from(args.color).enabled());
        output::text::hits(ctx.out, &results, request.offset, style)?;
        let shown = results.hits.len();
        if shown > 0 {
            eprintln!(
                "{} to {} of {} passages",
                request.offset + 1,
                request.offset + shown,
                results.total
            );
        } else {
            eprintln!("no passages match ({} in all)", results.total);
        }
    }
    Ok(Exit::found(!results.hits.is_empty()))
}
