//! Writing: one writer session that upserts statements by id and commits
//! once, recording the schema version and the manifest with the data.
//!
//! The store knows nothing of files: the ingest service decides what to put
//! and what to delete, this module makes it so in one commit.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::duplicates::Linker;
use super::{codec, Manifest, ReadoutsIndex};
use crate::error::{Error, Result};
use crate::model::Statement;

/// What putting a statement did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// It was not in the index.
    Added,
    /// It was, with other content: its passages were replaced.
    Updated,
    /// It was, with the same content: nothing written.
    Unchanged,
}

/// A writer session: holds the writer lock until [`Upsert::commit`] or drop
/// (a dropped session commits nothing).
pub struct Upsert<'a> {
    index: &'a ReadoutsIndex,
    writer: IndexWriter<TantivyDocument>,
    searcher: Searcher,
    passages: usize,
    linker: Linker,
}

impl<'a> Upsert<'a> {
    /// Take the writer lock (waiting for it when `wait`), with `threads`
    /// indexing threads (default: available cores, at most 4).
    pub fn begin(index: &'a ReadoutsIndex, wait: bool, threads: Option<usize>) -> Result<Self> {
        if let Some(n) = threads.filter(|n| !(1..=super::MAX_THREADS).contains(n)) {
            return Err(Error::Usage(format!(
                "--threads {n}: between 1 and {} indexing threads",
                super::MAX_THREADS
            )));
        }
        let writer = match threads {
            Some(n) => index.writer_with_threads(n, wait)?,
            None => index.writer(wait)?,
        };
        // Holding the lock, no rebuild is running: what killed ones left
        // beside the index (a full copy each) can go.
        if let Ok(real) = std::fs::canonicalize(&index.path) {
            super::swap::remove_stale_siblings(&real);
        }
        // A writer killed between writing a file and committing (a delete
        // bitset `<segment>.<opstamp>.del`, a new segment) left it managed but
        // unused. This session would write the same name again at the same
        // opstamp and fail with "FileAlreadyExists": collect such files first.
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| super::writer_error(&index.path, e))?;
        Ok(Upsert {
            index,
            writer,
            searcher: index.searcher()?,
            passages: 0,
            linker: Linker::default(),
        })
    }

    /// The index being written.
    pub fn index(&self) -> &ReadoutsIndex {
        self.index
    }

    /// Passages written so far.
    pub fn passages(&self) -> usize {
        self.passages
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.index.fields().doc_id, id)
    }

    fn fail(&self, e: tantivy::TantivyError) -> Error {
        super::writer_error(&self.index.path, e)
    }

    /// The content hash recorded for a statement id, if the last commit holds it.
    pub fn indexed_hash(&self, id: &str) -> Result<Option<String>> {
        // A fresh index holds nothing to compare with.
        if self.searcher.num_docs() == 0 {
            return Ok(None);
        }
        let query = TermQuery::new(self.id_term(id), IndexRecordOption::Basic);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.fail(e))?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument =
            super::read_doc(&self.searcher, *address).map_err(|e| self.fail(e))?;
        Ok(doc
            .get_first(self.index.fields().content_hash)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// Add a statement, or replace the one with its id when its content
    /// differs; a statement added or replaced joins the near-duplicate group
    /// of the statement it repeats ([`super::duplicates`]).
    pub fn put(&mut self, statement: &Statement) -> Result<Put> {
        let hash = statement.content_hash();
        let put = match self.indexed_hash(&statement.meta.id)? {
            Some(old) if old == hash => return Ok(Put::Unchanged),
            Some(_) => {
                self.writer.delete_term(self.id_term(&statement.meta.id));
                Put::Updated
            }
            None => Put::Added,
        };
        let links = self
            .linker
            .link(&self.searcher, self.index.fields(), statement)
            .map_err(|e| self.fail(e))?;
        for doc in codec::encode_linked(self.index.fields(), statement, &hash, Some(&links)) {
            self.writer.add_document(doc).map_err(|e| self.fail(e))?;
            self.passages += 1;
        }
        Ok(put)
    }

    /// Delete a statement by id; true if the last commit held it.
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        if self.indexed_hash(id)?.is_none() {
            return Ok(false);
        }
        self.writer.delete_term(self.id_term(id));
        Ok(true)
    }

    /// Commit everything put and deleted, with `manifest`, in one commit; wait
    /// for merges; release the lock.
    pub fn commit(mut self, manifest: Manifest) -> Result<()> {
        self.index.commit(&mut self.writer, manifest)?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| super::writer_error(&self.index.path, e))
    }

    /// Release the lock without committing anything.
    pub fn abandon(self) -> Result<()> {
        let Upsert {
            mut writer, index, ..
        } = self;
        writer
            .rollback()
            .map_err(|e| Error::index(&index.path, e))?;
        Ok(())
    }
}
