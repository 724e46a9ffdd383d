//! The index's text against given Chinese words: in how many passages each
//! stands (for `readouts glossary check`, which reports a label inside a
//! longer word only where the index holds that word).

use tantivy::collector::Count;
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::analysis::bigrams;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// The passages each of `words` (Chinese, two characters or more, as
/// normalised: Simplified) stands in, exactly: its character bigrams as a
/// phrase, whatever jieba made of it at ingest.
pub fn passages_holding(index: &ReadoutsIndex, words: &[&str]) -> Result<Vec<u64>> {
    let searcher = index.searcher()?;
    let field = index.fields().text_cjk;
    words
        .iter()
        .map(|word| {
            let grams = bigrams(word);
            let query: Box<dyn Query> = match grams.len() {
                0 => return Ok(0),
                1 => Box::new(TermQuery::new(
                    Term::from_field_text(field, &grams[0]),
                    IndexRecordOption::Basic,
                )),
                _ => Box::new(PhraseQuery::new(
                    grams
                        .iter()
                        .map(|g| Term::from_field_text(field, g))
                        .collect(),
                )),
            };
            let n = searcher
                .search(&query, &Count)
                .map_err(|e| Error::index(&index.path, e))?;
            Ok(n as u64)
        })
        .collect()
}

/// Whether the index holds any Chinese or Japanese text at all (a term in
/// the bigram field): an English index need not load CC-CEDICT's headwords.
pub fn holds_cjk(index: &ReadoutsIndex) -> Result<bool> {
    let searcher = index.searcher()?;
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(index.fields().text_cjk)
            .map_err(|e| Error::index(&index.path, e))?;
        if inverted.terms().num_terms() > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}
