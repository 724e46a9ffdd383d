//! The seed statements of `fixtures/`, compiled into the binary so that a first
//! `readouts search` works before anything was ingested: they make the demo
//! index, kept in the cache folder, apart from the user's own index.

use std::path::{Path, PathBuf};

use crate::encoding::decode;
use crate::error::Result;
use crate::formats::statement_file;
use crate::index::{open_for_reading, ReadoutsIndex};
use crate::ingest::{ingest_statements, IngestOptions};
use crate::model::Statement;

/// `(path, contents)` of every bundled fixture.
pub const FIXTURES: [(&str, &str); 6] = [
    (
        "bundled:fixtures/xinhua-2025-11-24-xi-trump-call-en.md",
        include_str!("../../fixtures/xinhua-2025-11-24-xi-trump-call-en.md"),
    ),
    (
        "bundled:fixtures/xinhua-2025-11-24-xi-trump-call-zh.md",
        include_str!("../../fixtures/xinhua-2025-11-24-xi-trump-call-zh.md"),
    ),
    (
        "bundled:fixtures/us-2025-11-24-trump-post.md",
        include_str!("../../fixtures/us-2025-11-24-trump-post.md"),
    ),
    (
        "bundled:fixtures/cnbc-2025-11-bessent-interview.md",
        include_str!("../../fixtures/cnbc-2025-11-bessent-interview.md"),
    ),
    (
        "bundled:fixtures/mofa-2025-11-25-japan-us-summit-telephone-talk.md",
        include_str!("../../fixtures/mofa-2025-11-25-japan-us-summit-telephone-talk.md"),
    ),
    (
        "bundled:fixtures/kantei-2025-11-25-takaichi-press-conference.md",
        include_str!("../../fixtures/kantei-2025-11-25-takaichi-press-conference.md"),
    ),
];

/// Parse the bundled fixtures.
pub fn statements() -> Vec<Result<Statement>> {
    FIXTURES
        .iter()
        .map(|(path, text)| {
            let path = Path::new(path);
            statement_file::parse(path, &decode(path, text.as_bytes())?)
        })
        .collect()
}

/// The demo index's folder: `<cache dir>/readouts/demo-index`. It holds the
/// bundled statements only and is answered from when no index was named and
/// the default one does not exist yet.
pub fn demo_index_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("readouts").join("demo-index"))
}

/// Open the demo index in `path` for reading, building it from the bundled
/// statements when there is none, or rebuilding it when it was made by a
/// readouts of another schema version (it is only a cache). The flag says
/// whether it was built.
pub fn open_demo(path: &Path) -> Result<(ReadoutsIndex, bool)> {
    match open_or_seed(path) {
        Err(crate::error::Error::SchemaVersion { .. }) => {
            std::fs::remove_dir_all(path).map_err(|e| crate::error::Error::io(path, e))?;
            open_or_seed(path)
        }
        other => other,
    }
}

/// Open the index in `path` for reading; when there is none, build it from
/// the bundled seed statements first. The flag says whether it was built (so
/// that the caller can say so).
pub fn open_or_seed(path: &Path) -> Result<(ReadoutsIndex, bool)> {
    if ReadoutsIndex::exists(path) {
        return Ok((open_for_reading(path)?, false));
    }
    let index = ReadoutsIndex::open_or_create(path)?;
    // One indexing thread: one segment in the bundled order, so hits of
    // equal score come in the same order on every machine (with several
    // threads the statements fall into segments by chance, and tantivy
    // breaks ties by segment).
    let options = IngestOptions {
        threads: Some(1),
        ..IngestOptions::default()
    };
    let summary = ingest_statements(&index, statements(), &options)?;
    if let Some(e) = summary.errors.into_iter().next() {
        return Err(e);
    }
    Ok((index, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_file_is_bundled_and_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk: Vec<String> = std::fs::read_dir(root.join("fixtures"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| format!("fixtures/{}", e.file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = FIXTURES
            .iter()
            .map(|(p, _)| p.trim_start_matches("bundled:").to_string())
            .collect();
        bundled.sort();
        assert_eq!(on_disk, bundled);
        for s in statements() {
            s.unwrap();
        }
    }
}
