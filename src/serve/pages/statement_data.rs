//! A statement's JSON and downloads, streamed a window of paragraphs at a
//! time (a 20,000-paragraph statement is never all in memory), and its
//! parallel view's data, for statements up to [`MAX_PARALLEL`] paragraphs.
//! None of them shows the server's file `path`.

use std::io::Write;
use std::sync::Arc;

use axum::response::{IntoResponse, Response};

use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;
use crate::query::documents::{self, Parallel, ShownPassage};
use crate::query::window::{self, Outline};
use crate::serve::api::{blocking, json as json_answer};
use crate::serve::export::{self, Format, Sink};
use crate::serve::state::Shared;

/// Paragraphs read from the index at a time for a download.
const WINDOW: usize = 500;

/// The most paragraphs either side of a parallel view may have (aligning
/// grows with the product of the two lengths).
pub const MAX_PARALLEL: usize = 5000;

/// One paragraph of a statement as a download row (`reported` joined by "; ").
#[derive(Debug, Default, serde::Serialize)]
struct PassageRow<'a> {
    doc_id: &'a str,
    passage: u64,
    speaker: Option<&'a str>,
    speaker_role: Option<&'a str>,
    speaker_label: Option<&'a str>,
    reported: String,
    text: &'a str,
}

/// Every paragraph of the outlined statement, a window at a time.
fn each_window(
    index: &ReadoutsIndex,
    searcher: &tantivy::Searcher,
    outline: &Outline,
    mut each: impl FnMut(&[ShownPassage]) -> Result<()>,
) -> Result<()> {
    let mut at = 0;
    while at < outline.passages() {
        let passages = window::passages_at(index, searcher, outline, at..at + WINDOW)?;
        each(&passages)?;
        at += WINDOW;
    }
    Ok(())
}

fn gone(e: std::io::Error) -> Error {
    Error::io("<client>", e)
}

/// `GET /statements/{id}.csv` and `.jsonl`: one paragraph a row.
pub async fn rows(shared: Arc<Shared>, id: String, format: Format) -> Response {
    let body = export::streamed(&shared, move |_, index, sink| {
        let searcher = index.searcher()?;
        let outline = window::outline(index, &searcher, &id)?;
        sink.begin();
        if format == Format::Csv && outline.passages() == 0 {
            crate::output::csv::header(sink, &PassageRow::default())?;
        }
        let mut n = 0usize;
        each_window(index, &searcher, &outline, |passages| {
            for p in passages {
                let row = PassageRow {
                    doc_id: &outline.document.doc_id,
                    passage: p.passage,
                    speaker: p.speaker.as_deref(),
                    speaker_role: p.speaker_role.as_deref(),
                    speaker_label: p.speaker_label.as_deref(),
                    reported: p.reported.join("; "),
                    text: &p.text,
                };
                match format {
                    Format::Csv => crate::output::csv::write_row(sink, &row, n == 0)?,
                    Format::JsonLines => crate::output::json::line(sink, &row)?,
                    other => return Err(export::not_a_download(other)),
                }
                n += 1;
            }
            Ok(())
        })
    })
    .await;
    export::answer(body, format, "statement")
}

/// `GET /statements/{id}.json`: what `show --json` prints, without `path`,
/// streamed.
pub async fn json(shared: Arc<Shared>, id: String) -> Response {
    let body = export::streamed(&shared, move |_, index, sink| {
        let searcher = index.searcher()?;
        let outline = window::outline(index, &searcher, &id)?;
        sink.begin();
        write_document(index, &searcher, &outline, sink)
    })
    .await;
    match body {
        Ok(body) => (
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response(),
        Err(f) => f.json(),
    }
}

/// The document as JSON: its metadata (the fields in `show --json`'s
/// order, `passages` last), then its paragraphs a window at a time.
fn write_document(
    index: &ReadoutsIndex,
    searcher: &tantivy::Searcher,
    outline: &Outline,
    sink: &mut Sink,
) -> Result<()> {
    let mut head = outline.document.clone();
    head.path.clear();
    head.passages.clear();
    let text = serde_json::to_string(&head).map_err(|e| Error::Usage(e.to_string()))?;
    let open = text
        .strip_suffix("]}")
        .ok_or_else(|| Error::Usage("a statement's JSON does not end with its passages".into()))?;
    sink.write_all(open.as_bytes()).map_err(gone)?;
    let mut first = true;
    each_window(index, searcher, outline, |passages| {
        for p in passages {
            if !std::mem::take(&mut first) {
                sink.write_all(b",").map_err(gone)?;
            }
            serde_json::to_writer(&mut *sink, p).map_err(|e| gone(e.into()))?;
        }
        Ok(())
    })?;
    sink.write_all(b"]}").map_err(gone)
}

/// A statement beside its translation, refused (400) when either has more
/// than [`MAX_PARALLEL`] paragraphs (the command line shows any).
pub fn parallel_within_cap(
    index: &ReadoutsIndex,
    id: &str,
    glossary: &Glossary,
) -> Result<Parallel> {
    let searcher = index.searcher()?;
    let outline = window::outline(index, &searcher, id)?;
    if let Some(other) = documents::partner(index, &searcher, id)? {
        let theirs = window::outline(index, &searcher, &other)?;
        for o in [&outline, &theirs] {
            if o.passages() > MAX_PARALLEL {
                return Err(Error::Usage(format!(
                    "{} has {} paragraphs; the parallel view aligns statements of at most {MAX_PARALLEL}: use `readouts show --parallel {id}`",
                    o.document.doc_id,
                    o.passages()
                )));
            }
        }
    }
    documents::parallel(index, id, glossary)
}

/// `GET /statements/{id}/parallel.json`: what `show --parallel --json`
/// prints, without `path`.
pub async fn parallel_json(shared: Arc<Shared>, id: String) -> Response {
    let found = blocking(&shared, move |s, index| {
        let mut pair = parallel_within_cap(index, &id, &s.glossary)?;
        pair.left.path.clear();
        pair.right.path.clear();
        Ok(pair)
    })
    .await;
    found.map_or_else(crate::serve::api::Failure::json, |v| json_answer(&v))
}
