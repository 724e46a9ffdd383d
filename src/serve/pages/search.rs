//! The search page: the query box, facets, the date histogram, hits (or
//! their keyword-in-context lines), paging, downloads.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{html, Markup};

use super::{facets, kwic};
use crate::query::build::Source;
use crate::query::coverage::Coverage;
use crate::query::Hit;
use crate::serve::api::{blocking, params, Failure};
use crate::serve::facets::{search_page, SearchPage};
use crate::serve::html::{self, downloads, highlighted, page, passage_href, statement_href, who};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// `GET /search` (and `/`).
pub async fn handler(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let p = match params(&shared, &map) {
        Ok(p) => p,
        Err(f) => return html::error_page(f, &Params::default()),
    };
    if p.q().is_empty() {
        return html::ok(page("Search", &p, landing()));
    }
    match run(&shared, &p).await {
        Ok(data) => html::ok(page(&format!("{} — search", p.q()), &p, results(&p, &data))),
        Err(f) => html::error_page(f, &p),
    }
}

async fn run(shared: &Arc<Shared>, p: &Params) -> Result<SearchPage, Failure> {
    let request = p.request(&shared.limits).map_err(Failure::from)?;
    blocking(shared, move |s, index| {
        search_page(index, &request, s.glossary_for(request.expand))
    })
    .await
}

/// Never a silent miss: what each query term reached, above the hits.
pub(super) fn coverage(coverage: &Coverage) -> Markup {
    html! {
        ul #coverage.coverage aria-label="What each term reached" {
            @for (term, line) in coverage.terms.iter().zip(coverage.lines()) {
                li.gap[!term.missing.is_empty() || !term.ambiguous.is_empty()] { (line) }
            }
        }
    }
}

fn landing() -> Markup {
    html! {
        h1 { "Search the statements" }
        p { "Type a query above. Words are AND-ed; the glossary finds other languages' names for a concept (台湾 for Taiwan)." }
        (syntax())
    }
}

/// The query syntax in brief.
pub fn syntax() -> Markup {
    html! {
        details.syntax {
            summary { "Query syntax" }
            ul {
                li { code { "taiwan soybeans" } " both words" }
                li { code { "\"core interests\"" } " a phrase" }
                li { code { "taiwan OR 台湾" } ", " code { "NOT ukraine" } ", " code { "-ukraine" } ", " code { "( … )" } }
                li { code { "speaker:Bessent" } ", " code { "lang:zh" } ", " code { "publisher:xinhua" } ", " code { "event:…" } }
                li { code { "date:[2025-01 TO 2025-06]" } }
            }
        }
    }
}

fn results(p: &Params, data: &SearchPage) -> Markup {
    let r = &data.results;
    let kwic_view = p.get("view") == Some("kwic");
    html! {
        div.layout {
            aside.facets aria-label="Filters" {
                details open { summary { "Filters" } (facets::facets(p, &data.facets)) }
            }
            section.results {
                (facets::histogram(p, &data.histogram))
                div.summary {
                    p #total {
                        strong { (r.total) } " passages"
                        @if data.glossary_only > 0 { ", " (data.glossary_only) " only through the glossary" }
                        @let filters = p.filters().map(|f| f.describe()).unwrap_or_default();
                        @if !filters.is_empty() { " · " (filters) }
                    }
                    (coverage(&data.coverage))
                    (controls(p, kwic_view))
                    (downloads("/search", p, true))
                }
                @if kwic_view {
                    (kwic::table(p, &r.hits))
                } @else {
                    ol.hits start=(first_number(p)) {
                        @for hit in &r.hits { (hit_item(hit, data.partners.get(&hit.doc_id))) }
                    }
                }
                (pager(p, r.total, r.hits.len()))
            }
        }
    }
}

fn first_number(p: &Params) -> usize {
    let n = p
        .get("n")
        .and_then(|n| n.parse().ok())
        .unwrap_or(crate::serve::params::DEFAULT_PAGE_SIZE);
    (p.page().unwrap_or(1) - 1) * n + 1
}

fn controls(p: &Params, kwic_view: bool) -> Markup {
    let sort = p.get("sort").unwrap_or("score");
    html! {
        p.controls {
            "Sort: "
            @for (value, label) in [("score", "best"), ("date", "oldest"), ("newest", "newest")] {
                @if sort == value { strong { (label) } } @else { a href=(p.with("sort", value).href("/search")) { (label) } }
                " "
            }
            " · View: "
            @if kwic_view {
                a href=(p.without("view").href("/search")) { "passages" } " " strong { "keyword in context" }
            } @else {
                strong { "passages" } " " a #kwic-link href=(p.with("view", "kwic").href("/search")) { "keyword in context" }
            }
            " · " a href=(p.without("view").without("sort").href("/timeline")) { "timeline" }
        }
    }
}

fn hit_item(hit: &Hit, partner: Option<&String>) -> Markup {
    let statement = passage_href(&hit.doc_id, hit.passage);
    html! {
        li.hit {
            p.attribution {
                a.title href=(statement) { (hit.title) }
                " · " (hit.publisher) " · " (hit.country) " · " (hit.kind) " · " (hit.lang) " · " time { (hit.date) }
                " · ¶" (hit.passage)
            }
            p.who { (who(hit.speaker.as_deref(), hit.speaker_role.as_deref(), &hit.reported)) }
            blockquote.snippet lang=(hit.lang) { (highlighted(&hit.snippet, &hit.highlights)) }
            p.matched {
                "matched: "
                @for (i, m) in hit.matched.iter().enumerate() {
                    @if i > 0 { ", " }
                    @if m.source == Source::Dictionary { span.dictionary title="through the dictionary (CC-CEDICT): no glossary concept covers the term" { (m.form) " ⁽ᵈⁱᶜᵗ⁾" } }
                    @else if m.glossary { span.glossary title=(format!("through the glossary ({})", m.concept.as_deref().unwrap_or(""))) { (m.form) " ⁽ᵍˡᵒˢˢᵃʳʸ⁾" } }
                    @else { span.form { (m.form) } }
                }
                @if !hit.inside.is_empty() { " · only inside: " (hit.inside.join(", ")) }
            }
            p.links {
                a href=(statement) { "statement" }
                @if let Some(other) = partner {
                    " · " a.parallel href=(format!("{}#p{}", statement_href(&hit.doc_id, "/parallel"), hit.passage)) { "beside its translation" }
                    " · " a href=(statement_href(other, "")) { "translation" }
                }
            }
        }
    }
}

fn pager(p: &Params, total: usize, shown: usize) -> Markup {
    let page = p.page().unwrap_or(1);
    let n = p
        .get("n")
        .and_then(|n| n.parse().ok())
        .unwrap_or(crate::serve::params::DEFAULT_PAGE_SIZE);
    let last = total.div_ceil(n).max(1);
    let first = (page - 1) * n;
    html! {
        nav.pager aria-label="Pages" {
            @if page > 1 { a rel="prev" href=(p.with("page", &(page - 1).to_string()).href("/search")) { "← previous" } }
            span { @if shown > 0 { (first + 1) "–" (first + shown) " of " (total) } @else { "no passages on this page" } " · page " (page) " of " (last) }
            @if page < last { a rel="next" href=(p.with("page", &(page + 1).to_string()).href("/search")) { "next →" } }
        }
    }
}
