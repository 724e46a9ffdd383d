use crate::util::*;
use crate::wire::{Document, Stats};

#[test]
fn show_prints_paragraph_numbers_and_speakers() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let run = s.run(&["show", CNBC]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("¶4 [turn: Scott Bessent (answers)]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("¶1 [turn: CNBC (asks)]"));
    let docs: Vec<Document> = s.run(&["show", XINHUA_EN, "--json"]).lines();
    let doc = &docs[0];
    assert_eq!(doc.passages.len(), 5);
    assert_eq!(doc.translation_of.as_deref(), Some(XINHUA_ZH));
    assert_eq!(
        doc.passages.iter().map(|p| p.passage).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    let us: Vec<Document> = s.run(&["show", US_POST, "--json"]).lines();
    assert!(us[0]
        .date_source
        .as_deref()
        .unwrap()
        .contains("inferred from event"));
    let missing = s.run(&["show", "nope"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no document with id \"nope\""));
}

#[test]
fn stats_count_documents_passages_and_groups() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let stats: Vec<Stats> = s.run(&["stats", "--json"]).lines();
    let st = &stats[0];
    assert_eq!(st.documents, 6);
    assert_eq!(st.passages, 24);
    assert_eq!(st.schema_version, 4);
    assert_eq!(st.by_publisher["Xinhua News Agency"], 2);
    assert_eq!(st.by_lang["zh"], 1);
    assert_eq!(st.by_country["JP"], 2);
    assert!(st.index_bytes > 0);
    let human = s.run(&["stats"]);
    assert!(human.stdout.contains("documents       6"));
}
