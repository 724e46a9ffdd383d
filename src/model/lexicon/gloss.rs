//! Turning one CC-CEDICT sense (the text between two `/`) into English
//! search labels, carefully: a dictionary gloss is a definition, not a list
//! of names, and a label that is a common English word would flood results.
//!
//! - Parentheses are dropped (`(United Nations) Security Council` →
//!   `Security Council`); the sense is cut where Chinese text or a pinyin
//!   reference starts (`Nansha District of Guangzhou City 廣州市|…`).
//! - Only the first comma- or semicolon-separated part is a label, plus parts
//!   that name the thing another way (`aka Spratly Islands`).
//! - A sense that only points elsewhere (`see 西沙群島|西沙群岛[…]`, `abbr.
//!   for …`, `variant of …`) gives no label of its own: it is a reference, and
//!   the entry takes the labels of the entry it names.
//! - Classifiers (`CL:`), surnames, `lit.`/`fig.` readings, pronunciations
//!   and verbs (`to …`) give none.
//! - One word is a label only when it is a proper name (the entry's pinyin is
//!   capitalised and so is the word: `Wuhan`), an acronym (`NATO`, matched
//!   in capitals only), or the whole sense of an entry of three or more
//!   characters (`unilateralism` for 单边主义); the one-word glosses of
//!   everyday two-character words (安全 `safe`) are left out.
//! - Weak labels: a person's surname (`Pelosi` from `Nancy Pelosi (1940-)`)
//!   and a place's name without its head word when it is the pinyin of the
//!   headword (`Diaoyu` from `Diaoyu Islands` for 钓鱼岛). The lexicon keeps a
//!   weak label only when one entry has it.

/// A label taken from a sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossLabel {
    /// The English text.
    pub text: String,
    /// A surname or a name without its head word (kept only when unique).
    pub weak: bool,
}

/// What a sense says: labels, or a reference to another headword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sense {
    /// English labels (possibly none).
    Labels(Vec<GlossLabel>),
    /// `see X`, `abbr. for X`, `variant of X`, `also written X`: the
    /// simplified headword named.
    Refers(String),
}

const REFERENCES: [&str; 6] = [
    "see ",
    "abbr. for ",
    "variant of ",
    "also written ",
    "same as ",
    "abbr. of ",
];
const SKIPPED: [&str; 12] = [
    "CL:",
    "surname ",
    "old variant of",
    "lit.",
    "fig.",
    "used in ",
    "also pr.",
    "Taiwan pr.",
    "pr. ",
    "(Tw)",
    "erhua variant",
    "to ",
];
const CONNECTORS: [&str; 5] = ["of", "and", "the", "for", "de"];
const HEADS: [&str; 12] = [
    "Islands",
    "Island",
    "Province",
    "County",
    "District",
    "City",
    "River",
    "Mountains",
    "Mountain",
    "Lake",
    "Strait",
    "Prefecture",
];

/// The labels of one sense of an entry written `chars` characters long with
/// `pinyin` (as in the file: `Nan2 sha1`).
pub fn sense(text: &str, pinyin: &str, chars: usize) -> Sense {
    let text = text.trim();
    for prefix in REFERENCES {
        if let Some(rest) = text.strip_prefix(prefix) {
            return match referenced_headword(rest) {
                Some(h) => Sense::Refers(h),
                None => Sense::Labels(Vec::new()),
            };
        }
    }
    if SKIPPED.iter().any(|p| text.starts_with(p)) {
        return Sense::Labels(Vec::new());
    }
    let proper = pinyin.chars().any(|c| c.is_ascii_uppercase());
    let person = is_person(text);
    let cleaned = cut_at_chinese(&strip_parentheses(text));
    let mut parts = cleaned.split([',', ';']).map(str::trim);
    let mut candidates: Vec<String> = parts.next().map(|s| s.to_string()).into_iter().collect();
    for part in parts {
        for alias in ["aka ", "also called ", "also known as ", "or "] {
            if let Some(rest) = part.strip_prefix(alias) {
                candidates.push(rest.to_string());
            }
        }
    }
    let whole_sense = candidates.len() == 1 && !cleaned.contains([',', ';']);
    let mut out: Vec<GlossLabel> = Vec::new();
    for candidate in candidates {
        let Some(label) = label(&candidate, proper, chars, whole_sense) else {
            continue;
        };
        for weak in weak_labels(&label, pinyin, person) {
            push(&mut out, weak, true);
        }
        push(&mut out, label, false);
    }
    Sense::Labels(out)
}

fn push(out: &mut Vec<GlossLabel>, text: String, weak: bool) {
    if !out.iter().any(|l| l.text == text) {
        out.push(GlossLabel { text, weak });
    }
}

/// Whether a sense describes something (a comma, a Chinese reference or
/// many words beside its name) rather than being a bare synonym (`USA`).
pub fn descriptive(text: &str) -> bool {
    let stripped = strip_parentheses(text);
    stripped.contains([',', ';'])
        || stripped.chars().any(crate::analysis::is_cjk)
        || stripped.split_whitespace().count() > 5
}

/// `X|Y[pin1 yin1]` or `Y[pin1 yin1]` → `Y` (the simplified form).
fn referenced_headword(rest: &str) -> Option<String> {
    let head: String = rest
        .chars()
        .take_while(|c| !matches!(c, '[' | ' ' | ',' | ';' | ')' | '('))
        .collect();
    let simplified = head.rsplit('|').next().unwrap_or("");
    (!simplified.is_empty() && simplified.chars().any(crate::analysis::is_cjk))
        .then(|| simplified.to_string())
}

/// A person's entry names a life span: `(1940-)`, `(1961-)`, `(c. 1900-1980)`.
fn is_person(text: &str) -> bool {
    text.match_indices('(').any(|(i, _)| {
        let inside = text[i + 1..].trim_start_matches("c. ");
        let digits = inside.chars().take_while(char::is_ascii_digit).count();
        (3..=4).contains(&digits) && inside[digits..].starts_with('-')
    })
}

fn strip_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text before the first Chinese character or pinyin bracket.
fn cut_at_chinese(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|&(_, c)| c == '[' || c == '|' || crate::analysis::is_cjk(c))
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim().to_string()
}

/// A candidate part as a label, or none.
fn label(candidate: &str, proper: bool, chars: usize, whole_sense: bool) -> Option<String> {
    let mut text = candidate.trim().trim_end_matches('.');
    for article in ["the ", "The ", "a ", "an "] {
        if let Some(rest) = text.strip_prefix(article) {
            text = rest;
        }
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.' | '&');
    if text.is_empty() || !text.chars().all(allowed) || !text.chars().any(char::is_alphabetic) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words
        .iter()
        .any(|w| matches!(*w, "sb" | "sth" | "etc" | "one's"))
    {
        return None;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if words.len() == 1 {
        let w = words[0];
        let acronym = crate::analysis::acronym::is_acronym(w);
        let name = proper && capital(w) && w.chars().count() >= 3;
        let term = chars >= 3 && whole_sense && w.chars().count() >= 6;
        return (acronym || name || term).then(|| w.to_string());
    }
    if proper && !words.iter().all(|w| capital(w) || CONNECTORS.contains(w)) {
        // `Wuhan city on Changjiang` → `Wuhan`: the leading run of names.
        let mut run: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let joins = CONNECTORS.contains(w)
                && !run.is_empty()
                && words.get(i + 1).is_some_and(|n| capital(n));
            if capital(w) || joins {
                run.push(w);
            } else {
                break;
            }
        }
        return match run.len() {
            0 => None,
            1 => (run[0].chars().count() >= 3).then(|| run[0].to_string()),
            _ => Some(run.join(" ")),
        };
    }
    (words.len() <= 5).then(|| words.join(" "))
}

/// The weak labels of a label: a person's surname; a place's name without
/// its head word when that name is the headword's pinyin (or its start).
fn weak_labels(label: &str, pinyin: &str, person: bool) -> Vec<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    if person {
        out.push(words[words.len() - 1].to_string());
    }
    if HEADS.contains(&words[words.len() - 1]) || words.len() > 2 && words[1] == "District" {
        let name = words[0].to_lowercase();
        let syllables: Vec<String> = pinyin
            .split_whitespace()
            .map(|s| s.trim_end_matches(char::is_numeric).to_lowercase())
            .collect();
        let mut prefix = String::new();
        for s in &syllables {
            prefix.push_str(s);
            if prefix == name && name.len() >= 4 {
                out.push(words[0].to_string());
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, pinyin: &str, chars: usize) -> Vec<(String, bool)> {
        match sense(text, pinyin, chars) {
            Sense::Labels(ls) => ls.into_iter().map(|l| (l.text, l.weak)).collect(),
            Sense::Refers(h) => vec![(format!("-> {h}"), false)],
        }
    }

    fn strong(s: &str) -> (String, bool) {
        (s.to_string(), false)
    }

    fn weak(s: &str) -> (String, bool) {
        (s.to_string(), true)
    }

    // Senses copied from CC-CEDICT (CC BY-SA 4.0), data/cc-cedict/.
    #[test]
    fn names_places_and_organisations_become_labels() {
        assert_eq!(
            labels("Nancy Pelosi (1940-), US Democrat politician from California, speaker of US House of Representatives 2007-2011 and 2019-", "Pei4 luo4 xi1", 3),
            vec![weak("Pelosi"), strong("Nancy Pelosi")]
        );
        assert_eq!(
            labels(
                "Wuhan city on Changjiang, subprovincial city and capital of Hubei province",
                "Wu3 han4",
                2
            ),
            vec![strong("Wuhan")]
        );
        assert_eq!(
            labels("Nansha Islands, aka Spratly Islands", "Nan2 sha1", 2),
            vec![
                weak("Nansha"),
                strong("Nansha Islands"),
                strong("Spratly Islands")
            ]
        );
        assert_eq!(
            labels(
                "Nansha District of Guangzhou City 廣州市|广州市[Guang3 zhou1 Shi4], Guangdong",
                "Nan2 sha1",
                2
            ),
            vec![weak("Nansha"), strong("Nansha District of Guangzhou City")]
        );
        assert_eq!(
            labels("(United Nations) Security Council", "An1 Li3 hui4", 3),
            vec![strong("Security Council")]
        );
        assert_eq!(
            labels("NATO (North Atlantic Treaty Organization) (abbr. for 北大西洋公約組織|北大西洋公约组织[Bei3 Da4 xi1 Yang2 Gong1 yue1 Zu3 zhi1])", "Bei3 yue1", 2),
            vec![strong("NATO")]
        );
        assert_eq!(
            labels("Diaoyu Islands, claimed by China but controlled by Japan as the Senkaku Islands, also called the Pinnacle Islands", "Diao4 yu2 Dao3", 3),
            vec![weak("Diaoyu"), strong("Diaoyu Islands"), strong("Pinnacle Islands")]
        );
    }

    #[test]
    fn references_point_to_their_headword() {
        assert_eq!(
            labels("see 西沙群島|西沙群岛[Xi1 sha1 Qun2 dao3]", "Xi1 sha1", 2),
            vec![("-> 西沙群岛".to_string(), false)]
        );
    }

    #[test]
    fn common_words_classifiers_and_verbs_give_no_label() {
        assert!(labels("safe", "an1 quan2", 2).is_empty());
        assert!(labels("surname Li", "Li3", 1).is_empty());
        assert!(labels("CL:個|个[ge4]", "ge4", 1).is_empty());
        assert!(labels("to sell arms", "shou4", 2).is_empty());
        assert!(labels("Yellow Sea", "Huang2 Hai3", 2) == vec![strong("Yellow Sea")]);
        assert_eq!(
            labels("arms sales", "jun1 shou4", 2),
            vec![strong("arms sales")]
        );
        assert_eq!(
            labels("unilateralism", "dan1 bian1 zhu3 yi4", 4),
            vec![strong("unilateralism")]
        );
    }
}
