//! Ranking: the order of hits. By score, in tiers so that weaker matches
//! never drown out stronger ones: passages matching the query as written
//! where no term stands inside a longer known word, then those holding such a
//! longer word (中美洲 for 中美), then passages matching only through the
//! glossary, then those matching only through the open lexicon (dictionary
//! forms). By date: oldest first.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher};

use super::{build, Prepared, SearchRequest, SortOrder};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// A page of hits and the total.
pub(crate) type Page = (usize, Vec<(f32, DocAddress)>);

fn and(a: &BooleanQuery, b: &BooleanQuery, negate: bool) -> BooleanQuery {
    BooleanQuery::new(vec![
        (Occur::Must, Box::new(a.clone()) as Box<dyn Query>),
        (
            if negate { Occur::MustNot } else { Occur::Must },
            Box::new(b.clone()),
        ),
    ])
}

/// The total and one page of addresses, in the request's order.
pub(crate) fn ranked(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    p: &Prepared,
    request: &SearchRequest,
) -> Result<Page> {
    let fail = |e| Error::index(&index.path, e);
    if matches!(request.sort, SortOrder::Date | SortOrder::Newest) {
        return by_date(index, searcher, &p.query, request).map_err(fail);
    }
    let exact = if has_expansions(p) {
        // The same parsed query, built without the glossary.
        Some(build(&p.builder.exact(), &p.expr, &request.filters)?)
    } else {
        None
    };
    // Matches as written: the exact query within the final one. Within it,
    // because an excluded term (`-china`) excludes its concept's forms
    // (中国) in the final query but only the word as written in the exact
    // one (one exclusion rule for every path, so the tiers add up to what
    // `--sort date`, `count`, `timeline` and the facets count); because an
    // acronym naming a concept is matched in capitals only (`US`, not the
    // `us` the exact query finds); and to keep --words-only's reshaping.
    let as_written = match &exact {
        Some(e) => and(&p.query, e, false),
        None => p.query.clone(),
    };
    let mut tiers = Vec::new();
    match &p.longer {
        Some(longer) => {
            tiers.push(and(&as_written, longer, true));
            tiers.push(and(&as_written, longer, false));
        }
        None => tiers.push(as_written),
    }
    if let Some(e) = &exact {
        if has_dictionary(p) {
            // Concept hits before those found only through the dictionary.
            let concepts = build(&p.builder.without_dictionary(), &p.expr, &request.filters)?;
            tiers.push(and(&and(&p.query, &concepts, false), e, true));
            tiers.push(and(&p.query, &concepts, true));
        } else {
            tiers.push(and(&p.query, e, true));
        }
    }
    // One tier (no expansion, no longer words): count and top hits in one
    // pass over the matches, as for every tier.
    in_tiers(searcher, &tiers, request).map_err(fail)
}

/// Disjoint tiers, each by score, one after the other; the page is cut from
/// their concatenation. Each tier is evaluated once: its size and its part
/// of the page in the same pass (the offset into a tier is known from the
/// sizes of the tiers before it).
fn in_tiers(
    searcher: &Searcher,
    tiers: &[BooleanQuery],
    request: &SearchRequest,
) -> tantivy::Result<Page> {
    let mut total = 0;
    let mut page = Vec::new();
    for tier in tiers {
        let room = request.limit - page.len();
        let size = if room > 0 {
            let offset = request.offset.saturating_sub(total);
            let top = TopDocs::with_limit(room)
                .and_offset(offset)
                .order_by_score();
            let (size, hits) = searcher.search(tier, &(Count, top))?;
            page.extend(hits);
            size
        } else {
            searcher.search(tier, &Count)?
        };
        total += size;
    }
    Ok((total, page))
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
    let name = |field| index.schema.schema.get_field_name(field).to_string();
    let (date_column, passage_column) = (name(index.fields().date), name(index.fields().passage));
    let newest = request.sort == SortOrder::Newest;
    let by_date = TopDocs::with_limit(request.limit)
        .and_offset(request.offset)
        .tweak_score(move |segment: &tantivy::SegmentReader| {
            let fast = segment.fast_fields();
            let dates = fast
                .date(&date_column)
                .ok()
                .map(|c| c.first_or_default_col(tantivy::DateTime::from_timestamp_secs(0)));
            let passages = fast
                .u64(&passage_column)
                .ok()
                .map(|c| c.first_or_default_col(0));
            move |doc: tantivy::DocId, score: tantivy::Score| {
                let secs = dates
                    .as_ref()
                    .map_or(0, |c| c.get_val(doc).into_timestamp_secs());
                // Within a day, paragraphs in order (whatever segment or
                // thread wrote them), then the better score.
                let number = passages.as_ref().map_or(0, |c| c.get_val(doc));
                (if newest { secs } else { -secs }, -(number as i64), score)
            }
        });
    let page = searcher
        .search(query, &by_date)?
        .into_iter()
        .map(|((_, _, score), address)| (score, address))
        .collect();
    Ok((searcher.search(query, &Count)?, page))
}

/// Does any text term of the query expand through the glossary or the dictionary?
fn has_expansions(p: &Prepared) -> bool {
    p.expr
        .text_terms()
        .into_iter()
        .any(|t| p.builder.expansion(t).is_some())
}

/// Does any text term of the query expand through the dictionary only?
fn has_dictionary(p: &Prepared) -> bool {
    p.expr
        .text_terms()
        .into_iter()
        .any(|t| p.builder.expansion(t).is_some_and(|e| e.concept.is_none()))
}
