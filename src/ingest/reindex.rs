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

use std::collections::HashSet;
use std::path::Path;

use tantivy::Index;

use super::sources::{self, Source};
use super::stored::StoredStatements;
use super::{Ingest, IngestOptions};
use crate::error::{Error, Result};
use crate::index::manifest::{file_hash_streaming, read_manifest};
use crate::index::swap::{remove_stale_siblings, sibling, swap_in};
use crate::index::{lock_writer, Manifest, ReadoutsIndex};
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
    let store = StoredStatements::open(&old, path)?;
    let payload = old.load_metas().ok().and_then(|m| m.payload);
    let manifest = read_manifest(path, payload.as_deref()).unwrap_or_default();

    remove_stale_siblings(path);
    let staging = sibling(path, "reindex");
    let _ = std::fs::remove_dir_all(&staging);
    let rebuilt = ReadoutsIndex::open_or_create(&staging)?;
    let mut run = Ingest::begin(&rebuilt, &IngestOptions::default())?;
    run.set_manifest(manifest.clone());
    let documents = rebuild(&store, &manifest, |statement| {
        run.add(Ok(statement)).map(|_| ())
    })?;
    drop(store);
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

/// Hand every statement the store holds to `add`, one at a time (memory
/// bounded by one statement, whatever the size of the index); return how
/// many.
///
/// Each is re-read from its recorded source with today's parsing where the
/// file's bytes are still those ingested (the manifest hash) or the source
/// is a bundled fixture, keeping the path it was ingested under (so its
/// content hash, and the next ingest's "unchanged", are stable); otherwise
/// (standard input, edited or vanished files) it is the stored copy, its
/// turns and reported speakers worked out again.
fn rebuild(
    store: &StoredStatements,
    manifest: &Manifest,
    mut add: impl FnMut(Statement) -> Result<()>,
) -> Result<usize> {
    let mut pending = store.ids()?;
    let mut documents = 0;
    for (key, record) in manifest {
        let file = &crate::index::manifest::key_path(key);
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
        for mut statement in sources::statements(&source).flatten() {
            let id = &statement.meta.id;
            if !ids.contains(id) || !pending.contains(id) {
                continue;
            }
            let Some(path) = store.path_of(id)? else {
                continue;
            };
            // The stored statement was read from another file (an index made
            // before ids had one source listed it under both): not this one's.
            if path.is_absolute() && path != *file {
                continue;
            }
            pending.remove(id);
            statement.path = path;
            add(statement)?;
            documents += 1;
        }
    }
    for statement in super::bundled::statements().into_iter().flatten() {
        let id = &statement.meta.id;
        if pending.contains(id) && store.path_of(id)?.as_ref() == Some(&statement.path) {
            pending.remove(id);
            add(statement)?;
            documents += 1;
        }
    }
    for id in pending {
        if let Some(statement) = store.load(&id)? {
            add(reattribute(statement))?;
            documents += 1;
        }
    }
    Ok(documents)
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
    use std::path::PathBuf;

    /// Store `statements` in a fresh index and rebuild from it.
    fn rebuilt_from(statements: Vec<Statement>, manifest: &Manifest) -> Vec<Statement> {
        let dir = tempfile::tempdir().unwrap();
        let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
        let summary = crate::ingest::ingest_statements(
            &index,
            statements.into_iter().map(Ok),
            &Default::default(),
        )
        .unwrap();
        assert!(summary.errors.is_empty(), "{:?}", summary.errors);
        let store = StoredStatements::open(&index.index, &index.path).unwrap();
        let mut out = Vec::new();
        let count = rebuild(&store, manifest, |s| {
            out.push(s);
            Ok(())
        })
        .unwrap();
        assert_eq!(count, out.len());
        out
    }

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
                ..SourceRecord::default()
            },
        )]
        .into_iter()
        .collect();

        let rebuilt = rebuilt_from(vec![stale.clone(), vanished], &manifest);
        assert_eq!(rebuilt.len(), 2);
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
        let rebuilt = rebuilt_from(vec![stale], &manifest);
        assert_eq!(rebuilt[0].passages[0].text, "as an older parser split it");
    }
}
