//! `readouts add`: publishers' pages (URLs or saved .html files) to statement
//! files for review, or, with `--yes`, straight into the index.

use std::path::{Path, PathBuf};
use std::time::Duration;

use readouts::acquire::fetch::{Cache, FetchOptions, Fetcher, Hosts};
use readouts::acquire::folder::{Folder, Placed};
use readouts::acquire::input::{accept, acceptable, from_file, from_url, is_url, write_draft};
use readouts::acquire::{Draft, Places};
use readouts::error::{Error, Result};
use readouts::formats::SourceFormat;
use readouts::ingest::{Ingest, IngestOptions, Source};
use readouts::output;

use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts add --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts add http://en.kremlin.ru/events/president/news/78500 --out drafts/
  readouts add saved/mfa-press-conference.html --out drafts/
  readouts add https://www.whitehouse.gov/briefings-statements/2025/11/readout/ --yes
  readouts add http://en.kremlin.ru/events/president/news/78500 --offline --out drafts/";

/// How pages are fetched (shared with `update`).
#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Seconds before a request is given up (0 to 86400)
    #[arg(long, value_name = "SECS", default_value_t = 30.0, value_parser = seconds)]
    pub timeout: f64,
    /// Retries after a network error, a 429 or a 5xx (with backoff; 0 to 10)
    #[arg(long, value_name = "N", default_value_t = 2,
          value_parser = super::serve::between::<u32>(0, 10))]
    pub retries: u32,
    /// Seconds between two requests to one host (robots.txt's Crawl-delay wins
    /// if longer; 0 to 86400)
    #[arg(long, value_name = "SECS", default_value_t = 1.0, value_parser = seconds)]
    pub delay: f64,
    /// Read pages from the page cache only (beside the index), never the network
    #[arg(long)]
    pub offline: bool,
    /// The page profile to read with [default: by the page's address]
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
}

/// Seconds, from 0 to a day (a longer wait is a typing error, and would
/// overflow the clock's arithmetic).
fn seconds(text: &str) -> std::result::Result<f64, String> {
    let v: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if (0.0..=86_400.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{text} is not from 0 to 86400 seconds"))
    }
}

impl FetchArgs {
    /// A client with these options, caching pages in `places.pages`.
    pub fn fetcher(&self, places: &Places) -> Result<Fetcher> {
        let secs = |v: f64, name: &str| {
            Duration::try_from_secs_f64(v)
                .map_err(|_| Error::Usage(format!("--{name} {v}: give seconds, 0 or more")))
        };
        Ok(Fetcher::new(FetchOptions {
            timeout: secs(self.timeout, "timeout")?,
            retries: self.retries,
            delay: secs(self.delay, "delay")?,
            cache: Some(Cache::new(&places.pages)),
            offline: self.offline,
            ..FetchOptions::default()
        }))
    }
}

/// Arguments of `add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page URLs (http, https) or saved pages (.html files)
    #[arg(required = true, value_name = "URL_OR_FILE")]
    pub pages: Vec<String>,
    /// Folder to write the statement files to review (created; existing files are not overwritten)
    #[arg(long, value_name = "DIR", required_unless_present = "yes")]
    pub out: Option<PathBuf>,
    /// Ingest each page's statement now, without review (a page whose title or date cannot be found is refused)
    #[arg(long, conflicts_with = "out")]
    pub yes: bool,
    /// Wait for another ingest to finish instead of failing (--yes)
    #[arg(long)]
    pub wait: bool,
    /// No summary on stderr (refusals are still reported)
    #[arg(long, short)]
    pub quiet: bool,
    /// How pages are fetched.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// Read every page; write drafts or ingest; `Failure` when any page was refused.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let places = Places::beside(ctx.index_path());
    let mut fetcher = args.fetch.fetcher(&places)?;
    let profile = args.fetch.profile.as_deref();
    let mut refused = 0;
    // Every page is fetched and read before the writer lock is taken.
    let mut drafts: Vec<(&str, Draft)> = Vec::new();
    for page in &args.pages {
        let draft = draft_of(&mut fetcher, page, profile).and_then(|d| {
            if args.yes {
                acceptable(&d, page).map(|_| d)
            } else {
                Ok(d)
            }
        });
        match draft {
            Ok(draft) => drafts.push((page, draft)),
            Err(e) => {
                refused += 1;
                eprintln!("readouts: refused: {e}");
            }
        }
    }
    match &args.out {
        Some(dir) if !args.yes => refused += write_drafts(&drafts, dir, args.quiet),
        _ if !drafts.is_empty() => {
            let (summary, not_written) = ingest_drafts(ctx, &places, &drafts, &args)?;
            refused += not_written + summary.rejected;
            if !args.quiet {
                eprintln!(
                    "readouts: {}: {}",
                    ctx.index_path().display(),
                    output::text::ingest_summary(&summary, 0.0)
                );
            }
        }
        _ => {}
    }
    Ok(if refused > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// Write drafts for review into `dir`; the number refused.
fn write_drafts(drafts: &[(&str, Draft)], dir: &Path, quiet: bool) -> usize {
    let mut refused = 0;
    let mut written = 0;
    for (page, draft) in drafts {
        match write_draft(draft, dir) {
            Ok(path) => {
                for key in draft.unresolved() {
                    eprintln!("readouts: to fill in: {}: {key}", path.display());
                }
                if !quiet {
                    eprintln!("readouts: {page}: wrote {}", path.display());
                }
                written += 1;
            }
            Err(e) => {
                refused += 1;
                eprintln!("readouts: refused: {e}");
            }
        }
    }
    if !quiet && written > 0 {
        eprintln!(
            "readouts: {written} statement{}; review the `# inferred` values, then `readouts ingest {}`",
            if written == 1 { "" } else { "s" },
            dir.display()
        );
    }
    refused
}

/// A page (URL or file) as a draft; a URL's redirects stay on its site.
pub fn draft_of(fetcher: &mut Fetcher, page: &str, profile: Option<&str>) -> Result<Draft> {
    if is_url(page) {
        fetcher.set_hosts(Hosts::of([page], &[]));
        from_url(fetcher, page, profile).map(|(d, _)| d)
    } else {
        from_file(Path::new(page), profile, fetcher.options().timeout)
    }
}

/// Take the writer lock, write the drafts' statement files (never over
/// another page's) and ingest them in one commit; also how many could not be
/// written.
fn ingest_drafts(
    ctx: &Context,
    places: &Places,
    drafts: &[(&str, Draft)],
    args: &Args,
) -> Result<(readouts::IngestSummary, usize)> {
    let index = ctx.open_or_create_index()?;
    let options = IngestOptions {
        wait: args.wait,
        ..IngestOptions::default()
    };
    let mut run = Ingest::begin(&index, &options)?;
    let mut folder = Folder::open(&places.statements)?;
    let mut refused = 0;
    for (page, draft) in drafts {
        match accept(draft, &mut folder, page) {
            Ok(placed) => {
                say_placed(page, &placed, args.quiet);
                run.add_source(&Source {
                    path: placed.path,
                    format: SourceFormat::StatementFile,
                })?;
            }
            Err(e) => {
                refused += 1;
                eprintln!("readouts: refused: {e}");
            }
        }
    }
    let summary = run.commit()?;
    for e in &summary.errors {
        eprintln!("readouts: rejected: {e}");
    }
    Ok((summary, refused))
}

/// Where a page's statement went, and (always) when its id had to change
/// because the generated one names another page.
pub fn say_placed(page: &str, placed: &Placed, quiet: bool) {
    if let Some((taken, other)) = &placed.moved_from {
        eprintln!(
            "readouts: {page}: the id {taken} already names another page ({other}); this page's statement is {}",
            placed.path.display()
        );
    } else if !quiet {
        eprintln!("readouts: {page}: wrote {}", placed.path.display());
    }
}
