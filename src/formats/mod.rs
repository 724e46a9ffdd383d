//! Input formats. Each turns bytes into statements or located errors, never a panic:
//!
//! - [`statement_file`]: one statement per `.md`/`.txt` file, TOML front matter
//!   between `+++` lines, then the body;
//! - [`jsonl`]: one statement per line of a `.jsonl` file or standard input.
//!
//! [`discover`] expands the paths given to `ingest` into sources, and
//! [`decode`] turns raw bytes into text (BOM, UTF-16, line endings).

pub mod jsonl;
pub mod statement_file;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Statement;

/// What a source holds, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// A statement file (`.md`, `.markdown`, `.txt`).
    StatementFile,
    /// JSON Lines (`.jsonl`, `.ndjson`, or `-` for standard input).
    JsonLines,
}

/// One input to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// File path, or `-` for standard input.
    pub path: PathBuf,
    /// How to read it.
    pub format: SourceFormat,
}

/// The format a file name implies, if any.
pub fn format_of(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" | "txt" => Some(SourceFormat::StatementFile),
        "jsonl" | "ndjson" => Some(SourceFormat::JsonLines),
        _ => None,
    }
}

/// Expand paths into sources: files as given, folders recursively (sorted;
/// hidden entries, READMEs and files of other types skipped), `-` as standard input.
///
/// A named file of an unknown type, or a path that does not exist, is an error
/// for that path only; it is returned beside the sources found.
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source {
                path: path.clone(),
                format: SourceFormat::JsonLines,
            });
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(path, e));
                continue;
            }
        };
        if meta.is_file() {
            match format_of(path) {
                Some(format) => sources.push(Source {
                    path: path.clone(),
                    format,
                }),
                None => errors.push(Error::File {
                    path: path.clone(),
                    reason: "unsupported file type: expected .md, .txt or .jsonl".into(),
                }),
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && !is_project_file(e.path()) => {
                    if let Some(format) = format_of(e.path()) {
                        sources.push(Source {
                            path: e.path().to_path_buf(),
                            format,
                        });
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let p = e.path().unwrap_or(path).to_path_buf();
                    let source = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                    errors.push(Error::io(p, source));
                }
            }
        }
    }
    (sources, errors)
}

/// READMEs, changelogs and licences found while walking a folder are not
/// statements and are skipped (a file named on the command line is always read).
pub fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    ["README", "CHANGELOG", "LICENSE", "LICENCE", "CONTRIBUTING"].contains(&stem.as_str())
}

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

/// The raw bytes of a source: the file, or all of standard input for `-`.
///
/// A statement file over the size cap is refused before it is read.
pub fn load(source: &Source) -> Result<Vec<u8>> {
    use std::io::Read;
    if source.path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("-", e))?;
        return Ok(bytes);
    }
    if source.format == SourceFormat::StatementFile {
        let size = std::fs::metadata(&source.path)
            .map_err(|e| Error::io(&source.path, e))?
            .len();
        if size > crate::model::MAX_STATEMENT_BYTES as u64 {
            return Err(statement_file::too_large(&source.path, size as usize));
        }
    }
    std::fs::read(&source.path).map_err(|e| Error::io(&source.path, e))
}

/// Parse a source's bytes into statements, one result per statement (a
/// whole-file failure is a single error).
pub fn parse_source(source: &Source, bytes: &[u8]) -> Vec<Result<Statement>> {
    match source.format {
        SourceFormat::StatementFile => vec![statement_file::parse_bytes(&source.path, bytes)],
        SourceFormat::JsonLines => jsonl::read(&source.path, bytes),
    }
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
