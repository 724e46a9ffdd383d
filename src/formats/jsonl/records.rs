//! Streaming: the records of a JSON Lines reader one at a time, one line in
//! memory (at most the statement cap).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::parse_line;
use crate::error::{Error, Result};
use crate::model::{Statement, MAX_STATEMENT_BYTES};

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
pub(super) const LINE_CAP: usize = 6 * MAX_STATEMENT_BYTES + 4096;

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

pub(super) fn too_large(path: &Path, line: usize, bytes: usize) -> Error {
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

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id":"a","publisher":"The White House","country":"US","kind":"readout","lang":"en","date":"2021-01-22","title":"T","text":"line one\nwraps here\n\nsecond"}"#;

    fn read(path: &Path, reader: impl BufRead) -> Vec<Result<Statement>> {
        records(path, reader).collect()
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
