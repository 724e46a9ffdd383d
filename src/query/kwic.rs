//! Keyword in context (a concordance): one row per match of a query in a
//! passage — the left context cut from its *start* (so the words next to the
//! match are kept), the match, the right context cut at its end — and where
//! the passage is (date, publisher, paragraph). `readouts kwic` and the web
//! page (`/search?view=kwic`) build their rows here, from a hit's match
//! ranges in its whole text ([`Hit::text_matches`]).
//!
//! Widths are display columns: a CJK character is 2, most others 1; a
//! context is cut between characters, never inside one.

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use super::{search_each, Hit, SearchRequest};
use crate::analysis::is_cjk;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;

/// Columns of context on each side unless the caller says otherwise.
pub const DEFAULT_WIDTH: usize = 40;
/// Widest context accepted on each side.
pub const MAX_WIDTH: usize = 500;

/// One concordance line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Statement id.
    pub doc_id: String,
    /// Paragraph number, from 1.
    pub passage: u64,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Publisher.
    pub publisher: String,
    /// Language tag of the statement.
    pub lang: String,
    /// Who speaks the passage, when known.
    pub speaker: Option<String>,
    /// The text before the match, its runs of white space as one space, cut
    /// from its start to fit the width (with `…` when `left_cut`); it ends
    /// right before the match.
    pub left: String,
    /// The match as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// The text after the match, cut at its end to fit the width.
    pub right: String,
    /// Whether `left` was cut (a `…` belongs before it).
    pub left_cut: bool,
    /// Whether `right` was cut (a `…` belongs after it).
    pub right_cut: bool,
    /// Where the match starts in the passage, in characters.
    pub offset: usize,
}

/// The order of a concordance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KwicSort {
    /// As the search ranks the passages, a passage's matches in text order.
    #[default]
    Rank,
    /// By the words before the match, nearest first (1L, 2L, …), then the match.
    Left,
    /// By the match, then the words after it (1R, 2R, …).
    Right,
    /// Oldest first.
    Date,
}

/// A concordance: its rows, and how many matching passages gave none.
#[derive(Debug, Clone, Default)]
pub struct Concordance {
    /// The rows, in the requested order.
    pub rows: Vec<Row>,
    /// Passages that match.
    pub passages: usize,
    /// Matching passages where no match could be placed in the text (a
    /// query on metadata only, say): they have no row.
    pub unplaced: usize,
}

/// Check a width given by a user: 1 to [`MAX_WIDTH`] columns.
pub fn check_width(width: usize) -> Result<usize> {
    if (1..=MAX_WIDTH).contains(&width) {
        Ok(width)
    } else {
        Err(Error::Usage(format!(
            "the context width must be between 1 and {MAX_WIDTH} columns, not {width}"
        )))
    }
}

/// Every match of `request` as a row, `width` columns of context a side,
/// in the order `sort`.
pub fn concordance(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
    width: usize,
    sort: KwicSort,
) -> Result<Concordance> {
    let width = check_width(width)?;
    let mut c = Concordance::default();
    c.passages = search_each(index, request, glossary, |hit| {
        let rows = rows(&hit, width);
        if rows.is_empty() {
            c.unplaced += 1;
        }
        c.rows.extend(rows);
        Ok(())
    })?;
    sort_rows(&mut c.rows, sort);
    Ok(c)
}

/// The rows of one hit: one per match in its text, in text order.
pub fn rows(hit: &Hit, width: usize) -> Vec<Row> {
    let text = hit.text.as_str();
    hit.text_matches
        .iter()
        .filter_map(|&(a, b)| {
            let (before, matched, after) = (text.get(..a)?, text.get(a..b)?, text.get(b..)?);
            let (left, left_cut) = left_context(before, width);
            let (right, right_cut) = right_context(after, width);
            Some(Row {
                doc_id: hit.doc_id.clone(),
                passage: hit.passage,
                date: hit.date.clone(),
                publisher: hit.publisher.clone(),
                lang: hit.lang.clone(),
                speaker: hit.speaker.clone(),
                left,
                matched: collapse_spaces(matched),
                right,
                left_cut,
                right_cut,
                offset: before.chars().count(),
            })
        })
        .collect()
}

/// Sort rows; ties (same key) go by date, statement, paragraph and place,
/// so the order never depends on scores or on the index's layout.
pub fn sort_rows(rows: &mut [Row], sort: KwicSort) {
    let place = |r: &Row| (r.date.clone(), r.doc_id.clone(), r.passage, r.offset);
    match sort {
        KwicSort::Rank => {}
        KwicSort::Date => rows.sort_by_cached_key(place),
        KwicSort::Left => rows.sort_by_cached_key(|r| {
            let mut words = units(&r.left);
            words.reverse();
            (words, r.matched.to_lowercase(), place(r))
        }),
        KwicSort::Right => {
            rows.sort_by_cached_key(|r| (units(&r.matched), units(&r.right), place(r)))
        }
    }
}

/// What a context sorts by: its words (letters and digits) lower-cased, and
/// each CJK character on its own; punctuation and spaces are left out.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() && !is_cjk(c) {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if is_cjk(c) {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Runs of white space (line breaks too) as one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

fn columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The end of `before` that fits in `width` columns (one kept for the `…`
/// when cut), and whether it was cut.
fn left_context(before: &str, width: usize) -> (String, bool) {
    let text = collapse_spaces(before);
    let text = text.trim_start();
    if text.chars().map(columns).sum::<usize>() <= width {
        return (text.to_string(), false);
    }
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        if used + columns(c) + 1 > width {
            break;
        }
        used += columns(c);
        start = i;
    }
    (text[start..].to_string(), true)
}

/// The start of `after` that fits in `width` columns (one kept for the `…`
/// when cut), and whether it was cut.
fn right_context(after: &str, width: usize) -> (String, bool) {
    let text = collapse_spaces(after);
    let text = text.trim_end();
    if text.chars().map(columns).sum::<usize>() <= width {
        return (text.to_string(), false);
    }
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if used + columns(c) + 1 > width {
            break;
        }
        used += columns(c);
        end = i + c.len_utf8();
    }
    (text[..end].to_string(), true)
}

#[cfg(test)]
#[path = "kwic_tests.rs"]
mod tests;
