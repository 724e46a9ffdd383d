//! CSV for every command that prints rows (a header, then one line a row).

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::query::Hit;

/// Write `rows` as CSV with a header. A closed pipe surfaces as an I/O error
/// (the binary treats it as the end of output).
pub fn rows<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row).map_err(csv_error)?;
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
#[derive(serde::Serialize)]
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
    /// The hit's `path`.
    pub path: &'a str,
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
            path: &h.path,
        }
    }
}
