//! The statement files `add --yes` and `update` keep (`statements/` beside
//! the index), by page: a page already there (the same URL, or for a page
//! without one the same text) keeps its file and id; a new page whose
//! generated id names another page's file gets a longer id (more title
//! words, then a hash of its URL) instead of overwriting it.
//!
//! It also removes the temporary files (`.NAME.PID.tmp`) that a killed run
//! left in the folder.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::draft::{longer_ids, rename};
use super::fetch::cache::{write_atomic_with_hook, TEST_PAUSE_BEFORE_RENAME_ENV};
use super::Draft;
use crate::error::{Error, Result};
use crate::formats::statement_file;

/// A temporary file of a process that may still run is removed only when
/// older than this (where the system cannot say whether the process lives).
const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The statement files of one folder, by the page each holds.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    /// Page key (`url:…` or `text:…`) → file name.
    by_page: HashMap<String, String>,
    /// File names taken.
    names: HashSet<String>,
}

/// Where a draft was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The file written.
    pub path: PathBuf,
    /// When the generated id named another page's file: that id and page.
    pub moved_from: Option<(String, String)>,
}

impl Folder {
    /// Read the folder (none yet: empty), removing stale temporary files.
    pub fn open(dir: &Path) -> Result<Folder> {
        let mut folder = Folder {
            dir: dir.to_path_buf(),
            by_page: HashMap::new(),
            names: HashSet::new(),
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(folder),
            Err(e) => return Err(Error::io(dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                remove_if_stale(&entry.path(), &name);
                continue;
            }
            if !name.ends_with(".md") {
                continue;
            }
            let path = entry.path();
            let Ok(bytes) = std::fs::read(&path) else {
                folder.names.insert(name);
                continue;
            };
            folder
                .by_page
                .insert(page_key_of_file(&path, &bytes), name.clone());
            folder.names.insert(name);
        }
        Ok(folder)
    }

    /// Write a draft as a statement file (whole, atomically): over the file
    /// of the same page, else under its id, else under a longer id when that
    /// name holds another page.
    pub fn write(&mut self, draft: &mut Draft) -> Result<Placed> {
        let text = draft.render();
        let key = page_key(draft.value("url"), &text);
        let mut moved_from = None;
        if let Some(name) = self.by_page.get(&key) {
            if *name != draft.file_name {
                let id = name.trim_end_matches(".md").to_string();
                rename(draft, &id, "the id this page's statement file already has");
            }
        } else if self.names.contains(&draft.file_name) {
            let taken = draft.file_name.trim_end_matches(".md").to_string();
            let other = self.page_of(&draft.file_name);
            let free = longer_ids(draft, &key)
                .into_iter()
                .find(|id| !self.names.contains(&format!("{id}.md")))
                .ok_or_else(|| Error::File {
                    path: self.dir.join(&draft.file_name),
                    reason: "every id for this page names another page's statement file".into(),
                })?;
            let why = format!("{taken:?} names another page ({other})");
            rename(draft, &free, &why);
            moved_from = Some((taken, other));
        }
        let text = draft.render();
        let path = self.dir.join(&draft.file_name);
        statement_file::parse(&path, &text)?;
        write_atomic_with_hook(&path, text.as_bytes(), Some(TEST_PAUSE_BEFORE_RENAME_ENV))?;
        self.names.insert(draft.file_name.clone());
        self.by_page
            .insert(page_key(draft.value("url"), &text), draft.file_name.clone());
        Ok(Placed { path, moved_from })
    }

    /// The page a file holds, in words.
    fn page_of(&self, name: &str) -> String {
        self.by_page.iter().find(|(_, n)| *n == name).map_or_else(
            || "a file that is not a statement".into(),
            |(k, _)| match k.strip_prefix("url:") {
                Some(u) => u.to_string(),
                None => "a page with other text".into(),
            },
        )
    }
}

/// What names a page: its URL, else its statement file's whole text.
fn page_key(url: Option<&str>, text: &str) -> String {
    match url.filter(|u| !u.is_empty()) {
        Some(u) => format!("url:{u}"),
        None => format!("text:{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes())),
    }
}

fn page_key_of_file(path: &Path, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let url = statement_file::parse(path, &text)
        .ok()
        .and_then(|s| s.meta.url);
    page_key(url.as_deref(), &text)
}

/// Remove the temporary files that killed runs left while writing `file`
/// (`.NAME.PID.tmp` beside it, of processes that are gone).
pub fn remove_stale_temps(file: &Path) {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        if entry_name.starts_with(&prefix) {
            remove_if_stale(&entry.path(), &entry_name);
        }
    }
}

/// Remove `.NAME.PID.tmp` when process PID is gone (or, where that cannot be
/// told, when the file is a day old).
fn remove_if_stale(path: &Path, name: &str) {
    let Some(pid) = name
        .strip_suffix(".tmp")
        .and_then(|s| s.rsplit_once('.'))
        .and_then(|(_, pid)| pid.parse::<u32>().ok())
    else {
        return;
    };
    if pid == std::process::id() {
        return;
    }
    let proc = Path::new("/proc");
    let stale = if proc.join("self").exists() {
        !proc.join(pid.to_string()).exists()
    } else {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER)
    };
    if stale {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests;
