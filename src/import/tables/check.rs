//! Strict checks of the tables, each error located as `FILE:LINE: reason`.

use std::collections::HashMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::{Tables, VERSION};
use crate::error::{Error, Result};
use crate::model::codes::{is_country, is_language_tag};

/// A TOML syntax or type error, located.
pub(super) fn toml_error(label: &str, text: &str, e: &toml::de::Error) -> Error {
    Doc { label, text }.toml_error(e)
}

/// Check parsed tables against their text: values, then meaning.
pub(super) fn check(tables: &Tables, label: &str, text: &str) -> Result<()> {
    let doc = Doc { label, text };
    let tree = DeTable::parse(text).map_err(|e| doc.toml_error(&e))?;
    doc.check_values(tree.get_ref())?;
    tables.check(&Locator {
        doc,
        tree: tree.get_ref(),
    })
}

impl Tables {
    fn check(&self, at: &Locator) -> Result<()> {
        if self.version != VERSION {
            let reason = format!(
                "version {} is not {VERSION}, the one this build reads",
                self.version
            );
            return Err(at.error(&[Key("version")], reason));
        }
        self.check_publishers(at)?;
        let roles = [
            ("japan_prime_minister", &self.roles.japan_prime_minister),
            ("japan_foreign_ministry", &self.roles.japan_foreign_ministry),
            ("us_president_post", &self.roles.us_president_post),
            ("us_white_house", &self.roles.us_white_house),
        ];
        for (key, name) in roles {
            if self.publisher(name).is_none() {
                let reason = format!("role {key}: {name:?} is the name of no [[publisher]]");
                return Err(at.error(&[Key("roles"), Key(key)], reason));
            }
        }
        if !is_country(&self.us.country) {
            return Err(at.error(&[Key("us"), Key("country")], bad_country(&self.us.country)));
        }
        self.check_dates(at)?;
        self.check_lower_case(at)?;
        self.check_language(at)
    }

    fn check_publishers(&self, at: &Locator) -> Result<()> {
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut aliases: HashMap<String, &str> = HashMap::new();
        for (i, p) in self.publishers.iter().enumerate() {
            let here = |key: &'static str| [Key("publisher"), Index(i), Key(key)];
            if let Some(first) = names.insert(&p.name, i) {
                let reason = format!(
                    "publisher {:?} is listed twice (also #{})",
                    p.name,
                    first + 1
                );
                return Err(at.error(&here("name"), reason));
            }
            if !is_country(&p.country) {
                return Err(at.error(&here("country"), bad_country(&p.country)));
            }
            if !is_slug(&p.slug) {
                let reason = format!(
                    "slug {:?}: lower-case letters, digits and single hyphens",
                    p.slug
                );
                return Err(at.error(&here("slug"), reason));
            }
            for (k, alias) in p.aliases.iter().enumerate() {
                if let Some(other) = aliases.insert(alias.to_lowercase(), &p.name) {
                    let reason = format!("alias {alias:?} is listed twice (also under {other:?})");
                    return Err(at.error(
                        &[Key("publisher"), Index(i), Key("aliases"), Index(k)],
                        reason,
                    ));
                }
            }
        }
        Ok(())
    }

    fn check_dates(&self, at: &Locator) -> Result<()> {
        for (name, month) in &self.dates.months {
            if !(1..=12).contains(month) {
                let reason = format!("month {name:?} = {month}: months are 1 to 12");
                return Err(at.error(&[Key("dates"), Key("months"), Key(name)], reason));
            }
        }
        if let Some(m) = (1..=12).find(|m| !self.dates.months.values().any(|v| v == m)) {
            return Err(at.error(
                &[Key("dates"), Key("months")],
                format!("month {m} has no name"),
            ));
        }
        for (i, era) in self.dates.eras.iter().enumerate() {
            if !(1000..=2999).contains(&era.first_year) {
                let reason = format!(
                    "era {:?}: first_year {} is not a year 1000–2999",
                    era.name, era.first_year
                );
                return Err(at.error(
                    &[Key("dates"), Key("era"), Index(i), Key("first_year")],
                    reason,
                ));
            }
        }
        Ok(())
    }

    /// Lists compared with lower-cased text must be lower case.
    fn check_lower_case(&self, at: &Locator) -> Result<()> {
        let mut lists: Vec<(Vec<Step>, &[String])> = vec![
            (vec![Key("dates"), Key("weekdays")], &self.dates.weekdays),
            (
                vec![Key("turns"), Key("interviewer_labels")],
                &self.turns.interviewer_labels,
            ),
        ];
        for (i, m) in self.meetings.iter().enumerate() {
            lists.push((vec![Key("meeting"), Index(i), Key("words")], &m.words));
        }
        for (path, list) in lists {
            if let Some(k) = list.iter().position(|w| *w != w.to_lowercase()) {
                let mut path = path;
                path.push(Index(k));
                return Err(at.error(&path, format!("{:?} must be lower case", list[k])));
            }
        }
        let month = self.dates.months.keys().find(|m| **m != m.to_lowercase());
        if let Some(m) = month {
            return Err(at.error(
                &[Key("dates"), Key("months"), Key(m)],
                format!("{m:?} must be lower case"),
            ));
        }
        Ok(())
    }

    fn check_language(&self, at: &Locator) -> Result<()> {
        for tag in self.language.names.keys() {
            if !is_language_tag(tag) {
                let reason = format!("{tag:?} is not a language tag (BCP 47: en, zh, zh-Hant, …)");
                return Err(at.error(&[Key("language"), Key("names"), Key(tag)], reason));
            }
        }
        let (trad, simp) = (&self.language.traditional, &self.language.simplified);
        for (key, chars, other) in [("traditional", trad, simp), ("simplified", simp, trad)] {
            let mut seen = String::new();
            for c in chars.chars() {
                if seen.contains(c) || other.contains(c) {
                    let reason = format!("{c:?} is listed twice (in traditional or simplified)");
                    return Err(at.error(&[Key("language"), Key(key)], reason));
                }
                seen.push(c);
            }
        }
        Ok(())
    }
}

fn bad_country(code: &str) -> String {
    format!("{code:?} is not an ISO 3166-1 alpha-2 country code (CN, US, JP, …)")
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The file's text and name, for locating errors.
#[derive(Clone, Copy)]
struct Doc<'a> {
    label: &'a str,
    text: &'a str,
}

impl Doc<'_> {
    fn line(&self, offset: usize) -> usize {
        crate::encoding::line_at(self.text, offset)
    }

    fn error(&self, offset: usize, reason: impl Into<String>) -> Error {
        Error::input(Path::new(self.label), self.line(offset), reason)
    }

    fn toml_error(&self, e: &toml::de::Error) -> Error {
        let offset = e.span().map_or(0, |s| s.start);
        self.error(offset, e.message().trim_end().to_string())
    }

    /// Every string non-empty; every list non-empty (but `aliases`) and
    /// without repeats (aliases are checked across publishers).
    fn check_values(&self, table: &DeTable) -> Result<()> {
        for (key, value) in table {
            self.check_value(key.get_ref(), value)?;
        }
        Ok(())
    }

    fn check_value(&self, key: &str, value: &toml::Spanned<DeValue>) -> Result<()> {
        match value.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                Err(self.error(value.span().start, format!("`{key}` is empty")))
            }
            DeValue::Table(t) => self.check_values(t),
            DeValue::Array(items) => {
                if items.is_empty() && key != "aliases" {
                    return Err(self.error(value.span().start, format!("`{key}` is an empty list")));
                }
                let mut seen: Vec<&str> = Vec::new();
                for item in items.iter() {
                    if let (DeValue::String(s), false) = (item.get_ref(), key == "aliases") {
                        if seen.contains(&s.as_ref()) {
                            let reason = format!("{s:?} is listed twice in `{key}`");
                            return Err(self.error(item.span().start, reason));
                        }
                        seen.push(s);
                    }
                    self.check_value(key, item)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// One step of a path into the file: a key or a list index.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}
use Step::{Index, Key};

/// Finds the line of a value by its path in the parsed document.
struct Locator<'a> {
    doc: Doc<'a>,
    tree: &'a DeTable<'a>,
}

impl Locator<'_> {
    /// An error at the deepest part of `path` found in the file.
    fn error(&self, path: &[Step], reason: impl Into<String>) -> Error {
        let mut offset = 0;
        let mut table = Some(self.tree);
        let mut array: Option<&[toml::Spanned<DeValue>]> = None;
        for step in path {
            let found = match (step, table, array) {
                (Key(k), Some(t), _) => t
                    .iter()
                    .find(|(key, _)| key.get_ref().as_ref() == *k)
                    .map(|(_, v)| v),
                (Index(i), _, Some(a)) => a.get(*i),
                _ => None,
            };
            let Some(value) = found else { break };
            offset = value.span().start;
            (table, array) = match value.get_ref() {
                DeValue::Table(t) => (Some(t), None),
                DeValue::Array(a) => (None, Some(&a[..])),
                _ => (None, None),
            };
        }
        self.doc.error(offset, reason)
    }
}
