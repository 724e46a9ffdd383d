//! The server's one index, kept fresh: a commit by another process (ingest)
//! is picked up by reloading the reader; a reindex, which swaps the index
//! folder for a rebuilt one, by opening the new folder.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::{Limits, ServeOptions};
use crate::error::{Error, Result};
use crate::index::{open_for_reading, ReadoutsIndex};
use crate::model::glossary::Glossary;

/// What identifies the folder and its last commit: the folder's device and
/// inode (a swap changes them) and `meta.json`'s modification time and size
/// (a commit rewrites it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    folder: (u64, u64),
    meta: Option<(SystemTime, u64)>,
}

fn identity(path: &Path) -> Identity {
    let folder = std::fs::metadata(path).map_or((0, 0), |m| folder_id(&m));
    let meta = std::fs::metadata(path.join("meta.json"))
        .ok()
        .and_then(|m| Some((m.modified().ok()?, m.len())));
    Identity { folder, meta }
}

#[cfg(unix)]
fn folder_id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn folder_id(m: &std::fs::Metadata) -> (u64, u64) {
    let created = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok());
    (0, created.map_or(0, |d| d.as_nanos() as u64))
}

struct Current {
    index: Arc<ReadoutsIndex>,
    identity: Identity,
}

/// Turns for `n` at once, within what a semaphore can count.
fn turns(n: usize) -> usize {
    n.clamp(1, Semaphore::MAX_PERMITS)
}

/// Everything the handlers share.
pub struct Shared {
    path: PathBuf,
    current: Mutex<Current>,
    /// The glossary queries expand through.
    pub glossary: Glossary,
    /// An empty glossary, for exact requests.
    pub no_glossary: Glossary,
    /// The limits.
    pub limits: Limits,
    permits: Arc<Semaphore>,
    /// Turns of the downloads, apart from the searches' so that a client
    /// that stops reading a download never keeps a search waiting.
    downloads: Arc<Semaphore>,
}

impl Shared {
    /// Open the index of `options` for reading.
    pub fn open(options: &ServeOptions) -> Result<Arc<Shared>> {
        if !ReadoutsIndex::exists(&options.index) {
            return Err(Error::Usage(format!(
                "no index at {}; create it with `readouts --index {} ingest …`",
                options.index.display(),
                options.index.display()
            )));
        }
        let before = identity(&options.index);
        let index = open_for_reading(&options.index)?;
        Ok(Arc::new(Shared {
            path: options.index.clone(),
            current: Mutex::new(Current {
                index: Arc::new(index),
                identity: before,
            }),
            glossary: options.glossary.clone(),
            no_glossary: Glossary::default(),
            limits: options.limits,
            permits: Arc::new(Semaphore::new(turns(options.limits.concurrent))),
            downloads: Arc::new(Semaphore::new(turns(options.limits.concurrent))),
        }))
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The glossary a request expands through (none when exact).
    pub fn glossary_for(&self, expand: bool) -> &Glossary {
        if expand {
            &self.glossary
        } else {
            &self.no_glossary
        }
    }

    /// The index as of its last commit: reloaded when `meta.json` changed,
    /// opened anew when the folder was swapped. Blocking (file system).
    pub fn index(&self) -> Result<Arc<ReadoutsIndex>> {
        let now = identity(&self.path);
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if now == current.identity {
            return Ok(current.index.clone());
        }
        if now.folder != current.identity.folder {
            let index = open_for_reading(&self.path)?;
            current.index = Arc::new(index);
        } else {
            current
                .index
                .reader()?
                .reload()
                .map_err(|e| Error::index(&self.path, e))?;
        }
        current.identity = now;
        Ok(current.index.clone())
    }

    /// Wait for a turn to search (at most the queue wait); `None` when the
    /// server is too busy.
    pub async fn permit(&self) -> Option<OwnedSemaphorePermit> {
        self.wait_for(&self.permits).await
    }

    /// Wait for a download's turn (at most the queue wait); `None` when as
    /// many downloads as searches run at once already. Downloads do not take
    /// the searches' turns.
    pub async fn download_permit(&self) -> Option<OwnedSemaphorePermit> {
        self.wait_for(&self.downloads).await
    }

    async fn wait_for(&self, turns: &Arc<Semaphore>) -> Option<OwnedSemaphorePermit> {
        let wait = Duration::from_millis(self.limits.queue_wait_ms);
        tokio::time::timeout(wait, turns.clone().acquire_owned())
            .await
            .ok()?
            .ok()
    }
}
