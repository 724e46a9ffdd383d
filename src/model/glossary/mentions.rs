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
    /// that a match must stand between word boundaries there).
    patterns: Vec<(usize, bool, bool)>,
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

impl Mentions {
    /// The automaton of these concepts' labels.
    pub fn new<'a>(labels: impl Iterator<Item = (usize, &'a str)>) -> Mentions {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut acronyms = Vec::new();
        for (concept, label) in labels {
            if crate::analysis::acronym::is_acronym(label) {
                acronyms.push((concept, label.to_string()));
                continue;
            }
            let text = canonical(label);
            let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
                continue;
            };
            patterns.push((concept, wordy(first), wordy(last)));
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
        let mut found = acronyms_in(&self.acronyms, text);
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let text = canonical(text);
        for m in automaton.find_overlapping_iter(&text) {
            let (concept, open, close) = self.patterns[m.pattern().as_usize()];
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
}
