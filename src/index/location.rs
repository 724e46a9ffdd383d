//! Where an index lives: the folder named by `$READOUTS_INDEX`, the
//! platform's default folder, and which folders a new index may be made in.

use std::path::{Path, PathBuf};

use super::INDEX_ENV;
use crate::error::{Error, Result};

/// The default index folder: `$READOUTS_INDEX`, else `<data dir>/readouts/index`.
pub fn default_index_dir() -> Option<PathBuf> {
    env_index_dir().or_else(data_index_dir)
}

/// The index folder named by `$READOUTS_INDEX`, when it is set and not empty.
pub fn env_index_dir() -> Option<PathBuf> {
    std::env::var_os(INDEX_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The platform's index folder, used when no index is named:
/// `<data dir>/readouts/index`.
pub fn data_index_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("readouts").join("index"))
}

/// Refuse to create an index at `path` when it is a file, or a folder that
/// holds anything.
pub fn refuse_foreign_folder(path: &Path) -> Result<()> {
    let refuse = |reason: &str| {
        Err(Error::File {
            path: path.to_path_buf(),
            reason: reason.into(),
        })
    };
    let ours = |name: &str| is_left_by_a_killed_creation(name);
    let foreign = std::fs::read_dir(path).map(|entries| {
        entries
            .flatten()
            .any(|e| !ours(&e.file_name().to_string_lossy()))
    });
    match foreign {
        Ok(true) => refuse(
            "this folder is not empty and holds no readouts index; \
             a new index is made only in a new or empty folder (nothing was written)",
        ),
        Ok(false) => {
            remove_stale_temporaries(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if path.exists() && !path.is_dir() => {
            refuse("this is a file, not an index folder (nothing was written)")
        }
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Is `name` a file tantivy writes while it creates an index (its lock files,
/// `.managed.json`, and the `.tmpXXXXXX` files its atomic writes rename into
/// place)? A first ingest killed that early leaves only such files, and they
/// are no foreign content: the folder is still new.
fn is_left_by_a_killed_creation(name: &str) -> bool {
    name.starts_with(".tantivy-") || name == ".managed.json" || is_atomic_write_temporary(name)
}

/// tantivy's atomic writes go through a temporary file named `.tmp` and six
/// or more random characters (the `tempfile` crate's default), renamed over
/// the target when complete.
fn is_atomic_write_temporary(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() >= 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Remove what a killed creation left in a folder about to hold a new
/// index: the temporaries of its atomic writes, and its `.managed.json`
/// (with no `meta.json`, nothing was committed, so it lists nothing worth
/// keeping, and a torn one would stop tantivy). Lock files stay.
fn remove_stale_temporaries(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_atomic_write_temporary(&name) || name == ".managed.json" {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_only_what_a_killed_creation_left_takes_a_new_index() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".tmpAb12Cd", ".managed.json", ".tantivy-writer.lock"] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        refuse_foreign_folder(dir.path()).unwrap();
        assert!(
            !dir.path().join(".tmpAb12Cd").exists(),
            "the temporary is removed"
        );
        assert!(!dir.path().join(".managed.json").exists());
        assert!(dir.path().join(".tantivy-writer.lock").exists());
    }

    #[test]
    fn a_folder_with_other_files_is_still_refused() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".tmpAb12Cd", ".tmp", "notes.txt"] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        assert!(refuse_foreign_folder(dir.path()).is_err());
        assert!(dir.path().join(".tmpAb12Cd").exists(), "nothing is touched");
    }
}

/// Folders beside `path` that hold an index and whose names are a few edits
/// from its name (a mistyped `--index`): at most three, nearest first.
pub fn nearby_indexes(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let most = (name.chars().count() / 3).clamp(1, 3);
    let mut near: Vec<(usize, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let other = e.file_name().to_str()?.to_string();
            let distance = edit_distance(name, &other);
            let is_index = e.path().join("meta.json").is_file();
            (other != name && distance <= most && is_index).then(|| (distance, parent.join(other)))
        })
        .collect();
    near.sort();
    near.into_iter().take(3).map(|(_, p)| p).collect()
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod nearby_tests {
    use super::*;

    #[test]
    fn a_mistyped_name_finds_the_index_beside_it() {
        assert_eq!(edit_distance("readouts-index", "readout-index"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        let dir = tempfile::tempdir().unwrap();
        for (name, index) in [("corpus", true), ("corpse", false), ("other", true)] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
            if index {
                std::fs::write(dir.path().join(name).join("meta.json"), "{}").unwrap();
            }
        }
        let near = nearby_indexes(&dir.path().join("corpsu"));
        assert_eq!(near, [dir.path().join("corpus")]);
        assert!(nearby_indexes(&dir.path().join("zzzzzz")).is_empty());
    }
}
