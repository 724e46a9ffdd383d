//! The raw pages, cached in a folder (the CLI uses `pages/` beside the
//! index): `HOST/HASH.html` with `HOST/HASH.json` (the URL, ETag,
//! Last-Modified, Content-Type, when fetched). Written atomically (a
//! temporary file renamed), so a page is re-read later without the network.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What is kept about a cached page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// The URL asked for.
    pub url: String,
    /// The URL the page was served from (after redirects).
    pub final_url: String,
    /// The ETag header.
    pub etag: Option<String>,
    /// The Last-Modified header.
    pub last_modified: Option<String>,
    /// The Content-Type header.
    pub content_type: Option<String>,
    /// When it was fetched (RFC 3339).
    pub fetched: String,
}

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir` (created on the first store).
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a URL's page is kept (without extension).
    pub fn stem(&self, url: &str) -> PathBuf {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| format!("{h}{}", u.port().map_or(String::new(), |p| format!("_{p}"))))
            })
            .unwrap_or_else(|| "other".into());
        let hash = xxhash_rust::xxh3::xxh3_128(url.as_bytes());
        self.dir.join(host).join(format!("{hash:032x}"))
    }

    /// The cached page and its entry, if any.
    pub fn get(&self, url: &str) -> Option<(Entry, Vec<u8>)> {
        let stem = self.stem(url);
        let meta = std::fs::read(stem.with_extension("json")).ok()?;
        let entry: Entry = serde_json::from_slice(&meta).ok()?;
        let bytes = std::fs::read(stem.with_extension("html")).ok()?;
        (entry.url == url).then_some((entry, bytes))
    }

    /// Keep a page (the bytes first, then the entry that points to them).
    pub fn put(&self, entry: &Entry, bytes: &[u8]) -> Result<PathBuf> {
        let stem = self.stem(&entry.url);
        let html = stem.with_extension("html");
        write_atomic(&html, bytes)?;
        let meta = serde_json::to_vec_pretty(entry).unwrap_or_default();
        write_atomic(&stem.with_extension("json"), &meta)?;
        Ok(html)
    }
}

/// Test hook: when set to a path, writing a statement file of `add --yes` or
/// `update` creates that file after the temporary file is written and before
/// it is renamed, then waits until the file is removed (see
/// `crate::index::TEST_PAUSE_AFTER_LOCK_ENV`).
pub const TEST_PAUSE_BEFORE_RENAME_ENV: &str = "READOUTS_TEST_PAUSE_BEFORE_RENAME";

/// Write a file whole or not at all: a temporary file beside it
/// (`.NAME.PID.tmp`), synced, then renamed over it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with_hook(path, bytes, None)
}

/// [`write_atomic`], pausing at the test hook named by `hook` (an
/// environment variable) before the rename.
pub fn write_atomic_with_hook(path: &Path, bytes: &[u8], hook: Option<&str>) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Some(var) = hook {
            crate::index::test_pause(var);
        }
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
