//! English Snowball stems, remembered per thread.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Most words a thread remembers the stem of (then it starts afresh).
const STEM_CACHE_WORDS: usize = 65_536;

/// Stem one lower-case word (Snowball English). Words repeat: each thread
/// remembers the stems it made (the Snowball algorithm was an eighth of
/// ingest's time before).
pub fn stem(word: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    type Cache = HashMap<Box<str>, Box<str>, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
    thread_local! {
        static STEMS: RefCell<Cache> = RefCell::new(Cache::default());
    }
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        if let Some(stem) = stems.get(word) {
            return stem.to_string();
        }
        let stem = STEMMER
            .get_or_init(|| Stemmer::create(Algorithm::English))
            .stem(word)
            .into_owned();
        if stems.len() >= STEM_CACHE_WORDS {
            stems.clear();
        }
        stems.insert(word.into(), stem.as_str().into());
        stem
    })
}
