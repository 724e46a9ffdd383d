//! Several series on one timeline: `timeline QUERY --vs QUERY…` (one series
//! per query) and `timeline QUERY --split lang|publisher|country|…` (one per
//! value of a field), every series over the same periods (those of the
//! slice, as `query::research::timeline` takes them), so that each equals the
//! single timeline of its query and slice on the periods they share.

use std::collections::BTreeMap;

use super::research::{
    fold, group_column, group_label, tallies, timeline, CountRow, GroupBy, Period, Periods,
};
use super::tally::{GroupColumn, GroupKeys, Tally};
use super::SearchRequest;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;
use crate::query::values::Named;

/// One series of a timeline.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Series {
    /// What the legend calls it: the query, the field's value, or both
    /// (`taiwan · zh`).
    pub label: String,
    /// The query it counts.
    pub query: String,
    /// The value of the split field it counts (`None` without `--split`).
    pub value: Option<String>,
    /// One row per period.
    pub rows: Vec<CountRow>,
}

/// One series per request (they differ only in their query; the filters are
/// the first's), split by the values of `split` when given: per request,
/// one series per value with at least one match, most passages first.
pub fn series(
    index: &ReadoutsIndex,
    requests: &[SearchRequest],
    split: Option<GroupBy>,
    period: Period,
    glossary: &Glossary,
) -> Result<Vec<Series>> {
    if let Some(by @ (GroupBy::Year | GroupBy::Month)) = split {
        return Err(Error::Usage(format!(
            "split {}: a timeline is already split by period; split by another field",
            by.name()
        )));
    }
    let mut out = Vec::new();
    for request in requests {
        let mut request = request.clone();
        request.filters = requests[0].filters.clone();
        match split {
            None => out.push(Series {
                label: request.query.clone(),
                query: request.query.clone(),
                value: None,
                rows: timeline(index, &request, period, glossary)?,
            }),
            Some(by) => {
                for (value, rows) in split_rows(index, &request, by, period, glossary)? {
                    let label = if requests.len() > 1 {
                        format!("{} · {value}", request.query)
                    } else {
                        value.clone()
                    };
                    out.push(Series {
                        label,
                        query: request.query.clone(),
                        value: Some(value),
                        rows,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The timeline of each value of `by` with a match, over the periods of the
/// whole slice.
fn split_rows(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    by: GroupBy,
    period: Period,
    glossary: &Glossary,
) -> Result<Vec<(String, Vec<CountRow>)>> {
    let Some(column) = group_column(index, by) else {
        return Ok(Vec::new());
    };
    let date = index
        .schema
        .schema
        .get_field_name(index.fields().date)
        .to_string();
    let t = tallies(
        index,
        request,
        vec![column, GroupColumn::Day(date)],
        glossary,
    )?;
    let Some(periods) = Periods::of(request, &t, period)? else {
        return Ok(Vec::new());
    };
    let label = |k: &GroupKeys| (group_label(&k[0], by), periods.label(k.last()));
    let per_value = |tallies: &BTreeMap<(String, String), Tally>| {
        let mut out: BTreeMap<String, BTreeMap<String, Tally>> = BTreeMap::new();
        for ((value, key), tally) in tallies {
            out.entry(value.clone())
                .or_default()
                .insert(key.clone(), tally.clone());
        }
        out
    };
    let matches = per_value(&fold(&t.matches, &label));
    let exact = t.exact.as_ref().map(|e| per_value(&fold(e, &label)));
    let slice = per_value(&fold(&t.slice, &label));
    let none = BTreeMap::new();
    let mut out: Vec<(String, u64, Vec<CountRow>)> = matches
        .iter()
        .map(|(value, m)| {
            let e = exact.as_ref().map(|e| e.get(value).unwrap_or(&none));
            let rows = periods.rows(m, e, slice.get(value).unwrap_or(&none));
            let total = rows.iter().map(|r| r.passages).sum();
            (value.clone(), total, rows)
        })
        .filter(|(_, total, _)| *total > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out.into_iter().map(|(v, _, rows)| (v, rows)).collect())
}
