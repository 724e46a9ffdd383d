//! Never a silent miss: for each text term of a query, which languages of
//! the index it reached and how — as written, through a glossary concept, or
//! through the open lexicon (dictionary) — and which languages it reached as
//! written only (`vantongeren: no Chinese form known; Chinese statements
//! were searched for it as written only`).
//!
//! A search, a count, a timeline and a compare report it (stderr, JSON, the
//! web page): a rate across languages is only as good as the forms it counts.

use serde::Serialize;

use super::build::{QueryBuilder, Source};
use super::parse::Expr;
use crate::analysis::script::{script, Script};
use crate::error::{Error, Result};
use crate::model::glossary::{Concept, Glossary};

/// One form a term was searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoveredForm {
    /// The form.
    pub form: String,
    /// Its language: `en`, `zh`, `ja`, `ru`, `ko` or `other` (a concept
    /// label's field; else its script).
    pub lang: String,
    /// `written`, `concept` or `dictionary`.
    pub source: Source,
}

/// What one query term reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermCoverage {
    /// The term as written in the query.
    pub term: String,
    /// The glossary concept that covers it, if any.
    pub concept: Option<String>,
    /// Every form searched, the term itself first.
    pub forms: Vec<CoveredForm>,
    /// Languages of the index no form of the term is in: their statements
    /// were searched for the term as written only.
    pub missing: Vec<String>,
    /// When a dictionary form has more than one meaning: each meaning
    /// (`headword: sense`); hits may be about any of them.
    pub ambiguous: Vec<String>,
}

/// The report of one search: the languages of the index and each term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Coverage {
    /// The languages the index holds (primary subtags, `zh` for every Chinese).
    pub langs: Vec<String>,
    /// Each positive text term, in query order.
    pub terms: Vec<TermCoverage>,
}

/// The report of one search as one object, `{"query": …, "coverage": {…}}`:
/// what `search --json` (and `count`, `timeline`, `compare` with `--json`)
/// print on stderr. The server's JSON answers carry the same [`Coverage`]
/// under `coverage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The query as given.
    pub query: String,
    /// What each of its terms reached.
    pub coverage: Coverage,
}

/// The language name of a primary subtag, for sentences.
pub fn lang_name(lang: &str) -> String {
    match lang {
        "en" => "English".into(),
        "zh" => "Chinese".into(),
        "ja" => "Japanese".into(),
        "ru" => "Russian".into(),
        "ko" => "Korean".into(),
        other => other.to_string(),
    }
}

impl TermCoverage {
    /// One line: `Pelosi → 佩洛西 (dictionary)`, `Diaoyu → 钓鱼岛 (concept)`,
    /// `vantongeren: no Chinese form known; Chinese statements were searched
    /// for it as written only`.
    pub fn line(&self) -> String {
        const MOST: usize = 8;
        let others: Vec<String> = self
            .forms
            .iter()
            .skip(1)
            .map(|f| format!("{} ({})", f.form, f.source.as_str()))
            .collect();
        let mut line = self.term.clone();
        if others.is_empty() {
            line.push_str(": as written");
        } else {
            line.push_str(" → ");
            line.push_str(
                &others
                    .iter()
                    .take(MOST)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            if others.len() > MOST {
                line.push_str(&format!(", … ({} more)", others.len() - MOST));
            }
        }
        if !self.missing.is_empty() {
            let names: Vec<String> = self.missing.iter().map(|l| lang_name(l)).collect();
            let names = names.join(", ");
            line.push_str(&format!(
                "; no {names} form known; {names} statements were searched for it as written only"
            ));
        }
        if !self.ambiguous.is_empty() {
            line.push_str(&format!(
                "; ambiguous, hits may mean any of: {}",
                self.ambiguous.join(" | ")
            ));
        }
        line
    }
}

impl Coverage {
    /// One line per term.
    pub fn lines(&self) -> Vec<String> {
        self.terms.iter().map(TermCoverage::line).collect()
    }

    /// Whether some term reached a language of the index as written only.
    pub fn has_gaps(&self) -> bool {
        self.terms.iter().any(|t| !t.missing.is_empty())
    }
}

/// The language of a form by its script: kana → `ja`, Hangul → `ko`, Han →
/// `zh`, Cyrillic → `ru`, Latin → `en`.
fn script_lang(text: &str) -> &'static str {
    let scripts: Vec<Script> = text.chars().filter_map(script).collect();
    if scripts.contains(&Script::Kana) {
        "ja"
    } else if scripts.contains(&Script::Hangul) {
        "ko"
    } else if scripts.contains(&Script::Han) {
        "zh"
    } else if text.chars().any(|c| matches!(c as u32, 0x0400..=0x052F)) {
        "ru"
    } else if scripts.contains(&Script::Latin) {
        "en"
    } else {
        "other"
    }
}

/// The language of a concept label: the field it stands in.
fn label_lang(concept: Option<&Concept>, glossary: Option<&Glossary>, label: &str) -> String {
    let owner = [concept, glossary.and_then(|g| g.lookup(label))]
        .into_iter()
        .flatten()
        .find(|c| c.labels().any(|l| l == label));
    if let Some(c) = owner {
        for (lang, labels) in [
            ("en", &c.en),
            ("zh", &c.zh),
            ("zh", &c.zh_hant),
            ("ja", &c.ja),
            ("ru", &c.ru),
        ] {
            if labels.iter().any(|l| l == label) {
                return lang.to_string();
            }
        }
    }
    script_lang(label).to_string()
}

/// The primary languages of the statements the index holds.
fn index_langs(builder: &QueryBuilder) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for segment in builder.searcher.segment_readers() {
        let inverted = segment
            .inverted_index(builder.fields.lang)
            .map_err(|e| Error::index(builder.index_path, e))?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| Error::index(builder.index_path, e.into()))?;
        while terms.advance() {
            let tag = String::from_utf8_lossy(terms.key()).to_lowercase();
            let primary = tag.split(['-', '_']).next().unwrap_or("").to_string();
            if !primary.is_empty() && !out.contains(&primary) {
                out.push(primary);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The coverage of every positive text term of `expr`.
pub fn coverage(builder: &QueryBuilder, expr: &Expr) -> Result<Coverage> {
    let langs = index_langs(builder)?;
    let mut terms: Vec<TermCoverage> = Vec::new();
    for term in expr.positive_text_terms() {
        if terms.iter().any(|t| t.term == term) {
            continue;
        }
        let expansion = builder.expansion(term);
        let concept = expansion.as_ref().and_then(|e| e.concept);
        let mut forms = vec![CoveredForm {
            form: term.to_string(),
            lang: label_lang(concept, builder.glossary, term),
            source: Source::Written,
        }];
        let mut ambiguous = Vec::new();
        if let Some(e) = &expansion {
            for form in &e.forms {
                forms.push(CoveredForm {
                    form: form.form.clone(),
                    lang: form.lang.to_string(),
                    source: form.source,
                });
            }
            ambiguous = e.ambiguous.clone();
        }
        let missing = langs
            .iter()
            .filter(|l| !forms.iter().any(|f| &f.lang == *l))
            .cloned()
            .collect();
        terms.push(TermCoverage {
            term: term.to_string(),
            concept: concept.map(|c| c.id.clone()),
            forms,
            missing,
            ambiguous,
        });
    }
    Ok(Coverage { langs, terms })
}
