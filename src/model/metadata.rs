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
    /// Every problem found so far: a record is reported whole, not by its
    /// first mistake.
    problems: std::cell::RefCell<Vec<Error>>,
}

impl<'f> Checked<'f> {
    /// Refuse unknown keys (suggesting the closest) and duplicates.
    fn new(fields: &'f [Field], path: &'f Path, line: usize) -> Checked<'f> {
        let mut seen: Vec<&Field> = Vec::new();
        let mut problems = Vec::new();
        for field in fields {
            if !REQUIRED_KEYS.contains(&field.key.as_str())
                && !OPTIONAL_KEYS.contains(&field.key.as_str())
            {
                let hint = closest_key(&field.key)
                    .map(|k| format!(" (did you mean \"{k}\"?)"))
                    .unwrap_or_default();
                problems.push(Error::input(
                    path,
                    field.line,
                    format!("unknown key \"{}\"{hint}", field.key),
                ));
                continue;
            }
            if let Some(previous) = seen.iter().find(|f| f.key == field.key) {
                problems.push(Error::input(
                    path,
                    field.line,
                    format!(
                        "duplicate key \"{}\" (first on line {})",
                        field.key, previous.line
                    ),
                ));
                continue;
            }
            seen.push(field);
        }
        Checked {
            fields: seen,
            path,
            line,
            problems: std::cell::RefCell::new(problems),
        }
    }

    /// The value of `r`, or `None` with its error noted.
    fn keep<T>(&self, r: Result<T>) -> Option<T> {
        r.map_err(|e| self.problems.borrow_mut().push(e)).ok()
    }

    /// Every problem as one error: the first (by line), then the others.
    fn finish(self) -> Result<()> {
        let mut problems = self.problems.into_inner();
        // A key that is missing because it was misspelt is one mistake, told
        // once: "unknown key "dat" (did you mean "date"?)".
        let texts: Vec<String> = problems.iter().map(|e| e.to_string()).collect();
        problems.retain(|e| {
            let Error::Input { reason, .. } = e else {
                return true;
            };
            let Some(key) = reason.strip_prefix("missing key ") else {
                return true;
            };
            !texts
                .iter()
                .any(|t| t.contains(&format!("did you mean {key}")))
        });
        if problems.is_empty() {
            return Ok(());
        }
        let first = problems.remove(0);
        if problems.is_empty() {
            return Err(first);
        }
        let (line, reason) = match first {
            Error::Input { line, reason, .. } => (line, reason),
            other => (self.line, other.to_string()),
        };
        let also: Vec<String> = problems
            .iter()
            .map(|e| match e {
                Error::Input { line, reason, .. } => format!("line {line}: {reason}"),
                other => other.to_string(),
            })
            .collect();
        Err(Error::input(
            self.path,
            line,
            format!("{reason}; also {}", also.join("; ")),
        ))
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
        let v = Checked::new(fields, path, line);
        let publisher = v.keep(v.required("publisher")).map(|p| p.0);
        let country = v.keep(v.required_checked("country", |c| {
            codes::is_country(c)
                .then_some(())
                .ok_or_else(|| format!("{c:?} is not an ISO 3166-1 alpha-2 code (e.g. CN, US, JP)"))
        }));
        let kind = v.keep(v.required_checked("kind", |k| {
            is_slug(&super::normalize_kind(k))
                .then_some(())
                .ok_or_else(|| {
                    format!("{k:?} is not a lowercase slug (e.g. readout, press-conference)")
                })
        }));
        let lang = v.keep(v.required_checked("lang", |l| {
            codes::is_language_tag(l).then_some(()).ok_or_else(|| {
                format!("{l:?} is not a BCP 47 language tag (e.g. en, zh, ja, zh-Hant)")
            })
        }));
        let date = v.keep(v.required("date").and_then(|(text, at)| {
            parse_date(&text).map_err(|reason| v.error(at, format!("key \"date\": {reason}")))
        }));
        let title = v.keep(
            v.required("title")
                .and_then(|(title, at)| check_title(&v, title, at)),
        );
        let id = match (v.keep(v.optional_id("id")).flatten(), default_id) {
            (Some((id, _)), _) => Some(id),
            (None, Some(id)) => Some(id.to_string()),
            (None, None) => v.keep(Err(v.error(line, "missing key \"id\"".to_string()))),
        };
        let translation_of = match v.keep(v.optional_id("translation_of")).flatten() {
            Some((t, t_line)) if Some(&t) == id.as_ref() => v.keep(Err(v.error(
                t_line,
                "key \"translation_of\": a statement cannot translate itself".to_string(),
            ))),
            other => other.map(|(t, _)| t),
        };
        let event = v.keep(v.optional_id("event")).flatten().map(|(e, _)| e);
        let (url, speaker, date_source, notes) = (
            v.optional("url").map(|(u, _)| u),
            v.optional("speaker").map(|(s, _)| s),
            v.optional("date_source").map(|(d, _)| d),
            v.optional("notes").map(|(n, _)| n),
        );
        v.finish()?;
        let missing = || Error::input(path, line, "a required key is missing");
        Ok(Metadata {
            id: id.ok_or_else(missing)?,
            publisher: publisher.ok_or_else(missing)?,
            country: country.ok_or_else(missing)?,
            kind: super::normalize_kind(&kind.ok_or_else(missing)?),
            lang: lang.ok_or_else(missing)?,
            date: date.ok_or_else(missing)?,
            title: title.ok_or_else(missing)?,
            event,
            url,
            speaker,
            translation_of,
            date_source,
            notes,
        })
    }

    /// Is this statement a transcript (interview, press conference) with speaker turns?
    pub fn is_transcript(&self) -> bool {
        super::is_transcript_kind(&self.kind)
    }
}

/// A title within the cap (it is stored with every paragraph).
fn check_title(v: &Checked, title: String, at: usize) -> Result<String> {
    let chars = title.chars().count();
    if chars > super::MAX_TITLE_CHARS {
        return Err(v.error(
            at,
            format!(
                "key \"title\": {chars} characters is over the {} cap (a title is stored with every paragraph)",
                super::MAX_TITLE_CHARS
            ),
        ));
    }
    Ok(title)
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
