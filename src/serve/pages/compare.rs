//! An event's statements compared: topics × statements, how many passages of
//! each statement mention each topic, zeros emphasised (what one side left
//! out), each cell a link to its passages.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::{html, Markup};

use crate::query::compare::Comparison;
use crate::query::coverage::Coverage;
use crate::serve::api::{compare_matrix, Failure};
use crate::serve::export::{self, Format};
use crate::serve::html::{self, compare_href, page, statement_href};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// `GET /events/{id}/compare?terms=a,b`.
pub async fn handler(
    State(shared): State<Arc<Shared>>,
    Path(event): Path<String>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    html_page(shared, event, map).await
}

/// The event a `/compare…?event=ID` route names (any id, `.` and `..` too).
pub fn event_of(map: &HashMap<String, String>) -> std::result::Result<String, Failure> {
    map.get("event")
        .filter(|e| !e.is_empty())
        .cloned()
        .ok_or_else(|| {
            Failure::from(crate::error::Error::Usage(
                "give the event's id: /compare?event=ID".into(),
            ))
        })
}

/// `GET /compare?event=ID&terms=a,b`: the page for an id of any shape.
pub async fn by_query(shared: Arc<Shared>, map: HashMap<String, String>) -> Response {
    match event_of(&map) {
        Ok(event) => html_page(shared, event, map).await,
        Err(f) => html::error_page(f, &Params::default()),
    }
}

async fn html_page(shared: Arc<Shared>, event: String, map: HashMap<String, String>) -> Response {
    let terms = map.get("terms").cloned().unwrap_or_default();
    let by_reported = map.contains_key("by_reported");
    match compare_matrix(shared, event.clone(), map).await {
        Ok(c) => html::ok(page(
            &format!("Compare {event}"),
            &Params::default(),
            matrix(&c.comparison, &c.coverage, &terms, by_reported),
        )),
        Err(f) => html::error_page(f, &Params::default()),
    }
}

/// `GET /events/{id}/compare.csv` and `.jsonl`: one cell a row.
pub async fn download(
    shared: Arc<Shared>,
    event: String,
    map: HashMap<String, String>,
    format: Format,
) -> Response {
    match compare_matrix(shared, event, map).await {
        Ok(c) => export::rows(&c.comparison.cells(), format, "compare"),
        Err(f) => Failure::json(f),
    }
}

fn matrix(c: &Comparison, coverage: &Coverage, terms: &str, by_reported: bool) -> Markup {
    let query: String = serde_urlencoded::to_string([("terms", terms)]).unwrap_or_default();
    let base = compare_href(&c.event, "", "");
    let form_event = (c.event == "." || c.event == "..").then_some(c.event.as_str());
    html! {
        h1 { "Compare: " (c.event) }
        form.compare action=(base.split('?').next().unwrap_or("/compare")) method="get" {
            @if let Some(e) = form_event { input type="hidden" name="event" value=(e); }
            label { "Topics (comma-separated; empty: every glossary concept mentioned) "
                input name="terms" value=(terms) size="50" placeholder="taiwan, soybeans, \"fascism and militarism\""; }
            label { input type="checkbox" name="by_reported" value="1" checked[by_reported]; " split by reported speaker" }
            button type="submit" { "Compare" }
        }
        p.downloads {
            "Download: " a href=(compare_href(&c.event, ".csv", &query)) download { "CSV" }
            " · " a href=(compare_href(&c.event, ".jsonl", &query)) download { "JSON Lines" }
            " · " a href=(compare_href(&c.event, ".json", &query)) { "JSON" }
        }
        (super::search::coverage(coverage))
        div.scroll {
            table.matrix {
                thead { tr {
                    th scope="col" { "topic" }
                    @for col in &c.columns {
                        th scope="col" {
                            a href=(statement_href(&col.doc_id, "")) { (col.publisher) }
                            br; small { (col.lang) " · " (col.kind) " · " (col.date) }
                            @if let Some(r) = &col.reported { br; small { "reports " (r) } }
                        }
                    }
                } }
                tbody {
                    @for row in &c.rows {
                        tr {
                            th scope="row" { (row.topic) }
                            @for (col, n) in c.columns.iter().zip(&row.passages) {
                                @let p = cell_link(&c.event, &row.topic, col);
                                td.zero[*n == 0] { a href=(p) title=(format!("{n} passages of {} mention {}", col.publisher, row.topic)) { (n) } }
                            }
                        }
                    }
                }
            }
        }
        p.note { "A " span.zero { "0" } " is a topic a statement does not mention although another of the same event does." }
    }
}

/// The search for a cell's passages: the topic, within the column's statement.
fn cell_link(event: &str, topic: &str, col: &crate::query::compare::Column) -> String {
    let mut p = Params::default()
        .with(
            "q",
            &format!("({}) id:{}", topic_query(topic), quote(&col.doc_id)),
        )
        .with("event", event);
    if let Some(r) = &col.reported {
        p = p.with("reported", r);
    }
    p.href("/search")
}

/// A topic as a query: a name with spaces and no syntax is a phrase.
fn topic_query(topic: &str) -> String {
    if topic.contains(' ') && !topic.contains(['"', '(', ')', ':']) {
        format!("\"{topic}\"")
    } else {
        topic.to_string()
    }
}

fn quote(id: &str) -> String {
    if id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        id.to_string()
    } else {
        format!("\"{}\"", id.replace('"', ""))
    }
}
