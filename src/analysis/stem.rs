//! Which analysis a statement's words get, decided by its language, and
//! stemming by script within it.
//!
//! A word's script picks its stemmer: a Cyrillic word is stemmed with the
//! Russian Snowball algorithm, a Latin word with English (or, in a statement
//! whose `lang` is another Snowball language, with that language's), a word
//! of any other script is only lower-cased. CJK runs never come here (jieba
//! words and bigrams). A statement in a language the project cannot analyse
//! gets [`Analysis::Plain`]: lower-cased words, no stemming at all.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// How the words of a statement are analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Analysis {
    /// Latin words stemmed with English, Cyrillic with Russian: English,
    /// Chinese, Japanese and Russian statements (and queries).
    Default,
    /// Latin words stemmed with this Snowball language, Cyrillic with Russian.
    Snowball(Latin),
    /// Lower-cased words, no stemming: a language the project cannot analyse.
    Plain,
}

/// The Latin-script Snowball languages other than English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Latin {
    Danish,
    Dutch,
    Finnish,
    French,
    German,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Spanish,
    Swedish,
    Turkish,
}

/// Language subtags analysed by [`Analysis::Default`].
pub const DEFAULT_LANGS: [&str; 4] = ["en", "zh", "ja", "ru"];

const LATIN: [(&str, Latin); 14] = [
    ("da", Latin::Danish),
    ("nl", Latin::Dutch),
    ("fi", Latin::Finnish),
    ("fr", Latin::French),
    ("de", Latin::German),
    ("hu", Latin::Hungarian),
    ("it", Latin::Italian),
    ("no", Latin::Norwegian),
    ("nb", Latin::Norwegian),
    ("pt", Latin::Portuguese),
    ("ro", Latin::Romanian),
    ("es", Latin::Spanish),
    ("sv", Latin::Swedish),
    ("tr", Latin::Turkish),
];

impl Analysis {
    /// The analysis of a statement in language `lang` (a BCP 47 tag; its
    /// primary subtag decides, case-insensitively). An empty tag is English.
    pub fn for_lang(lang: &str) -> Analysis {
        let primary = lang.split(['-', '_']).next().unwrap_or("").trim();
        let primary = primary.to_ascii_lowercase();
        if primary.is_empty() || DEFAULT_LANGS.contains(&primary.as_str()) {
            return Analysis::Default;
        }
        LATIN
            .iter()
            .find(|(code, _)| *code == primary)
            .map_or(Analysis::Plain, |(_, l)| Analysis::Snowball(*l))
    }

    /// A short code, stable across versions (it is written into the index
    /// with each passage analysed otherwise than by default).
    pub fn code(self) -> &'static str {
        match self {
            Analysis::Default => "en",
            Analysis::Plain => "plain",
            Analysis::Snowball(l) => LATIN
                .iter()
                .find(|(_, x)| *x == l)
                .map_or("plain", |(code, _)| code),
        }
    }

    /// The analysis a [`Analysis::code`] names.
    pub fn from_code(code: &str) -> Option<Analysis> {
        match code {
            "en" => Some(Analysis::Default),
            "plain" => Some(Analysis::Plain),
            _ => LATIN
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, l)| Analysis::Snowball(*l)),
        }
    }

    fn slot(self) -> usize {
        match self {
            Analysis::Default => 0,
            Analysis::Plain => 1,
            Analysis::Snowball(l) => 2 + l as usize,
        }
    }
}

fn algorithm(latin: Latin) -> Algorithm {
    match latin {
        Latin::Danish => Algorithm::Danish,
        Latin::Dutch => Algorithm::Dutch,
        Latin::Finnish => Algorithm::Finnish,
        Latin::French => Algorithm::French,
        Latin::German => Algorithm::German,
        Latin::Hungarian => Algorithm::Hungarian,
        Latin::Italian => Algorithm::Italian,
        Latin::Norwegian => Algorithm::Norwegian,
        Latin::Portuguese => Algorithm::Portuguese,
        Latin::Romanian => Algorithm::Romanian,
        Latin::Spanish => Algorithm::Spanish,
        Latin::Swedish => Algorithm::Swedish,
        Latin::Turkish => Algorithm::Turkish,
    }
}

/// Is this word Cyrillic (any Cyrillic letter in it)?
fn is_cyrillic(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}'))
}

/// Is this word in the Latin script (every letter Latin)? Digits alone count.
fn is_latin(word: &str) -> bool {
    word.chars().all(|c| {
        !c.is_alphabetic()
            || c.is_ascii()
            || matches!(super::script::script(c), Some(super::script::Script::Latin))
    })
}

fn stemmer(wanted: Algorithm) -> &'static Stemmer {
    static STEMMERS: OnceLock<Vec<(Algorithm, Stemmer)>> = OnceLock::new();
    let all = STEMMERS.get_or_init(|| {
        let mut v = vec![
            (Algorithm::English, Stemmer::create(Algorithm::English)),
            (Algorithm::Russian, Stemmer::create(Algorithm::Russian)),
        ];
        for (_, l) in LATIN {
            v.push((algorithm(l), Stemmer::create(algorithm(l))));
        }
        v
    });
    &all.iter()
        .find(|(a, _)| *a == wanted)
        .expect("every algorithm used is created")
        .1
}

/// A protected English word: one the stemmer must not fold into a word of
/// another meaning, kept whole (only a plural `s` dropped). The doctrines
/// and -isms: English Snowball stems *unilateralism* and *unilateral* alike
/// (`unilater`), *multilateralism* and *multilateral*, *terrorism* and
/// *terror*; a researcher counting the doctrine means the word. Like
/// Lucene's KeywordMarker: protected words skip the stemmer.
pub fn protected(word: &str) -> Option<&str> {
    let singular = word
        .strip_suffix("isms")
        .map_or(word, |w| &word[..w.len() + 3]);
    (singular.len() >= 6 && singular.ends_with("ism") && singular.is_ascii()).then_some(singular)
}

/// The stem of a word under an analysis, uncached.
fn stem_uncached(analysis: Analysis, word: &str) -> String {
    let algorithm = match analysis {
        Analysis::Plain => return word.to_string(),
        _ if is_cyrillic(word) => Algorithm::Russian,
        _ if !is_latin(word) => return word.to_string(),
        Analysis::Default => match protected(word) {
            Some(whole) => return whole.to_string(),
            None => Algorithm::English,
        },
        Analysis::Snowball(l) => algorithm(l),
    };
    stemmer(algorithm).stem(word).into_owned()
}

/// Most words a thread remembers the stem of, per analysis (then it starts afresh).
const STEM_CACHE_WORDS: usize = 65_536;

/// Stem one lower-case word under the default analysis (Latin: English
/// Snowball; Cyrillic: Russian Snowball; other scripts as they are).
pub fn stem(word: &str) -> String {
    stem_with(Analysis::Default, word)
}

/// Stem one lower-case word under `analysis`. Words repeat: each thread
/// remembers the stems it made (the Snowball algorithm was an eighth of
/// ingest's time before).
pub fn stem_with(analysis: Analysis, word: &str) -> String {
    type Cache = HashMap<Box<str>, Box<str>, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
    thread_local! {
        static STEMS: RefCell<Vec<Cache>> = const { RefCell::new(Vec::new()) };
    }
    STEMS.with(|caches| {
        let mut caches = caches.borrow_mut();
        let slot = analysis.slot();
        if caches.len() <= slot {
            caches.resize_with(slot + 1, Cache::default);
        }
        let stems = &mut caches[slot];
        if let Some(stem) = stems.get(word) {
            return stem.to_string();
        }
        let stem = stem_uncached(analysis, word);
        if stems.len() >= STEM_CACHE_WORDS {
            stems.clear();
        }
        stems.insert(word.into(), stem.as_str().into());
        stem
    })
}

/// The character that opens and closes an analysis mark (a Unicode
/// noncharacter, meant for a program's internal use).
const MARK: char = '\u{FDD0}';

/// The value a word-analysed field is given for a text of `analysis`: the
/// text itself under the default analysis, else the text after a mark naming
/// the analysis (`\u{FDD0}fr\u{FDD0}…`), which the words tokenizer reads and
/// [`unmark`] removes. A text that itself begins with the mark character is
/// always marked, so that reading back is never ambiguous.
pub fn mark(analysis: Analysis, text: &str) -> std::borrow::Cow<'_, str> {
    if analysis == Analysis::Default && !text.starts_with(MARK) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(format!("{MARK}{}{MARK}{text}", analysis.code()))
}

/// The analysis a field value asks for and the text without its mark, with
/// the mark's length in bytes.
pub fn unmark(value: &str) -> (Analysis, &str, usize) {
    let Some(rest) = value.strip_prefix(MARK) else {
        return (Analysis::Default, value, 0);
    };
    let Some((code, text)) = rest.split_once(MARK) else {
        return (Analysis::Default, value, 0);
    };
    match Analysis::from_code(code) {
        Some(a) => (a, text, value.len() - text.len()),
        None => (Analysis::Default, value, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_decides_the_analysis() {
        assert_eq!(Analysis::for_lang("en"), Analysis::Default);
        assert_eq!(Analysis::for_lang("zh-Hant"), Analysis::Default);
        assert_eq!(Analysis::for_lang("ja"), Analysis::Default);
        assert_eq!(Analysis::for_lang("RU"), Analysis::Default);
        assert_eq!(Analysis::for_lang(""), Analysis::Default);
        assert_eq!(
            Analysis::for_lang("fr-CA"),
            Analysis::Snowball(Latin::French)
        );
        assert_eq!(Analysis::for_lang("ar"), Analysis::Plain);
        assert_eq!(Analysis::for_lang("ko"), Analysis::Plain);
        for a in [
            Analysis::Default,
            Analysis::Plain,
            Analysis::Snowball(Latin::German),
        ] {
            assert_eq!(Analysis::from_code(a.code()), Some(a));
        }
    }

    #[test]
    fn marks_round_trip() {
        let fr = Analysis::Snowball(Latin::French);
        for (a, t) in [
            (Analysis::Default, "plain text"),
            (fr, "texte"),
            (Analysis::Plain, ""),
            (Analysis::Default, "\u{FDD0}en\u{FDD0}odd"),
            (fr, "\u{FDD0}"),
        ] {
            let marked = mark(a, t);
            let (back, text, len) = unmark(&marked);
            assert_eq!((back, text), (a, t));
            assert_eq!(&marked[len..], t);
        }
    }

    #[test]
    fn doctrines_are_not_folded_into_their_adjectives() {
        assert_ne!(stem("unilateralism"), stem("unilateral"));
        assert_ne!(stem("unilateralism"), stem("unilaterally"));
        assert_ne!(stem("multilateralism"), stem("multilateral"));
        assert_ne!(stem("terrorism"), stem("terror"));
        assert_eq!(stem("unilateralisms"), stem("unilateralism"));
        assert_eq!(stem("unilateral"), stem("unilaterally"));
        assert_eq!(protected("ism"), None);
        assert_eq!(protected("prism"), None);
    }

    #[test]
    fn script_decides_the_stemmer() {
        assert_eq!(stem("тайваня"), stem("тайвань"));
        assert_eq!(stem("переговоров"), stem("переговоры"));
        assert_eq!(stem("relations"), "relat");
        assert_eq!(stem("ελλάδα"), "ελλάδα");
        let fr = Analysis::Snowball(Latin::French);
        assert_eq!(stem_with(fr, "négociations"), stem_with(fr, "négociation"));
        assert_eq!(stem_with(fr, "тайваня"), stem("тайваня"));
        assert_eq!(stem_with(Analysis::Plain, "relations"), "relations");
    }
}
