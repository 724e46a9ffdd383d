//! Statement files: TOML front matter between `+++` lines, then the body.
//!
//! ```text
//! +++
//! publisher = "Xinhua News Agency"
//! country = "CN"
//! kind = "readout"
//! lang = "zh"
//! date = "2025-11-24"
//! title = "习近平同美国总统特朗普通电话"
//! +++
//!
//! First paragraph.
//!
//! Second paragraph.
//! ```
//!
//! See `index-schema/README.md` for every key.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Field, Metadata, Statement, MAX_STATEMENT_BYTES};

/// Read and parse one statement file (refused unread when over the size cap).
pub fn read(path: &Path) -> Result<Statement> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_STATEMENT_BYTES as u64 {
        return Err(too_large(path, size as usize));
    }
    parse_bytes(path, &std::fs::read(path).map_err(|e| Error::io(path, e))?)
}

/// Decode and parse the bytes of a statement file.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Statement> {
    if bytes.len() > MAX_STATEMENT_BYTES {
        return Err(too_large(path, bytes.len()));
    }
    parse(path, &crate::encoding::decode(path, bytes)?)
}

/// The id a statement file has without an `id` key: its file stem, which
/// must then be UTF-8.
fn default_id<'p>(path: &'p Path, fields: &[Field], line: usize) -> Result<Option<&'p str>> {
    let stem = path.file_stem();
    let default_id = stem.and_then(|s| s.to_str());
    if stem.is_some() && default_id.is_none() && !fields.iter().any(|f| f.key == "id") {
        return Err(Error::input(
            path,
            line,
            "the file name is not valid UTF-8, so it cannot be the statement's id: add an `id` key (or rename the file)",
        ));
    }
    Ok(default_id)
}

pub(crate) fn too_large(path: &Path, size: usize) -> Error {
    Error::File {
        path: path.to_path_buf(),
        reason: format!(
            "{:.1} MB is over the {} MB cap for one statement; split it into several statements",
            size as f64 / 1_048_576.0,
            MAX_STATEMENT_BYTES / 1_048_576
        ),
    }
}

/// Parse the text of a statement file (already decoded, `\n` line endings).
pub fn parse(path: &Path, text: &str) -> Result<Statement> {
    if text.len() > MAX_STATEMENT_BYTES {
        return Err(too_large(path, text.len()));
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(open) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Err(Error::input(
            path,
            1,
            "empty file: a statement needs front matter and text",
        ));
    };
    if lines[open].trim() != "+++" {
        return Err(Error::input(
            path,
            open + 1,
            "expected front matter: the file must start with a line `+++`",
        ));
    }
    let Some(close) = (open + 1..lines.len()).find(|&i| lines[i].trim() == "+++") else {
        return Err(Error::input(
            path,
            open + 1,
            "front matter opened here is never closed by a line `+++`",
        ));
    };
    let first_key_line = open + 2; // 1-based line of the first front-matter line
    let front = lines[open + 1..close].join("\n");
    let table: toml::Table = toml::from_str(&front).map_err(|e| {
        // `toml_error_line` counts from 1; the front matter starts at `first_key_line`.
        let line = crate::encoding::toml_error_line(&front, &e) - 1;
        Error::input(
            path,
            first_key_line + line,
            format!("front matter: {}", e.message()),
        )
    })?;

    let mut fields = Vec::with_capacity(table.len());
    for (key, value) in &table {
        let line = first_key_line + key_line(&front, key);
        let value = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            other => {
                return Err(Error::input(
                    path,
                    line,
                    format!(
                        "key \"{key}\": expected a string, found {}",
                        other.type_str()
                    ),
                ))
            }
        };
        fields.push(Field {
            key: key.clone(),
            value,
            line,
        });
    }
    let default_id = default_id(path, &fields, open + 1)?;
    let meta = Metadata::from_fields(&fields, path, open + 1, default_id)?;
    let body = lines[close + 1..].join("\n");
    let statement = Statement::new(meta, &body, path.to_path_buf());
    if statement.passages.is_empty() {
        return Err(Error::input(
            path,
            close + 1,
            "no text after the front matter (metadata-only files are rejected)",
        ));
    }
    if let Some(reason) = statement.over_caps() {
        return Err(Error::input(path, close + 2, reason));
    }
    Ok(statement)
}

/// 0-based line within the front matter where `key` is assigned.
fn key_line(front: &str, key: &str) -> usize {
    front
        .split('\n')
        .position(|l| {
            let l = l.trim_start();
            let rest = l
                .strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| l.strip_prefix(&format!("'{key}'")));
            rest.is_some_and(|r| r.trim_start().starts_with('='))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\npublisher = \"Xinhua News Agency\"\ncountry = \"CN\"\nkind = \"readout\"\nlang = \"zh\"\ndate = \"2025-11-24\"\ntitle = \"T\"\n+++\n\n第一段。\n\n第二段\n续。\n";

    fn err(text: &str) -> String {
        parse(Path::new("bad.md"), text).unwrap_err().to_string()
    }

    #[test]
    fn parses_a_statement() {
        let s = parse(Path::new("dir/xinhua.md"), GOOD).unwrap();
        assert_eq!(s.meta.id, "xinhua");
        assert_eq!(s.passages.len(), 2);
        assert_eq!(s.passages[1].text, "第二段续。");
    }

    #[test]
    fn errors_name_file_line_and_key() {
        assert_eq!(
            err(&GOOD.replace("date = ", "dat = ")),
            "bad.md:6: unknown key \"dat\" (did you mean \"date\"?)"
        );
        assert_eq!(
            err(&GOOD.replace("2025-11-24", "2025-02-30")),
            "bad.md:6: key \"date\": \"2025-02-30\" is not a day of the calendar"
        );
        assert_eq!(
            err(&GOOD.replace("\"CN\"", "\"China\"")).split(':').nth(1),
            Some("3")
        );
        assert!(
            err(&GOOD.replace("lang = \"zh\"\n", "")).contains("bad.md:1: missing key \"lang\"")
        );
        assert!(err(&GOOD.replace("\"zh\"", "\"chinese\"")).starts_with("bad.md:5: key \"lang\""));
        assert!(err(&GOOD.replace("title = \"T\"", "title = 3"))
            .starts_with("bad.md:7: key \"title\": expected a string"));
        assert!(err("").contains("empty file"));
        assert!(err(&GOOD.replace("\n+++\n\n第一段", "\n\n\n第一段")).contains("never closed"));
        assert!(err("+++\npublisher = \"X\"\n")
            .contains("bad.md:1: front matter opened here is never closed"));
        assert!(err("Title\n+++\n").starts_with("bad.md:1: expected front matter"));
    }

    #[test]
    fn unquoted_toml_dates_are_accepted() {
        let s = parse(
            Path::new("x.md"),
            &GOOD.replace("\"2025-11-24\"", "2025-11-24"),
        )
        .unwrap();
        assert_eq!(s.meta.date.to_string(), "2025-11-24");
    }

    #[test]
    fn metadata_only_is_rejected() {
        let text = GOOD.split("\n\n").next().unwrap().to_string() + "\n\n   \n";
        let msg = err(&text);
        assert!(msg.contains("no text after the front matter"), "{msg}");
    }
}
