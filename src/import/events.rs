//! Event assignment suggested for review (`readouts events suggest`):
//! statements of one call or meeting — the same date, the same two or more
//! participants — grouped, with a proposed event id and the evidence.
//! Nothing is written: the suggestions are for a person to check.
//!
//! A statement's participants are its principal speaker and the persons its
//! paragraphs report as speaking (`model::attribution`, one display name per
//! person in every script, so a Chinese and an English readout name the same
//! persons). Two statements of one date that share at least two
//! participants are of one event; groups are closed under that relation.
//! The proposed id is the event one of them already has (the most common),
//! else `import`'s form: the date, the surnames of the two participants
//! named first, and the meeting word (`call`, `meeting`, `talks`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::kind::meeting_word;
use super::tables::tables;
use super::text::slug;
use crate::model::Statement;

/// One group of statements suggested as one event.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EventSuggestion {
    /// The proposed event id.
    pub event: String,
    /// The statements' date.
    pub date: NaiveDate,
    /// The statements, by id.
    pub statements: Vec<String>,
    /// The participants every statement of the group names.
    pub participants: Vec<String>,
    /// The events the statements have now, by statement (those without one
    /// left out).
    pub current: BTreeMap<String, String>,
    /// Why: one line per fact used.
    pub evidence: Vec<String>,
}

/// What the inference keeps of a statement.
struct Seen {
    id: String,
    date: NaiveDate,
    event: Option<String>,
    /// In the order first named.
    persons: Vec<String>,
    word: &'static str,
    /// The title and first two paragraphs' words (Latin and other word
    /// scripts), lower-cased, for surnames.
    words: Vec<String>,
}

impl Seen {
    fn of(s: &Statement) -> Seen {
        let mut persons: Vec<String> = Vec::new();
        let named = s
            .meta
            .speaker
            .iter()
            .chain(s.passages.iter().flat_map(|p| &p.reported));
        for name in named {
            if !persons.contains(name) {
                persons.push(name.clone());
            }
        }
        let head: Vec<&str> = s.passages.iter().take(2).map(|p| p.text.as_str()).collect();
        let text = format!("{}\n{}", s.meta.title, head.join("\n"));
        Seen {
            id: s.meta.id.clone(),
            date: s.meta.date,
            event: s.meta.event.clone(),
            persons,
            word: meeting_word(&text),
            words: text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect(),
        }
    }

    fn shared(&self, other: &Seen) -> usize {
        self.persons
            .iter()
            .filter(|p| other.persons.contains(p))
            .count()
    }
}

/// The groups of statements that look like one event and are not all
/// assigned to it already, by date then proposed id.
pub fn suggest_events(statements: impl IntoIterator<Item = Statement>) -> Vec<EventSuggestion> {
    let mut by_date: BTreeMap<NaiveDate, Vec<Seen>> = BTreeMap::new();
    for s in statements {
        let seen = Seen::of(&s);
        if seen.persons.len() >= 2 {
            by_date.entry(seen.date).or_default().push(seen);
        }
    }
    let mut out = Vec::new();
    for (_, mut day) in by_date {
        day.sort_by(|a, b| a.id.cmp(&b.id));
        for group in groups(&day) {
            let members: Vec<&Seen> = group.iter().map(|&i| &day[i]).collect();
            if let Some(s) = suggestion(&members) {
                out.push(s);
            }
        }
    }
    out
}

/// The connected groups (two or more) of one day's statements, two linked
/// when they share two participants.
fn groups(day: &[Seen]) -> Vec<Vec<usize>> {
    let mut group: Vec<usize> = (0..day.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for i in 0..day.len() {
        for j in i + 1..day.len() {
            if day[i].shared(&day[j]) >= 2 {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[b] = a;
            }
        }
    }
    let mut found: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..day.len() {
        let r = root(&mut group, i);
        found.entry(r).or_default().push(i);
    }
    found.into_values().filter(|g| g.len() >= 2).collect()
}

/// A group's suggestion, `None` when every statement has that event already.
fn suggestion(members: &[&Seen]) -> Option<EventSuggestion> {
    let first = members[0];
    let participants: Vec<String> = first
        .persons
        .iter()
        .filter(|p| members.iter().all(|m| m.persons.contains(p)))
        .cloned()
        .collect();
    let current: BTreeMap<String, String> = members
        .iter()
        .filter_map(|m| m.event.clone().map(|e| (m.id.clone(), e)))
        .collect();
    let mut evidence = vec![format!("the same date, {}", first.date)];
    if participants.len() >= 2 {
        evidence.push(format!("each names {}", participants.join(" and ")));
    } else {
        evidence.push("each shares two participants with another of the group".into());
    }
    let event = match most_common(current.values()) {
        Some(e) => {
            evidence.push(format!(
                "{e:?} is already the event of {} of them",
                count(&current, &e)
            ));
            e
        }
        None => {
            let (id, why) = proposed_id(members, &participants);
            evidence.push(why);
            id
        }
    };
    if members
        .iter()
        .all(|m| m.event.as_deref() == Some(event.as_str()))
    {
        return None;
    }
    Some(EventSuggestion {
        event,
        date: first.date,
        statements: members.iter().map(|m| m.id.clone()).collect(),
        participants,
        current,
        evidence,
    })
}

fn count(current: &BTreeMap<String, String>, event: &str) -> usize {
    current.values().filter(|e| *e == event).count()
}

fn most_common<'a>(events: impl Iterator<Item = &'a String>) -> Option<String> {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for e in events {
        *counts.entry(e).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(e, _)| e.clone())
}

/// `import`'s event id: date, two surnames, meeting word.
fn proposed_id(members: &[&Seen], participants: &[String]) -> (String, String) {
    let date = members[0].date.format("%Y-%m-%d");
    let word = members
        .iter()
        .map(|m| m.word)
        .find(|w| *w != "talks")
        .unwrap_or("talks");
    let names: Vec<String> = participants
        .iter()
        .take(2)
        .map(|p| surname(p, members))
        .collect();
    let id = std::iter::once(date.to_string())
        .chain(names)
        .chain(std::iter::once(word.to_string()))
        .collect::<Vec<_>>()
        .join("-");
    let why = format!(
        "no statement of the group has an event: the date, the surnames of the first two \
         participants (the word of each name the statements use most) and \"{word}\" (as \
         `import` names an event)"
    );
    (id, why)
}

/// A person's surname as a slug: the word of the name the statements'
/// titles and first paragraphs use most ("President Xi", "Prime Minister
/// Takaichi"); when none is used, the first word of a two-word name whose
/// first word is a Chinese surname (Xi Jinping), else the last word.
fn surname(name: &str, members: &[&Seen]) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let uses = |w: &str| -> usize {
        members
            .iter()
            .map(|m| m.words.iter().filter(|x| **x == w.to_lowercase()).count())
            .sum()
    };
    let most = words.iter().map(|w| (uses(w), *w)).max_by_key(|(n, _)| *n);
    let surnames = &tables().names.chinese_surnames;
    let word = match (most, words.as_slice()) {
        (Some((n, w)), _) if n > 0 && words.iter().filter(|x| uses(x) == n).count() == 1 => w,
        (_, [first, _]) if surnames.iter().any(|s| s == first) => first,
        (_, [.., last]) => last,
        (_, []) => name,
    };
    slug(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SEED: [(&str, &str); 6] = [
        (
            "cnbc.md",
            include_str!("../../fixtures/cnbc-2025-11-bessent-interview.md"),
        ),
        (
            "kantei.md",
            include_str!("../../fixtures/kantei-2025-11-25-takaichi-press-conference.md"),
        ),
        (
            "mofa.md",
            include_str!("../../fixtures/mofa-2025-11-25-japan-us-summit-telephone-talk.md"),
        ),
        (
            "us.md",
            include_str!("../../fixtures/us-2025-11-24-trump-post.md"),
        ),
        (
            "en.md",
            include_str!("../../fixtures/xinhua-2025-11-24-xi-trump-call-en.md"),
        ),
        (
            "zh.md",
            include_str!("../../fixtures/xinhua-2025-11-24-xi-trump-call-zh.md"),
        ),
    ];

    /// The seed's real statements, their `event` lines taken out unless `keep`.
    fn seed(keep: &[&str]) -> Vec<Statement> {
        SEED.iter()
            .map(|(name, text)| {
                let text: String = text
                    .lines()
                    .filter(|l| keep.contains(name) || !l.starts_with("event = "))
                    .map(|l| format!("{l}\n"))
                    .collect();
                crate::formats::statement_file::parse(Path::new(name), &text).unwrap()
            })
            .collect()
    }

    #[test]
    fn statements_of_one_call_are_grouped_with_the_evidence() {
        let found = suggest_events(seed(&[]));
        let groups: Vec<(&str, Vec<&str>)> = found
            .iter()
            .map(|s| {
                let ids = s.statements.iter().map(String::as_str).collect();
                (s.event.as_str(), ids)
            })
            .collect();
        assert_eq!(
            groups,
            [
                (
                    "2025-11-24-trump-xi-call",
                    vec![
                        "us-2025-11-24-trump-post",
                        "xinhua-2025-11-24-xi-trump-call-en",
                        "xinhua-2025-11-24-xi-trump-call-zh"
                    ]
                ),
                (
                    "2025-11-25-takaichi-trump-call",
                    vec![
                        "kantei-2025-11-25-takaichi-press-conference",
                        "mofa-2025-11-25-japan-us-summit-telephone-talk"
                    ]
                ),
            ]
        );
        assert_eq!(found[0].participants, ["Donald Trump", "Xi Jinping"]);
        assert_eq!(found[0].evidence[0], "the same date, 2025-11-24");
        assert_eq!(
            found[0].evidence[1],
            "each names Donald Trump and Xi Jinping"
        );
    }

    #[test]
    fn an_event_one_of_them_has_is_proposed_and_an_assigned_group_left_out() {
        let found = suggest_events(seed(&["en.md"]));
        assert_eq!(found[0].event, "2025-11-24-xi-trump-call");
        assert_eq!(
            found[0].current.keys().collect::<Vec<_>>(),
            ["xinhua-2025-11-24-xi-trump-call-en"]
        );
        assert!(
            found[0].evidence[2].contains("already the event of 1"),
            "{:?}",
            found[0].evidence
        );
        let found = suggest_events(seed(&["en.md", "zh.md", "us.md"]));
        assert_eq!(found.len(), 1, "the assigned group is left out: {found:?}");
        assert_eq!(found[0].date.to_string(), "2025-11-25");
    }
}
