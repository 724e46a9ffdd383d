//! The statements an index holds, read back one at a time from its stored
//! fields (through the record codec, with the handles of that index's own
//! schema): what `reindex` rebuilds from, in memory bounded by one statement.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::{codec, Fields};
use crate::model::Statement;

/// An index's last commit, read statement by statement.
pub struct StoredStatements {
    searcher: Searcher,
    fields: Fields,
    path: PathBuf,
}

impl StoredStatements {
    /// Open the last commit of `index` (whose folder is `path`, for errors).
    pub fn open(index: &Index, path: &Path) -> Result<StoredStatements> {
        let fields = Fields::resolve(&index.schema())?;
        let reader = index.reader().map_err(|e| Error::index(path, e))?;
        Ok(StoredStatements {
            searcher: reader.searcher(),
            fields,
            path: path.to_path_buf(),
        })
    }

    /// Every statement id the term dictionary names (an id whose passages
    /// were all deleted may be among them: [`Self::load`] gives `None`).
    pub fn ids(&self) -> Result<BTreeSet<String>> {
        let mut ids = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.doc_id)
                .map_err(|e| Error::index(&self.path, e))?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(|e| Error::io(&self.path, e))?;
            while terms.advance() {
                ids.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(ids)
    }

    fn addresses(&self, id: &str) -> Result<Vec<DocAddress>> {
        let term = Term::from_field_text(self.fields.doc_id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| Error::index(&self.path, e))?;
        Ok(found.into_iter().collect())
    }

    fn decode(&self, address: DocAddress) -> Result<codec::StoredPassage> {
        let doc: TantivyDocument = crate::index::read_doc(&self.searcher, address)
            .map_err(|e| Error::index(&self.path, e))?;
        codec::decode(&self.fields, &doc).map_err(|e| Error::File {
            path: self.path.clone(),
            reason: e.0,
        })
    }

    /// The source path statement `id` was ingested from, if the commit holds it.
    pub fn path_of(&self, id: &str) -> Result<Option<PathBuf>> {
        match self.addresses(id)?.first() {
            Some(address) => Ok(Some(PathBuf::from(self.decode(*address)?.path))),
            None => Ok(None),
        }
    }

    /// Statement `id` as stored, its passages in order, if the commit holds it.
    pub fn load(&self, id: &str) -> Result<Option<Statement>> {
        let mut statement: Option<Statement> = None;
        for address in self.addresses(id)? {
            let stored = self.decode(address)?;
            match statement.as_mut() {
                Some(s) => s.passages.push(stored.passage),
                None => {
                    statement = Some(Statement {
                        meta: stored.meta,
                        passages: vec![stored.passage],
                        path: PathBuf::from(stored.path),
                    })
                }
            }
        }
        Ok(statement.map(|mut s| {
            s.passages.sort_by_key(|p| p.number);
            s
        }))
    }
}
