//! Keyword in context: the rows of the page's hits as `readouts kwic` builds
//! them ([`crate::query::kwic`]: one per match, the left context cut from
//! its start), aligned on the match, sortable by either side or by date,
//! each with its date · publisher · ¶.

use maud::{html, Markup};

use crate::output::kwic::{left, right, source};
use crate::query::kwic::{rows, sort_rows, KwicSort, Row};
use crate::query::values::Named;
use crate::query::Hit;
use crate::serve::html::passage_href;
use crate::serve::params::Params;

/// Columns of context shown on each side (a CJK character is two).
pub const WIDTH: usize = 60;

/// The order a `kwic_sort` value names (the library's names: `left`,
/// `right`, `date`); as ranked when none or another.
pub fn order(sort: Option<&str>) -> KwicSort {
    sort.and_then(|s| KwicSort::from_name(s).ok())
        .unwrap_or_default()
}

/// The rows of a page's hits, in the order `kwic_sort` names.
pub fn lines(hits: &[Hit], sort: Option<&str>) -> Vec<Row> {
    let mut all: Vec<Row> = hits.iter().flat_map(|h| rows(h, WIDTH)).collect();
    sort_rows(&mut all, order(sort));
    all
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
    let lines = lines(hits, sort);
    let placed: std::collections::BTreeSet<(&str, u64)> = lines
        .iter()
        .map(|l| (l.doc_id.as_str(), l.passage))
        .collect();
    let unplaced = hits.len() - placed.len();
    html! {
        @if unplaced > 0 {
            p.matched { (unplaced) " of the " (hits.len()) " passages on this page have no line: no match of the query's words could be placed in their text." }
        }
        p.matched {
            "One line per match on this page, sorted within the page. "
            a href=(p.href("/collocates")) { "Collocates" } " of the query: the words most often near its matches, by log-likelihood."
        }
        table.kwic {
            thead { tr {
                th.left scope="col" { (header("left", "left")) }
                th.match scope="col" { "match" }
                th.right scope="col" { (header("right", "right")) }
                th.source scope="col" { (header("date", "date")) " · publisher · ¶" }
            } }
            tbody {
                @for l in &lines {
                    tr {
                        @let (before, after) = (left(l), right(l));
                        td.left lang=(l.lang) title=(before) { span { (before) } }
                        td.match lang=(l.lang) { mark { (l.matched) } }
                        td.right lang=(l.lang) title=(after) { (after) }
                        td.source { a href=(passage_href(&l.doc_id, l.passage)) title=(source(l)) { (source(l)) } }
                    }
                }
            }
        }
    }
}
