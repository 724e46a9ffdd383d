//! The shape of a turn label and of a transcript's paragraphs: what the text
//! itself says about who speaks, where no list knows the label — numbering and
//! brackets around a label, an outlet's name, a question mark, an answer's
//! opening, a question "raised after the press conference".

use super::Attribution;
use crate::analysis::{is_cjk, normalize};

/// Closing quotes and brackets looked through at the end of a paragraph.
const CLOSERS: &[char] = &[
    ')', '）', '"', '”', '’', '\'', '」', '』', '】', ']', '》', '〉', ' ', '\u{a0}',
];

/// Chinese numerals that number a list item (`二、问：`).
const ZH_NUMERALS: &str = "一二三四五六七八九十百";

/// A label without its opening bracket (`（记者` → `记者`).
pub(crate) fn without_bracket(label: &str) -> &str {
    label.trim_start_matches(['（', '(', '【', '[']).trim()
}

/// A label without list numbering before it (`二、问` → `问`, `3. Q` → `Q`,
/// `（一）问` → `问`).
pub(crate) fn without_numbering(label: &str) -> &str {
    let label = label.trim();
    let numbered = |c: char| c.is_ascii_digit() || ZH_NUMERALS.contains(c);
    // （一）, (2)
    if let Some(rest) = label.strip_prefix(['（', '(']) {
        let n = rest.chars().take_while(|&c| numbered(c)).count();
        if n > 0 {
            let after: String = rest.chars().skip(n).take(1).collect();
            if after == "）" || after == ")" {
                let skip: usize = rest.chars().take(n + 1).map(char::len_utf8).sum();
                return rest[skip..].trim();
            }
        }
    }
    let n = label.chars().take_while(|&c| numbered(c)).count();
    if n == 0 {
        return label;
    }
    let digits: usize = label.chars().take(n).map(char::len_utf8).sum();
    let rest = &label[digits..];
    match rest.chars().next() {
        Some(c @ ('、' | '.' | '．' | ')' | '）')) => rest[c.len_utf8()..].trim(),
        _ => label,
    }
}

/// Sentence punctuation, quotes and brackets never stand in a label; digits
/// only inside a name (`CCTV4`, `法兰西24电视台`), never on their own
/// (`As of 24`, `At 10`) or at its start.
pub(crate) fn has_forbidden(label: &str) -> bool {
    if label
        .chars()
        .any(|c| "，。；;,?？!！\"“”()（）[]【】…:：".contains(c))
    {
        return true;
    }
    let mut previous: Option<char> = None;
    for c in label.chars() {
        let digit = c.is_ascii_digit() || c.is_numeric();
        let after_digit = previous.is_some_and(|p| p.is_ascii_digit() || p.is_numeric());
        if digit && !after_digit && !previous.is_some_and(char::is_alphabetic) {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// Does a paragraph end with a question mark (closing quotes aside)?
pub(crate) fn ends_with_question(text: &str) -> bool {
    text.trim_end_matches(CLOSERS)
        .chars()
        .next_back()
        .is_some_and(|c| c == '?' || c == '？')
}

/// Lower-case words that stand inside a name or an outlet's name.
pub(crate) const NAME_PARTICLES: [&str; 14] = [
    "de", "van", "von", "der", "bin", "al", "da", "du", "la", "le", "of", "and", "for", "&",
];

/// A run of 1–6 capitalised words (particles aside), letters, digits after a
/// letter, hyphens and apostrophes: the shape of a name or an outlet.
pub(crate) fn is_name_run(written: &[&str]) -> bool {
    !written.is_empty()
        && written.len() <= 6
        && written
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphanumeric() || "-'’&".contains(c)))
        && written.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                || (i > 0 && NAME_PARTICLES.contains(w))
        })
}

/// How strongly a paragraph after a question is the spokesperson's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// It opens like an answer ("We have noted…", 我们注意到…) or answers the
    /// one who asked ("you", 你).
    Strong,
    /// Only the question before it ends with a question mark.
    Weak,
}

/// What an unlabelled paragraph of a transcript opens, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opens {
    /// A journalist's question ("After the press conference, the following
    /// question was raised…", 会后有记者问及…).
    Question,
    /// The spokesperson's answer to one (会后，就…所提问题，毛宁表示).
    Answer,
}

impl Attribution {
    /// Is this (normalised) label the name of an outlet rather than of a
    /// person: "The Globe and Mail", an acronym (`CRI`, `KBS`, `CCTV4`), a
    /// name with a newsroom word ("Associated Press of Pakistan"), 半岛电视台?
    pub(crate) fn is_outlet_shape(&self, key: &str, written: &str) -> bool {
        if key.chars().any(is_cjk) {
            let chars = key.chars().count();
            return (3..=16).contains(&chars)
                && key.chars().all(|c| is_cjk(c) || c.is_alphanumeric())
                && self
                    .sets
                    .outlet_endings_zh
                    .iter()
                    .any(|e| key.ends_with(e.as_str()));
        }
        let words: Vec<&str> = written.split_whitespace().collect();
        if !is_name_run(&words) {
            return false;
        }
        let acronym = words.len() == 1
            && (2..=8).contains(&words[0].chars().count())
            && words[0]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && words[0].chars().filter(char::is_ascii_uppercase).count() >= 2;
        let article = words.len() >= 2 && words[0] == "The";
        acronym
            || article
            || key
                .split_whitespace()
                .any(|w| self.sets.outlet_words.contains(w))
    }

    /// The person before a reporting verb in a Chinese label (`耿爽表示` →
    /// Geng Shuang), as a display name.
    pub(crate) fn name_before_verb(&self, key: &str) -> Option<String> {
        if !key.chars().all(is_cjk) {
            return None;
        }
        let stem = self
            .sets
            .verbs_zh
            .iter()
            .map(String::as_str)
            .chain(["答"])
            .find_map(|v| key.strip_suffix(v))?;
        if stem.is_empty() {
            return None;
        }
        if let Some(p) = self.person(stem) {
            return Some(p.name.clone());
        }
        let bare = self.strip_titles(stem);
        self.is_zh_name(bare).then(|| bare.to_string())
    }

    /// 2–4 Han characters beginning with a common surname.
    pub(crate) fn is_zh_name(&self, key: &str) -> bool {
        let chars = key.chars().count();
        (2..=4).contains(&chars)
            && key.chars().all(is_cjk)
            && self
                .sets
                .surnames_zh
                .iter()
                .any(|s| key.starts_with(s.as_str()))
    }

    /// A paragraph raised or answered after the press conference: answered
    /// when its first sentence (clause) has the spokesperson (a person, the
    /// word spokesperson, 发言人) and a verb of answering, else asked when it
    /// speaks of a question.
    pub(crate) fn after_conference(&self, paragraph: &str) -> Option<Opens> {
        let key = normalize(paragraph);
        let key = key.trim_start();
        let r = &self.rules.turns;
        let names_someone = |clause: &str| {
            clause.contains("spokesperson")
                || clause.contains("发言人")
                || self.subjects.find_iter(clause).any(|m| {
                    matches!(
                        self.subject_kinds[m.pattern().as_usize()],
                        super::Subject::Person(_)
                    )
                })
        };
        let (clause, answered, asked) = if r.after_en.iter().any(|p| key.starts_with(&normalize(p)))
        {
            let clause = key.split(['.', '?', ':']).next().unwrap_or("");
            let answered = clause
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| r.answered_en.iter().any(|a| a == w));
            (
                clause,
                answered,
                clause.contains("question") || clause.contains("asked"),
            )
        } else if r.after_zh.iter().any(|p| key.starts_with(p.as_str())) {
            let clause = key.split(['。', '：', ':', '？', '?']).next().unwrap_or("");
            let answered = ["表示", "回答", "答问", "应询", "指出", "强调", "说"]
                .iter()
                .any(|v| clause.contains(v));
            (clause, answered, clause.contains('问'))
        } else {
            return None;
        };
        if answered && names_someone(clause) {
            Some(Opens::Answer)
        } else if asked {
            Some(Opens::Question)
        } else {
            None
        }
    }

    /// Does an unlabelled paragraph after a question answer it: the question
    /// ends with a question mark and this paragraph does not, or this
    /// paragraph opens the way answers open ("We have noted…", 我们注意到…)?
    pub(crate) fn answers_question(&self, question: &str, paragraph: &str) -> Option<Evidence> {
        if ends_with_question(paragraph) {
            return None;
        }
        let key = normalize(paragraph);
        let opens = self
            .rules
            .turns
            .answer_openings
            .iter()
            .any(|o| key.starts_with(&normalize(o)));
        if opens {
            return Some(Evidence::Strong);
        }
        if !ends_with_question(question) {
            return None;
        }
        // A question mark alone is weak evidence; the answer speaking to the
        // one who asked ("you", 你) is more.
        let second_person = key
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| matches!(w, "you" | "your" | "you're" | "you've"))
            || key.contains('你')
            || key.contains('您');
        Some(if second_person {
            Evidence::Strong
        } else {
            Evidence::Weak
        })
    }

    /// The spokesperson a transcript's title names ("Foreign Ministry
    /// Spokesperson Mao Ning's Regular Press Conference", 外交部发言人毛宁主持例行
    /// 记者会), as a display name.
    pub fn principal_from_title(&self, title: &str) -> Option<String> {
        let key = normalize(title);
        let person_at = |text: &str, at_start: bool| {
            self.subjects.find_iter(text).find_map(|m| {
                let super::Subject::Person(p) = self.subject_kinds[m.pattern().as_usize()] else {
                    return None;
                };
                let spokesperson = self.persons[p]
                    .offices
                    .iter()
                    .any(|(o, ..)| o.ends_with("spokesperson") || o == "press-secretary");
                (if at_start {
                    m.start() == 0
                } else {
                    spokesperson
                })
                .then_some(p)
            })
        };
        if let Some(p) = person_at(&key, false) {
            return Some(self.persons[p].name.clone());
        }
        for word in ["spokesperson ", "spokesman ", "spokeswoman ", "发言人"] {
            if let Some(p) = key
                .find(word)
                .and_then(|at| person_at(&key[at + word.len()..], true))
            {
                return Some(self.persons[p].name.clone());
            }
        }
        // An unknown name: "Spokesperson Jane Doe's", 发言人某某主持/答记者问.
        for title_word in ["Spokesperson ", "Spokesman ", "Spokeswoman "] {
            let Some(at) = title.find(title_word) else {
                continue;
            };
            let words: Vec<&str> = title[at + title_word.len()..]
                .split_whitespace()
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .take(4)
                .collect();
            let joined = words.join(" ");
            let name = joined.split(['’', '\'']).next().unwrap_or("").trim();
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
        let after = key.split("发言人").nth(1)?;
        let name: String = after.chars().take_while(|c| is_cjk(*c)).collect::<String>();
        let name = ["主持", "答记者问", "就", "在", "应约"]
            .iter()
            .find_map(|end| name.find(end).map(|i| &name[..i]))
            .unwrap_or(&name);
        self.is_zh_name(name).then(|| name.to_string())
    }
}
