//! `readouts add`: publishers' pages (URLs or saved .html files) to statement
//! files for review, or, with `--yes`, straight into the index.

use std::path::{Path, PathBuf};
use std::time::Duration;

use readouts::acquire::fetch::{Cache, FetchOptions, Fetcher, Hosts};
use readouts::acquire::folder::{Folder, Placed};
use readouts::acquire::input::{
    accept, acceptable, from_file, from_url, is_url, saved_pages, write_draft,
};
use readouts::acquire::{Draft, Places};
use readouts::error::{Error, Result};
use readouts::formats::SourceFormat;
use readouts::ingest::{Ingest, IngestOptions, Source};
use readouts::output;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts add --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts add http://en.kremlin.ru/events/president/news/78500 --out drafts/
  readouts add saved/mfa-press-conference.html --out drafts/
  readouts add saved/ --out drafts/            (every .html page of a folder)
  readouts add --url https://www.mfa.gov.cn/eng/xw/fyrbt/lxjzh/202511/t20251124_11700002.html page.html --out drafts/
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
#[command(mut_arg("json", |a| a.help("One JSON object a page on stdout: the page, what read it (profile and layout, or generic), the file written or why it was refused, the values to fill in")))]
pub struct Args {
    /// Page URLs (http, https), saved pages (.html files) or folders of saved pages
    #[arg(required = true, value_name = "URL_OR_FILE")]
    pub pages: Vec<String>,
    /// The address a saved page was taken from (one file only): picks its profile and gives its date when the page does not
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
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
    /// --json.
    #[command(flatten)]
    pub format: JsonFormat,
    /// How pages are fetched.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// What became of one page: its draft (when it could be read) and the file
/// written, or why it was refused.
struct Outcome<'a> {
    page: &'a str,
    draft: Option<Draft>,
    result: std::result::Result<PathBuf, String>,
}

impl<'a> Outcome<'a> {
    fn refused(page: &'a str, draft: Option<Draft>, e: &Error) -> Self {
        eprintln!("readouts: refused: {e}");
        Outcome {
            page,
            draft,
            result: Err(e.to_string()),
        }
    }
}

/// Read every page; write drafts or ingest; `Failure` when any page was refused.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let places = Places::beside(ctx.index_path());
    let mut fetcher = args.fetch.fetcher(&places)?;
    let profile = args.fetch.profile.as_deref();
    let pages = expand_folders(&args.pages)?;
    if args.url.is_some() && (pages.len() != 1 || is_url(&pages[0])) {
        return Err(Error::Usage(
            "--url names the address of one saved page: give one .html file".into(),
        ));
    }
    // Every page is fetched and read before the writer lock is taken.
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut drafts: Vec<(&str, Draft)> = Vec::new();
    for page in &pages {
        match draft_of(&mut fetcher, page, args.url.as_deref(), profile) {
            Err(e) => outcomes.push(Outcome::refused(page, None, &e)),
            Ok(d) => match args.yes.then(|| acceptable(&d, page)).transpose() {
                Err(e) => outcomes.push(Outcome::refused(page, Some(d), &e)),
                Ok(_) => drafts.push((page, d)),
            },
        }
    }
    let mut rejected = 0;
    match &args.out {
        Some(dir) if !args.yes => outcomes.extend(write_drafts(drafts, dir, &args)),
        _ if !drafts.is_empty() => {
            let (summary, placed) = ingest_drafts(ctx, &places, drafts, &args)?;
            rejected = summary.rejected;
            outcomes.extend(placed);
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
    let refused = outcomes.iter().filter(|o| o.result.is_err()).count() + rejected;
    if args.format.get().is_json() {
        let at = |o: &Outcome| pages.iter().position(|p| p == o.page);
        outcomes.sort_by_key(|o| at(o));
        for outcome in &outcomes {
            page_json(ctx, outcome)?;
        }
    }
    Ok(if refused > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// Write drafts for review into `dir`.
fn write_drafts<'a>(drafts: Vec<(&'a str, Draft)>, dir: &Path, args: &Args) -> Vec<Outcome<'a>> {
    let mut outcomes = Vec::new();
    for (page, mut draft) in drafts {
        match write_draft(&mut draft, dir) {
            Ok(path) => {
                for key in draft.unresolved() {
                    eprintln!("readouts: to fill in: {}: {key}", path.display());
                }
                if !args.quiet && !args.format.get().is_json() {
                    eprintln!("readouts: {page}: wrote {}", path.display());
                }
                outcomes.push(Outcome {
                    page,
                    draft: Some(draft),
                    result: Ok(path),
                });
            }
            Err(e) => outcomes.push(Outcome::refused(page, Some(draft), &e)),
        }
    }
    let written = outcomes.iter().filter(|o| o.result.is_ok()).count();
    if !args.quiet && written > 0 {
        let refused = outcomes.len() - written;
        eprintln!(
            "readouts: {written} statement{} written, {refused} page{} refused; review the `# inferred` values, then `readouts ingest {}`",
            if written == 1 { "" } else { "s" },
            if refused == 1 { "" } else { "s" },
            dir.display()
        );
    }
    outcomes
}

/// `--json`: one line for a page.
fn page_json(ctx: &mut Context, outcome: &Outcome) -> Result<()> {
    let draft = outcome.draft.as_ref();
    let line = PageLine {
        page: outcome.page,
        reading: draft.and_then(|d| d.reading.as_deref()),
        id: draft.and_then(|d| d.value("id")),
        written: outcome
            .result
            .as_ref()
            .ok()
            .map(|p| p.display().to_string()),
        refused: outcome.result.as_ref().err().cloned(),
        to_fill_in: draft.map(|d| d.unresolved()).unwrap_or_default(),
    };
    output::json::line(ctx.out, &line)
}

/// What `add --json` prints for a page.
#[derive(serde::Serialize)]
struct PageLine<'a> {
    page: &'a str,
    reading: Option<&'a str>,
    id: Option<&'a str>,
    written: Option<String>,
    refused: Option<String>,
    to_fill_in: Vec<&'a str>,
}

/// A page (URL or file) as a draft; a URL's redirects stay on its site;
/// `url` is a saved page's address.
pub fn draft_of(
    fetcher: &mut Fetcher,
    page: &str,
    url: Option<&str>,
    profile: Option<&str>,
) -> Result<Draft> {
    if is_url(page) {
        fetcher.set_hosts(Hosts::of([page], &[]));
        from_url(fetcher, page, profile).map(|(d, _)| d)
    } else {
        from_file(Path::new(page), url, profile, fetcher.options().timeout)
    }
}

/// The pages to read: URLs and files as given, a folder as its saved pages.
fn expand_folders(pages: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for page in pages {
        if is_url(page) {
            out.push(page.clone());
        } else {
            let found = saved_pages(Path::new(page))?;
            if found.is_empty() {
                return Err(Error::Usage(format!(
                    "{page}: no .html pages in this folder"
                )));
            }
            out.extend(found.into_iter().map(|p| p.display().to_string()));
        }
    }
    Ok(out)
}

/// Take the writer lock, write the drafts' statement files (never over
/// another page's) and ingest them in one commit; what became of each page.
fn ingest_drafts<'a>(
    ctx: &Context,
    places: &Places,
    drafts: Vec<(&'a str, Draft)>,
    args: &Args,
) -> Result<(readouts::IngestSummary, Vec<Outcome<'a>>)> {
    let index = ctx.open_or_create_index()?;
    let options = IngestOptions {
        wait: args.wait,
        ..IngestOptions::default()
    };
    let mut run = Ingest::begin(&index, &options)?;
    let mut folder = Folder::open(&places.statements)?;
    let mut outcomes = Vec::new();
    for (page, draft) in drafts {
        match accept(&draft, &mut folder, page) {
            Ok(placed) => {
                say_placed(page, &placed, args.quiet || args.format.get().is_json());
                run.add_source(&Source {
                    path: placed.path.clone(),
                    format: SourceFormat::StatementFile,
                })?;
                outcomes.push(Outcome {
                    page,
                    draft: Some(draft),
                    result: Ok(placed.path),
                });
            }
            Err(e) => outcomes.push(Outcome::refused(page, Some(draft), &e)),
        }
    }
    let summary = run.commit()?;
    for e in &summary.errors {
        eprintln!("readouts: rejected: {e}");
    }
    Ok((summary, outcomes))
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
