//! Bytes to text, before anything else reads a file: BOMs, UTF-16 and line
//! endings. Every module that reads a file the user gave (statement files,
//! JSON Lines, glossaries, compilations) decodes it here, so they all accept
//! and refuse the same encodings with the same located errors.

use std::path::Path;

use crate::error::{Error, Result};

/// Decode a file's bytes into text with `\n` line endings.
///
/// UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted; anything else
/// is an error naming the byte offset and line of the first invalid byte.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(path, rest, 3)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(path, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(path, rest, u16::from_be_bytes)?
    } else {
        utf8(path, bytes, 0)?
    };
    Ok(normalize_newlines(text))
}

/// Turn CRLF and lone CR into LF.
pub fn normalize_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

fn utf8(path: &Path, bytes: &[u8], skipped: usize) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            Err(Error::input(
                path,
                line,
                format!(
                    "not valid UTF-8: byte 0x{:02X} at byte offset {} (convert the file to UTF-8, e.g. `iconv -f GB18030 -t UTF-8`)",
                    bytes[at],
                    at + skipped
                ),
            ))
        }
    }
}

fn utf16(path: &Path, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::File {
            path: path.to_path_buf(),
            reason: "UTF-16 file with an odd number of bytes".into(),
        });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(i, r)| {
            r.map_err(|_| Error::File {
                path: path.to_path_buf(),
                reason: format!("invalid UTF-16 at byte offset {}", 2 + 2 * i),
            })
        })
        .collect()
}

/// The 1-based line of byte `offset` of `text` (the last line when past the end).
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based line of the `nth` (0-based) occurrence of `"value"` (quoted,
/// as TOML writes a string) in `text`, or 1 when there is none.
pub fn line_of_quoted(text: &str, value: &str, nth: usize) -> usize {
    let quoted = format!("\"{value}\"");
    text.match_indices(&quoted)
        .nth(nth)
        .map_or(1, |(at, _)| line_at(text, at))
}

/// The line a TOML error points at (its span's start), or 1.
pub fn toml_error_line(text: &str, e: &toml::de::Error) -> usize {
    e.span().map_or(1, |s| line_at(text, s.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_line_endings() {
        let p = Path::new("x.md");
        assert_eq!(decode(p, b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("台湾".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(p, &utf16le).unwrap(), "台湾");
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = decode(Path::new("gbk.md"), b"ok\nline two \xD6\xD0\xB9\xFA").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("gbk.md:2: not valid UTF-8"), "{msg}");
        assert!(msg.contains("byte offset 12"), "{msg}");
    }
}
