//! A statement: its metadata, its paragraphs numbered with their speakers,
//! the other statements of its event; and the parallel view beside its
//! translation, paragraphs aligned.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{html, Markup};

use crate::query::compare::{event_columns, Column};
use crate::query::documents::{self, Document, Parallel};
use crate::serve::api::{self, blocking};
use crate::serve::export::{self, Format};
use crate::serve::html::{self, page, seg, who};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// One paragraph of a statement as a download row (`reported` joined by "; ").
#[derive(Debug, serde::Serialize)]
struct PassageRow<'a> {
    doc_id: &'a str,
    passage: u64,
    speaker: Option<&'a str>,
    speaker_role: Option<&'a str>,
    speaker_label: Option<&'a str>,
    reported: String,
    text: &'a str,
}

/// `GET /statements/{id}.csv` and `.jsonl`: one paragraph a row.
async fn download(shared: Arc<Shared>, id: String, format: Format) -> Response {
    match blocking(&shared, move |_, index| documents::document(index, &id)).await {
        Ok(doc) => {
            let rows: Vec<PassageRow> = doc
                .passages
                .iter()
                .map(|p| PassageRow {
                    doc_id: &doc.doc_id,
                    passage: p.passage,
                    speaker: p.speaker.as_deref(),
                    speaker_role: p.speaker_role.as_deref(),
                    speaker_label: p.speaker_label.as_deref(),
                    reported: p.reported.join("; "),
                    text: &p.text,
                })
                .collect();
            export::rows(&rows, format, "statement")
        }
        Err(f) => f.json(),
    }
}

/// `GET /statements/{id}` (HTML), and `/statements/{id}.json`, `.csv`, `.jsonl`.
pub async fn handler(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    if let Some(id) = id.strip_suffix(".json") {
        return api::statement(shared, id.to_string(), false).await;
    }
    if let Some(id) = id.strip_suffix(".jsonl") {
        return download(shared, id.to_string(), Format::JsonLines).await;
    }
    if let Some(id) = id.strip_suffix(".csv") {
        return download(shared, id.to_string(), Format::Csv).await;
    }
    let found = blocking(&shared, move |_, index| {
        let doc = documents::document(index, &id)?;
        let searcher = index.searcher()?;
        let partner = documents::partner(index, &searcher, &id)?;
        let others = match &doc.event {
            Some(event) => event_columns(index, event)?,
            None => Vec::new(),
        };
        Ok((doc, partner, others))
    })
    .await;
    let p = Params::default();
    match found {
        Ok((doc, partner, others)) => html::ok(page(
            &doc.title,
            &p,
            statement(&doc, partner.as_deref(), &others),
        )),
        Err(f) => html::error_page(f, &p),
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
            @if let Some(e) = &doc.event { dt { "event" } dd { a href=(format!("/events/{}/compare", seg(e))) { (e) } } }
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

fn statement(doc: &Document, partner: Option<&str>, others: &[Column]) -> Markup {
    html! {
        article.statement lang=(doc.lang) {
            h1 { (doc.title) }
            (metadata(doc))
            p.links {
                "Download: "
                a href=(format!("/statements/{}.csv", seg(&doc.doc_id))) download { "CSV" }
                " · " a href=(format!("/statements/{}.jsonl", seg(&doc.doc_id))) download { "JSON Lines" }
                " · " a href=(format!("/statements/{}.json", seg(&doc.doc_id))) { "JSON" }
                @if let Some(other) = partner {
                    " · " a #parallel-link href=(format!("/statements/{}/parallel", seg(&doc.doc_id))) { "beside its translation" }
                    " · " a href=(format!("/statements/{}", seg(other))) { "the translation alone" }
                }
            }
            ol.passages {
                @for para in &doc.passages {
                    li #(format!("p{}", para.passage)) value=(para.passage) {
                        @if para.speaker.is_some() || !para.reported.is_empty() {
                            p.who { (who(para.speaker.as_deref(), para.speaker_role.as_deref(), &para.reported)) }
                        }
                        p.text { (para.text) }
                    }
                }
            }
        }
        @if others.len() > 1 {
            aside.event {
                h2 { "Other statements of this event" }
                ul {
                    @for c in others.iter().filter(|c| c.doc_id != doc.doc_id) {
                        li { a href=(format!("/statements/{}", seg(&c.doc_id))) { (c.title) } " · " (c.publisher) " · " (c.lang) " · " (c.date) }
                    }
                }
                @if let Some(e) = &doc.event { p { a href=(format!("/events/{}/compare", seg(e))) { "Compare the statements of this event" } } }
            }
        }
    }
}

/// `GET /statements/{id}/parallel` and `/statements/{id}/parallel.json`.
pub async fn parallel(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let found = blocking(&shared, move |s, index| {
        documents::parallel(index, &id, &s.glossary)
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

/// `GET /statements/{id}/parallel.json`.
pub async fn parallel_json(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    api::statement(shared, id, true).await
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
                th scope="col" { a href=(format!("/statements/{}", seg(&pair.left.doc_id))) { (pair.left.title) } br; small { (pair.left.publisher) " · " (pair.left.lang) } }
                th scope="col" { a href=(format!("/statements/{}", seg(&pair.right.doc_id))) { (pair.right.title) } br; small { (pair.right.publisher) " · " (pair.right.lang) } }
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
