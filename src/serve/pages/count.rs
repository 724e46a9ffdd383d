//! Counts by one field or two (a crosstab): `/count` as a page (a table,
//! and for two fields a matrix of passages), `/count.json`, `.csv`, `.jsonl`
//! with the rows `count --json` prints (a crosstab's named by their fields).
//! Two fields are given as `by=publisher,year`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Serialize;

use crate::output::counts::Keyed;
use crate::query::coverage::Coverage;
use crate::query::crosstab::{self, Cell};
use crate::query::research::{self, CountRow, GroupBy};
use crate::query::values::Named;
use crate::serve::api::{blocking, json, params, Failure};
use crate::serve::export::Format;
use crate::serve::html::{self, page};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// The fields of `by=a` or `by=a,b`.
pub fn fields(by: &str) -> std::result::Result<Vec<GroupBy>, Failure> {
    let fields = by
        .split(',')
        .map(|name| GroupBy::from_name(name).map_err(Failure::from))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    crosstab::check_fields(&fields).map_err(Failure::from)?;
    Ok(fields)
}

/// `/count.json`: the rows of `count --by` (a crosstab's named by their
/// fields), and what each term reached.
#[derive(Serialize)]
struct CountJson<'a> {
    query: &'a str,
    filters: String,
    by: &'a str,
    rows: &'a [Keyed<'a, CountRow>],
    coverage: &'a Coverage,
}

/// The cells of a count by one field or two, and what each term reached.
pub async fn cells(
    shared: &Arc<Shared>,
    p: &Params,
    by: Vec<GroupBy>,
) -> std::result::Result<(Vec<Cell>, Coverage), Failure> {
    let mut request = p.request(&shared.limits).map_err(Failure::from)?;
    request.limit = 10;
    request.offset = 0;
    blocking(shared, move |s, index| {
        let glossary = s.glossary_for(request.expand);
        let cells = match by[..] {
            [a, b] => crosstab::crosstab(index, &request, [a, b], glossary)?,
            _ => research::count(index, &request, by[0], glossary)?
                .into_iter()
                .map(|row| Cell {
                    keys: vec![row.key.clone()],
                    row,
                })
                .collect(),
        };
        Ok((cells, crate::query::coverage(index, &request, glossary)?))
    })
    .await
}

/// `GET /count` (a page; `format` `None`), `/count.json` (`Some(Text)`: one
/// JSON object, its `rows` those of `count --json`), `.csv`, `.jsonl`.
pub async fn handler(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
    format: Option<Format>,
) -> Response {
    let by = map.get("by").map(String::as_str).unwrap_or("");
    let run = async {
        let p = params(&shared, &map)?;
        let fields = fields(if by.is_empty() && format.is_none() {
            "publisher"
        } else {
            by
        })?;
        let (cells, coverage) = cells(&shared, &p, fields.clone()).await?;
        Ok::<_, Failure>((p, fields, cells, coverage))
    };
    let html_page = format.is_none();
    if html_page && map.get("q").is_none_or(|q| q.trim().is_empty()) {
        let p = params(&shared, &map).unwrap_or_default();
        return html::ok(page(
            "Count",
            &p,
            html! { h1 { "Count" } p { "Type a query above to count its passages by a field, or by two." } },
        ));
    }
    let (p, fields, cells, coverage) = match run.await {
        Ok(done) => done,
        Err(f) if html_page => {
            return html::error_page(f, &params(&shared, &map).unwrap_or_default())
        }
        Err(f) => return f.json(),
    };
    let names: Vec<&str> = if fields.len() > 1 {
        fields.iter().map(|b| b.name()).collect()
    } else {
        Vec::new()
    };
    let keyed: Vec<Keyed<'_, CountRow>> = cells
        .iter()
        .map(|c| Keyed::new(&names, &c.keys, &c.row))
        .collect();
    match format {
        None => html::ok(page(
            &format!("Count of {}", p.q()),
            &p,
            view(&p, &fields, &cells),
        )),
        Some(Format::Text) => json(&CountJson {
            query: p.q(),
            filters: p.filters().map(|f| f.describe()).unwrap_or_default(),
            by,
            rows: &keyed,
            coverage: &coverage,
        }),
        Some(f) => download(&names, &keyed, &cells, f),
    }
}

fn download(names: &[&str], keyed: &[Keyed<'_, CountRow>], cells: &[Cell], f: Format) -> Response {
    if names.is_empty() {
        let rows: Vec<CountRow> = cells.iter().map(|c| c.row.clone()).collect();
        return crate::serve::export::rows(&rows, f, "count");
    }
    let mut out = Vec::new();
    let written = match f {
        Format::Csv => crate::output::counts::csv(&mut out, names, keyed, &CountRow::default()),
        _ => crate::output::counts::json_lines(&mut out, keyed),
    };
    if let Err(e) = written {
        return Failure::from(e).json();
    }
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                f.content_type().to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"readouts-count.{}\"", f.extension()),
            ),
        ],
        out,
    )
        .into_response()
}

/// The page: links to choose the fields, the rows, and for two fields a
/// matrix of passages (first field down, second across).
fn view(p: &Params, fields: &[GroupBy], cells: &[Cell]) -> Markup {
    let href = |by: &str| format!("{}&by={by}", p.href("/count"));
    let by = fields
        .iter()
        .map(|b| b.name())
        .collect::<Vec<_>>()
        .join(",");
    let choices: Vec<&str> = GroupBy::choices().iter().map(|c| c.name).collect();
    html! {
        h1 { "Passages matching " (p.q()) " by " (fields.iter().map(|b| b.name()).collect::<Vec<_>>().join(" and ")) }
        p.controls {
            "By: "
            @for c in &choices {
                @if fields.len() == 1 && fields[0].name() == *c { strong { (c) } } @else { a href=(href(c)) { (c) } }
                " "
            }
            @if let [first] = fields {
                " · Crosstab by " (first.name()) " and: "
                @for c in choices.iter().filter(|c| **c != first.name()) {
                    a href=(href(&format!("{},{c}", first.name()))) { (c) } " "
                }
            }
        }
        @if cells.is_empty() { p { "No passages match." } }
        @if let [a, b] = fields { (matrix(*a, *b, cells)) }
        p.downloads {
            "Download: "
            a href=(format!("{}&by={by}", p.href("/count.csv"))) download { "CSV" } " · "
            a href=(format!("{}&by={by}", p.href("/count.jsonl"))) download { "JSON Lines" } " · "
            a href=(format!("{}&by={by}", p.href("/count.json"))) { "JSON" }
        }
        table.numbers {
            thead { tr {
                @for f in fields { th { (f.name()) } }
                th { "passages" } th { "statements" } th { "glossary only" } th { "of passages" } th { "of statements" } th { "per 1,000" } th { "per 100 statements" }
            } }
            tbody {
                @for c in cells {
                    tr {
                        @for k in &c.keys { td { (k) } }
                        td { (c.row.passages) } td { (c.row.statements) } td { (c.row.glossary_only_passages) }
                        td { (c.row.slice_passages) } td { (c.row.slice_statements) }
                        td { (c.row.per_1000_passages.map(|v| format!("{v:.2}")).unwrap_or_default()) }
                        td { (c.row.per_100_statements.map(|v| format!("{v:.2}")).unwrap_or_default()) }
                    }
                }
            }
        }
    }
}

/// Passages per cell as a matrix; `–` where nothing was published.
fn matrix(a: GroupBy, b: GroupBy, cells: &[Cell]) -> Markup {
    let mut downs: Vec<&str> = Vec::new();
    let mut acrosses: Vec<&str> = Vec::new();
    for c in cells {
        if !downs.contains(&c.keys[0].as_str()) {
            downs.push(&c.keys[0]);
        }
        if !acrosses.contains(&c.keys[1].as_str()) {
            acrosses.push(&c.keys[1]);
        }
    }
    if matches!(b, GroupBy::Year | GroupBy::Month) {
        acrosses.sort();
    }
    let find = |d: &str, x: &str| cells.iter().find(|c| c.keys[0] == d && c.keys[1] == x);
    html! {
        table.numbers.crosstab {
            caption { "Matching passages, " (a.name()) " × " (b.name()) " (– nothing published)" }
            thead { tr { th { (a.name()) } @for x in &acrosses { th { (x) } } } }
            tbody {
                @for d in &downs {
                    tr {
                        th { (d) }
                        @for x in &acrosses {
                            @match find(d, x) {
                                Some(c) => td title=(format!("{} of {} passages, {} of {} statements", c.row.passages, c.row.slice_passages, c.row.statements, c.row.slice_statements)) { (c.row.passages) },
                                None => td { "–" },
                            }
                        }
                    }
                }
            }
        }
    }
}
