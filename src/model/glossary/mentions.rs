//! Which concepts does a text mention? One Aho–Corasick automaton over every
//! label of the glossary, in a canonical form (normalised, punctuation as
//! spaces), built on first use and kept with the glossary.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::analysis::{is_cjk, normalize};

/// The labels of a glossary as one automaton.
#[derive(Debug)]
pub struct Mentions {
    automaton: Option<AhoCorasick>,
    /// Pattern → (concept position in `Glossary::concepts()`, whether the
    /// label starts and ends with a letter or digit of a word script, so
    /// that a match must stand between word boundaries there, and the texts
    /// it applies to).
    patterns: Vec<(usize, bool, bool, LabelScope)>,
    /// Acronym labels (`US`, `UN`), matched as written, in capitals, as
    /// whole words: `us` is not the United States.
    acronyms: Vec<(usize, String)>,
}

/// A text in the form labels are matched in: normalised (NFKC, lower case,
/// Traditional → Simplified) with every character that is not a letter or a
/// digit turned into one space, so `Russia–Ukraine` is `russia ukraine` and
/// `People's` is `people s`.
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in normalize(text).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A letter or digit of a script with spaces between words.
fn wordy(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Which texts a label applies to, by their language: a label of one
/// language never matches text of another after folding (the Japanese 五輪,
/// folded to 五轮, is not the Chinese "five rounds").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelScope {
    /// Any text.
    Any,
    /// Japanese text only (a label only among a concept's Japanese labels).
    Japanese,
    /// Any text but Japanese (a Chinese label of a concept that has
    /// Japanese labels of its own).
    NotJapanese,
}

impl LabelScope {
    /// Whether a label of this scope applies to text in `lang` (a BCP 47
    /// tag; `None`: unknown, every label applies).
    pub fn applies(self, lang: Option<&str>) -> bool {
        let ja = lang.map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .eq_ignore_ascii_case("ja")
        });
        match (self, ja) {
            (LabelScope::Any, _) | (_, None) => true,
            (LabelScope::Japanese, Some(ja)) => ja,
            (LabelScope::NotJapanese, Some(ja)) => !ja,
        }
    }
}

impl Mentions {
    /// The automaton of these concepts' labels, each applying to any text.
    pub fn new<'a>(labels: impl Iterator<Item = (usize, &'a str)>) -> Mentions {
        Mentions::scoped(labels.map(|(i, l)| (i, l, LabelScope::Any)))
    }

    /// The automaton of these concepts' labels, each with the texts it applies to.
    pub fn scoped<'a>(labels: impl Iterator<Item = (usize, &'a str, LabelScope)>) -> Mentions {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut acronyms = Vec::new();
        for (concept, label, scope) in labels {
            if crate::analysis::acronym::is_acronym(label) {
                acronyms.push((concept, label.to_string()));
                continue;
            }
            let text = canonical(label);
            let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
                continue;
            };
            patterns.push((concept, wordy(first), wordy(last), scope));
            texts.push(text);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .ok();
        Mentions {
            automaton,
            patterns,
            acronyms,
        }
    }

    /// The concepts `text` mentions (positions in `Glossary::concepts()`),
    /// sorted, each once. A label written in a word script matches whole
    /// words only (`America` is not in `American`); a Chinese label matches
    /// anywhere.
    pub fn in_text(&self, text: &str) -> Vec<usize> {
        self.in_text_of(text, None)
    }

    /// Like [`Mentions::in_text`], for a text in `lang`: only the labels that
    /// apply to text of that language ([`LabelScope`]).
    pub fn in_text_of(&self, text: &str, lang: Option<&str>) -> Vec<usize> {
        let mut found = acronyms_in(&self.acronyms, text);
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let text = canonical(text);
        for m in automaton.find_overlapping_iter(&text) {
            let (concept, open, close, scope) = self.patterns[m.pattern().as_usize()];
            if !scope.applies(lang) {
                continue;
            }
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if (open && before.is_some_and(wordy)) || (close && after.is_some_and(wordy)) {
                continue;
            }
            found.push(concept);
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// The concepts whose acronym stands in `text` as written, as a whole word.
fn acronyms_in(acronyms: &[(usize, String)], text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (concept, acronym) in acronyms {
        let whole = text.match_indices(acronym.as_str()).any(|(i, m)| {
            let before = text[..i].chars().next_back();
            let after = text[i + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if whole {
            found.push(*concept);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_whole_words_and_chinese_anywhere() {
        let labels = [
            (0, "America"),
            (1, "Taiwan question"),
            (2, "台湾"),
            (3, "Russia–Ukraine conflict"),
            (4, "People's Republic of China"),
        ];
        let m = Mentions::new(labels.into_iter());
        assert_eq!(m.in_text("American farmers"), Vec::<usize>::new());
        assert_eq!(m.in_text("America, and the TAIWAN  Question."), [0, 1]);
        assert_eq!(m.in_text("在臺灣問題上"), [2]);
        assert_eq!(m.in_text("the Russia-Ukraine conflict"), [3]);
        assert_eq!(m.in_text("the People’s Republic of China"), [4]);
        assert_eq!(canonical("  U.S.–China, "), "u s china");
        let m = Mentions::new([(0, "US"), (1, "United States")].into_iter());
        assert_eq!(m.in_text("the US side"), [0]);
        assert_eq!(m.in_text("join us, USA"), Vec::<usize>::new());
    }

    #[test]
    fn a_label_applies_only_to_text_of_its_language() {
        let labels = [
            (0, "五輪", LabelScope::Japanese),
            (0, "奥运", LabelScope::NotJapanese),
        ];
        let m = Mentions::scoped(labels.into_iter());
        assert!(m.in_text_of("北约连续五轮东扩", Some("zh")).is_empty());
        assert_eq!(m.in_text_of("東京五輪", Some("ja")), [0]);
        assert_eq!(m.in_text_of("北京奥运", Some("zh-Hans")), [0]);
        assert!(m.in_text_of("奥运", Some("ja")).is_empty());
        assert_eq!(m.in_text("五轮"), [0], "no language: every label");
    }
}
