//! The ingest service: discover → read → hash → parse → upsert → prune, in
//! one commit; plus `reindex` and the bundled seed statements.
//!
//! Re-ingesting the same statement changes nothing (its content hash is
//! unchanged); an edited statement replaces all its old passages; a rejected
//! input is counted and reported and never touches what the index holds.
//!
//! The manifest (source path → hash of its bytes, statement ids), committed
//! with the data, lets a re-run skip unchanged files without parsing them,
//! remove statements a file no longer holds, and, with `prune`, remove the
//! statements of files that are gone. Sources stream: a JSON Lines file or
//! standard input is read one record at a time.

pub mod bundled;
pub mod reindex;
pub mod remove;
pub mod sources;
pub mod stored;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::formats::{statement_file, SourceFormat};
use crate::index::manifest::{file_hash, file_hash_streaming, key_path, manifest_key};
use crate::index::store::{Put, Upsert};
use crate::index::{Manifest, ReadoutsIndex, SourceRecord};
use crate::model::Statement;
pub use sources::{discover, Source};

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
}

fn as_strings<S: serde::Serializer>(
    errors: &[Error],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(errors.iter().map(|e| e.to_string()))
}

/// Progress reporting for long ingests; the CLI draws a bar with it.
pub trait Progress {
    /// The number of sources to read.
    fn start(&self, sources: u64);
    /// One source was read.
    fn advance(&self, path: &Path);
    /// All sources were read; committing.
    fn finish(&self);
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn advance(&self, _: &Path) {}
    fn finish(&self) {}
}

/// Options of an ingest run.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Wait for another writer instead of failing.
    pub wait: bool,
    /// Indexing threads (default: available cores, at most 4).
    pub threads: Option<usize>,
    /// Remove the statements of manifest files under the given folders that are gone.
    pub prune: bool,
}

/// An ingest in progress: holds the writer lock until [`Ingest::commit`].
pub struct Ingest<'a> {
    store: Upsert<'a>,
    seen: HashMap<String, PathBuf>,
    summary: IngestSummary,
    manifest: Manifest,
    manifest_changed: bool,
    removals: Vec<String>,
}

impl<'a> Ingest<'a> {
    /// Take the writer lock and start a run.
    pub fn begin(index: &'a ReadoutsIndex, options: &IngestOptions) -> Result<Ingest<'a>> {
        let store = Upsert::begin(index, options.wait, options.threads)?;
        Ok(Ingest {
            store,
            seen: HashMap::new(),
            summary: IngestSummary::default(),
            manifest: index.manifest()?,
            manifest_changed: false,
            removals: Vec::new(),
        })
    }

    /// Replace the manifest (reindex carries the old index's over).
    pub fn set_manifest(&mut self, manifest: Manifest) {
        self.manifest = manifest;
        self.manifest_changed = true;
    }

    /// Read one source: skip it if its bytes are unchanged since the last
    /// ingest, else upsert its statements and drop those it no longer holds.
    pub fn add_source(&mut self, source: &Source) -> Result<()> {
        let key = manifest_key(&source.path);
        let before = stamp(&source.path);
        // A statement file is read once, for its hash and its statement; a
        // JSON Lines file is hashed in pieces, then read record by record.
        let bytes = match source.format {
            SourceFormat::StatementFile => match sources::read_statement_file(&source.path) {
                Ok(bytes) => Some(bytes),
                Err(e) => {
                    self.reject(e);
                    return Ok(());
                }
            },
            SourceFormat::JsonLines => None,
        };
        let hash = match (&key, &bytes) {
            (None, _) => None,
            (Some(_), Some(bytes)) => Some(file_hash(bytes)),
            (Some(_), None) => match file_hash_streaming(&source.path) {
                Ok(hash) => Some(hash),
                Err(e) => {
                    self.reject(e);
                    return Ok(());
                }
            },
        };
        if let (Some(key), Some(hash)) = (&key, &hash) {
            if self.skip_unchanged(key, hash, &source.path) {
                return Ok(());
            }
        }
        crate::index::test_pause(crate::index::TEST_PAUSE_BEFORE_READ_ENV);
        let statements: Box<dyn Iterator<Item = Result<Statement>>> = match &bytes {
            Some(bytes) => Box::new(std::iter::once(statement_file::parse_bytes(
                &source.path,
                bytes,
            ))),
            None => sources::statements(source),
        };
        let mut ids = Vec::new();
        let mut clean = true;
        for mut statement in statements {
            // Statements record where they came from as an absolute path,
            // whatever folder ingest ran in.
            if let (Ok(s), Some(absolute)) = (statement.as_mut(), key.as_ref()) {
                s.path = key_path(absolute);
            }
            let id = statement.as_ref().ok().map(|s| s.meta.id.clone());
            if self.add(statement)? {
                ids.extend(id);
            } else {
                clean = false;
            }
        }
        if key.is_some() && stamp(&source.path) != before {
            // Rewritten while it was read: what was read is kept, nothing it
            // held is removed, and the manifest keeps the old hash so the
            // next ingest reads the file whole.
            self.reject(Error::File {
                path: source.path.clone(),
                reason: "the file changed while it was read; nothing it held was removed; run ingest again to read it whole".into(),
            });
            return Ok(());
        }
        if let (Some(key), Some(hash)) = (key, hash) {
            self.record_source(key, if clean { hash } else { String::new() }, ids);
        }
        Ok(())
    }

    /// True (and the statements counted as unchanged) when the manifest has
    /// this file with the same bytes.
    fn skip_unchanged(&mut self, key: &str, hash: &str, path: &Path) -> bool {
        let Some(record) = self.manifest.get(key) else {
            return false;
        };
        if record.hash != hash {
            return false;
        }
        for id in &record.ids {
            self.seen
                .entry(id.clone())
                .or_insert_with(|| path.to_path_buf());
        }
        self.summary.unchanged += record.ids.len();
        true
    }

    /// Remember what a file holds now; statements it held before and no
    /// longer does are removed at commit.
    fn record_source(&mut self, key: String, hash: String, ids: Vec<String>) {
        if let Some(old) = self.manifest.get(&key) {
            let now: HashSet<&String> = ids.iter().collect();
            let gone = old.ids.iter().filter(|id| !now.contains(id)).cloned();
            self.removals.extend(gone);
        }
        self.manifest.insert(key, SourceRecord { hash, ids });
        self.manifest_changed = true;
    }

    /// Forget manifest files under `roots` that no longer exist, and remove
    /// their statements (unless another file of this run holds them now).
    pub fn prune(&mut self, roots: &[PathBuf]) {
        for key in self.gone_sources(roots) {
            if let Some(record) = self.manifest.remove(&key) {
                self.removals.extend(record.ids);
                self.manifest_changed = true;
            }
        }
    }

    /// Manifest files under `roots` that no longer exist.
    fn gone_sources(&self, roots: &[PathBuf]) -> Vec<String> {
        let roots: Vec<PathBuf> = roots
            .iter()
            .filter_map(|r| manifest_key(r))
            .map(|k| key_path(&k))
            .collect();
        self.manifest
            .keys()
            .filter(|k| {
                let file = key_path(k);
                roots.iter().any(|r| file.starts_with(r)) && !file.exists()
            })
            .cloned()
            .collect()
    }

    /// Count the statements of gone files (without `prune`), to say so.
    pub fn count_gone(&mut self, roots: &[PathBuf]) {
        self.summary.source_gone = self
            .gone_sources(roots)
            .iter()
            .filter_map(|k| self.manifest.get(k))
            .map(|r| r.ids.len())
            .sum();
    }

    /// Count an input that could not be read or parsed.
    pub fn reject(&mut self, error: Error) {
        self.summary.rejected += 1;
        self.summary.errors.push(error);
    }

    /// Add one statement (or count its error); true if it was accepted.
    pub fn add(&mut self, statement: Result<Statement>) -> Result<bool> {
        let statement = match statement {
            Ok(s) => s,
            Err(e) => {
                self.reject(e);
                return Ok(false);
            }
        };
        let id = statement.meta.id.clone();
        if let Some(first) = self.seen.get(&id) {
            let reason = format!(
                "document id {id:?} was already read from {} in this run",
                first.display()
            );
            self.reject(Error::File {
                path: statement.path.clone(),
                reason,
            });
            return Ok(false);
        }
        self.seen.insert(id, statement.path.clone());
        let put = self.store.put(&statement)?;
        match put {
            Put::Added => self.summary.added += 1,
            Put::Updated => self.summary.updated += 1,
            Put::Unchanged => self.summary.unchanged += 1,
        }
        let lang = &statement.meta.lang;
        if put != Put::Unchanged && Analysis::for_lang(lang) == Analysis::Plain {
            *self.summary.plain_analysis.entry(lang.clone()).or_default() += 1;
        }
        Ok(true)
    }

    /// Commit everything added (one commit), release the lock, return the counts.
    pub fn commit(mut self) -> Result<IngestSummary> {
        let mut removals = std::mem::take(&mut self.removals);
        removals.sort();
        removals.dedup();
        for id in removals {
            if !self.seen.contains_key(&id) && self.store.delete(&id)? {
                self.summary.removed += 1;
            }
        }
        self.summary.passages = self.store.passages();
        let changed = self.summary.added + self.summary.updated + self.summary.removed > 0;
        if changed || self.manifest_changed {
            self.store.commit(self.manifest)?;
        } else {
            self.store.abandon()?;
        }
        Ok(self.summary)
    }
}

/// A file's size and modification time (`None` for standard input or when
/// it cannot be read): what tells a rewrite during a read.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Ingest files, folders and `-`: discover the sources, read each, upsert its
/// statements, prune if asked, commit once.
pub fn ingest_paths(
    index: &ReadoutsIndex,
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    let mut run = Ingest::begin(index, options)?;
    let (sources, missing) = discover(paths);
    for e in missing {
        run.reject(e);
    }
    progress.start(sources.len() as u64);
    for source in &sources {
        run.add_source(source)?;
        progress.advance(&source.path);
    }
    if options.prune {
        run.prune(paths);
    } else {
        run.count_gone(paths);
    }
    progress.finish();
    run.commit()
}

/// Ingest already-parsed statements (the bundled seed, tests, other programs).
pub fn ingest_statements(
    index: &ReadoutsIndex,
    statements: impl IntoIterator<Item = Result<Statement>>,
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let mut run = Ingest::begin(index, options)?;
    for s in statements {
        run.add(s)?;
    }
    run.commit()
}
