//! The index's vocabulary: the Chinese words it holds that contain a given
//! label (for `readouts glossary check`).

use aho_corasick::AhoCorasick;

use crate::analysis::is_cjk;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// Chinese words of the index's word field that contain one of `labels` and
/// are longer than it.
pub fn cjk_words_containing(index: &ReadoutsIndex, labels: &[String]) -> Result<Vec<String>> {
    let labels: Vec<&String> = labels.iter().filter(|l| l.chars().all(is_cjk)).collect();
    if labels.is_empty() {
        return Ok(Vec::new());
    }
    let automaton = AhoCorasick::new(&labels).map_err(|e| Error::Usage(e.to_string()))?;
    let searcher = index.searcher()?;
    let mut out = Vec::new();
    // A word is in every segment's dictionary: keep it once.
    let mut seen = std::collections::HashSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(index.fields().text)
            .map_err(|e| Error::index(&index.path, e))?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| Error::index(&index.path, e.into()))?;
        while terms.advance() {
            let Ok(word) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let longer = automaton
                .find_iter(word)
                .any(|m| m.end() - m.start() < word.len());
            if longer && word.chars().all(is_cjk) && seen.insert(word.to_string()) {
                out.push(word.to_string());
            }
        }
    }
    Ok(out)
}
