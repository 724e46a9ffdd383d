use crate::util::*;
use crate::wire::{IngestSummary, Stats};

#[test]
fn ingesting_the_fixtures_twice_adds_six_then_nothing() {
    let s = Sandbox::new();
    let first: Vec<IngestSummary> = s.ingest_fixtures().lines();
    assert_eq!(first[0].added, 6);
    assert_eq!(first[0].rejected, 0);
    let again: Vec<IngestSummary> = s.ingest_fixtures().lines();
    assert_eq!(again[0].added, 0);
    assert_eq!(again[0].updated, 0);
    assert_eq!(again[0].unchanged, 6);
    let stats: Vec<Stats> = s.run(&["stats", "--json"]).lines();
    assert_eq!(stats[0].documents, 6);
    assert_eq!(stats[0].passages, 24);
}

#[test]
fn an_edited_file_replaces_its_passages() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.hits(&["\"fascism and militarism\""]).len(), 1);

    let file = dir.join("xinhua-2025-11-24-xi-trump-call-en.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("fascism and militarism", "fascism and aggression"),
    )
    .unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json", "--quiet"]);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].updated, 1, "{}", run.stdout);
    assert_eq!(summary[0].unchanged, 5);

    assert!(s.hits(&["\"fascism and militarism\""]).is_empty());
    let hits = s.hits(&["\"fascism and aggression\""]);
    assert_eq!(ids(&hits), [XINHUA_EN]);
    let stats: Vec<Stats> = s.run(&["stats", "--json"]).lines();
    assert_eq!(stats[0].passages, 24, "no duplicate passages");
}

#[test]
fn a_bad_file_is_rejected_by_name_and_the_rest_ingested() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    let misspelt = Record::without_id()
        .publisher("X")
        .country("CN")
        .lang("zh")
        .date("2025-11-24")
        .title("T")
        .text("text")
        .statement_file()
        .replace("date = ", "dat = ");
    std::fs::write(dir.join("bad.md"), misspelt).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("bad.md:6: unknown key \"dat\""),
        "{}",
        run.stderr
    );
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].added, 6);
    assert_eq!(summary[0].rejected, 1);
    assert!(!s.hits(&["Taiwan"]).is_empty());
}

#[test]
fn json_lines_on_stdin_upsert_by_id() {
    let s = Sandbox::new();
    let record = Record::new("wh-1")
        .title("Readout")
        .text("President Biden spoke with Prime Minister\nJustin Trudeau about the\nU.S.-Canada relationship.\n\nThey discussed COVID-19.")
        .json_line();
    let run = s.run_with_stdin(&["ingest", "-", "--json"], &format!("{record}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].added, 1);
    // A phrase across a hard line break.
    let hits = s.hits(&["\"Minister Justin Trudeau about\""]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].passage, 1);
    let run = s.run_with_stdin(&["ingest", "-", "--json"], &format!("{record}\n"));
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].unchanged, 1);
}

#[test]
fn a_second_writer_fails_at_once_with_a_clear_message() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let index = readouts::index::ReadoutsIndex::open(&s.index()).unwrap();
    let _held = index.writer(false).unwrap();
    let run = s.run(&["ingest", fixtures().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("index is being written by another readouts process"),
        "{}",
        run.stderr
    );
    // Readers never block.
    assert!(!s.hits(&["Taiwan"]).is_empty());
}

#[test]
fn a_second_writer_waits_when_asked() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let index = readouts::index::ReadoutsIndex::open(&s.index()).unwrap();
    let held = index.writer(false).unwrap();
    let locked = s.path("second-writer-has-the-lock");
    let mut child = s
        .cmd()
        .args([
            "ingest",
            fixtures().to_str().unwrap(),
            "--wait",
            "--json",
            "--quiet",
        ])
        .env(PAUSE_AFTER_LOCK, &locked)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // State: the second writer sleeps between tries for the lock we hold (it
    // sleeps nowhere else before it has the lock).
    let pid = child.id();
    wait_until(&mut child, "second writer waiting for the lock", || {
        sleeping(pid)
    });
    assert!(child.try_wait().unwrap().is_none());
    assert!(!locked.exists(), "the lock was taken while we held it");
    drop(held);
    // State: it took the lock once we let it go.
    wait_for_pause(&mut child, &locked);
    std::fs::remove_file(&locked).unwrap();
    let run = Run::from(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0].unchanged, 6);
}

#[test]
fn quiet_ingest_prints_nothing_and_json_prints_one_object() {
    let s = Sandbox::new();
    let run = s.run(&["ingest", fixtures().to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
    let run = s.run(&["ingest", fixtures().to_str().unwrap(), "--json"]);
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = run.lines();
    assert_eq!(objects.len(), 1);
    for key in ["added", "updated", "unchanged", "removed", "rejected"] {
        assert!(objects[0].get(key).is_some(), "{key}");
    }
    let summaries: Vec<IngestSummary> = run.lines();
    assert_eq!(summaries[0].unchanged, 6);
    assert!(
        run.stderr.contains("0 added, 0 updated, 6 unchanged"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_path_and_an_unsupported_file_are_rejected() {
    let s = Sandbox::new();
    std::fs::write(s.path("notes.pdf"), b"%PDF").unwrap();
    let run = s.run(&[
        "ingest",
        "no-such-dir",
        s.path("notes.pdf").to_str().unwrap(),
        fixtures().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "notes.pdf: unsupported file type: expected .md, .markdown, .txt (statement files) or .jsonl, .ndjson (JSON Lines)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(s.hits(&["Taiwan", "--exact", "--limit", "100"]).len(), 5);
}

#[test]
fn importing_the_raw_seed_then_ingesting_answers_like_the_fixtures() {
    let s = Sandbox::new();
    let raw = fixtures().join("compilations/xi-trump-call-2025-11-24.raw");
    let out = s.path("imported");
    let run = s.run(&[
        "import",
        raw.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("6 statements"), "{}", run.stderr);
    let again = s.run(&[
        "import",
        raw.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.code, 2, "existing files are not overwritten");
    let run = s.run(&["ingest", out.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].added, 6);

    let reference = Sandbox::new();
    reference.ingest_fixtures();
    for query in [
        &["Taiwan", "--exact"][..],
        &["台湾"],
        &["\"fascism and militarism\""],
        &["釜山会晤"],
        &["soybeans", "--country", "US"],
        &["Taiwan", "--speaker", "Bessent"],
        &["Trump", "--since", "2025-11-25", "--until", "2025-11-25"],
    ] {
        // The same passages; passages with equal scores may come in either order,
        // as the two indexes were built from different files.
        let got: std::collections::BTreeSet<(String, u64, String)> = s
            .hits(query)
            .into_iter()
            .map(|h| (h.publisher, h.passage, h.date))
            .collect();
        let want: std::collections::BTreeSet<(String, u64, String)> = reference
            .hits(query)
            .into_iter()
            .map(|h| (h.publisher, h.passage, h.date))
            .collect();
        assert_eq!(got, want, "{query:?}");
    }
}

#[test]
fn a_utf16_json_lines_file_is_accepted_like_a_utf16_statement_file() {
    let s = Sandbox::new();
    let text = json_lines(&[
        Record::new("utf16-a").text("Soybeans and 台湾 in UTF-16."),
        Record::new("utf16-b").text("A second record."),
    ]);
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let file = s.path("utf16.jsonl");
    std::fs::write(&file, bytes).unwrap();
    let run = s.run(&["ingest", "--json", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!((summary[0].added, summary[0].rejected), (2, 0));
    assert_eq!(ids(&s.hits(&["台湾", "--exact"])), ["utf16-a"]);
}

#[test]
fn json_lines_on_stdin_are_read_record_by_record_with_located_errors() {
    let s = Sandbox::new();
    let input = format!(
        "{}\n{{\"id\": broken\n{}\n",
        Record::new("first").text("One.").json_line(),
        Record::new("third").text("Three.").json_line()
    );
    let run = s.run_with_stdin(&["ingest", "--json", "-"], &input);
    assert_eq!(run.code, 2, "a rejected record makes the run exit 2");
    assert!(run.stderr.contains("-:2: invalid JSON"), "{}", run.stderr);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!((summary[0].added, summary[0].rejected), (2, 1));
}

#[test]
fn the_source_path_is_absolute_whatever_folder_ingest_ran_in() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    // Run from the sandbox with a relative path.
    let run = s.run(&["ingest", "statements", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = s.hits(&["Taiwan", "--exact"]);
    assert!(!hits.is_empty());
    let canonical = std::fs::canonicalize(&dir).unwrap();
    for h in &hits {
        assert!(std::path::Path::new(&h.path).is_absolute(), "{}", h.path);
        assert!(
            h.path.starts_with(canonical.to_str().unwrap()),
            "{}",
            h.path
        );
    }
}

#[test]
fn a_record_is_reported_with_every_problem_not_only_the_first() {
    let s = Sandbox::new();
    let line = Record::new("bad")
        .country("USA")
        .lang("chinese")
        .date("2025-02-30")
        .text("Text.")
        .json_line()
        .replace("\"title\"", "\"titel\"");
    let run = s.run_with_stdin(&["ingest", "-"], &format!("{line}\n"));
    assert_eq!(run.code, 2);
    for problem in [
        "unknown key \"titel\" (did you mean \"title\"?)",
        "\"USA\" is not an ISO 3166-1 alpha-2 code",
        "\"chinese\" is not a BCP 47 language tag",
        "\"2025-02-30\" is not a day of the calendar",
    ] {
        assert!(run.stderr.contains(problem), "{problem}: {}", run.stderr);
    }
    assert!(
        !run.stderr.contains("missing key \"title\""),
        "{}",
        run.stderr
    );
    // One record, one rejection.
    assert_eq!(run.stderr.matches("rejected:").count(), 1, "{}", run.stderr);
}

/// A typo in a file already ingested is rejected and its indexed statement
/// stays (it was removed at commit: "0 added, … 1 removed, 1 rejected"); a
/// JSON Lines file with a rejected record keeps even the record it dropped
/// until it reads clean, then the dropped one goes.
#[test]
fn a_file_broken_after_ingest_is_rejected_and_keeps_what_it_held() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = dir.join("xinhua-2025-11-24-xi-trump-call-en.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("country = \"CN\"", "country = \"CHN1\""),
    )
    .unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("xinhua-2025-11-24-xi-trump-call-en.md:"),
        "{}",
        run.stderr
    );
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(
        (summary[0].rejected, summary[0].removed),
        (1, 0),
        "{}",
        run.stdout
    );
    assert_eq!(ids(&s.hits(&["\"fascism and militarism\""])), [XINHUA_EN]);
    std::fs::write(&file, &text).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let jsonl = s.path("two.jsonl");
    let records = [
        Record::new("keep-a").text("The zebra accord."),
        Record::new("keep-b").text("The zebra treaty."),
    ];
    std::fs::write(&jsonl, json_lines(&records)).unwrap();
    let run = s.run(&["ingest", jsonl.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // keep-b dropped, keep-a broken: both stay until the file reads clean.
    std::fs::write(&jsonl, "{\"id\": \"keep-a\", \"text\": 5}\n").unwrap();
    let run = s.run(&["ingest", jsonl.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(s.hits(&["zebra"]).len(), 2);
    std::fs::write(&jsonl, json_lines(&records[..1])).unwrap();
    let run = s.run(&["ingest", jsonl.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&s.hits(&["zebra"])), ["keep-a"]);
}
