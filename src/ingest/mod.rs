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
mod claims;
mod owners;
mod pairs;
pub mod reindex;
pub mod remove;
mod report;
pub mod sources;
pub mod stored;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::formats::{statement_file, SourceFormat};
use crate::index::manifest::{file_hash, file_hash_streaming, key_path, manifest_key};
use crate::index::store::Upsert;
use crate::index::{Manifest, ReadoutsIndex};
use crate::model::Statement;
pub use report::{IngestSummary, NoProgress, Progress};
pub use sources::{discover, Source};

/// Options of an ingest run.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Wait for another writer instead of failing.
    pub wait: bool,
    /// Indexing threads (default: available cores, at most 4).
    pub threads: Option<usize>,
    /// Remove the statements of manifest files under the given folders that are gone.
    pub prune: bool,
    /// A pairs file (`original id, translation id`, [`crate::formats::pairs`]):
    /// set the translation links it names.
    pub pairs: Option<PathBuf>,
}

/// An ingest in progress: holds the writer lock until [`Ingest::commit`].
pub struct Ingest<'a> {
    store: Upsert<'a>,
    /// Statement id → the path it was read from in this run (one shared
    /// path per source: a JSON Lines file of a million records holds one).
    seen: HashMap<String, Arc<Path>>,
    /// Statement id → the manifest key of the one source that holds it.
    owners: owners::Owners,
    summary: IngestSummary,
    manifest: Manifest,
    manifest_changed: bool,
    pairs: pairs::Pairs,
    removals: Vec<String>,
    progress: Option<&'a dyn Progress>,
}

impl<'a> Ingest<'a> {
    /// Take the writer lock and start a run.
    pub fn begin(index: &'a ReadoutsIndex, options: &IngestOptions) -> Result<Ingest<'a>> {
        let store = Upsert::begin(index, options.wait, options.threads)?;
        let manifest = index.manifest()?;
        Ok(Ingest {
            store,
            seen: HashMap::new(),
            owners: owners::Owners::of(&manifest),
            pairs: pairs::Pairs::of(&manifest),
            summary: IngestSummary::default(),
            manifest,
            manifest_changed: false,
            removals: Vec::new(),
            progress: None,
        })
    }

    /// Report the bytes and records read within each source to `progress`.
    pub fn set_progress(&mut self, progress: &'a dyn Progress) {
        self.progress = Some(progress);
    }

    /// Replace the manifest (reindex carries the old index's over).
    pub fn set_manifest(&mut self, manifest: Manifest) {
        self.owners = owners::Owners::of(&manifest);
        self.pairs = pairs::Pairs::of(&manifest);
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
        let Some((bytes, hash)) = self.bytes_and_hash(source, key.is_some()) else {
            return Ok(());
        };
        if let (Some(key), Some(hash)) = (&key, &hash) {
            if self.skip_unchanged(key, hash, &source.path) {
                return Ok(());
            }
        }
        crate::index::test_pause(crate::index::TEST_PAUSE_BEFORE_READ_ENV);
        let read = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let statements: Box<dyn Iterator<Item = Result<Statement>>> = match &bytes {
            Some(bytes) => Box::new(std::iter::once(statement_file::parse_bytes(
                &source.path,
                bytes,
            ))),
            None => sources::statements_counted(source, &read),
        };
        let mut records = 0;
        let mut ids = Vec::new();
        let mut clean = true;
        let read_from: Arc<Path> = match &key {
            Some(absolute) => key_path(absolute).into(),
            None => source.path.as_path().into(),
        };
        for mut statement in statements {
            // Statements record where they came from as an absolute path,
            // whatever folder ingest ran in.
            if let (Ok(s), Some(_)) = (statement.as_mut(), key.as_ref()) {
                s.path = read_from.to_path_buf();
            }
            records += 1;
            if let Some(progress) = self.progress {
                progress.read(read.load(std::sync::atomic::Ordering::Relaxed), records);
            }
            let statement = statement.and_then(|s| self.claim(s, key.as_deref()));
            let id = statement.as_ref().ok().map(|s| s.meta.id.clone());
            let accepted = self.add_from(statement, &read_from)?;
            // A statement refused for a pair conflict keeps its indexed
            // version, still this file's.
            if accepted || id.as_ref().is_some_and(|id| self.pairs.kept(id)) {
                ids.extend(id);
            }
            clean &= accepted;
        }
        if let Some(key) = key.as_ref().filter(|_| stamp(&source.path) != before) {
            self.keep_what_was_read(source, key, &ids);
            return Ok(());
        }
        if let (Some(key), Some(hash)) = (key, hash) {
            if !clean {
                self.keep_held(&key, &mut ids);
            }
            self.record_source(key, if clean { hash } else { String::new() }, ids);
        }
        Ok(())
    }

    /// A statement file's bytes (read once, for its hash and its statement)
    /// and, for a source in the manifest, its hash (a JSON Lines file is
    /// hashed in pieces, then read record by record); `None` when the source
    /// cannot be read (rejected).
    fn bytes_and_hash(
        &mut self,
        source: &Source,
        keyed: bool,
    ) -> Option<(Option<Vec<u8>>, Option<String>)> {
        let bytes = match source.format {
            SourceFormat::StatementFile => match sources::read_statement_file(&source.path) {
                Ok(bytes) => Some(bytes),
                Err(e) => {
                    self.reject(e);
                    return None;
                }
            },
            SourceFormat::JsonLines => None,
        };
        let hash = match (keyed, &bytes) {
            (false, _) => None,
            (true, Some(bytes)) => Some(file_hash(bytes)),
            (true, None) => match file_hash_streaming(&source.path) {
                Ok(hash) => Some(hash),
                Err(e) => {
                    self.reject(e);
                    return None;
                }
            },
        };
        Some((bytes, hash))
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
        let path: Arc<Path> = path.into();
        for id in &record.ids {
            self.seen.entry(id.clone()).or_insert_with(|| path.clone());
        }
        self.summary.unchanged += record.ids.len();
        self.summary
            .held_out
            .extend(record.held_out.iter().cloned());
        true
    }

    /// Forget manifest files under `roots` that no longer exist, and remove
    /// their statements (unless another file of this run holds them now).
    pub fn prune(&mut self, roots: &[PathBuf]) {
        for key in self.gone_sources(roots) {
            if let Some(record) = self.manifest.remove(&key) {
                for id in &record.ids {
                    self.owners.release(id, &key);
                }
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

    /// Commit everything added (one commit), release the lock, return the counts.
    pub fn commit(mut self) -> Result<IngestSummary> {
        self.finish_pairs()?;
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
    let sources::Discovered {
        sources,
        errors,
        skipped,
    } = discover(paths);
    for e in errors {
        run.reject(e);
    }
    if let Some(pairs) = &options.pairs {
        run.add_pairs(pairs)?;
    }
    run.summary.skipped = skipped;
    let size = |s: &Source| std::fs::metadata(&s.path).map_or(0, |m| m.len());
    let sizes: Vec<u64> = sources.iter().map(size).collect();
    progress.start(sources.len() as u64, sizes.iter().sum());
    run.set_progress(progress);
    for (number, (source, bytes)) in sources.iter().zip(&sizes).enumerate() {
        progress.reading(&source.path, number as u64 + 1);
        run.add_source(source)?;
        progress.advance(&source.path, *bytes);
    }
    if options.prune {
        run.prune(paths);
    } else {
        run.count_gone(paths);
    }
    progress.committing();
    let summary = run.commit();
    progress.finish();
    summary
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

#[cfg(test)]
mod progress_tests;
