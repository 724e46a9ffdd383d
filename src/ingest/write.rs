//! Writing one statement of a run: the duplicate-id check within the run,
//! its translation link ([`super::pairs`]), the upsert and its count.

use std::path::Path;
use std::sync::Arc;

use super::Ingest;
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::index::store::Put;
use crate::model::Statement;

impl Ingest<'_> {
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
    pub(super) fn add_from(
        &mut self,
        statement: Result<Statement>,
        read_from: &Arc<Path>,
    ) -> Result<bool> {
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
        let statement = match self.link(statement) {
            Ok(Some(statement)) => statement,
            Ok(None) => {
                self.seen.insert(id, read_from.clone());
                return Ok(true);
            }
            Err(e) => {
                // Its indexed version stays (not removed at commit).
                self.seen.insert(id.clone(), read_from.clone());
                self.pairs.keep(id);
                self.reject(e);
                return Ok(false);
            }
        };
        self.seen.insert(id, read_from.clone());
        self.put_counted(&statement)?;
        Ok(true)
    }

    /// Write a statement and count what that did.
    pub(super) fn put_counted(&mut self, statement: &Statement) -> Result<()> {
        let put = self.store.put(statement)?;
        match put {
            Put::Added => self.summary.added += 1,
            Put::Updated => self.summary.updated += 1,
            Put::Unchanged => self.summary.unchanged += 1,
        }
        let lang = &statement.meta.lang;
        if put != Put::Unchanged && Analysis::for_lang(lang) == Analysis::Plain {
            *self.summary.plain_analysis.entry(lang.clone()).or_default() += 1;
        }
        Ok(())
    }
}
