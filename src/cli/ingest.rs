//! `readouts ingest`: add or update statements.

use std::path::PathBuf;
use std::time::Instant;

use readouts::error::Result;
use readouts::ingest::{ingest_paths, IngestOptions};
use readouts::output::{self, progress::Bar};

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts ingest --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts ingest fixtures/
  readouts ingest fixtures/ --prune --quiet
  readouts ingest fixtures/us-2025-11-24-trump-post.md --json --wait
  readouts ingest - < statements.jsonl
  readouts ingest --pairs translations.csv
  readouts ingest statements/ --pairs translations.tsv";

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("json", |a| a.help("Print the summary as one JSON object on stdout")))]
pub struct Args {
    /// Statement files (.md, .txt), JSON Lines (.jsonl), folders, or `-`
    #[arg(required_unless_present = "pairs", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// --json.
    #[command(flatten)]
    pub format: JsonFormat,
    /// No progress bar and no summary on stderr (rejections are still reported)
    #[arg(long, short)]
    pub quiet: bool,
    /// Wait for another ingest to finish instead of failing
    #[arg(long)]
    pub wait: bool,
    /// Indexing threads [default: available cores, at most 4]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Also remove statements whose source file (under the given folders) is gone
    #[arg(long)]
    pub prune: bool,
    /// Set translation links from a CSV or TSV file of `original id, translation id`
    /// (header optional; see docs/formats.md)
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,
}

/// Ingest; `Failure` when any input was rejected (the rest is committed).
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let started = Instant::now();
    let index = ctx.open_or_create_index()?;
    let bar = Bar::new(args.quiet);
    let options = IngestOptions {
        wait: args.wait,
        threads: args.threads,
        prune: args.prune,
        pairs: args.pairs,
    };
    let summary = ingest_paths(&index, &args.paths, &options, &bar)?;
    for line in output::problems::grouped(&summary.errors, output::problems::EXAMPLES_PER_KIND) {
        eprintln!("readouts: rejected: {line}");
    }
    for skipped in &summary.skipped {
        eprintln!("readouts: skipped: {skipped}");
    }
    if summary.source_gone > 0 {
        let n = summary.source_gone;
        eprintln!(
            "readouts: {n} statement{} source is gone; use --prune to remove {}",
            if n == 1 { "'s" } else { "s'" },
            if n == 1 { "it" } else { "them" }
        );
    }
    for (lang, n) in &summary.plain_analysis {
        eprintln!(
            "readouts: note: {n} statement{} in language {lang:?} indexed with plain words \
             (lower-cased, not stemmed): readouts cannot analyse that language",
            if *n == 1 { "" } else { "s" }
        );
    }
    if args.format.get().is_json() {
        output::json::line(ctx.out, &summary)?;
    }
    if !args.quiet {
        eprintln!(
            "readouts: {}: {}",
            ctx.index_path().display(),
            output::text::ingest_summary(&summary, started.elapsed().as_secs_f64())
        );
    }
    Ok(if summary.rejected > 0 {
        Exit::Failure
    } else {
        Exit::Success
    })
}
