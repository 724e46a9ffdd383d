//! Replacing an index folder by a rebuilt one: atomically where the platform
//! allows, and cleaning up what killed rebuilds left beside it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Put the folder `new` in the place of `current`, atomically where the
/// platform allows: afterwards `new` names the old index. On Linux both names
/// are exchanged in one `renameat2(RENAME_EXCHANGE)`, so a reader opening the
/// index sees the old one or the new one, never nothing.
pub fn swap_in(new: &Path, current: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let a = CString::new(new.as_os_str().as_bytes()).map_err(|e| Error::io(new, e.into()))?;
        let b = CString::new(current.as_os_str().as_bytes())
            .map_err(|e| Error::io(current, e.into()))?;
        // SAFETY: both arguments are valid NUL-terminated paths that live across the call.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // Filesystems without RENAME_EXCHANGE fall through to two renames.
        if e.raw_os_error() != Some(libc::EINVAL) && e.raw_os_error() != Some(libc::ENOSYS) {
            return Err(Error::io(current, e));
        }
    }
    let retired = sibling(current, "retired");
    let _ = std::fs::remove_dir_all(&retired);
    std::fs::rename(current, &retired).map_err(|e| Error::io(current, e))?;
    if let Err(e) = std::fs::rename(new, current) {
        // Put the old index back rather than leave nothing.
        let _ = std::fs::rename(&retired, current);
        return Err(Error::io(current, e));
    }
    std::fs::rename(&retired, new).map_err(|e| Error::io(new, e))
}

/// Remove folders left beside the index by rebuilds that were killed (we hold
/// the writer lock, so no other rebuild is running).
pub fn remove_stale_siblings(path: &Path) {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    }) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file_name.strip_prefix(&prefix) {
            if rest.starts_with("reindex-") || rest.starts_with("retired-") {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// A hidden folder beside `path` for a rebuild or a retired index, named by
/// this process id.
pub fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    path.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}
