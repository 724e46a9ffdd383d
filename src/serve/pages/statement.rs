//! A statement: its metadata, its paragraphs numbered with their speakers
//! ([`PASSAGES_PER_PAGE`] a page), the other statements of its event; and
//! the parallel view beside its translation, paragraphs aligned.
//!
//! Routes: `/statements/{id}` with the format (`.json`, `.csv`, `.jsonl`)
//! read off the undecoded path, so an id's own dots (percent-encoded in
//! every link) are never a format; and `/statement…?id=ID`, which takes any
//! id, for `.` and `..`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use maud::{html, Markup};

use super::statement_data;
use crate::error::{Error, Result};
use crate::query::compare::{event_columns, Column};
use crate::query::documents::{self, Document, Parallel};
use crate::query::window;
use crate::serve::api::{blocking, Failure};
use crate::serve::export::Format;
use crate::serve::html::{
    self, compare_href, page, statement_href, statement_page, unseg, who_with_words,
    PASSAGES_PER_PAGE,
};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// What is asked of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The HTML page.
    Html,
    /// `show --json`.
    Json,
    /// One paragraph a row.
    Rows(Format),
    /// The parallel view.
    Parallel,
    /// `show --parallel --json`.
    ParallelJson,
}

/// `GET /statements/{id}` (HTML), and `/statements/{id}.json`, `.csv`,
/// `.jsonl`: the suffix is read on the path as sent, before decoding.
pub async fn handler(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let raw = uri.path().strip_prefix("/statements/").unwrap_or("");
    let (raw, what) = [
        (".jsonl", What::Rows(Format::JsonLines)),
        (".json", What::Json),
        (".csv", What::Rows(Format::Csv)),
    ]
    .into_iter()
    .find_map(|(suffix, what)| raw.strip_suffix(suffix).map(|r| (r, what)))
    .unwrap_or((raw, What::Html));
    match unseg(raw) {
        Some(id) => dispatch(shared, id, &map, what).await,
        None => bad_id(raw, what),
    }
}

/// `GET /statement?id=ID` and its `.json`, `.csv`, `.jsonl`, `/parallel`,
/// `/parallel.json`: any id, `.` and `..` included.
pub async fn by_query(shared: Arc<Shared>, map: HashMap<String, String>, what: What) -> Response {
    match map.get("id") {
        Some(id) => dispatch(shared, id.clone(), &map, what).await,
        None => answer_failure(
            Failure {
                status: StatusCode::BAD_REQUEST,
                message: "give the statement's id: /statement?id=ID".into(),
            },
            what,
        ),
    }
}

/// `GET /statements/{id}/parallel`.
pub async fn parallel(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    dispatch(shared, id, &HashMap::new(), What::Parallel).await
}

/// `GET /statements/{id}/parallel.json`.
pub async fn parallel_json(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    dispatch(shared, id, &HashMap::new(), What::ParallelJson).await
}

fn bad_id(raw: &str, what: What) -> Response {
    answer_failure(
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: format!("{raw:?} is not a percent-encoded UTF-8 statement id"),
        },
        what,
    )
}

fn answer_failure(f: Failure, what: What) -> Response {
    match what {
        What::Html | What::Parallel => html::error_page(f, &Params::default()),
        _ => f.json(),
    }
}

async fn dispatch(
    shared: Arc<Shared>,
    id: String,
    map: &HashMap<String, String>,
    what: What,
) -> Response {
    match what {
        What::Html => match page_number(map) {
            Ok(n) => statement_html(shared, id, n).await,
            Err(f) => answer_failure(f, what),
        },
        What::Json => statement_data::json(shared, id).await,
        What::Rows(format) => statement_data::rows(shared, id, format).await,
        What::Parallel => parallel_html(shared, id).await,
        What::ParallelJson => statement_data::parallel_json(shared, id).await,
    }
}

/// `page` (from 1; 1 when absent).
fn page_number(map: &HashMap<String, String>) -> std::result::Result<u64, Failure> {
    match map.get("page").map(|v| v.trim()) {
        None | Some("") => Ok(1),
        Some(v) => v.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            Failure::from(Error::Usage(format!(
                "page {v:?}: give a page number from 1"
            )))
        }),
    }
}

/// One page of a statement and what surrounds it.
struct Shown {
    doc: Document,
    passages: usize,
    pages: u64,
    page: u64,
    partner: Option<String>,
    others: Vec<Column>,
}

fn load(index: &crate::index::ReadoutsIndex, id: &str, page: u64) -> Result<Shown> {
    let searcher = index.searcher()?;
    let outline = window::outline(index, &searcher, id)?;
    let pages = outline.last().div_ceil(PASSAGES_PER_PAGE).max(1);
    if page > pages {
        return Err(Error::Usage(format!(
            "page {page}: the statement has {pages} page{} of {PASSAGES_PER_PAGE} paragraphs",
            if pages == 1 { "" } else { "s" }
        )));
    }
    let first = (page - 1) * PASSAGES_PER_PAGE + 1;
    let mut doc = outline.document.clone();
    doc.passages = window::passages(index, &searcher, &outline, first, page * PASSAGES_PER_PAGE)?;
    // The words that report each person and an uncertain role, on hover.
    window::explain_within(&mut doc);
    let partner = documents::partner(index, &searcher, id)?;
    let others = match &doc.event {
        Some(event) => event_columns(index, event)?,
        None => Vec::new(),
    };
    Ok(Shown {
        doc,
        passages: outline.passages(),
        pages,
        page,
        partner,
        others,
    })
}

async fn statement_html(shared: Arc<Shared>, id: String, page_no: u64) -> Response {
    let found = blocking(&shared, move |_, index| load(index, &id, page_no)).await;
    let p = Params::default();
    match found {
        Ok(shown) => html::ok(page(&shown.doc.title, &p, statement(&shown))),
        Err(f) => html::error_page(f, &p),
    }
}

async fn parallel_html(shared: Arc<Shared>, id: String) -> Response {
    let found = blocking(&shared, move |s, index| {
        statement_data::parallel_within_cap(index, &id, &s.glossary)
    })
    .await;
    let p = Params::default();
    match found {
        Ok(pair) => html::ok(page(
            &format!("{} ⇄ {}", pair.left.title, pair.right.title),
            &p,
            parallel_view(&pair),
        )),
        Err(f) => html::error_page(f, &p),
    }
}

/// Links to the other pages of a long statement.
fn paging(shown: &Shown) -> Markup {
    let id = &shown.doc.doc_id;
    let (first, last) = (
        shown.doc.passages.first().map_or(0, |p| p.passage),
        shown.doc.passages.last().map_or(0, |p| p.passage),
    );
    html! {
        @if shown.pages > 1 {
            nav.paging aria-label="pages of the statement" {
                "Paragraphs " (first) "–" (last) " of " (shown.passages)
                " (page " (shown.page) " of " (shown.pages) ")"
                @if shown.page > 1 { " · " a rel="prev" href=(statement_page(id, shown.page - 1)) { "previous" } }
                @if shown.page < shown.pages { " · " a rel="next" href=(statement_page(id, shown.page + 1)) { "next" } }
            }
        }
    }
}

fn metadata(doc: &Document) -> Markup {
    html! {
        dl.metadata {
            dt { "publisher" } dd { (doc.publisher) }
            dt { "country" } dd { (doc.country) }
            dt { "kind" } dd { (doc.kind) }
            dt { "language" } dd { (doc.lang) }
            dt { "date" } dd { time { (doc.date) } @if let Some(s) = &doc.date_source { " (" (s) ")" } }
            @if let Some(s) = &doc.speaker { dt { "speaker" } dd { (s) } }
            @if let Some(e) = &doc.event { dt { "event" } dd { a href=(compare_href(e, "", "")) { (e) } } }
            @if let Some(u) = &doc.url {
                dt { "source" }
                dd {
                    // Only web addresses become links (never `javascript:` or `data:`).
                    @if u.starts_with("https://") || u.starts_with("http://") {
                        a href=(u) rel="noopener noreferrer nofollow" { (u) }
                    } @else { (u) }
                }
            }
            @if let Some(n) = &doc.notes { dt { "notes" } dd { (n) } }
            dt { "id" } dd { code { (doc.doc_id) } }
        }
    }
}

fn statement(shown: &Shown) -> Markup {
    let (doc, partner, others) = (&shown.doc, shown.partner.as_deref(), &shown.others[..]);
    html! {
        article.statement lang=(doc.lang) {
            h1 { (doc.title) }
            (metadata(doc))
            p.links {
                "Download: "
                a href=(statement_href(&doc.doc_id, ".csv")) download { "CSV" }
                " · " a href=(statement_href(&doc.doc_id, ".jsonl")) download { "JSON Lines" }
                " · " a href=(statement_href(&doc.doc_id, ".json")) { "JSON" }
                @if let Some(other) = partner {
                    " · " a #parallel-link href=(statement_href(&doc.doc_id, "/parallel")) { "beside its translation" }
                    " · " a href=(statement_href(other, "")) { "the translation alone" }
                }
            }
            (paging(shown))
            ol.passages {
                @for para in &doc.passages {
                    li #(format!("p{}", para.passage)) value=(para.passage) {
                        @if para.speaker.is_some() || !para.reported.is_empty() {
                            p.who { (who_with_words(para)) }
                        }
                        p.text { (para.text) }
                    }
                }
            }
            (paging(shown))
        }
        @if others.len() > 1 {
            aside.event {
                h2 { "Other statements of this event" }
                ul {
                    @for c in others.iter().filter(|c| c.doc_id != doc.doc_id) {
                        li { a href=(statement_href(&c.doc_id, "")) { (c.title) } " · " (c.publisher) " · " (c.lang) " · " (c.date) }
                    }
                }
                @if let Some(e) = &doc.event { p { a href=(compare_href(e, "", "")) { "Compare the statements of this event" } } }
            }
        }
    }
}

fn parallel_view(pair: &Parallel) -> Markup {
    let text = |d: &Document, numbers: &[u64]| -> Vec<(u64, String)> {
        numbers
            .iter()
            .filter_map(|n| d.passages.iter().find(|p| p.passage == *n))
            .map(|p| (p.passage, p.text.clone()))
            .collect()
    };
    html! {
        h1 { "Parallel view" }
        table.parallel {
            thead { tr {
                th scope="col" { a href=(statement_href(&pair.left.doc_id, "")) { (pair.left.title) } br; small { (pair.left.publisher) " · " (pair.left.lang) } }
                th scope="col" { a href=(statement_href(&pair.right.doc_id, "")) { (pair.right.title) } br; small { (pair.right.publisher) " · " (pair.right.lang) } }
            } }
            tbody {
                @for row in &pair.rows {
                    tr id=[row.left.first().map(|n| format!("p{n}"))] title=(format!("{} · {:.2}", serde_json::to_value(row.method).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(), row.score)) {
                        @for (doc, numbers) in [(&pair.left, &row.left), (&pair.right, &row.right)] {
                            td lang=(doc.lang) {
                                @for (n, t) in text(doc, numbers) { p { span.num { "¶" (n) " " } (t) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
