//! Who said it: speaker turns in transcripts (who speaks a paragraph, asking,
//! answering or speaking) and reported speech in readouts (whom a paragraph
//! reports as speaking), with one name per person.
//!
//! The words are data (`index-schema/attribution.toml`, `index-schema/persons.toml`),
//! loaded once and validated with located errors; users add persons with their own
//! files ([`Attribution::with_person_files`], installed for a run by [`install`]).

pub(crate) mod clauses;
pub(crate) mod mentions;
pub mod reported;
pub(crate) mod shape;
pub(crate) mod speech;
pub mod tables;
pub mod turns;
pub(crate) mod zh;
mod zh_meeting;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::normalize;
use crate::error::{Error, Result};
use tables::{PersonsFile, RulesFile};

/// What a turn's speaker does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Asks a question (a journalist, an interviewer).
    Asks,
    /// Answers one (the spokesperson, the interviewee).
    Answers,
    /// Speaks without being asked (opening announcements, statements).
    Speaks,
}

impl Role {
    /// `asks`, `answers` or `speaks`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Asks => "asks",
            Role::Answers => "answers",
            Role::Speaks => "speaks",
        }
    }

    /// The role named by `text`, if any.
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "asks" => Some(Role::Asks),
            "answers" => Some(Role::Answers),
            "speaks" => Some(Role::Speaks),
            _ => None,
        }
    }
}

/// One person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Unique slug.
    pub id: String,
    /// Display name: the one value stored and shown for this person.
    pub name: String,
    /// Every name a statement uses for this person, as written.
    pub names: Vec<String>,
    /// Country.
    pub country: String,
    /// Offices: key, country, first day, day ended.
    pub offices: Vec<(String, String, NaiveDate, Option<NaiveDate>)>,
}

/// What a subject pattern in a readout stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    Person(usize),
    Group,
    Office(usize),
    Continuation,
    FirstPerson,
}

/// The compiled attribution tables.
pub struct Attribution {
    pub(crate) rules: RulesFile,
    pub(crate) persons: Vec<Person>,
    by_name: HashMap<String, usize>,
    pub(crate) sets: Sets,
    pub(crate) subjects: AhoCorasick,
    pub(crate) subject_kinds: Vec<Subject>,
}

/// Normalised lookup sets of the rules.
pub(crate) struct Sets {
    pub question: HashSet<String>,
    pub answer: HashSet<String>,
    pub follow_up: HashSet<String>,
    pub asking_roles: HashSet<String>,
    pub outlets: HashSet<String>,
    pub verbs_en: HashSet<String>,
    /// Longest first.
    pub verbs_zh: Vec<String>,
    pub adverbs_zh: Vec<String>,
    /// Longest first.
    pub meeting_verbs_zh: Vec<String>,
    /// Longest first.
    pub time_words_zh: Vec<String>,
    pub not_names_zh: Vec<String>,
    /// Longest first.
    pub titles: Vec<String>,
    pub honorifics: Vec<String>,
    pub reporter_suffixes: Vec<String>,
    pub surnames_zh: Vec<String>,
    pub outlet_words: HashSet<String>,
    /// Longest first.
    pub outlet_endings_zh: Vec<String>,
    pub titles_en: HashSet<String>,
    pub name_titles_en: HashSet<String>,
    pub particles_en: HashSet<String>,
    pub not_names_en: HashSet<String>,
    pub meeting_verbs_en: HashSet<String>,
    pub fillers_en: HashSet<String>,
    pub intro_words_en: HashSet<String>,
    pub object_stops_en: HashSet<String>,
    pub meeting_nouns_en: HashSet<String>,
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter().map(|s| normalize(s)).collect()
}

/// A case-sensitive lookup set (English name words).
fn exact(list: &[String]) -> HashSet<String> {
    list.iter().cloned().collect()
}

fn longest_first(list: &[String]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| normalize(s)).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
}

static BUILTIN: OnceLock<Attribution> = OnceLock::new();
static INSTALLED: OnceLock<Attribution> = OnceLock::new();

/// Use the shipped tables plus `files` (user persons) for this process: what
/// [`current`] returns from now on. Call it once, before reading statements.
pub fn install(files: &[PathBuf]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let loaded = Attribution::with_person_files(files)?;
    let _ = INSTALLED.set(loaded);
    Ok(())
}

/// The tables in use: the installed ones, else the shipped ones.
pub fn current() -> &'static Attribution {
    INSTALLED.get().unwrap_or_else(Attribution::builtin)
}

impl Attribution {
    /// The shipped tables.
    pub fn builtin() -> &'static Attribution {
        BUILTIN.get_or_init(|| {
            Attribution::from_texts(
                tables::ATTRIBUTION_TOML,
                &[(Path::new("index-schema/persons.toml"), tables::PERSONS_TOML)],
            )
            .expect("the shipped attribution tables are valid (tested)")
        })
    }

    /// The shipped tables plus persons from user files.
    pub fn with_person_files(files: &[PathBuf]) -> Result<Attribution> {
        let texts = files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(f).map_err(|e| Error::io(f, e))?;
                Ok((f.as_path(), crate::encoding::decode(f, &bytes)?))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut all: Vec<(&Path, &str)> =
            vec![(Path::new("index-schema/persons.toml"), tables::PERSONS_TOML)];
        all.extend(texts.iter().map(|(p, t)| (*p, t.as_str())));
        Attribution::from_texts(tables::ATTRIBUTION_TOML, &all)
    }

    /// Compile rules and persons files (each validated; a name given to two
    /// persons is an error naming the second).
    pub fn from_texts(rules: &str, persons_files: &[(&Path, &str)]) -> Result<Attribution> {
        let rules = tables::parse_rules(Path::new("index-schema/attribution.toml"), rules)?;
        let mut persons: Vec<Person> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (file, text) in persons_files {
            let parsed: PersonsFile = tables::parse_persons(file, text)?;
            for def in parsed.person {
                let index = persons.len();
                for name in def.names.iter().chain(std::iter::once(&def.name)) {
                    let key = normalize(name);
                    match by_name.get(&key) {
                        Some(&other) if other != index => {
                            return Err(Error::input(
                                *file,
                                tables::line_of(text, name, 0),
                                format!("the name {name:?} is already {}'s", persons[other].name),
                            ))
                        }
                        _ => {
                            by_name.insert(key, index);
                        }
                    }
                }
                let offices = def
                    .offices
                    .iter()
                    .map(|t| {
                        let (from, until) =
                            tables::term_dates(t).expect("checked by parse_persons");
                        (t.office.clone(), t.country.clone(), from, until)
                    })
                    .collect();
                persons.push(Person {
                    id: def.id,
                    name: def.name,
                    names: def.names,
                    country: def.country,
                    offices,
                });
            }
        }
        let sets = Sets {
            question: set(&rules.labels.question),
            answer: set(&rules.labels.answer),
            follow_up: set(&rules.labels.follow_up),
            asking_roles: set(&rules.labels.asking_roles),
            outlets: set(&rules.labels.outlets),
            verbs_en: set(&rules.reported.verbs_en),
            verbs_zh: longest_first(&rules.reported.verbs_zh),
            adverbs_zh: longest_first(&rules.reported.adverbs_zh),
            meeting_verbs_zh: longest_first(&rules.reported.meeting_verbs_zh),
            time_words_zh: longest_first(&rules.reported.time_words_zh),
            not_names_zh: longest_first(&rules.reported.not_names_zh),
            titles: longest_first(&rules.labels.titles),
            honorifics: longest_first(&rules.labels.honorifics),
            reporter_suffixes: longest_first(&rules.labels.reporter_suffixes),
            surnames_zh: longest_first(&rules.labels.surnames_zh),
            outlet_words: set(&rules.labels.outlet_words),
            outlet_endings_zh: longest_first(&rules.labels.outlet_endings_zh),
            titles_en: exact(&rules.names.titles_en),
            name_titles_en: exact(&rules.names.name_titles_en),
            particles_en: exact(&rules.names.particles_en),
            not_names_en: exact(&rules.names.not_names_en),
            meeting_verbs_en: exact(&rules.names.meeting_verbs_en),
            fillers_en: exact(&rules.names.fillers_en),
            intro_words_en: exact(&rules.names.intro_words_en),
            object_stops_en: exact(&rules.names.object_stops_en),
            meeting_nouns_en: exact(&rules.names.meeting_nouns_en),
        };
        let (subjects, subject_kinds) = subject_automaton(&rules, &by_name)?;
        Ok(Attribution {
            rules,
            persons,
            by_name,
            sets,
            subjects,
            subject_kinds,
        })
    }

    /// Every person.
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    /// The person a name (any script, any case, with or without a title or
    /// honorific) stands for.
    pub fn person(&self, name: &str) -> Option<&Person> {
        let key = normalize(name.trim());
        if let Some(&i) = self.by_name.get(&key) {
            return Some(&self.persons[i]);
        }
        let stripped = self.strip_titles(&key);
        self.by_name.get(stripped).map(|&i| &self.persons[i])
    }

    /// The display name of `name`'s person, else `name` as given.
    pub fn display_name(&self, name: &str) -> String {
        self.person(name)
            .map_or_else(|| name.trim().to_string(), |p| p.name.clone())
    }

    /// Honorifics and titles removed from the front of a normalised label.
    pub(crate) fn strip_titles<'t>(&self, mut key: &'t str) -> &'t str {
        loop {
            let before = key;
            for word in self.sets.honorifics.iter().chain(&self.sets.titles) {
                if let Some(rest) = key.strip_prefix(word.as_str()) {
                    let ascii = word.is_ascii();
                    if !ascii || rest.starts_with(' ') {
                        key = rest.trim_start();
                        break;
                    }
                }
            }
            if key == before || key.is_empty() {
                return if key.is_empty() { before } else { key };
            }
        }
    }

    /// Who held `office` in `country` on `day`.
    pub fn holder(&self, office: &str, country: &str, day: NaiveDate) -> Option<&Person> {
        self.persons.iter().find(|p| {
            p.offices.iter().any(|(o, c, from, until)| {
                o == office
                    && c.eq_ignore_ascii_case(country)
                    && *from <= day
                    && until.is_none_or(|u| day < u)
            })
        })
    }
}

/// One automaton over every subject a readout may report: persons' names,
/// groups, office phrases, continuation pronouns, first person.
fn subject_automaton(
    rules: &RulesFile,
    by_name: &HashMap<String, usize>,
) -> Result<(AhoCorasick, Vec<Subject>)> {
    let r = &rules.reported;
    let mut patterns: Vec<String> = Vec::new();
    let mut kinds: Vec<Subject> = Vec::new();
    let mut add = |p: &str, k: Subject| {
        patterns.push(p.to_string());
        kinds.push(k);
    };
    for (name, &i) in by_name {
        add(name, Subject::Person(i));
    }
    for g in r.groups_en.iter().chain(&r.groups_zh) {
        add(&normalize(g), Subject::Group);
    }
    for (i, office) in rules.office.iter().enumerate() {
        for phrase in &office.phrases {
            add(&normalize(phrase), Subject::Office(i));
        }
    }
    for c in r.continuations_en.iter().chain(&r.continuations_zh) {
        add(&normalize(c), Subject::Continuation);
    }
    for f in r.first_person_en.iter().chain(&r.first_person_zh) {
        add(&normalize(f), Subject::FirstPerson);
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .map_err(|e| Error::Schema(format!("attribution tables: {e}")))?;
    Ok((automaton, kinds))
}

#[cfg(test)]
mod tests;
