//! What a search page shows besides its hits: the total, how many passages
//! only the glossary found, counts per publisher, country, language, kind,
//! speaker, reported speaker, event and year (one pass over the index's
//! columns, no stored passage read), and the date histogram.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike};
use serde::Serialize;
use tantivy::collector::Count;

use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;
use crate::query::aggregate::{CountByDay, CountByValue};
use crate::query::coverage::Coverage;
use crate::query::{self, matching_query, Filters, SearchRequest, SearchResults};

/// Values shown per facet, most passages first.
pub const FACET_VALUES: usize = 12;

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FacetValue {
    /// The value (`(none)` for passages without one).
    pub value: String,
    /// Matching passages with it.
    pub passages: u64,
}

/// Counts of one field among the matching passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Facet {
    /// The filter it sets: publisher, country, lang, kind, speaker, reported, event or year.
    pub field: String,
    /// The most frequent values (at most [`FACET_VALUES`]; years all, in order).
    pub values: Vec<FacetValue>,
    /// How many values there are in all.
    pub distinct: usize,
}

/// One bar of the date histogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Bar {
    /// `YYYY` or `YYYY-MM`.
    pub period: String,
    /// Matching passages, whatever the date filter.
    pub passages: u64,
}

/// A page of a search and everything around it.
#[derive(Debug, Clone)]
pub struct SearchPage {
    /// The hits of the page and the total.
    pub results: SearchResults,
    /// Passages found only through the glossary.
    pub glossary_only: usize,
    /// Counts per field.
    pub facets: Vec<Facet>,
    /// Matching passages per month (a span of three years or less) or year,
    /// without the date filter, so that a range can be chosen.
    pub histogram: Vec<Bar>,
    /// The translation (or original) of each statement on the page that has one.
    pub partners: HashMap<String, String>,
    /// What each query term reached (the object `search --json` prints).
    pub coverage: Coverage,
}

/// Search, count the facets and draw the histogram.
pub fn search_page(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<SearchPage> {
    search_page_on(index, &index.searcher()?, request, glossary)
}

/// [`search_page`] on one snapshot: the hits, the totals, the facets and
/// the histogram all read `searcher`, so they agree with each other even
/// when an ingest commits meanwhile.
pub fn search_page_on(
    index: &ReadoutsIndex,
    searcher: &tantivy::Searcher,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<SearchPage> {
    let results = query::search_on(index, searcher, request, glossary, glossary)?;
    let fail = |e| Error::index(&index.path, e);
    let glossary_only = if request.expand {
        let exact = SearchRequest {
            expand: false,
            ..request.clone()
        };
        let q = matching_query(index, searcher, &exact, glossary)?;
        results
            .total
            .saturating_sub(searcher.search(&q, &Count).map_err(fail)?)
    } else {
        0
    };
    let facets = facets(index, searcher, request, glossary)?;
    let undated = SearchRequest {
        filters: Filters {
            since: None,
            until: None,
            ..request.filters.clone()
        },
        ..request.clone()
    };
    let q = matching_query(index, searcher, &undated, glossary)?;
    let days = searcher.search(&q, &day_counter(index)).map_err(fail)?;
    let mut partners = HashMap::new();
    for hit in &results.hits {
        if !partners.contains_key(&hit.doc_id) {
            if let Some(other) = crate::query::documents::partner(index, searcher, &hit.doc_id)? {
                partners.insert(hit.doc_id.clone(), other);
            }
        }
    }
    Ok(SearchPage {
        coverage: query::coverage(index, request, glossary)?,
        partners,
        results,
        glossary_only,
        facets,
        histogram: histogram(&days),
    })
}

fn day_counter(index: &ReadoutsIndex) -> CountByDay {
    CountByDay::new(index.schema.schema.get_field_name(index.fields().date))
}

/// The facet counts of a request, in one search.
pub fn facets(
    index: &ReadoutsIndex,
    searcher: &tantivy::Searcher,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<Vec<Facet>> {
    let f = index.fields();
    let name = |field| index.schema.schema.get_field_name(field).to_string();
    let by = |field| CountByValue::new(&name(field));
    let reported = f.reported.map_or_else(|| "reported".to_string(), name);
    let collector = (
        (by(f.publisher), by(f.country), by(f.lang), by(f.kind)),
        (
            by(f.speaker),
            CountByValue::new(&reported),
            by(f.event),
            day_counter(index),
        ),
    );
    let q = matching_query(index, searcher, request, glossary)?;
    let ((publisher, country, lang, kind), (speaker, reported, event, days)) = searcher
        .search(&q, &collector)
        .map_err(|e| Error::index(&index.path, e))?;
    let mut out: Vec<Facet> = [
        ("publisher", publisher),
        ("country", country),
        ("lang", lang),
        ("kind", kind),
        ("speaker", speaker),
        ("reported", reported),
        ("event", event),
    ]
    .into_iter()
    .map(|(field, counts)| facet(field, counts))
    .collect();
    let mut years: BTreeMap<String, u64> = BTreeMap::new();
    for (day, n) in &days {
        if let Some(d) = DateTime::from_timestamp(*day, 0) {
            *years.entry(format!("{:04}", d.year())).or_default() += n;
        }
    }
    out.push(Facet {
        field: "year".into(),
        distinct: years.len(),
        values: years
            .into_iter()
            .map(|(value, passages)| FacetValue { value, passages })
            .collect(),
    });
    Ok(out)
}

/// A facet from a column's counts: passages without a value are left out
/// (they cannot be chosen as a filter).
fn facet(field: &str, counts: HashMap<Option<String>, u64>) -> Facet {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .filter_map(|(v, passages)| {
            let value = v.filter(|v| !v.is_empty())?;
            Some(FacetValue { value, passages })
        })
        .collect();
    values.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then_with(|| a.value.cmp(&b.value))
    });
    let distinct = values.len();
    values.truncate(FACET_VALUES);
    Facet {
        field: field.to_string(),
        values,
        distinct,
    }
}

/// Bars per month when the dates span three years or less, else per year,
/// every period between the first and the last (zeros included).
pub fn histogram(days: &BTreeMap<i64, u64>) -> Vec<Bar> {
    let dates: Vec<(chrono::NaiveDate, u64)> = days
        .iter()
        .filter_map(|(d, n)| Some((DateTime::from_timestamp(*d, 0)?.date_naive(), *n)))
        .collect();
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return Vec::new();
    };
    let month_of = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
    let by_month = month_of(last.0) - month_of(first.0) < 36;
    let key = |m: i32| {
        if by_month {
            format!("{:04}-{:02}", m / 12, m % 12 + 1)
        } else {
            format!("{:04}", m / 12)
        }
    };
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let step = if by_month { 1 } else { 12 };
    let mut m = if by_month {
        month_of(first.0)
    } else {
        first.0.year() * 12
    };
    while m <= month_of(last.0) {
        counts.insert(key(m), 0);
        m += step;
    }
    for (d, n) in &dates {
        *counts.entry(key(month_of(*d))).or_default() += n;
    }
    counts
        .into_iter()
        .map(|(period, passages)| Bar { period, passages })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn months_with_zeros_between() {
        let days = BTreeMap::from([(day("2025-01-05"), 2), (day("2025-03-01"), 1)]);
        let bars = histogram(&days);
        let got: Vec<(&str, u64)> = bars
            .iter()
            .map(|b| (b.period.as_str(), b.passages))
            .collect();
        assert_eq!(got, [("2025-01", 2), ("2025-02", 0), ("2025-03", 1)]);
        let long = BTreeMap::from([(day("2019-06-05"), 2), (day("2025-03-01"), 1)]);
        assert_eq!(histogram(&long).len(), 7);
    }

    /// The hits, the totals, the facets and the histogram of a page read
    /// one snapshot: a commit after it (here, another statement about
    /// Taiwan) changes none of them, and the next page sees it in all.
    #[test]
    fn a_page_reads_one_snapshot_while_an_ingest_commits() {
        use crate::ingest::{bundled, ingest_statements, IngestOptions};
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = bundled::open_demo(&dir.path().join("index")).unwrap();
        let request = SearchRequest::new("Taiwan");
        let glossary = Glossary::builtin();
        let before = index.searcher().unwrap();
        let text = "+++\nid = \"later\"\npublisher = \"Later Wire\"\ncountry = \"US\"\n\
            kind = \"readout\"\nlang = \"en\"\ndate = \"2026-01-02\"\ntitle = \"Later\"\n+++\n\n\
            Taiwan was discussed again.\n";
        let later = crate::formats::statement_file::parse(std::path::Path::new("later.md"), text);
        ingest_statements(&index, [later], &IngestOptions::default()).unwrap();
        let total = |page: &SearchPage| {
            let publishers: u64 = page.facets[0].values.iter().map(|v| v.passages).sum();
            let bars: u64 = page.histogram.iter().map(|b| b.passages).sum();
            (page.results.total as u64, publishers, bars)
        };
        let old = search_page_on(&index, &before, &request, glossary).unwrap();
        let new = search_page(&index, &request, glossary).unwrap();
        let (n, publishers, bars) = total(&old);
        assert_eq!(
            (publishers, bars),
            (n, n),
            "one snapshot: {:?}",
            total(&old)
        );
        assert_eq!(total(&new), (n + 1, n + 1, n + 1));
        assert!(old.results.hits.iter().all(|h| h.doc_id != "later"));
    }
}
