//! Collocates of a query: the words most associated with its matches within
//! a window of tokens, per language, by log-likelihood (Dunning's G²).
//!
//! Tokens are the index's word tokens (`analysis::word_tokens_with` under
//! the statement's analysis: stemmed words, jieba words for Chinese; no
//! punctuation), so *allies* and *ally* are one word, shown by the form most
//! often seen beside the match. For each language: the window is every token
//! within `window` tokens of a match (each token once, however many matches
//! it is near; the match's own tokens left out), the corpus every passage of
//! the same filters in that language (the matching ones too). For a word w,
//! the 2×2 table is
//!
//! | | w | other words |
//! |---|---|---|
//! | in a window | O11 = `observed` | R1 − O11 |
//! | elsewhere | C1 − O11 | N − R1 − (C1 − O11) |
//!
//! with R1 = `window_tokens`, C1 = `corpus`, N = `corpus_tokens`;
//! `expected` = R1·C1/N, and G² = 2 Σ O ln(O/E) over the four cells (E each
//! cell's row total × column total / N). Only words seen more often than
//! expected are kept (attraction, not avoidance). With one degree of freedom,
//! G² ≥ 3.84 is p < 0.05, ≥ 10.83 p < 0.001 — for one word; a list of many
//! words tested at once needs the stricter bar.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{decode, search_each, slice_query, SearchRequest};
use crate::analysis::{word_tokens_with, Analysis, Normalized};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;

/// Tokens on each side unless the caller says otherwise.
pub const DEFAULT_WINDOW: usize = 5;
/// Widest window accepted.
pub const MAX_WINDOW: usize = 50;
/// Least times a word must be seen in the windows to be listed, by default.
pub const DEFAULT_MIN: u64 = 3;

/// One collocate of one language.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Collocate {
    /// The statements' language.
    pub lang: String,
    /// The word as most often written beside the match (lower-cased).
    pub word: String,
    /// The indexed token (a stem for word scripts).
    pub token: String,
    /// O11: times the token is within the window of a match.
    pub observed: u64,
    /// E11 = window_tokens × corpus / corpus_tokens.
    pub expected: f64,
    /// C1: times the token is in the corpus (the filters' passages of this language).
    pub corpus: u64,
    /// R1: tokens in the windows of this language.
    pub window_tokens: u64,
    /// N: tokens in the corpus of this language.
    pub corpus_tokens: u64,
    /// Log-likelihood G² of the 2×2 table (1 degree of freedom).
    pub g2: f64,
}

/// The collocates of one language, best first, and what they were counted over.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LangCollocates {
    /// The language.
    pub lang: String,
    /// Matches of the query in this language's passages.
    pub matches: u64,
    /// Passages holding them.
    pub passages: u64,
    /// R1: tokens in the windows.
    pub window_tokens: u64,
    /// N: tokens in the corpus.
    pub corpus_tokens: u64,
    /// The collocates, by G² (highest first; ties by word).
    pub rows: Vec<Collocate>,
}

/// What to count: tokens a side, the least count listed, how many to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Tokens on each side of a match, 1 to [`MAX_WINDOW`].
    pub window: usize,
    /// Least `observed` a listed word has.
    pub min: u64,
    /// Most words listed per language.
    pub top: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            window: DEFAULT_WINDOW,
            min: DEFAULT_MIN,
            top: 20,
        }
    }
}

/// Counts of one language while reading.
#[derive(Default)]
struct Tally {
    matches: u64,
    passages: u64,
    window_tokens: u64,
    observed: HashMap<String, u64>,
    forms: HashMap<String, HashMap<String, u64>>,
    corpus: HashMap<String, u64>,
    corpus_tokens: u64,
}

/// The collocates of `request`'s matches, one entry per language that has any match.
pub fn collocates(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    glossary: &Glossary,
    settings: Settings,
) -> Result<Vec<LangCollocates>> {
    if !(1..=MAX_WINDOW).contains(&settings.window) {
        return Err(Error::Usage(format!(
            "the window must be between 1 and {MAX_WINDOW} tokens, not {}",
            settings.window
        )));
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    search_each(index, request, glossary, |hit| {
        if !hit.text_matches.is_empty() {
            let t = tallies.entry(hit.lang.clone()).or_default();
            window(t, &hit.lang, &hit.text, &hit.text_matches, settings.window);
        }
        Ok(())
    })?;
    corpus(index, request, &mut tallies)?;
    Ok(tallies
        .into_iter()
        .map(|(lang, t)| rank(lang, t, settings))
        .collect())
}

/// Count the tokens within `window` of each match of one passage.
fn window(t: &mut Tally, lang: &str, text: &str, matches: &[(usize, usize)], window: usize) {
    let normalized = Normalized::new(text);
    let tokens = word_tokens_with(Analysis::for_lang(lang), &normalized.text);
    let ranges: Vec<(usize, usize)> = tokens
        .iter()
        .map(|tok| normalized.original_range(tok.start, tok.end))
        .collect();
    let node = |&(s, e): &(usize, usize)| matches.iter().any(|&(a, b)| s < b && a < e);
    let nodes: Vec<usize> = (0..tokens.len()).filter(|&i| node(&ranges[i])).collect();
    let mut near: HashSet<usize> = HashSet::new();
    for &i in &nodes {
        near.extend(i.saturating_sub(window)..(i + window + 1).min(tokens.len()));
    }
    for i in &nodes {
        near.remove(i);
    }
    t.matches += matches.len() as u64;
    t.passages += 1;
    t.window_tokens += near.len() as u64;
    for i in near {
        let token = &tokens[i].text;
        *t.observed.entry(token.clone()).or_default() += 1;
        let (s, e) = ranges[i];
        let form = text.get(s..e).unwrap_or(token).to_lowercase();
        *t.forms
            .entry(token.clone())
            .or_default()
            .entry(form)
            .or_default() += 1;
    }
}

/// Count every token of the filters' passages in the languages that have matches.
fn corpus(
    index: &ReadoutsIndex,
    request: &SearchRequest,
    tallies: &mut BTreeMap<String, Tally>,
) -> Result<()> {
    if tallies.is_empty() {
        return Ok(());
    }
    let searcher = index.searcher()?;
    let query = slice_query(index, &searcher, &request.filters);
    let addresses = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .map_err(|e| Error::index(&index.path, e))?;
    for address in addresses {
        let doc =
            crate::index::read_doc(&searcher, address).map_err(|e| Error::index(&index.path, e))?;
        let stored = decode(index, &doc)?;
        let Some(t) = tallies.get_mut(&stored.meta.lang) else {
            continue;
        };
        let normalized = Normalized::new(&stored.passage.text);
        let analysis = Analysis::for_lang(&stored.meta.lang);
        for token in word_tokens_with(analysis, &normalized.text) {
            t.corpus_tokens += 1;
            if t.observed.contains_key(&token.text) {
                *t.corpus.entry(token.text).or_default() += 1;
            }
        }
    }
    Ok(())
}

/// G² of a 2×2 table: `o11` of `r1` window tokens are the word, which is
/// `c1` of the corpus's `n` tokens.
pub fn g2(o11: u64, r1: u64, c1: u64, n: u64) -> f64 {
    let (o11, r1, c1, n) = (o11 as f64, r1 as f64, c1 as f64, n as f64);
    let cells = [
        (o11, r1 * c1 / n),
        (r1 - o11, r1 * (n - c1) / n),
        (c1 - o11, (n - r1) * c1 / n),
        (n - r1 - c1 + o11, (n - r1) * (n - c1) / n),
    ];
    2.0 * cells
        .iter()
        .filter(|(o, e)| *o > 0.0 && *e > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum::<f64>()
}

/// The listed collocates of one language.
fn rank(lang: String, t: Tally, settings: Settings) -> LangCollocates {
    let (r1, n) = (t.window_tokens, t.corpus_tokens);
    let mut rows: Vec<Collocate> = t
        .observed
        .iter()
        .filter(|(_, &o)| o >= settings.min)
        .filter_map(|(token, &o)| {
            // The corpus holds every window token; a smaller count means the
            // index changed between the two reads: leave the word out.
            let c1 = *t.corpus.get(token)?;
            (c1 >= o && n > 0).then_some(())?;
            let expected = r1 as f64 * c1 as f64 / n as f64;
            (o as f64 > expected).then(|| Collocate {
                lang: lang.clone(),
                word: best_form(&t.forms[token]),
                token: token.clone(),
                observed: o,
                expected,
                corpus: c1,
                window_tokens: r1,
                corpus_tokens: n,
                g2: g2(o, r1, c1, n),
            })
        })
        .collect();
    rows.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.word.cmp(&b.word)));
    rows.truncate(settings.top);
    LangCollocates {
        lang,
        matches: t.matches,
        passages: t.passages,
        window_tokens: r1,
        corpus_tokens: n,
        rows,
    }
}

/// The form seen most often (ties: the first in order).
fn best_form(forms: &HashMap<String, u64>) -> String {
    let mut all: Vec<(&String, &u64)> = forms.iter().collect();
    all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    all.first().map(|(f, _)| f.to_string()).unwrap_or_default()
}

#[cfg(test)]
#[path = "collocates_tests.rs"]
mod tests;
