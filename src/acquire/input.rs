//! A page from a file or a URL to a draft, and a draft to a statement file
//! (for review, or accepted as it is).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::draft::{longer_ids, rename};
use super::fetch::{Fetcher, MAX_PAGE_BYTES};
use super::folder::{Folder, Placed};
use super::{charset, read_page, Draft, Page};
use crate::error::{Error, Result};
use crate::formats::statement_file;

/// Is this argument a URL (rather than a file)?
pub fn is_url(arg: &str) -> bool {
    let lower = arg.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Read a saved page (`.html`) into a draft, giving up after `timeout`;
/// `url` is the address it was saved from, when the caller knows it (`add
/// --url`).
pub fn from_file(
    path: &Path,
    url: Option<&str>,
    profile: Option<&str>,
    timeout: Duration,
) -> Result<Draft> {
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
    read_within(html, url.map(str::to_string), source, profile, timeout)
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
/// came from the cache. The fetcher's timeout also bounds reading the page.
pub fn from_url(fetcher: &mut Fetcher, url: &str, profile: Option<&str>) -> Result<(Draft, bool)> {
    let fetched = fetcher.get(url)?;
    let (html, _) = charset::decode(&fetched.bytes, fetched.content_type.as_deref());
    drop(fetched.bytes);
    let timeout = fetcher.options().timeout;
    let draft = read_within(html, Some(fetched.url), url.to_string(), profile, timeout)?;
    Ok((draft, fetched.from_cache))
}

/// [`read_page`] on a thread of its own, given up (and left to finish
/// unheard) after `timeout`.
fn read_within(
    html: String,
    url: Option<String>,
    source: String,
    profile: Option<&str>,
    timeout: Duration,
) -> Result<Draft> {
    // The tables every page needs are loaded before the clock starts.
    super::profiles::profiles();
    crate::model::attribution::current();
    let (tx, rx) = std::sync::mpsc::channel();
    let profile = profile.map(str::to_string);
    let name = source.clone();
    let reader = std::thread::Builder::new()
        .name("read-page".into())
        .spawn(move || {
            let page = Page {
                url: url.as_deref(),
                source: &source,
                html: &html,
            };
            let _ = tx.send(read_page(&page, profile.as_deref()));
        })
        .map_err(|e| Error::Extract {
            page: name.clone(),
            reason: format!("could not start reading it: {e}"),
        })?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            drop(reader);
            Err(Error::Extract {
                page: name,
                reason: format!(
                    "reading the page took longer than the {} s timeout (--timeout); refused",
                    timeout.as_secs_f64()
                ),
            })
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(Error::Extract {
            page: name,
            reason: "the page reader failed on it".into(),
        }),
    }
}

/// Write a draft for review as `dir/FILE`, never over an existing file. A
/// file of that name holding another page's draft (two pages of one title
/// and no date) sends this one to a longer id, as [`accept`] does; the same
/// draft written again is refused.
pub fn write_draft(draft: &mut Draft, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let first = dir.join(&draft.file_name);
    let text = draft.render();
    if create_new(&first, &text)? {
        return Ok(first);
    }
    if std::fs::read(&first).is_ok_and(|old| old == text.as_bytes()) {
        return Err(already_exists(first));
    }
    let taken = draft.file_name.trim_end_matches(".md").to_string();
    let page = match draft.value("url").filter(|u| !u.is_empty()) {
        Some(u) => format!("url:{u}"),
        None => draft.body.clone(),
    };
    for id in longer_ids(draft, &page) {
        let mut other = draft.clone();
        let why = format!("{taken:?} names another page's draft in {}", dir.display());
        rename(&mut other, &id, &why);
        let path = dir.join(&other.file_name);
        let text = other.render();
        if create_new(&path, &text)? {
            *draft = other;
            return Ok(path);
        }
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            return Err(already_exists(path));
        }
    }
    Err(Error::File {
        path: first,
        reason: "every id for this page names another page's draft".into(),
    })
}

/// Write `text` to a new file at `path`: false when the file exists.
fn create_new(path: &Path, text: &str) -> Result<bool> {
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(path, e))?;
    Ok(true)
}

fn already_exists(path: PathBuf) -> Error {
    Error::File {
        path,
        reason: "already exists; not overwritten (move it away or choose another --out)".into(),
    }
}

/// Accept a draft as it is: every value found and the statement valid,
/// written whole (atomically) into the statement folder, replacing an
/// earlier copy of the same page but never another page's file (a longer id
/// then, reported in [`Placed::moved_from`]). `source` names the page in
/// errors.
pub fn accept(draft: &Draft, folder: &mut Folder, source: &str) -> Result<Placed> {
    acceptable(draft, source)?;
    folder.write(&mut draft.clone())
}

/// Can this draft be accepted as it is (every value found, the statement
/// valid)? Checked before the writer lock is taken. A value not found is
/// named with where it was looked for.
pub fn acceptable(draft: &Draft, source: &str) -> Result<()> {
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
    statement_file::parse(Path::new(&draft.file_name), &draft.render()).map_err(|e| {
        Error::Extract {
            page: source.to_string(),
            reason: format!("the statement it gives is not valid: {e}"),
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--timeout` bounds reading a page, not only fetching it.
    #[test]
    fn reading_a_page_is_given_up_after_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("heavy.html");
        let body = "<div><p>A paragraph of text.</p></div>\n".repeat(40_000);
        std::fs::write(
            &page,
            format!("<html><body><h1>Heavy</h1>{body}</body></html>"),
        )
        .unwrap();
        let e = from_file(&page, None, None, Duration::ZERO)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("heavy.html") && e.contains("took longer than the 0 s timeout (--timeout)"),
            "{e}"
        );
        let draft = from_file(&page, None, None, Duration::from_secs(600)).unwrap();
        assert!(
            draft.body.starts_with("A paragraph of text."),
            "{}",
            &draft.body[..40]
        );
    }
}
