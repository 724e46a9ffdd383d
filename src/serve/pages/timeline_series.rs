//! The timeline page with several series: `split=lang` (one series per
//! value of a field) and `vs=QUERY` (more queries, one per line), as
//! `timeline --split` / `--vs` draw them: a line chart with a legend, the
//! numbers, and the same rows as JSON, CSV, JSON Lines and SVG.

use std::sync::Arc;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use serde::Serialize;

use super::timeline::As;
use crate::output::research::{chart_title, Measure};
use crate::output::{series as rows_of, svg};
use crate::query::research::{CountRow, GroupBy, Period};
use crate::query::series::{self, Series};
use crate::query::values::Named;
use crate::serve::api::{blocking, json, Failure};
use crate::serve::export::Format;
use crate::serve::html::{self, page};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// The fields a page offers to split by.
pub const SPLITS: [GroupBy; 4] = [
    GroupBy::Lang,
    GroupBy::Publisher,
    GroupBy::Country,
    GroupBy::Kind,
];

/// What a URL asks for beyond one series: the split field, the other queries.
pub type Wanted = (Option<GroupBy>, Vec<String>);

/// The split field and the other queries of a URL (`None`: one series).
pub fn wanted(p: &Params) -> std::result::Result<Option<Wanted>, Failure> {
    let split = p
        .get("split")
        .map(GroupBy::from_name)
        .transpose()
        .map_err(Failure::from)?;
    let vs: Vec<String> = p
        .get("vs")
        .map(|v| {
            v.lines()
                .map(str::trim)
                .filter(|q| !q.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    Ok((split.is_some() || !vs.is_empty()).then_some((split, vs)))
}

#[derive(Serialize)]
struct SeriesJson<'a> {
    title: &'a str,
    query: &'a str,
    filters: String,
    series: &'a [Series],
}

/// Answer a timeline URL with several series.
pub async fn answer(
    shared: &Arc<Shared>,
    p: &Params,
    split: Option<GroupBy>,
    vs: Vec<String>,
    answer: As,
) -> std::result::Result<Response, Failure> {
    let mut request = p.request(&shared.limits).map_err(Failure::from)?;
    request.limit = 10;
    request.offset = 0;
    let per = p
        .get("per")
        .map(Period::from_name)
        .transpose()
        .map_err(Failure::from)?;
    let mut requests = vec![request.clone()];
    requests.extend(vs.iter().map(|q| {
        let mut r = request.clone();
        r.query = q.clone();
        r
    }));
    let queries: Vec<String> = requests.iter().map(|r| r.query.clone()).collect();
    let all = blocking(shared, move |s, index| {
        series::series(
            index,
            &requests,
            split,
            per.unwrap_or(Period::Auto),
            s.glossary_for(request.expand),
        )
    })
    .await?;
    let measure = super::timeline::measure(p);
    let filters = p.filters().map(|f| f.describe()).unwrap_or_default();
    let title = chart_title(measure, &rows_of::title_query(&queries, split), &filters);
    let names = rows_of::key_names(split.map(|b| b.name()));
    Ok(match answer {
        As::Html => html::ok(page(&title, p, view(p, &title, &all, measure))),
        As::Json => json(&SeriesJson {
            title: &title,
            query: p.q(),
            filters,
            series: &all,
        }),
        As::Svg => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg::series_chart(&title, &all, measure),
        )
            .into_response(),
        As::Rows(Format::Csv) => {
            let rows = rows_of::csv_rows(&all);
            let names: Vec<&str> = ["series", "query"]
                .into_iter()
                .chain(split.map(|b| b.name()))
                .collect();
            let mut out = Vec::new();
            crate::output::counts::csv(
                &mut out,
                &names,
                &rows_of::keyed(&names, &rows),
                &CountRow::default(),
            )?;
            download(out, Format::Csv)
        }
        As::Rows(_) => {
            let rows = rows_of::json_rows(&all, &filters);
            let mut out = Vec::new();
            crate::output::counts::json_lines(&mut out, &rows_of::keyed(&names, &rows))?;
            download(out, Format::JsonLines)
        }
    })
}

fn download(out: Vec<u8>, f: Format) -> Response {
    (
        [
            (header::CONTENT_TYPE, f.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"readouts-timeline.{}\"",
                    f.extension()
                ),
            ),
        ],
        out,
    )
        .into_response()
}

/// The split links and the form for another query, on every timeline page.
pub fn controls(p: &Params) -> Markup {
    html! {
        p.controls {
            "Series: "
            @if p.get("split").is_none() { strong { "one" } } @else { a href=(p.without("split").href("/timeline")) { "one" } }
            @for by in SPLITS {
                " "
                @if p.get("split") == Some(by.name()) { strong { "by " (by.name()) } }
                @else { a href=(p.with("split", by.name()).href("/timeline")) { "by " (by.name()) } }
            }
        }
        form.vs action="/timeline" method="get" {
            @for (k, v) in p.without("vs").query_pairs() { input type="hidden" name=(k) value=(v); }
            label { "Compare with other queries (one a line): " textarea name="vs" rows="1" cols="30" { (p.get("vs").unwrap_or("")) } }
            " " button type="submit" { "Draw" }
        }
    }
}

fn view(p: &Params, title: &str, all: &[Series], measure: Measure) -> Markup {
    html! {
        h1.visually-hidden { (title) }
        (super::timeline::show(p, measure))
        (controls(p))
        @if all.is_empty() { p { "No passages match." } }
        figure.chart { (PreEscaped(svg::series_chart(title, all, measure))) }
        (html::downloads("/timeline", p, true))
        p { a href=(p.href("/timeline.svg")) download="timeline.svg" { "the chart as SVG" } }
        details {
            summary { "The numbers" }
            table.numbers {
                thead { tr { th { "series" } th { "period" } th { "passages" } th { "statements" } th { "of passages" } th { "of statements" } th { "per 1,000" } } }
                tbody {
                    @for s in all { @for r in &s.rows {
                        tr { td { (s.label) } td { (r.key) } td { (r.passages) } td { (r.statements) } td { (r.slice_passages) } td { (r.slice_statements) }
                             td { (r.per_1000_passages.map(|v| format!("{v:.2}")).unwrap_or_default()) } }
                    } }
                }
            }
        }
    }
}
