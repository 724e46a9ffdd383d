//! `readouts remove`: delete statements by id, by event, or by the source
//! file they were ingested from, in one commit, with the manifest kept right.
//!
//! A source removed with `sources` loses its manifest entry, so ingesting the
//! file again adds its statements back. A statement removed by id or event
//! leaves its file's entry (less the id) in place: the file is unchanged, so
//! a plain re-ingest skips it and the statement stays out until the file
//! changes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::manifest::{key_path, manifest_key};
use crate::index::store::Upsert;
use crate::index::{ReadoutsIndex, SourceRecord};

/// What to remove.
#[derive(Debug, Clone, Default)]
pub struct RemoveRequest {
    /// Statement ids.
    pub ids: Vec<String>,
    /// Event ids: every statement of each.
    pub events: Vec<String>,
    /// Source files: every statement ingested from each (the manifest says which).
    pub sources: Vec<PathBuf>,
    /// List what would be removed, change nothing.
    pub dry_run: bool,
    /// Wait for another writer instead of failing.
    pub wait: bool,
}

/// One statement removed (or that would be).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RemovedStatement {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Which selector matched it: `id`, `event` or `source`.
    pub by: &'static str,
}

/// What a removal did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RemoveSummary {
    /// Nothing was changed: `removed` is what would go.
    pub dry_run: bool,
    /// The statements removed, in id order.
    pub removed: Vec<RemovedStatement>,
    /// Translations whose link a removed pairs file set, undone (or that
    /// would be), by id.
    pub unlinked: Vec<String>,
    /// The selectors that matched nothing, as given (`--id x`, `--event e`, `--source p`).
    pub unmatched: Vec<String>,
}

/// Remove what `request` selects from `index`, in one commit (nothing is
/// written for a dry run, or when nothing matched).
pub fn remove(index: &ReadoutsIndex, request: &RemoveRequest) -> Result<RemoveSummary> {
    let searcher = index.searcher()?;
    let mut manifest = index.manifest()?;
    let mut found: BTreeMap<String, RemovedStatement> = BTreeMap::new();
    let mut summary = RemoveSummary {
        dry_run: request.dry_run,
        ..RemoveSummary::default()
    };
    let fields = index.fields();
    for id in &request.ids {
        let hits = without_paths(statements_with(index, &searcher, fields.doc_id, id, "id")?);
        note(&mut found, &mut summary, format!("--id {id}"), hits);
    }
    for event in &request.events {
        let hits = without_paths(statements_with(
            index,
            &searcher,
            fields.event,
            event,
            "event",
        )?);
        note(&mut found, &mut summary, format!("--event {event}"), hits);
    }
    let mut dropped_sources = Vec::new();
    for source in &request.sources {
        let key = manifest_key(source).unwrap_or_default();
        let file = key_path(&key);
        let mut hits = Vec::new();
        for id in manifest
            .get(&key)
            .map(|r| r.ids.clone())
            .unwrap_or_default()
        {
            let found = statements_with(index, &searcher, fields.doc_id, &id, "source")?;
            // An index made before ids had one source may list an id under
            // two files: the statement is the source's only if it was read
            // from it (paths are stored absolute; older relative ones count).
            hits.extend(
                found
                    .into_iter()
                    .filter(|(_, path)| !path.is_absolute() || *path == file)
                    .map(|(hit, _)| hit),
            );
        }
        let pairs = manifest.get(&key).map_or(0, |r| r.pairs.len());
        if manifest.contains_key(&key) {
            dropped_sources.push(key);
        }
        // A pairs file holds no statements: its links are what goes.
        if pairs == 0 {
            note(
                &mut found,
                &mut summary,
                format!("--source {}", source.display()),
                hits,
            );
        }
    }
    summary.removed = found.into_values().collect();
    if request.dry_run {
        summary.unlinked = would_unlink(&manifest, &dropped_sources, &summary.removed);
    }
    if request.dry_run || (summary.removed.is_empty() && dropped_sources.is_empty()) {
        return Ok(summary);
    }
    let dropped: Vec<SourceRecord> = dropped_sources
        .iter()
        .filter_map(|key| manifest.remove(key))
        .collect();
    hold_out(&mut manifest, &summary.removed);
    let mut store = Upsert::begin(index, request.wait, Some(1))?;
    for statement in &summary.removed {
        store.delete(&statement.id)?;
    }
    summary.unlinked = unlink_pairs(index, &mut store, &dropped, &summary.removed)?;
    store.commit(manifest)?;
    Ok(summary)
}

/// The translations a dry run's pairs files would lose their links.
fn would_unlink(
    manifest: &crate::index::Manifest,
    dropped: &[String],
    removed: &[RemovedStatement],
) -> Vec<String> {
    dropped
        .iter()
        .filter_map(|key| manifest.get(key))
        .flat_map(|r| r.pairs.iter().map(|p| p.translation.clone()))
        .filter(|t| !removed.iter().any(|r| &r.id == t))
        .collect()
}

/// The removed ids a file still lists are held out: an unchanged file keeps
/// them out, and ingest names them.
fn hold_out(manifest: &mut crate::index::Manifest, removed: &[RemovedStatement]) {
    for record in manifest.values_mut() {
        let (out, kept): (Vec<String>, Vec<String>) = std::mem::take(&mut record.ids)
            .into_iter()
            .partition(|id| removed.iter().any(|r| &r.id == id));
        record.ids = kept;
        record.held_out.extend(out);
    }
}

/// A pairs file removed with `--source` takes its links with it: each
/// translation it linked (and that stays) is written again without the link.
fn unlink_pairs(
    index: &ReadoutsIndex,
    store: &mut Upsert,
    dropped: &[SourceRecord],
    removed: &[RemovedStatement],
) -> Result<Vec<String>> {
    let mut unlinked = Vec::new();
    let stored = super::stored::StoredStatements::open(&index.index, &index.path)?;
    for pair in dropped.iter().flat_map(|r| &r.pairs) {
        if removed.iter().any(|r| r.id == pair.translation) {
            continue;
        }
        let Some(mut statement) = stored.load(&pair.translation)? else {
            continue;
        };
        if statement.meta.translation_of.as_deref() == Some(pair.original.as_str()) {
            statement.meta.translation_of = None;
            store.put(&statement)?;
            unlinked.push(pair.translation.clone());
        }
    }
    Ok(unlinked)
}

/// Record a selector's statements (the first selector that matched one names it).
fn note(
    found: &mut BTreeMap<String, RemovedStatement>,
    summary: &mut RemoveSummary,
    selector: String,
    hits: Vec<RemovedStatement>,
) {
    if hits.is_empty() {
        summary.unmatched.push(selector);
    }
    for hit in hits {
        found.entry(hit.id.clone()).or_insert(hit);
    }
}

/// The statements found, less the paths they were read from.
fn without_paths(found: Vec<(RemovedStatement, PathBuf)>) -> Vec<RemovedStatement> {
    found.into_iter().map(|(hit, _)| hit).collect()
}

/// The statements whose `field` holds exactly `value`, each with the path
/// it was read from.
fn statements_with(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    field: Field,
    value: &str,
    by: &'static str,
) -> Result<Vec<(RemovedStatement, PathBuf)>> {
    let fail = |e| Error::index(&index.path, e);
    let query = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    let docs = searcher.search(&query, &DocSetCollector).map_err(fail)?;
    let mut statements: BTreeMap<String, (RemovedStatement, PathBuf)> = BTreeMap::new();
    let fields = index.fields();
    for address in docs {
        let doc: TantivyDocument = crate::index::read_doc(searcher, address).map_err(fail)?;
        let text = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let id = text(fields.doc_id);
        let path = PathBuf::from(text(fields.path));
        statements.entry(id.clone()).or_insert((
            RemovedStatement {
                id,
                title: text(fields.title),
                by,
            },
            path,
        ));
    }
    Ok(statements.into_values().collect())
}
