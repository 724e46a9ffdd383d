//! `compare`: topics × the statements of one event — how many passages of each
//! statement mention each topic — optionally with each statement split by the
//! persons its paragraphs report as speaking (what Xinhua reports Trump said
//! beside what the US readout reports he said).

use std::collections::HashMap;

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::aggregate::CountByValue;
use super::research::count_values;
use super::{Filters, SearchRequest};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;

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
    /// With `by_reported`: only the passages reporting this person.
    pub reported: Option<String>,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[allow(missing_docs)]
pub struct Cell {
    pub topic: String,
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub lang: String,
    pub kind: String,
    /// With `by_reported`: the person the column's passages report.
    pub reported: Option<String>,
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
                    reported: c.reported.clone(),
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

/// Compare the statements of `event` on `terms` (each a query; glossary-expanded
/// unless `expand` is off), or, with no terms, on every glossary concept
/// mentioned in any of them. With `by_reported`, each statement is one column
/// per person its paragraphs report as speaking.
pub fn compare(
    index: &ReadoutsIndex,
    event: &str,
    terms: &[String],
    glossary: &Glossary,
    expand: bool,
    by_reported: bool,
) -> Result<Comparison> {
    let mut columns = event_columns(index, event)?;
    if by_reported {
        columns = split_by_reported(index, event, columns)?;
    }
    let reported: Vec<Option<String>> = {
        let mut r: Vec<Option<String>> = columns.iter().map(|c| c.reported.clone()).collect();
        r.dedup();
        r
    };
    let row = |topic: &str, query: &str| -> Result<Row> {
        // Passages per statement, for each reported person (or for all).
        let mut per: HashMap<(Option<String>, String), u64> = HashMap::new();
        for person in &reported {
            let mut request = event_request(query, event, expand);
            request.filters.reported = person.clone();
            for (doc, n) in count_values(index, &request, index.fields().doc_id, glossary)? {
                if let Some(doc) = doc {
                    per.insert((person.clone(), doc), n);
                }
            }
        }
        Ok(Row {
            topic: topic.to_string(),
            passages: columns
                .iter()
                .map(|c| {
                    let key = (c.reported.clone(), c.doc_id.clone());
                    per.get(&key).copied().unwrap_or(0)
                })
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

/// The statements of an event (read from their first passages only), by
/// date, then language, then publisher.
pub fn event_columns(index: &ReadoutsIndex, event: &str) -> Result<Vec<Column>> {
    let f = index.fields();
    let searcher = index.searcher()?;
    let first_passages = BooleanQuery::new(vec![
        (
            Occur::Must,
            term_query(Term::from_field_text(f.event, event)),
        ),
        (Occur::Must, term_query(Term::from_field_u64(f.passage, 1))),
    ]);
    let mut columns: Vec<Column> = Vec::new();
    for doc in
        super::all_docs(&searcher, &first_passages).map_err(|e| Error::index(&index.path, e))?
    {
        let m = super::decode(index, &doc)?.meta;
        if columns.iter().all(|c| c.doc_id != m.id) {
            columns.push(Column {
                date: m.date.to_string(),
                doc_id: m.id,
                publisher: m.publisher,
                country: m.country,
                lang: m.lang,
                kind: m.kind,
                title: m.title,
                reported: None,
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
    Ok(columns)
}

/// Each statement's column split into one per person its passages report.
fn split_by_reported(
    index: &ReadoutsIndex,
    event: &str,
    columns: Vec<Column>,
) -> Result<Vec<Column>> {
    let f = index.fields();
    let Some(reported) = f.reported else {
        return Ok(columns);
    };
    let searcher = index.searcher()?;
    let column = CountByValue::new(index.schema.schema.get_field_name(reported));
    let mut out = Vec::new();
    for c in columns {
        let statement = BooleanQuery::new(vec![
            (
                Occur::Must,
                term_query(Term::from_field_text(f.event, event)),
            ),
            (
                Occur::Must,
                term_query(Term::from_field_text(f.doc_id, &c.doc_id)),
            ),
        ]);
        let mut persons: Vec<(String, u64)> = searcher
            .search(&statement, &column)
            .map_err(|e| Error::index(&index.path, e))?
            .into_iter()
            .filter_map(|(person, n)| person.map(|p| (p, n)))
            .collect();
        persons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (person, _) in persons {
            out.push(Column {
                reported: Some(person),
                ..c.clone()
            });
        }
    }
    if out.is_empty() {
        return Err(Error::Usage(format!(
            "no statement of event {event:?} reports anyone as speaking (only readouts and statements do)"
        )));
    }
    // One query per person: columns of one person next to each other.
    out.sort_by(|a, b| {
        a.reported
            .cmp(&b.reported)
            .then_with(|| (&a.date, &a.lang, &a.publisher).cmp(&(&b.date, &b.lang, &b.publisher)))
    });
    Ok(out)
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// A glossary name as a query: a phrase when it has several words.
fn quoted(name: &str) -> String {
    if name.contains(char::is_whitespace) {
        format!("\"{}\"", name.replace('"', " "))
    } else {
        name.to_string()
    }
}
