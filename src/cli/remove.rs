//! `readouts remove`: delete statements by id, event or source file.

use std::path::PathBuf;

use readouts::error::{Error, Result};
use readouts::ingest::remove::{remove, RemoveRequest};
use readouts::output;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts remove --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts remove --id us-2025-11-24-trump-post
  readouts remove --event 2025-11-24-xi-trump-call --dry-run
  readouts remove --source fixtures/cnbc-2025-11-bessent-interview.md";

/// Arguments of `remove`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("json", |a| a.help("Print the summary as one JSON object on stdout")))]
pub struct Args {
    /// A statement id; repeatable
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    /// Every statement of this event; repeatable
    #[arg(long = "event", value_name = "ID")]
    pub events: Vec<String>,
    /// Every statement ingested from this file (its manifest entry is dropped,
    /// so ingesting the file again adds them back); repeatable
    #[arg(long = "source", value_name = "PATH")]
    pub sources: Vec<PathBuf>,
    /// List what would be removed; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// --json.
    #[command(flatten)]
    pub format: JsonFormat,
    /// Wait for another ingest to finish instead of failing
    #[arg(long)]
    pub wait: bool,
}

/// Remove; `Success` when something was (or would be) removed, `NoMatch` when nothing matched.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    if args.ids.is_empty() && args.events.is_empty() && args.sources.is_empty() {
        return Err(Error::Usage(
            "remove needs --id, --event or --source (what to remove)".into(),
        ));
    }
    let index = ctx.open_existing_index()?;
    let request = RemoveRequest {
        ids: args.ids,
        events: args.events,
        sources: args.sources,
        dry_run: args.dry_run,
        wait: args.wait,
    };
    let summary = remove(&index, &request)?;
    if args.format.get().is_json() {
        output::json::line(ctx.out, &summary)?;
    }
    let verb = if summary.dry_run {
        "would remove"
    } else {
        "removed"
    };
    for statement in &summary.removed {
        eprintln!(
            "readouts: {verb} {} ({}) [by {}]",
            statement.id, statement.title, statement.by
        );
    }
    for id in &summary.unlinked {
        let undone = if summary.dry_run {
            "would undo"
        } else {
            "undid"
        };
        eprintln!("readouts: {undone} the translation link of {id} (set by the pairs file)");
    }
    for selector in &summary.unmatched {
        eprintln!("readouts: {selector}: no statement matches");
    }
    if summary.removed.is_empty() && summary.unlinked.is_empty() {
        eprintln!("readouts: nothing matched; nothing removed");
    } else {
        eprintln!(
            "readouts: {}: {verb} {} statement(s)",
            ctx.index_path().display(),
            summary.removed.len()
        );
    }
    Ok(Exit::found(
        !summary.removed.is_empty() || !summary.unlinked.is_empty(),
    ))
}
