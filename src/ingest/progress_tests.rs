//! The progress an ingest reports, through the library.

use super::*;
use std::sync::Mutex;

/// Records every call.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

impl Progress for Recorder {
    fn start(&self, sources: u64, bytes: u64) {
        self.0
            .lock()
            .unwrap()
            .push(format!("start {sources} {bytes}"));
    }
    fn reading(&self, _: &Path, number: u64) {
        self.0.lock().unwrap().push(format!("reading {number}"));
    }
    fn read(&self, bytes: u64, records: u64) {
        self.0
            .lock()
            .unwrap()
            .push(format!("read {bytes} {records}"));
    }
    fn advance(&self, _: &Path, bytes: u64) {
        self.0.lock().unwrap().push(format!("advance {bytes}"));
    }
    fn committing(&self) {
        self.0.lock().unwrap().push("committing".into());
    }
    fn finish(&self) {
        self.0.lock().unwrap().push("finish".into());
    }
}

#[test]
fn progress_counts_bytes_and_records_within_a_file_and_names_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let line = |i: usize| {
        format!(
            "{{\"id\":\"r{i}\",\"publisher\":\"The White House\",\"country\":\"US\",\"kind\":\"readout\",\
             \"lang\":\"en\",\"date\":\"2021-01-22\",\"title\":\"R {i}\",\"text\":\"A call on trade.\"}}\n"
        )
    };
    let text: String = (0..2000).map(line).collect();
    let file = dir.path().join("many.jsonl");
    std::fs::write(&file, &text).unwrap();
    let index = ReadoutsIndex::open_or_create(&dir.path().join("index")).unwrap();
    let recorder = Recorder::default();
    let summary = ingest_paths(&index, &[file], &IngestOptions::default(), &recorder).unwrap();
    assert_eq!(summary.added, 2000);
    let calls = recorder.0.into_inner().unwrap();
    assert_eq!(calls[0], format!("start 1 {}", text.len()));
    assert_eq!(calls[1], "reading 1");
    let reads: Vec<(u64, u64)> = calls
        .iter()
        .filter_map(|c| c.strip_prefix("read "))
        .map(|c| {
            let (b, r) = c.split_once(' ').unwrap();
            (b.parse().unwrap(), r.parse().unwrap())
        })
        .collect();
    assert_eq!(reads.len(), 2000, "one report per record");
    assert_eq!(reads.last().unwrap().1, 2000);
    assert!(
        reads.windows(2).all(|w| w[0].0 <= w[1].0),
        "bytes only grow"
    );
    assert!(
        reads[0].0 < text.len() as u64,
        "bytes are reported within the file"
    );
    assert_eq!(reads.last().unwrap().0, text.len() as u64);
    let tail: Vec<&str> = calls.iter().rev().take(3).map(String::as_str).collect();
    assert_eq!(
        tail,
        ["finish", "committing", &format!("advance {}", text.len())]
    );
}
