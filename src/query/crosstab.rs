//! Crosstabs: `count --by A --by B`, matching passages and statements per
//! pair of values of two fields (publisher × year, lang × kind), each cell
//! with the denominators of its own slice, counted on the index's columns in
//! one pass like a one-field count (`query::research::count`), so a cell
//! equals the one-field count of the same slice.

use std::collections::BTreeMap;

use super::research::{fold, group_column, group_label, tallies, CountRow, GroupBy};
use super::tally::GroupKeys;
use super::SearchRequest;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;
use crate::query::values::Named;

/// One cell of a crosstab.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The cell's value of each field, in the order the fields were given
    /// (`(none)` where a passage has none, a period for year and month).
    pub keys: Vec<String>,
    /// Its counts; `row.key` is the values joined by ` · `.
    pub row: CountRow,
}

/// Check two `--by` fields: two different fields, not two periods.
pub fn check_fields(by: &[GroupBy]) -> Result<()> {
    let period = |b: &GroupBy| matches!(b, GroupBy::Year | GroupBy::Month);
    match by {
        [_] => Ok(()),
        [a, b] if a == b => Err(Error::Usage(format!(
            "by {} is given twice; a crosstab takes two different fields",
            a.name()
        ))),
        [a, b] if period(a) && period(b) => Err(Error::Usage(
            "by year and by month: a crosstab takes one period (year or month) and another field"
                .into(),
        )),
        [_, _] => Ok(()),
        _ => Err(Error::Usage(format!(
            "by takes one field, or two for a crosstab, not {}",
            by.len()
        ))),
    }
}

/// The cells of a crosstab of two fields: for every value of the first
/// field that has a match and every value of the second that has one,
/// the pair's matches and slice, zero matches included where the slice has
/// statements (a pair with no statement at all is left out: nothing was
/// published there). Values come in the order a one-field count gives
/// them (most passages first; periods in order), the first field outside.
pub fn crosstab(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    by: [GroupBy; 2],
    glossary: &Glossary,
) -> Result<Vec<Cell>> {
    check_fields(&by)?;
    let (Some(a), Some(b)) = (group_column(index, by[0]), group_column(index, by[1])) else {
        return Ok(Vec::new());
    };
    let t = tallies(index, request, vec![a, b], glossary)?;
    let label = |k: &GroupKeys| (group_label(&k[0], by[0]), group_label(&k[1], by[1]));
    let matches = fold(&t.matches, &label);
    let exact = t.exact.as_ref().map(|e| fold(e, &label));
    let slice = fold(&t.slice, &label);
    let firsts = ordered(matches.iter().map(|((a, _), m)| (a, m.passages)), by[0]);
    let seconds = ordered(matches.iter().map(|((_, b), m)| (b, m.passages)), by[1]);
    let mut cells = Vec::new();
    for first in &firsts {
        for second in &seconds {
            let key = (first.clone(), second.clone());
            let m = matches.get(&key).cloned().unwrap_or_default();
            let s = slice.get(&key).cloned().unwrap_or_default();
            if m.passages == 0 && s.statements == 0 {
                continue;
            }
            let e = exact
                .as_ref()
                .map(|e| e.get(&key).cloned().unwrap_or_default());
            cells.push(Cell {
                keys: vec![first.clone(), second.clone()],
                row: CountRow::new(format!("{first} · {second}"), &m, e.as_ref(), &s),
            });
        }
    }
    Ok(cells)
}

/// A field's values with a match, ordered as a one-field count orders
/// its groups.
fn ordered<'a>(values: impl Iterator<Item = (&'a String, u64)>, by: GroupBy) -> Vec<String> {
    let mut totals: BTreeMap<&String, u64> = BTreeMap::new();
    for (value, passages) in values {
        *totals.entry(value).or_default() += passages;
    }
    let mut out: Vec<(&String, u64)> = totals.into_iter().filter(|(_, n)| *n > 0).collect();
    if !matches!(by, GroupBy::Year | GroupBy::Month) {
        out.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    }
    out.into_iter().map(|(v, _)| v.clone()).collect()
}
