//! Collocates of a query: per language, the words most associated with its
//! matches within `window` tokens (default 5), by log-likelihood (Dunning's
//! G²), with the observed, expected and corpus counts — the same table as
//! `readouts kwic QUERY --collocates` ([`crate::query::collocates`]).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{html, Markup};

use crate::error::Error;
use crate::query::collocates::{collocates, LangCollocates, Settings, DEFAULT_MIN, DEFAULT_WINDOW};
use crate::serve::api::{blocking, json, params, Failure};
use crate::serve::html::{self, page};
use crate::serve::params::Params;
use crate::serve::state::Shared;

/// `GET /collocates` (the page) and `/collocates.json` (`[{lang, matches,
/// passages, window_tokens, corpus_tokens, rows}]`).
pub async fn handler(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
    as_json: bool,
) -> Response {
    let fail = |f: Failure, p: &Params| {
        if as_json {
            f.json()
        } else {
            html::error_page(f, p)
        }
    };
    let p = match params(&shared, &map) {
        Ok(p) => p,
        Err(f) => return fail(f, &Params::default()),
    };
    if !as_json && p.q().is_empty() {
        return html::ok(page(
            "Collocates",
            &p,
            html! { h1 { "Collocates" } p { "Type a query above to see the words most often near it." } },
        ));
    }
    match run(&shared, &p).await {
        Ok((_, langs)) if as_json => json(&langs),
        Ok((window, langs)) => html::ok(page(
            &format!("{} — collocates", p.q()),
            &p,
            view(&p, window, &langs),
        )),
        Err(f) => fail(f, &p),
    }
}

async fn run(shared: &Arc<Shared>, p: &Params) -> Result<(usize, Vec<LangCollocates>), Failure> {
    let request = p.request(&shared.limits).map_err(Failure::from)?;
    let number = |key: &str, default: u64| -> Result<u64, Failure> {
        match p.get(key) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| {
                Failure::from(Error::Usage(format!(
                    "{key} must be a whole number, not {v:?}"
                )))
            }),
        }
    };
    let defaults = Settings::default();
    let window = number("window", DEFAULT_WINDOW as u64)? as usize;
    let top = number("top", defaults.top as u64)?;
    if !(1..=1000).contains(&top) {
        return Err(Error::Usage(format!("top must be between 1 and 1000, not {top}")).into());
    }
    let settings = Settings {
        window,
        min: number("min", DEFAULT_MIN)?,
        top: top as usize,
    };
    blocking(shared, move |s, index| {
        let langs = collocates(index, &request, s.glossary_for(request.expand), settings)?;
        Ok((window, langs))
    })
    .await
}

fn view(p: &Params, window: usize, langs: &[LangCollocates]) -> Markup {
    html! {
        h1 { "Collocates of " q { (p.q()) } }
        p {
            "Words within ±" (window) " tokens of a match, more often than expected, by log-likelihood "
            abbr title="Dunning's G², 2 Σ O ln(O/E) over the 2×2 table: near a match or not × this word or another" { "G²" }
            " against every passage of the same filters in the same language (1 degree of freedom: ≥ 3.84 is p < 0.05, ≥ 10.83 p < 0.001, for one word). "
            "Expected = tokens near the matches × the word's count in the corpus ÷ the corpus's tokens. "
            a href=(p.with("view", "kwic").href("/search")) { "Keyword in context" }
        }
        @if langs.is_empty() { p { "No passage matches." } }
        @for l in langs {
            section.collocates lang=(l.lang) {
                h2 { (l.lang) }
                p { (l.matches) " matches in " (l.passages) " passages; " (l.window_tokens) " tokens near them; " (l.corpus_tokens) " tokens in the corpus." }
                @if l.rows.is_empty() { p { "No word is seen at least " (DEFAULT_MIN) " times near a match more often than expected." } }
                @else {
                    table.numbers {
                        thead { tr { th scope="col" { "word" } th scope="col" { "observed" } th scope="col" { "expected" } th scope="col" { "in the corpus" } th scope="col" { "G²" } } }
                        tbody {
                            @for c in &l.rows {
                                tr {
                                    td.word lang=(l.lang) { (c.word) }
                                    td { (c.observed) }
                                    td { (format!("{:.2}", c.expected)) }
                                    td { (c.corpus) }
                                    td { (format!("{:.2}", c.g2)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
