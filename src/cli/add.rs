//! `readouts add`: publishers' pages (URLs or saved .html files) to statement
//! files for review, or, with `--yes`, straight into the index.

use std::path::PathBuf;
use std::time::Duration;

use readouts::acquire::fetch::{Cache, FetchOptions, Fetcher};
use readouts::acquire::input::{accept, from_file, from_url, is_url, saved_pages, write_draft};
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
  readouts add saved/ --out drafts/            (every .html page of a folder)
  readouts add --url https://www.mfa.gov.cn/eng/xw/fyrbt/lxjzh/202511/t20251124_11700002.html page.html --out drafts/
  readouts add https://www.whitehouse.gov/briefings-statements/2025/11/readout/ --yes
  readouts add http://en.kremlin.ru/events/president/news/78500 --offline --out drafts/";

/// How pages are fetched (shared with `update`).
#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Seconds before a request is given up
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Retries after a network error, a 429 or a 5xx (with backoff)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,
    /// Seconds between two requests to one host (robots.txt's Crawl-delay wins if longer)
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    pub delay: f64,
    /// Read pages from the page cache only (beside the index), never the network
    #[arg(long)]
    pub offline: bool,
    /// The page profile to read with [default: by the page's address]
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
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
    /// One JSON object a page on stdout: the page, what read it (profile and layout, or generic), the file written or why it was refused, the values to fill in
    #[arg(long)]
    pub json: bool,
    /// How pages are fetched.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// Read every page; write drafts or ingest; `Failure` when any page was refused.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let places = Places::beside(ctx.index_path());
    let mut fetcher = args.fetch.fetcher(&places)?;
    let mut refused = 0;
    let mut written: Vec<PathBuf> = Vec::new();
    let pages = expand_folders(&args.pages)?;
    if args.url.is_some() && (pages.len() != 1 || is_url(&pages[0])) {
        return Err(Error::Usage(
            "--url names the address of one saved page: give one .html file".into(),
        ));
    }
    for page in &pages {
        let (draft, result) = one_page(&mut fetcher, page, &args, &places);
        if args.json {
            page_json(ctx, page, draft.as_ref(), &result)?;
        }
        match result {
            Ok(path) => {
                if !args.quiet && !args.json {
                    eprintln!("readouts: {page}: wrote {}", path.display());
                }
                written.push(path);
            }
            Err(e) => {
                refused += 1;
                eprintln!("readouts: refused: {e}");
            }
        }
    }
    if args.yes && !written.is_empty() {
        let summary = ingest_files(ctx, &written, args.wait)?;
        refused += summary.rejected;
        if !args.quiet {
            eprintln!(
                "readouts: {}: {}",
                ctx.index_path().display(),
                output::text::ingest_summary(&summary, 0.0)
            );
        }
    } else if !args.quiet && !written.is_empty() {
        if let Some(dir) = &args.out {
            eprintln!(
                "readouts: {} statement{} written, {refused} page{} refused; review the `# inferred` values, then `readouts ingest {}`",
                written.len(),
                if written.len() == 1 { "" } else { "s" },
                if refused == 1 { "" } else { "s" },
                dir.display()
            );
        }
    }
    Ok(if refused > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// Read one page and write or accept its draft: the draft (when the page
/// could be read) and the file written, or why not.
fn one_page(
    fetcher: &mut Fetcher,
    page: &str,
    args: &Args,
    places: &Places,
) -> (Option<Draft>, Result<PathBuf>) {
    let draft = match draft_of(
        fetcher,
        page,
        args.url.as_deref(),
        args.fetch.profile.as_deref(),
    ) {
        Ok(d) => d,
        Err(e) => return (None, Err(e)),
    };
    let result = match &args.out {
        Some(dir) if !args.yes => write_draft(&draft, dir).inspect(|path| {
            for key in draft.unresolved() {
                eprintln!("readouts: to fill in: {}: {key}", path.display());
            }
        }),
        _ => accept(&draft, &places.statements, page),
    };
    (Some(draft), result)
}

/// `--json`: one line for a page.
fn page_json(
    ctx: &mut Context,
    page: &str,
    draft: Option<&Draft>,
    result: &Result<PathBuf>,
) -> Result<()> {
    let line = PageLine {
        page,
        reading: draft.and_then(|d| d.reading.as_deref()),
        id: draft.and_then(|d| d.value("id")),
        written: result.as_ref().ok().map(|p| p.display().to_string()),
        refused: result.as_ref().err().map(|e| e.to_string()),
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

/// A page (URL or file) as a draft; `url` is a saved page's address.
pub fn draft_of(
    fetcher: &mut Fetcher,
    page: &str,
    url: Option<&str>,
    profile: Option<&str>,
) -> Result<Draft> {
    if is_url(page) {
        from_url(fetcher, page, profile).map(|(d, _)| d)
    } else {
        from_file(std::path::Path::new(page), url, profile)
    }
}

/// The pages to read: URLs and files as given, a folder as its saved pages.
fn expand_folders(pages: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for page in pages {
        if is_url(page) {
            out.push(page.clone());
        } else {
            let found = saved_pages(std::path::Path::new(page))?;
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

/// Ingest statement files in one commit (the writer lock taken here).
pub fn ingest_files(
    ctx: &Context,
    files: &[PathBuf],
    wait: bool,
) -> Result<readouts::IngestSummary> {
    let index = ctx.open_or_create_index()?;
    let options = IngestOptions {
        wait,
        ..IngestOptions::default()
    };
    let mut run = Ingest::begin(&index, &options)?;
    for path in files {
        run.add_source(&Source {
            path: path.clone(),
            format: SourceFormat::StatementFile,
        })?;
    }
    let summary = run.commit()?;
    for e in &summary.errors {
        eprintln!("readouts: rejected: {e}");
    }
    Ok(summary)
}
