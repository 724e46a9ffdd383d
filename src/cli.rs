//! The command line: clap types, validated into library requests, and `run`.
//!
//! Exit codes ([`Outcome::exit_code`]): 0 hits (or success), 1 no hits, 2 error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::formats::discover;
use crate::index::writer::{ingest_sources, ingest_statements, IngestOptions};
use crate::index::{bundled, default_index_dir, ReadoutsIndex};
use crate::output::{self, progress::Bar, ColorChoice, Style};
use crate::query::{self, documents, Filters, SearchRequest, SortOrder};

/// Full-text search over diplomatic statements: readouts, translations,
/// interviews and press conferences, in English and Chinese.
#[derive(Debug, Parser)]
#[command(name = "readouts", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index folder [default: $READOUTS_INDEX, else the platform data dir]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,
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
    },
    /// Search passages (see the README for the query syntax)
    Search(SearchArgs),
    /// Show one statement with paragraph numbers and speakers
    Show {
        /// The statement's id
        doc_id: String,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Count documents and passages, by publisher, country, language and kind
    Stats {
        /// Print one JSON object
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
        if let (Some(a), Some(b)) = (self.since, self.until) {
            if a > b {
                return Err(Error::Usage(format!("--since {a} is after --until {b}")));
            }
        }
        Ok(SearchRequest {
            query: self.query.join(" "),
            filters: Filters {
                publisher: self.publisher.clone(),
                country: self.country.clone(),
                lang: self.lang.clone(),
                kind: self.kind.clone(),
                speaker: self.speaker.clone(),
                event: self.event.clone(),
                since: self.since,
                until: self.until,
            },
            limit: self.limit,
            offset: self.offset,
            sort: match self.sort {
                SortArg::Score => SortOrder::Score,
                SortArg::Date => SortOrder::Date,
            },
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
    ReadoutsIndex::open(path)
}

/// Run a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome> {
    let index_path = resolve_index(&cli)?;
    match cli.command {
        Command::Ingest {
            paths,
            json,
            quiet,
            wait,
            threads,
        } => {
            let started = Instant::now();
            let index = ReadoutsIndex::open_or_create(&index_path)?;
            let (sources, missing) = discover(&paths);
            let bar = Bar::new(quiet);
            let options = IngestOptions { wait, threads };
            let summary = ingest_sources(&index, &sources, missing, &options, &bar)?;
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
        Command::Search(args) => {
            let request = args.request()?;
            let index = open_for_reading(&index_path)?;
            let results = query::search(&index, &request)?;
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
            Ok(if results.hits.is_empty() {
                Outcome::NoHits
            } else {
                Outcome::Success
            })
        }
        Command::Show { doc_id, json } => {
            let index = open_for_reading(&index_path)?;
            let doc = documents::document(&index, &doc_id)?;
            if json {
                output::json::line(out, &doc)?;
            } else {
                output::text::document(out, &doc, Style::new(ColorChoice::Auto.enabled()))?;
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
