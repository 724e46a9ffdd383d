//! `readouts import`: several statements pasted into one text file by a
//! researcher (a compilation), split into statement-file drafts for a person
//! to review before ingesting.
//!
//! A compilation is plain text, one paragraph per line (blank lines are allowed
//! and ignored; a line is joined to the one before it only where the wrap is
//! evident: it starts in lower case, or the line before ends with a comma, or a
//! long CJK line runs on). [`split`] infers:
//!
//! - **where statements begin**: a heading line (short, no sentence punctuation,
//!   e.g. "The US readout", "Japan’s Press Conference", a Chinese title) after
//!   text, a dateline paragraph ("Xinhua News Agency, Beijing, November 24 — …",
//!   "新华社北京11月24日电 …") after text, or a switch of script (English to
//!   Chinese and back). The heading lines before a statement's text are its
//!   title (the last one) and compilation furniture (the others); a date line
//!   ("November 25, 2025") and a bracketed note ("[Provisional translation]")
//!   between the title and the text go to `date` and `notes`, not to the body;
//! - **lang** from the script (a share of Han characters → `zh`, kana → `ja`,
//!   else `en`);
//! - **publisher** and **country** from datelines, outlets named in headings or
//!   speaker turns, and the forms of MOFA Japan and the Prime Minister's Office;
//! - **date** from a date line or dateline, a missing year taken from the nearest
//!   full date of the compilation; a statement with no date takes the event's
//!   date (the earliest one) and says so in `date_source`;
//! - **kind** (`readout`, `interview` for `Name:` turns with an interviewer,
//!   `press-conference`), the principal **speaker**, one shared **event** id,
//!   an **id** per statement and **translation_of** for an English statement
//!   whose original is in the same compilation.
//!
//! Every inferred value carries a TOML comment saying why; a value that cannot
//! be inferred is written as `""` with `# could not infer: fill in` and listed
//! in [`Compilation::unresolved`]. Empty required values are rejected by the
//! statement-file parser, so nothing unreviewed can be ingested by accident.
//!
//! The steps, in order: `paragraphs` (lines to paragraphs) → `segment` (where
//! statements begin) → `infer` per statement (with `language`, `dates`,
//! `datelines`, `names`, `publishers`, `kind`, `speaker`, and `context` for
//! what the whole compilation tells) → `assemble` (event, translations, `ids`,
//! fields). The vocabulary (publishers, titles, month names, …) is data:
//! [`tables`], from `index-schema/import-tables.toml`.

mod assemble;
mod context;
mod datelines;
mod dates;
pub mod events;
mod ids;
mod infer;
mod kind;
mod language;
mod names;
mod paragraphs;
mod publishers;
mod segment;
mod speaker;
pub mod tables;
mod text;

use std::path::Path;

use crate::error::{Error, Result};
pub use crate::formats::draft::{Draft, DraftField, COULD_NOT_INFER};
use infer::Inferred;

/// Compilations larger than this are refused by [`import`] before reading.
const MAX_COMPILATION_BYTES: u64 = 100 * 1024 * 1024;

/// The result of splitting a compilation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compilation {
    /// One draft per statement, in the order of the compilation.
    pub drafts: Vec<Draft>,
    /// What a person must fill in or look at: `"file_name: key"` for every value
    /// left empty, and `"path:line: …"` for text that was skipped.
    pub unresolved: Vec<String>,
}

/// A draft field from an inference, or unresolved when there is none.
fn from_inference(key: &str, value: Option<Inferred>) -> DraftField {
    match value {
        Some(i) => DraftField::inferred(key, i.value, i.why),
        None => DraftField::unresolved(key),
    }
}

/// Split the text of a compilation into statement drafts.
///
/// `path` names the compilation in errors and notes; `event` overrides the
/// generated event id. Empty text, text with only headings and binary-looking
/// text are errors naming the path and line; nothing panics.
pub fn split(path: &Path, text: &str, event: Option<&str>) -> Result<Compilation> {
    if let Some(event) = event {
        check_event(event)?;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        crate::encoding::normalize_newlines(text.to_string())
    } else {
        text.to_string()
    };
    check_binary(path, &text)?;
    let paras = paragraphs::paragraphs(&text);
    let Some(first) = paras.first() else {
        return Err(Error::input(
            path,
            1,
            "empty compilation: no statements to split",
        ));
    };
    let first_line = first.line;
    let mut unresolved = Vec::new();
    let segments = segment::with_text(path, segment::segment(paras), &mut unresolved);
    if segments.is_empty() {
        return Err(Error::input(
            path,
            first_line,
            "no statement text: the compilation holds only headings, dates or notes",
        ));
    }
    let ctx = context::Context::new(&segments);
    let mut facts: Vec<infer::Facts> = segments.iter().map(|s| infer::infer(s, &ctx)).collect();
    let drafts = assemble::assemble(&mut facts, &ctx, event);
    for draft in &drafts {
        for field in draft.fields.iter().filter(|f| f.is_unresolved()) {
            unresolved.push(format!("{}: {}", draft.file_name, field.key));
        }
    }
    Ok(Compilation { drafts, unresolved })
}

/// Read a compilation file, split it and write each draft to
/// `out_dir/file_name`, creating `out_dir`.
///
/// Nothing is written if any target file already exists: the error names it.
pub fn import(input: &Path, out_dir: &Path, event: Option<&str>) -> Result<Compilation> {
    let size = std::fs::metadata(input)
        .map_err(|e| Error::io(input, e))?
        .len();
    if size > MAX_COMPILATION_BYTES {
        return Err(Error::File {
            path: input.to_path_buf(),
            reason: format!(
                "{:.1} MB is over the {} MB cap for a compilation; split the file",
                size as f64 / 1_048_576.0,
                MAX_COMPILATION_BYTES / 1_048_576
            ),
        });
    }
    let bytes = std::fs::read(input).map_err(|e| Error::io(input, e))?;
    let text = crate::encoding::decode(input, &bytes)?;
    let compilation = split(input, &text, event)?;
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    for draft in &compilation.drafts {
        let target = out_dir.join(&draft.file_name);
        if target.exists() {
            return Err(existing(&target));
        }
    }
    for draft in &compilation.drafts {
        let target = out_dir.join(&draft.file_name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    existing(&target)
                } else {
                    Error::io(&target, e)
                }
            })?;
        std::io::Write::write_all(&mut file, draft.render().as_bytes())
            .map_err(|e| Error::io(&target, e))?;
    }
    Ok(compilation)
}

fn existing(target: &Path) -> Error {
    Error::File {
        path: target.to_path_buf(),
        reason: "already exists; not overwritten (move it away or choose another output folder); nothing was written".into(),
    }
}

fn check_event(event: &str) -> Result<()> {
    let bad = event.trim().is_empty()
        || event.len() > 512
        || event.chars().any(|c| c.is_whitespace() || c.is_control());
    if bad {
        return Err(Error::Usage(format!(
            "event id {event:?}: ids are 1 to 512 bytes without spaces or control characters"
        )));
    }
    Ok(())
}

/// Refuse text that looks binary: any NUL, or more than 5% control or
/// replacement characters.
fn check_binary(path: &Path, text: &str) -> Result<()> {
    let is_bad =
        |c: char| (c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}')) || c == '\u{fffd}';
    let total = text.chars().count();
    let bad = text.chars().filter(|c| is_bad(*c)).count();
    if text.contains('\0') || bad * 20 > total {
        let at = text.find(is_bad).unwrap_or(0);
        let line = text[..at].matches('\n').count() + 1;
        return Err(Error::input(
            path,
            line,
            "not a text compilation: it holds control or replacement characters (binary data?)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
