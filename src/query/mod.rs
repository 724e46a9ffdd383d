//! Searching: a [`SearchRequest`] (query string, filters, paging, order) in,
//! ranked [`Hit`]s with attribution and snippets out. Also the document view
//! behind `show` and the counts behind `stats`.

pub mod aggregate;
pub mod build;
pub mod documents;
pub mod parse;
pub mod research;
pub mod snippet;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::analysis::glossary::Glossary;
use crate::error::{Error, Result};
use crate::index::codec::{self, StoredPassage};
use crate::index::ReadoutsIndex;
use build::{expansion_names, QueryBuilder};
use parse::{DateRange, QueryField};
use snippet::{Form, Highlighter};

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
    /// Expand glossary names across languages (off with `--exact`).
    pub expand: bool,
    /// Attach the aligned paragraph of the statement's translation or original.
    pub with_translation: bool,
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
            expand: true,
            with_translation: false,
        }
    }
}

/// A query form found in a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MatchedForm {
    /// The form as written in the query or the glossary.
    pub form: String,
    /// True when the form came from glossary expansion, not from the query.
    pub glossary: bool,
    /// The glossary concept the form belongs to, if any.
    pub concept: Option<String>,
}

/// The paragraph aligned with a hit in its translation (or original).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AlignedPassage {
    /// The other statement's id.
    pub doc_id: String,
    /// Its language.
    pub lang: String,
    /// The paragraph number (the same as the hit's).
    pub passage: u64,
    /// The paragraph.
    pub text: String,
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
    /// Which query forms matched, and whether through the glossary.
    pub matched: Vec<MatchedForm>,
    /// The aligned paragraph of the translation or original (`--with-translation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<AlignedPassage>,
}

/// The answer to a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Passages matching in all (not only this page).
    pub total: usize,
    /// This page of hits.
    pub hits: Vec<Hit>,
}

/// Run a search with the built-in glossary.
pub fn search(index: &ReadoutsIndex, request: &SearchRequest) -> Result<SearchResults> {
    search_with_glossary(index, request, Glossary::builtin())
}

/// Run a search, expanding through `glossary` unless the request is exact.
pub fn search_with_glossary(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<SearchResults> {
    if request.limit == 0 || request.limit > MAX_LIMIT {
        return Err(Error::Usage(format!(
            "--limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let searcher = index.searcher()?;
    let (builder, expr, query) = prepare(index, &searcher, request, glossary)?;
    let fail = |e| Error::index(&index.path, e);

    let (total, page): (usize, Vec<(f32, DocAddress)>) = match request.sort {
        SortOrder::Score if has_expansions(&builder, &expr) => {
            // Two tiers, so that expansions never drown out exact matches:
            // passages matching the query as written, by score, then passages
            // matching only through the glossary, by score.
            // The same parsed query, built without the glossary.
            let exact = build(&builder.exact(), &expr, &request.filters)?;
            let only_expanded = BooleanQuery::new(vec![
                (Occur::Must, Box::new(query) as Box<dyn Query>),
                (Occur::MustNot, Box::new(exact.clone())),
            ]);
            let exact_total = searcher.search(&exact, &Count).map_err(fail)?;
            let expanded_total = searcher.search(&only_expanded, &Count).map_err(fail)?;
            let mut page = Vec::new();
            if request.offset < exact_total {
                page =
                    top_by_score(&searcher, &exact, request.limit, request.offset).map_err(fail)?;
            }
            let room = request.limit - page.len();
            if room > 0 {
                let offset = request.offset.saturating_sub(exact_total);
                page.extend(top_by_score(&searcher, &only_expanded, room, offset).map_err(fail)?);
            }
            (exact_total + expanded_total, page)
        }
        SortOrder::Score => {
            // Count and top hits in one pass over the matches.
            let top = TopDocs::with_limit(request.limit)
                .and_offset(request.offset)
                .order_by_score();
            let (count, page) = searcher.search(&query, &(Count, top)).map_err(fail)?;
            (count, page)
        }
        SortOrder::Date => {
            // Oldest first, ties by score; the score is kept in the sort key
            // (tantivy's explain is not usable here: it trips a debug assertion
            // in the phrase scorer).
            let date_column = index
                .schema
                .schema
                .get_field_name(index.fields().date)
                .to_string();
            let by_date = TopDocs::with_limit(request.limit)
                .and_offset(request.offset)
                .tweak_score(move |segment: &tantivy::SegmentReader| {
                    let dates =
                        segment.fast_fields().date(&date_column).ok().map(|c| {
                            c.first_or_default_col(tantivy::DateTime::from_timestamp_secs(0))
                        });
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let secs = dates
                            .as_ref()
                            .map_or(0, |c| c.get_val(doc).into_timestamp_secs());
                        (-secs, score)
                    }
                });
            let page = searcher
                .search(&query, &by_date)
                .map_err(fail)?
                .into_iter()
                .map(|((_, score), address)| (score, address))
                .collect();
            (searcher.search(&query, &Count).map_err(fail)?, page)
        }
    };
    let highlighter = Highlighter::new(forms(&builder, &expr));
    let mut hits = page
        .into_iter()
        .map(|(score, address)| {
            let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
            Ok(hit(decode(index, &doc)?, score, &highlighter))
        })
        .collect::<Result<Vec<_>>>()?;
    if request.with_translation {
        for hit in &mut hits {
            hit.translation =
                documents::aligned_passage(index, &searcher, &hit.doc_id, hit.passage)?;
        }
    }
    Ok(SearchResults { total, hits })
}

fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    searcher.search(
        query,
        &TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by_score(),
    )
}

/// Does any text term of the query expand through the glossary?
fn has_expansions(builder: &QueryBuilder, expr: &parse::Expr) -> bool {
    expr.text_terms()
        .into_iter()
        .any(|t| builder.concept(t).is_some())
}

/// The forms a query looks for: each positive text term as written, then its
/// glossary names.
fn forms(builder: &QueryBuilder, expr: &parse::Expr) -> Vec<Form> {
    let mut out = Vec::new();
    for term in expr.positive_text_terms() {
        match builder.concept(term) {
            Some(concept) => {
                out.push(Form::new(term, Some(&concept.id), false));
                for name in expansion_names(concept, term) {
                    out.push(Form::new(name, Some(&concept.id), true));
                }
            }
            None => out.push(Form::new(term, None, false)),
        }
    }
    out
}

/// Parse a request and build its tantivy query (text query AND filters).
fn prepare<'a>(
    index: &'a ReadoutsIndex,
    searcher: &'a Searcher,
    request: &'a SearchRequest,
    glossary: &'a Glossary,
) -> Result<(QueryBuilder<'a>, parse::Expr, BooleanQuery)> {
    let expr = parse::parse(&request.query)?;
    let builder = QueryBuilder {
        searcher,
        fields: index.fields(),
        query: &request.query,
        glossary: request.expand.then_some(glossary),
        index_path: &index.path,
    };
    let query = build(&builder, &expr, &request.filters)?;
    Ok((builder, expr, query))
}

/// The tantivy query of a parsed expression AND the filters.
fn build(builder: &QueryBuilder, expr: &parse::Expr, filters: &Filters) -> Result<BooleanQuery> {
    let mut clauses = vec![(Occur::Must, builder.expr(expr)?)];
    for filter in filter_queries(builder, filters) {
        clauses.push((Occur::Must, builder.filter(filter)));
    }
    Ok(BooleanQuery::new(clauses))
}

/// The query of a request (its text and filters; paging ignored), built
/// against `searcher`.
pub(crate) fn matching_query(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<BooleanQuery> {
    Ok(prepare(index, searcher, request, glossary)?.2)
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

/// Decode a stored passage, naming the index when it is damaged.
pub(crate) fn decode(index: &ReadoutsIndex, doc: &TantivyDocument) -> Result<StoredPassage> {
    codec::decode(index.fields(), doc).map_err(|e| Error::File {
        path: index.path.clone(),
        reason: format!("damaged index: {}", e.0),
    })
}

fn hit(stored: StoredPassage, score: f32, highlighter: &Highlighter) -> Hit {
    let (snippet, matches) = highlighter.snippet(&stored.passage.text);
    let matched = matches
        .forms
        .iter()
        .map(|&i| {
            let form = &highlighter.forms()[i];
            MatchedForm {
                form: form.label.clone(),
                glossary: form.expanded,
                concept: form.concept.clone(),
            }
        })
        .collect();
    let m = stored.meta;
    Hit {
        doc_id: m.id,
        passage: stored.passage.number,
        score,
        publisher: m.publisher,
        country: m.country,
        kind: m.kind,
        lang: m.lang,
        date: m.date.to_string(),
        title: m.title,
        speaker: stored.passage.speaker,
        event: m.event,
        url: m.url,
        snippet: snippet.text,
        highlights: snippet.highlights,
        text: stored.passage.text,
        path: stored.path,
        matched,
        translation: None,
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
