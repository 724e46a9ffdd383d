//! Input formats. Each turns bytes into statements or located errors, never a panic:
//!
//! - [`statement_file`]: one statement per `.md`/`.txt` file, TOML front matter
//!   between `+++` lines, then the body;
//! - [`jsonl`]: one statement per line of a `.jsonl` file or standard input;
//! - [`draft`]: statement files to review, each inferred value marked;
//! - [`pairs`]: translation pairs (`original id, translation id`, CSV or TSV).
//!
//! [`format_of`] tells which format a file name implies. Reading files and
//! standard input is the ingest service's job (`crate::ingest`); bytes become
//! text in `crate::encoding`.

pub mod draft;
pub mod jsonl;
pub mod pairs;
pub mod statement_file;

use std::path::Path;

/// What a source holds, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// A statement file (`.md`, `.markdown`, `.txt`).
    StatementFile,
    /// JSON Lines (`.jsonl`, `.ndjson`, or `-` for standard input).
    JsonLines,
}

/// The file extensions ingest reads, for messages.
pub const EXTENSIONS: &str =
    ".md, .markdown, .txt (statement files) or .jsonl, .ndjson (JSON Lines)";

/// The format a file name implies, if any.
pub fn format_of(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" | "txt" => Some(SourceFormat::StatementFile),
        "jsonl" | "ndjson" => Some(SourceFormat::JsonLines),
        _ => None,
    }
}
