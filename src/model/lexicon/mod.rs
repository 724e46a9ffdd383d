//! The open bilingual lexicon beneath the glossary: CC-CEDICT (MDBG,
//! CC BY-SA 4.0, `data/cc-cedict/`), about 122,000 Chinese–English entries
//! covering most persons, places, organisations and terms the hand-curated
//! glossary does not (佩洛西 Nancy Pelosi, 武汉 Wuhan, 军售 arms sales).
//!
//! A query term no glossary concept covers is looked up here, in both
//! directions: an English term by the analysis key of the labels taken from
//! the glosses ([`gloss`] says which parts of a gloss become labels), a
//! Chinese term by its headword. Acronym labels (`NATO`, `EU`, `US`) match
//! only a term written in capitals, so `us` never expands to 美国.
//!
//! An entry can be ambiguous: 南沙 is both the Nansha (Spratly) Islands and
//! a district of Guangzhou. A [`Found`] says so (`ambiguous`), with each
//! sense, so the search can report it.
//!
//! The file is decompressed and compiled on first use only, once per process
//! ([`Lexicon::builtin`]); a search whose terms are all glossary concepts
//! never loads it.

mod gloss;

pub use gloss::{sense, GlossLabel, Sense};

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use crate::analysis::acronym::is_acronym;
use crate::model::glossary::key;

/// CC-CEDICT as published by MDBG (2023-11-07, 122,143 entries), gzipped.
pub const CEDICT_GZ: &[u8] =
    include_bytes!("../../../data/cc-cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz");

/// Where the lexicon's data comes from, for reports (`glossary show`, JSON).
pub const SOURCE: &str = "CC-CEDICT (MDBG, CC BY-SA 4.0)";

/// One dictionary entry: a simplified headword and its English labels by sense.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// The Simplified headword (as written in the file).
    pub simplified: String,
    /// The senses as written (one per `/…/` part), for ambiguity reports.
    pub senses: Vec<String>,
    /// Labels: (sense number, label).
    pub labels: Vec<(usize, GlossLabel)>,
}

/// The whole lexicon with lookups by Chinese and English key.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    by_zh: HashMap<String, Vec<usize>>,
    /// English analysis key → (entry, sense, acronym text if the label is one).
    by_en: HashMap<String, Vec<(usize, usize, Option<String>)>>,
}

/// What a lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The forms to search for in the other language (Chinese headwords for
    /// an English term, English labels for a Chinese one), best first.
    pub forms: Vec<String>,
    /// When the term or a form has more than one meaning: each meaning, as
    /// `headword: sense` (`南沙: Nansha District of Guangzhou City…`).
    pub ambiguous: Vec<String>,
}

impl Lexicon {
    /// The built-in lexicon, decompressed and compiled on first use.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(CEDICT_GZ)
                .read_to_string(&mut text)
                .expect("the shipped CC-CEDICT file is valid gzip UTF-8 (tested)");
            Lexicon::from_text(&text)
        })
    }

    /// A lexicon from CC-CEDICT text (`TRAD SIMP [pin1 yin1] /sense/sense/`
    /// lines; `#` comments and malformed lines are skipped).
    pub fn from_text(text: &str) -> Lexicon {
        let mut lexicon = Lexicon::default();
        let mut refers: Vec<(usize, usize, String)> = Vec::new();
        for line in text.lines() {
            let Some((simplified, pinyin, senses)) = parse_line(line) else {
                continue;
            };
            let chars = simplified.chars().count();
            if chars < 2 {
                continue;
            }
            let index = lexicon.entries.len();
            let mut entry = Entry {
                simplified: simplified.to_string(),
                ..Entry::default()
            };
            let mut refer = Vec::new();
            for (n, text) in senses.iter().enumerate() {
                entry.senses.push(text.to_string());
                match sense(text, pinyin, chars) {
                    Sense::Labels(ls) => entry.labels.extend(ls.into_iter().map(|l| (n, l))),
                    Sense::Refers(h) => refer.push((index, n, h)),
                }
            }
            // Most entries are everyday words whose glosses give no label: an
            // entry with neither labels nor references could never expand.
            if entry.labels.is_empty() && refer.is_empty() {
                continue;
            }
            refers.extend(refer);
            lexicon
                .by_zh
                .entry(key(simplified))
                .or_default()
                .push(index);
            lexicon.entries.push(entry);
        }
        lexicon.resolve(refers);
        lexicon.index_english();
        lexicon
    }

    /// A sense that only points to another headword takes its labels.
    fn resolve(&mut self, refers: Vec<(usize, usize, String)>) {
        for (index, n, headword) in refers {
            let Some(targets) = self.by_zh.get(&key(&headword)) else {
                continue;
            };
            let labels: Vec<GlossLabel> = targets
                .iter()
                .flat_map(|&t| self.entries[t].labels.iter().map(|(_, l)| l.clone()))
                .collect();
            self.entries[index]
                .labels
                .extend(labels.into_iter().map(|l| (n, l)));
        }
    }

    /// Index every label by its analysis key. A weak label that several
    /// entries have is kept only when they also share a full label (钓鱼岛
    /// and 钓鱼台 are both `Diaoyu Islands`, so both are `Diaoyu`; two
    /// persons named Lee are not one).
    fn index_english(&mut self) {
        type Hits = Vec<(usize, usize, Option<String>, bool)>;
        let mut keyed: HashMap<String, Hits> = HashMap::new();
        let mut strong: HashMap<usize, Vec<String>> = HashMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            for (n, label) in &entry.labels {
                let k = key(&label.text);
                if k.is_empty() {
                    continue;
                }
                if !label.weak {
                    strong.entry(i).or_default().push(k.clone());
                }
                let acronym = is_acronym(&label.text).then(|| label.text.clone());
                keyed
                    .entry(k)
                    .or_default()
                    .push((i, *n, acronym, label.weak));
            }
        }
        for (k, mut hits) in keyed {
            let mut entries: Vec<usize> = hits.iter().map(|h| h.0).collect();
            entries.sort_unstable();
            entries.dedup();
            let shared = entries.split_first().is_some_and(|(first, rest)| {
                strong.get(first).is_some_and(|keys| {
                    keys.iter().any(|key| {
                        rest.iter()
                            .all(|e| strong.get(e).is_some_and(|ks| ks.contains(key)))
                    })
                })
            });
            if entries.len() > 1 && !shared {
                hits.retain(|h| !h.3);
            }
            let mut kept: Vec<(usize, usize, Option<String>)> = Vec::new();
            for (i, n, acronym, _) in hits {
                if !kept.iter().any(|(j, m, _)| (*j, *m) == (i, n)) {
                    kept.push((i, n, acronym));
                }
            }
            if !kept.is_empty() {
                self.by_en.insert(k, kept);
            }
        }
    }

    /// Each labelled sense of an entry as `headword: sense`, when two or more
    /// of them describe something (not a bare synonym such as `USA`): the
    /// headword names different things (南沙: the islands, the district).
    fn meanings(&self, i: usize) -> Vec<String> {
        let entry = &self.entries[i];
        let mut senses: Vec<usize> = entry.labels.iter().map(|(n, _)| *n).collect();
        senses.dedup();
        let described = senses
            .iter()
            .filter(|&&n| gloss::descriptive(&entry.senses[n]))
            .count();
        if described < 2 {
            return Vec::new();
        }
        senses
            .into_iter()
            .map(|n| format!("{}: {}", entry.simplified, entry.senses[n]))
            .collect()
    }

    /// Number of entries kept (those with labels or references).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries whose Simplified headword has the analysis key of `text`.
    pub fn entries(&self, text: &str) -> Vec<&Entry> {
        self.by_zh
            .get(&key(text))
            .map(|is| is.iter().map(|&i| &self.entries[i]).collect())
            .unwrap_or_default()
    }

    /// The English forms of a Chinese term (its headword's labels), and its
    /// meanings when it has more than one that gives labels.
    pub fn english_for(&self, term: &str) -> Option<Found> {
        let indices = self.by_zh.get(&key(term))?;
        let mut forms: Vec<String> = Vec::new();
        let mut ambiguous: Vec<String> = Vec::new();
        for &i in indices {
            for (_, label) in &self.entries[i].labels {
                // A weak label another entry shares was not indexed: not a form.
                let kept = self
                    .by_en
                    .get(&key(&label.text))
                    .is_some_and(|hits| hits.iter().any(|h| h.0 == i));
                if kept && !forms.contains(&label.text) {
                    forms.push(label.text.clone());
                }
            }
            ambiguous.extend(self.meanings(i));
        }
        (!forms.is_empty()).then_some(Found { forms, ambiguous })
    }

    /// The Chinese forms of an English term written `term` (headwords one of
    /// whose labels has its analysis key; an acronym label only when written
    /// the same, in capitals), and the other meanings those headwords have.
    pub fn chinese_for(&self, term: &str) -> Option<Found> {
        let hits = self.by_en.get(&key(term))?;
        let written = term.trim();
        let mut forms: Vec<String> = Vec::new();
        let mut matched: Vec<(usize, usize)> = Vec::new();
        for (i, n, acronym) in hits {
            if acronym.as_deref().is_some_and(|a| a != written) {
                continue;
            }
            matched.push((*i, *n));
            let head = &self.entries[*i].simplified;
            if !forms.contains(head) {
                forms.push(head.clone());
            }
        }
        if forms.is_empty() {
            return None;
        }
        // A headword found that names different things in Chinese text.
        let mut ambiguous: Vec<String> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for &(i, _) in &matched {
            if !seen.contains(&i) {
                seen.push(i);
                ambiguous.extend(self.meanings(i));
            }
        }
        Some(Found { forms, ambiguous })
    }
}

/// `TRAD SIMP [pin1 yin1] /a/b/` → (SIMP, pinyin, senses).
/// Every headword of two or more characters in CC-CEDICT, normalised
/// (Simplified), with its senses joined by `/`: whether a string of Chinese
/// characters is a word at all (`中美洲` is; jieba's out-of-vocabulary join
/// `卢拉在` is not), for `glossary check`. Decompressed on first use, apart
/// from [`Lexicon::builtin`] (which keeps only entries with labels).
pub fn headwords() -> &'static HashMap<String, String> {
    static WORDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut text = String::new();
        flate2::read::GzDecoder::new(CEDICT_GZ)
            .read_to_string(&mut text)
            .expect("the shipped CC-CEDICT file is valid gzip UTF-8 (tested)");
        headwords_of(&text)
    })
}

/// The headwords of CC-CEDICT text (see [`headwords`]).
pub fn headwords_of(text: &str) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for (simplified, _, senses) in text.lines().filter_map(parse_line) {
        if simplified.chars().count() < 2 {
            continue;
        }
        let senses = senses.join("/");
        out.entry(crate::analysis::normalize(simplified))
            .and_modify(|s| {
                s.push('/');
                s.push_str(&senses);
            })
            .or_insert(senses);
    }
    out
}

fn parse_line(line: &str) -> Option<(&str, &str, Vec<&str>)> {
    if line.starts_with('#') {
        return None;
    }
    let (heads, rest) = line.split_once(" [")?;
    let (_, simplified) = heads.split_once(' ')?;
    let (pinyin, rest) = rest.split_once("] /")?;
    let senses: Vec<&str> = rest
        .trim_end()
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.trim().is_empty())
        .collect();
    Some((simplified, pinyin, senses))
}

#[cfg(test)]
mod tests;
