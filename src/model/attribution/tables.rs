//! The attribution tables as data: `index-schema/attribution.toml` (turn labels,
//! reporting verbs, groups, offices) and `index-schema/persons.toml` (persons),
//! parsed and validated with `FILE:LINE: reason` errors.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Result};

/// The shipped attribution rules.
pub const ATTRIBUTION_TOML: &str = include_str!("../../../index-schema/attribution.toml");
/// The shipped persons.
pub const PERSONS_TOML: &str = include_str!("../../../index-schema/persons.toml");

/// `attribution.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Format version (1).
    pub version: u32,
    /// Turn labels.
    pub labels: Labels,
    /// Reported speech.
    pub reported: Reported,
    /// Offices named by a role noun.
    #[serde(default)]
    pub office: Vec<OfficePhrases>,
    /// The shape of a transcript's paragraphs.
    #[serde(default)]
    pub turns: TurnRules,
    /// Recognising names no persons file knows (English).
    #[serde(default)]
    pub names: NameRules,
}

/// Words around names in English text (see the file's comments).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct NameRules {
    #[serde(default)]
    pub titles_en: Vec<String>,
    #[serde(default)]
    pub name_titles_en: Vec<String>,
    #[serde(default)]
    pub particles_en: Vec<String>,
    #[serde(default)]
    pub not_names_en: Vec<String>,
    #[serde(default)]
    pub meeting_verbs_en: Vec<String>,
    #[serde(default)]
    pub meeting_nouns_en: Vec<String>,
    #[serde(default)]
    pub fillers_en: Vec<String>,
    #[serde(default)]
    pub intro_words_en: Vec<String>,
    #[serde(default)]
    pub object_stops_en: Vec<String>,
}

/// Words that tell who speaks an unlabelled paragraph of a transcript (see
/// the file's comments).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TurnRules {
    #[serde(default)]
    pub after_en: Vec<String>,
    #[serde(default)]
    pub after_zh: Vec<String>,
    #[serde(default)]
    pub answered_en: Vec<String>,
    #[serde(default)]
    pub answer_openings: Vec<String>,
}

/// Turn labels (see the file's comments).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Labels {
    pub question: Vec<String>,
    pub answer: Vec<String>,
    pub follow_up: Vec<String>,
    pub asking_roles: Vec<String>,
    pub reporter_suffixes: Vec<String>,
    pub outlets: Vec<String>,
    pub honorifics: Vec<String>,
    pub surnames_zh: Vec<String>,
    pub titles: Vec<String>,
    #[serde(default)]
    pub outlet_words: Vec<String>,
    #[serde(default)]
    pub outlet_endings_zh: Vec<String>,
}

/// Reported-speech words (see the file's comments).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Reported {
    pub verbs_en: Vec<String>,
    pub verbs_zh: Vec<String>,
    pub adverbs_zh: Vec<String>,
    pub groups_en: Vec<String>,
    pub groups_zh: Vec<String>,
    pub continuations_en: Vec<String>,
    pub continuations_zh: Vec<String>,
    pub first_person_en: Vec<String>,
    pub first_person_zh: Vec<String>,
    /// A verb that reports only with its noun ("sent condolences", "gave …
    /// assessment"): the verb, then the noun within four words.
    #[serde(default)]
    pub verb_phrases_en: Vec<String>,
    /// Chinese verbs of a call or meeting: both parties of 与/同/和/跟 are
    /// reported (布林肯与王毅通话).
    #[serde(default)]
    pub meeting_verbs_zh: Vec<String>,
    /// Time words between a Chinese subject and its verb (拜登上星期三说).
    #[serde(default)]
    pub time_words_zh: Vec<String>,
    /// Chinese words shaped like a name that are places or institutions (华盛顿表示).
    #[serde(default)]
    pub not_names_zh: Vec<String>,
}

/// Phrases that name the holder of an office ("the President").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficePhrases {
    /// Office key, as in `persons.toml`.
    pub key: String,
    /// The phrases.
    pub phrases: Vec<String>,
    /// The office's country when the phrase names it ("the Russian
    /// President"); absent: the publisher's country.
    #[serde(default)]
    pub country: Option<String>,
}

/// `persons.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonsFile {
    /// Format version (1).
    pub version: u32,
    /// The persons.
    #[serde(default)]
    pub person: Vec<PersonDef>,
}

/// One person as written in `persons.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonDef {
    /// Unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Every form a statement uses.
    pub names: Vec<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Offices held, with dates.
    #[serde(default)]
    pub offices: Vec<OfficeTerm>,
    /// Where the facts come from.
    pub sources: Vec<String>,
}

/// A term in office.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeTerm {
    /// Office key.
    pub office: String,
    /// The office's country.
    pub country: String,
    /// First day.
    pub from: String,
    /// Day the term ended (absent: still in office).
    pub until: Option<String>,
}

pub(crate) use crate::encoding::line_of_quoted as line_of;

fn toml_error(file: &Path, text: &str, e: toml::de::Error) -> Error {
    Error::input(
        file,
        crate::encoding::toml_error_line(text, &e),
        e.message().to_string(),
    )
}

/// Parse and validate `attribution.toml`.
pub fn parse_rules(file: &Path, text: &str) -> Result<RulesFile> {
    let rules: RulesFile = toml::from_str(text).map_err(|e| toml_error(file, text, e))?;
    check_version(file, text, rules.version)?;
    let l = &rules.labels;
    let r = &rules.reported;
    for list in [
        &l.question,
        &l.answer,
        &l.follow_up,
        &l.asking_roles,
        &l.reporter_suffixes,
        &l.outlets,
        &l.honorifics,
        &l.surnames_zh,
        &l.titles,
        &l.outlet_words,
        &l.outlet_endings_zh,
        &rules.turns.after_en,
        &rules.turns.after_zh,
        &rules.turns.answered_en,
        &rules.turns.answer_openings,
        &rules.names.titles_en,
        &rules.names.name_titles_en,
        &rules.names.particles_en,
        &rules.names.not_names_en,
        &rules.names.meeting_verbs_en,
        &rules.names.fillers_en,
        &rules.names.meeting_nouns_en,
        &rules.names.intro_words_en,
        &rules.names.object_stops_en,
        &r.verbs_en,
        &r.verbs_zh,
        &r.adverbs_zh,
        &r.groups_en,
        &r.groups_zh,
        &r.continuations_en,
        &r.continuations_zh,
        &r.first_person_en,
        &r.first_person_zh,
    ] {
        check_list(file, text, list)?;
    }
    for office in &rules.office {
        check_list(file, text, &office.phrases)?;
    }
    Ok(rules)
}

/// Parse and validate a persons file.
pub fn parse_persons(file: &Path, text: &str) -> Result<PersonsFile> {
    let persons: PersonsFile = toml::from_str(text).map_err(|e| toml_error(file, text, e))?;
    check_version(file, text, persons.version)?;
    let mut ids = HashSet::new();
    for p in &persons.person {
        let at = |value: &str| line_of(text, value, 0);
        let err = |value: &str, reason: String| Error::input(file, at(value), reason);
        if !ids.insert(p.id.as_str()) {
            return Err(Error::input(
                file,
                line_of(text, &p.id, 1),
                format!("person id {:?} appears twice", p.id),
            ));
        }
        if p.names.is_empty() || p.name.trim().is_empty() {
            return Err(err(&p.id, format!("person {:?} has no name", p.id)));
        }
        if !crate::model::codes::is_country(&p.country) {
            return Err(err(
                &p.id,
                format!(
                    "person {:?}: {:?} is not an ISO 3166-1 alpha-2 code",
                    p.id, p.country
                ),
            ));
        }
        if p.sources.is_empty() {
            return Err(err(&p.id, format!("person {:?} names no source", p.id)));
        }
        for term in &p.offices {
            let (from, until) =
                term_dates(term).map_err(|r| err(&term.from, format!("person {:?}: {r}", p.id)))?;
            if until.is_some_and(|u| u < from) {
                return Err(err(
                    &term.from,
                    format!(
                        "person {:?}: office {} ends before it starts",
                        p.id, term.office
                    ),
                ));
            }
        }
        // Traditional and Simplified forms fold to one key: only exact repeats are errors.
        let mut seen = HashSet::new();
        for name in &p.names {
            if name.trim().is_empty() || !seen.insert(name.as_str()) {
                return Err(Error::input(
                    file,
                    line_of(text, name, 0),
                    format!("person {:?}: name {name:?} is empty or repeated", p.id),
                ));
            }
        }
    }
    Ok(persons)
}

/// The dates of a term.
pub fn term_dates(
    term: &OfficeTerm,
) -> std::result::Result<(NaiveDate, Option<NaiveDate>), String> {
    let from = crate::model::parse_date(&term.from)?;
    let until = term
        .until
        .as_deref()
        .map(crate::model::parse_date)
        .transpose()?;
    Ok((from, until))
}

fn check_version(file: &Path, text: &str, version: u32) -> Result<()> {
    if version != 1 {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("version"))
            .map_or(1, |i| i + 1);
        return Err(Error::input(
            file,
            line,
            format!("version {version} is not supported (this readouts reads version 1)"),
        ));
    }
    Ok(())
}

/// No empty entry and no entry twice (case-insensitively) in one list.
fn check_list(file: &Path, text: &str, list: &[String]) -> Result<()> {
    let mut seen = HashSet::new();
    for value in list {
        if value.trim().is_empty() {
            return Err(Error::input(
                file,
                line_of(text, value, 0),
                "an empty entry",
            ));
        }
        if !seen.insert(crate::analysis::normalize(value)) {
            return Err(Error::input(
                file,
                line_of(text, value, 1),
                format!("{value:?} appears twice in one list"),
            ));
        }
    }
    Ok(())
}
