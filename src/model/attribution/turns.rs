//! Speaker turns: a short, name-like label ending in a colon at the start of a
//! paragraph opens a turn — a person, a role, an outlet's reporter, `Q`/`A`,
//! `问`/`答`, `追问`/`Follow-up` — never a clause, a sentence, a number or a time.

use super::shape::{self, has_forbidden, is_name_run, Evidence, Opens};
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
    /// Classify a label; `None` when it is not a turn label. Numbering and an
    /// opening bracket before it are looked through (`二、问`, `（记者`).
    pub fn classify_label(&self, label: &str) -> Option<Label> {
        let label = shape::without_numbering(shape::without_bracket(label));
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
        if self.is_outlet_shape(key, &written) {
            return Some(Label::Asking(written));
        }
        if let Some(name) = self.name_before_verb(key) {
            return Some(Label::Name(name));
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
            return self.is_zh_name(key);
        }
        let words: Vec<&str> = key.split_whitespace().collect();
        let written_words: Vec<&str> = written.split_whitespace().collect();
        let skip = written_words.len().saturating_sub(words.len());
        !words.is_empty()
            && words.len() <= MAX_NAME_WORDS
            && !SENTENCE_STARTS.contains(&words[0])
            && !key.chars().any(|c| c.is_ascii_digit())
            && is_name_run(&written_words[skip..])
    }

    /// A written label without honorifics or titles, in its original case.
    fn strip_written(&self, written: &str) -> String {
        let key = normalize(written);
        let rest = self.strip_titles(&key);
        let skip = key.chars().count() - rest.chars().count();
        let name: String = written.chars().skip(skip).collect();
        let name = name.trim();
        // ALL-CAPS surnames after a title (MS. LEAVITT) read as names; other
        // names are kept as written.
        if skip == 0 || name.chars().any(char::is_lowercase) || !name.is_ascii() {
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
    /// The turn was opened on weak evidence: an unlabelled paragraph after a
    /// question is taken as the spokesperson's answer only because the
    /// question ends with a question mark (`speaker_role_uncertain`).
    pub uncertain: bool,
}

/// Who is speaking while turns are assigned.
struct State<'p> {
    principal: Option<&'p str>,
    /// The statement's speaker, else the first person who spoke unasked or
    /// answered: who answers `A`/`答` and unlabelled answers.
    spokesperson: Option<String>,
    current: Option<(Option<String>, Role)>,
    /// The current turn was opened on weak evidence.
    uncertain: bool,
    last_asker: Option<String>,
}

impl State<'_> {
    fn turn(&self, label: Option<String>) -> Turn {
        Turn {
            speaker: self.current.as_ref().and_then(|(s, _)| s.clone()),
            role: self.current.as_ref().map(|(_, r)| *r),
            label,
            uncertain: self.uncertain,
        }
    }

    fn open(&mut self, speaker: Option<String>, role: Role) {
        self.uncertain = false;
        if role == Role::Asks {
            self.last_asker = speaker.clone();
        } else if self.spokesperson.is_none() {
            self.spokesperson = speaker.clone();
        }
        self.current = Some((speaker, role));
    }

    /// The speaker and role a classified label opens, on a paragraph.
    fn opened(&self, kind: Label, paragraph: &str) -> (Option<String>, Role) {
        let after_question = self.current.as_ref().map(|(_, r)| *r) == Some(Role::Asks);
        match kind {
            Label::Question => (Some("Journalist".to_string()), Role::Asks),
            Label::FollowUp => (
                Some(
                    self.last_asker
                        .clone()
                        .unwrap_or_else(|| "Journalist".into()),
                ),
                Role::Asks,
            ),
            Label::Asking(who) => (Some(who), Role::Asks),
            Label::Answer => (self.spokesperson.clone(), Role::Answers),
            Label::Name(name) => {
                let is_spokesperson = self.spokesperson.as_deref() == Some(name.as_str());
                // A named person who asks: not the spokesperson, and their
                // paragraph is a question.
                if self.spokesperson.is_some()
                    && !is_spokesperson
                    && shape::ends_with_question(paragraph)
                {
                    return (Some(name), Role::Asks);
                }
                let answers = after_question
                    || (self.last_asker.is_some() && Some(name.as_str()) == self.principal);
                (
                    Some(name),
                    if answers { Role::Answers } else { Role::Speaks },
                )
            }
        }
    }
}

/// Assign turns to the paragraphs of a transcript whose principal speaker
/// (the spokesperson, the interviewee) is `principal` (a display name).
///
/// A label opens a turn; an unlabelled paragraph continues it, except a
/// question or answer "after the press conference", and the answer to a
/// question (see [`Attribution::answers_question`]), which opens the
/// spokesperson's turn.
pub fn assign(
    attribution: &Attribution,
    paragraphs: &[String],
    principal: Option<&str>,
) -> Vec<Turn> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut state = State {
        principal,
        spokesperson: principal.map(str::to_string),
        current: principal.map(|p| (Some(p.to_string()), Role::Speaks)),
        uncertain: false,
        last_asker: None,
    };
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let opened = label_text(paragraph).and_then(|written| {
            attribution
                .classify_label(written)
                .map(|kind| (written, kind))
        });
        let Some((written, kind)) = opened else {
            let asking = state.current.as_ref().map(|(_, r)| *r) == Some(Role::Asks);
            match attribution.after_conference(paragraph) {
                Some(Opens::Question) => state.open(Some("Journalist".into()), Role::Asks),
                Some(Opens::Answer) => state.open(state.spokesperson.clone(), Role::Answers),
                None if asking && i > 0 => {
                    if let Some(evidence) =
                        attribution.answers_question(&paragraphs[i - 1], paragraph)
                    {
                        state.open(state.spokesperson.clone(), Role::Answers);
                        state.uncertain = evidence == Evidence::Weak;
                    }
                }
                None => {}
            }
            out.push(state.turn(None));
            continue;
        };
        let (speaker, role) = state.opened(kind, paragraph);
        state.open(speaker, role);
        out.push(state.turn(Some(clean(shape::without_bracket(written)))));
    }
    out
}
