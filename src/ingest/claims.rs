//! Which source a statement belongs to: one id has one source (a second
//! file claiming it is refused), what a file holds is recorded for the
//! manifest, and a file rewritten mid-read keeps what was read listed.

use std::collections::HashSet;

use super::{Ingest, Source};
use crate::error::{Error, Result};
use crate::index::manifest::key_path;
use crate::index::SourceRecord;
use crate::model::Statement;

impl Ingest<'_> {
    /// One id has one source: a statement whose id another existing source
    /// holds is refused, both paths named (the other file must give it up
    /// first, or be removed with `readouts remove --source`). A source that
    /// is gone gives its ids up to the next one that claims them.
    pub(super) fn claim(&mut self, statement: Statement, key: Option<&str>) -> Result<Statement> {
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

    /// A source rewritten while it was read: what was read is kept and
    /// listed under the file beside what it held before (so `--source` and
    /// `--prune` reach every statement of it), nothing is removed, and the
    /// manifest's empty hash makes the next ingest read it whole and remove
    /// what it no longer holds.
    pub(super) fn keep_what_was_read(&mut self, source: &Source, key: &str, ids: &[String]) {
        self.reject(Error::File {
            path: source.path.clone(),
            reason: format!(
                "the file changed while it was read; the {} statements read are kept, nothing it held was removed; run ingest again to read it whole",
                ids.len()
            ),
        });
        let mut all = ids.to_vec();
        self.keep_held(key, &mut all);
        self.record_source(key.to_string(), String::new(), all);
    }

    /// Add to `ids` every statement the file `key` held before and `ids`
    /// lacks, so that recording them removes nothing: for a file that
    /// changed while read, or one with a rejected record (whose id may be
    /// one it held: a typo in a file must not delete its indexed statement;
    /// removal waits for a clean read).
    pub(super) fn keep_held(&self, key: &str, ids: &mut Vec<String>) {
        let Some(old) = self.manifest.get(key) else {
            return;
        };
        let known: HashSet<String> = ids.iter().cloned().collect();
        ids.extend(old.ids.iter().filter(|id| !known.contains(*id)).cloned());
    }

    /// Remember what a file holds now; statements it held before and no
    /// longer does are removed at commit.
    pub(super) fn record_source(&mut self, key: String, hash: String, ids: Vec<String>) {
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
        self.manifest.insert(
            key,
            SourceRecord {
                hash,
                ids,
                ..SourceRecord::default()
            },
        );
        self.manifest_changed = true;
    }
}
