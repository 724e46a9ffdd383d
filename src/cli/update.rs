//! `readouts update`: read the configured sources (feeds, listing pages),
//! fetch the items not seen before, ingest their statements; for cron.

use std::path::PathBuf;

use readouts::acquire::feeds::{
    feed_items, listing_items, read_sources, Item, Seen, Source as FeedSource, SourceKind,
};
use readouts::acquire::fetch::{parse_url, Fetcher, Hosts};
use readouts::acquire::folder::{remove_stale_temps, Folder};
use readouts::acquire::input::{accept, acceptable, from_url};
use readouts::acquire::{Draft, Places};
use readouts::error::{Error, Result};
use readouts::formats::SourceFormat;
use readouts::ingest::{Ingest, IngestOptions, Source};

use super::add::{say_placed, FetchArgs};
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts update --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts update                       # the sources.toml beside the index
  readouts update --sources my-sources.toml --quiet
  */30 * * * * readouts update --quiet --wait   # crontab: every 30 minutes";

/// Arguments of `update`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The sources file [default: sources.toml beside the index]
    #[arg(long, value_name = "FILE")]
    pub sources: Option<PathBuf>,
    /// Wait for another ingest or update to finish instead of failing
    #[arg(long)]
    pub wait: bool,
    /// Only the summary line's problems on stderr: no per-item lines, no summary
    #[arg(long, short)]
    pub quiet: bool,
    /// How pages are fetched.
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// What one run did.
#[derive(Default)]
struct Tally {
    /// Items read, not yet written: source name, item, draft.
    read: Vec<(String, Item, Draft)>,
    /// Items written for the index.
    new: Vec<(String, Item)>,
    failed: usize,
    skipped: usize,
}

/// Update; `Failure` when a source or an item failed (the rest is ingested).
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let places = Places::beside(ctx.index_path());
    let sources_path = args
        .sources
        .clone()
        .unwrap_or_else(|| places.sources.clone());
    if !sources_path.exists() {
        return Err(Error::Usage(format!(
            "no sources file at {}; write one (see `readouts update --help` and docs/pages.md) or pass --sources FILE",
            sources_path.display()
        )));
    }
    let sources = read_sources(&sources_path)?;
    let mut fetcher = args.fetch.fetcher(&places)?;
    // Pages are fetched and read before the writer lock is taken.
    let mut tally = collect(&mut fetcher, &sources, &Seen::load(&places.state)?, &args);
    let index = ctx.open_or_create_index()?;
    // The writer lock is held from here to the commit: two updates (or an
    // update and an ingest) never interleave, and the state file follows.
    let options = IngestOptions {
        wait: args.wait,
        ..IngestOptions::default()
    };
    let mut ingest = Ingest::begin(&index, &options)?;
    let mut seen = Seen::load(&places.state)?;
    remove_stale_temps(&places.state);
    let mut folder = Folder::open(&places.statements)?;
    for (name, item, draft) in std::mem::take(&mut tally.read) {
        if seen.has(&name, &item.key) {
            continue; // another update took it meanwhile
        }
        match accept(&draft, &mut folder, &item.link) {
            Ok(placed) => {
                let quiet = args.quiet;
                say_placed(&item.link, &placed, quiet);
                ingest.add_source(&Source {
                    path: placed.path,
                    format: SourceFormat::StatementFile,
                })?;
                tally.new.push((name, item));
            }
            Err(e) => {
                tally.failed += 1;
                eprintln!("readouts: source {name}: refused: {e}");
            }
        }
    }
    let summary = ingest.commit()?;
    for e in &summary.errors {
        eprintln!("readouts: rejected: {e}");
    }
    // Items are remembered only once their statements are committed.
    for (name, item) in &tally.new {
        seen.add(name, &item.key);
    }
    seen.save(&places.state)?;
    let failed = tally.failed + summary.rejected;
    if !args.quiet {
        say_summary(sources.len(), &tally, &summary, failed);
    }
    Ok(if failed > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// The items a feed or listing lists now.
fn items_of(fetcher: &mut Fetcher, from: &SourceKind, limit: usize) -> Result<Vec<Item>> {
    let fetched = fetcher.get(from.url())?;
    match from {
        SourceKind::Feed(url) => feed_items(&fetched.bytes, url, limit),
        SourceKind::Listing(_, links) => {
            let (html, _) =
                readouts::acquire::charset::decode(&fetched.bytes, fetched.content_type.as_deref());
            listing_items(&html, &fetched.url, links.as_deref(), limit)
        }
    }
}

/// Fetch and read the new items of every source (a link that is not http
/// or https, or is on a host that is not the source's, is skipped and said).
fn collect(fetcher: &mut Fetcher, sources: &[FeedSource], seen: &Seen, args: &Args) -> Tally {
    let mut tally = Tally::default();
    for source in sources {
        fetcher.set_hosts(Hosts::of([source.from.url()], &source.hosts));
        let items = match items_of(fetcher, &source.from, source.limit) {
            Ok(items) => items,
            Err(e) => {
                tally.failed += 1;
                eprintln!("readouts: source {}: {e}", source.name);
                continue;
            }
        };
        for item in items
            .into_iter()
            .filter(|i| !seen.has(&source.name, &i.key))
        {
            if let Some(why) = link_refusal(&item.link, fetcher) {
                tally.skipped += 1;
                eprintln!(
                    "readouts: source {}: skipped link {}: {why}",
                    source.name, item.link
                );
                continue;
            }
            let profile = source.profile.as_deref().or(args.fetch.profile.as_deref());
            match from_url(fetcher, &item.link, profile)
                .and_then(|(d, _)| acceptable(&d, &item.link).map(|_| (d, ())))
            {
                Ok((draft, _)) => tally.read.push((source.name.clone(), item, draft)),
                Err(e) => {
                    tally.failed += 1;
                    eprintln!("readouts: source {}: refused: {e}", source.name);
                }
            }
        }
    }
    tally
}

/// Why an item's link is not fetched at all, if so.
fn link_refusal(link: &str, fetcher: &Fetcher) -> Option<String> {
    match parse_url(link) {
        Err(why) => Some(why),
        Ok(url) => fetcher.hosts().refusal(&url),
    }
}

/// The one summary line.
fn say_summary(n_sources: usize, tally: &Tally, summary: &readouts::IngestSummary, failed: usize) {
    let what = if tally.new.is_empty() {
        "nothing new".to_string()
    } else {
        format!(
            "{} new item{} ({} added, {} updated, {} unchanged)",
            tally.new.len(),
            if tally.new.len() == 1 { "" } else { "s" },
            summary.added,
            summary.updated,
            summary.unchanged
        )
    };
    let skipped = match tally.skipped {
        0 => String::new(),
        n => format!("; {n} link{} skipped", if n == 1 { "" } else { "s" }),
    };
    eprintln!(
        "readouts: update: {} source{}: {what}{skipped}; {failed} failed",
        n_sources,
        if n_sources == 1 { "" } else { "s" },
    );
}
