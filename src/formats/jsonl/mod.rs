//! JSON Lines: one statement per line, an object with the statement keys plus
//! `text` (paragraphs separated by blank lines; a text with no blank line has one
//! paragraph per line). `id` is required: it is the document id.
//!
//! A bad line rejects that record only; its error names `file:line`. Blank lines
//! are skipped. Duplicate keys in one object are an error (JSON parsers
//! disagree on which one wins).

mod records;

use std::io::BufRead;
use std::path::Path;

pub use records::{records, Records};

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Field, Metadata, Statement, MAX_STATEMENT_BYTES};

/// Read every record of a JSON Lines stream into memory (tests, small inputs;
/// ingest iterates [`records`] instead).
pub fn read(path: &Path, reader: impl BufRead) -> Vec<Result<Statement>> {
    records(path, reader).collect()
}

/// A line's bytes as UTF-8, or the offset of the first bad byte.
fn line_text<'b>(path: &Path, line: usize, bytes: &'b [u8]) -> Result<&'b str> {
    std::str::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            line,
            format!(
                "not valid UTF-8: byte 0x{:02X} at byte offset {} of the line",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        )
    })
}

/// Parse one record.
pub fn parse_line(path: &Path, line: usize, bytes: &[u8]) -> Result<Statement> {
    // The cap is on the statement, not on its JSON: `\u53f0` is 6 bytes of
    // JSON for 3 of text. A line beyond what escapes can explain is refused
    // before parsing.
    if bytes.len() > records::LINE_CAP {
        return Err(records::too_large(path, line, bytes.len()));
    }
    let text = line_text(path, line, bytes)?;
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
    if body.len() > MAX_STATEMENT_BYTES {
        return Err(records::too_large(path, line, body.len()));
    }
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
    if let Some(reason) = statement.over_caps() {
        return Err(Error::input(path, line, reason));
    }
    Ok(statement)
}

/// Does a text without blank lines look like one hard-wrapped paragraph
/// (pandoc's 72 columns) rather than one paragraph per line? Every line but
/// the last fits in 80 columns and at least three quarters of them run past
/// 50: a list of short paragraphs does not look like that. Columns are
/// display columns: a CJK character takes two, so a 50-character Chinese
/// line (100 columns) is a paragraph of its own, never wrapped into the next.
pub fn is_hard_wrapped(text: &str) -> bool {
    let columns = |l: &str| {
        l.chars()
            .map(|c| if crate::analysis::is_cjk(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    // A line that opens with `Q:`, `A:`, `问：`, `答：` starts a turn, not a wrap.
    let opens_turn = |l: &str| {
        use crate::model::attribution::{current, turns};
        turns::label_text(l).is_some_and(|label| {
            matches!(
                current().classify_label(label),
                Some(turns::Label::Question | turns::Label::Answer | turns::Label::FollowUp)
            )
        })
    };
    if text.trim().lines().skip(1).any(opens_turn) {
        return false;
    }
    let lines: Vec<usize> = text.trim().lines().map(columns).collect();
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
    fn a_chinese_question_line_is_not_wrapped_into_its_answer() {
        // 50 characters of question: 100 display columns.
        let question = format!(
            "问：{}？",
            "据报道有关国家近日宣布将进一步扩大出口管制范围中方对此有何评论".repeat(2)
        );
        assert!(question.chars().count() >= 50);
        let text = format!("{question}\n答：我们注意到有关报道。");
        assert!(!is_hard_wrapped(&text));
        // A 36-character line (72 columns) followed by an answer label either.
        let short: String = question.chars().take(36).collect();
        assert!(!is_hard_wrapped(&format!("{short}\n答：好的。")));
        // English wrapped at 72 columns still is one paragraph.
        let english = "The two leaders discussed the situation in the Middle East and the\nneed to protect civilians.";
        assert!(is_hard_wrapped(english));
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
}
