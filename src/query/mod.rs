//! Searching: a [`SearchRequest`] (query string, filters, paging, order) in,
//! ranked [`Hit`]s with attribution and snippets out. Also the document view
//! behind `show` and the counts behind `stats`.

pub mod build;
pub mod documents;
pub mod parse;
pub mod snippet;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::index::{Fields, ReadoutsIndex};
use build::QueryBuilder;
use parse::{DateRange, QueryField};
use snippet::Highlighter;

/// Most hits one request may ask for.
pub const MAX_LIMIT: usize = 10_000;

/// Metadata filters; each one given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Case-insensitive substring of the publisher.
    pub publisher: Option<String>,
    /// Country code (case-insensitive).
    pub country: Option<String>,
    /// Language tag; `zh` also matches `zh-Hant`.
    pub lang: Option<String>,
    /// Kind slug.
    pub kind: Option<String>,
    /// Case-insensitive substring of the passage speaker.
    pub speaker: Option<String>,
    /// Event id.
    pub event: Option<String>,
    /// First day included.
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best BM25 score first.
    #[default]
    Score,
    /// Oldest first.
    Date,
}

/// One search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query string.
    pub query: String,
    /// Metadata filters.
    pub filters: Filters,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order of hits.
    pub sort: SortOrder,
}

impl SearchRequest {
    /// A request for the top ten passages by score.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            sort: SortOrder::Score,
        }
    }
}

/// One matching passage, with its statement's attribution.
///
/// This is also the JSON Lines wire format of `readouts search --json`: one
/// flat object per hit per line, these keys, `null` for absent optional values.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Hit {
    /// Statement id.
    pub doc_id: String,
    /// Paragraph number within the statement, from 1.
    pub passage: u64,
    /// BM25 score (filters add nothing).
    pub score: f32,
    /// Publisher.
    pub publisher: String,
    /// Country code.
    pub country: String,
    /// Kind.
    pub kind: String,
    /// Language tag.
    pub lang: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Statement title.
    pub title: String,
    /// Who speaks the passage.
    pub speaker: Option<String>,
    /// Event id.
    pub event: Option<String>,
    /// Source address.
    pub url: Option<String>,
    /// Up to 240 characters around the first match.
    pub snippet: String,
    /// Byte ranges `[start, end)` of matches within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// The whole passage.
    pub text: String,
    /// Source file of the statement.
    pub path: String,
}

/// The answer to a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Passages matching in all (not only this page).
    pub total: usize,
    /// This page of hits.
    pub hits: Vec<Hit>,
}

/// Run a search.
pub fn search(index: &ReadoutsIndex, request: &SearchRequest) -> Result<SearchResults> {
    if request.limit == 0 || request.limit > MAX_LIMIT {
        return Err(Error::Usage(format!(
            "--limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let expr = parse::parse(&request.query)?;
    let searcher = index.searcher()?;
    let builder = QueryBuilder {
        searcher: &searcher,
        fields: index.fields(),
        query: &request.query,
    };
    let mut clauses = vec![(Occur::Must, builder.expr(&expr)?)];
    for filter in filter_queries(&builder, &request.filters) {
        clauses.push((Occur::Must, builder.filter(filter)));
    }
    let query = BooleanQuery::new(clauses);
    let fail = |e| Error::index(&index.path, e);

    let total = searcher.search(&query, &Count).map_err(fail)?;
    let page: Vec<(f32, DocAddress)> = match request.sort {
        SortOrder::Score => searcher
            .search(
                &query,
                &TopDocs::with_limit(request.limit)
                    .and_offset(request.offset)
                    .order_by_score(),
            )
            .map_err(fail)?,
        SortOrder::Date => {
            let by_date = TopDocs::with_limit(request.limit)
                .and_offset(request.offset)
                .order_by_fast_field::<tantivy::DateTime>("date", Order::Asc);
            let addresses = searcher.search(&query, &by_date).map_err(fail)?;
            addresses
                .into_iter()
                .map(|(_, address)| {
                    let score = query
                        .explain(&searcher, address)
                        .map(|e| e.value())
                        .unwrap_or(0.0);
                    (score, address)
                })
                .collect()
        }
    };
    let highlighter = Highlighter::new(expr.positive_text_terms());
    let hits = page
        .into_iter()
        .map(|(score, address)| {
            let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
            Ok(hit(index.fields(), &doc, score, &highlighter))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(SearchResults { total, hits })
}

fn filter_queries(builder: &QueryBuilder, filters: &Filters) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    for (field, value) in [
        (QueryField::Publisher, &filters.publisher),
        (QueryField::Country, &filters.country),
        (QueryField::Lang, &filters.lang),
        (QueryField::Kind, &filters.kind),
        (QueryField::Speaker, &filters.speaker),
        (QueryField::Event, &filters.event),
    ] {
        if let Some(v) = value {
            out.push(builder.keyword(field, v));
        }
    }
    if filters.since.is_some() || filters.until.is_some() {
        out.push(builder.dates(DateRange {
            from: filters.since,
            to: filters.until,
        }));
    }
    out
}

/// The first text value of a stored field.
pub(crate) fn stored(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

pub(crate) fn stored_date(doc: &TantivyDocument, fields: &Fields) -> String {
    doc.get_first(fields.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.date_naive().to_string())
        .unwrap_or_default()
}

fn hit(f: &Fields, doc: &TantivyDocument, score: f32, highlighter: &Highlighter) -> Hit {
    let text = stored(doc, f.text).unwrap_or_default();
    let snippet = highlighter.snippet(&text);
    Hit {
        doc_id: stored(doc, f.doc_id).unwrap_or_default(),
        passage: doc
            .get_first(f.passage)
            .and_then(|v| v.as_u64())
            .unwrap_or_default(),
        score,
        publisher: stored(doc, f.publisher).unwrap_or_default(),
        country: stored(doc, f.country).unwrap_or_default(),
        kind: stored(doc, f.kind).unwrap_or_default(),
        lang: stored(doc, f.lang).unwrap_or_default(),
        date: stored_date(doc, f),
        title: stored(doc, f.title).unwrap_or_default(),
        speaker: stored(doc, f.speaker),
        event: stored(doc, f.event),
        url: stored(doc, f.url),
        snippet: snippet.text,
        highlights: snippet.highlights,
        text,
        path: stored(doc, f.path).unwrap_or_default(),
    }
}

/// All stored passages matching a query, in index order (for `show` and `stats`).
pub(crate) fn all_docs(
    searcher: &Searcher,
    query: &dyn Query,
) -> tantivy::Result<Vec<TantivyDocument>> {
    let addresses = searcher.search(query, &tantivy::collector::DocSetCollector)?;
    let mut addresses: Vec<DocAddress> = addresses.into_iter().collect();
    addresses.sort();
    addresses.into_iter().map(|a| searcher.doc(a)).collect()
}
