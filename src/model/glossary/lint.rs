//! `readouts glossary show` and `check`: what a term expands to and why, and
//! the glossary's weak spots.

use serde::Serialize;

use std::collections::{HashMap, HashSet};

use aho_corasick::AhoCorasick;

use super::{key, Concept, Glossary};
use crate::analysis::{is_cjk, normalize};

/// What a term expands to, and why (`readouts glossary show TERM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The term as given.
    pub term: String,
    /// The concept whose label it is.
    pub concept: String,
    /// The concept's preferred label.
    pub name: String,
    /// Every label of the concept, by language.
    pub labels: Vec<(String, Vec<String>)>,
    /// Broader concepts (ids).
    pub broader: Vec<String>,
    /// Narrower concepts (ids): added to the expansion by `--broader`.
    pub narrower: Vec<String>,
    /// Related concepts (ids): never expanded.
    pub related: Vec<String>,
    /// The labels a default search adds (other than the term).
    pub expands_to: Vec<String>,
    /// The labels a `--broader` search adds.
    pub expands_to_broader: Vec<String>,
    /// The user glossary file the concept comes from; `null` when built in.
    pub user_file: Option<String>,
}

/// One weak spot of a glossary (`readouts glossary check`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The concept concerned.
    pub concept: String,
    /// What is wrong.
    pub problem: String,
}

fn others<'c>(concepts: impl Iterator<Item = &'c Concept>, term: &str) -> Vec<String> {
    let mut keys = vec![key(term)];
    let mut out = Vec::new();
    for label in concepts.flat_map(|c| c.labels()) {
        let k = key(label);
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
            out.push(label.to_string());
        }
    }
    out
}

impl Glossary {
    /// What `term` expands to, or `None` when no concept has it as a label.
    pub fn explain(&self, term: &str) -> Option<Explanation> {
        let c = self.lookup(term)?;
        let labels = [
            ("en", &c.en),
            ("zh", &c.zh),
            ("zh_hant", &c.zh_hant),
            ("ja", &c.ja),
            ("ru", &c.ru),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(l, v)| (l.to_string(), v.clone()))
        .collect();
        Some(Explanation {
            term: term.to_string(),
            concept: c.id.clone(),
            name: c.name().to_string(),
            labels,
            broader: c.broader.clone(),
            narrower: self.narrower(&c.id).iter().map(|n| n.id.clone()).collect(),
            related: c.related.clone(),
            expands_to: others(std::iter::once(c), term),
            expands_to_broader: others(self.with_descendants(&c.id).into_iter(), term),
            user_file: self.user_file(&c.id).map(|p| p.display().to_string()),
        })
    }

    /// Weak spots: a label in two concepts; a concept (not a person: persons
    /// are checked in their own table) with labels in one script only; and
    /// each of `conflicts` (see [`Glossary::conflicts`]) the index holds, with
    /// the passages it stands in.
    pub fn lint(&self, conflicts: &[(Conflict, u64)]) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .clashes()
            .iter()
            .map(|c| Finding {
                concept: c.second.clone(),
                problem: format!("the label {:?} is also {}'s", c.key, c.first),
            })
            .collect();
        for c in self.concepts() {
            let latin = c.labels().any(|l| !l.chars().any(is_cjk));
            let cjk = c.labels().any(|l| l.chars().any(is_cjk));
            let person = c.sources == ["index-schema/persons.toml"];
            if !(person || latin && cjk) {
                out.push(Finding {
                    concept: c.id.clone(),
                    problem: "labels in one script only: nothing to cross languages with".into(),
                });
            }
        }
        for (c, passages) in conflicts {
            out.push(Finding {
                concept: c.concept.clone(),
                problem: format!(
                    "the label {:?} is inside the word {:?} (CC-CEDICT: {}; in {passages} passage{}), which no concept has: add it (as its own concept) so that searches can tell them apart",
                    c.label,
                    c.word,
                    short(&c.senses),
                    if *passages == 1 { "" } else { "s" }
                ),
            });
        }
        out
    }

    /// Real words that contain a Chinese label and mean something else: a
    /// headword of `words` (CC-CEDICT: headword → senses) longer than the
    /// label, whose senses do not name the label's concept (哥伦比亚 Colombia
    /// in 不列颠哥伦比亚 British Columbia; not 台湾 in 台湾人 Taiwanese), that is
    /// no label of its own and no word of `known` (`glossary-lint.toml`:
    /// word-aware matching ranks those after). Only dictionary words: jieba's
    /// out-of-vocabulary joins of a name and the next character (卢拉在
    /// "Lula at") are not words, and never a conflict. One automaton over the
    /// labels, one pass over the headwords.
    pub fn conflicts(&self, words: &HashMap<String, String>, known: &[String]) -> Vec<Conflict> {
        let known: HashSet<String> = known.iter().map(|k| normalize(k)).collect();
        let mut labels: Vec<(String, &Concept, &String)> = Vec::new();
        for c in self.concepts() {
            for label in c.zh.iter().chain(&c.zh_hant) {
                let k = normalize(label);
                let twice = labels.iter().any(|(l, o, _)| *l == k && o.id == c.id);
                if k.chars().count() >= 2 && k.chars().all(is_cjk) && !twice {
                    labels.push((k, c, label));
                }
            }
        }
        let Ok(automaton) = AhoCorasick::new(labels.iter().map(|(k, _, _)| k)) else {
            return Vec::new();
        };
        let mut out: Vec<Conflict> = Vec::new();
        for (word, senses) in words {
            let mut found: Vec<usize> = automaton
                .find_overlapping_iter(word.as_str())
                .filter(|m| m.end() - m.start() < word.len())
                .map(|m| m.pattern().as_usize())
                .collect();
            if found.is_empty() || known.contains(word) || self.lookup(word).is_some() {
                continue;
            }
            found.sort_unstable();
            found.dedup();
            for i in found {
                let (_, c, label) = &labels[i];
                if !names(c, senses) {
                    out.push(Conflict {
                        concept: c.id.clone(),
                        label: (*label).clone(),
                        word: word.clone(),
                        senses: senses.clone(),
                    });
                }
            }
        }
        out.sort_by(|a, b| (&a.concept, &a.word, &a.label).cmp(&(&b.concept, &b.word, &b.label)));
        out
    }
}

/// A Chinese label inside a longer real word that means something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The label's concept.
    pub concept: String,
    /// The label.
    pub label: String,
    /// The longer word (normalised, Simplified).
    pub word: String,
    /// Its CC-CEDICT senses.
    pub senses: String,
}

/// Whether a word's senses name the concept: a sense holds the start of one
/// of its English labels' first word (`Taiwanese` names Taiwan, `Chinese`
/// China, `American` America): the longer word is then the same thing, or
/// its people, not something else.
fn names(c: &Concept, senses: &str) -> bool {
    let senses = senses.to_lowercase();
    c.en.iter().any(|label| {
        let Some(first) = label.split_whitespace().next() else {
            return false;
        };
        let first = first.to_lowercase();
        let n = first.chars().count();
        let stem: String = first.chars().take(n.saturating_sub(2).max(4)).collect();
        stem.chars().count() >= 2 && senses.contains(&stem)
    })
}

/// The first senses of a word, for a finding (at most 60 characters).
fn short(senses: &str) -> String {
    let text: String = senses.chars().take(60).collect();
    match text.len() < senses.len() {
        true => format!("{text}…"),
        false => text,
    }
}

/// `index-schema/glossary-lint.toml`: longer words known to contain labels.
pub const LINT_WORDS: &str = include_str!("../../../index-schema/glossary-lint.toml");

/// The longer words of `glossary-lint.toml`.
pub fn lint_words() -> crate::error::Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct LintFile {
        version: u32,
        words: Vec<String>,
    }
    let path = std::path::Path::new("index-schema/glossary-lint.toml");
    let file: LintFile = toml::from_str(LINT_WORDS)
        .map_err(|e| crate::error::Error::input(path, 1, e.message().to_string()))?;
    if file.version != 1 {
        return Err(crate::error::Error::input(path, 1, "version must be 1"));
    }
    Ok(file.words)
}
