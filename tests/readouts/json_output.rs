//! The JSON of every command that prints it, parsed with the test's own wire
//! types (`crate::wire`): exactly those fields, none missing, none added,
//! each line serializing back to the same JSON (`Run::lines`).

use crate::util::*;
use crate::wire::{
    Cell, CountRow, Document, Hit, IngestSummary, Parallel, Stats, TimelineRow, VerifyReport,
};

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.ingest_fixtures();
    s
}

#[test]
fn search_json_is_one_hit_a_line() {
    let s = sandbox();
    let run = s.run(&["search", "Taiwan", "--limit", "100", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits: Vec<Hit> = run.lines();
    assert!(hits.len() > 5, "{hits:?}");
    assert!(hits.iter().all(|h| h.translation.is_none()));
    assert!(
        hits.iter()
            .any(|h| h.matched.iter().any(|m| m.glossary && m.concept.is_some())),
        "{hits:?}"
    );
    assert!(hits.iter().any(|h| h.speaker.is_some()));
    let run = s.run(&[
        "search",
        "\"fascism and militarism\"",
        "--with-translation",
        "--json",
    ]);
    let hits: Vec<Hit> = run.lines();
    assert_eq!(hits.len(), 1);
    let translation = hits[0].translation.as_ref().unwrap();
    assert_eq!(
        (
            translation.doc_id.as_str(),
            translation.passages.as_slice(),
            translation.method.as_str()
        ),
        (XINHUA_ZH, &[3][..], "1-1")
    );
}

#[test]
fn show_json_is_one_document() {
    let s = sandbox();
    let run = s.run(&["show", CNBC, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs: Vec<Document> = run.lines();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].doc_id, CNBC);
    assert!(docs[0]
        .passages
        .iter()
        .any(|p| p.speaker.as_deref() == Some("Scott Bessent")
            && p.speaker_role.as_deref() == Some("answers")
            && p.speaker_label.as_deref() == Some("Bessent")));
}

#[test]
fn show_parallel_json_is_two_documents_and_their_rows() {
    let s = sandbox();
    let run = s.run(&["show", XINHUA_EN, "--parallel", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pairs: Vec<Parallel> = run.lines();
    assert_eq!(pairs.len(), 1);
    let p = &pairs[0];
    assert_eq!(
        (p.left.doc_id.as_str(), p.right.doc_id.as_str()),
        (XINHUA_EN, XINHUA_ZH)
    );
    assert_eq!(p.left.passages.len(), p.right.passages.len());
    let rows: Vec<_> = p
        .rows
        .iter()
        .map(|r| (r.left.clone(), r.right.clone(), r.method.as_str()))
        .collect();
    let one_to_one: Vec<_> = (1..=5).map(|n| (vec![n], vec![n], "1-1")).collect();
    assert_eq!(rows, one_to_one);
}

#[test]
fn stats_json_is_one_object() {
    let s = sandbox();
    let run = s.run(&["stats", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: Vec<Stats> = run.lines();
    assert_eq!(stats.len(), 1);
    assert_eq!(
        stats[0].dates,
        Some(("2025-11-24".to_string(), "2025-11-25".to_string()))
    );
    assert_eq!(stats[0].by_kind.values().sum::<u64>(), 6);
}

#[test]
fn ingest_json_is_one_summary_with_the_rejections() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    std::fs::write(dir.join("empty.md"), "").unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary.len(), 1);
    let summary = &summary[0];
    assert_eq!((summary.added, summary.rejected), (6, 1));
    assert_eq!(summary.passages, 24);
    assert_eq!(summary.errors.len(), 1);
    assert!(summary.errors[0].contains("empty.md"), "{summary:?}");
}

#[test]
fn verify_json_is_one_report() {
    let s = sandbox();
    let run = s.run(&["verify", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reports: Vec<VerifyReport> = run.lines();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].passages, 24);
    assert!(reports[0].problems.is_empty());
    assert!(reports[0].segments >= 1 && reports[0].files_checked >= 1);
    std::fs::remove_file(s.index().join("meta.json")).unwrap();
    let run = s.run(&["verify", "--json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let reports: Vec<VerifyReport> = run.lines();
    assert_eq!(reports[0].problems, ["meta.json is missing"]);
}

#[test]
fn compare_json_is_one_cell_a_line() {
    let s = sandbox();
    let run = s.run(&["compare", "--event", EVENT, "Taiwan", "soybeans", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cells: Vec<Cell> = run.lines();
    assert_eq!(cells.len(), 2 * 6);
    assert_eq!(cells[0].topic, "Taiwan");
}

#[test]
fn count_json_is_one_group_a_line() {
    let s = sandbox();
    let run = s.run(&["count", "Taiwan", "--by", "lang", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<CountRow> = run.lines();
    assert!(
        rows.iter().any(|r| r.key == "zh" && r.passages == 2),
        "{rows:?}"
    );
}

#[test]
fn timeline_json_is_one_period_a_line() {
    let s = sandbox();
    let run = s.run(&["timeline", "Trump", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<TimelineRow> = run.lines();
    assert_eq!(
        rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["2025-11"]
    );
    assert!(rows.iter().any(|r| r.passages > 0));
}
