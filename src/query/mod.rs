//! Searching: a [`SearchRequest`] (query string, filters, paging, order) in,
//! ranked [`Hit`]s with attribution and snippets out. Also the document view
//! behind `show` and the counts behind `stats`.

pub mod aggregate;
pub mod build;
pub mod collapse;
pub mod collocates;
pub mod compare;
pub mod coverage;
pub mod crosstab;
pub mod documents;
mod expand;
pub mod filters;
pub mod hit;
pub mod kwic;
pub mod parse;
pub mod rank;
pub mod request;
pub mod research;
pub mod series;
pub mod snippet;
pub mod suggest;
pub mod tally;
pub mod unmatched;
pub mod values;
pub mod vocabulary;
pub mod window;
pub mod words;

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
pub use request::{Filters, SearchRequest, SortOrder, MAX_LIMIT, MAX_OFFSET};

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
    search_on(index, &index.searcher()?, request, expansion, anchors)
}

/// [`search_with_glossaries`] on one snapshot of the index: a caller that
/// also counts or facets the same request passes the same `searcher`, so
/// the hits, the total and the counts come from one commit even while
/// another process commits and the reader reloads.
pub fn search_on(
    index: &ReadoutsIndex,
    searcher: &tantivy::Searcher,
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
    if request.offset > MAX_OFFSET {
        return Err(Error::Usage(format!(
            "--offset must be at most {MAX_OFFSET} (use --all to stream every hit)"
        )));
    }
    let p = prepare(index, searcher, request, glossary)?;
    let (total, page) = if request.collapse {
        collapse::ranked(index, searcher, &p, request)?
    } else {
        rank::ranked(index, searcher, &p, request)?
    };
    let highlighter = Highlighter::new(forms(&p.builder, &p.expr));
    let mut hits = page
        .into_iter()
        .map(|(score, address)| {
            load_hit(index, searcher, (address, score), &highlighter, &p, request)
        })
        .collect::<Result<Vec<_>>>()?;
    if request.with_translation {
        documents::Translations::default().add(index, searcher, &mut hits, anchors)?;
    }
    Ok(SearchResults { total, hits })
}

/// What each text term of a request reached: its forms by language and
/// source, and the languages of the index it reached as written only.
pub fn coverage(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<coverage::Coverage> {
    let searcher = index.searcher()?;
    let expr = parse::parse(&request.query)?;
    let builder = QueryBuilder {
        searcher: &searcher,
        fields: index.fields(),
        query: &request.query,
        glossary: request.expand.then_some(glossary),
        index_path: &index.path,
        broader: request.broader,
        dictionary: request.expand,
    };
    coverage::coverage(&builder, &expr)
}

/// Every hit of a request, best first (or by date), handed to `each` one at a
/// time: the passages' texts are never all in memory (their addresses and
/// scores are, 12 bytes each). Paging is ignored. Returns the total.
pub fn search_each(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
    each: impl FnMut(Hit) -> Result<()>,
) -> Result<usize> {
    search_each_aligned(index, request, glossary, glossary, each)
}

/// [`search_each`] expanding through `expansion` and aligning translations
/// (`with_translation`) with `anchors`, as the paged search does, each
/// statement pair aligned once for all its hits (the last few hundred
/// pairs are kept).
pub fn search_each_aligned(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    expansion: &Glossary,
    anchors: &Glossary,
    mut each: impl FnMut(Hit) -> Result<()>,
) -> Result<usize> {
    let glossary = expansion;
    let searcher = index.searcher()?;
    let p = prepare(index, &searcher, request, glossary)?;
    let (total, page) = if request.collapse {
        let everything = SearchRequest {
            offset: 0,
            limit: usize::MAX,
            ..request.clone()
        };
        collapse::ranked(index, &searcher, &p, &everything)?
    } else {
        let probe = SearchRequest {
            limit: 1,
            offset: 0,
            ..request.clone()
        };
        let (total, _) = rank::ranked(index, &searcher, &p, &probe)?;
        if total == 0 {
            return Ok(0);
        }
        let everything = SearchRequest {
            limit: total,
            ..probe
        };
        rank::ranked(index, &searcher, &p, &everything)?
    };
    let highlighter = Highlighter::new(forms(&p.builder, &p.expr));
    let mut aligned = documents::Translations::default();
    for (score, address) in page {
        let hit = load_hit(
            index,
            &searcher,
            (address, score),
            &highlighter,
            &p,
            request,
        )?;
        let mut hit = hit;
        if request.with_translation {
            aligned.add(index, &searcher, std::slice::from_mut(&mut hit), anchors)?;
        }
        each(hit)?;
    }
    Ok(total)
}

/// One hit: the stored passage, its snippet, the longer words its Chinese
/// terms stood inside, and with `--collapse` its statement's near-duplicates.
fn load_hit(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    (address, score): (DocAddress, f32),
    highlighter: &Highlighter,
    prepared: &Prepared,
    request: &SearchRequest,
) -> Result<Hit> {
    let doc: TantivyDocument =
        crate::index::read_doc(searcher, address).map_err(|e| Error::index(&index.path, e))?;
    let mut hit = hit::from_stored(decode(index, &doc)?, score, highlighter);
    for c in &prepared.confusables {
        if let Some(words) = words::inside_only(&hit.text, c) {
            hit.inside.extend(words);
        }
    }
    if request.collapse {
        hit.duplicates = Some(collapse::duplicates(index, searcher, address)?);
    }
    Ok(hit)
}

/// The forms a query looks for: each positive text term as written, then its
/// glossary names.
fn forms(builder: &QueryBuilder, expr: &parse::Expr) -> Vec<Form> {
    let mut out = Vec::new();
    for term in expr.positive_text_terms() {
        match builder.expansion(term) {
            Some(expansion) => {
                let id = expansion.concept.map(|c| c.id.as_str());
                out.push(Form::new(term, id, false));
                for form in &expansion.forms {
                    out.push(Form::new(&form.form, id, true).with_source(form.source));
                }
            }
            None => out.push(Form::new(term, None, false)),
        }
    }
    out
}

/// A request parsed and built: the query (text AND filters, and with
/// `words_only` the occurrences inside longer words left out), and what
/// ranking and hits need to know about it.
pub(crate) struct Prepared<'a> {
    pub builder: QueryBuilder<'a>,
    pub expr: parse::Expr,
    pub query: BooleanQuery,
    /// Chinese terms that stand inside longer known words.
    pub confusables: Vec<words::Confusable>,
    /// Passages holding one of those longer words.
    pub longer: Option<BooleanQuery>,
}

/// Parse a request and build its tantivy query.
fn prepare<'a>(
    index: &'a ReadoutsIndex,
    searcher: &'a Searcher,
    request: &'a SearchRequest,
    glossary: &'a Glossary,
) -> Result<Prepared<'a>> {
    let expr = parse::parse(&request.query)?;
    let builder = QueryBuilder {
        searcher,
        fields: index.fields(),
        query: &request.query,
        glossary: request.expand.then_some(glossary),
        index_path: &index.path,
        broader: request.broader,
        dictionary: request.expand,
    };
    let mut query = build(&builder, &expr, &request.filters)?;
    let confusables = words::confusables(&expr.positive_text_terms(), builder.glossary);
    let longer = words::any_longer(&builder, &confusables)?;
    if let (true, Some(longer)) = (request.words_only, &longer) {
        query = words::words_only(index, searcher, query, longer.clone(), &confusables)?;
    }
    Ok(Prepared {
        builder,
        expr,
        query,
        confusables,
        longer,
    })
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
    Ok(prepare(index, searcher, request, glossary)?.query)
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
        dictionary: false,
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
    addresses
        .into_iter()
        .map(|a| crate::index::read_doc(searcher, a))
        .collect()
}
