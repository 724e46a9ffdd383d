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
mod owners;
pub mod reindex;
pub mod remove;
pub mod sources;
pub mod stored;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Statement id → the path it was read from in this run (one shared
    /// path per source: a JSON Lines file of a million records holds one).
    seen: HashMap<String, Arc<Path>>,
    /// Statement id → the manifest key of the one source that holds it.
    owners: owners::Owners,
    summary: IngestSummary,
    manifest: Manifest,
    manifest_changed: bool,
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
            if self.add_from(statement, &read_from)? {
                ids.extend(id);
            } else {
                clean = false;
            }
        }
        if let Some(key) = key.as_ref().filter(|_| stamp(&source.path) != before) {
            // Rewritten while it was read: what was read is kept and listed
            // under the file beside what it held before (so `--source` and
            // `--prune` reach every statement of it), nothing is removed, and
            // the manifest's empty hash makes the next ingest read it whole
            // and remove what it no longer holds.
            self.reject(Error::File {
                path: source.path.clone(),
                reason: format!(
                    "the file changed while it was read; the {} statements read are kept, nothing it held was removed; run ingest again to read it whole",
                    ids.len()
                ),
            });
            let held = self
                .manifest
                .get(key)
                .map(|r| r.ids.clone())
                .unwrap_or_default();
            let known: HashSet<&String> = held.iter().collect();
            let new: Vec<String> = ids
                .iter()
                .filter(|id| !known.contains(id))
                .cloned()
                .collect();
            let all = held.iter().cloned().chain(new).collect();
            self.record_source(key.clone(), String::new(), all);
            return Ok(());
        }
        if let (Some(key), Some(hash)) = (key, hash) {
            self.record_source(key, if clean { hash } else { String::new() }, ids);
        }
        Ok(())
    }

    /// One id has one source: a statement whose id another existing source
    /// holds is refused, both paths named (the other file must give it up
    /// first, or be removed with `readouts remove --source`). A source that
    /// is gone gives its ids up to the next one that claims them.
    fn claim(&mut self, statement: Statement, key: Option<&str>) -> Result<Statement> {
        let id = &statement.meta.id;
        let Some(owner) = self.owners.owner(id).filter(|o| Some(*o) != key) else {
            return Ok(statement);
        };
        let owner = owner.to_string();
        let held_by = key_path(&owner);
        if held_by.exists() {
            let reason = format!(
                "document id {id:?} is already held by {} (ingested earlier); one id has one \
                 source: change one of the ids, or run `readouts remove --source {}` first",
                held_by.display(),
                held_by.display()
            );
            return Err(Error::File {
                path: statement.path.clone(),
                reason,
            });
        }
        if let Some(record) = self.manifest.get_mut(&owner) {
            record.ids.retain(|held| held != id);
            self.manifest_changed = true;
        }
        self.owners.release(id, &owner);
        Ok(statement)
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
        true
    }

    /// Remember what a file holds now; statements it held before and no
    /// longer does are removed at commit.
    fn record_source(&mut self, key: String, hash: String, ids: Vec<String>) {
        if let Some(old) = self.manifest.get(&key) {
            let now: HashSet<&String> = ids.iter().collect();
            let gone: Vec<String> = old
                .ids
                .iter()
                .filter(|id| !now.contains(id))
                .cloned()
                .collect();
            for id in &gone {
                self.owners.release(id, &key);
            }
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

    /// Add one statement (or count its error); true if it was accepted.
    pub fn add(&mut self, statement: Result<Statement>) -> Result<bool> {
        let read_from: Option<Arc<Path>> = statement.as_ref().ok().map(|s| s.path.as_path().into());
        match read_from {
            Some(path) => self.add_from(statement, &path),
            None => self.add_from(statement, &Arc::from(Path::new(""))),
        }
    }

    /// [`Self::add`], with the path the statement was read from shared by
    /// every statement of its source.
    fn add_from(&mut self, statement: Result<Statement>, read_from: &Arc<Path>) -> Result<bool> {
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
        self.seen.insert(id, read_from.clone());
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
    let sources::Discovered {
        sources,
        errors,
        skipped,
    } = discover(paths);
    for e in errors {
        run.reject(e);
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
mod progress_tests {
    use super::*;
    use std::sync::Mutex;

    /// Records every call.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<String>>);

    impl Progress for Recorder {
        fn start(&self, sources: u64, bytes: u64) {
            self.0
                .lock()
                .unwrap()
                .push(format!("start {sources} {bytes}"));
        }
        fn reading(&self, _: &Path, number: u64) {
            self.0.lock().unwrap().push(format!("reading {number}"));
        }
        fn read(&self, bytes: u64, records: u64) {
            self.0
                .lock()
                .unwrap()
                .push(format!("read {bytes} {records}"));
        }
        fn advance(&self, _: &Path, bytes: u64) {
            self.0.lock().unwrap().push(format!("advance {bytes}"));
        }
        fn committing(&self) {
            self.0.lock().unwrap().push("committing".into());
        }
        fn finish(&self) {
            self.0.lock().unwrap().push("finish".into());
        }
    }

    #[test]
    fn progress_counts_bytes_and_records_within_a_file_and_names_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let line = |i: usize| {
            format!(
                "{{\"id\":\"r{i}\",\"publisher\":\"The White House\",\"country\":\"US\",\"kind\":\"readout\",\
                 \"lang\":\"en\",\"date\":\"2021-01-22\",\"title\":\"R {i}\",\"text\":\"A call on trade.\"}}\n"
            )
        };
        let text: String = (0..2000).map(line).collect();
        let file = dir.path().join("many.jsonl");
        std::fs::write(&file, &text).unwrap();
        let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
        let recorder = Recorder::default();
        let summary = ingest_paths(&index, &[file], &IngestOptions::default(), &recorder).unwrap();
        assert_eq!(summary.added, 2000);
        let calls = recorder.0.into_inner().unwrap();
        assert_eq!(calls[0], format!("start 1 {}", text.len()));
        assert_eq!(calls[1], "reading 1");
        let reads: Vec<(u64, u64)> = calls
            .iter()
            .filter_map(|c| c.strip_prefix("read "))
            .map(|c| {
                let (b, r) = c.split_once(' ').unwrap();
                (b.parse().unwrap(), r.parse().unwrap())
            })
            .collect();
        assert_eq!(reads.len(), 2000, "one report per record");
        assert_eq!(reads.last().unwrap().1, 2000);
        assert!(
            reads.windows(2).all(|w| w[0].0 <= w[1].0),
            "bytes only grow"
        );
        assert!(
            reads[0].0 < text.len() as u64,
            "bytes are reported within the file"
        );
        assert_eq!(reads.last().unwrap().0, text.len() as u64);
        let tail: Vec<&str> = calls.iter().rev().take(3).map(String::as_str).collect();
        assert_eq!(
            tail,
            ["finish", "committing", &format!("advance {}", text.len())]
        );
    }
}
