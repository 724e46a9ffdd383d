//! The timeline: matching passages (or rates) per month or year as an SVG
//! chart whose title holds the query and filters, with the rows as a table.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use serde::Serialize;

use crate::output::research::Measure;
use crate::output::svg;
use crate::query::coverage::Coverage;
use crate::query::research::{CountRow, Period};
use crate::query::values::Named;
use crate::serve::api::{json, params, research_rows, Failure, Research};
use crate::serve::export::{self, Format};
use crate::serve::html::{self, page};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// What a timeline URL answers as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum As {
    /// The page.
    Html,
    /// `{title, query, filters, rows}`.
    Json,
    /// The chart alone.
    Svg,
    /// A download.
    Rows(Format),
}

/// The chart's title: what is counted, the query, the filters.
pub fn title(p: &Params, measure: Measure) -> String {
    let filters = p.filters().map(|f| f.describe()).unwrap_or_default();
    crate::output::research::chart_title(measure, p.q(), &filters)
}

#[derive(Serialize)]
struct TimelineJson<'a> {
    title: &'a str,
    query: &'a str,
    filters: String,
    rows: &'a [CountRow],
    coverage: &'a Coverage,
}

/// `GET /timeline`, `.json`, `.svg`, `.csv`, `.jsonl`.
pub async fn handler(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
    answer: As,
) -> Response {
    let p = match params(&shared, &map) {
        Ok(p) => p,
        Err(f) => return fail(f, answer, &Params::default()),
    };
    if answer == As::Html && p.q().is_empty() {
        return html::ok(page(
            "Timeline",
            &p,
            html! { h1 { "Timeline" } p { "Type a query above to draw its timeline." } },
        ));
    }
    match super::timeline_series::wanted(&p) {
        Err(f) => return fail(f, answer, &p),
        Ok(Some((split, vs))) => {
            return super::timeline_series::answer(&shared, &p, split, vs, answer)
                .await
                .unwrap_or_else(|f| fail(f, answer, &p))
        }
        Ok(None) => {}
    }
    let Research { rows, coverage } = match research_rows(&shared, &p, None).await {
        Ok(found) => found,
        Err(f) => return fail(f, answer, &p),
    };
    let measure = measure(&p);
    let title = title(&p, measure);
    match answer {
        As::Html => html::ok(page(
            &title,
            &p,
            html! { (view(&p, &title, &rows, measure)) (super::search::coverage(&coverage)) },
        )),
        As::Json => json(&TimelineJson {
            title: &title,
            query: p.q(),
            filters: p.filters().map(|f| f.describe()).unwrap_or_default(),
            rows: &rows,
            coverage: &coverage,
        }),
        As::Svg => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg::bar_chart(&title, &rows, measure),
        )
            .into_response(),
        As::Rows(Format::JsonLines) => {
            let filters = p.filters().map(|f| f.describe()).unwrap_or_default();
            let lines = crate::output::research::timeline_rows(&rows, p.q(), &filters);
            export::rows(&lines, Format::JsonLines, "timeline")
        }
        As::Rows(format) => export::rows(&rows, format, "timeline"),
    }
}

/// What a timeline shows: rates with `rate=1`, else passages.
pub fn measure(p: &Params) -> Measure {
    if p.flag("rate") {
        Measure::Rate
    } else {
        Measure::Passages
    }
}

fn fail(f: Failure, answer: As, p: &Params) -> Response {
    match answer {
        As::Html => html::error_page(f, p),
        _ => f.json(),
    }
}

fn view(p: &Params, title: &str, rows: &[CountRow], measure: Measure) -> Markup {
    html! {
        h1.visually-hidden { (title) }
        (show(p, measure))
        (super::timeline_series::controls(p))
        figure.chart { (PreEscaped(svg::bar_chart(title, rows, measure))) }
        (html::downloads("/timeline", p, true))
        p { a href=(p.href("/timeline.svg")) download="timeline.svg" { "the chart as SVG" } }
        details {
            summary { "The numbers" }
            table.numbers {
                thead { tr { th { "period" } th { "passages" } th { "statements" } th { "glossary only" } th { "of passages" } th { "per 1,000" } } }
                tbody {
                    @for r in rows {
                        tr { td { (r.key) } td { (r.passages) } td { (r.statements) } td { (r.glossary_only_passages) } td { (r.slice_passages) }
                             td { (r.per_1000_passages.map(|v| format!("{v:.2}")).unwrap_or_default()) } }
                    }
                }
            }
        }
    }
}

/// Counts or rates, the period, and the way back: on every timeline page.
pub fn show(p: &Params, measure: Measure) -> Markup {
    let per = p.get("per").unwrap_or("auto");
    html! {
        p.controls {
            "Show: "
            @if measure == Measure::Rate { a href=(p.without("rate").href("/timeline")) { "counts" } " " strong { "rates" } }
            @else { strong { "counts" } " " a #rate-link href=(p.with("rate", "1").href("/timeline")) { "rates (per 1,000 passages)" } }
            " · Per: "
            @for v in Period::choices().iter().map(|c| c.name) {
                @if per == v { strong { (v) } } @else { a href=(p.with("per", v).href("/timeline")) { (v) } }
                " "
            }
            " · " a href=(p.without("per").without("rate").href("/search")) { "back to the passages" }
        }
    }
}
