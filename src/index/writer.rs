//! Ingest: statements in, passages out, upserted by document id in one commit.
//!
//! Re-ingesting the same statement changes nothing (its content hash is
//! unchanged); an edited statement replaces all its old passages (delete by the
//! `doc_id` term, then add, in the same commit); a rejected input is counted and
//! reported and never touches what the index holds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, IndexWriter, Searcher, TantivyDocument, Term};

use super::ReadoutsIndex;
use crate::error::{Error, Result};
use crate::formats::{read_source, Source};
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
}

/// An ingest in progress: holds the writer lock until [`Ingest::commit`].
pub struct Ingest<'a> {
    index: &'a ReadoutsIndex,
    writer: IndexWriter<TantivyDocument>,
    searcher: Searcher,
    seen: HashMap<String, PathBuf>,
    summary: IngestSummary,
}

impl<'a> Ingest<'a> {
    /// Take the writer lock and start a run.
    pub fn begin(index: &'a ReadoutsIndex, options: &IngestOptions) -> Result<Ingest<'a>> {
        let writer = match options.threads {
            Some(n) => index.writer_with_threads(n, options.wait)?,
            None => index.writer(options.wait)?,
        };
        let searcher = index.searcher()?;
        Ok(Ingest {
            index,
            writer,
            searcher,
            seen: HashMap::new(),
            summary: IngestSummary::default(),
        })
    }

    /// Count an input that could not be read or parsed.
    pub fn reject(&mut self, error: Error) {
        self.summary.rejected += 1;
        self.summary.errors.push(error);
    }

    /// Add one statement (or count its error).
    pub fn add(&mut self, statement: Result<Statement>) -> Result<()> {
        let statement = match statement {
            Ok(s) => s,
            Err(e) => {
                self.reject(e);
                return Ok(());
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
            return Ok(());
        }
        self.seen.insert(id.clone(), statement.path.clone());

        let hash = statement.content_hash();
        match self.indexed_hash(&id)? {
            Some(old) if old == hash => {
                self.summary.unchanged += 1;
                return Ok(());
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
        Ok(())
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.index.fields().doc_id, id)
    }

    /// The content hash recorded for a document id, if it is indexed.
    fn indexed_hash(&self, id: &str) -> Result<Option<String>> {
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
        if self.summary.added + self.summary.updated + self.summary.removed > 0 {
            self.index.commit(&mut self.writer)?;
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
    let date = DateTime::from_timestamp_secs(
        m.date
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp(),
    );
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

/// Ingest sources: read each, upsert its statements, commit once.
///
/// `pre_rejected` are errors found while discovering the sources (missing
/// paths, unsupported files); they are counted as rejected.
pub fn ingest_sources(
    index: &ReadoutsIndex,
    sources: &[Source],
    pre_rejected: Vec<Error>,
    options: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    let mut run = Ingest::begin(index, options)?;
    for e in pre_rejected {
        run.reject(e);
    }
    progress.start(sources.len() as u64);
    for source in sources {
        for statement in read_source(source) {
            run.add(statement)?;
        }
        progress.advance(&source.path);
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
