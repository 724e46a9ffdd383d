//! Downloads: every hit of a search as CSV or JSON Lines, streamed from the
//! blocking pool as it is read (never a capped page, never all in memory),
//! and the rows of a count, timeline or comparison.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

use super::api::{params, Failure};
use super::state::Shared;
use crate::error::{Error, Result};
use crate::output::csv::HitRow;
use crate::query::{self, SearchRequest};

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header.
    Csv,
    /// One JSON object a line.
    JsonLines,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::JsonLines => "application/x-ndjson; charset=utf-8",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
        }
    }
}

/// Bytes sent to the client at a time.
const CHUNK: usize = 64 * 1024;

/// `GET /search.csv` and `/search.jsonl`: every hit, best first (or by
/// `sort`), whatever `page` and `n` say.
pub async fn search(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
    format: Format,
) -> Response {
    match start(&shared, &map, format).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, format.content_type().to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"readouts-search.{}\"",
                        format.extension()
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(f) => f.json(),
    }
}

/// Check the request on the blocking pool (so that a bad query is a 400,
/// not a cut download), then stream its hits.
async fn start(
    shared: &Arc<Shared>,
    map: &HashMap<String, String>,
    format: Format,
) -> std::result::Result<Body, Failure> {
    let p = params(shared, map)?;
    let mut request = p
        .without("page")
        .without("n")
        .request(&shared.limits)
        .map_err(Failure::from)?;
    request.limit = 1;
    request.offset = 0;
    let permit = shared.permit().await.ok_or_else(Failure::busy)?;
    let (ready, checked) = oneshot::channel::<std::result::Result<(), Failure>>();
    let (tx, mut rx) = mpsc::channel::<std::io::Result<Vec<u8>>>(8);
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let index = match shared.index() {
            Ok(index) => index,
            Err(e) => return drop(ready.send(Err(e.into()))),
        };
        let glossary = shared.glossary_for(request.expand);
        if let Err(e) = query::search_with_glossary(&index, &request, glossary) {
            return drop(ready.send(Err(e.into())));
        }
        let _ = ready.send(Ok(()));
        if let Err(e) = stream(&index, &request, glossary, format, &tx) {
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    match checked.await {
        Ok(Ok(())) => {}
        Ok(Err(f)) => return Err(f),
        Err(_) => return Err(Error::Usage("the export stopped before it began".into()).into()),
    }
    let chunks = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    Ok(Body::from_stream(chunks))
}

/// Write every hit to `tx` in chunks; stops when the client has gone.
fn stream(
    index: &crate::index::ReadoutsIndex,
    request: &SearchRequest,
    glossary: &crate::model::glossary::Glossary,
    format: Format,
    tx: &mpsc::Sender<std::io::Result<Vec<u8>>>,
) -> Result<()> {
    let gone = || Error::io("<client>", std::io::ErrorKind::BrokenPipe.into());
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK);
    let mut rows = 0usize;
    query::search_each(index, request, glossary, |hit| {
        if format == Format::Csv {
            let mut w = csv::WriterBuilder::new()
                .has_headers(rows == 0)
                .from_writer(&mut buffer);
            w.serialize(HitRow::from(&hit))
                .map_err(crate::output::csv::csv_error)?;
            w.flush().map_err(|e| Error::io("<csv>", e))?;
        } else {
            crate::output::json::line(&mut buffer, &hit)?;
        }
        rows += 1;
        if buffer.len() >= CHUNK {
            let full = std::mem::replace(&mut buffer, Vec::with_capacity(CHUNK));
            tx.blocking_send(Ok(full)).map_err(|_| gone())?;
        }
        Ok(())
    })?;
    if rows == 0 && format == Format::Csv {
        // No hit: the header alone.
        let mut w = csv::Writer::from_writer(&mut buffer);
        w.write_record(HEADER)
            .map_err(crate::output::csv::csv_error)?;
        w.flush().map_err(|e| Error::io("<csv>", e))?;
    }
    if !buffer.is_empty() {
        tx.blocking_send(Ok(buffer)).map_err(|_| gone())?;
    }
    Ok(())
}

/// The CSV header of a hit row.
const HEADER: [&str; 17] = [
    "doc_id",
    "passage",
    "score",
    "publisher",
    "country",
    "kind",
    "lang",
    "date",
    "title",
    "speaker",
    "speaker_role",
    "reported",
    "event",
    "url",
    "matched",
    "text",
    "path",
];

/// Rows (of a count, timeline or comparison) as a download.
pub fn rows<T: Serialize>(rows: &[T], format: Format, name: &str) -> Response {
    let mut out: Vec<u8> = Vec::new();
    let written = match format {
        Format::Csv => crate::output::csv::rows(&mut out, rows),
        Format::JsonLines => rows
            .iter()
            .try_for_each(|r| crate::output::json::line(&mut out, r)),
    };
    if let Err(e) = written {
        return Failure::from(e).json();
    }
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"readouts-{name}.{}\"",
                    format.extension()
                ),
            ),
        ],
        out,
    )
        .into_response()
}
