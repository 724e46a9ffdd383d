//! Reported speech: whom each paragraph of a readout reports as speaking — the
//! subject of said, noted, stressed…; 指出、强调、表示… — with groups ("the two
//! leaders", 双方) as both participants, "the President" as the holder of the
//! office in the statement's country on its date, "He added…"/"他说…" as the
//! person just reported, and "I"/"We" as the statement's own speaker.

use chrono::NaiveDate;

use super::{Attribution, Subject};
use crate::analysis::normalize;

/// English words allowed between a subject and its verb.
const ADVERBS_EN: [&str; 22] = [
    "also",
    "further",
    "once",
    "again",
    "then",
    "both",
    "warmly",
    "briefly",
    "had",
    "has",
    "have",
    "repeatedly",
    "firmly",
    "fully",
    "strongly",
    "highly",
    "positively",
    "just",
    "all",
    "each",
    "likewise",
    "later",
];

/// What a statement tells about its readout's context.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The publisher's country (resolves "the President").
    pub country: &'a str,
    /// The statement's date.
    pub date: NaiveDate,
    /// The statement's title (names the parties of a call: "Telephone
    /// conversation with President of Serbia Tomislav Nikolic").
    pub title: &'a str,
    /// The statement's own speaker, as a display name ("I", "We").
    pub principal: Option<&'a str>,
}

/// One subject found in a paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Subject,
}

impl Attribution {
    /// Reported speakers of every paragraph of a readout or statement.
    ///
    /// English statements go through name recognition and subjects
    /// ([`Attribution::reported_en`]); Chinese ones through the persons table.
    pub fn reported(&self, paragraphs: &[String], context: &Context) -> Vec<Vec<String>> {
        let chinese = paragraphs.iter().any(|p| {
            let cjk = p.chars().filter(|c| crate::analysis::is_cjk(*c)).count();
            cjk * 5 > p.chars().filter(|c| c.is_alphabetic()).count().max(1)
        });
        if !chinese {
            return self.reported_en(paragraphs, context);
        }
        let normalized: Vec<String> = paragraphs.iter().map(|p| normalize(p)).collect();
        let mut parties = self.participants(&normalized, context);
        let mut previous: Vec<String> = Vec::new();
        normalized
            .iter()
            .map(|text| {
                // 双方 are the parties of the call or meeting last told.
                let meetings = self.meetings_zh(text);
                if let Some(first) = meetings.first() {
                    parties = first.clone();
                }
                // A meeting's parties first: its subject opens the sentence.
                let mut reported: Vec<String> = Vec::new();
                let said = self.reported_in(text, context, &parties, &previous);
                for name in meetings.into_iter().flatten().chain(said) {
                    if !reported.contains(&name) {
                        reported.push(name);
                    }
                }
                previous = reported.clone();
                reported
            })
            .collect()
    }

    /// Reported speakers of every paragraph, each with the words that made it:
    /// the subject and its verb in English ("Mr. Finer and the High
    /// Commissioner discussed"), the clause that names them in Chinese
    /// (翟隽强调). What `show --json` gives as `reported_by`.
    pub fn reported_by(
        &self,
        paragraphs: &[String],
        context: &Context,
    ) -> Vec<Vec<(String, String)>> {
        let chinese = paragraphs.iter().any(|p| {
            let cjk = p.chars().filter(|c| crate::analysis::is_cjk(*c)).count();
            cjk * 5 > p.chars().filter(|c| c.is_alphabetic()).count().max(1)
        });
        if !chinese {
            return self.reported_en_by(paragraphs, context);
        }
        let reported = self.reported(paragraphs, context);
        paragraphs
            .iter()
            .zip(reported)
            .map(|(text, names)| {
                names
                    .into_iter()
                    .map(|name| {
                        let words = self.clause_naming(text, &name);
                        (name, words)
                    })
                    .collect()
            })
            .collect()
    }

    /// The clause of `text` that names `name` (any of its person's names),
    /// else the paragraph's first clause.
    fn clause_naming(&self, text: &str, name: &str) -> String {
        let forms: Vec<String> = self
            .person(name)
            .map_or_else(|| vec![name.to_string()], |p| p.names.clone());
        let clauses: Vec<&str> = text
            .split(['，', '。', '；', '：', ',', ';'])
            .filter(|c| !c.trim().is_empty())
            .collect();
        clauses
            .iter()
            .find(|c| forms.iter().any(|f| c.contains(f.as_str())))
            .or(clauses.first())
            .map(|c| c.trim().to_string())
            .unwrap_or_default()
    }

    /// The persons a paragraph reports as speaking, in order of first mention.
    fn reported_in(
        &self,
        text: &str,
        context: &Context,
        participants: &[String],
        previous: &[String],
    ) -> Vec<String> {
        let found = self.subjects_in(text);
        let mut out: Vec<String> = Vec::new();
        let push = |names: &[String], out: &mut Vec<String>| {
            for n in names {
                if !out.contains(n) {
                    out.push(n.clone());
                }
            }
        };
        for (i, f) in found.iter().enumerate() {
            if !self.speaks(text, &found, i) {
                continue;
            }
            match f.kind {
                Subject::Person(p) => push(&[self.persons[p].name.clone()], &mut out),
                Subject::Group => push(participants, &mut out),
                Subject::Office(o) => {
                    if let Some(p) = self.office_holder(o, context) {
                        push(&[p], &mut out)
                    }
                }
                // "They…" are the participants; "He…" is the person just reported.
                Subject::Continuation if Self::is_plural(&text[f.start..f.end]) => {
                    push(participants, &mut out)
                }
                Subject::Continuation => {
                    let last = out.last().cloned();
                    match last {
                        Some(last) => push(&[last], &mut out),
                        None => push(previous, &mut out),
                    }
                }
                Subject::FirstPerson => {
                    if let Some(p) = context.principal {
                        push(&[p.to_string()], &mut out)
                    }
                }
            }
        }
        for (_, name) in self.unknown_speakers_zh(text, &found) {
            push(&[name], &mut out);
        }
        out
    }

    /// Subject patterns in a normalised paragraph, whole words for Latin script.
    pub(crate) fn subjects_in(&self, text: &str) -> Vec<Found> {
        self.subjects
            .find_iter(text)
            .filter(|m| {
                let (start, end) = (m.start(), m.end());
                let latin = text[start..end]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic());
                !latin
                    || (!text[..start]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        && !text[end..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric))
            })
            .map(|m| Found {
                start: m.start(),
                end: m.end(),
                kind: self.subject_kinds[m.pattern().as_usize()],
            })
            .collect()
    }

    /// Is subject `i` followed by a reporting verb (directly, after adverbs, or
    /// through "X and Y said")?
    fn speaks(&self, text: &str, found: &[Found], i: usize) -> bool {
        let rest = &text[found[i].end..];
        if rest.starts_with(['’', '\'']) {
            return false;
        }
        if text[found[i].start..found[i].end]
            .chars()
            .next()
            .is_some_and(crate::analysis::is_cjk)
        {
            return self.cjk_verb_follows(rest);
        }
        // "Sullivan, Cho, and Akiba discussed…", "Xi Jinping, general secretary of
        // the CPC Central Committee, said…": a list or an apposition, then the verb,
        // within the sentence.
        let sentence = rest.split(['.', ';', '!', '?']).next().unwrap_or("");
        if sentence.starts_with(',') || sentence.trim_start().starts_with("and ") {
            return sentence
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty())
                .take(12)
                .any(|w| self.sets.verbs_en.contains(w));
        }
        let mut words = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty());
        for _ in 0..4 {
            let Some(word) = words.next() else {
                return false;
            };
            if self.sets.verbs_en.contains(word) {
                return true;
            }
            if !ADVERBS_EN.contains(&word) {
                return false;
            }
        }
        false
    }

    /// "They", 他们: a plural continuation.
    pub(crate) fn is_plural(word: &str) -> bool {
        matches!(word, "they" | "他们" | "她们")
    }

    /// A Chinese verb after titles (主席, 总统) and adverbs (还, 也).
    fn cjk_verb_follows(&self, rest: &str) -> bool {
        let mut rest = rest.trim_start();
        loop {
            rest = self.skip_time_zh(rest);
            let before = rest;
            for word in self.sets.titles.iter().chain(&self.sets.adverbs_zh) {
                if !word.is_ascii() {
                    if let Some(r) = rest.strip_prefix(word.as_str()) {
                        rest = r;
                    }
                }
            }
            if rest == before {
                break;
            }
        }
        if self
            .sets
            .verbs_zh
            .iter()
            .chain(&self.sets.meeting_verbs_zh)
            .any(|v| rest.starts_with(v.as_str()))
        {
            return true;
        }
        // 两国元首还就乌克兰危机交换了意见: a topic phrase, then the verb, in one clause.
        let Some(topic) = ["就", "对", "围绕"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        else {
            return false;
        };
        let clause = topic
            .split(['，', '。', '；', ',', ';'])
            .next()
            .unwrap_or("");
        self.sets
            .verbs_zh
            .iter()
            .any(|v| clause.contains(v.as_str()))
    }

    /// The holder of office phrase `o` for this statement.
    fn office_holder(&self, o: usize, context: &Context) -> Option<String> {
        let office = self.rules.office.get(o)?;
        let country = office.country.as_deref().unwrap_or(context.country);
        self.holder(&office.key, country, context.date)
            .map(|p| p.name.clone())
    }

    /// The participants of the call or meeting: the persons named in the first
    /// paragraph that names two or more, else the first two named at all.
    fn participants(&self, normalized: &[String], context: &Context) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for text in normalized {
            let mut here: Vec<String> = Vec::new();
            for f in self.subjects_in(text) {
                let name = match f.kind {
                    Subject::Person(p) => Some(self.persons[p].name.clone()),
                    Subject::Office(o) => self.office_holder(o, context),
                    _ => None,
                };
                if let Some(name) = name {
                    if !here.contains(&name) {
                        here.push(name.clone());
                    }
                    if !all.contains(&name) {
                        all.push(name);
                    }
                }
            }
            if here.len() >= 2 {
                return here;
            }
        }
        all.truncate(2);
        all
    }
}
