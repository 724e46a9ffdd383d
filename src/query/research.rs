//! Research views: `count` (passages grouped by a metadata field) and
//! `timeline` (passages per month or year); `compare` is in `query::compare`. All use the same query language, filters and glossary expansion as
//! `search`, and all count on the index's columns (`query::aggregate`),
//! never reading a stored passage (compare reads each statement's first
//! passage for its column heading).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::aggregate::{CountByDay, CountByValue};
use super::{matching_query, SearchRequest};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;

/// Matching passages per value of a keyword or identifier field, counted on
/// its column.
pub(crate) fn count_values(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    field: tantivy::schema::Field,
    glossary: &Glossary,
) -> Result<HashMap<Option<String>, u64>> {
    let searcher = index.searcher()?;
    let query = matching_query(index, &searcher, request, glossary)?;
    let column = CountByValue::new(index.schema.schema.get_field_name(field));
    searcher
        .search(&query, &column)
        .map_err(|e| Error::index(&index.path, e))
}

/// How many statements have at least one passage matching a request.
pub fn matching_statements(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<usize> {
    let per_statement = count_values(index, request, index.fields().doc_id, glossary)?;
    Ok(per_statement.keys().filter(|id| id.is_some()).count())
}

/// Matching passages per day, counted on the date column.
fn count_days(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
) -> Result<BTreeMap<NaiveDate, u64>> {
    let searcher = index.searcher()?;
    let query = matching_query(index, &searcher, request, glossary)?;
    let column = CountByDay::new(index.schema.schema.get_field_name(index.fields().date));
    let by_second = searcher
        .search(&query, &column)
        .map_err(|e| Error::index(&index.path, e))?;
    let mut by_day = BTreeMap::new();
    for (seconds, n) in by_second {
        let day = crate::index::index_to_day(tantivy::DateTime::from_timestamp_secs(seconds))
            .ok_or_else(|| Error::File {
                path: index.path.clone(),
                reason: format!("damaged index: a stored date ({seconds} s) is out of range"),
            })?;
        *by_day.entry(day).or_insert(0) += n;
    }
    Ok(by_day)
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
    Reported,
    Role,
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

/// Count matching passages per group: most first (by period for year and month).
pub fn count(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    by: GroupBy,
    glossary: &Glossary,
) -> Result<Vec<CountRow>> {
    let f = index.fields();
    let field = match by {
        GroupBy::Publisher => Some(f.publisher),
        GroupBy::Country => Some(f.country),
        GroupBy::Lang => Some(f.lang),
        GroupBy::Kind => Some(f.kind),
        GroupBy::Speaker => Some(f.speaker),
        GroupBy::Reported => f.reported,
        GroupBy::Role => f.speaker_role,
        GroupBy::Event => Some(f.event),
        GroupBy::Year | GroupBy::Month => None,
    };
    let mut groups: BTreeMap<String, u64> = BTreeMap::new();
    let by_period = matches!(by, GroupBy::Year | GroupBy::Month);
    match field {
        _ if by_period => {
            let by_month = by == GroupBy::Month;
            for (day, n) in count_days(index, request, glossary)? {
                *groups.entry(period_label(day, by_month)).or_default() += n;
            }
        }
        Some(field) => {
            for (value, n) in count_values(index, request, field, glossary)? {
                let key = value
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| "(none)".to_string());
                *groups.entry(key).or_default() += n;
            }
        }
        // An index made before this column: nothing to count on.
        None => {}
    }
    let mut rows: Vec<CountRow> = groups
        .into_iter()
        .map(|(key, count)| CountRow { key, count })
        .collect();
    if !by_period {
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    }
    Ok(rows)
}

/// `YYYY-MM` or `YYYY`.
fn period_label(day: NaiveDate, by_month: bool) -> String {
    if by_month {
        format!("{:04}-{:02}", day.year(), day.month())
    } else {
        format!("{:04}", day.year())
    }
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
    let days = count_days(index, request, glossary)?;
    let (Some(first), Some(last)) = (days.keys().next(), days.keys().next_back()) else {
        return Ok(Vec::new());
    };
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
    let by_month = match period {
        Period::Month => true,
        Period::Year => false,
        Period::Auto => months < 36,
    };
    let label = |d: &NaiveDate| period_label(*d, by_month);
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
    for (d, n) in &days {
        *counts.entry(label(d)).or_default() += n;
    }
    Ok(counts
        .into_iter()
        .map(|(key, count)| CountRow { key, count })
        .collect())
}
