//! A page from a file or a URL to a draft, and a draft to a statement file
//! (for review, or accepted as it is).

use std::path::{Path, PathBuf};

use super::fetch::{cache::write_atomic, Fetcher, MAX_PAGE_BYTES};
use super::{charset, read_page, Draft, Page};
use crate::error::{Error, Result};
use crate::formats::statement_file;

/// Is this argument a URL (rather than a file)?
pub fn is_url(arg: &str) -> bool {
    let lower = arg.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Read a saved page (`.html`) into a draft; `url` is the address it was
/// saved from, when the caller knows it (`add --url`).
pub fn from_file(path: &Path, url: Option<&str>, profile: Option<&str>) -> Result<Draft> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_PAGE_BYTES {
        return Err(Error::File {
            path: path.to_path_buf(),
            reason: format!(
                "{:.1} MB is over the {} MB cap for a page; refused",
                size as f64 / 1_048_576.0,
                MAX_PAGE_BYTES / 1_048_576
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (html, _) = charset::decode(&bytes, None);
    let source = path.display().to_string();
    read_page(
        &Page {
            url,
            source: &source,
            html: &html,
        },
        profile,
    )
}

/// The saved pages of a folder (`.html`, `.htm`, `.shtml`), sorted; a file
/// is itself.
pub fn saved_pages(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let p = entry.map_err(|e| Error::io(path, e))?.path();
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if p.is_file() && matches!(ext.as_deref(), Some("html" | "htm" | "shtml")) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// Fetch a page (or take it from the cache) into a draft; also whether it
/// came from the cache.
pub fn from_url(fetcher: &mut Fetcher, url: &str, profile: Option<&str>) -> Result<(Draft, bool)> {
    let fetched = fetcher.get(url)?;
    let (html, _) = charset::decode(&fetched.bytes, fetched.content_type.as_deref());
    let draft = read_page(
        &Page {
            url: Some(&fetched.url),
            source: url,
            html: &html,
        },
        profile,
    )?;
    Ok((draft, fetched.from_cache))
}

/// Write a draft for review as `dir/FILE` (never over an existing file).
pub fn write_draft(draft: &Draft, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let target = dir.join(&draft.file_name);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::File {
                path: target.clone(),
                reason: "already exists; not overwritten (move it away or choose another --out)"
                    .into(),
            },
            _ => Error::io(&target, e),
        })?;
    std::io::Write::write_all(&mut file, draft.render().as_bytes())
        .map_err(|e| Error::io(&target, e))?;
    Ok(target)
}

/// Accept a draft as it is: every value found and the statement valid,
/// written whole (atomically) as `dir/FILE`, replacing an earlier copy of the
/// same page. `source` names the page in errors.
pub fn accept(draft: &Draft, dir: &Path, source: &str) -> Result<PathBuf> {
    let missing: Vec<String> = draft
        .fields
        .iter()
        .filter(|f| f.is_unresolved())
        .map(|f| match f.looked_in() {
            Some(looked) => format!("no {}: looked in {looked}", f.key),
            None => format!("no {}", f.key),
        })
        .collect();
    if !missing.is_empty() {
        return Err(Error::Extract {
            page: source.to_string(),
            reason: format!(
                "{}; not ingested: run `readouts add` without --yes to review and fill it in, or name the profile with --profile or the address with --url",
                missing.join("; ")
            ),
        });
    }
    let target = dir.join(&draft.file_name);
    let text = draft.render();
    statement_file::parse(&target, &text).map_err(|e| Error::Extract {
        page: source.to_string(),
        reason: format!("the statement it gives is not valid: {e}"),
    })?;
    write_atomic(&target, text.as_bytes())?;
    Ok(target)
}
