//! `readouts reindex`: rebuild the index from the statements it holds into a
//! new folder beside it, then swap the new one in.
//!
//! Each statement is re-read from its recorded source (the manifest) with
//! today's parsing where the file is unchanged since it was ingested (same
//! byte hash) or is a bundled fixture; otherwise (standard input, edited or
//! vanished files) it is read back from the stored fields of the old index,
//! which hold every passage's text and its statement's metadata. So a rebuild
//! never loses a statement, and it works on an index of an older schema
//! version as long as those fields are there.
//! The old index stays whole until the new one is committed; the writer lock
//! of the old index is held throughout so no ingest runs meanwhile.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::{Index, TantivyDocument};

use super::sources::{self, Source};
use super::{Ingest, IngestOptions};
use crate::error::{Error, Result};
use crate::index::manifest::{file_hash_streaming, read_manifest};
use crate::index::swap::{remove_stale_siblings, sibling, swap_in};
use crate::index::{codec, lock_writer, Fields, Manifest, ReadoutsIndex};
use crate::model::Statement;

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReindexSummary {
    /// Statements rebuilt.
    pub documents: usize,
    /// Passages written.
    pub passages: usize,
}

/// Rebuild the index at `path`.
pub fn reindex(path: &Path, wait: bool) -> Result<ReindexSummary> {
    if !ReadoutsIndex::exists(path) {
        return Err(Error::File {
            path: path.to_path_buf(),
            reason: "no readouts index here to rebuild".into(),
        });
    }
    // The real folder: `.` has no sibling to build beside, and a symlinked
    // index keeps its link (the folder it points to is the one replaced).
    let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let path = real.as_path();
    if !crate::index::read_only::is_writable(path) {
        return Err(Error::File {
            path: path.to_path_buf(),
            reason: "the index folder is not writable (permission denied): reindex needs write access to it and to its parent folder".into(),
        });
    }
    let old = Index::open_in_dir(path).map_err(|e| Error::index(path, e))?;
    crate::analysis::register(old.tokenizers());
    // Hold the old index's writer lock: no ingest may commit while we copy.
    let _lock = lock_writer(&old, path, 1, 15_000_000, wait)?;
    let stored = read_statements(&old, path)?;
    let payload = old.load_metas().ok().and_then(|m| m.payload);
    let manifest = read_manifest(path, payload.as_deref()).unwrap_or_default();
    let statements = from_sources_where_unchanged(stored, &manifest);
    let documents = statements.len();

    remove_stale_siblings(path);
    let staging = sibling(path, "reindex");
    let _ = std::fs::remove_dir_all(&staging);
    let rebuilt = ReadoutsIndex::open_or_create(&staging)?;
    let mut run = Ingest::begin(&rebuilt, &IngestOptions::default())?;
    run.set_manifest(manifest);
    for statement in statements {
        run.add(Ok(statement))?;
    }
    let summary = run.commit()?;
    if let Some(e) = summary.errors.into_iter().next() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    drop(rebuilt);

    swap_in(&staging, path)?;
    drop(_lock);
    // `staging` now holds the old index; readers that had it open keep their
    // memory maps until they finish.
    let _ = std::fs::remove_dir_all(&staging);
    Ok(ReindexSummary {
        documents,
        passages: summary.passages,
    })
}

/// Prefer re-reading each statement from its recorded source, with today's
/// parsing, where the file's bytes are still those ingested (the manifest
/// hash) or the source is a bundled fixture; otherwise keep the stored copy
/// (standard input, edited or vanished files).
fn from_sources_where_unchanged(stored: Vec<Statement>, manifest: &Manifest) -> Vec<Statement> {
    let mut by_id: BTreeMap<String, Statement> =
        stored.into_iter().map(|s| (s.meta.id.clone(), s)).collect();
    // The re-read statement keeps the path it was ingested under, so its
    // content hash (and so the next ingest's "unchanged") is stable.
    fn reread(by_id: &mut BTreeMap<String, Statement>, mut statement: Statement) {
        if let Some(slot) = by_id.get_mut(&statement.meta.id) {
            statement.path = slot.path.clone();
            *slot = statement;
        }
    }
    for statement in super::bundled::statements().into_iter().flatten() {
        let is_bundled_copy = by_id
            .get(&statement.meta.id)
            .is_some_and(|s| s.path == statement.path);
        if is_bundled_copy {
            reread(&mut by_id, statement);
        }
    }
    for (key, record) in manifest {
        let file = Path::new(key);
        let Some(format) = crate::formats::format_of(file) else {
            continue;
        };
        let unchanged = !record.hash.is_empty()
            && file_hash_streaming(file).is_ok_and(|hash| hash == record.hash);
        if !unchanged {
            continue;
        }
        let ids: HashSet<&String> = record.ids.iter().collect();
        let source = Source {
            path: file.to_path_buf(),
            format,
        };
        for statement in sources::statements(&source).flatten() {
            if ids.contains(&statement.meta.id) {
                reread(&mut by_id, statement);
            }
        }
    }
    by_id.into_values().collect()
}

/// Read every statement back from an index's stored fields (through the
/// record codec, with the handles of that index's own schema).
fn read_statements(index: &Index, path: &Path) -> Result<Vec<Statement>> {
    let fields = Fields::resolve(&index.schema())?;
    let reader = index.reader().map_err(|e| Error::index(path, e))?;
    let searcher = reader.searcher();
    let addresses = searcher
        .search(&AllQuery, &DocSetCollector)
        .map_err(|e| Error::index(path, e))?;
    let mut by_id: BTreeMap<String, Statement> = BTreeMap::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| Error::index(path, e))?;
        let stored = codec::decode(&fields, &doc).map_err(|e| Error::File {
            path: path.to_path_buf(),
            reason: e.0,
        })?;
        match by_id.get_mut(&stored.meta.id) {
            Some(statement) => statement.passages.push(stored.passage),
            None => {
                by_id.insert(
                    stored.meta.id.clone(),
                    Statement {
                        meta: stored.meta,
                        passages: vec![stored.passage],
                        path: PathBuf::from(stored.path),
                    },
                );
            }
        }
    }
    Ok(by_id
        .into_values()
        .map(|mut statement| {
            statement.passages.sort_by_key(|p| p.number);
            reattribute(statement)
        })
        .collect())
}

/// A stored statement with its turns and reported speakers worked out again
/// by today's rules and persons (an older index may hold none, or older
/// ones). The paragraphs are the stored ones; if splitting them again would
/// number them differently, the stored statement is kept as it was.
fn reattribute(stored: Statement) -> Statement {
    let body = stored
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let fresh = Statement::new(stored.meta.clone(), &body, stored.path.clone());
    let same_paragraphs = fresh.passages.len() == stored.passages.len()
        && fresh
            .passages
            .iter()
            .zip(&stored.passages)
            .all(|(a, b)| a.text == b.text);
    if same_paragraphs {
        fresh
    } else {
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::SourceRecord;

    #[test]
    fn unchanged_sources_are_reread_and_others_kept_from_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let text = crate::ingest::bundled::FIXTURES[2].1;
        let file = dir.path().join("us.md");
        std::fs::write(&file, text).unwrap();
        let parsed = crate::formats::statement_file::parse(&file, text).unwrap();
        // What an older build stored: same id, other passage text.
        let mut stale = parsed.clone();
        stale.path = PathBuf::from("relative/us.md");
        stale.passages[0].text = "as an older parser split it".into();
        let mut vanished = parsed.clone();
        vanished.meta.id = "gone".into();
        vanished.passages[0].text = "only in the store".into();
        let key = std::fs::canonicalize(&file)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let hash = crate::index::manifest::file_hash(text.as_bytes());
        let manifest = [(
            key,
            SourceRecord {
                hash,
                ids: vec![parsed.meta.id.clone()],
            },
        )]
        .into_iter()
        .collect();

        let rebuilt = from_sources_where_unchanged(vec![stale, vanished], &manifest);
        let us = rebuilt
            .iter()
            .find(|s| s.meta.id == parsed.meta.id)
            .unwrap();
        assert_eq!(
            us.passages, parsed.passages,
            "re-read from the unchanged source"
        );
        assert_eq!(
            us.path,
            PathBuf::from("relative/us.md"),
            "keeps the path it was ingested under"
        );
        let gone = rebuilt.iter().find(|s| s.meta.id == "gone").unwrap();
        assert_eq!(gone.passages[0].text, "only in the store");

        // An edited source is not used: the stored copy stays.
        std::fs::write(&file, text.replace("Soybeans", "Wheat")).unwrap();
        let mut stale = parsed.clone();
        stale.passages[0].text = "stored".into();
        let rebuilt = from_sources_where_unchanged(vec![stale], &manifest);
        assert_eq!(rebuilt[0].passages[0].text, "stored");
    }
}
