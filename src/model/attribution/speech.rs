//! Reported speech in English readouts: the subjects of reporting verbs
//! (said, stressed, discussed…), coordinated ("Mr. Finer and the High
//! Commissioner discussed"), both parties of a meeting ("X met with Y",
//! "X spoke with Y"), groups as the participants, titles and short names
//! resolved within the statement ("Mr. Finer" is Jon Finer, "the High
//! Commissioner" is Filippo Grandi), one form per person.

use super::mentions::{words, Mention, What, Word};
use super::reported::Context;
use super::Attribution;

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
        let title_words = words(context.title);
        let title_mentions = self.mentions(context.title, &title_words);
        let title = (title_words, title_mentions);
        let st = self.statement_facts(&parsed, &title, context);
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
        title: &(Vec<Word>, Vec<Mention>),
        context: &Context,
    ) -> Statement {
        let mut st = Statement {
            full_names: Vec::new(),
            titles: Vec::new(),
            participants: Vec::new(),
        };
        for (k, (_, mentions)) in parsed.iter().chain([title]).enumerate() {
            let in_title = k == parsed.len();
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
                // A title's capitals run into its names ("Journalist and
                // Activist Masih Alinejad"): a paragraph's form wins.
                let shorter = |f: &Vec<String>| f.len() < n.len() && n.ends_with(f);
                if in_title && st.full_names.iter().any(shorter) {
                    continue;
                }
                if n.len() >= 2 && !st.full_names.contains(&n) {
                    st.full_names.push(n);
                }
            }
        }
        for (_, mentions) in parsed.iter().chain([title]) {
            for m in mentions {
                if let Some(name) = self.name_of(&m.what, &st) {
                    if !m.title.is_empty() {
                        st.titles.push((name, m.title.clone()));
                    }
                }
            }
        }
        st.participants = self.participants_en(parsed, &st, context);
        if st.participants.len() < 2 {
            let from_title = self.title_parties(title, &st, context);
            if from_title.len() >= 2 {
                st.participants = from_title;
            }
        }
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
                let office = &self.rules.office[*o];
                let country = office.country.as_deref().unwrap_or(context.country);
                match self.holder(&office.key, country, context.date) {
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

    /// The parties of the call or meeting a title tells: its meeting clause
    /// ("President Vladimir Putin had a telephone conversation with British
    /// Prime Minister Tony Blair"), or the publisher's president and the
    /// persons after "with" ("Telephone conversation with President of Serbia
    /// Tomislav Nikolic", "Meeting with …").
    fn title_parties(
        &self,
        title: &(Vec<Word>, Vec<Mention>),
        st: &Statement,
        context: &Context,
    ) -> Vec<String> {
        let (words, mentions) = title;
        let mut out: Vec<String> = Vec::new();
        let add = |names: Vec<String>, out: &mut Vec<String>| {
            for n in names {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        };
        if let Some(clause) = self
            .clauses(words, mentions)
            .into_iter()
            .find(|c| c.meeting)
        {
            for m in clause.subjects.iter().chain(&clause.objects) {
                if matches!(m.what, What::Known(_) | What::Name(_) | What::Office(..)) {
                    add(self.resolve(m, st, context, None), &mut out);
                }
            }
            return out;
        }
        let with = words.iter().take(4).position(|w| w.core == "with");
        let noun = words.iter().take(3).any(|w| {
            let lower = w.core.to_lowercase();
            self.sets.meeting_nouns_en.contains(&lower) || lower == "meeting"
        });
        let (Some(with), true) = (with, noun) else {
            return out;
        };
        let host = context.principal.map(str::to_string).or_else(|| {
            self.holder("president", context.country, context.date)
                .map(|p| p.name.clone())
        });
        add(host.into_iter().collect(), &mut out);
        for m in self.objects(words, mentions, with) {
            add(self.resolve(&m, st, context, None), &mut out);
        }
        out
    }
}
