//! What an ingest run reports: its counts ([`IngestSummary`]) and its
//! progress as it goes ([`Progress`]).

use std::path::Path;

use serde::Serialize;

use crate::error::Error;

/// Counts of one ingest run, by statement.
#[derive(Debug, Default, Serialize)]
pub struct IngestSummary {
    /// New statements.
    pub added: usize,
    /// Statements whose content changed and were replaced.
    pub updated: usize,
    /// Statements already indexed with the same content.
    pub unchanged: usize,
    /// Statements removed (their file no longer holds them, or `prune`).
    pub removed: usize,
    /// Inputs (files or records) that were rejected.
    pub rejected: usize,
    /// Statements of unchanged files that `readouts remove` took out and
    /// that stay out until their file changes (or is removed with
    /// `remove --source` and ingested again), by id.
    pub held_out: Vec<String>,
    /// Translation links set from the pairs file (`ingest --pairs`).
    pub linked: usize,
    /// Translation links undone: pairs the pairs file set before and no
    /// longer holds.
    pub unlinked: usize,
    /// Passages written by this run.
    pub passages: usize,
    /// Statements of files under the given folders that are gone, kept
    /// because `prune` was not asked for.
    pub source_gone: usize,
    /// Statements added or replaced in a language readouts cannot analyse,
    /// by language tag: their words are indexed lower-cased, not stemmed
    /// ([`crate::analysis::Analysis::Plain`]).
    pub plain_analysis: std::collections::BTreeMap<String, usize>,
    /// Why each rejected input was rejected.
    #[serde(serialize_with = "as_strings")]
    pub errors: Vec<Error>,
    /// Entries of the given folders passed over on purpose, with the reason
    /// (a link back into a folder being read, a link to nothing).
    pub skipped: Vec<String>,
}

fn as_strings<S: serde::Serializer>(
    errors: &[Error],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(errors.iter().map(|e| e.to_string()))
}

/// Progress reporting for long ingests; the CLI draws a bar with it.
pub trait Progress {
    /// The number of sources to read and their bytes (0 for standard input).
    fn start(&self, sources: u64, bytes: u64);
    /// Reading `path`, the `number`-th source (from 1).
    fn reading(&self, _path: &Path, _number: u64) {}
    /// Within the source being read: its bytes read so far and the
    /// statements (records) read from it so far.
    fn read(&self, _bytes: u64, _records: u64) {}
    /// One source was read whole (its `bytes`).
    fn advance(&self, path: &Path, bytes: u64);
    /// All sources were read; the commit (which can take seconds) begins.
    fn committing(&self) {}
    /// Done.
    fn finish(&self);
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64, _: u64) {}
    fn advance(&self, _: &Path, _: u64) {}
    fn finish(&self) {}
}
