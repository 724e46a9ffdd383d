//! Searching: a [`SearchRequest`] (query string, filters, paging, order) in,
//! ranked [`Hit`]s with attribution and snippets out. Also the document view
//! behind `show` and the counts behind `stats`.

pub mod aggregate;
pub mod build;
pub mod compare;
pub mod documents;
pub mod hit;
pub mod parse;
pub mod request;
pub mod research;
pub mod snippet;
pub mod tally;
pub mod vocabulary;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::index::codec::{self, StoredPassage};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;
use build::QueryBuilder;
use parse::{DateRange, QueryField};
use snippet::{Form, Highlighter};

pub use hit::{AlignedPassage, Hit, MatchedForm, SearchResults};
pub use request::{Filters, SearchRequest, SortOrder, MAX_LIMIT};

/// Run a search with the built-in glossary.
pub fn search(index: &ReadoutsIndex, request: &SearchRequest) -> Result<SearchResults> {
    search_with_glossary(index, request, Glossary::builtin())
}

/// Run a search, expanding through `glossary` unless the request is exact;
/// translations (`with_translation`) are aligned with the same glossary.
pub fn search_with_glossary(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<SearchResults> {
    search_with_glossaries(index, request, glossary, glossary)
}

/// Run a search expanding through `expansion`, and align translations
/// (`with_translation`) with the concepts of `anchors` (which an exact
/// search still wants).
pub fn search_with_glossaries(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    expansion: &Glossary,
    anchors: &Glossary,
) -> Result<SearchResults> {
    let glossary = expansion;
    if request.limit == 0 || request.limit > MAX_LIMIT {
        return Err(Error::Usage(format!(
            "--limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let searcher = index.searcher()?;
    let (builder, expr, query) = prepare(index, &searcher, request, glossary)?;
    let fail = |e| Error::index(&index.path, e);
    let (total, page) = match request.sort {
        SortOrder::Score if has_expansions(&builder, &expr) => {
            // The same parsed query, built without the glossary.
            let exact = build(&builder.exact(), &expr, &request.filters)?;
            two_tiers(&searcher, exact, query, request).map_err(fail)?
        }
        SortOrder::Score => {
            // Count and top hits in one pass over the matches.
            let top = TopDocs::with_limit(request.limit)
                .and_offset(request.offset)
                .order_by_score();
            searcher.search(&query, &(Count, top)).map_err(fail)?
        }
        SortOrder::Date => by_date(index, &searcher, &query, request).map_err(fail)?,
    };
    let highlighter = Highlighter::new(forms(&builder, &expr));
    let mut hits = page
        .into_iter()
        .map(|(score, address)| {
            let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
            Ok(hit::from_stored(decode(index, &doc)?, score, &highlighter))
        })
        .collect::<Result<Vec<_>>>()?;
    if request.with_translation {
        documents::add_translations(index, &searcher, &mut hits, anchors)?;
    }
    Ok(SearchResults { total, hits })
}

/// A page of hits and the total.
type Page = (usize, Vec<(f32, DocAddress)>);

/// Two tiers, so that expansions never drown out exact matches: passages
/// matching the query as written, by score, then passages matching only
/// through the glossary, by score.
fn two_tiers(
    searcher: &Searcher,
    exact: BooleanQuery,
    expanded: BooleanQuery,
    request: &SearchRequest,
) -> tantivy::Result<Page> {
    let only_expanded = BooleanQuery::new(vec![
        (Occur::Must, Box::new(expanded) as Box<dyn Query>),
        (Occur::MustNot, Box::new(exact.clone())),
    ]);
    let exact_total = searcher.search(&exact, &Count)?;
    let expanded_total = searcher.search(&only_expanded, &Count)?;
    let mut page = Vec::new();
    if request.offset < exact_total {
        page = top_by_score(searcher, &exact, request.limit, request.offset)?;
    }
    let room = request.limit - page.len();
    if room > 0 {
        let offset = request.offset.saturating_sub(exact_total);
        page.extend(top_by_score(searcher, &only_expanded, room, offset)?);
    }
    Ok((exact_total + expanded_total, page))
}

/// Oldest first, ties by score; the score is kept in the sort key (tantivy's
/// explain is not usable here: it trips a debug assertion in the phrase
/// scorer). The date column is read by the schema's field handle.
fn by_date(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    query: &BooleanQuery,
    request: &SearchRequest,
) -> tantivy::Result<Page> {
    let date_column = index
        .schema
        .schema
        .get_field_name(index.fields().date)
        .to_string();
    let by_date = TopDocs::with_limit(request.limit)
        .and_offset(request.offset)
        .tweak_score(move |segment: &tantivy::SegmentReader| {
            let dates = segment
                .fast_fields()
                .date(&date_column)
                .ok()
                .map(|c| c.first_or_default_col(tantivy::DateTime::from_timestamp_secs(0)));
            move |doc: tantivy::DocId, score: tantivy::Score| {
                let secs = dates
                    .as_ref()
                    .map_or(0, |c| c.get_val(doc).into_timestamp_secs());
                (-secs, score)
            }
        });
    let page = searcher
        .search(query, &by_date)?
        .into_iter()
        .map(|((_, score), address)| (score, address))
        .collect();
    Ok((searcher.search(query, &Count)?, page))
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
                for name in builder.expansions(concept, term) {
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
        broader: request.broader,
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

/// Every passage the filters let through, whatever its text: the slice a
/// rate is taken of.
pub(crate) fn slice_query(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    filters: &Filters,
) -> BooleanQuery {
    let builder = QueryBuilder {
        searcher,
        fields: index.fields(),
        query: "",
        glossary: None,
        index_path: &index.path,
        broader: false,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(tantivy::query::AllQuery))];
    for filter in filter_queries(&builder, filters) {
        clauses.push((Occur::Must, builder.filter(filter)));
    }
    BooleanQuery::new(clauses)
}

fn filter_queries(builder: &QueryBuilder, filters: &Filters) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    for (field, value) in [
        (QueryField::Publisher, &filters.publisher),
        (QueryField::Country, &filters.country),
        (QueryField::Lang, &filters.lang),
        (QueryField::Kind, &filters.kind),
        (QueryField::Speaker, &filters.speaker),
        (QueryField::Reported, &filters.reported),
        (QueryField::Role, &filters.role),
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
