//! `readouts glossary suggest`: candidate concept pairs mined from the
//! statements that declare `translation_of` — an English word or phrase and a
//! Chinese word that stand in aligned paragraphs far more often than chance —
//! written for a person to review, never added to a glossary.
//!
//! The statistic is Dunning's log-likelihood ratio G² on the 2×2 table of
//! aligned paragraph pairs (both terms / the English only / the Chinese only /
//! neither): G² = 2 Σ O·ln(O/E) over the four cells, E from the margins. It is
//! large when the two terms co-occur more than their frequencies predict, and
//! (unlike pointwise mutual information) it does not favour terms seen once.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;

use crate::analysis::{is_cjk, word_tokens};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::Glossary;

/// One candidate pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The English word or phrase (lower case).
    pub en: String,
    /// The Chinese word.
    pub zh: String,
    /// Aligned paragraph pairs holding both.
    pub together: u64,
    /// Pairs whose English paragraph holds `en`.
    pub en_pairs: u64,
    /// Pairs whose Chinese paragraph holds `zh`.
    pub zh_pairs: u64,
    /// Aligned paragraph pairs in all.
    pub pairs: u64,
    /// Log-likelihood ratio G².
    pub g2: f64,
}

/// English words that carry no concept on their own.
const STOP: [&str; 40] = [
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "as", "is",
    "are", "was", "were", "be", "been", "that", "this", "it", "its", "he", "she", "we", "they",
    "his", "her", "their", "our", "from", "has", "have", "had", "not", "but", "also", "will",
];

/// English terms of a paragraph: lower-cased words and phrases of up to three
/// words that neither start nor end with a stop word.
fn english_terms(text: &str) -> HashSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty() && !w.chars().any(is_cjk))
        .map(str::to_lowercase)
        .collect();
    let mut out = HashSet::new();
    for n in 1..=3 {
        for w in words.windows(n) {
            let edge =
                |s: &String| STOP.contains(&s.as_str()) || s.chars().all(|c| c.is_ascii_digit());
            if !edge(&w[0]) && !edge(&w[n - 1]) {
                out.insert(w.join(" "));
            }
        }
    }
    out
}

/// Chinese terms of a paragraph: its words of two characters or more.
fn chinese_terms(text: &str) -> HashSet<String> {
    word_tokens(text)
        .into_iter()
        .map(|t| t.text)
        .filter(|t| t.chars().count() >= 2 && t.chars().all(is_cjk))
        .collect()
}

/// G² of a 2×2 table (`a` both, `b` first only, `c` second only, `n` in all).
fn g2(a: f64, b: f64, c: f64, n: f64) -> f64 {
    let d = n - a - b - c;
    let cell = |o: f64, row: f64, col: f64| {
        let e = row * col / n;
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    2.0 * (cell(a, a + b, a + c)
        + cell(b, a + b, b + d)
        + cell(c, c + d, a + c)
        + cell(d, c + d, b + d))
}

/// A statement's language, the id it translates, its paragraphs by number.
type Translated = (String, Option<String>, BTreeMap<u64, String>);

/// The English and Chinese paragraph pairs of every translation in the index
/// (paragraphs paired by number).
fn aligned_pairs(index: &ReadoutsIndex) -> Result<Vec<(String, String)>> {
    let searcher = index.searcher()?;
    let all = searcher
        .search(&AllQuery, &DocSetCollector)
        .map_err(|e| Error::index(&index.path, e))?;
    let mut statements: HashMap<String, Translated> = HashMap::new();
    for address in all {
        let doc =
            crate::index::read_doc(&searcher, address).map_err(|e| Error::index(&index.path, e))?;
        let s = super::decode(index, &doc)?;
        let entry = statements.entry(s.meta.id.clone()).or_insert_with(|| {
            (
                s.meta.lang.clone(),
                s.meta.translation_of.clone(),
                BTreeMap::new(),
            )
        });
        entry.2.insert(s.passage.number, s.passage.text);
    }
    let mut pairs = Vec::new();
    for (lang, original, paragraphs) in statements.values() {
        let Some((other_lang, _, other)) = original.as_ref().and_then(|o| statements.get(o)) else {
            continue;
        };
        let (en, zh) = match (lang.as_str(), other_lang.as_str()) {
            (l, o) if l.starts_with("en") && o.starts_with("zh") => (paragraphs, other),
            (l, o) if l.starts_with("zh") && o.starts_with("en") => (other, paragraphs),
            _ => continue,
        };
        for (number, text) in en {
            if let Some(zh_text) = zh.get(number) {
                pairs.push((text.clone(), zh_text.clone()));
            }
        }
    }
    Ok(pairs)
}

/// Candidate pairs, best first: at least `min_together` co-occurrences, not
/// already one concept's labels, at most three Chinese candidates per
/// English term.
pub fn suggest(
    index: &ReadoutsIndex,
    glossary: &Glossary,
    min_together: u64,
) -> Result<Vec<Suggestion>> {
    let pairs = aligned_pairs(index)?;
    let n = pairs.len() as u64;
    let mut en_count: HashMap<String, u64> = HashMap::new();
    let mut zh_count: HashMap<String, u64> = HashMap::new();
    let mut both: HashMap<(String, String), u64> = HashMap::new();
    for (en, zh) in &pairs {
        let (e, z) = (english_terms(en), chinese_terms(zh));
        for t in &e {
            *en_count.entry(t.clone()).or_default() += 1;
        }
        for t in &z {
            *zh_count.entry(t.clone()).or_default() += 1;
        }
        for a in &e {
            for b in &z {
                *both.entry((a.clone(), b.clone())).or_default() += 1;
            }
        }
    }
    let same_concept = |e: &str, z: &str| match (glossary.lookup(e), glossary.lookup(z)) {
        (Some(a), Some(b)) => a.id == b.id,
        _ => false,
    };
    let mut out: Vec<Suggestion> = both
        .into_iter()
        .filter(|((e, z), k)| *k >= min_together && !same_concept(e, z))
        .map(|((en, zh), together)| {
            let (ec, zc) = (en_count[&en], zh_count[&zh]);
            Suggestion {
                g2: g2(
                    together as f64,
                    (ec - together) as f64,
                    (zc - together) as f64,
                    n as f64,
                ),
                en,
                zh,
                together,
                en_pairs: ec,
                zh_pairs: zc,
                pairs: n,
            }
        })
        // Only pairs that co-occur more than chance predicts.
        .filter(|s| (s.together as f64) * (n as f64) > (s.en_pairs as f64) * (s.zh_pairs as f64))
        .collect();
    out.sort_by(|a, b| {
        b.g2.total_cmp(&a.g2)
            .then_with(|| (&a.en, &a.zh).cmp(&(&b.en, &b.zh)))
    });
    let mut per_en: HashMap<String, usize> = HashMap::new();
    out.retain(|s| {
        let k = per_en.entry(s.en.clone()).or_default();
        *k += 1;
        *k <= 3
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_is_zero_for_independent_terms_and_large_for_paired_ones() {
        assert!(g2(25.0, 25.0, 25.0, 100.0).abs() < 1e-9);
        assert!(g2(10.0, 0.0, 0.0, 100.0) > 50.0);
    }

    #[test]
    fn english_terms_skip_stop_word_edges() {
        let t = english_terms("The soybean trade of the two countries");
        assert!(t.contains("soybean trade") && t.contains("soybean") && !t.contains("the soybean"));
    }
}
