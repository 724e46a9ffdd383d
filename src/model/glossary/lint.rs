//! `readouts glossary show` and `check`: what a term expands to and why, and
//! the glossary's weak spots.

use serde::Serialize;

use super::{key, Concept, Glossary};
use crate::analysis::is_cjk;

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
    /// are checked in their own table) with labels in one script only; a
    /// Chinese label inside a longer word of `vocabulary` (the index's words)
    /// that word-aware matching does not know — neither a label of its own
    /// nor a word of `known` (`index-schema/glossary-lint.toml`).
    pub fn lint(&self, vocabulary: &[String], known: &[String]) -> Vec<Finding> {
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
            for label in c.zh.iter().chain(&c.zh_hant) {
                let k = key(label);
                for word in vocabulary {
                    let w = key(word);
                    let handled = self.lookup(word).is_some() || known.iter().any(|k| key(k) == w);
                    if w != k && w.contains(&k) && !handled {
                        out.push(Finding {
                            concept: c.id.clone(),
                            problem: format!(
                                "the label {label:?} is inside the word {word:?}, which no concept has: add it (as its own concept) so that searches can tell them apart"
                            ),
                        });
                    }
                }
            }
        }
        out
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
