//! Reported speech in English readouts: the subjects of reporting verbs
//! (said, stressed, discussed…), coordinated ("Mr. Finer and the High
//! Commissioner discussed"), both parties of a meeting ("X met with Y",
//! "X spoke with Y"), groups as the participants, titles and short names
//! resolved within the statement ("Mr. Finer" is Jon Finer, "the High
//! Commissioner" is Filippo Grandi), one form per person.

use super::mentions::{words, Mention, What, Word};
use super::reported::Context;
use super::Attribution;

/// One clause's report: its subjects and, after a meeting verb, its objects.
struct Clause {
    subjects: Vec<Mention>,
    objects: Vec<Mention>,
    meeting: bool,
    /// The verb's word.
    verb: usize,
}

/// What a statement tells about the persons it names.
struct Statement {
    /// Every name of two words or more, as written.
    full_names: Vec<Vec<String>>,
    /// Each person's display name with the titles written with them.
    titles: Vec<(String, String)>,
    participants: Vec<String>,
}

impl Attribution {
    /// Reported speakers of every paragraph of an English statement.
    pub(crate) fn reported_en(&self, paragraphs: &[String], context: &Context) -> Vec<Vec<String>> {
        self.reported_en_by(paragraphs, context)
            .into_iter()
            .map(|p| p.into_iter().map(|(name, _)| name).collect())
            .collect()
    }

    /// Reported speakers of every paragraph of an English statement, each
    /// with the words that made it ("Mr. Finer and the High Commissioner
    /// discussed").
    pub(crate) fn reported_en_by(
        &self,
        paragraphs: &[String],
        context: &Context,
    ) -> Vec<Vec<(String, String)>> {
        let parsed: Vec<(Vec<Word>, Vec<Mention>)> = paragraphs
            .iter()
            .map(|p| {
                let w = words(p);
                let m = self.mentions(p, &w);
                (w, m)
            })
            .collect();
        let st = self.statement_facts(&parsed, context);
        let mut last: Option<String> = None;
        parsed
            .iter()
            .zip(paragraphs)
            .map(|((words, mentions), text)| {
                let mut out: Vec<(String, String)> = Vec::new();
                for clause in self.clauses(words, mentions) {
                    let all = clause.subjects.iter().chain(&clause.objects);
                    for (k, m) in all.enumerate() {
                        let names = self.resolve(m, &st, context, last.as_deref());
                        let subject = k < clause.subjects.len();
                        if subject && names.len() == 1 {
                            last = names.first().cloned();
                        }
                        let (from, to) = if subject {
                            (clause.subjects[0].first, clause.verb)
                        } else {
                            (clause.verb, m.last)
                        };
                        let words = &text[words[from].start..words[to.max(from)].end];
                        for n in names {
                            if !out.iter().any(|(o, _)| *o == n) {
                                out.push((n, words.to_string()));
                            }
                        }
                    }
                }
                out
            })
            .collect()
    }

    /// The names, titles and meeting parties of a statement.
    fn statement_facts(
        &self,
        parsed: &[(Vec<Word>, Vec<Mention>)],
        context: &Context,
    ) -> Statement {
        let mut st = Statement {
            full_names: Vec::new(),
            titles: Vec::new(),
            participants: Vec::new(),
        };
        for (_, mentions) in parsed {
            for m in mentions {
                let n: Vec<String> = match &m.what {
                    What::Name(n) => n.clone(),
                    What::Known(p) => self.persons[*p]
                        .name
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                    _ => continue,
                };
                if n.len() >= 2 && !st.full_names.contains(&n) {
                    st.full_names.push(n);
                }
            }
        }
        for (_, mentions) in parsed {
            for m in mentions {
                if let Some(name) = self.name_of(&m.what, &st) {
                    if !m.title.is_empty() {
                        st.titles.push((name, m.title.clone()));
                    }
                }
            }
        }
        st.participants = self.participants_en(parsed, &st, context);
        st
    }

    /// The display name of a person mention: a known person's, else the
    /// fullest form of the name the statement writes.
    fn name_of(&self, what: &What, st: &Statement) -> Option<String> {
        match what {
            What::Known(p) => Some(self.persons[*p].name.clone()),
            What::Name(n) => {
                let full = st
                    .full_names
                    .iter()
                    .find(|f| f.len() > n.len() && (f.ends_with(n) || f.starts_with(n)));
                let form = full.unwrap_or(n).join(" ");
                Some(self.person(&form).map_or(form, |p| p.name.clone()))
            }
            _ => None,
        }
    }

    /// The persons a subject or object mention stands for.
    fn resolve(
        &self,
        m: &Mention,
        st: &Statement,
        context: &Context,
        last: Option<&str>,
    ) -> Vec<String> {
        match &m.what {
            What::Name(n) if n.len() == 1 => {
                let form = self.name_of(&m.what, st);
                let single = form.as_deref().is_some_and(|f| !f.contains(' '));
                match single.then(|| self.known_by_title(&n[0], &m.title, context)) {
                    Some(Some(known)) => vec![known],
                    _ => form.into_iter().collect(),
                }
            }
            What::Known(_) | What::Name(_) => self.name_of(&m.what, st).into_iter().collect(),
            What::Group(phrase) if phrase.contains("two") && st.participants.len() > 2 => {
                vec![
                    st.participants[0].clone(),
                    st.participants[st.participants.len() - 1].clone(),
                ]
            }
            What::Group(_) | What::Pronoun(true) => st.participants.clone(),
            // "He" with no one reported before: the statement's first party.
            What::Pronoun(false) => last
                .map(str::to_string)
                .or_else(|| st.participants.first().cloned())
                .into_iter()
                .collect(),
            What::First => context.principal.map(str::to_string).into_iter().collect(),
            What::Office(o, phrase) => {
                let key = &self.rules.office[*o].key;
                match self.holder(key, context.country, context.date) {
                    Some(p) => vec![p.name.clone()],
                    None => Self::titled(st, phrase.trim_start_matches("the ")),
                }
            }
            What::Title(words) => Self::titled(st, words),
        }
    }

    /// "President Moon" on 2021-05-21: the one person of the persons table
    /// with that word in their name who held the titled office that day.
    fn known_by_title(&self, word: &str, title: &str, context: &Context) -> Option<String> {
        let words: Vec<&str> = title.split_whitespace().collect();
        let office = words[words.len().saturating_sub(2)..].join("-");
        let held = |p: &super::Person| {
            p.offices.iter().any(|(o, _, from, until)| {
                (*o == office || words.last() == Some(&o.as_str()))
                    && *from <= context.date
                    && until.is_none_or(|u| context.date < u)
            })
        };
        let mut found = self
            .persons
            .iter()
            .filter(|p| p.name.split_whitespace().any(|w| w == word) && held(p));
        match (found.next(), found.next()) {
            (Some(p), None) => Some(p.name.clone()),
            _ => None,
        }
    }

    /// The person the statement gave this title ("high commissioner").
    fn titled(st: &Statement, title: &str) -> Vec<String> {
        if title.is_empty() {
            return Vec::new();
        }
        st.titles
            .iter()
            .find(|(_, t)| t.contains(title))
            .map(|(n, _)| vec![n.clone()])
            .unwrap_or_default()
    }

    /// The parties of the statement's first meeting ("X met with Y"), else
    /// the first two persons it names.
    fn participants_en(
        &self,
        parsed: &[(Vec<Word>, Vec<Mention>)],
        st: &Statement,
        context: &Context,
    ) -> Vec<String> {
        let mut named: Vec<String> = Vec::new();
        for (words, mentions) in parsed {
            for clause in self.clauses(words, mentions) {
                if !clause.meeting {
                    continue;
                }
                let mut out: Vec<String> = Vec::new();
                for m in clause.subjects.iter().chain(&clause.objects) {
                    if matches!(m.what, What::Group(_) | What::Pronoun(_) | What::Title(_)) {
                        continue;
                    }
                    for n in self.resolve(m, st, context, None) {
                        if !out.contains(&n) {
                            out.push(n);
                        }
                    }
                }
                if !out.is_empty() {
                    return out;
                }
            }
            for m in mentions {
                if let Some(n) = self.name_of(&m.what, st) {
                    if !named.contains(&n) {
                        named.push(n);
                    }
                }
            }
        }
        named.truncate(2);
        named
    }

    /// The reports of a paragraph: one per clause that opens with subjects
    /// and a reporting or meeting verb.
    fn clauses(&self, words: &[Word], mentions: &[Mention]) -> Vec<Clause> {
        let mut starts = vec![0];
        for (i, w) in words.iter().enumerate() {
            if w.stop && i + 1 < words.len() {
                starts.push(i + 1);
            } else if w.comma && words.get(i + 1).is_some_and(|n| n.core == "and") {
                starts.push(i + 2);
            }
        }
        starts
            .into_iter()
            .filter_map(|s| self.clause_at(words, mentions, s))
            .collect()
    }

    /// Subjects from word `start` to a verb, and a meeting's objects.
    fn clause_at(&self, words: &[Word], mentions: &[Mention], start: usize) -> Option<Clause> {
        let names = &self.rules.names;
        let at = |i: usize| mentions.iter().find(|m| m.first <= i && i <= m.last);
        let mut i = self.after_intro(words, mentions, start)?;
        let mut subjects: Vec<Mention> = Vec::new();
        // "Assistant to the President and … Jon Finer met": a title's own
        // "to the President" is no subject.
        let mut in_title = false;
        while i < words.len() && i < start + 40 {
            let lower = words[i].core.to_lowercase();
            if let Some(m) = at(i) {
                if m.possessive || words[m.last].colon || words[m.last].stop {
                    return None;
                }
                let part_of_title = matches!(m.what, What::Office(..) | What::Title(_));
                if !(in_title && part_of_title) {
                    subjects.push(m.clone());
                }
                in_title = false;
                i = m.last + 1;
                continue;
            }
            let titles_only =
                !subjects.is_empty() && subjects.iter().all(|m| matches!(m.what, What::Title(_)));
            if titles_only && matches!(lower.as_str(), "to" | "of" | "for") {
                in_title = true;
                i += 1;
                continue;
            }
            let meeting = names.meeting_verbs_en.contains(&lower);
            if meeting || self.sets.verbs_en.contains(&lower) {
                if subjects.is_empty() {
                    return None;
                }
                let objects = if meeting {
                    self.objects(words, mentions, i + 1)
                } else {
                    Vec::new()
                };
                return Some(Clause {
                    subjects,
                    objects,
                    meeting,
                    verb: i,
                });
            }
            let had = i > 0 && matches!(words[i - 1].core, "had" | "has" | "have" | "held");
            if had && !subjects.is_empty() {
                if let Some(with) = self.meeting_noun(words, i) {
                    let objects = self.objects(words, mentions, with);
                    return Some(Clause {
                        subjects,
                        objects,
                        meeting: true,
                        verb: with.saturating_sub(1).max(i),
                    });
                }
            }
            let filler = names.fillers_en.contains(&lower) || words[i].core.is_empty();
            if !(filler
                || self
                    .rules
                    .names
                    .titles_en
                    .iter()
                    .any(|t| t == words[i].core))
                || words[i].stop
            {
                return None;
            }
            i += 1;
        }
        None
    }

    /// Where a clause's subject starts: after an introductory phrase up to its
    /// first comma ("During the meeting, …"); `None` when the phrase runs to
    /// the end of the sentence.
    fn after_intro(&self, words: &[Word], mentions: &[Mention], start: usize) -> Option<usize> {
        let names = &self.rules.names;
        let at = |i: usize| mentions.iter().find(|m| m.first <= i && i <= m.last);
        let mut i = start;
        if i < words.len()
            && at(i).is_none()
            && names.intro_words_en.iter().any(|w| w == words[i].core)
        {
            if let Some(c) = (i..words.len().min(i + 25)).find(|&k| words[k].comma || words[k].stop)
            {
                if words[c].stop {
                    return None;
                }
                i = c + 1;
            }
        }
        Some(i)
    }

    /// "a very good telephone call with", "talks with": the word after "with"
    /// when a meeting noun stands within six words of `i`, before "with".
    fn meeting_noun(&self, words: &[Word], i: usize) -> Option<usize> {
        let nouns = &self.rules.names.meeting_nouns_en;
        let end = words.len().min(i + 7);
        let with = (i..end).find(|&k| words[k].core == "with")?;
        let stopped = words[i..with].iter().any(|w| w.stop);
        let noun = words[i..with]
            .iter()
            .any(|w| nouns.contains(&w.core.to_lowercase()));
        (noun && !stopped).then_some(with)
    }

    /// The persons a meeting verb at `from` takes: "with" within a few words,
    /// then names up to a stop word or the end of the sentence.
    fn objects(&self, words: &[Word], mentions: &[Mention], from: usize) -> Vec<Mention> {
        let stops = &self.rules.names.object_stops_en;
        let mut i = (from..words.len().min(from + 7))
            .find(|&k| words[k].core == "with")
            .map_or(from, |k| k + 1);
        let mut out = Vec::new();
        while i < words.len() {
            let w = words[i].core;
            let next_lower = words
                .get(i + 1)
                .is_some_and(|n| n.core.chars().next().is_some_and(char::is_lowercase));
            let article = words
                .get(i + 1)
                .is_some_and(|n| matches!(n.core, "the" | "a" | "an" | "his" | "her"));
            if stops.iter().any(|s| s == w) && (w != "to" || (next_lower && !article)) {
                break;
            }
            if let Some(m) = mentions.iter().find(|m| m.first == i) {
                if matches!(m.what, What::Known(_) | What::Name(_)) && !m.possessive {
                    out.push(m.clone());
                }
                if words[m.last].stop {
                    break;
                }
                i = m.last + 1;
                continue;
            }
            if words[i].stop {
                break;
            }
            i += 1;
        }
        out
    }
}
