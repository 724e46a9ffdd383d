//! People's names: after a title ("President Xi Jinping"), as runs of
//! capitalised words, and as speaker labels ("Prime Minister Takaichi:").

use super::publishers::known_by_alias;
use super::tables::tables;
use crate::analysis::is_cjk;

#[derive(Debug, Clone)]
struct NameTok {
    word: String,
    cap: bool,
    /// Punctuation after the word ends a name.
    ends: bool,
}

/// `w` without a possessive ending ("Xi’s" → "Xi"), if it has one.
fn strip_possessive(w: &str) -> Option<&str> {
    ["’s", "'s", "’", "'"].iter().find_map(|poss| {
        w.strip_suffix(poss).filter(|stripped| {
            !stripped.is_empty()
                && stripped
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '-')
        })
    })
}

fn name_tokens(text: &str) -> Vec<NameTok> {
    let honorifics = &tables().names.honorifics;
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let mut w = raw.trim_start_matches(|c: char| "\"“‘'([{（「『".contains(c));
        let mut ends = false;
        if let Some(stripped) = strip_possessive(w) {
            w = stripped;
            ends = true;
        }
        let is_initial = {
            let mut cs = w.chars();
            matches!((cs.next(), cs.next(), cs.next()), (Some(a), Some('.'), None) if a.is_uppercase())
        };
        let core = if is_initial {
            w
        } else {
            w.trim_end_matches(|c: char| !c.is_alphanumeric())
        };
        if core.len() < w.len() {
            ends = true;
        }
        if honorifics.iter().any(|h| h == core) {
            ends = false;
        }
        let cap = core.chars().next().is_some_and(char::is_uppercase)
            && core.chars().any(char::is_alphabetic);
        out.push(NameTok {
            word: core.to_string(),
            cap,
            ends: ends || core.is_empty(),
        });
    }
    out
}

fn is_marker(w: &str) -> bool {
    tables().names.markers.iter().any(|m| m == w)
}

/// A run of capitalized words after a title ("President Xi Jinping" → Xi Jinping).
#[derive(Debug, Clone)]
pub(super) struct TitledName {
    pub(super) words: Vec<String>,
    /// The word before the title ("U.S." in "U.S. President Donald Trump").
    pub(super) before_title: Option<String>,
    /// The words after the name, as many as the US President's apposition has.
    pub(super) after: Vec<String>,
}

fn run_from(toks: &[NameTok], start: usize) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut j = start;
    while j < toks.len() && toks[j].cap && !is_marker(&toks[j].word) {
        if toks[j].word.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        words.push(toks[j].word.clone());
        j += 1;
        if toks[j - 1].ends {
            break;
        }
    }
    (words, j)
}

/// The names in `text` that follow a title, in order.
pub(super) fn titled_names(text: &str) -> Vec<TitledName> {
    let after_words = tables().names.us_apposition.split_whitespace().count();
    let toks = name_tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if is_marker(&toks[i].word) && !toks[i].ends {
            let (words, j) = run_from(&toks, i + 1);
            if !words.is_empty() {
                out.push(TitledName {
                    words,
                    before_title: i.checked_sub(1).map(|b| toks[b].word.clone()),
                    after: toks[j..toks.len().min(j + after_words)]
                        .iter()
                        .map(|t| t.word.clone())
                        .collect(),
                });
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Runs of capitalized words (not titles), e.g. "Scott Besent" in a heading.
pub(super) fn capitalized_runs(text: &str) -> Vec<Vec<String>> {
    let toks = name_tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].cap && !is_marker(&toks[i].word) {
            let (words, j) = run_from(&toks, i);
            if !words.is_empty() {
                out.push(words);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// "TAKAICHI", "US": more than one letter, none in lower case.
pub(super) fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() > 1
        && w.chars().all(|c| !c.is_lowercase())
        && w.chars().any(char::is_uppercase)
}

/// "TAKAICHI Sanae" → "Takaichi Sanae".
pub(super) fn display_name(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if is_all_caps(w) && !w.contains('.') {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                    None => String::new(),
                }
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The speaker label of a paragraph that opens a turn (`CNBC: …`), as in
/// `model::turn_speaker`.
pub(super) fn turn_label(paragraph: &str) -> Option<&str> {
    let (colon, _) = paragraph
        .char_indices()
        .take(48)
        .find(|(_, c)| *c == ':' || *c == '：')?;
    let name = paragraph[..colon].trim();
    let first = name.chars().next()?;
    let plausible = (first.is_uppercase() || is_cjk(first))
        && name.split_whitespace().count() <= 5
        && !name
            .chars()
            .any(|c| ".,;!?\"“”()[]".contains(c) || c.is_ascii_digit());
    plausible.then_some(name)
}

/// Is this label the asking side of an interview (`Reporter`, `CNBC`)?
pub(super) fn is_interviewer(label: &str) -> bool {
    let lower = label.to_lowercase();
    tables().turns.interviewer_labels.contains(&lower)
        || known_by_alias(label).is_some_and(|k| k.outlet)
}

/// A speaker label without its titles ("Prime Minister Takaichi" → Takaichi).
pub(super) fn strip_titles(label: &str) -> Vec<String> {
    let titles = &tables().names.titles;
    let words: Vec<&str> = label.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !titles.iter().any(|t| t == w))
        .unwrap_or(words.len());
    if start == words.len() {
        words.iter().map(|w| w.to_string()).collect()
    } else {
        words[start..].iter().map(|w| w.to_string()).collect()
    }
}
