//! Property tests: sampled Chinese substrings and English phrases from the
//! fixtures are found in every passage that contains them (compared with a
//! plain substring scan), and every hit really contains them.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use readouts::analysis::{normalize, query_pieces, word_tokens, QueryPiece};
use readouts::index::ReadoutsIndex;
use readouts::ingest::{self, bundled};
use readouts::model::Statement;
use readouts::query::{search, SearchRequest};

struct Corpus {
    _dir: tempfile::TempDir,
    index: ReadoutsIndex,
    passages: Vec<(String, u64, String)>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = ReadoutsIndex::open_or_create(dir.path()).unwrap();
        let statements: Vec<Statement> = bundled::statements()
            .into_iter()
            .map(|s| s.unwrap())
            .collect();
        let passages = statements
            .iter()
            .flat_map(|s| {
                s.passages
                    .iter()
                    .map(|p| (s.meta.id.clone(), p.number, p.text.clone()))
            })
            .collect();
        ingest::ingest_statements(&index, statements.into_iter().map(Ok), &Default::default())
            .unwrap();
        Corpus {
            _dir: dir,
            index,
            passages,
        }
    })
}

fn found(query: &str) -> BTreeSet<(String, u64)> {
    let mut request = SearchRequest::new(query);
    request.limit = 1000;
    request.expand = false;
    search(&corpus().index, &request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.doc_id, h.passage))
        .collect()
}

/// Passages containing `needle` (normalized); with `whole_words`, only where it
/// is not glued to a letter or digit on either side.
fn scan_with(needle: &str, whole_words: bool) -> BTreeSet<(String, u64)> {
    let needle = normalize(needle);
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    corpus()
        .passages
        .iter()
        .filter(|(_, _, text)| {
            let text = normalize(text);
            text.match_indices(&needle).any(|(at, m)| {
                !whole_words
                    || (!glued(text[..at].chars().next_back())
                        && !glued(text[at + m.len()..].chars().next()))
            })
        })
        .map(|(id, n, _)| (id.clone(), *n))
        .collect()
}

fn scan(needle: &str) -> BTreeSet<(String, u64)> {
    scan_with(needle, false)
}

fn chinese_chars() -> Vec<(usize, Vec<char>)> {
    corpus()
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.0.ends_with("-zh"))
        .map(|(i, p)| (i, p.2.chars().collect()))
        .collect()
}

fn english_words() -> Vec<(usize, Vec<&'static str>)> {
    corpus()
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.0.ends_with("-zh"))
        .map(|(i, p)| (i, p.2.split(' ').collect()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_chinese_substring_is_found_exactly(pick in any::<prop::sample::Index>(), start in any::<prop::sample::Index>(), len in 2usize..9) {
        let passages = chinese_chars();
        let (_, chars) = &passages[pick.index(passages.len())];
        let from = start.index(chars.len() - 1);
        let s: String = chars[from..(from + len).min(chars.len())].iter().collect();
        prop_assume!(s.chars().count() >= 2 && s.chars().all(readouts::analysis::is_cjk));
        let expected = scan(&s);
        prop_assert!(!expected.is_empty());
        prop_assert_eq!(found(&s), expected, "query {}", s);
    }

    #[test]
    fn every_english_phrase_is_found(pick in any::<prop::sample::Index>(), start in any::<prop::sample::Index>(), len in 1usize..5) {
        let passages = english_words();
        let (_, words) = &passages[pick.index(passages.len())];
        let from = start.index(words.len());
        let phrase = words[from..(from + len).min(words.len())].join(" ");
        let stems: Vec<String> = query_pieces(&phrase).into_iter().filter_map(|p| match p { QueryPiece::Word(w) => Some(w), QueryPiece::Cjk(_) => None }).collect();
        prop_assume!(!stems.is_empty());
        let query = format!("\"{}\"", phrase.replace('"', " "));
        let hits = found(&query);
        // Recall: every passage containing the phrase is found (case-insensitive, any case).
        for expected in scan_with(&phrase, true) {
            prop_assert!(hits.contains(&expected), "{:?} missing for {}", expected, query);
        }
        // Precision: every hit has the stems in sequence.
        for (id, n) in &hits {
            let text = &corpus().passages.iter().find(|p| &p.0 == id && p.1 == *n).unwrap().2;
            let tokens: Vec<String> = word_tokens(&normalize(text)).into_iter().map(|t| t.text).collect();
            prop_assert!(tokens.windows(stems.len()).any(|w| w == stems.as_slice()), "{} in {}", query, text);
        }
    }
}

#[test]
fn upper_case_and_full_width_queries_match_alike() {
    assert_eq!(found("TAIWAN"), found("taiwan"));
    assert_eq!(found("ＴＡＩＷＡＮ"), found("taiwan"));
    assert_eq!(
        found("台 湾"),
        found("台").intersection(&found("湾")).cloned().collect()
    );
}
