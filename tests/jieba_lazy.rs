//! A query never loads the jieba dictionary (about 65 ms): English queries, and
//! Chinese ones too, are answered from the index alone (bigrams for recall, the
//! index vocabulary for ranking). Its own test binary with one test, so that
//! nothing else in the process loads jieba first; the index is built by the
//! binary in another process.

use std::path::Path;

use readouts::analysis::jieba_loaded;
use readouts::index::ReadoutsIndex;
use readouts::query::{search, SearchRequest};

#[test]
fn queries_do_not_load_jieba() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_readouts"))
        .arg("--index")
        .arg(dir.path())
        .args(["ingest", "--quiet"])
        .arg(fixtures)
        .status()
        .unwrap();
    assert!(status.success());

    let index = ReadoutsIndex::open(dir.path()).unwrap();
    for query in [
        "Taiwan",
        "\"fascism and militarism\"",
        "台湾问题",
        "釜山会晤 OR 乌克兰",
        "Taiwan 台湾",
    ] {
        let results = search(&index, &SearchRequest::new(query)).unwrap();
        assert!(results.total > 0, "{query}");
    }
    assert!(!jieba_loaded(), "a query loaded the jieba dictionary");
}
