//! CSV for every command that prints rows (a header, then one line a row),
//! and for the server's downloads: every row goes through [`write_row`],
//! which keeps a spreadsheet from reading a cell as a formula.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::query::Hit;

/// Write `rows` as CSV with a header, the header alone when there is no
/// row (the columns of `T::default()`). A closed pipe surfaces as an I/O
/// error (the binary treats it as the end of output).
pub fn rows<T: Serialize + Default>(out: &mut dyn Write, rows: &[T]) -> Result<()> {
    table(out, rows, &T::default())
}

/// Write `rows` as CSV with a header; with no row, the header of
/// `example`'s columns alone (a script reading the file finds its columns
/// whether or not anything matched).
pub fn table<T: Serialize>(out: &mut dyn Write, rows: &[T], example: &T) -> Result<()> {
    if rows.is_empty() {
        header(out, example)?;
    }
    for (i, row) in rows.iter().enumerate() {
        write_row(out, row, i == 0)?;
    }
    out.flush().map_err(|e| Error::io("<stdout>", e))
}

/// Write the header line of `example`'s columns, as [`write_row`] would
/// write it above the row, without the row.
pub fn header<T: Serialize>(out: &mut dyn Write, example: &T) -> Result<()> {
    let raw = serialized(example, true)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(raw.as_slice());
    let names = reader
        .byte_records()
        .next()
        .transpose()
        .map_err(csv_error)?
        .unwrap_or_default();
    let names: Vec<String> = names
        .iter()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    write_record(out, &names.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The characters that make a spreadsheet read a cell as a formula (or
/// split it), after OWASP's "CSV Injection": `=`, `+`, `-`, `@`, tab and
/// carriage return.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: one that starts with a [`FORMULA_STARTS`] character
/// gets a leading `'` (OWASP's rule), so `=cmd|' /C calc'!A0` is shown as
/// text; any other cell is unchanged.
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Write one row as CSV (after the header of its field names when `header`),
/// every cell through [`cell`]. The one way rows become CSV: `search --csv`,
/// `count`, `timeline` and `compare --csv`, and every CSV of `serve`.
pub fn write_row<T: Serialize>(out: &mut dyn Write, row: &T, header: bool) -> Result<()> {
    write_records(out, &serialized(row, header)?)
}

/// `row` as the csv crate writes it (after its header when `header`).
fn serialized<T: Serialize>(row: &T, header: bool) -> Result<Vec<u8>> {
    let mut raw = Vec::with_capacity(256);
    {
        let mut w = csv::WriterBuilder::new()
            .has_headers(header)
            .from_writer(&mut raw);
        w.serialize(row).map_err(csv_error)?;
        w.flush().map_err(|e| Error::io("<csv>", e))?;
    }
    Ok(raw)
}

/// Write a record (a header of constants, say) through [`cell`].
pub fn write_record(out: &mut dyn Write, fields: &[&str]) -> Result<()> {
    let mut raw = Vec::with_capacity(256);
    {
        let mut w = csv::Writer::from_writer(&mut raw);
        w.write_record(fields).map_err(csv_error)?;
        w.flush().map_err(|e| Error::io("<csv>", e))?;
    }
    write_records(out, &raw)
}

/// Read back the CSV the csv crate wrote and write it again, cell by cell
/// through [`cell`] (the crate has no hook for the cells it writes).
fn write_records(out: &mut dyn Write, raw: &[u8]) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(raw);
    let mut writer = csv::Writer::from_writer(out);
    for record in reader.byte_records() {
        let record = record.map_err(csv_error)?;
        let cells = record
            .iter()
            .map(|b| cell(&String::from_utf8_lossy(b)).into_owned());
        writer.write_record(cells).map_err(csv_error)?;
    }
    writer.flush().map_err(|e| Error::io("<stdout>", e))
}

/// A csv error as the I/O error inside it, when there is one.
pub fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("<stdout>", io),
        other => Error::Usage(format!("CSV: {other:?}")),
    }
}

/// A hit as one CSV row (lists joined by "; "): `search --csv` and the
/// server's `/search.csv`.
#[derive(serde::Serialize, Default)]
pub struct HitRow<'a> {
    /// The hit's `doc_id`.
    pub doc_id: &'a str,
    /// The hit's `passage`.
    pub passage: u64,
    /// The hit's `score`.
    pub score: f32,
    /// The hit's `publisher`.
    pub publisher: &'a str,
    /// The hit's `country`.
    pub country: &'a str,
    /// The hit's `kind`.
    pub kind: &'a str,
    /// The hit's `lang`.
    pub lang: &'a str,
    /// The hit's `date`.
    pub date: &'a str,
    /// The hit's `title`.
    pub title: &'a str,
    /// The hit's `speaker`.
    pub speaker: Option<&'a str>,
    /// The hit's `speaker_role`.
    pub speaker_role: Option<&'a str>,
    /// The hit's `reported`.
    pub reported: String,
    /// The hit's `event`.
    pub event: Option<&'a str>,
    /// The hit's `url`.
    pub url: Option<&'a str>,
    /// The hit's `matched`.
    pub matched: String,
    /// The hit's `text`.
    pub text: &'a str,
    /// The hit's `path`; `None` (and no column) in the server's downloads,
    /// which do not show where the server's files are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
}

impl<'a> HitRow<'a> {
    /// A row with every column, `path` too (for the header of no hits).
    pub fn columns() -> HitRow<'static> {
        HitRow {
            path: Some(""),
            ..HitRow::default()
        }
    }

    /// The row without the `path` column (the server's `/search.csv`).
    pub fn public(hit: &'a Hit) -> HitRow<'a> {
        HitRow {
            path: None,
            ..HitRow::from(hit)
        }
    }
}

impl<'a> From<&'a Hit> for HitRow<'a> {
    fn from(h: &'a Hit) -> Self {
        HitRow {
            doc_id: &h.doc_id,
            passage: h.passage,
            score: h.score,
            publisher: &h.publisher,
            country: &h.country,
            kind: &h.kind,
            lang: &h.lang,
            date: &h.date,
            title: &h.title,
            speaker: h.speaker.as_deref(),
            speaker_role: h.speaker_role.as_deref(),
            reported: h.reported.join("; "),
            event: h.event.as_deref(),
            url: h.url.as_deref(),
            matched: h
                .matched
                .iter()
                .map(|m| m.form.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            text: &h.text,
            path: Some(&h.path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_a_formula_get_a_quote_and_only_they() {
        for hostile in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(hostile), format!("'{hostile}"));
        }
        for plain in ["", "x=1", "台湾", "'quoted", " =1"] {
            assert_eq!(cell(plain), plain);
        }
        #[derive(serde::Serialize)]
        struct Row<'a> {
            a: &'a str,
            n: i64,
        }
        let mut out = Vec::new();
        write_row(
            &mut out,
            &Row {
                a: "=cmd|' /C calc'!A0",
                n: -3,
            },
            true,
        )
        .unwrap();
        write_row(
            &mut out,
            &Row {
                a: "\tx,\"y\"",
                n: 4,
            },
            false,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,n\n'=cmd|' /C calc'!A0,'-3\n\"'\tx,\"\"y\"\"\",4\n"
        );
    }
}
