//! Translation pairs from a pairs file (`ingest --pairs`), through the
//! library: the link is set without editing the statement files, survives
//! a re-ingest of the files (unchanged or changed) and `reindex`, and what
//! cannot be a pair is refused, located.
//!
//! The statements are the seed's real Xinhua readout of the 24 November 2025
//! call, in Chinese and in English, with the English file's own
//! `translation_of` line taken out (as a user's files without links are).

use std::path::{Path, PathBuf};

use readouts::ingest::reindex::reindex;
use readouts::ingest::remove::{remove, RemoveRequest};
use readouts::ingest::{ingest_paths, IngestOptions, IngestSummary, NoProgress};
use readouts::model::glossary::Glossary;
use readouts::query::documents::{document, parallel};
use readouts::ReadoutsIndex;

const ZH: &str = "xinhua-2025-11-24-xi-trump-call-zh";
const EN: &str = "xinhua-2025-11-24-xi-trump-call-en";
const US: &str = "us-2025-11-24-trump-post";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

/// A folder of statement files without links, and an index path.
fn unlinked() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("statements");
    std::fs::create_dir(&files).unwrap();
    let en: String = fixture(&format!("{EN}.md"))
        .lines()
        .filter(|l| !l.starts_with("translation_of"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(files.join("en.md"), en).unwrap();
    std::fs::write(files.join("zh.md"), fixture(&format!("{ZH}.md"))).unwrap();
    std::fs::write(files.join("us.md"), fixture(&format!("{US}.md"))).unwrap();
    (dir, files)
}

fn ingest(index: &ReadoutsIndex, paths: &[PathBuf], pairs: Option<&Path>) -> IngestSummary {
    let options = IngestOptions {
        pairs: pairs.map(Path::to_path_buf),
        ..IngestOptions::default()
    };
    ingest_paths(index, paths, &options, &NoProgress).unwrap()
}

fn translation_of(index: &ReadoutsIndex, id: &str) -> Option<String> {
    document(index, id).unwrap().translation_of
}

fn errors(summary: &IngestSummary) -> Vec<String> {
    summary.errors.iter().map(|e| e.to_string()).collect()
}

#[test]
fn a_pairs_file_links_statements_in_the_index_and_the_link_survives() {
    let (dir, files) = unlinked();
    let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
    ingest(&index, std::slice::from_ref(&files), None);
    assert_eq!(translation_of(&index, EN), None);
    assert!(parallel(&index, EN, Glossary::builtin()).is_err());

    let pairs = dir.path().join("pairs.csv");
    std::fs::write(&pairs, format!("original id,translation id\n{ZH},{EN}\n")).unwrap();
    let summary = ingest(&index, &[], Some(&pairs));
    assert_eq!(errors(&summary), Vec::<String>::new());
    assert_eq!((summary.linked, summary.updated), (1, 1));
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));
    let both = parallel(&index, EN, Glossary::builtin()).unwrap();
    assert_eq!(both.right.doc_id, ZH);
    assert!(
        both.rows
            .iter()
            .any(|r| r.left.len() == 1 && r.right.len() == 1),
        "{:?}",
        both.rows
    );

    // The same pairs file again: nothing to do.
    let again = ingest(&index, std::slice::from_ref(&files), Some(&pairs));
    assert_eq!((again.linked, again.updated, again.unchanged), (0, 0, 3));

    // The English file changed: read again, it keeps the link.
    let en = files.join("en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, format!("{text}\nA paragraph added later.\n")).unwrap();
    let changed = ingest(&index, std::slice::from_ref(&files), None);
    assert_eq!(changed.updated, 1, "{:?}", errors(&changed));
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));

    // A rebuild re-reads the files: the link is still there.
    reindex(&index.path, false).unwrap();
    let index = ReadoutsIndex::open(&dir.path().join("index")).unwrap();
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));

    // The pairs file no longer pairs them: the link is undone.
    std::fs::write(&pairs, "original,translation\n").unwrap();
    let undone = ingest(&index, &[], Some(&pairs));
    assert_eq!(undone.unlinked, 1, "{:?}", errors(&undone));
    assert_eq!(translation_of(&index, EN), None);
}

#[test]
fn removing_the_pairs_file_as_a_source_takes_its_links() {
    let (dir, files) = unlinked();
    let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(&pairs, format!("{ZH},{EN}\n")).unwrap();
    ingest(&index, std::slice::from_ref(&files), Some(&pairs));
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));
    let request = RemoveRequest {
        sources: vec![pairs.clone()],
        ..RemoveRequest::default()
    };
    remove(&index, &request).unwrap();
    assert_eq!(translation_of(&index, EN), None);
    assert!(document(&index, EN).is_ok(), "the statement stays");
    // And a rebuild does not bring the link back.
    reindex(&index.path, false).unwrap();
    let index = ReadoutsIndex::open(&dir.path().join("index")).unwrap();
    assert_eq!(translation_of(&index, EN), None);
}

#[test]
fn statements_ingested_in_the_same_run_are_linked() {
    let (dir, files) = unlinked();
    let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
    let pairs = dir.path().join("pairs.tsv");
    std::fs::write(&pairs, format!("{ZH}\t{EN}\n")).unwrap();
    let summary = ingest(&index, std::slice::from_ref(&files), Some(&pairs));
    assert_eq!(errors(&summary), Vec::<String>::new());
    assert_eq!((summary.added, summary.linked), (3, 1));
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));
}

#[test]
fn what_cannot_be_a_pair_is_refused_by_line_and_the_rest_is_linked() {
    let (dir, files) = unlinked();
    let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
    ingest(&index, std::slice::from_ref(&files), None);
    let pairs = dir.path().join("pairs.csv");
    let lines = [
        format!("{ZH},{EN}"),
        format!("{ZH},nowhere"),
        format!("{US},{EN}"),
        format!("{US},{US}"),
        "only-one-id".to_string(),
    ];
    std::fs::write(&pairs, lines.join("\n")).unwrap();
    let summary = ingest(&index, &[], Some(&pairs));
    let p = pairs.display();
    let mut got = errors(&summary);
    got.sort();
    assert_eq!(
        got,
        [
            format!("{p}:2: {ZH:?} is paired twice (also on line 1): a statement is in one pair"),
            format!("{p}:3: {EN:?} is paired twice (also on line 1): a statement is in one pair"),
            format!("{p}:4: {US:?} is paired with itself (a statement cannot translate itself)"),
            format!("{p}:5: expected two ids (original id, translation id), found 1 cell"),
        ]
    );
    assert_eq!(summary.linked, 1);
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));

    // Unknown ids and two statements of one language, each said.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, format!("{US},{EN}\nnowhere,{ZH}\n")).unwrap();
    let summary = ingest(&index, &[], Some(&other));
    let o = other.display();
    assert_eq!(
        errors(&summary),
        [
            format!("{o}:1: {EN:?} is paired twice (also in {p}:1)"),
            format!(
                "{o}:2: unknown id \"nowhere\": no statement with this id is in the index or in this run"
            ),
        ]
    );
    std::fs::write(&other, format!("missing-too,{ZH}\n{ZH}-copy,{US}\n")).unwrap();
    let mut zh_copy = fixture(&format!("{ZH}.md"));
    zh_copy = zh_copy.replacen(&format!("id = \"{ZH}\""), &format!("id = \"{ZH}-copy\""), 1);
    zh_copy = zh_copy.replacen("lang = \"zh\"", "lang = \"en\"", 1);
    std::fs::write(files.join("zh-copy.md"), zh_copy).unwrap();
    let summary = ingest(&index, std::slice::from_ref(&files), Some(&other));
    assert_eq!(
        errors(&summary),
        [
            format!(
                "{o}:1: unknown id \"missing-too\": no statement with this id is in the index or in this run"
            ),
            format!(
                "{o}:2: \"{ZH}-copy\" and {US:?} are both in language \"en\": a pair is a statement and its translation into another language"
            ),
        ]
    );
    assert_eq!(translation_of(&index, US), None);
}

#[test]
fn a_file_of_its_own_that_contradicts_a_pair_is_refused_naming_both() {
    let (dir, files) = unlinked();
    let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(&pairs, format!("{ZH},{EN}\n")).unwrap();
    ingest(&index, std::slice::from_ref(&files), Some(&pairs));
    let en = files.join("en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    let text = text.replacen("+++\n\n", &format!("translation_of = \"{US}\"\n+++\n\n"), 1);
    std::fs::write(&en, text).unwrap();
    let summary = ingest(&index, std::slice::from_ref(&files), None);
    let en_path = std::fs::canonicalize(&en).unwrap();
    let pairs_path = std::fs::canonicalize(&pairs).unwrap();
    assert_eq!(
        errors(&summary),
        [format!(
            "{}: statement {EN:?} has translation_of = {US:?}, but {}:1 pairs it with {ZH:?}: remove one of the two",
            en_path.display(),
            pairs_path.display()
        )]
    );
    assert_eq!(summary.removed, 0, "the indexed version stays");
    assert_eq!(translation_of(&index, EN).as_deref(), Some(ZH));
    assert!(document(&index, EN).is_ok());
}
