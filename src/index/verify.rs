//! `readouts verify`: check an index for damage without changing it.
//!
//! Opening and searching do not check tantivy's per-file CRC32 footers; this
//! does, and also checks that `meta.json` parses, that every file a segment
//! lists exists, that the schema version is ours, and that every stored
//! passage can be read back.

use std::path::Path;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentComponent;
use tantivy::query::AllQuery;
use tantivy::{Index, IndexMeta};

use super::ReadoutsIndex;
use crate::error::{Error, Result};

/// What `verify` found.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct VerifyReport {
    /// Segments listed in `meta.json`.
    pub segments: usize,
    /// Stored passages read back.
    pub passages: u64,
    /// Files checked against their checksum.
    pub files_checked: usize,
    /// Every problem found; empty means the index is whole.
    pub problems: Vec<String>,
}

impl VerifyReport {
    /// True when nothing is wrong.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Check the index at `path`.
pub fn verify(path: &Path) -> Result<VerifyReport> {
    let mut report = VerifyReport::default();
    if !path.is_dir() {
        return Err(Error::File {
            path: path.to_path_buf(),
            reason: "no index folder here".into(),
        });
    }
    let Some((index, metas)) = open_index(path, &mut report) else {
        return Ok(report);
    };
    if !check_segment_files(path, &metas, &mut report) {
        return Ok(report);
    }
    check_checksums(&index, &mut report);
    if report.ok() {
        read_passages(&index, &mut report);
    }
    Ok(report)
}

/// Open the index and read `meta.json`, the schema version and the ingest
/// manifest; `None` when there is nothing further to check.
fn open_index(path: &Path, report: &mut VerifyReport) -> Option<(Index, IndexMeta)> {
    if !ReadoutsIndex::exists(path) {
        report.problems.push("meta.json is missing".into());
        return None;
    }
    let index = match super::open_tantivy(path) {
        Ok((i, _)) => i,
        Err(e) => {
            report
                .problems
                .push(format!("cannot open the index (meta.json damaged?): {e}"));
            return None;
        }
    };
    if let Err(e) = ReadoutsIndex::open(path) {
        report.problems.push(e.to_string());
    }
    let metas = match index.load_metas() {
        Ok(m) => m,
        Err(e) => {
            report.problems.push(format!("cannot read meta.json: {e}"));
            return None;
        }
    };
    report.segments = metas.segments.len();
    if let Err(e) = super::manifest::read_manifest(path, metas.payload.as_deref()) {
        report.problems.push(e.to_string());
    }
    Some((index, metas))
}

/// Check that every file each segment lists exists; false when one is missing.
fn check_segment_files(path: &Path, metas: &IndexMeta, report: &mut VerifyReport) -> bool {
    let mut missing = false;
    for segment in &metas.segments {
        let mut components = vec![
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
        ];
        if segment.has_deletes() {
            components.push(SegmentComponent::Delete);
        }
        for file in components.into_iter().map(|c| segment.relative_path(c)) {
            report.files_checked += 1;
            if !path.join(&file).exists() {
                missing = true;
                report.problems.push(format!(
                    "missing file {} of segment {}",
                    file.display(),
                    segment.id().uuid_string()
                ));
            }
        }
    }
    !missing
}

/// Check tantivy's CRC32 footers; damaged files are reported in path order.
fn check_checksums(index: &Index, report: &mut VerifyReport) {
    match index.validate_checksum() {
        Ok(damaged) => {
            let mut damaged: Vec<_> = damaged.into_iter().collect();
            damaged.sort();
            for file in damaged {
                report
                    .problems
                    .push(format!("checksum mismatch in {}", file.display()));
            }
        }
        Err(e) => report.problems.push(format!("cannot check checksums: {e}")),
    }
}

/// Read every stored passage back and count them.
fn read_passages(index: &Index, report: &mut VerifyReport) {
    let read_all = || -> tantivy::Result<u64> {
        let searcher = index.reader()?.searcher();
        let docs = searcher.search(&AllQuery, &DocSetCollector)?;
        for address in &docs {
            super::read_doc(&searcher, *address)?;
        }
        Ok(docs.len() as u64)
    };
    match read_all() {
        Ok(n) => report.passages = n,
        Err(e) => report
            .problems
            .push(format!("cannot read stored passages: {e}")),
    }
}
