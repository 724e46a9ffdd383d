//! Word-aware Chinese matching. A Chinese term is found wherever it stands
//! (recall stays exact: CJK bigrams), but an occurrence that lies inside a
//! longer known word — a label of another glossary concept or a word of
//! `index-schema/glossary-lint.toml` that contains the term (中美 inside
//! 中美洲, 内政 inside 国内政策) — is not the term standing as a word:
//!
//! - passages holding such a longer word rank after those that do not;
//! - a hit says which longer words its occurrences were inside (`inside`),
//!   when every occurrence of a term in it was inside one;
//! - `--words-only` leaves out the passages where every occurrence of a term
//!   is inside a longer word (checked on the passage's text, so a passage
//!   that has 中美 on its own as well as in 中美洲 stays).

use std::collections::BTreeSet;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

use super::build::QueryBuilder;
use crate::analysis::{is_cjk, normalize};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::model::glossary::{lint_words, Glossary};

/// A Chinese query term and the known longer words that contain it.
#[derive(Debug, Clone)]
pub struct Confusable {
    /// The term, normalised (Simplified, NFKC).
    pub term: String,
    /// Longer known words containing it, normalised.
    pub longer: Vec<String>,
}

/// The Chinese terms of a query that have longer known words.
pub fn confusables(terms: &[&str], glossary: Option<&Glossary>) -> Vec<Confusable> {
    let terms: Vec<String> = terms
        .iter()
        .map(|t| normalize(t))
        .filter(|t| t.chars().count() >= 2 && t.chars().all(is_cjk))
        .collect();
    // Most queries have no Chinese term: they pay nothing here.
    if terms.is_empty() {
        return Vec::new();
    }
    let mut words: BTreeSet<String> = lint_words()
        .unwrap_or_default()
        .iter()
        .map(|w| normalize(w))
        .collect();
    if let Some(g) = glossary {
        for c in g.concepts() {
            words.extend(c.zh.iter().chain(&c.zh_hant).map(|l| normalize(l)));
        }
    }
    terms
        .into_iter()
        .filter_map(|term| {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.len() > term.len() && w.contains(term.as_str()))
                .cloned()
                .collect();
            (!longer.is_empty()).then_some(Confusable { term, longer })
        })
        .collect()
}

/// The longer words that every occurrence of `c.term` in `text` lies inside,
/// or `None` when one stands on its own (or the term is not there).
pub fn inside_only(text: &str, c: &Confusable) -> Option<Vec<String>> {
    let text = normalize(text);
    let mut covering: BTreeSet<String> = BTreeSet::new();
    let mut any = false;
    for (at, _) in text.match_indices(c.term.as_str()) {
        any = true;
        let end = at + c.term.len();
        let cover = c.longer.iter().find(|w| {
            text.match_indices(w.as_str())
                .any(|(w_at, _)| w_at <= at && end <= w_at + w.len())
        })?;
        covering.insert(cover.clone());
    }
    any.then(|| covering.into_iter().collect())
}

/// Passages holding any of the longer words (a CJK bigram phrase each).
pub fn any_longer(
    builder: &QueryBuilder,
    confusables: &[Confusable],
) -> Result<Option<BooleanQuery>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for c in confusables {
        for w in &c.longer {
            clauses.push((Occur::Should, builder.cjk_exact(w)));
        }
    }
    Ok((!clauses.is_empty()).then(|| BooleanQuery::new(clauses)))
}

/// `--words-only`: the query minus the passages where every occurrence of a
/// confusable term lies inside a longer word (checked on their text).
pub fn words_only(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    query: BooleanQuery,
    longer: BooleanQuery,
    confusables: &[Confusable],
) -> Result<BooleanQuery> {
    let fail = |e| Error::index(&index.path, e);
    let suspects = BooleanQuery::new(vec![
        (Occur::Must, Box::new(query.clone()) as Box<dyn Query>),
        (Occur::Must, Box::new(longer.clone())),
    ]);
    let f = index.fields();
    let mut keep: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for address in searcher.search(&suspects, &DocSetCollector).map_err(fail)? {
        let doc: TantivyDocument = crate::index::read_doc(searcher, address).map_err(fail)?;
        let stored = super::decode(index, &doc)?;
        let standalone = confusables
            .iter()
            .all(|c| inside_only(&stored.passage.text, c).is_none());
        if standalone {
            let this = BooleanQuery::new(vec![
                (Occur::Must, term(f.doc_id, &stored.meta.id)),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_u64(f.passage, stored.passage.number),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]);
            keep.push((Occur::Should, Box::new(this)));
        }
    }
    let clean = BooleanQuery::new(vec![
        (Occur::Must, Box::new(query) as Box<dyn Query>),
        (Occur::MustNot, Box::new(longer)),
    ]);
    keep.push((Occur::Should, Box::new(clean)));
    Ok(BooleanQuery::new(keep))
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
