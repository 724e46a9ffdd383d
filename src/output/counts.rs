//! Count rows for people and scripts: the text table of `count` (one field,
//! or two for a crosstab), and rows whose groups are named by their fields
//! (`{"publisher": …, "year": …, "key": …, "passages": …}`) for crosstab
//! cells and timeline series, in JSON Lines and CSV.

use std::io::Write;

use serde::ser::{Serialize, SerializeMap, Serializer};
use unicode_width::UnicodeWidthStr;

use super::measure::Measure;
use super::research::pad;
use crate::error::{Error, Result};
use crate::query::research::CountRow;

fn io(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// A table of counts: one column per key (`names` heads them; one key with
/// no name for a one-field count), then passages and statements matching,
/// glossary-only passages, and (with `Measure::Rate`) the rates and their
/// denominators.
pub fn table(
    out: &mut dyn Write,
    names: &[&str],
    rows: &[(Vec<String>, &CountRow)],
    measure: Measure,
) -> Result<()> {
    let columns = names.len().max(1);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|(keys, _)| keys.get(i).map(|k| k.width()))
                .chain(names.get(i).map(|n| n.width()))
                .max()
                .unwrap_or(3)
                .max(5)
        })
        .collect();
    let keys = |values: &[&str]| {
        let cells: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| pad(values.get(i).copied().unwrap_or(""), *w))
            .collect();
        cells.join("  ")
    };
    let mut head = format!(
        "{}  {:>9} {:>10} {:>13}",
        keys(names),
        "passages",
        "statements",
        "glossary-only"
    );
    if measure == Measure::Rate {
        head.push_str(&format!(
            " {:>11} {:>10} {:>13} {:>10}",
            "per 1,000 p", "per 100 s", "of passages", "of stmts"
        ));
    }
    writeln!(out, "{}", head.trim_end()).map_err(io)?;
    for (values, r) in rows {
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let mut line = format!(
            "{}  {:>9} {:>10} {:>13}",
            keys(&values),
            r.passages,
            r.statements,
            r.glossary_only_passages
        );
        if measure == Measure::Rate {
            let rate = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"));
            line.push_str(&format!(
                " {:>11} {:>10} {:>13} {:>10}",
                rate(r.per_1000_passages),
                rate(r.per_100_statements),
                r.slice_passages,
                r.slice_statements
            ));
        }
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}

/// A one-field count table (the key column unnamed).
pub fn counts(out: &mut dyn Write, rows: &[CountRow], measure: Measure) -> Result<()> {
    let keyed: Vec<(Vec<String>, &CountRow)> =
        rows.iter().map(|r| (vec![r.key.clone()], r)).collect();
    table(out, &[], &keyed, measure)
}

/// Group values named by their fields, serialized as a map in the given
/// order (flattened into a row).
#[derive(Debug, Clone, Default)]
pub struct NamedKeys(pub Vec<(String, String)>);

impl Serialize for NamedKeys {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A row with its groups named: `{"publisher": …, "year": …}` then the
/// row's own fields (`key`, the counts, …).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Keyed<'a, T: Serialize> {
    /// The named groups.
    #[serde(flatten)]
    pub keys: NamedKeys,
    /// The row.
    #[serde(flatten)]
    pub row: &'a T,
}

impl<'a, T: Serialize> Keyed<'a, T> {
    /// `row` under the groups `names` = `values`.
    pub fn new(names: &[&str], values: &[String], row: &'a T) -> Self {
        Keyed {
            keys: NamedKeys(
                names
                    .iter()
                    .zip(values)
                    .map(|(n, v)| (n.to_string(), v.clone()))
                    .collect(),
            ),
            row,
        }
    }
}

/// Keyed rows as JSON Lines, one object a line.
pub fn json_lines<T: Serialize>(out: &mut dyn Write, rows: &[Keyed<'_, T>]) -> Result<()> {
    for row in rows {
        super::json::line(out, row)?;
    }
    Ok(())
}

/// Keyed rows as CSV: the group columns (`names`), then the row's columns
/// (`example`'s, for the header when there is no row). The csv crate
/// cannot flatten a map, so each row is written as a record and the group
/// values put before it.
pub fn csv<T: Serialize>(
    out: &mut dyn Write,
    names: &[&str],
    rows: &[Keyed<'_, T>],
    example: &T,
) -> Result<()> {
    let record = |row: &T, header: bool| -> Result<Vec<Vec<String>>> {
        let mut raw = Vec::new();
        super::csv::write_row(&mut raw, row, header)?;
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(raw.as_slice());
        reader
            .records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_string).collect())
                    .map_err(super::csv::csv_error)
            })
            .collect()
    };
    let header = record(example, true)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut head: Vec<&str> = names.to_vec();
    head.extend(header.iter().map(String::as_str));
    super::csv::write_record(out, &head)?;
    for row in rows {
        let cells = record(row.row, false)?
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut line: Vec<&str> = row.keys.0.iter().map(|(_, v)| v.as_str()).collect();
        line.extend(cells.iter().map(String::as_str));
        super::csv::write_record(out, &line)?;
    }
    out.flush().map_err(io)
}
