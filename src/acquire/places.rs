//! Where `add` and `update` keep things, beside the index folder `INDEX`:
//!
//! - `pages/` (in INDEX's parent): the raw pages fetched, for re-reading
//!   without the network (`add --offline`);
//! - `statements/` (in INDEX's parent): the statement files `add --yes`
//!   and `update` write and ingest (the index's manifest points to them, so
//!   `reindex` re-reads them);
//! - `sources.toml` (in INDEX's parent): the sources of `update`;
//! - `INDEX.update-state.json`: the items `update` has read, per index.

use std::path::{Path, PathBuf};

/// The places of one index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// Raw pages.
    pub pages: PathBuf,
    /// Statement files written by `add --yes` and `update`.
    pub statements: PathBuf,
    /// The default sources file.
    pub sources: PathBuf,
    /// The items `update` has read.
    pub state: PathBuf,
}

impl Places {
    /// The places beside the index folder `index`.
    pub fn beside(index: &Path) -> Places {
        let parent = index
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = index
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        Places {
            pages: parent.join("pages"),
            statements: parent.join("statements"),
            sources: parent.join("sources.toml"),
            state: parent.join(format!("{name}.update-state.json")),
        }
    }
}
