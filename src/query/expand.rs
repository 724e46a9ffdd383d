//! What a text term expands to: its glossary concept's labels (each with
//! its language and the statements it may match), else its forms in the open
//! lexicon (CC-CEDICT), marked by source.

use tantivy::query::{BooleanQuery, Occur};

use super::build::{BoxQuery, QueryBuilder};
use super::parse::QueryField;
use crate::model::glossary::{self, Concept, Glossary};
use crate::model::lexicon::Lexicon;

/// Where a form a term is searched for comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The query as written.
    #[default]
    Written,
    /// A label of the term's glossary concept (or one below it, `--broader`).
    Concept,
    /// A form from the open lexicon (no concept covers the term).
    Dictionary,
    /// A label of a concept from a user glossary file (`glossary add`,
    /// `--glossary FILE`, the data folder's `glossary.toml`).
    User,
}

impl Source {
    /// `written`, `concept`, `dictionary`, `user`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Written => "written",
            Source::Concept => "concept",
            Source::Dictionary => "dictionary",
            Source::User => "user",
        }
    }
}

/// One form a term expands to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    /// The form.
    pub form: String,
    /// Where it comes from.
    pub source: Source,
    /// Its language: the field of the concept it is a label in (`en`, `zh`,
    /// `ja`, `ru`), or the language of a dictionary form.
    pub lang: &'static str,
    /// The statements it may match: a label applies only to text of its own
    /// language (a Japanese label such as 五輪, folded to 五轮, never matches
    /// Chinese text; a Chinese label never matches Japanese text when the
    /// concept has Japanese labels of its own).
    pub scope: Scope,
}

/// Which statements a form may match, by language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any statement.
    Any,
    /// Only statements in this language.
    Only(&'static str),
    /// Any statement except those in this language.
    Not(&'static str),
}

/// What a term expands to, beside itself.
#[derive(Debug, Clone)]
pub struct Expansion<'c> {
    /// The glossary concept, when one covers the term.
    pub concept: Option<&'c Concept>,
    /// The other forms searched.
    pub forms: Vec<Expanded>,
    /// The meanings of an ambiguous dictionary entry (`headword: sense`).
    pub ambiguous: Vec<String>,
}

impl<'a> QueryBuilder<'a> {
    /// The concept a text term expands to, if expansion is on and it names one.
    pub fn concept(&self, text: &str) -> Option<&Concept> {
        self.glossary.and_then(|g| g.lookup(text))
    }

    /// What a term written as `written` expands to: its concept's other labels,
    /// and with `broader` the labels of every concept below it.
    pub fn expansions<'c>(&self, concept: &'c Concept, written: &str) -> Vec<&'c str>
    where
        'a: 'c,
    {
        match (self.broader, self.glossary) {
            (true, Some(g)) => {
                labels_other_than(g.with_descendants(&concept.id).into_iter(), written)
            }
            _ => expansion_names(concept, written),
        }
    }

    /// What a text term expands to: its concept's labels, else (with the
    /// dictionary on) its forms in the open lexicon; `None` when neither
    /// knows it or expansion is off.
    pub fn expansion(&self, text: &str) -> Option<Expansion<'a>> {
        let glossary = self.glossary?;
        if let Some(concept) = glossary.lookup(text) {
            let concepts: Vec<&Concept> = match self.broader {
                true => glossary.with_descendants(&concept.id),
                false => vec![concept],
            };
            let forms = self
                .expansions(concept, text)
                .into_iter()
                .map(|f| concept_form(glossary, &concepts, f))
                .collect();
            return Some(Expansion {
                concept: Some(concept),
                forms,
                ambiguous: Vec::new(),
            });
        }
        if !self.dictionary {
            return None;
        }
        let lexicon = Lexicon::builtin();
        let found = if text.chars().any(crate::analysis::is_cjk) {
            lexicon.english_for(text)
        } else {
            lexicon.chinese_for(text)
        }?;
        let mut keys = vec![glossary::key(text)];
        let mut forms = Vec::new();
        for form in found.forms {
            let k = glossary::key(&form);
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
                let zh = form.chars().any(crate::analysis::is_cjk);
                forms.push(Expanded {
                    form,
                    source: Source::Dictionary,
                    lang: if zh { "zh" } else { "en" },
                    // A CC-CEDICT headword is Chinese: not a Japanese word.
                    scope: if zh { Scope::Not("ja") } else { Scope::Any },
                });
            }
        }
        (!forms.is_empty()).then_some(Expansion {
            concept: None,
            forms,
            ambiguous: found.ambiguous,
        })
    }

    /// A form's query limited to the statements of its scope.
    pub(super) fn scoped(&self, query: BoxQuery, scope: Scope) -> BoxQuery {
        let (occur, lang) = match scope {
            Scope::Any => return query,
            Scope::Only(lang) => (Occur::Must, lang),
            Scope::Not(lang) => (Occur::MustNot, lang),
        };
        let lang = self.filter(self.keyword(QueryField::Lang, lang));
        Box::new(BooleanQuery::new(vec![(Occur::Must, query), (occur, lang)]))
    }
}

/// A concept label as an expansion form: its language (the field it stands
/// in) and where it may match. A label that stands only among Japanese
/// labels matches only Japanese statements; a Chinese label of a concept
/// with Japanese labels of its own matches no Japanese statement.
fn concept_form(glossary: &Glossary, concepts: &[&Concept], label: &str) -> Expanded {
    let k = glossary::key(label);
    let has = |labels: &[String]| labels.iter().any(|l| glossary::key(l) == k);
    let owner = concepts
        .iter()
        .find(|c| c.labels().any(|l| l == label))
        .or(concepts.first());
    let (mut lang, mut scope) = ("en", Scope::Any);
    if let Some(c) = owner {
        let zh = has(&c.zh) || has(&c.zh_hant);
        let ja = has(&c.ja);
        if ja && !zh {
            (lang, scope) = ("ja", Scope::Only("ja"));
        } else if zh {
            lang = "zh";
            if !ja && !c.ja.is_empty() {
                scope = Scope::Not("ja");
            }
        } else if has(&c.ru) {
            lang = "ru";
        }
    }
    let user = owner.is_some_and(|c| glossary.user_file(&c.id).is_some());
    Expanded {
        form: label.to_string(),
        source: if user { Source::User } else { Source::Concept },
        lang,
        scope,
    }
}

/// The names of `concept` other than `written`, one per analysis key.
pub fn expansion_names<'c>(concept: &'c Concept, written: &str) -> Vec<&'c str> {
    labels_other_than(std::iter::once(concept), written)
}

/// The labels of `concepts` other than `written`, one per analysis key.
fn labels_other_than<'c>(
    concepts: impl Iterator<Item = &'c Concept>,
    written: &str,
) -> Vec<&'c str> {
    let mut keys = vec![glossary::key(written)];
    let mut out = Vec::new();
    for name in concepts.flat_map(|c| c.labels()) {
        let k = glossary::key(name);
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
            out.push(name);
        }
    }
    out
}
