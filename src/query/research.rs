//! Research views: `compare` (topics × the statements of one event), `count`
//! (passages grouped by a metadata field) and `timeline` (passages per month or
//! year). All use the same query language, filters and glossary expansion as
//! `search`.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::{matching_passages, stored, stored_date, Filters, SearchRequest};
use crate::analysis::glossary::Glossary;
use crate::error::{Error, Result};
use crate::index::{Fields, ReadoutsIndex};

/// A statement of the compared event (a column of the matrix).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct Column {
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub lang: String,
    pub kind: String,
    pub date: String,
    pub title: String,
}

/// One topic (a row of the matrix): passages mentioning it per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The topic: a TERM as given, or a glossary concept's display name.
    pub topic: String,
    /// Passages per column, in column order (zeros included).
    pub passages: Vec<u64>,
}

/// The topic × statement matrix of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The event id.
    pub event: String,
    /// The event's statements, by date, then language, then publisher.
    pub columns: Vec<Column>,
    /// The topics.
    pub rows: Vec<Row>,
}

/// One cell, the JSON Lines and CSV record of `compare`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[allow(missing_docs)]
pub struct Cell {
    pub topic: String,
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub lang: String,
    pub kind: String,
    pub passages: u64,
}

impl Comparison {
    /// Every cell, row by row.
    pub fn cells(&self) -> Vec<Cell> {
        self.rows
            .iter()
            .flat_map(|row| {
                self.columns.iter().zip(&row.passages).map(|(c, &n)| Cell {
                    topic: row.topic.clone(),
                    doc_id: c.doc_id.clone(),
                    publisher: c.publisher.clone(),
                    country: c.country.clone(),
                    lang: c.lang.clone(),
                    kind: c.kind.clone(),
                    passages: n,
                })
            })
            .collect()
    }
}

fn event_request(query: &str, event: &str, expand: bool) -> SearchRequest {
    let mut r = SearchRequest::new(query);
    r.filters = Filters {
        event: Some(event.to_string()),
        ..Filters::default()
    };
    r.expand = expand;
    r
}

fn doc_id(f: &Fields, d: &TantivyDocument) -> String {
    stored(d, f.doc_id).unwrap_or_default()
}

/// Compare the statements of `event` on `terms` (each a query; glossary-expanded
/// unless `expand` is off), or, with no terms, on every glossary concept
/// mentioned in any of them.
pub fn compare(
    index: &ReadoutsIndex,
    event: &str,
    terms: &[String],
    glossary: &Glossary,
    expand: bool,
) -> Result<Comparison> {
    let f = index.fields();
    let searcher = index.searcher()?;
    let query = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(f.event, event),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let passages = super::all_docs(&searcher, &query).map_err(|e| Error::index(&index.path, e))?;
    let mut columns: Vec<Column> = Vec::new();
    for d in &passages {
        let id = doc_id(f, d);
        if columns.iter().all(|c| c.doc_id != id) {
            columns.push(Column {
                doc_id: id,
                publisher: stored(d, f.publisher).unwrap_or_default(),
                country: stored(d, f.country).unwrap_or_default(),
                lang: stored(d, f.lang).unwrap_or_default(),
                kind: stored(d, f.kind).unwrap_or_default(),
                date: stored_date(d, f),
                title: stored(d, f.title).unwrap_or_default(),
            });
        }
    }
    if columns.is_empty() {
        return Err(Error::Usage(format!(
            "no statements with event {event:?} in the index"
        )));
    }
    columns.sort_by(|a, b| {
        (&a.date, &a.lang, &a.publisher, &a.doc_id).cmp(&(
            &b.date,
            &b.lang,
            &b.publisher,
            &b.doc_id,
        ))
    });

    let row = |topic: &str, query: &str| -> Result<Row> {
        let mut per_doc: HashMap<String, u64> = HashMap::new();
        for d in matching_passages(index, &event_request(query, event, expand), glossary)? {
            *per_doc.entry(doc_id(f, &d)).or_default() += 1;
        }
        Ok(Row {
            topic: topic.to_string(),
            passages: columns
                .iter()
                .map(|c| per_doc.get(&c.doc_id).copied().unwrap_or(0))
                .collect(),
        })
    };
    let mut rows = Vec::new();
    if terms.is_empty() {
        for concept in glossary.concepts() {
            let r = row(concept.name(), &quoted(concept.name()))?;
            if r.passages.iter().any(|&n| n > 0) {
                rows.push(r);
            }
        }
    } else {
        for term in terms {
            rows.push(row(term, term)?);
        }
    }
    Ok(Comparison {
        event: event.to_string(),
        columns,
        rows,
    })
}

/// A glossary name as a query: a phrase when it has several words.
fn quoted(name: &str) -> String {
    if name.contains(char::is_whitespace) {
        format!("\"{}\"", name.replace('"', " "))
    } else {
        name.to_string()
    }
}

/// What `count --by` groups on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum GroupBy {
    Publisher,
    Country,
    Lang,
    Kind,
    Speaker,
    Event,
    Year,
    Month,
}

/// One group of `count`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CountRow {
    /// The group's value (`(none)` where the passage has none).
    pub key: String,
    /// Matching passages in the group.
    pub count: u64,
}

fn group_key(f: &Fields, d: &TantivyDocument, by: GroupBy) -> String {
    let date = || stored_date(d, f);
    let value = match by {
        GroupBy::Publisher => stored(d, f.publisher),
        GroupBy::Country => stored(d, f.country),
        GroupBy::Lang => stored(d, f.lang),
        GroupBy::Kind => stored(d, f.kind),
        GroupBy::Speaker => stored(d, f.speaker),
        GroupBy::Event => stored(d, f.event),
        GroupBy::Year => Some(date().chars().take(4).collect()),
        GroupBy::Month => Some(date().chars().take(7).collect()),
    };
    value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "(none)".to_string())
}

/// Count matching passages per group: most first (by period for year and month).
pub fn count(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    by: GroupBy,
    glossary: &Glossary,
) -> Result<Vec<CountRow>> {
    let f = index.fields();
    let mut groups: BTreeMap<String, u64> = BTreeMap::new();
    for d in matching_passages(index, request, glossary)? {
        *groups.entry(group_key(f, &d, by)).or_default() += 1;
    }
    let mut rows: Vec<CountRow> = groups
        .into_iter()
        .map(|(key, count)| CountRow { key, count })
        .collect();
    if !matches!(by, GroupBy::Year | GroupBy::Month) {
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    }
    Ok(rows)
}

/// The period of a timeline bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Months if the span is three years or less, else years.
    Auto,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Matching passages per period, every period from the first to the last
/// present (zeros included).
pub fn timeline(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    period: Period,
    glossary: &Glossary,
) -> Result<Vec<CountRow>> {
    let f = index.fields();
    let dates: Vec<NaiveDate> = matching_passages(index, request, glossary)?
        .iter()
        .filter_map(|d| d.get_first(f.date).and_then(|v| v.as_datetime()))
        .filter_map(crate::index::index_to_day)
        .collect();
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Ok(Vec::new());
    };
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
    let by_month = match period {
        Period::Month => true,
        Period::Year => false,
        Period::Auto => months < 36,
    };
    let label = |d: &NaiveDate| {
        if by_month {
            format!("{:04}-{:02}", d.year(), d.month())
        } else {
            format!("{:04}", d.year())
        }
    };
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut cursor =
        NaiveDate::from_ymd_opt(first.year(), if by_month { first.month() } else { 1 }, 1)
            .expect("valid");
    while cursor <= *last {
        counts.insert(label(&cursor), 0);
        cursor = if by_month {
            cursor.checked_add_months(chrono::Months::new(1))
        } else {
            cursor.checked_add_months(chrono::Months::new(12))
        }
        .expect("dates in range");
    }
    for d in &dates {
        *counts.entry(label(d)).or_default() += 1;
    }
    Ok(counts
        .into_iter()
        .map(|(key, count)| CountRow { key, count })
        .collect())
}
