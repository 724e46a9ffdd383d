//! The command line: clap types, validated into library requests, and `run`.
//!
//! Exit codes ([`Outcome::exit_code`]): 0 hits (or success), 1 no hits, 2 error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::glossary::Glossary;
use crate::error::{Error, Result};
use crate::index::writer::{ingest_paths, ingest_statements, IngestOptions};
use crate::index::{bundled, default_index_dir, ReadoutsIndex};
use crate::output::{self, progress::Bar, ColorChoice, Style};
use crate::query::research::{self, GroupBy, Period};
use crate::query::{self, documents, Filters, SearchRequest, SortOrder};

/// Full-text search over diplomatic statements: readouts, translations,
/// interviews and press conferences, in English and Chinese.
#[derive(Debug, Parser)]
#[command(name = "readouts", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index folder [default: $READOUTS_INDEX, else the platform data dir]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// An extra glossary file (TOML, like index-schema/glossary.toml); repeatable.
    /// `glossary.toml` in the data folder is read too when it exists
    #[arg(long, global = true, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add or update statements: files, folders (recursively), or `-` for JSON Lines on stdin
    Ingest {
        /// Statement files (.md, .txt), JSON Lines (.jsonl), folders, or `-`
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the summary as one JSON object on stdout
        #[arg(long)]
        json: bool,
        /// No progress bar and no summary on stderr (rejections are still reported)
        #[arg(long, short)]
        quiet: bool,
        /// Wait for another ingest to finish instead of failing
        #[arg(long)]
        wait: bool,
        /// Indexing threads [default: available cores, at most 4]
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// Also remove statements whose source file (under the given folders) is gone
        #[arg(long)]
        prune: bool,
    },
    /// Split a pasted compilation of several statements into statement files to review
    Import {
        /// The compilation (text)
        file: PathBuf,
        /// Folder to write the statement files to (created; existing files are not overwritten)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Event id shared by the statements [default: inferred from the earliest date and the parties]
        #[arg(long)]
        event: Option<String>,
    },
    /// Search passages (see the README for the query syntax)
    Search(SearchArgs),
    /// Show one statement with paragraph numbers and speakers
    Show {
        /// The statement's id
        doc_id: String,
        /// Print one JSON object (with --parallel: an array of the two)
        #[arg(long)]
        json: bool,
        /// Side by side with its translation or original, paragraphs aligned
        #[arg(long)]
        parallel: bool,
    },
    /// Compare the statements of one event: topics × statements, passages mentioning each
    Compare {
        /// The event id
        #[arg(long, required = true)]
        event: String,
        /// Topics (each a query); default: every glossary concept mentioned in the event
        terms: Vec<String>,
        /// One JSON object per cell per line
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV, one row per cell
        #[arg(long)]
        csv: bool,
        /// No glossary expansion
        #[arg(long)]
        exact: bool,
    },
    /// Count matching passages by a metadata field
    Count {
        /// What to group by
        #[arg(long, value_enum)]
        by: GroupBy,
        /// The query, filters and output.
        #[command(flatten)]
        args: ResearchArgs,
    },
    /// Draw matching passages per month or year as a bar chart
    Timeline {
        /// Bar period
        #[arg(long, value_enum, default_value_t = Period::Auto)]
        per: Period,
        /// Also write the chart as an SVG file
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// The query, filters and output.
        #[command(flatten)]
        args: ResearchArgs,
    },
    /// Count documents and passages, by publisher, country, language and kind
    Stats {
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Check the index for damage (checksums, missing files, schema version, stored passages)
    Verify {
        /// Print the report as one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the index from the statements it holds (after a schema or analyzer change)
    Reindex {
        /// Wait for another ingest to finish instead of failing
        #[arg(long)]
        wait: bool,
    },
}

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The query: words (AND), "phrases", OR, NOT, -word, field:value, date:[A TO B]
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
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// No glossary expansion: match only the forms written
    #[arg(long)]
    pub exact: bool,
    /// Add to each hit the aligned paragraph of its translation or original
    #[arg(long)]
    pub with_translation: bool,
}

/// Metadata filters shared by search, count and timeline.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only publishers whose name contains this (case-insensitive)
    #[arg(long)]
    pub publisher: Option<String>,
    /// Only this country (ISO 3166 alpha-2)
    #[arg(long)]
    pub country: Option<String>,
    /// Only this language (BCP 47; `zh` includes `zh-Hant`)
    #[arg(long)]
    pub lang: Option<String>,
    /// Only this kind (readout, interview, press-conference, ...)
    #[arg(long)]
    pub kind: Option<String>,
    /// Only passages spoken by someone whose name contains this (case-insensitive)
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only statements of this event
    #[arg(long)]
    pub event: Option<String>,
    /// Only statements dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub since: Option<NaiveDate>,
    /// Only statements dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub until: Option<NaiveDate>,
}

impl FilterArgs {
    /// The validated library filters.
    pub fn filters(&self) -> Result<Filters> {
        if let (Some(a), Some(b)) = (self.since, self.until) {
            if a > b {
                return Err(Error::Usage(format!("--since {a} is after --until {b}")));
            }
        }
        Ok(Filters {
            publisher: self.publisher.clone(),
            country: self.country.clone(),
            lang: self.lang.clone(),
            kind: self.kind.clone(),
            speaker: self.speaker.clone(),
            event: self.event.clone(),
            since: self.since,
            until: self.until,
        })
    }
}

/// Arguments shared by count and timeline.
#[derive(Debug, clap::Args)]
pub struct ResearchArgs {
    /// The query (as for search)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// One JSON object per row per line: {"key","count"}
    #[arg(long)]
    pub json: bool,
    /// No glossary expansion
    #[arg(long)]
    pub exact: bool,
    /// Metadata filters.
    #[command(flatten)]
    pub filters: FilterArgs,
}

impl ResearchArgs {
    /// The request: the query and filters, no paging.
    pub fn request(&self) -> Result<SearchRequest> {
        let mut r = SearchRequest::new(self.query.join(" "));
        r.filters = self.filters.filters()?;
        r.expand = !self.exact;
        Ok(r)
    }
}

/// `--sort` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first
    Score,
    /// Oldest first
    Date,
}

fn parse_day(s: &str) -> std::result::Result<NaiveDate, String> {
    crate::model::parse_date(s)
}

impl SearchArgs {
    /// The validated library request.
    pub fn request(&self) -> Result<SearchRequest> {
        Ok(SearchRequest {
            query: self.query.join(" "),
            filters: self.filters.filters()?,
            limit: self.limit,
            offset: self.offset,
            sort: match self.sort {
                SortArg::Score => SortOrder::Score,
                SortArg::Date => SortOrder::Date,
            },
            expand: !self.exact,
            with_translation: self.with_translation,
        })
    }
}

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done; for `search`, at least one hit.
    Success,
    /// `search` found nothing.
    NoHits,
    /// `ingest` rejected at least one input (the rest was ingested).
    Rejected,
}

impl Outcome {
    /// `Success` when something was found, else `NoHits`.
    pub fn found(any: bool) -> Outcome {
        if any {
            Outcome::Success
        } else {
            Outcome::NoHits
        }
    }

    /// The process exit code: 0 success or hits, 1 no hits, 2 error.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NoHits => 1,
            Outcome::Rejected => 2,
        }
    }
}

fn resolve_index(cli: &Cli) -> Result<PathBuf> {
    cli.index.clone().or_else(default_index_dir).ok_or_else(|| {
        Error::Usage("no index location: pass --index DIR or set READOUTS_INDEX".into())
    })
}

/// Open the index for reading; build it from the bundled fixtures if there is none.
fn open_for_reading(path: &Path) -> Result<ReadoutsIndex> {
    if !ReadoutsIndex::exists(path) {
        eprintln!(
            "readouts: no index at {}; building it from the {} bundled seed statements",
            path.display(),
            bundled::FIXTURES.len()
        );
        let index = ReadoutsIndex::open_or_create(path)?;
        let summary = ingest_statements(&index, bundled::statements(), &IngestOptions::default())?;
        if let Some(e) = summary.errors.into_iter().next() {
            return Err(e);
        }
        return Ok(index);
    }
    // A reindex may exchange the folder between reading meta.json and opening
    // the segment files it lists; the new index is whole, so open again. Once
    // the reader is open the files are mapped and a later swap does not matter.
    let mut attempts = 0;
    loop {
        let opened = ReadoutsIndex::open(path).and_then(|index| {
            index.reader()?;
            Ok(index)
        });
        match opened {
            Err(e) if attempts < 5 && is_vanished_file(&e) => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Did opening fail because a file of the index vanished (a swap under way)?
fn is_vanished_file(e: &Error) -> bool {
    use tantivy::TantivyError;
    match e {
        Error::Index { source, .. } => match source {
            TantivyError::OpenReadError(_) | TantivyError::OpenDirectoryError(_) => true,
            TantivyError::IoError(io) => io.kind() == std::io::ErrorKind::NotFound,
            _ => false,
        },
        Error::Io { source, .. } => source.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

/// The built-in glossary, the data folder's `glossary.toml`, and `--glossary` files.
fn load_glossary(extra: &[PathBuf]) -> Result<Glossary> {
    let mut files = Vec::new();
    if let Some(data) = dirs::data_dir().map(|d| d.join("readouts").join("glossary.toml")) {
        if data.is_file() {
            files.push(data);
        }
    }
    files.extend(extra.iter().cloned());
    Glossary::with_files(&files)
}

/// Styles for human output on stdout: colour on a terminal without NO_COLOR.
fn human_style() -> Style {
    Style::new(ColorChoice::Auto.enabled())
}

/// The glossary a request expands through: none is loaded for `--exact`.
fn glossary_for<'g>(
    request: &SearchRequest,
    load: &impl Fn() -> Result<&'g Glossary>,
) -> Result<&'g Glossary> {
    static EMPTY: std::sync::OnceLock<Glossary> = std::sync::OnceLock::new();
    if request.expand {
        load()
    } else {
        Ok(EMPTY.get_or_init(Glossary::default))
    }
}

/// Run a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome> {
    let index_path = resolve_index(&cli)?;
    // The glossary is parsed only by commands that use it, and only once.
    let glossary_cell = std::cell::OnceCell::new();
    let glossary_files = cli.glossary.clone();
    let glossary = || -> Result<&Glossary> {
        if let Some(g) = glossary_cell.get() {
            return Ok(g);
        }
        let loaded = load_glossary(&glossary_files)?;
        Ok(glossary_cell.get_or_init(|| loaded))
    };
    match cli.command {
        Command::Ingest {
            paths,
            json,
            quiet,
            wait,
            threads,
            prune,
        } => {
            let started = Instant::now();
            let index = ReadoutsIndex::open_or_create(&index_path)?;
            let bar = Bar::new(quiet);
            let options = IngestOptions {
                wait,
                threads,
                prune,
            };
            let summary = ingest_paths(&index, &paths, &options, &bar)?;
            for e in &summary.errors {
                eprintln!("readouts: rejected: {e}");
            }
            if json {
                output::json::line(out, &summary)?;
            }
            if !quiet {
                eprintln!(
                    "readouts: {}: {}",
                    index_path.display(),
                    output::text::ingest_summary(&summary, started.elapsed().as_secs_f64())
                );
            }
            Ok(if summary.rejected > 0 {
                Outcome::Rejected
            } else {
                Outcome::Success
            })
        }
        Command::Import {
            file,
            out: dir,
            event,
        } => {
            let compilation = crate::import::import(&file, &dir, event.as_deref())?;
            for draft in &compilation.drafts {
                eprintln!("readouts: wrote {}", dir.join(&draft.file_name).display());
            }
            for item in &compilation.unresolved {
                eprintln!("readouts: to fill in: {item}");
            }
            eprintln!(
                "readouts: {} statements; review the `# inferred` values{}, then `readouts ingest {}`",
                compilation.drafts.len(),
                if compilation.unresolved.is_empty() { String::new() } else { format!(" and fill in {} empty ones", compilation.unresolved.len()) },
                dir.display()
            );
            Ok(Outcome::Success)
        }
        Command::Search(args) => {
            let request = args.request()?;
            let index = open_for_reading(&index_path)?;
            let results =
                query::search_with_glossary(&index, &request, glossary_for(&request, &glossary)?)?;
            if args.json {
                for hit in &results.hits {
                    output::json::line(out, hit)?;
                }
            } else {
                output::text::hits(
                    out,
                    &results,
                    request.offset,
                    Style::new(args.color.enabled()),
                )?;
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
            Ok(Outcome::found(!results.hits.is_empty()))
        }
        Command::Show {
            doc_id,
            json,
            parallel: true,
        } => {
            let index = open_for_reading(&index_path)?;
            let (left, right) = documents::parallel(&index, &doc_id)?;
            if json {
                output::json::line(out, &[left, right])?;
            } else {
                let width = output::research::terminal_width();
                output::research::parallel(out, &left, &right, width, human_style())?;
            }
            Ok(Outcome::Success)
        }
        Command::Compare {
            event,
            terms,
            json,
            csv,
            exact,
        } => {
            let index = open_for_reading(&index_path)?;
            let comparison = research::compare(&index, &event, &terms, glossary()?, !exact)?;
            if json {
                for cell in comparison.cells() {
                    output::json::line(out, &cell)?;
                }
            } else if csv {
                let mut writer = ::csv::Writer::from_writer(&mut *out);
                for cell in comparison.cells() {
                    writer
                        .serialize(cell)
                        .map_err(|e| Error::io("<stdout>", e.into()))?;
                }
                writer.flush().map_err(|e| Error::io("<stdout>", e))?;
            } else {
                output::research::comparison(out, &comparison, human_style())?;
            }
            Ok(Outcome::Success)
        }
        Command::Count { by, args } => {
            let request = args.request()?;
            let json = args.json;
            let index = open_for_reading(&index_path)?;
            let rows = research::count(&index, &request, by, glossary_for(&request, &glossary)?)?;
            if json {
                for row in &rows {
                    output::json::line(out, row)?;
                }
            } else {
                output::research::counts(out, &rows)?;
            }
            Ok(Outcome::found(!rows.is_empty()))
        }
        Command::Timeline { per, svg, args } => {
            let request = args.request()?;
            let json = args.json;
            let index = open_for_reading(&index_path)?;
            let rows =
                research::timeline(&index, &request, per, glossary_for(&request, &glossary)?)?;
            let title = format!("passages matching {}", request.query);
            if let Some(file) = &svg {
                std::fs::write(file, output::svg::bar_chart(&title, &rows))
                    .map_err(|e| Error::io(file, e))?;
                eprintln!("readouts: wrote {}", file.display());
            }
            if json {
                for row in &rows {
                    output::json::line(out, row)?;
                }
            } else {
                let width = output::research::terminal_width();
                output::research::bars(out, &title, &rows, width, human_style())?;
            }
            Ok(Outcome::found(!rows.is_empty()))
        }
        Command::Show {
            doc_id,
            json,
            parallel: false,
        } => {
            let index = open_for_reading(&index_path)?;
            let doc = documents::document(&index, &doc_id)?;
            if json {
                output::json::line(out, &doc)?;
            } else {
                output::text::document(out, &doc, human_style())?;
            }
            Ok(Outcome::Success)
        }
        Command::Stats { json } => {
            let index = open_for_reading(&index_path)?;
            let stats = documents::stats(&index)?;
            if json {
                output::json::line(out, &stats)?;
            } else {
                output::text::stats(out, &stats)?;
            }
            Ok(Outcome::Success)
        }
        Command::Verify { json } => {
            let report = crate::index::verify::verify(&index_path)?;
            if json {
                output::json::line(out, &report)?;
            }
            if report.ok() {
                eprintln!(
                    "readouts: {}: whole ({} segments, {} files checked, {} passages read)",
                    index_path.display(),
                    report.segments,
                    report.files_checked,
                    report.passages
                );
                Ok(Outcome::Success)
            } else {
                for problem in &report.problems {
                    eprintln!("readouts: {}: {problem}", index_path.display());
                }
                eprintln!("readouts: rebuild it: delete the folder and ingest the sources again (or `readouts reindex` if the stored passages are intact)");
                Ok(Outcome::Rejected)
            }
        }
        Command::Reindex { wait } => {
            let started = Instant::now();
            let summary = crate::index::reindex::reindex(&index_path, wait)?;
            eprintln!(
                "readouts: rebuilt {}: {} documents, {} passages in {:.2} s",
                index_path.display(),
                summary.documents,
                summary.passages,
                started.elapsed().as_secs_f64()
            );
            Ok(Outcome::Success)
        }
    }
}
