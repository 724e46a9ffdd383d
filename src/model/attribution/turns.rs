//! Speaker turns: a short, name-like label ending in a colon at the start of a
//! paragraph opens a turn — a person, a role, an outlet's reporter, `Q`/`A`,
//! `问`/`答`, `追问`/`Follow-up` — never a clause, a sentence, a number or a time.

use super::{Attribution, Role};
use crate::analysis::{is_cjk, normalize};

/// The longest label read, in characters.
const MAX_LABEL_CHARS: usize = 40;
/// The most words of an English name label.
const MAX_NAME_WORDS: usize = 5;

/// What a label says about the turn it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A journalist's question (`Q`, `问`).
    Question,
    /// The statement's speaker answers (`A`, `答`).
    Answer,
    /// The previous questioner again (`追问`, `Follow-up`).
    FollowUp,
    /// An asking role or an outlet, shown as written (`Reuters`, `路透社记者`).
    Asking(String),
    /// A person or a name: the display name.
    Name(String),
}

/// The label as written at the start of a paragraph (before its first colon),
/// if the paragraph has one in its first characters.
pub fn label_text(paragraph: &str) -> Option<&str> {
    let (colon, _) = paragraph
        .char_indices()
        .take(MAX_LABEL_CHARS + 1)
        .find(|(_, c)| *c == ':' || *c == '：')?;
    let label = paragraph[..colon].trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    (!label.is_empty()).then_some(label)
}

/// Sentence punctuation, digits and quotes never stand in a label.
fn has_forbidden(label: &str) -> bool {
    label.chars().any(|c| {
        c.is_ascii_digit() || c.is_numeric() || "，。；;,?？!！\"“”()（）[]【】…:：".contains(c)
    })
}

/// Lower-case words inside names ("Ursula von der Leyen").
const NAME_PARTICLES: [&str; 10] = [
    "de", "van", "von", "der", "bin", "al", "da", "du", "la", "le",
];

/// Words that begin sentences, not names ("Our position is very clear:").
const SENTENCE_STARTS: [&str; 48] = [
    "our",
    "the",
    "this",
    "that",
    "these",
    "those",
    "as",
    "at",
    "in",
    "on",
    "for",
    "first",
    "second",
    "third",
    "finally",
    "to",
    "we",
    "it",
    "there",
    "let",
    "please",
    "today",
    "also",
    "however",
    "meanwhile",
    "regarding",
    "note",
    "yes",
    "no",
    "and",
    "but",
    "so",
    "well",
    "thank",
    "now",
    "here",
    "again",
    "moreover",
    "besides",
    "last",
    "next",
    "my",
    "i",
    "what",
    "why",
    "how",
    "when",
    "if",
];

impl Attribution {
    /// Classify a label; `None` when it is not a turn label.
    pub fn classify_label(&self, label: &str) -> Option<Label> {
        let key = normalize(label).replace('\u{a0}', " ");
        let key = key.trim();
        let s = &self.sets;
        if s.question.contains(key) {
            return Some(Label::Question);
        }
        if s.answer.contains(key) {
            return Some(Label::Answer);
        }
        if s.follow_up.contains(key) {
            return Some(Label::FollowUp);
        }
        if has_forbidden(label) {
            return None;
        }
        let written = clean(label);
        if s.asking_roles.contains(key) || s.outlets.contains(key) || self.is_reporters(key) {
            return Some(Label::Asking(written));
        }
        if let Some(person) = self.person(key) {
            return Some(Label::Name(person.name.clone()));
        }
        self.name_like(key, &written)
            .then(|| Label::Name(self.strip_written(&written)))
    }

    /// `路透社记者`, `《环球时报》记者`, `AFP reporter`, and several joined by `、`.
    fn is_reporters(&self, key: &str) -> bool {
        let one = |part: &str| {
            let part = part.trim();
            self.sets.outlets.contains(part)
                || self.sets.asking_roles.contains(part)
                || self.sets.reporter_suffixes.iter().any(|suffix| {
                    part.strip_suffix(suffix.as_str()).is_some_and(|outlet| {
                        let outlet = outlet.trim();
                        !outlet.is_empty()
                            && outlet.chars().count() <= 24
                            && !outlet.contains(['我', '你', '他', '就', '所', '的'])
                    })
                })
        };
        key.split(['、', '/', '&']).all(one) && !key.is_empty()
    }

    /// A name that is not in the persons table: an English run of 1–5
    /// capitalised words that is not a sentence opening, or 2–4 Han
    /// characters beginning with a common surname (after titles).
    fn name_like(&self, key: &str, written: &str) -> bool {
        let key = self.strip_titles(key);
        if key.chars().any(is_cjk) {
            let chars = key.chars().count();
            return (2..=4).contains(&chars)
                && key.chars().all(is_cjk)
                && self
                    .sets
                    .surnames_zh
                    .iter()
                    .any(|s| key.starts_with(s.as_str()));
        }
        let words: Vec<&str> = key.split_whitespace().collect();
        let written_words: Vec<&str> = written.split_whitespace().collect();
        let skip = written_words.len().saturating_sub(words.len());
        !words.is_empty()
            && words.len() <= MAX_NAME_WORDS
            && !SENTENCE_STARTS.contains(&words[0])
            && words
                .iter()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c)))
            && written_words[skip..].iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w)
            })
    }

    /// A written label without honorifics or titles, in its original case.
    fn strip_written(&self, written: &str) -> String {
        let key = normalize(written);
        let rest = self.strip_titles(&key);
        let skip = key.chars().count() - rest.chars().count();
        let name: String = written.chars().skip(skip).collect();
        let name = name.trim();
        // ALL-CAPS surnames (MS. LEAVITT) read as names.
        if name.chars().any(char::is_lowercase) || !name.is_ascii() {
            name.to_string()
        } else {
            name.split_whitespace()
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| {
                        f.to_uppercase()
                            .chain(c.flat_map(char::to_lowercase))
                            .collect()
                    })
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// A label as shown: trimmed, non-breaking spaces as spaces.
fn clean(label: &str) -> String {
    label
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The turn of each paragraph of a transcript: speaker, role and label as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Turn {
    /// Who speaks.
    pub speaker: Option<String>,
    /// What they do.
    pub role: Option<Role>,
    /// The label as written, on the paragraph that opens the turn.
    pub label: Option<String>,
}

/// Assign turns to the paragraphs of a transcript whose principal speaker
/// (the spokesperson, the interviewee) is `principal` (a display name).
pub fn assign(
    attribution: &Attribution,
    paragraphs: &[String],
    principal: Option<&str>,
) -> Vec<Turn> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut current: Option<(String, Role)> = principal.map(|p| (p.to_string(), Role::Speaks));
    let mut last_asker: Option<String> = None;
    for paragraph in paragraphs {
        let opened = label_text(paragraph).and_then(|written| {
            attribution
                .classify_label(written)
                .map(|kind| (written, kind))
        });
        let Some((written, kind)) = opened else {
            out.push(Turn {
                speaker: current.as_ref().map(|(s, _)| s.clone()),
                role: current.as_ref().map(|(_, r)| *r),
                label: None,
            });
            continue;
        };
        let previous_role = current.as_ref().map(|(_, r)| *r);
        let after_question = previous_role == Some(Role::Asks);
        let (speaker, role) = match kind {
            Label::Question => ("Journalist".to_string(), Role::Asks),
            Label::FollowUp => (
                last_asker.clone().unwrap_or_else(|| "Journalist".into()),
                Role::Asks,
            ),
            Label::Asking(who) => (who, Role::Asks),
            Label::Answer => (principal.unwrap_or("Answer").to_string(), Role::Answers),
            Label::Name(name) => {
                let role = if after_question
                    || (last_asker.is_some() && Some(name.as_str()) == principal)
                {
                    Role::Answers
                } else {
                    Role::Speaks
                };
                (name, role)
            }
        };
        if role == Role::Asks {
            last_asker = Some(speaker.clone());
        }
        current = Some((speaker.clone(), role));
        out.push(Turn {
            speaker: Some(speaker),
            role: Some(role),
            label: Some(clean(written)),
        });
    }
    out
}
