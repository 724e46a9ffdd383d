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
use crate::index::ReadoutsIndex;
use crate::output::csv::HitRow;
use crate::query::{self, SearchRequest};

pub use crate::output::Format;

/// Bytes sent to the client at a time.
const CHUNK: usize = 64 * 1024;

/// Chunks a download may have ready before its producer waits for the
/// client (so a download holds at most about `CHUNK × QUEUED` bytes).
const QUEUED: usize = 8;

/// Where a download's producer writes: buffered into chunks that go to the
/// client through a bounded channel. Until [`Sink::begin`], an error is the
/// answer (a 400 or 404 with its message); after it, the download is cut.
pub struct Sink {
    buffer: Vec<u8>,
    tx: mpsc::Sender<std::io::Result<Vec<u8>>>,
    ready: Option<oneshot::Sender<std::result::Result<(), Failure>>>,
}

impl Sink {
    /// The request is good: the answer's headers go out, the bytes follow.
    pub fn begin(&mut self) {
        if let Some(ready) = self.ready.take() {
            let _ = ready.send(Ok(()));
        }
    }

    fn send(&mut self) -> std::io::Result<()> {
        let full = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(Ok(full))
            .map_err(|_| std::io::ErrorKind::BrokenPipe.into())
    }

    fn finish(mut self, outcome: Result<()>) {
        match (outcome, self.ready.take()) {
            (Err(e), Some(ready)) => drop(ready.send(Err(e.into()))),
            (Err(e), None) => drop(
                self.tx
                    .blocking_send(Err(std::io::Error::other(e.to_string()))),
            ),
            (Ok(()), ready) => {
                if let Some(ready) = ready {
                    let _ = ready.send(Ok(()));
                }
                if !self.buffer.is_empty() {
                    let _ = self.send();
                }
            }
        }
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A download: `produce` runs on the blocking pool under a download's turn
/// (never a search's: a client that stops reading keeps only downloads
/// waiting, and only until the send timeout closes its connection), and
/// writes to the [`Sink`]; the body streams what it writes.
pub async fn streamed<F>(shared: &Arc<Shared>, produce: F) -> std::result::Result<Body, Failure>
where
    F: FnOnce(&Shared, &ReadoutsIndex, &mut Sink) -> Result<()> + Send + 'static,
{
    let permit = shared.download_permit().await.ok_or_else(Failure::busy)?;
    let (ready, checked) = oneshot::channel();
    let (tx, mut rx) = mpsc::channel::<std::io::Result<Vec<u8>>>(QUEUED);
    let shared = shared.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut sink = Sink {
            buffer: Vec::with_capacity(CHUNK),
            tx,
            ready: Some(ready),
        };
        let outcome = shared
            .index()
            .and_then(|index| produce(&shared, &index, &mut sink));
        sink.finish(outcome);
    });
    match checked.await {
        Ok(Ok(())) => {}
        Ok(Err(f)) => return Err(f),
        Err(_) => return Err(Error::Usage("the download stopped before it began".into()).into()),
    }
    let chunks = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    Ok(Body::from_stream(chunks))
}

/// The answer of a download: its body with the type and file name, or the
/// failure as JSON.
pub fn answer(body: std::result::Result<Body, Failure>, format: Format, name: &str) -> Response {
    match body {
        Ok(body) => (
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
            body,
        )
            .into_response(),
        Err(f) => f.json(),
    }
}

/// `GET /search.csv` and `/search.jsonl`: every hit, best first (or by
/// `sort`), whatever `page` and `n` say; without the server's file paths.
pub async fn search(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
    format: Format,
) -> Response {
    answer(start(&shared, &map, format).await, format, "search")
}

/// Check the request (so that a bad query is a 400, not a cut download),
/// then stream its hits.
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
    streamed(shared, move |shared, index, sink| {
        let glossary = shared.glossary_for(request.expand);
        query::search_with_glossary(index, &request, glossary)?;
        sink.begin();
        hits(index, &request, glossary, format, sink)
    })
    .await
}

/// Write every hit, without its `path`; stops when the client has gone.
fn hits(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &crate::model::glossary::Glossary,
    format: Format,
    sink: &mut Sink,
) -> Result<()> {
    let mut rows = 0usize;
    query::search_each(index, request, glossary, |mut hit| {
        if format == Format::Csv {
            crate::output::csv::write_row(sink, &HitRow::public(&hit), rows == 0)?;
        } else {
            hit.path.clear();
            crate::output::json::line(sink, &hit)?;
        }
        rows += 1;
        Ok(())
    })?;
    if rows == 0 && format == Format::Csv {
        // No hit: the header alone.
        crate::output::csv::header(sink, &HitRow::default())?;
    }
    Ok(())
}

/// Rows (of a count, timeline or comparison) as a download.
pub fn rows<T: Serialize + Default>(rows: &[T], format: Format, name: &str) -> Response {
    let mut out: Vec<u8> = Vec::new();
    let written = match format {
        Format::Csv => crate::output::csv::rows(&mut out, rows),
        Format::JsonLines => rows
            .iter()
            .try_for_each(|r| crate::output::json::line(&mut out, r)),
        other => Err(not_a_download(other)),
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

/// The error for a format no download is offered in (text, SVG).
pub fn not_a_download(format: Format) -> Error {
    Error::Usage(format!("no {} download here", format.name()))
}
