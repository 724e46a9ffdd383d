//! JSON Lines: one statement per line, an object with the statement keys plus
//! `text` (paragraphs separated by blank lines; a text with no blank line has one
//! paragraph per line). `id` is required: it is the document id.
//!
//! A bad line rejects that record only; its error names `file:line`. Blank lines
//! are skipped. Duplicate keys in one object are an error (JSON parsers
//! disagree on which one wins).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Field, Metadata, Statement, MAX_STATEMENT_BYTES};

/// Read every record of a JSON Lines stream into memory (tests, small inputs;
/// ingest iterates [`records`] instead).
pub fn read(path: &Path, reader: impl BufRead) -> Vec<Result<Statement>> {
    records(path, reader).collect()
}

/// The records of a JSON Lines stream, one at a time: memory holds one line
/// (at most the statement cap; a longer line is skipped, not stored, and
/// reported as too large). A stream that starts with a UTF-16 byte-order
/// mark is decoded as a whole first (as statement files are).
pub fn records<'a>(path: &Path, reader: impl BufRead + 'a) -> Records<'a> {
    Records {
        path: path.to_path_buf(),
        reader: Box::new(reader),
        line: 0,
        buf: Vec::new(),
        done: false,
        checked_bom: false,
    }
}

/// Iterator over the records of a JSON Lines stream (see [`records`]).
pub struct Records<'a> {
    path: PathBuf,
    reader: Box<dyn BufRead + 'a>,
    line: usize,
    buf: Vec<u8>,
    done: bool,
    checked_bom: bool,
}

impl Records<'_> {
    /// Line number of the last record returned (1-based).
    pub fn line(&self) -> usize {
        self.line
    }

    /// A UTF-16 stream is decoded whole into UTF-8 and read from memory.
    fn decode_utf16_if_marked(&mut self) -> Result<()> {
        self.checked_bom = true;
        let head = self
            .reader
            .fill_buf()
            .map_err(|e| Error::io(&self.path, e))?;
        if !(head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])) {
            return Ok(());
        }
        let mut bytes = Vec::new();
        self.reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&self.path, e))?;
        let text = crate::encoding::decode(&self.path, &bytes)?;
        self.reader = Box::new(std::io::Cursor::new(text.into_bytes()));
        Ok(())
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Statement>;

    fn next(&mut self) -> Option<Result<Statement>> {
        if self.done {
            return None;
        }
        if !self.checked_bom {
            if let Err(e) = self.decode_utf16_if_marked() {
                self.done = true;
                return Some(Err(e));
            }
        }
        loop {
            self.buf.clear();
            let length = match read_line_capped(&mut self.reader, &mut self.buf, LINE_CAP) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.path, e)));
                }
            };
            self.line += 1;
            if length > LINE_CAP {
                return Some(Err(too_large(&self.path, self.line, length)));
            }
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            }
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_line(&self.path, self.line, bytes));
        }
    }
}

/// The longest line kept in memory: a record over the statement cap is
/// rejected anyway (escapes make a line longer than its text, so allow
/// for them).
const LINE_CAP: usize = MAX_STATEMENT_BYTES + 1;

/// Read one line (with its `\n`) into `buf`, keeping at most `cap` bytes;
/// returns the line's whole length (so a longer line is known by its size).
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
    let mut length = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(length);
        }
        let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let keep = chunk.len().min(cap.saturating_sub(buf.len()));
        buf.extend_from_slice(&chunk[..keep]);
        let used = chunk.len();
        length += used;
        reader.consume(used);
        if found {
            return Ok(length);
        }
    }
}

fn too_large(path: &Path, line: usize, bytes: usize) -> Error {
    Error::input(
        path,
        line,
        format!(
            "record of {:.1} MB is over the {} MB cap for one statement",
            bytes as f64 / 1_048_576.0,
            MAX_STATEMENT_BYTES / 1_048_576
        ),
    )
}

/// Parse one record.
pub fn parse_line(path: &Path, line: usize, bytes: &[u8]) -> Result<Statement> {
    if bytes.len() > MAX_STATEMENT_BYTES {
        return Err(too_large(path, line, bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            line,
            format!(
                "not valid UTF-8: byte 0x{:02X} at byte offset {} of the line",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        )
    })?;
    let mut de = serde_json::Deserializer::from_str(text.trim_end());
    let pairs = de
        .deserialize_map(PairsVisitor)
        .and_then(|p| de.end().map(|_| p))
        .map_err(|e| {
            Error::input(
                path,
                line,
                format!(
                    "invalid JSON at column {}: {}",
                    e.column(),
                    strip_position(&e)
                ),
            )
        })?;

    let mut fields = Vec::new();
    let mut body: Option<String> = None;
    for (key, value) in pairs {
        if fields.iter().any(|f: &Field| f.key == key) || (key == "text" && body.is_some()) {
            return Err(Error::input(path, line, format!("duplicate key \"{key}\"")));
        }
        let value = match value {
            Value::String(s) => s,
            Value::Null => continue,
            other => {
                return Err(Error::input(
                    path,
                    line,
                    format!(
                        "key \"{key}\": expected a string, found {}",
                        json_type(&other)
                    ),
                ))
            }
        };
        if key == "text" {
            body = Some(value);
        } else {
            fields.push(Field { key, value, line });
        }
    }
    let meta = Metadata::from_fields(&fields, path, line, None)?;
    let Some(body) = body else {
        return Err(Error::input(path, line, "missing key \"text\""));
    };
    let body = crate::encoding::normalize_newlines(body);
    // A blank line is one with nothing but white space (NBSP included).
    let has_blank_line = body.trim().lines().any(|l| l.trim().is_empty());
    let body = if has_blank_line || is_hard_wrapped(&body) {
        body
    } else {
        body.replace('\n', "\n\n")
    };
    let statement = Statement::new(meta, &body, path.to_path_buf());
    if statement.passages.is_empty() {
        return Err(Error::input(path, line, "key \"text\" is empty"));
    }
    Ok(statement)
}

/// Does a text without blank lines look like one hard-wrapped paragraph
/// (pandoc's 72 columns) rather than one paragraph per line? Every line but
/// the last fits in 80 columns and at least three quarters of them run past
/// 50: a list of short paragraphs does not look like that.
pub fn is_hard_wrapped(text: &str) -> bool {
    let lines: Vec<usize> = text.trim().lines().map(|l| l.chars().count()).collect();
    let Some((_, wrapped)) = lines.split_last() else {
        return false;
    };
    !wrapped.is_empty()
        && wrapped.iter().all(|&n| n <= 80)
        && wrapped.iter().filter(|&&n| n >= 50).count() * 4 >= wrapped.len() * 3
}

fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Collects an object's pairs in order, keeping duplicates so they can be reported.
struct PairsVisitor;

impl<'de> Visitor<'de> for PairsVisitor {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            pairs.push((k, v));
        }
        Ok(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id":"a","publisher":"The White House","country":"US","kind":"readout","lang":"en","date":"2021-01-22","title":"T","text":"line one\nwraps here\n\nsecond"}"#;

    fn errors(input: &str) -> Vec<String> {
        read(Path::new("in.jsonl"), input.as_bytes())
            .into_iter()
            .filter_map(|r| r.err().map(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn reads_records_and_wrapped_paragraphs() {
        let out = read(
            Path::new("in.jsonl"),
            format!("{GOOD}\n\n{}\n", GOOD.replace("\"a\"", "\"b\"")).as_bytes(),
        );
        assert_eq!(out.len(), 2);
        let s = out[0].as_ref().unwrap();
        assert_eq!(s.passages.len(), 2);
        assert_eq!(s.passages[0].text, "line one wraps here");
    }

    proptest::proptest! {
        /// Any bytes give a statement or a located error, never a panic.
        #[test]
        fn any_bytes_give_a_record_or_a_located_error(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            for r in read(Path::new("in.jsonl"), &bytes[..]) {
                if let Err(e) = r {
                    proptest::prop_assert!(e.to_string().starts_with("in.jsonl"));
                }
            }
            if let Err(e) = super::super::statement_file::parse_bytes(Path::new("x.md"), &bytes) {
                proptest::prop_assert!(e.to_string().starts_with("x.md"));
            }
        }
    }

    #[test]
    fn text_without_blank_lines_is_one_paragraph_per_line() {
        let out = read(
            Path::new("in.jsonl"),
            GOOD.replace("\\n\\n", "\\n").as_bytes(),
        );
        assert_eq!(out[0].as_ref().unwrap().passages.len(), 3);
    }

    #[test]
    fn bad_lines_are_located_and_the_rest_kept() {
        let input = format!(
            "{GOOD}\n{{\"id\": \"x\",}}\n{}\n{}",
            GOOD.replace("\"a\"", "\"c\"")
                .replace("\"id\"", "\"id\":\"d\",\"id\""),
            &GOOD[..40]
        );
        let errs = errors(&input);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs[0].starts_with("in.jsonl:2: invalid JSON"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].starts_with("in.jsonl:3: duplicate key \"id\""),
            "{}",
            errs[1]
        );
        assert!(
            errs[2].starts_with("in.jsonl:4: invalid JSON"),
            "{}",
            errs[2]
        );
        assert!(errors("{\"id\":\"a\"}\u{0}\n")[0].starts_with("in.jsonl:1: invalid JSON"));
        assert!(errors("[1,2]\n")[0].starts_with("in.jsonl:1: invalid JSON"));
        assert!(errors(&GOOD.replace("\"2021-01-22\"", "12"))[0]
            .contains("key \"date\": expected a string, found a number"));
    }

    #[test]
    fn a_utf16_stream_is_decoded_like_a_utf16_statement_file() {
        for (bom, unit) in [
            ([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            ([0xFE, 0xFF], u16::to_be_bytes as fn(u16) -> [u8; 2]),
        ] {
            let text = format!("{GOOD}\n{}\n", GOOD.replace("\"a\"", "\"b\""));
            let bytes: Vec<u8> = bom
                .into_iter()
                .chain(text.encode_utf16().flat_map(unit))
                .collect();
            let out = read(Path::new("in.jsonl"), &bytes[..]);
            assert_eq!(out.len(), 2);
            assert_eq!(out[1].as_ref().unwrap().meta.id, "b");
        }
    }

    #[test]
    fn a_line_over_the_cap_is_not_kept_and_the_next_line_is_read() {
        let mut reader = std::io::Cursor::new(format!("{}\nshort\n", "x".repeat(100)));
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut reader, &mut buf, 10).unwrap(), 101);
        assert_eq!(buf.len(), 10, "only the cap is kept in memory");
        buf.clear();
        assert_eq!(read_line_capped(&mut reader, &mut buf, 10).unwrap(), 6);
        assert_eq!(buf, b"short\n");
        buf.clear();
        assert_eq!(read_line_capped(&mut reader, &mut buf, 10).unwrap(), 0);
    }

    #[test]
    fn records_stream_one_at_a_time_with_their_lines() {
        let input = format!("{GOOD}\n\n{{bad\n{}\n", GOOD.replace("\"a\"", "\"c\""));
        let mut records = records(Path::new("in.jsonl"), input.as_bytes());
        assert_eq!(records.next().unwrap().unwrap().meta.id, "a");
        assert_eq!(records.line(), 1);
        assert!(records.next().unwrap().is_err());
        assert_eq!(records.line(), 3);
        assert_eq!(records.next().unwrap().unwrap().meta.id, "c");
        assert!(records.next().is_none());
    }
}
