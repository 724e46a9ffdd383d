//! The data model: a [`Statement`] (one readout, translation, interview excerpt or
//! transcript) with its [`Metadata`], split into numbered [`Passage`]s.
//!
//! Formats produce statements through [`Metadata::from_fields`], so that every
//! input format validates keys and values the same way and reports the same
//! located errors.

pub mod codes;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Keys a statement must have.
pub const REQUIRED_KEYS: [&str; 6] = ["publisher", "country", "kind", "lang", "date", "title"];
/// Keys a statement may have.
pub const OPTIONAL_KEYS: [&str; 7] = [
    "id",
    "event",
    "url",
    "speaker",
    "translation_of",
    "date_source",
    "notes",
];

/// Kinds that are transcripts: a paragraph opening with `Name:` starts a turn.
pub const TRANSCRIPT_KINDS: [&str; 3] = ["interview", "press-conference", "press_conference"];

/// The largest statement body accepted, in bytes (see RELIABILITY.md: a 50 MB
/// document costs about 1 GB of indexing memory).
pub const MAX_STATEMENT_BYTES: usize = 10 * 1024 * 1024;

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
        let err = |line: usize, reason: String| Error::input(path, line, reason);
        let mut seen: Vec<&Field> = Vec::new();
        for field in fields {
            if !REQUIRED_KEYS.contains(&field.key.as_str())
                && !OPTIONAL_KEYS.contains(&field.key.as_str())
            {
                let hint = closest_key(&field.key)
                    .map(|k| format!(" (did you mean \"{k}\"?)"))
                    .unwrap_or_default();
                return Err(err(
                    field.line,
                    format!("unknown key \"{}\"{hint}", field.key),
                ));
            }
            if let Some(previous) = seen.iter().find(|f| f.key == field.key) {
                return Err(err(
                    field.line,
                    format!(
                        "duplicate key \"{}\" (first on line {})",
                        field.key, previous.line
                    ),
                ));
            }
            seen.push(field);
        }
        let get = |key: &str| seen.iter().find(|f| f.key == key).copied();
        for key in REQUIRED_KEYS {
            if get(key).is_none() {
                return Err(err(line, format!("missing key \"{key}\"")));
            }
        }
        // Required values must not be blank; optional blank values mean absent.
        let required = |key: &str| -> Result<(String, usize)> {
            let f = get(key).expect("checked above");
            let v = f.value.trim();
            if v.is_empty() {
                return Err(err(f.line, format!("key \"{key}\" is empty")));
            }
            Ok((v.to_string(), f.line))
        };
        let optional = |key: &str| -> Option<(String, usize)> {
            get(key)
                .map(|f| (f.value.trim().to_string(), f.line))
                .filter(|(v, _)| !v.is_empty())
        };

        let (publisher, _) = required("publisher")?;
        let (country, country_line) = required("country")?;
        if !codes::is_country(&country) {
            return Err(err(
                country_line,
                format!("key \"country\": {country:?} is not an ISO 3166-1 alpha-2 code (e.g. CN, US, JP)"),
            ));
        }
        let (kind, kind_line) = required("kind")?;
        if !is_slug(&kind) {
            return Err(err(
                kind_line,
                format!("key \"kind\": {kind:?} is not a lowercase slug (e.g. readout, press-conference)"),
            ));
        }
        let (lang, lang_line) = required("lang")?;
        if !codes::is_language_tag(&lang) {
            return Err(err(
                lang_line,
                format!("key \"lang\": {lang:?} is not a BCP 47 language tag (e.g. en, zh, ja, zh-Hant)"),
            ));
        }
        let (date_text, date_line) = required("date")?;
        let date = parse_date(&date_text)
            .map_err(|reason| err(date_line, format!("key \"date\": {reason}")))?;
        let (title, _) = required("title")?;
        let id = match optional("id") {
            Some((id, id_line)) => {
                check_id(&id).map_err(|r| err(id_line, format!("key \"id\": {r}")))?;
                id
            }
            None => match default_id {
                Some(id) => id.to_string(),
                None => return Err(err(line, "missing key \"id\"".to_string())),
            },
        };
        let event = match optional("event") {
            Some((event, event_line)) => {
                check_id(&event).map_err(|r| err(event_line, format!("key \"event\": {r}")))?;
                Some(event)
            }
            None => None,
        };
        let translation_of = match optional("translation_of") {
            Some((t, t_line)) => {
                check_id(&t).map_err(|r| err(t_line, format!("key \"translation_of\": {r}")))?;
                if t == id {
                    return Err(err(
                        t_line,
                        "key \"translation_of\": a statement cannot translate itself".to_string(),
                    ));
                }
                Some(t)
            }
            None => None,
        };
        Ok(Metadata {
            id,
            publisher,
            country,
            kind,
            lang,
            date,
            title,
            event,
            url: optional("url").map(|(v, _)| v),
            speaker: optional("speaker").map(|(v, _)| v),
            translation_of,
            date_source: optional("date_source").map(|(v, _)| v),
            notes: optional("notes").map(|(v, _)| v),
        })
    }

    /// Is this statement a transcript (interview, press conference) with speaker turns?
    pub fn is_transcript(&self) -> bool {
        TRANSCRIPT_KINDS.contains(&self.kind.as_str())
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
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a day of the calendar"))
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

/// The unit of retrieval: one paragraph, with the speaker whose turn it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Paragraph number within the statement, from 1.
    pub number: u64,
    /// Who speaks: the turn's speaker in transcripts, else the statement's speaker.
    pub speaker: Option<String>,
    /// The paragraph, its line breaks turned into spaces.
    pub text: String,
}

/// One statement ready for indexing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Source-level facts.
    pub meta: Metadata,
    /// Numbered passages, in order.
    pub passages: Vec<Passage>,
    /// Where the statement was read from.
    pub path: PathBuf,
}

impl Statement {
    /// Build a statement from validated metadata and a body text.
    pub fn new(meta: Metadata, body: &str, path: PathBuf) -> Statement {
        let passages = split_passages(body, &meta);
        Statement {
            meta,
            passages,
            path,
        }
    }

    /// A hash of everything that is indexed, for idempotent re-ingest.
    pub fn content_hash(&self) -> String {
        let bytes = serde_json::to_vec(self).expect("statements serialize");
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
    }
}

/// Split a body into paragraphs (blank-line separated; a single line break is a
/// space) and, in transcripts, assign speaker turns.
///
/// A paragraph with no blank line anywhere in a body of several lines is split
/// per line only by the JSON Lines format, which decides that before calling.
pub fn split_passages(body: &str, meta: &Metadata) -> Vec<Passage> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        // A line break inside a paragraph is a space, except between two CJK
        // characters, where hard-wrapped Chinese has none.
        let cjk_join = current
            .chars()
            .next_back()
            .is_some_and(crate::analysis::is_cjk)
            && line.chars().next().is_some_and(crate::analysis::is_cjk);
        if !current.is_empty() && !cjk_join {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }

    let transcript = meta.is_transcript();
    let mut turn: Option<String> = None;
    paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let speaker = if transcript {
                if let Some(name) = turn_speaker(&text, meta) {
                    turn = Some(name);
                }
                turn.clone()
            } else {
                meta.speaker.clone()
            };
            Passage {
                number: i as u64 + 1,
                speaker,
                text,
            }
        })
        .collect()
}

/// The speaker named by a paragraph's `Name:` prefix, if it opens a turn.
///
/// `Q:`/`Question:`/`问：` are a journalist's turn; `A:`/`Answer:`/`答：` are the
/// statement's speaker (the spokesperson), or "Answer" when none is named.
pub fn turn_speaker(paragraph: &str, meta: &Metadata) -> Option<String> {
    let (colon, _) = paragraph
        .char_indices()
        .take(48)
        .find(|(_, c)| *c == ':' || *c == '：')?;
    let name = paragraph[..colon].trim();
    match name {
        "Q" | "Question" | "问" => return Some("Journalist".to_string()),
        "A" | "Answer" | "答" => {
            return Some(meta.speaker.clone().unwrap_or_else(|| "Answer".to_string()))
        }
        _ => {}
    }
    let first = name.chars().next()?;
    let plausible = (first.is_uppercase() || crate::analysis::is_cjk(first))
        && name.split_whitespace().count() <= 5
        && !name.chars().any(|c| ".,;!?\"“”()[]".contains(c));
    plausible.then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(kind: &str) -> Metadata {
        Metadata {
            id: "x".into(),
            publisher: "P".into(),
            country: "US".into(),
            kind: kind.into(),
            lang: "en".into(),
            date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            title: "T".into(),
            event: None,
            url: None,
            speaker: Some("Hua Chunying".into()),
            translation_of: None,
            date_source: None,
            notes: None,
        }
    }

    #[test]
    fn paragraphs_join_wrapped_lines_and_number_from_one() {
        let p = split_passages("one\r\ntwo\n\n\n three \n", &meta("readout"));
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "one two");
        assert_eq!(p[1].number, 2);
        assert_eq!(p[1].text, "three");
        assert_eq!(p[1].speaker.as_deref(), Some("Hua Chunying"));
        let zh = split_passages("中美关系\n稳定向好\nG20\n峰会", &meta("readout"));
        assert_eq!(zh[0].text, "中美关系稳定向好 G20 峰会");
    }

    #[test]
    fn turns_carry_over_to_unprefixed_paragraphs() {
        let body = "Reporter: A question.\n\nAlso, more.\n\nPrime Minister Takaichi: Answer.\n\nQ: Next?\n\n答：好的。";
        let p = split_passages(body, &meta("press-conference"));
        let speakers: Vec<_> = p.iter().map(|p| p.speaker.clone().unwrap()).collect();
        assert_eq!(
            speakers,
            [
                "Reporter",
                "Reporter",
                "Prime Minister Takaichi",
                "Journalist",
                "Hua Chunying"
            ]
        );
    }

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
