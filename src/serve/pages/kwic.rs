//! Keyword in context: each hit's first match between its left and right
//! context, aligned on the match, sortable by either side.

use maud::{html, Markup};

use crate::query::Hit;
use crate::serve::html::passage_href;
use crate::serve::params::Params;

/// Characters of context shown on each side.
const CONTEXT: usize = 60;

/// One line: left context, the match, right context.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    /// Before the match (its last [`CONTEXT`] characters).
    pub left: String,
    /// The match.
    pub matched: &'a str,
    /// After the match (its first [`CONTEXT`] characters).
    pub right: String,
    /// The hit.
    pub hit: &'a Hit,
}

/// The line of a hit, from its snippet's first highlight (`None` without one).
pub fn line(hit: &Hit) -> Option<Line<'_>> {
    let &(a, b) = hit.highlights.first()?;
    let s = &hit.snippet;
    let (left, matched, right) = (s.get(..a)?, s.get(a..b)?, s.get(b..)?);
    let skip = left.chars().count().saturating_sub(CONTEXT);
    Some(Line {
        left: left.chars().skip(skip).collect(),
        matched,
        right: right.chars().take(CONTEXT).collect(),
        hit,
    })
}

/// The lines of a page, ordered by `kwic_sort`: `left` (by the words before
/// the match, read right to left), `right` (by the words after), else as ranked.
pub fn lines<'a>(hits: &'a [Hit], sort: Option<&str>) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = hits.iter().filter_map(line).collect();
    match sort {
        Some("left") => lines.sort_by_cached_key(|l| {
            (
                l.left.to_lowercase().chars().rev().collect::<String>(),
                l.matched.to_lowercase(),
            )
        }),
        Some("right") => {
            lines.sort_by_cached_key(|l| (l.matched.to_lowercase(), l.right.to_lowercase()))
        }
        _ => {}
    }
    lines
}

/// The table.
pub fn table(p: &Params, hits: &[Hit]) -> Markup {
    let sort = p.get("kwic_sort");
    let header = |key: &'static str, label: &str| {
        html! {
            @if sort == Some(key) { strong { (label) " ▲" } }
            @else { a href=(p.with("kwic_sort", key).href("/search")) { "sort by " (label) } }
        }
    };
    html! {
        table.kwic {
            thead { tr {
                th.left scope="col" { (header("left", "left")) }
                th.match scope="col" { "match" }
                th.right scope="col" { (header("right", "right")) }
                th.source scope="col" { "statement" }
            } }
            tbody {
                @for l in lines(hits, sort) {
                    tr {
                        td.left lang=(l.hit.lang) { (l.left) }
                        td.match lang=(l.hit.lang) { mark { (l.matched) } }
                        td.right lang=(l.hit.lang) { (l.right) }
                        td.source { a href=(passage_href(&l.hit.doc_id, l.hit.passage)) { (l.hit.publisher) " " (l.hit.date) " ¶" (l.hit.passage) } }
                    }
                }
            }
        }
    }
}
