//! Several series of a timeline (`timeline --vs`, `--split`) for people and
//! scripts: a text table with one column per series, and rows named by their
//! series (`{"series": …, "lang": …, "key": …, "passages": …}`) in JSON
//! Lines and CSV.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::counts::Keyed;
use super::measure::Measure;
use super::research::{pad, timeline_rows, truncate, TimelineRow};
use super::Style;
use crate::error::{Error, Result};
use crate::query::research::CountRow;
use crate::query::series::Series;

fn io(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// What the title of several series names: the queries, `vs` between
/// them, and the split field (`taiwan vs ukraine, by lang`).
pub fn title_query(queries: &[String], split: Option<crate::query::research::GroupBy>) -> String {
    use crate::query::values::Named;
    let mut q = queries.join(" vs ");
    if let Some(by) = split {
        q.push_str(&format!(", by {}", by.name()));
    }
    q
}

/// The names of a series row's groups: `series`, then the split field's.
pub fn key_names(split: Option<&'static str>) -> Vec<&'static str> {
    std::iter::once("series").chain(split).collect()
}

/// The values of a series row's groups, as [`key_names`] names them.
pub fn key_values(s: &Series) -> Vec<String> {
    std::iter::once(s.label.clone())
        .chain(s.value.clone())
        .collect()
}

/// Every period of every series as a timeline row (with its query and the
/// filters), named by its series: what `timeline --json` prints.
pub fn json_rows(series: &[Series], filters: &str) -> Vec<(Vec<String>, TimelineRow)> {
    series
        .iter()
        .flat_map(|s| {
            timeline_rows(&s.rows, &s.query, filters)
                .into_iter()
                .map(move |row| (key_values(s), row))
        })
        .collect()
}

/// Keyed rows of [`json_rows`].
pub fn keyed<'a, T: serde::Serialize>(
    names: &[&str],
    rows: &'a [(Vec<String>, T)],
) -> Vec<Keyed<'a, T>> {
    rows.iter()
        .map(|(values, row)| Keyed::new(names, values, row))
        .collect()
}

/// Every period of every series as a count row under its series and query
/// (what `timeline --csv` prints for several series).
pub fn csv_rows(series: &[Series]) -> Vec<(Vec<String>, CountRow)> {
    series
        .iter()
        .flat_map(|s| {
            let mut values = vec![s.label.clone(), s.query.clone()];
            values.extend(s.value.clone());
            s.rows.iter().map(move |r| (values.clone(), r.clone()))
        })
        .collect()
}

/// A table: one line per period, one column per series (`measure`'s value;
/// `-` where the series' slice has no statement in the period), the
/// series named above their columns.
pub fn table(
    out: &mut dyn Write,
    title: &str,
    series: &[Series],
    measure: Measure,
    style: Style,
) -> Result<()> {
    writeln!(out, "{}", style.heading(title)).map_err(io)?;
    let periods: Vec<&str> = series
        .first()
        .map(|s| s.rows.iter().map(|r| r.key.as_str()).collect())
        .unwrap_or_default();
    let label = periods.iter().map(|p| p.width()).max().unwrap_or(6).max(6);
    let widths: Vec<usize> = series
        .iter()
        .map(|s| s.label.width().clamp(8, 24))
        .collect();
    let mut head = pad("", label);
    for (s, w) in series.iter().zip(&widths) {
        head.push_str("  ");
        let name = truncate(&s.label, *w);
        head.push_str(&format!("{}{name}", " ".repeat(w - name.width())));
    }
    writeln!(out, "{}", style.heading(&head)).map_err(io)?;
    for (i, period) in periods.iter().enumerate() {
        let mut line = pad(period, label);
        for (s, w) in series.iter().zip(&widths) {
            let shown = match s.rows.get(i) {
                Some(r) if r.slice_statements == 0 => "-".to_string(),
                Some(r) if measure == Measure::Rate => format!("{:.2}", measure.of(r)),
                Some(r) => format!("{}", r.passages),
                None => String::new(),
            };
            line.push_str(&format!("  {shown:>w$}"));
        }
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}
