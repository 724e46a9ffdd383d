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
    // What tantivy writes first (its lock files, `.managed.json`) is no
    // foreign content: a first ingest killed that early left it.
    let ours = |name: &str| name.starts_with(".tantivy-") || name == ".managed.json";
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
        Ok(false) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if path.exists() && !path.is_dir() => {
            refuse("this is a file, not an index folder (nothing was written)")
        }
        Err(e) => Err(Error::io(path, e)),
    }
}
