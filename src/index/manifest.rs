//! The ingest manifest: which source files the index was built from (by
//! absolute path), the hash of their bytes and the statements each holds.
//!
//! It lives in its own content-named file in the index folder; the commit
//! payload names it, so data and manifest switch together in one commit and
//! opening the index for a search never parses it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::CommitPayload;
use crate::error::{Error, Result};

/// The ingest manifest: every source file ingested, by absolute path.
pub type Manifest = BTreeMap<String, SourceRecord>;

const MANIFEST_PREFIX: &str = "readouts-manifest-";

/// Read the manifest a commit payload refers to (empty when there is none).
///
/// The manifest lives in its own file, named in the payload, so that opening
/// the index for a search never parses it: `meta.json` stays small.
pub fn read_manifest(dir: &Path, payload: Option<&str>) -> Result<Manifest> {
    let Some(name) = payload
        .and_then(|p| serde_json::from_str::<CommitPayload>(p).ok())
        .and_then(|p| p.manifest)
    else {
        return Ok(Manifest::new());
    };
    let file = dir.join(&name);
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::File {
        path: file,
        reason: format!("damaged ingest manifest: {e}"),
    })
}

/// Write a manifest file durably (temp file, fsync, rename); returns its name.
/// The name is derived from the content, so an unchanged manifest is not
/// written twice.
pub(crate) fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<String> {
    use std::io::Write;
    let bytes = serde_json::to_vec(manifest).expect("manifest serializes");
    let name = format!(
        "{MANIFEST_PREFIX}{:032x}.json",
        xxhash_rust::xxh3::xxh3_128(&bytes)
    );
    let file = dir.join(&name);
    if file.exists() {
        return Ok(name);
    }
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, &file)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(&file, e)
    })?;
    Ok(name)
}

/// Remove manifest files other than `keep` (after the commit that replaced them).
pub(crate) fn remove_old_manifests(dir: &Path, keep: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours =
            name.starts_with(MANIFEST_PREFIX) || name.starts_with(&format!(".{MANIFEST_PREFIX}"));
        if ours && Some(name.as_str()) != keep {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// What the manifest knows of one source file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct SourceRecord {
    /// Hash of the file's bytes when it was last ingested without rejections
    /// (empty when some of it was rejected, so that it is read again).
    pub hash: String,
    /// Ids of the statements it holds.
    pub ids: Vec<String>,
    /// For a pairs file (`ingest --pairs`): the translation pairs it set,
    /// each with its line (none for a statement file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<PairRecord>,
    /// Ids the file still holds that `readouts remove` took out of the
    /// index (by id or event): an unchanged file keeps them out, and ingest
    /// names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held_out: Vec<String>,
}

/// One translation pair of a pairs file, as the manifest keeps it: what
/// links `translation` to `original` on every later write of it (re-ingest,
/// reindex).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PairRecord {
    /// The original's id.
    pub original: String,
    /// The translation's id.
    pub translation: String,
    /// The 1-based line of the pairs file.
    pub line: usize,
}

/// The hash the manifest records for a file's bytes (xxh3, 128 bits, hex).
pub fn file_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Prefix of a manifest key that spells a path which is not UTF-8 as the
/// hex of its bytes (an absolute path starts with `/`, so no path is taken
/// for one).
const BYTES_KEY_PREFIX: &str = "bytes:";

/// The manifest key of a file: its absolute path (`None` for standard
/// input). A path that is not UTF-8 (`café.md` in Latin-1 from an old
/// archive) is kept byte for byte as `bytes:` and hex, so that the key names
/// the file and no other (see [`key_path`]).
pub fn manifest_key(path: &Path) -> Option<String> {
    if path.as_os_str() == "-" {
        return None;
    }
    let absolute = std::fs::canonicalize(path)
        .ok()
        .or_else(|| std::path::absolute(path).ok())?;
    Some(match absolute.to_str() {
        Some(text) => text.to_string(),
        None => {
            let bytes = absolute.as_os_str().as_encoded_bytes();
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            format!("{BYTES_KEY_PREFIX}{hex}")
        }
    })
}

/// The path a manifest key names (the inverse of [`manifest_key`]).
pub fn key_path(key: &str) -> PathBuf {
    #[cfg(unix)]
    if let Some(hex) = key.strip_prefix(BYTES_KEY_PREFIX) {
        use std::os::unix::ffi::OsStringExt;
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect();
        if let Some(bytes) = bytes {
            return PathBuf::from(std::ffi::OsString::from_vec(bytes));
        }
    }
    PathBuf::from(key)
}

/// [`file_hash`] of a file read in pieces (a large JSON Lines file is never
/// held in memory whole).
pub fn file_hash_streaming(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    Ok(format!("{:032x}", hasher.digest128()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_is_not_utf8_has_a_key_that_names_it() {
        use std::os::unix::ffi::OsStringExt;
        let dir = tempfile::tempdir().unwrap();
        let latin1 = dir
            .path()
            .join(std::ffi::OsString::from_vec(b"caf\xe9.md".to_vec()));
        let other = dir
            .path()
            .join(std::ffi::OsString::from_vec(b"caf\xe8.md".to_vec()));
        std::fs::write(&latin1, "x").unwrap();
        std::fs::write(&other, "x").unwrap();
        let key = manifest_key(&latin1).unwrap();
        assert_ne!(
            key,
            manifest_key(&other).unwrap(),
            "no two files share a key"
        );
        assert!(key_path(&key).exists());
        assert_eq!(key_path(&key), std::fs::canonicalize(&latin1).unwrap());
        let plain = dir.path().join("plain.md");
        std::fs::write(&plain, "x").unwrap();
        let key = manifest_key(&plain).unwrap();
        assert!(key.ends_with("/plain.md"));
        assert_eq!(key_path(&key), std::fs::canonicalize(&plain).unwrap());
    }

    #[test]
    fn the_streaming_hash_is_the_whole_file_hash() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.jsonl");
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(file_hash_streaming(&file).unwrap(), file_hash(&bytes));
    }
}
