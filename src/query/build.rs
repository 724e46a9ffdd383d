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
use crate::analysis::acronym::is_acronym;
use crate::analysis::{bigrams, query_pieces_with, Analysis, QueryPiece};
use crate::error::{Error, Result};
use crate::index::Fields;
use crate::model::glossary::Glossary;

pub use super::expand::{expansion_names, Expanded, Expansion, Scope, Source};

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

pub(crate) type BoxQuery = Box<dyn Query>;

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

    /// A text term, OR its glossary names (or dictionary forms) at a lower weight.
    fn expanded(&self, words: Field, cjk: Field, text: &str, column: usize) -> Result<BoxQuery> {
        let Some(expansion) = self.expansion(text) else {
            return self.text(words, cjk, text, column);
        };
        // An acronym that names a concept (or a dictionary entry) is the
        // acronym in capitals: `US`, never the pronoun `us`.
        let written = match is_acronym(text.trim()) {
            true => cased(words, text.trim()),
            false => self.text(words, cjk, text, column)?,
        };
        let mut clauses = vec![(Occur::Should, written)];
        for form in &expansion.forms {
            let q = match is_acronym(&form.form) {
                true => cased(words, &form.form),
                false => self.text(words, cjk, &form.form, column)?,
            };
            let q = self.scoped(q, form.scope);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(q, EXPANSION_BOOST)) as BoxQuery,
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
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

/// An acronym as written, in capitals (the words tokenizer keeps a word
/// written in capitals as such beside its lower-cased stem).
fn cased(field: Field, acronym: &str) -> BoxQuery {
    Box::new(TermQuery::new(
        Term::from_field_text(field, acronym),
        IndexRecordOption::WithFreqs,
    ))
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
