//! Whole documents (`show`) and index statistics (`stats`).

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use super::{all_docs, stored, stored_date, AlignedPassage};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// One passage of a shown document.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ShownPassage {
    /// Paragraph number.
    pub passage: u64,
    /// Who speaks it.
    pub speaker: Option<String>,
    /// The text.
    pub text: String,
}

/// A statement as stored in the index.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Document {
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub kind: String,
    pub lang: String,
    pub date: String,
    pub title: String,
    pub event: Option<String>,
    pub url: Option<String>,
    pub translation_of: Option<String>,
    pub date_source: Option<String>,
    pub notes: Option<String>,
    pub path: String,
    /// Passages in order.
    pub passages: Vec<ShownPassage>,
}

/// Fetch a statement by id.
pub fn document(index: &ReadoutsIndex, id: &str) -> Result<Document> {
    let f = index.fields();
    let searcher = index.searcher()?;
    let query = TermQuery::new(
        Term::from_field_text(f.doc_id, id),
        IndexRecordOption::Basic,
    );
    let docs = all_docs(&searcher, &query).map_err(|e| Error::index(&index.path, e))?;
    let Some(first) = docs.first() else {
        return Err(Error::NotFound(id.to_string()));
    };
    let mut passages: Vec<ShownPassage> = docs
        .iter()
        .map(|d| ShownPassage {
            passage: d
                .get_first(f.passage)
                .and_then(|v| v.as_u64())
                .unwrap_or_default(),
            speaker: stored(d, f.speaker),
            text: stored(d, f.text).unwrap_or_default(),
        })
        .collect();
    passages.sort_by_key(|p| p.passage);
    Ok(Document {
        doc_id: id.to_string(),
        publisher: stored(first, f.publisher).unwrap_or_default(),
        country: stored(first, f.country).unwrap_or_default(),
        kind: stored(first, f.kind).unwrap_or_default(),
        lang: stored(first, f.lang).unwrap_or_default(),
        date: stored_date(first, f),
        title: stored(first, f.title).unwrap_or_default(),
        event: stored(first, f.event),
        url: stored(first, f.url),
        translation_of: stored(first, f.translation_of),
        date_source: stored(first, f.date_source),
        notes: stored(first, f.notes),
        path: stored(first, f.path).unwrap_or_default(),
        passages,
    })
}

fn first_match(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    query: &dyn Query,
) -> Result<Option<TantivyDocument>> {
    let top = searcher
        .search(query, &TopDocs::with_limit(1).order_by_score())
        .map_err(|e| Error::index(&index.path, e))?;
    match top.first() {
        Some((_, address)) => Ok(Some(
            searcher
                .doc(*address)
                .map_err(|e| Error::index(&index.path, e))?,
        )),
        None => Ok(None),
    }
}

fn id_query(field: tantivy::schema::Field, id: &str) -> TermQuery {
    TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic)
}

/// The statement that `id` translates, or else one that translates `id`.
pub fn partner(index: &ReadoutsIndex, searcher: &Searcher, id: &str) -> Result<Option<String>> {
    let f = index.fields();
    let Some(doc) = first_match(index, searcher, &id_query(f.doc_id, id))? else {
        return Err(Error::NotFound(id.to_string()));
    };
    if let Some(original) = stored(&doc, f.translation_of) {
        if first_match(index, searcher, &id_query(f.doc_id, &original))?.is_some() {
            return Ok(Some(original));
        }
    }
    Ok(
        first_match(index, searcher, &id_query(f.translation_of, id))?
            .and_then(|d| stored(&d, f.doc_id)),
    )
}

/// Paragraph `passage` of the partner (translation or original) of `id`.
pub fn aligned_passage(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    id: &str,
    passage: u64,
) -> Result<Option<AlignedPassage>> {
    let f = index.fields();
    let Some(other) = partner(index, searcher, id)? else {
        return Ok(None);
    };
    let query = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(id_query(f.doc_id, &other)) as Box<dyn Query>,
        ),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.passage, passage),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    Ok(
        first_match(index, searcher, &query)?.map(|d| AlignedPassage {
            doc_id: other.clone(),
            lang: stored(&d, f.lang).unwrap_or_default(),
            passage,
            text: stored(&d, f.text).unwrap_or_default(),
        }),
    )
}

/// A statement and its translation (or original), for `show --parallel`.
pub fn parallel(index: &ReadoutsIndex, id: &str) -> Result<(Document, Document)> {
    let searcher = index.searcher()?;
    let Some(other) = partner(index, &searcher, id)? else {
        return Err(Error::Usage(format!(
            "{id} has no translation or original in the index (no `translation_of` links it to another statement)"
        )));
    };
    Ok((document(index, id)?, document(index, &other)?))
}

/// What `readouts stats` reports.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Stats {
    /// Statements.
    pub documents: u64,
    /// Passages.
    pub passages: u64,
    /// Schema version of the index.
    pub schema_version: u32,
    /// Bytes on disk.
    pub index_bytes: u64,
    /// Index segments.
    pub segments: usize,
    /// Statements per publisher.
    pub by_publisher: BTreeMap<String, u64>,
    /// Statements per country.
    pub by_country: BTreeMap<String, u64>,
    /// Statements per language.
    pub by_lang: BTreeMap<String, u64>,
    /// Statements per kind.
    pub by_kind: BTreeMap<String, u64>,
    /// First and last date, if any.
    pub dates: Option<(String, String)>,
}

/// Count what the index holds.
pub fn stats(index: &ReadoutsIndex) -> Result<Stats> {
    let f = index.fields();
    let searcher = index.searcher()?;
    let mut stats = Stats {
        documents: 0,
        passages: searcher.num_docs(),
        schema_version: index.schema.def.version,
        index_bytes: index.size_bytes(),
        segments: searcher.segment_readers().len(),
        by_publisher: BTreeMap::new(),
        by_country: BTreeMap::new(),
        by_lang: BTreeMap::new(),
        by_kind: BTreeMap::new(),
        dates: None,
    };
    let first_passages =
        TermQuery::new(Term::from_field_u64(f.passage, 1), IndexRecordOption::Basic);
    let docs = if stats.passages == 0 {
        Vec::new()
    } else {
        all_docs(&searcher, &first_passages).map_err(|e| Error::index(&index.path, e))?
    };
    for doc in &docs {
        stats.documents += 1;
        for (map, field) in [
            (&mut stats.by_publisher, f.publisher),
            (&mut stats.by_country, f.country),
            (&mut stats.by_lang, f.lang),
            (&mut stats.by_kind, f.kind),
        ] {
            *map.entry(stored(doc, field).unwrap_or_default())
                .or_default() += 1;
        }
        let date = stored_date(doc, f);
        stats.dates = Some(match stats.dates.take() {
            None => (date.clone(), date),
            Some((a, b)) => (a.min(date.clone()), b.max(date)),
        });
    }
    Ok(stats)
}
