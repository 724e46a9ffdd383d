//! Ingest: statements in, passages out, upserted by document id in one commit.
//!
//! Re-ingesting the same statement changes nothing (its content hash is
//! unchanged); an edited statement replaces all its old passages (delete by the
//! `doc_id` term, then add, in the same commit); a rejected input is counted and
//! reported and never touches what the index holds.
//!
//! The manifest (source path → hash of its bytes, statement ids), committed in
//! the same commit payload as the data, lets a re-run skip unchanged files
//! without parsing them, remove statements a file no longer holds, and, with
//! `--prune`, remove the statements of files that are gone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::{ReadoutsIndex, SourceRecord};
use crate::error::{Error, Result};
use crate::formats::{discover, load, parse_source, Source};
use crate::model::Statement;

/// Counts of one ingest run, by document.
#[derive(Debug, Default, Serialize)]
pub struct IngestSummary {
    /// New documents.
    pub added: usize,
    /// Documents whose content changed and were replaced.
    pub updated: usize,
    /// Documents already indexed with the same content.
    pub unchanged: usize,
    /// Documents removed (by `--prune`).
    pub removed: usize,
    /// Inputs (files or records) that were rejected.
    pub rejected: usize,
    /// Passages written by this run.
    pub passages: usize,
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
    index: &'a ReadoutsIndex,
    writer: IndexWriter<TantivyDocument>,
    searcher: Searcher,
    seen: HashMap<String, PathBuf>,
    summary: IngestSummary,
    manifest: BTreeMap<String, SourceRecord>,
    manifest_changed: bool,
    removals: Vec<String>,
}

impl<'a> Ingest<'a> {
    /// Take the writer lock and start a run.
    pub fn begin(index: &'a ReadoutsIndex, options: &IngestOptions) -> Result<Ingest<'a>> {
        let writer = match options.threads {
            Some(n) => index.writer_with_threads(n, options.wait)?,
            None => index.writer(options.wait)?,
        };
        let searcher = index.searcher()?;
        let manifest = index.manifest()?;
        Ok(Ingest {
            index,
            writer,
            searcher,
            seen: HashMap::new(),
            summary: IngestSummary::default(),
            manifest,
            manifest_changed: false,
            removals: Vec::new(),
        })
    }

    /// Replace the manifest (reindex carries the old index's over).
    pub fn set_manifest(&mut self, manifest: BTreeMap<String, SourceRecord>) {
        self.manifest = manifest;
        self.manifest_changed = true;
    }

    /// Read one source: skip it if its bytes are unchanged since the last
    /// ingest, else upsert its statements and drop those it no longer holds.
    pub fn add_source(&mut self, source: &Source) -> Result<()> {
        let key = manifest_key(&source.path);
        let bytes = match load(source) {
            Ok(b) => b,
            Err(e) => {
                self.reject(e);
                return Ok(());
            }
        };
        let hash = format!("{:032x}", file_hash(&bytes));
        if let Some(record) = key.as_ref().and_then(|k| self.manifest.get(k)) {
            if record.hash == hash {
                for id in &record.ids {
                    self.seen
                        .entry(id.clone())
                        .or_insert_with(|| source.path.clone());
                }
                self.summary.unchanged += record.ids.len();
                return Ok(());
            }
        }
        let mut ids = Vec::new();
        let mut clean = true;
        for statement in parse_source(source, &bytes) {
            let id = statement.as_ref().ok().map(|s| s.meta.id.clone());
            if self.add(statement)? {
                ids.extend(id);
            } else {
                clean = false;
            }
        }
        if let Some(key) = key {
            if let Some(old) = self.manifest.get(&key) {
                let now: HashSet<&String> = ids.iter().collect();
                let gone = old.ids.iter().filter(|id| !now.contains(id)).cloned();
                self.removals.extend(gone);
            }
            let hash = if clean { hash } else { String::new() };
            self.manifest.insert(key, SourceRecord { hash, ids });
            self.manifest_changed = true;
        }
        Ok(())
    }

    /// Forget manifest files under `roots` that no longer exist, and remove
    /// their statements (unless another file of this run holds them now).
    pub fn prune(&mut self, roots: &[PathBuf]) {
        let roots: Vec<PathBuf> = roots
            .iter()
            .filter_map(|r| manifest_key(r))
            .map(PathBuf::from)
            .collect();
        let gone: Vec<String> = self
            .manifest
            .keys()
            .filter(|k| roots.iter().any(|r| Path::new(k).starts_with(r)) && !Path::new(k).exists())
            .cloned()
            .collect();
        for key in gone {
            if let Some(record) = self.manifest.remove(&key) {
                self.removals.extend(record.ids);
                self.manifest_changed = true;
            }
        }
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
        self.seen.insert(id.clone(), statement.path.clone());

        let hash = statement.content_hash();
        match self.indexed_hash(&id)? {
            Some(old) if old == hash => {
                self.summary.unchanged += 1;
                return Ok(true);
            }
            Some(_) => {
                self.writer.delete_term(self.id_term(&id));
                self.summary.updated += 1;
            }
            None => self.summary.added += 1,
        }
        for doc in passage_documents(self.index, &statement, &hash) {
            self.writer
                .add_document(doc)
                .map_err(|e| Error::index(&self.index.path, e))?;
            self.summary.passages += 1;
        }
        Ok(true)
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.index.fields().doc_id, id)
    }

    /// The content hash recorded for a document id, if it is indexed.
    fn indexed_hash(&self, id: &str) -> Result<Option<String>> {
        // A fresh index holds nothing to compare with.
        if self.searcher.num_docs() == 0 {
            return Ok(None);
        }
        let query = TermQuery::new(self.id_term(id), IndexRecordOption::Basic);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| Error::index(&self.index.path, e))?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = self
            .searcher
            .doc(*address)
            .map_err(|e| Error::index(&self.index.path, e))?;
        Ok(doc
            .get_first(self.index.fields().content_hash)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// Commit everything added (one commit), release the lock, return the counts.
    pub fn commit(mut self) -> Result<IngestSummary> {
        let mut removals = std::mem::take(&mut self.removals);
        removals.sort();
        removals.dedup();
        for id in removals {
            if !self.seen.contains_key(&id) && self.indexed_hash(&id)?.is_some() {
                self.writer.delete_term(self.id_term(&id));
                self.summary.removed += 1;
            }
        }
        let changed = self.summary.added + self.summary.updated + self.summary.removed > 0;
        if changed || self.manifest_changed {
            let manifest = std::mem::take(&mut self.manifest);
            self.index.commit(&mut self.writer, manifest)?;
        }
        self.writer
            .wait_merging_threads()
            .map_err(|e| Error::index(&self.index.path, e))?;
        Ok(self.summary)
    }
}

/// The tantivy documents (one per passage) of a statement.
pub fn passage_documents(
    index: &ReadoutsIndex,
    statement: &Statement,
    hash: &str,
) -> Vec<TantivyDocument> {
    let f = index.fields();
    let m = &statement.meta;
    let date = super::day_to_index(m.date);
    let path = statement.path.to_string_lossy();
    statement
        .passages
        .iter()
        .map(|p| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.doc_id, &m.id);
            doc.add_u64(f.passage, p.number);
            doc.add_text(f.publisher, &m.publisher);
            doc.add_text(f.country, &m.country);
            doc.add_text(f.kind, &m.kind);
            doc.add_text(f.lang, &m.lang);
            doc.add_date(f.date, date);
            doc.add_text(f.title, &m.title);
            doc.add_text(f.title_cjk, &m.title);
            doc.add_text(f.text, &p.text);
            doc.add_text(f.text_cjk, &p.text);
            doc.add_text(f.path, &path);
            doc.add_text(f.content_hash, hash);
            for (field, value) in [
                (f.event, &m.event),
                (f.url, &m.url),
                (f.translation_of, &m.translation_of),
                (f.date_source, &m.date_source),
                (f.notes, &m.notes),
                (f.statement_speaker, &m.speaker),
                (f.speaker, &p.speaker),
            ] {
                if let Some(v) = value {
                    doc.add_text(field, v);
                }
            }
            doc
        })
        .collect()
}

/// The hash the manifest records for a file's bytes (xxh3, 128 bits).
pub fn file_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The manifest key of a file: its absolute path (`None` for standard input).
fn manifest_key(path: &Path) -> Option<String> {
    if path.as_os_str() == "-" {
        return None;
    }
    let absolute = std::fs::canonicalize(path)
        .ok()
        .or_else(|| std::path::absolute(path).ok())?;
    Some(absolute.to_string_lossy().into_owned())
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
    }
    progress.finish();
    run.commit()
}

/// Ingest already-parsed statements (the bundled fixtures, tests).
pub fn ingest_statements(
    index: &ReadoutsIndex,
    statements: Vec<Result<Statement>>,
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let mut run = Ingest::begin(index, options)?;
    for s in statements {
        run.add(s)?;
    }
    run.commit()
}
