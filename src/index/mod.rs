//! Storage only: where the index lives, opening it with the right analyzers
//! and schema version, the one record codec, writing (upsert, commit with the
//! manifest), swapping a rebuilt folder in, verifying, read-only folders.
//!
//! One tantivy document per passage. The commit payload records
//! `{"schema_version": N}`; an index of another version is refused with an
//! error that names `readouts reindex`. Reading files, hashing them and
//! deciding what to write is the ingest service's job (`crate::ingest`).

pub mod codec;
pub mod duplicates;
mod folder;
pub mod guard;
pub mod location;
pub mod manifest;
pub mod read_only;
pub mod schema;
pub mod store;
pub mod swap;
pub mod verify;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError,
};

use crate::error::{Error, Result};
pub use folder::{folder_identity, open_for_reading, store_settings, writer_error};
pub use guard::read_doc;
pub use location::{data_index_dir, default_index_dir, env_index_dir};
pub use manifest::{Manifest, SourceRecord};
pub use schema::{Fields, IndexSchema};

/// Memory budget of the index writer, shared by its threads.
pub const WRITER_MEMORY_BYTES: usize = 256 * 1024 * 1024;

/// Most indexing threads (each takes part of the writer's memory budget).
pub const MAX_THREADS: usize = 64;

/// Environment variable naming the index folder.
pub const INDEX_ENV: &str = "READOUTS_INDEX";

/// What the index records with every commit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CommitPayload {
    /// Schema version the index was built with.
    pub schema_version: u32,
    /// Version of readouts that made the commit.
    #[serde(default)]
    pub readouts_version: String,
    /// File name (in the index folder) of the ingest manifest committed with
    /// this commit; `None` when nothing was ingested from files.
    #[serde(default)]
    pub manifest: Option<String>,
}

/// A publication day as the index stores it: midnight UTC.
pub fn day_to_index(day: chrono::NaiveDate) -> tantivy::DateTime {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    tantivy::DateTime::from_timestamp_secs(midnight.and_utc().timestamp())
}

/// The publication day of a stored date.
pub fn index_to_day(stored: tantivy::DateTime) -> Option<chrono::NaiveDate> {
    chrono::DateTime::from_timestamp(stored.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

/// Test hook: when set to a path, [`lock_writer`] creates that file right
/// after it obtained the writer lock, then waits until the file is removed.
pub const TEST_PAUSE_AFTER_LOCK_ENV: &str = "READOUTS_TEST_PAUSE_AFTER_LOCK";

/// Test hook: when set to a path, [`ReadoutsIndex::commit`] creates that file
/// right before it makes the prepared commit durable, then waits until the
/// file is removed.
pub const TEST_PAUSE_BEFORE_COMMIT_ENV: &str = "READOUTS_TEST_PAUSE_BEFORE_COMMIT";

/// Test hook: when set to a path, ingest creates that file after it hashed a
/// JSON Lines source and before it reads it, then waits until it is removed.
pub const TEST_PAUSE_BEFORE_READ_ENV: &str = "READOUTS_TEST_PAUSE_BEFORE_READ";

/// Test hook, for tests that must act at a known step (a second writer while
/// the lock is held, SIGKILL or SIGINT right before a commit) instead of after
/// a guessed delay: if the environment variable `var` names a path, create
/// that file and block, polling every 10 ms, until it is removed again.
/// Unset (always, outside tests) it costs one environment lookup.
pub(crate) fn test_pause(var: &str) {
    let Some(path) = std::env::var_os(var).filter(|p| !p.is_empty()) else {
        return;
    };
    let path = PathBuf::from(path);
    if std::fs::write(&path, b"").is_ok() {
        while path.exists() {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Take the writer lock of a tantivy index: fail at once with
/// [`Error::Locked`] when another process holds it, or wait for it.
///
/// Test hook: see [`TEST_PAUSE_AFTER_LOCK_ENV`].
pub fn lock_writer(
    index: &Index,
    path: &Path,
    threads: usize,
    memory_bytes: usize,
    wait: bool,
) -> Result<IndexWriter<TantivyDocument>> {
    loop {
        match index.writer_with_num_threads(threads, memory_bytes) {
            Ok(w) => {
                test_pause(TEST_PAUSE_AFTER_LOCK_ENV);
                return Ok(w);
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) if wait => {
                std::thread::sleep(Duration::from_millis(200))
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(Error::Locked {
                    path: path.to_path_buf(),
                })
            }
            Err(e) => return Err(Error::index(path, e)),
        }
    }
}

/// Open the tantivy index in `path`, read-only when the folder is not
/// writable; the flag says which.
pub fn open_tantivy(path: &Path) -> tantivy::Result<(Index, bool)> {
    if read_only::is_writable(path) {
        Ok((Index::open_in_dir(path)?, false))
    } else {
        Ok((
            Index::open(read_only::ReadOnlyDirectory::open(path)?)?,
            true,
        ))
    }
}

/// An open readouts index.
pub struct ReadoutsIndex {
    /// The index folder.
    pub path: PathBuf,
    /// The tantivy index, analyzers registered.
    pub index: Index,
    /// The schema this build uses.
    pub schema: IndexSchema,
    /// The folder is not writable: searching works, ingesting does not.
    pub read_only: bool,
    reader: std::sync::OnceLock<IndexReader>,
    /// Which folder `path` named when it was opened (see [`folder_identity`]).
    folder: Option<(u64, u64)>,
}

impl ReadoutsIndex {
    /// Does `path` hold an index (a committed `meta.json`)?
    pub fn exists(path: &Path) -> bool {
        path.join("meta.json").is_file()
    }

    /// Open an existing index, checking its schema version.
    pub fn open(path: &Path) -> Result<ReadoutsIndex> {
        if Self::exists(path) && Self::creation_was_interrupted(path) {
            return Err(Error::File {
                path: path.to_path_buf(),
                reason: "this index was never finished (its first ingest was interrupted before anything was committed); run `readouts ingest` again".into(),
            });
        }
        let schema = IndexSchema::load()?;
        if !Self::exists(path) {
            return Err(Error::File {
                path: path.to_path_buf(),
                reason: "no readouts index here (create one with `readouts ingest`)".into(),
            });
        }
        let (index, read_only) = open_tantivy(path).map_err(|e| Error::index(path, e))?;
        crate::analysis::register(index.tokenizers());
        let opened = ReadoutsIndex {
            path: path.to_path_buf(),
            index,
            schema,
            read_only,
            reader: std::sync::OnceLock::new(),
            folder: folder_identity(path),
        };
        opened.check_version(&opened.index)?;
        Ok(opened)
    }

    /// Open the index at `path`, creating it (and its folder) if there is none.
    ///
    /// A new index is made only in a folder that does not exist or is empty:
    /// an existing folder with other files in it (a source checkout, a home
    /// folder) is refused, and nothing is written into it.
    pub fn open_or_create(path: &Path) -> Result<ReadoutsIndex> {
        if Self::exists(path) {
            if !Self::creation_was_interrupted(path) {
                return Self::open(path);
            }
            // Killed between creating the folder and recording the schema
            // version: nothing was ever committed, so finish the creation.
            let index = Index::open_in_dir(path).map_err(|e| Error::index(path, e))?;
            return Self::record_version(path, index);
        }
        location::refuse_foreign_folder(path)?;
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        let schema = IndexSchema::load()?;
        let index = Index::builder()
            .schema(schema.schema.clone())
            .settings(store_settings())
            .create_in_dir(path)
            .map_err(|e| Error::index(path, e))?;
        Self::record_version(path, index)
    }

    /// Did a first ingest die after tantivy wrote `meta.json` and before the
    /// first commit recorded the schema version (no payload, no segment)?
    pub fn creation_was_interrupted(path: &Path) -> bool {
        Index::open_in_dir(path)
            .and_then(|i| i.load_metas())
            .is_ok_and(|m| m.payload.is_none() && m.segments.is_empty())
    }

    /// Commit the schema version into a freshly created tantivy index.
    fn record_version(path: &Path, index: Index) -> Result<ReadoutsIndex> {
        let schema = IndexSchema::load()?;
        crate::analysis::register(index.tokenizers());
        let created = ReadoutsIndex {
            path: path.to_path_buf(),
            index,
            schema,
            read_only: false,
            reader: std::sync::OnceLock::new(),
            folder: folder_identity(path),
        };
        // Record the schema version at once, so that even an empty index says it.
        let mut writer = created.writer(false)?;
        created.commit(&mut writer, Manifest::new())?;
        Ok(created)
    }

    fn check_version(&self, index: &Index) -> Result<()> {
        let metas = index.load_metas().map_err(|e| self.err(e))?;
        let expected = self.schema.def.version;
        // Only the version: the manifest beside it can be large, and every
        // search opens the index.
        #[derive(Deserialize)]
        struct VersionOnly {
            schema_version: u32,
        }
        let found = match metas.payload.as_deref() {
            Some(p) => match serde_json::from_str::<VersionOnly>(p) {
                Ok(payload) if payload.schema_version == expected => return Ok(()),
                Ok(payload) => payload.schema_version.to_string(),
                Err(_) => "unknown (unreadable commit payload)".to_string(),
            },
            None => {
                "unknown (not made by readouts, or by a version before schema versions)".to_string()
            }
        };
        Err(Error::SchemaVersion {
            path: self.path.clone(),
            found,
            expected,
        })
    }

    fn err(&self, e: TantivyError) -> Error {
        Error::index(&self.path, e)
    }

    /// Field handles.
    pub fn fields(&self) -> &Fields {
        &self.schema.fields
    }

    /// A searcher on the last commit (made by any process when the reader was
    /// opened, and by this one since).
    pub fn searcher(&self) -> Result<Searcher> {
        Ok(self.reader()?.searcher())
    }

    /// The index's reader, opened once and reloaded after this process commits.
    pub fn reader(&self) -> Result<&IndexReader> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader);
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| self.err(e))?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// Take the writer lock. Fails at once with [`Error::Locked`] if another
    /// process holds it, or waits for it when `wait` is set.
    pub fn writer(&self, wait: bool) -> Result<IndexWriter<TantivyDocument>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        self.writer_with_threads(threads, wait)
    }

    /// Like [`Self::writer`], with a number of indexing threads.
    pub fn writer_with_threads(
        &self,
        threads: usize,
        wait: bool,
    ) -> Result<IndexWriter<TantivyDocument>> {
        let threads = threads.max(1);
        if self.read_only {
            return Err(Error::File {
                path: self.path.clone(),
                reason: "the index folder is not writable (permission denied): ingest needs write access; search works read-only".into(),
            });
        }
        let memory = WRITER_MEMORY_BYTES.max(threads * (16 << 20));
        let mut writer = lock_writer(&self.index, &self.path, threads, memory, wait)?;
        // A reindex may have exchanged the folder while we waited for its
        // lock. A writer of the index opened before would write the list of
        // files tantivy manages (`.managed.json`) from the old folder into the
        // new one, and the rebuilt segments would never be garbage-collected:
        // write through the index the folder holds now.
        let mut opened = self.folder;
        while folder_identity(&self.path) != opened {
            drop(writer);
            opened = folder_identity(&self.path);
            let current = Index::open_in_dir(&self.path).map_err(|e| self.err(e))?;
            crate::analysis::register(current.tokenizers());
            self.check_version(&current)?;
            writer = lock_writer(&current, &self.path, threads, memory, wait)?;
        }
        Ok(writer)
    }

    /// The ingest manifest of the last commit.
    pub fn manifest(&self) -> Result<Manifest> {
        let metas = self.index.load_metas().map_err(|e| self.err(e))?;
        manifest::read_manifest(&self.path, metas.payload.as_deref())
    }

    /// Commit, recording the schema version and the manifest with the data.
    ///
    /// The manifest file is written (and synced) before the commit and named
    /// in its payload, so the commit switches data and manifest together; a
    /// crash before it leaves the previous commit and the previous manifest.
    ///
    /// Test hook: see [`TEST_PAUSE_BEFORE_COMMIT_ENV`].
    pub fn commit(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        sources: Manifest,
    ) -> Result<()> {
        let manifest = if sources.is_empty() {
            None
        } else {
            Some(manifest::write_manifest(&self.path, &sources)?)
        };
        let payload = CommitPayload {
            schema_version: self.schema.def.version,
            readouts_version: env!("CARGO_PKG_VERSION").to_string(),
            manifest: manifest.clone(),
        };
        let mut prepared = writer
            .prepare_commit()
            .map_err(|e| writer_error(&self.path, e))?;
        prepared.set_payload(&serde_json::to_string(&payload).expect("payload serializes"));
        test_pause(TEST_PAUSE_BEFORE_COMMIT_ENV);
        prepared.commit().map_err(|e| writer_error(&self.path, e))?;
        manifest::remove_old_manifests(&self.path, manifest.as_deref());
        if let Some(reader) = self.reader.get() {
            reader.reload().map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Total size of the index folder's files, in bytes.
    pub fn size_bytes(&self) -> u64 {
        walkdir::WalkDir::new(&self.path)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}
