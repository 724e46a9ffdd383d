//! The importer's vocabulary: publishers and their aliases, titles, surnames,
//! interviewer labels, month names, the words that decide a kind, … —
//! `index-schema/import-tables.toml`, compiled in and loaded once.
//!
//! Every table is described in the header of that file. Loading is strict:
//! unknown keys, empty values, duplicates, bad country codes and language tags
//! are errors located as `import-tables.toml:LINE: reason`.

mod check;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::Result;

/// The shipped tables.
pub const IMPORT_TABLES: &str = include_str!("../../index-schema/import-tables.toml");

/// The format version this build reads.
pub const VERSION: u32 = 1;

/// The shipped tables, parsed on first use.
pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        Tables::from_toml("index-schema/import-tables.toml", IMPORT_TABLES)
            .unwrap_or_else(|e| panic!("the shipped import tables are valid (tested): {e}"))
    })
}

/// All tables of `import-tables.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tables {
    /// Format version (1).
    pub version: u32,
    /// Publishers the importer recognises.
    #[serde(rename = "publisher")]
    pub publishers: Vec<KnownPublisher>,
    /// The publisher each rule of the code infers.
    pub roles: Roles,
    /// Month and weekday names, Japanese eras.
    pub dates: Dates,
    /// Titles, honorifics and surnames.
    pub names: Names,
    /// Speaker labels.
    pub turns: Turns,
    /// Phrases that decide a statement's kind.
    pub kinds: Kinds,
    /// Words naming Japan and the forms of its statements.
    pub japan: Japan,
    /// Words naming the United States.
    pub us: Us,
    /// Words of an event id (`call`, `meeting`), first match wins.
    #[serde(rename = "meeting")]
    pub meetings: Vec<Meeting>,
    /// Script forms and language names.
    pub language: Language,
}

/// A publisher the importer recognises.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownPublisher {
    /// Full name, written to `publisher`.
    pub name: String,
    /// ISO 3166-1 alpha-2 code, written to `country`.
    pub country: String,
    /// Lowercase id prefix.
    pub slug: String,
    /// A news organisation (its speaker label marks the interviewer).
    pub outlet: bool,
    /// Names found in datelines, headings and speaker turns.
    pub aliases: Vec<String>,
}

/// Publisher names inferred by the rules of the code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Roles {
    pub japan_prime_minister: String,
    pub japan_foreign_ministry: String,
    pub us_president_post: String,
    pub us_white_house: String,
}

/// Date words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Month names and abbreviations, lower case, to 1–12.
    pub months: HashMap<String, u32>,
    /// Weekday names, lower case.
    pub weekdays: Vec<String>,
    /// Characters allowed beside a CJK date on a date line.
    pub date_line_chars: String,
    /// Japanese eras.
    #[serde(rename = "era")]
    pub eras: Vec<Era>,
}

/// A Japanese era.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Era {
    /// Its name (令和).
    pub name: String,
    /// The Gregorian year of its year 1.
    pub first_year: i32,
}

/// Name words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Names {
    pub honorifics: Vec<String>,
    pub markers: Vec<String>,
    pub titles: Vec<String>,
    pub chinese_surnames: Vec<String>,
    pub us_before_title: Vec<String>,
    pub us_apposition: String,
}

/// Speaker labels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Turns {
    pub interviewer_labels: Vec<String>,
    pub answer_labels: Vec<String>,
}

/// Kind phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Kinds {
    pub press_conference: Vec<String>,
    pub joint_statement: Vec<String>,
    pub interview: Vec<String>,
    pub readout: Vec<String>,
    pub excerpt: Vec<String>,
    pub section_labels: Vec<String>,
    pub first_person_subject: String,
    pub first_person_words: Vec<String>,
    pub interview_with: String,
}

/// Japanese statements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Japan {
    pub words: Vec<String>,
    pub strings: Vec<String>,
    pub in_text: String,
    pub prime_minister_conference: Vec<String>,
    pub foreign_ministry_conference: Vec<String>,
    pub readout_forms: Vec<String>,
}

/// US statements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Us {
    pub country: String,
    pub heading_words: Vec<String>,
    pub heading_strings: Vec<String>,
}

/// The word of an event id and what chooses it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Meeting {
    pub word: String,
    pub words: Vec<String>,
    pub strings: Vec<String>,
}

/// Script forms and language names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Language {
    pub traditional: String,
    pub simplified: String,
    pub names: HashMap<String, String>,
    pub other_name: String,
}

impl Tables {
    /// Parse and check tables; `path_label` names the file in errors.
    pub fn from_toml(path_label: &str, text: &str) -> Result<Tables> {
        let tables: Tables =
            toml::from_str(text).map_err(|e| check::toml_error(path_label, text, &e))?;
        check::check(&tables, path_label, text)?;
        Ok(tables)
    }

    /// A publisher by its full name.
    pub fn publisher(&self, name: &str) -> Option<&KnownPublisher> {
        self.publishers.iter().find(|p| p.name == name)
    }

    /// The name of a language tag in notes ("Chinese").
    pub fn language_name(&self, lang: &str) -> &str {
        self.language
            .names
            .get(lang)
            .unwrap_or(&self.language.other_name)
    }
}

#[cfg(test)]
mod tests;
