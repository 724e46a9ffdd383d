//! Research views: `count` (passages grouped by a metadata field) and
//! `timeline` (passages per month or year); `compare` is in `query::compare`. All use the same query language, filters and glossary expansion as
//! `search`, and all count on the index's columns (`query::aggregate`),
//! never reading a stored passage (compare reads each statement's first
//! passage for its column heading).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::aggregate::CountByValue;
use super::tally::{GroupColumn, GroupKey, GroupKeys, Tally, TallyBy};
use super::{matching_query, slice_query, SearchRequest};
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

/// What `count --by` groups on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// One group of `count` or one period of `timeline`: matches with their
/// denominators, so that the numbers can be published.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct CountRow {
    /// The group's value (`(none)` where the passage has none), or the period.
    pub key: String,
    /// Matching passages in the group.
    pub passages: u64,
    /// Statements with at least one matching passage.
    pub statements: u64,
    /// Matching passages found only through the glossary (not as written).
    pub glossary_only_passages: u64,
    /// Passages of the same slice (same filters, same group), matching or not.
    pub slice_passages: u64,
    /// Statements of the same slice.
    pub slice_statements: u64,
    /// Matching passages per 1,000 passages of the slice (`null` when it has none).
    pub per_1000_passages: Option<f64>,
    /// Matching statements per 100 statements of the slice (`null` when it has none).
    pub per_100_statements: Option<f64>,
}

impl CountRow {
    pub(crate) fn new(
        key: String,
        matches: &Tally,
        exact: Option<&Tally>,
        slice: &Tally,
    ) -> CountRow {
        let rate = |n: u64, of: u64, per: f64| {
            (of > 0).then(|| (n as f64 * per / of as f64 * 100.0).round() / 100.0)
        };
        CountRow {
            key,
            passages: matches.passages,
            statements: matches.statements,
            glossary_only_passages: exact
                .map_or(0, |e| matches.passages.saturating_sub(e.passages)),
            slice_passages: slice.passages,
            slice_statements: slice.statements,
            per_1000_passages: rate(matches.passages, slice.passages, 1000.0),
            per_100_statements: rate(matches.statements, slice.statements, 100.0),
        }
    }
}

/// The column a grouping counts on (`None`: the index has no such column).
pub(crate) fn group_column(index: &ReadoutsIndex, by: GroupBy) -> Option<GroupColumn> {
    let f = index.fields();
    let name = |field| index.schema.schema.get_field_name(field).to_string();
    Some(match by {
        GroupBy::Year | GroupBy::Month => GroupColumn::Day(name(f.date)),
        GroupBy::Publisher => GroupColumn::Value(name(f.publisher)),
        GroupBy::Country => GroupColumn::Value(name(f.country)),
        GroupBy::Lang => GroupColumn::Value(name(f.lang)),
        GroupBy::Kind => GroupColumn::Value(name(f.kind)),
        GroupBy::Speaker => GroupColumn::Value(name(f.speaker)),
        GroupBy::Event => GroupColumn::Value(name(f.event)),
        GroupBy::Reported => GroupColumn::Value(name(f.reported?)),
        GroupBy::Role => GroupColumn::Value(name(f.speaker_role?)),
    })
}

/// The three tallies of a request: its matches, its matches as written (when
/// it expands), and its slice.
pub(crate) struct Tallies {
    pub(crate) matches: HashMap<GroupKeys, Tally>,
    pub(crate) exact: Option<HashMap<GroupKeys, Tally>>,
    pub(crate) slice: HashMap<GroupKeys, Tally>,
}

/// The tallies of a request grouped on one column, or on two (crosstab cells).
pub(crate) fn tallies(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    columns: Vec<GroupColumn>,
    glossary: &Glossary,
) -> Result<Tallies> {
    let searcher = index.searcher()?;
    let doc_id = index.schema.schema.get_field_name(index.fields().doc_id);
    let collector = TallyBy::pairs(columns, doc_id);
    let fail = |e| Error::index(&index.path, e);
    let query = matching_query(index, &searcher, request, glossary)?;
    let matches = searcher.search(&query, &collector).map_err(fail)?;
    let exact = if request.expand {
        let as_written = SearchRequest {
            expand: false,
            ..request.clone()
        };
        let query = matching_query(index, &searcher, &as_written, glossary)?;
        Some(searcher.search(&query, &collector).map_err(fail)?)
    } else {
        None
    };
    let slice = searcher
        .search(&slice_query(index, &searcher, &request.filters), &collector)
        .map_err(fail)?;
    Ok(Tallies {
        matches,
        exact,
        slice,
    })
}

/// Fold day or value tallies into labelled groups (statements of one day are
/// distinct from another day's, so days add up).
pub(crate) fn fold<K: Ord>(
    tallies: &HashMap<GroupKeys, Tally>,
    label: &dyn Fn(&GroupKeys) -> K,
) -> BTreeMap<K, Tally> {
    let mut out: BTreeMap<K, Tally> = BTreeMap::new();
    for (key, t) in tallies {
        let entry = out.entry(label(key)).or_default();
        entry.passages += t.passages;
        entry.statements += t.statements;
    }
    out
}

/// Count matching passages and statements per group, with the slice's totals:
/// most first (by period for year and month).
pub fn count(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    by: GroupBy,
    glossary: &Glossary,
) -> Result<Vec<CountRow>> {
    let Some(column) = group_column(index, by) else {
        return Ok(Vec::new());
    };
    let t = tallies(index, request, vec![column], glossary)?;
    let label = |k: &GroupKeys| group_label(&k[0], by);
    let matches = fold(&t.matches, &label);
    let exact = t.exact.as_ref().map(|e| fold(e, &label));
    let slice = fold(&t.slice, &label);
    let mut rows: Vec<CountRow> = matches
        .iter()
        .map(|(key, m)| {
            let e = exact
                .as_ref()
                .map(|e| e.get(key).cloned().unwrap_or_default());
            CountRow::new(
                key.clone(),
                m,
                e.as_ref(),
                &slice.get(key).cloned().unwrap_or_default(),
            )
        })
        .collect();
    sort_groups(&mut rows, by);
    Ok(rows)
}

/// A group's label: its value (`(none)` for none), or its period.
pub(crate) fn group_label(key: &GroupKey, by: GroupBy) -> String {
    match key {
        GroupKey::Day(d) => period_label(*d, by == GroupBy::Month),
        GroupKey::Value(Some(v)) if !v.is_empty() => v.clone(),
        GroupKey::Value(_) => "(none)".to_string(),
    }
}

/// Most passages first, then by name; periods (year, month) in order.
pub(crate) fn sort_groups(rows: &mut [CountRow], by: GroupBy) {
    if !matches!(by, GroupBy::Year | GroupBy::Month) {
        rows.sort_by(|a, b| b.passages.cmp(&a.passages).then_with(|| a.key.cmp(&b.key)));
    }
}

/// `YYYY-MM` or `YYYY`.
pub(crate) fn period_label(day: NaiveDate, by_month: bool) -> String {
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

/// Matching passages and statements per period, with the slice's totals,
/// every period from `since` (else the first statement of the slice) to
/// `until` (else the last one), zeros included: a period whose
/// `slice_statements` is 0 has no statements at all, which is not the same
/// as no match.
pub fn timeline(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    period: Period,
    glossary: &Glossary,
) -> Result<Vec<CountRow>> {
    let date = index
        .schema
        .schema
        .get_field_name(index.fields().date)
        .to_string();
    let t = tallies(index, request, vec![GroupColumn::Day(date)], glossary)?;
    let Some(periods) = Periods::of(request, &t, period)? else {
        return Ok(Vec::new());
    };
    let label = |k: &GroupKeys| periods.label(k.last());
    let matches = fold(&t.matches, &label);
    let exact = t.exact.as_ref().map(|e| fold(e, &label));
    let slice = fold(&t.slice, &label);
    Ok(periods.rows(&matches, exact.as_ref(), &slice))
}

/// The periods of a timeline: months or years, from `since` (else the
/// slice's first day) to `until` (else its last).
pub(crate) struct Periods {
    by_month: bool,
    first: NaiveDate,
    last: NaiveDate,
}

impl Periods {
    /// The periods of a request whose tallies end on a day (`None` when the
    /// slice has no dated statement and no span is given).
    pub(crate) fn of(request: &SearchRequest, t: &Tallies, period: Period) -> Result<Option<Self>> {
        let day = |k: &GroupKeys| match k.last() {
            Some(GroupKey::Day(d)) => Some(*d),
            _ => None,
        };
        let first = request
            .filters
            .since
            .or_else(|| t.slice.keys().filter_map(day).min());
        let last = request
            .filters
            .until
            .or_else(|| t.slice.keys().filter_map(day).max());
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(None);
        };
        let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
        let by_month = match period {
            Period::Month => true,
            Period::Year => false,
            Period::Auto => months < 36,
        };
        let first =
            NaiveDate::from_ymd_opt(first.year(), if by_month { first.month() } else { 1 }, 1)
                .ok_or_else(|| Error::Usage(format!("no calendar month for {first}")))?;
        Ok(Some(Periods {
            by_month,
            first,
            last,
        }))
    }

    /// The label of a day's period (empty for a key that is not a day).
    pub(crate) fn label(&self, key: Option<&GroupKey>) -> String {
        match key {
            Some(GroupKey::Day(d)) => period_label(*d, self.by_month),
            _ => String::new(),
        }
    }

    /// One row per period, zeros included.
    pub(crate) fn rows(
        &self,
        matches: &BTreeMap<String, Tally>,
        exact: Option<&BTreeMap<String, Tally>>,
        slice: &BTreeMap<String, Tally>,
    ) -> Vec<CountRow> {
        let mut rows = Vec::new();
        let mut cursor = self.first;
        while cursor <= self.last {
            let key = period_label(cursor, self.by_month);
            let m = matches.get(&key).cloned().unwrap_or_default();
            let e = exact.map(|e| e.get(&key).cloned().unwrap_or_default());
            let s = slice.get(&key).cloned().unwrap_or_default();
            rows.push(CountRow::new(key, &m, e.as_ref(), &s));
            let step = chrono::Months::new(if self.by_month { 1 } else { 12 });
            let Some(next) = cursor.checked_add_months(step) else {
                break;
            };
            cursor = next;
        }
        rows
    }
}
