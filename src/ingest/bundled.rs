//! The seed statements of `fixtures/`, compiled into the binary so that a first
//! `readouts search` works before anything was ingested.

use std::path::Path;

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

/// Open the index in `path` for reading; when there is none, build it from
/// the bundled seed statements first. The flag says whether it was built (so
/// that the caller can say so).
pub fn open_or_seed(path: &Path) -> Result<(ReadoutsIndex, bool)> {
    if ReadoutsIndex::exists(path) {
        return Ok((open_for_reading(path)?, false));
    }
    let index = ReadoutsIndex::open_or_create(path)?;
    let summary = ingest_statements(&index, statements(), &IngestOptions::default())?;
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
