//! Turning a parsed [`Expr`] and filters into a tantivy query.
//!
//! Text terms: English words and phrases go to the stemmed `text` field. A
//! Chinese string of two or more characters must match as a phrase of
//! character bigrams in `text_cjk` (exact recall), while the words it is made
//! of in the index vocabulary (found by longest match in the `text` term
//! dictionary, so no jieba dictionary is loaded) add to the score: the word
//! field drives ranking.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::parse::{Expr, QueryField};
use crate::analysis::{bigrams, query_pieces_with, Analysis, QueryPiece};
use crate::error::{Error, Result};
use crate::index::Fields;
use crate::model::glossary::{self, Concept, Glossary};
use crate::model::lexicon::Lexicon;

/// Weight of a glossary expansion beside the term as written, so that
/// expansions never drown out exact matches.
pub const EXPANSION_BOOST: f32 = 0.3;
/// Weight of the exact bigram match in a Chinese term's score, beside its words.
const CJK_EXACT_BOOST: f32 = 0.3;
/// Longest word looked up in the vocabulary when splitting a Chinese query.
const MAX_VOCABULARY_WORD_CHARS: usize = 8;

/// Builds tantivy queries against one searcher (the vocabulary and metadata
/// values are looked up in its term dictionaries).
pub struct QueryBuilder<'a> {
    /// The searcher whose dictionaries are consulted.
    pub searcher: &'a Searcher,
    /// Field handles.
    pub fields: &'a Fields,
    /// The query string, for error messages.
    pub query: &'a str,
    /// Expand text terms through this glossary (`None`: exact, `--exact`).
    pub glossary: Option<&'a Glossary>,
    /// The index folder, for errors while reading its dictionaries.
    pub index_path: &'a std::path::Path,
    /// Also expand to the labels of the concepts narrower than the term's own.
    pub broader: bool,
    /// Expand a term no glossary concept covers through the open lexicon
    /// (CC-CEDICT, [`Lexicon::builtin`]); only with a glossary.
    pub dictionary: bool,
}

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
}

impl Source {
    /// `written`, `concept`, `dictionary`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Written => "written",
            Source::Concept => "concept",
            Source::Dictionary => "dictionary",
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

type BoxQuery = Box<dyn Query>;

impl<'a> QueryBuilder<'a> {
    /// The same builder without glossary expansion (the first tier of an
    /// expanding search).
    pub fn exact(&self) -> Self {
        QueryBuilder {
            glossary: None,
            dictionary: false,
            ..*self
        }
    }

    /// The same builder without the open lexicon (the concept tier).
    pub fn without_dictionary(&self) -> Self {
        QueryBuilder {
            dictionary: false,
            ..*self
        }
    }

    /// The tantivy query for an expression.
    pub fn expr(&self, expr: &Expr) -> Result<BoxQuery> {
        Ok(match expr {
            Expr::Or(xs) => Box::new(BooleanQuery::new(
                xs.iter()
                    .map(|x| Ok((Occur::Should, self.expr(x)?)))
                    .collect::<Result<Vec<_>>>()?,
            )),
            Expr::And(xs) => Box::new(BooleanQuery::new(
                xs.iter()
                    .map(|(must, x)| {
                        Ok((
                            if *must { Occur::Must } else { Occur::MustNot },
                            self.expr(x)?,
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?,
            )),
            Expr::Dates(range) => self.dates(*range),
            Expr::Term {
                field,
                text,
                column,
                ..
            } => match field {
                QueryField::Text => {
                    self.expanded(self.fields.text, self.fields.text_cjk, text, *column)?
                }
                QueryField::Title => {
                    self.expanded(self.fields.title, self.fields.title_cjk, text, *column)?
                }
                QueryField::Date => unreachable!("the parser turns dates into ranges"),
                keyword => self.keyword(*keyword, text),
            },
        })
    }

    /// A filter: must match, adds nothing to the score.
    pub fn filter(&self, query: BoxQuery) -> BoxQuery {
        Box::new(ConstScoreQuery::new(query, 0.0))
    }

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
                .map(|f| concept_form(&concepts, f))
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

    /// A text term, OR its glossary names (or dictionary forms) at a lower weight.
    fn expanded(&self, words: Field, cjk: Field, text: &str, column: usize) -> Result<BoxQuery> {
        let written = self.text(words, cjk, text, column)?;
        let Some(expansion) = self.expansion(text) else {
            return Ok(written);
        };
        let mut clauses = vec![(Occur::Should, written)];
        for form in &expansion.forms {
            let q = self.scoped(self.text(words, cjk, &form.form, column)?, form.scope);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(q, EXPANSION_BOOST)) as BoxQuery,
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// A form's query limited to the statements of its scope.
    fn scoped(&self, query: BoxQuery, scope: Scope) -> BoxQuery {
        let (occur, lang) = match scope {
            Scope::Any => return query,
            Scope::Only(lang) => (Occur::Must, lang),
            Scope::Not(lang) => (Occur::MustNot, lang),
        };
        let lang = self.filter(self.keyword(QueryField::Lang, lang));
        Box::new(BooleanQuery::new(vec![(Occur::Must, query), (occur, lang)]))
    }

    /// A text term: its words analysed as each kind of statement in the
    /// index analyses them (English, another Snowball language, plain), any
    /// of which may match.
    fn text(&self, words: Field, cjk: Field, text: &str, column: usize) -> Result<BoxQuery> {
        let mut variants: Vec<Vec<QueryPiece>> = Vec::new();
        for analysis in self.analyses()? {
            let pieces = query_pieces_with(analysis, text);
            if !variants.contains(&pieces) {
                variants.push(pieces);
            }
        }
        if variants.iter().all(Vec::is_empty) {
            return Err(Error::Query {
                query: self.query.to_string(),
                column,
                reason: format!("{text:?} has no letters, digits or CJK characters to search for"),
            });
        }
        let mut queries = variants
            .into_iter()
            .map(|pieces| self.pieces(words, cjk, pieces))
            .collect::<Result<Vec<_>>>()?;
        Ok(if queries.len() == 1 {
            queries.pop().expect("one variant")
        } else {
            Box::new(BooleanQuery::new(
                queries.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        })
    }

    /// The analyses of the statements the index holds (read from its `lang`
    /// terms), the default one first and always.
    pub fn analyses(&self) -> Result<Vec<Analysis>> {
        let mut out = vec![Analysis::Default];
        for segment in self.searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.lang)
                .map_err(|e| Error::index(self.index_path, e))?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(|e| Error::index(self.index_path, e.into()))?;
            while terms.advance() {
                let analysis = Analysis::for_lang(&String::from_utf8_lossy(terms.key()));
                if !out.contains(&analysis) {
                    out.push(analysis);
                }
            }
        }
        Ok(out)
    }

    /// The query of one analysis of a text term.
    fn pieces(&self, words: Field, cjk: Field, pieces: Vec<QueryPiece>) -> Result<BoxQuery> {
        // Consecutive words form one phrase (a quoted phrase, or a word such as
        // `Japan-U.S.` that analysis splits); CJK runs are matched each on its own.
        let mut parts: Vec<BoxQuery> = Vec::new();
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, parts: &mut Vec<BoxQuery>| {
            if !run.is_empty() {
                parts.push(word_sequence(words, std::mem::take(run)));
            }
        };
        for piece in pieces {
            match piece {
                QueryPiece::Word(w) => run.push(w),
                QueryPiece::Cjk(c) => {
                    flush(&mut run, &mut parts);
                    parts.push(self.cjk(words, cjk, &c)?);
                }
            }
        }
        flush(&mut run, &mut parts);
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Box::new(BooleanQuery::new(
                parts.into_iter().map(|p| (Occur::Must, p)).collect(),
            ))
        })
    }

    fn cjk(&self, words: Field, cjk: Field, run: &str) -> Result<BoxQuery> {
        let chars = run.chars().count();
        if chars == 1 {
            return Ok(Box::new(TermQuery::new(
                Term::from_field_text(words, run),
                IndexRecordOption::WithFreqs,
            )));
        }
        let exact = bigram_phrase(cjk, run);
        let mut clauses: Vec<(Occur, BoxQuery)> = vec![(
            Occur::Must,
            Box::new(BoostQuery::new(exact, CJK_EXACT_BOOST)),
        )];
        for word in self.vocabulary_words(words, run)? {
            clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(words, &word),
                    IndexRecordOption::WithFreqs,
                )),
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// Passages holding a Chinese string of two or more characters, exactly
    /// (its bigrams as a phrase in the passage text).
    pub fn cjk_exact(&self, run: &str) -> BoxQuery {
        bigram_phrase(self.fields.text_cjk, run)
    }

    /// Split a CJK run into the longest words found in the index vocabulary.
    fn vocabulary_words(&self, field: Field, run: &str) -> Result<Vec<String>> {
        let chars: Vec<char> = run.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let longest = (1..=MAX_VOCABULARY_WORD_CHARS.min(chars.len() - i))
                .rev()
                .find_map(|len| {
                    let word: String = chars[i..i + len].iter().collect();
                    match self.in_vocabulary(field, &word) {
                        Ok(true) => Some(Ok((word, len))),
                        Ok(false) => None,
                        Err(e) => Some(Err(e)),
                    }
                });
            match longest.transpose()? {
                Some((word, len)) => {
                    if len > 1 {
                        out.push(word);
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        Ok(out)
    }

    fn in_vocabulary(&self, field: Field, word: &str) -> Result<bool> {
        for segment in self.searcher.segment_readers() {
            let inverted = segment
                .inverted_index(field)
                .map_err(|e| Error::index(self.index_path, e))?;
            if inverted
                .terms()
                .get(word.as_bytes())
                .map_err(|e| Error::index(self.index_path, e.into()))?
                .is_some()
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// A concept label as an expansion form: its language (the field it stands
/// in) and where it may match. A label that stands only among Japanese
/// labels matches only Japanese statements; a Chinese label of a concept
/// with Japanese labels of its own matches no Japanese statement.
fn concept_form(concepts: &[&Concept], label: &str) -> Expanded {
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
    Expanded {
        form: label.to_string(),
        source: Source::Concept,
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

fn word_sequence(field: Field, words: Vec<String>) -> BoxQuery {
    if words.len() == 1 {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &words[0]),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new(
            words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
        ))
    }
}

/// A CJK string's bigrams as a phrase (one term when it has one bigram).
fn bigram_phrase(field: Field, run: &str) -> BoxQuery {
    let grams = bigrams(run);
    if grams.len() == 1 {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &grams[0]),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new(
            grams
                .iter()
                .map(|g| Term::from_field_text(field, g))
                .collect(),
        ))
    }
}
