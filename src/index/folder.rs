//! The index folder as a thing on disk: how a new one stores its passages,
//! which folder a path names now (a reindex exchanges them), and opening for
//! reading while a swap may be under way.

use std::path::Path;
use std::time::Duration;

use tantivy::TantivyError;

use super::ReadoutsIndex;
use crate::error::{Error, Result};

/// How a new index stores its passages: zstd-compressed blocks of 16 kB.
/// The stored passages are half the index; zstd keeps them in about two
/// thirds of the space lz4 needs (BENCHMARKS.md, "Index size"), at a few
/// microseconds more per hit shown.
pub fn store_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(3),
        }),
        ..Default::default()
    }
}

/// Which folder `path` names (device and inode), to tell that a reindex
/// exchanged it; `None` where the platform does not say.
pub fn folder_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Open an existing index for reading, its reader ready.
///
/// A reindex may exchange the folder between reading `meta.json` and opening
/// the segment files it lists; the new index is whole, so this opens again
/// (a few times, briefly apart). Once the reader is open the files are mapped
/// and a later swap does not matter.
pub fn open_for_reading(path: &Path) -> Result<ReadoutsIndex> {
    let mut attempts = 0;
    loop {
        let opened = ReadoutsIndex::open(path).and_then(|index| {
            index.reader()?;
            Ok(index)
        });
        match opened {
            Err(e) if attempts < 5 && is_vanished_file(&e) => {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Did opening fail because a file of the index vanished (a swap under way)?
fn is_vanished_file(e: &Error) -> bool {
    match e {
        Error::Index { source, .. } => match source {
            TantivyError::OpenReadError(_) | TantivyError::OpenDirectoryError(_) => true,
            TantivyError::IoError(io) => io.kind() == std::io::ErrorKind::NotFound,
            _ => false,
        },
        Error::Io { source, .. } => source.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

/// Bytes an unprivileged writer may still use on the file system of `path`.
fn free_bytes(path: &Path) -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        // SAFETY: an all-zero statvfs is a valid value; statvfs fills it in.
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: a valid NUL-terminated path and a valid out pointer.
        if unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) } != 0 {
            return None;
        }
        Some(stat.f_bavail as u64 * stat.f_frsize as u64)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

/// A writer's error, said plainly when the disk is full: an indexing thread
/// that runs out of space is reported by tantivy only as "an index writer was
/// killed", without the cause. When the index's file system has (almost)
/// nothing left, that is the cause, and the error says so.
pub fn writer_error(path: &Path, e: TantivyError) -> Error {
    let thread_or_io = matches!(e, TantivyError::ErrorInThread(_) | TantivyError::IoError(_));
    match free_bytes(path) {
        Some(free) if thread_or_io && free < 4 << 20 => Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                format!(
                    "No space left on device ({free} bytes free on the index's file system; \
                     the last commit is intact)"
                ),
            ),
        ),
        _ => Error::index(path, e),
    }
}
