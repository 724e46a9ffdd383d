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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use super::writer::{Ingest, IngestOptions};
use super::ReadoutsIndex;
use crate::error::{Error, Result};
use crate::model::{Metadata, Passage, Statement};

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
    let old = Index::open_in_dir(path).map_err(|e| Error::index(path, e))?;
    crate::analysis::register(old.tokenizers());
    // Hold the old index's writer lock: no ingest may commit while we copy.
    let _lock = super::lock_writer(&old, path, 1, 15_000_000, wait)?;
    let stored = read_statements(&old, path)?;
    let payload = old.load_metas().ok().and_then(|m| m.payload);
    let manifest = super::read_manifest(path, payload.as_deref()).unwrap_or_default();
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

/// Put the folder `new` in the place of `current`, atomically where the
/// platform allows: afterwards `new` names the old index. On Linux both names
/// are exchanged in one `renameat2(RENAME_EXCHANGE)`, so a reader opening the
/// index sees the old one or the new one, never nothing.
fn swap_in(new: &Path, current: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let a = CString::new(new.as_os_str().as_bytes()).map_err(|e| Error::io(new, e.into()))?;
        let b = CString::new(current.as_os_str().as_bytes())
            .map_err(|e| Error::io(current, e.into()))?;
        // SAFETY: both arguments are valid NUL-terminated paths that live across the call.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // Filesystems without RENAME_EXCHANGE fall through to two renames.
        if e.raw_os_error() != Some(libc::EINVAL) && e.raw_os_error() != Some(libc::ENOSYS) {
            return Err(Error::io(current, e));
        }
    }
    let retired = sibling(current, "retired");
    let _ = std::fs::remove_dir_all(&retired);
    std::fs::rename(current, &retired).map_err(|e| Error::io(current, e))?;
    if let Err(e) = std::fs::rename(new, current) {
        // Put the old index back rather than leave nothing.
        let _ = std::fs::rename(&retired, current);
        return Err(Error::io(current, e));
    }
    std::fs::rename(&retired, new).map_err(|e| Error::io(new, e))
}

/// Remove folders left beside the index by rebuilds that were killed (we hold
/// the writer lock, so no other rebuild is running).
fn remove_stale_siblings(path: &Path) {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    }) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file_name.strip_prefix(&prefix) {
            if rest.starts_with("reindex-") || rest.starts_with("retired-") {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    path.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// Prefer re-reading each statement from its recorded source, with today's
/// parsing, where the file's bytes are still those ingested (the manifest
/// hash) or the source is a bundled fixture; otherwise keep the stored copy
/// (standard input, edited or vanished files).
fn from_sources_where_unchanged(
    stored: Vec<Statement>,
    manifest: &BTreeMap<String, super::SourceRecord>,
) -> Vec<Statement> {
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
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        if record.hash.is_empty()
            || format!("{:032x}", super::writer::file_hash(&bytes)) != record.hash
        {
            continue;
        }
        let source = crate::formats::Source {
            path: file.to_path_buf(),
            format,
        };
        for statement in crate::formats::parse_source(&source, &bytes)
            .into_iter()
            .flatten()
        {
            if record.ids.contains(&statement.meta.id) {
                reread(&mut by_id, statement);
            }
        }
    }
    by_id.into_values().collect()
}

/// Read every statement back from an index's stored fields.
fn read_statements(index: &Index, path: &Path) -> Result<Vec<Statement>> {
    let schema = index.schema();
    let field = |name: &str| schema.get_field(name).ok();
    let reader = index.reader().map_err(|e| Error::index(path, e))?;
    let searcher = reader.searcher();
    let addresses = searcher
        .search(&AllQuery, &DocSetCollector)
        .map_err(|e| Error::index(path, e))?;
    let mut by_id: BTreeMap<String, (Metadata, PathBuf, Vec<Passage>)> = BTreeMap::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| Error::index(path, e))?;
        let get = |name: &str| -> Option<String> {
            field(name)
                .and_then(|f| doc.get_first(f))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let Some(id) = get("doc_id") else { continue };
        let passage = Passage {
            number: field("passage")
                .and_then(|f| doc.get_first(f))
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            speaker: get("speaker"),
            text: get("text").unwrap_or_default(),
        };
        if let Some(entry) = by_id.get_mut(&id) {
            entry.2.push(passage);
            continue;
        }
        let date = field("date")
            .and_then(|f| doc.get_first(f))
            .and_then(|v| v.as_datetime())
            .and_then(super::index_to_day)
            .ok_or_else(|| Error::File {
                path: path.to_path_buf(),
                reason: format!("document {id}: no stored date"),
            })?;
        let meta = Metadata {
            id: id.clone(),
            publisher: get("publisher").unwrap_or_default(),
            country: get("country").unwrap_or_default(),
            kind: get("kind").unwrap_or_default(),
            lang: get("lang").unwrap_or_default(),
            date,
            title: get("title").unwrap_or_default(),
            event: get("event"),
            url: get("url"),
            speaker: get("statement_speaker"),
            translation_of: get("translation_of"),
            date_source: get("date_source"),
            notes: get("notes"),
        };
        let source = PathBuf::from(get("path").unwrap_or_default());
        by_id.insert(id, (meta, source, vec![passage]));
    }
    Ok(by_id
        .into_values()
        .map(|(meta, path, mut passages)| {
            passages.sort_by_key(|p| p.number);
            Statement {
                meta,
                passages,
                path,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::SourceRecord;

    #[test]
    fn unchanged_sources_are_reread_and_others_kept_from_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let text = crate::index::bundled::FIXTURES[2].1;
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
        let hash = format!("{:032x}", crate::index::writer::file_hash(text.as_bytes()));
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
