//! `readouts reindex`: rebuild the index from the statements it holds into a
//! new folder beside it, then swap the new one in.
//!
//! The statements are read back from the stored fields of the old index
//! (every passage stores its text and its statement's metadata), so a rebuild
//! needs neither the original files nor standard input again, and it works on
//! an index of an older schema version as long as those fields are there.
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
use crate::model::{parse_date, Metadata, Passage, Statement};

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
    let _lock = loop {
        match old.writer_with_num_threads::<TantivyDocument>(1, 15_000_000) {
            Ok(w) => break w,
            Err(tantivy::TantivyError::LockFailure(..)) if wait => {
                std::thread::sleep(std::time::Duration::from_millis(200))
            }
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Err(Error::Locked {
                    path: path.to_path_buf(),
                })
            }
            Err(e) => return Err(Error::index(path, e)),
        }
    };
    let statements = read_statements(&old, path)?;
    let documents = statements.len();
    let manifest = old
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str::<super::CommitPayload>(&p).ok())
        .map(|p| p.sources)
        .unwrap_or_default();

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
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive().to_string())
            .unwrap_or_default();
        let meta = Metadata {
            id: id.clone(),
            publisher: get("publisher").unwrap_or_default(),
            country: get("country").unwrap_or_default(),
            kind: get("kind").unwrap_or_default(),
            lang: get("lang").unwrap_or_default(),
            date: parse_date(&date).map_err(|r| Error::File {
                path: path.to_path_buf(),
                reason: format!("document {id}: {r}"),
            })?,
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
