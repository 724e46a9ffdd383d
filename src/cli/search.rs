//! `readouts search`: ranked passages with their attribution.

use readouts::error::{Error, Result};
use readouts::index::ReadoutsIndex;
use readouts::output::csv::HitRow;
use readouts::output::{self, ColorChoice, Format, Style};
use readouts::query::parse::query_from_args;
use readouts::query::{self, SearchRequest, SortOrder};

use super::args::{ChoiceParser, ColorArg, FilterArgs, RowsFormat};
use super::context::Context;
use super::exit::Exit;
use super::syntax;

/// Examples shown by `readouts search -h` (and, with the syntax table, `--help`).
pub const EXAMPLES: &str = "\
Examples:
  readouts search '\"Taiwan question\"' --lang en
  readouts search '(taiwan OR 台湾) -ukraine' --since 2025-11 --json
  readouts search soybeans --speaker Bessent --with-translation
  readouts search fentanyl --event 2025-11-24-xi-trump-call --sort date --limit 3
  readouts search Тайвань --collapse --json";

/// `--help` after the options: the examples, then the condensed query syntax.
pub fn long_help() -> String {
    format!(
        "{EXAMPLES}\n\nQuery syntax (`readouts syntax` for all of it):\n{}",
        syntax::condensed()
    )
}

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("json", |a| a.help("One JSON object per hit per line (the total, and one object \
        saying what each query term reached, go to stderr)")),
    mut_arg("csv", |a| a.help("CSV, one row per hit (lists joined by \"; \"; a cell that starts \
        with =, +, -, @, tab or CR gets a leading ', so spreadsheets show it as text); the \
        header alone when nothing matches"))
)]
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
    #[arg(long, default_value = "score", value_parser = ChoiceParser::<SortOrder>::new())]
    pub sort: SortOrder,
    /// --json or --csv.
    #[command(flatten)]
    pub format: RowsFormat,
    /// Every hit, streamed (not a page): for export; --limit and --offset are ignored
    #[arg(long)]
    pub all: bool,
    /// Colour: auto (terminal, NO_COLOR unset), always, never
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// No glossary expansion: match only the forms written
    #[arg(long)]
    pub exact: bool,
    /// Also expand a term to the concepts narrower than its own (Taiwan → Taiwan question)
    #[arg(long, conflicts_with = "exact")]
    pub broader: bool,
    /// Leave out passages where a Chinese term stands only inside a longer known
    /// word (中美 only in 中美洲)
    #[arg(long)]
    pub words_only: bool,
    /// Add to each hit the aligned paragraph(s) of its translation or original
    /// (none when its paragraph has no counterpart), with the alignment's method and score
    #[arg(long)]
    pub with_translation: bool,
    /// One statement per near-duplicate group (a readout republished by another
    /// site or twice by one): the republications' hits are left out and named
    /// (JSON: "duplicates")
    #[arg(long)]
    pub collapse: bool,
}

impl Args {
    /// The validated library request.
    pub fn request(&self) -> Result<SearchRequest> {
        Ok(SearchRequest {
            query: query_from_args(&self.query),
            filters: self.filters.filters()?,
            limit: self.limit,
            offset: self.offset,
            sort: self.sort,
            expand: !self.exact,
            broader: self.broader,
            words_only: self.words_only,
            with_translation: self.with_translation,
            collapse: self.collapse,
        })
    }
}

/// Search; `NoMatch` when this page holds no hit.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let request = args.request()?;
    warn_lowercase_operators(&request.query);
    let index = ctx.open_index()?;
    if args.all {
        return all(ctx, &args, &index, &request);
    }
    // Translations are aligned with the whole glossary, even when the
    // query is not expanded.
    let anchors = if request.with_translation {
        ctx.glossary()?
    } else {
        ctx.glossary_for(&request)?
    };
    let results =
        query::search_with_glossaries(&index, &request, ctx.glossary_for(&request)?, anchors)?;
    let shown = results.hits.len();
    if results.total == 0 {
        ctx.say_unmatched_filters(&index, &request.filters)?;
    }
    let format = args.format.get();
    if format != Format::Text {
        if format == Format::JsonLines {
            for hit in &results.hits {
                output::json::line(ctx.out, hit)?;
            }
        } else {
            output::csv::table(
                ctx.out,
                &results.hits.iter().map(HitRow::from).collect::<Vec<_>>(),
                &HitRow::columns(),
            )?;
        }
        if request.offset + shown < results.total {
            eprintln!(
                "readouts: {} of {} passages (from {}); --all for every one, or --offset {}",
                shown,
                results.total,
                request.offset + 1,
                request.offset + shown
            );
        } else {
            eprintln!("readouts: {} passages", results.total);
        }
    } else {
        let style = Style::new(ColorChoice::from(args.color).enabled());
        output::text::hits(ctx.out, &results, request.offset, style)?;
        if shown > 0 {
            eprintln!(
                "{} to {} of {} passages",
                request.offset + 1,
                request.offset + shown,
                results.total
            );
        } else if results.total > 0 {
            eprintln!(
                "no passages on this page: --offset {} is past the last of {} passages",
                request.offset, results.total
            );
        } else {
            eprintln!("no passages match");
        }
    }
    ctx.say_coverage(&index, &request, format.is_json())?;
    Ok(Exit::found(shown > 0))
}

/// `--all`: every hit, streamed, in the chosen format; the total on stderr.
fn all(
    ctx: &mut Context,
    args: &Args,
    index: &ReadoutsIndex,
    request: &SearchRequest,
) -> Result<Exit> {
    let style = Style::new(ColorChoice::from(args.color).enabled());
    let (glossary, anchors, out) = ctx.glossaries_and_out(request)?;
    let format = args.format.get();
    let total = if format == Format::Csv {
        let mut first = true;
        let total = query::search_each_aligned(index, request, glossary, anchors, |hit| {
            output::csv::write_row(out, &HitRow::from(&hit), std::mem::take(&mut first))
        })?;
        if total == 0 {
            // No hit: the header alone, so a script still finds its columns.
            output::csv::header(out, &HitRow::columns())?;
        }
        out.flush().map_err(|e| Error::io("<stdout>", e))?;
        total
    } else if format == Format::JsonLines {
        query::search_each_aligned(index, request, glossary, anchors, |hit| {
            output::json::line(out, &hit)
        })?
    } else {
        let mut n = 0;
        query::search_each_aligned(index, request, glossary, anchors, |hit| {
            n += 1;
            output::text::hit(out, n, &hit, style)
        })?
    };
    eprintln!("readouts: {total} passages");
    if total == 0 {
        ctx.say_unmatched_filters(index, &request.filters)?;
    }
    ctx.say_coverage(index, request, format.is_json())?;
    Ok(Exit::found(total > 0))
}

/// A lowercase `and`, `or` or `not` between two terms (outside quotes) is a
/// word to search for, not an operator: say so, once per word.
fn warn_lowercase_operators(query: &str) {
    let mut quoted = false;
    let mut words: Vec<(&str, bool)> = Vec::new();
    for word in query.split_whitespace() {
        let starts_quoted = quoted;
        quoted ^= word.matches('"').count() % 2 == 1;
        words.push((word, starts_quoted || word.contains('"')));
    }
    let mut said: Vec<&str> = Vec::new();
    for (i, (word, in_quotes)) in words.iter().enumerate() {
        let between = i > 0 && i + 1 < words.len();
        if between && !in_quotes && ["and", "or", "not"].contains(word) && !said.contains(word) {
            said.push(word);
            eprintln!(
                "readouts: `{word}` is a word here; write {} for the operator",
                word.to_uppercase()
            );
        }
    }
}
