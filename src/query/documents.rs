//! Whole documents (`show`) and index statistics (`stats`).

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

use super::aggregate::{CountByDay, CountByValue};
use super::{all_docs, decode, AlignedPassage};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// One passage of a shown document.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ShownPassage {
    /// Paragraph number.
    pub passage: u64,
    /// Who speaks it (a turn in a transcript; the statement's speaker in a
    /// statement or post; `null` in a readout).
    pub speaker: Option<String>,
    /// What the speaker does: `asks`, `answers` or `speaks`.
    pub speaker_role: Option<String>,
    /// The turn label as written, when this paragraph opens a turn.
    pub speaker_label: Option<String>,
    /// Whom the paragraph reports as speaking.
    pub reported: Vec<String>,
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
    /// The statement's principal speaker, as written in its source.
    pub speaker: Option<String>,
    pub translation_of: Option<String>,
    pub date_source: Option<String>,
    pub notes: Option<String>,
    pub path: String,
    /// Passages in order.
    pub passages: Vec<ShownPassage>,
}

/// Fetch a statement by id.
pub fn document(index: &ReadoutsIndex, id: &str) -> Result<Document> {
    let searcher = index.searcher()?;
    let query = id_query(index.fields().doc_id, id);
    let docs = all_docs(&searcher, &query).map_err(|e| Error::index(&index.path, e))?;
    let mut stored = docs
        .iter()
        .map(|doc| decode(index, doc))
        .collect::<Result<Vec<_>>>()?;
    stored.sort_by_key(|s| s.passage.number);
    let Some(first) = stored.first() else {
        return Err(Error::NotFound(id.to_string()));
    };
    let (m, path) = (first.meta.clone(), first.path.clone());
    Ok(Document {
        doc_id: m.id,
        publisher: m.publisher,
        country: m.country,
        kind: m.kind,
        lang: m.lang,
        date: m.date.to_string(),
        title: m.title,
        event: m.event,
        url: m.url,
        speaker: m.speaker,
        translation_of: m.translation_of,
        date_source: m.date_source,
        notes: m.notes,
        path,
        passages: stored
            .into_iter()
            .map(|s| ShownPassage {
                passage: s.passage.number,
                speaker: s.passage.speaker,
                speaker_role: s.passage.role.map(|r| r.as_str().to_string()),
                speaker_label: s.passage.label,
                reported: s.passage.reported,
                text: s.passage.text,
            })
            .collect(),
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
    if let Some(original) = decode(index, &doc)?.meta.translation_of {
        if first_match(index, searcher, &id_query(f.doc_id, &original))?.is_some() {
            return Ok(Some(original));
        }
    }
    match first_match(index, searcher, &id_query(f.translation_of, id))? {
        Some(doc) => Ok(Some(decode(index, &doc)?.meta.id)),
        None => Ok(None),
    }
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
    let Some(doc) = first_match(index, searcher, &query)? else {
        return Ok(None);
    };
    let stored = decode(index, &doc)?;
    Ok(Some(AlignedPassage {
        doc_id: other,
        lang: stored.meta.lang,
        passage,
        text: stored.passage.text,
    }))
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

/// Count what the index holds (on the index's columns: no stored document
/// is read).
pub fn stats(index: &ReadoutsIndex) -> Result<Stats> {
    let f = index.fields();
    let searcher = index.searcher()?;
    let fail = |e| Error::index(&index.path, e);
    let column = |field| index.schema.schema.get_field_name(field);
    // A statement is counted once, by its first passage.
    let first_passages =
        TermQuery::new(Term::from_field_u64(f.passage, 1), IndexRecordOption::Basic);
    let per = |field| -> Result<BTreeMap<String, u64>> {
        let counts = searcher
            .search(&first_passages, &CountByValue::new(column(field)))
            .map_err(fail)?;
        Ok(counts
            .into_iter()
            .map(|(value, n)| (value.unwrap_or_default(), n))
            .collect())
    };
    let by_publisher = per(f.publisher)?;
    let days = searcher
        .search(&first_passages, &CountByDay::new(column(f.date)))
        .map_err(fail)?;
    let day = |seconds: &i64| {
        crate::index::index_to_day(tantivy::DateTime::from_timestamp_secs(*seconds))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    Ok(Stats {
        documents: by_publisher.values().sum(),
        passages: searcher.num_docs(),
        schema_version: index.schema.def.version,
        index_bytes: index.size_bytes(),
        segments: searcher.segment_readers().len(),
        by_publisher,
        by_country: per(f.country)?,
        by_lang: per(f.lang)?,
        by_kind: per(f.kind)?,
        dates: match (days.keys().next(), days.keys().next_back()) {
            (Some(first), Some(last)) => Some((day(first), day(last))),
            _ => None,
        },
    })
}
