//! Statement metadata: the keys every format provides, validated once for
//! all of them ([`Metadata::from_fields`]) with located errors.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{codes, OPTIONAL_KEYS, REQUIRED_KEYS};
use crate::error::{Error, Result};

/// Source-level facts about a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Stable document id, the upsert key.
    pub id: String,
    /// Full publisher name, e.g. "Xinhua News Agency".
    pub publisher: String,
    /// ISO 3166-1 alpha-2 code of the publisher's country.
    pub country: String,
    /// Lowercase slug: readout, statement, interview, press-conference, ...
    pub kind: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// Publication date.
    pub date: NaiveDate,
    /// Title as published (or as chosen by whoever compiled the file).
    pub title: String,
    /// Id shared by all statements about one call or meeting.
    pub event: Option<String>,
    /// Source address.
    pub url: Option<String>,
    /// Principal speaker.
    pub speaker: Option<String>,
    /// Id of the original this statement translates.
    pub translation_of: Option<String>,
    /// How the date was established when the text does not state it.
    pub date_source: Option<String>,
    /// Free-form notes.
    pub notes: Option<String>,
}

/// One key = value pair as read from a source, with the line it stands on.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// The value, already converted to text by the format.
    pub value: String,
    /// 1-based line in the source file.
    pub line: usize,
}

/// The fields of one statement, checked for unknown and duplicate keys, with
/// the errors located in their source.
struct Checked<'f> {
    fields: Vec<&'f Field>,
    path: &'f Path,
    line: usize,
}

impl<'f> Checked<'f> {
    /// Refuse unknown keys (suggesting the closest) and duplicates.
    fn new(fields: &'f [Field], path: &'f Path, line: usize) -> Result<Checked<'f>> {
        let mut seen: Vec<&Field> = Vec::new();
        for field in fields {
            if !REQUIRED_KEYS.contains(&field.key.as_str())
                && !OPTIONAL_KEYS.contains(&field.key.as_str())
            {
                let hint = closest_key(&field.key)
                    .map(|k| format!(" (did you mean \"{k}\"?)"))
                    .unwrap_or_default();
                return Err(Error::input(
                    path,
                    field.line,
                    format!("unknown key \"{}\"{hint}", field.key),
                ));
            }
            if let Some(previous) = seen.iter().find(|f| f.key == field.key) {
                return Err(Error::input(
                    path,
                    field.line,
                    format!(
                        "duplicate key \"{}\" (first on line {})",
                        field.key, previous.line
                    ),
                ));
            }
            seen.push(field);
        }
        let checked = Checked {
            fields: seen,
            path,
            line,
        };
        for key in REQUIRED_KEYS {
            if checked.get(key).is_none() {
                return Err(checked.error(line, format!("missing key \"{key}\"")));
            }
        }
        Ok(checked)
    }

    fn get(&self, key: &str) -> Option<&'f Field> {
        self.fields.iter().find(|f| f.key == key).copied()
    }

    fn error(&self, line: usize, reason: String) -> Error {
        Error::input(self.path, line, reason)
    }

    /// A required value: present (checked) and not blank.
    fn required(&self, key: &str) -> Result<(String, usize)> {
        let Some(f) = self.get(key) else {
            return Err(self.error(self.line, format!("missing key \"{key}\"")));
        };
        let v = f.value.trim();
        if v.is_empty() {
            return Err(self.error(f.line, format!("key \"{key}\" is empty")));
        }
        Ok((v.to_string(), f.line))
    }

    /// An optional value; blank means absent.
    fn optional(&self, key: &str) -> Option<(String, usize)> {
        self.get(key)
            .map(|f| (f.value.trim().to_string(), f.line))
            .filter(|(v, _)| !v.is_empty())
    }

    /// A required value that must pass `check` (whose message follows the key).
    fn required_checked(
        &self,
        key: &str,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        let (value, line) = self.required(key)?;
        check(&value).map_err(|r| self.error(line, format!("key \"{key}\": {r}")))?;
        Ok(value)
    }

    /// An optional identifier (`event`, `translation_of`, `id`).
    fn optional_id(&self, key: &str) -> Result<Option<(String, usize)>> {
        match self.optional(key) {
            Some((id, line)) => {
                check_id(&id).map_err(|r| self.error(line, format!("key \"{key}\": {r}")))?;
                Ok(Some((id, line)))
            }
            None => Ok(None),
        }
    }
}

impl Metadata {
    /// Validate raw key/value pairs into metadata.
    ///
    /// `line` is where errors about missing keys point (the start of the
    /// front matter or the JSON record); `default_id` is used when no `id` key
    /// is given (`None` makes `id` required).
    pub fn from_fields(
        fields: &[Field],
        path: &Path,
        line: usize,
        default_id: Option<&str>,
    ) -> Result<Metadata> {
        let v = Checked::new(fields, path, line)?;
        let publisher = v.required("publisher")?.0;
        let country = v.required_checked("country", |c| {
            codes::is_country(c)
                .then_some(())
                .ok_or_else(|| format!("{c:?} is not an ISO 3166-1 alpha-2 code (e.g. CN, US, JP)"))
        })?;
        let kind = v.required_checked("kind", |k| {
            is_slug(&super::normalize_kind(k))
                .then_some(())
                .ok_or_else(|| {
                    format!("{k:?} is not a lowercase slug (e.g. readout, press-conference)")
                })
        })?;
        let kind = super::normalize_kind(&kind);
        let lang = v.required_checked("lang", |l| {
            codes::is_language_tag(l).then_some(()).ok_or_else(|| {
                format!("{l:?} is not a BCP 47 language tag (e.g. en, zh, ja, zh-Hant)")
            })
        })?;
        let (date_text, date_line) = v.required("date")?;
        let date = parse_date(&date_text)
            .map_err(|reason| v.error(date_line, format!("key \"date\": {reason}")))?;
        let (title, title_line) = v.required("title")?;
        if title.chars().count() > super::MAX_TITLE_CHARS {
            return Err(v.error(
                title_line,
                format!(
                    "key \"title\": {} characters is over the {} cap (a title is stored with every paragraph)",
                    title.chars().count(),
                    super::MAX_TITLE_CHARS
                ),
            ));
        }
        let id = match (v.optional_id("id")?, default_id) {
            (Some((id, _)), _) => id,
            (None, Some(id)) => id.to_string(),
            (None, None) => return Err(v.error(line, "missing key \"id\"".to_string())),
        };
        let translation_of = match v.optional_id("translation_of")? {
            Some((t, t_line)) if t == id => {
                return Err(v.error(
                    t_line,
                    "key \"translation_of\": a statement cannot translate itself".to_string(),
                ))
            }
            other => other.map(|(t, _)| t),
        };
        Ok(Metadata {
            id,
            publisher,
            country,
            kind,
            lang,
            date,
            title,
            event: v.optional_id("event")?.map(|(e, _)| e),
            url: v.optional("url").map(|(u, _)| u),
            speaker: v.optional("speaker").map(|(s, _)| s),
            translation_of,
            date_source: v.optional("date_source").map(|(d, _)| d),
            notes: v.optional("notes").map(|(n, _)| n),
        })
    }

    /// Is this statement a transcript (interview, press conference) with speaker turns?
    pub fn is_transcript(&self) -> bool {
        super::is_transcript_kind(&self.kind)
    }
}

/// Parse a strict `YYYY-MM-DD` date that exists in the calendar.
pub fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(format!("{text:?} is not a date of the form YYYY-MM-DD"));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a day of the calendar"))?;
    if !(super::MIN_DAY..=super::MAX_DAY).contains(&day) {
        return Err(format!(
            "{text:?} is outside the dates the index can store ({} to {})",
            super::MIN_DAY,
            super::MAX_DAY
        ));
    }
    Ok(day)
}

fn is_slug(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Ids are printable, without whitespace or control characters, at most 512 bytes.
fn check_id(id: &str) -> std::result::Result<(), String> {
    if id.len() > 512 {
        return Err("longer than 512 bytes".into());
    }
    if let Some(c) = id.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{id:?} contains {c:?}; ids have no spaces or control characters"
        ));
    }
    Ok(())
}

fn closest_key(key: &str) -> Option<&'static str> {
    REQUIRED_KEYS
        .iter()
        .chain(OPTIONAL_KEYS.iter())
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance between two strings, in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2025-11-24").is_ok());
        for bad in [
            "2025-02-30",
            "yesterday",
            "99999-01-01",
            "2025-1-1",
            "2025/01/01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
