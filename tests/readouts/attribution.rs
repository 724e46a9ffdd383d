//! Who said it, end to end: speaker turns, reported speakers and one name per
//! person through the binary, on `fixtures/attribution/`.

use std::path::Path;

use crate::util::*;
use crate::wire::{Cell, CountRow, Document, Hit};

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/attribution");
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

fn all(s: &Sandbox, args: &[&str]) -> Vec<Hit> {
    let mut full = vec!["search", "--json", "--limit", "1000"];
    full.extend_from_slice(args);
    let run = s.run(&full);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.lines()
}

fn keys(hits: &[Hit]) -> Vec<(String, u64)> {
    let mut k: Vec<(String, u64)> = hits.iter().map(|h| (h.doc_id.clone(), h.passage)).collect();
    k.sort();
    k
}

#[test]
fn one_person_under_every_name_and_title() {
    let s = sandbox();
    let by_chinese = all(&s, &["China", "--speaker", "毛宁"]);
    assert!(!by_chinese.is_empty());
    for name in [
        "Mao Ning",
        "mao ning",
        "Spokesperson Mao Ning",
        "外交部发言人毛宁",
    ] {
        assert_eq!(
            keys(&all(&s, &["China", "--speaker", name])),
            keys(&by_chinese),
            "{name}"
        );
    }
    assert!(by_chinese
        .iter()
        .all(|h| h.speaker.as_deref() == Some("Mao Ning")));
    // count --by speaker groups by person: 答 and 毛宁 are one row.
    let rows: Vec<CountRow> = s
        .run(&["count", "中方", "--by", "speaker", "--json", "--lang", "zh"])
        .lines();
    assert_eq!(
        rows.iter()
            .filter(|r| r.key.contains("毛") || r.key == "Mao Ning")
            .count(),
        1
    );
}

#[test]
fn a_journalists_question_never_matches_the_spokesperson() {
    let s = sandbox();
    for hit in all(&s, &["China", "--speaker", "Mao Ning"]) {
        assert_ne!(hit.speaker_role.as_deref(), Some("asks"), "{}", hit.text);
    }
    let questions = all(&s, &["China", "--role", "asks"]);
    assert!(!questions.is_empty());
    assert!(questions
        .iter()
        .all(|h| h.speaker.as_deref() != Some("Mao Ning")
            && h.speaker.as_deref() != Some("Wang Wenbin")));
}

#[test]
fn a_paragraph_reporting_trump_is_never_shown_as_xis() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let hits = all(&s, &["\"great leader\""]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].speaker, None);
    assert_eq!(hits[0].reported, ["Donald Trump"]);
    let human = s.run(&["search", "\"great leader\""]);
    assert!(
        human.stdout.contains("¶4 · reported: Donald Trump"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("Xi Jinping"), "{}", human.stdout);
    // --reported takes any name of the person.
    assert_eq!(
        keys(&all(&s, &["Taiwan", "--reported", "特朗普"])),
        keys(&all(&s, &["Taiwan", "--reported", "Trump"]))
    );
}

#[test]
fn show_json_carries_turns_reported_speakers_and_the_statement_speaker() {
    let s = sandbox();
    let docs: Vec<Document> = s
        .run(&["show", "mfa-press-conference-zh", "--json"])
        .lines();
    let doc = &docs[0];
    assert_eq!(doc.speaker.as_deref(), Some("毛宁"));
    let asked: Vec<_> = doc
        .passages
        .iter()
        .filter(|p| p.speaker_role.as_deref() == Some("asks"))
        .collect();
    assert!(asked
        .iter()
        .any(|p| p.speaker_label.as_deref() == Some("《新鹿特丹商报》记者")));
    assert!(doc.passages.iter().all(|p| p.reported.is_empty()));
    let readout: Vec<Document> = s
        .run(&["show", "whitehouse-readout-2023", "--json"])
        .lines();
    assert!(readout[0].passages.iter().all(|p| p.speaker.is_none()));
    assert!(readout[0]
        .passages
        .iter()
        .any(|p| p.reported.contains(&"Joe Biden".to_string())));
    // Every reported person comes with the words that made it.
    for p in &readout[0].passages {
        let named: Vec<&str> = p.reported_by.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(named, p.reported, "¶{}", p.passage);
        for r in &p.reported_by {
            assert!(
                p.text.contains(&r.words),
                "{:?} not in ¶{}",
                r.words,
                p.passage
            );
        }
    }
    let stressed = readout[0]
        .passages
        .iter()
        .flat_map(|p| &p.reported_by)
        .find(|r| r.words.starts_with("President Biden stressed"));
    assert_eq!(stressed.map(|r| r.name.as_str()), Some("Joe Biden"));
}

#[test]
fn compare_splits_each_statement_by_reported_speaker() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let cells: Vec<Cell> = s
        .run(&[
            "compare",
            "--event",
            "2025-11-24-xi-trump-call",
            "taiwan",
            "--by-reported",
            "--json",
        ])
        .lines();
    let taiwan = |doc: &str, person: &str| {
        cells
            .iter()
            .find(|c| c.doc_id == doc && c.reported.as_deref() == Some(person))
            .map(|c| c.passages)
    };
    // Xinhua reports Trump on Taiwan (¶4) and Xi on Taiwan (¶3).
    assert_eq!(
        taiwan("xinhua-2025-11-24-xi-trump-call-en", "Donald Trump"),
        Some(1)
    );
    assert_eq!(
        taiwan("xinhua-2025-11-24-xi-trump-call-en", "Xi Jinping"),
        Some(1)
    );
    // Trump's own post does not mention Taiwan.
    assert_eq!(taiwan("us-2025-11-24-trump-post", "Donald Trump"), Some(0));
    let by_reported: Vec<CountRow> = s
        .run(&["count", "Taiwan", "--by", "reported", "--json"])
        .lines();
    assert!(by_reported.iter().any(|r| r.key == "Donald Trump"));
}

#[test]
fn show_json_says_when_an_answers_role_rests_on_a_question_mark_alone() {
    let s = Sandbox::new();
    let record = Record::new("mfa-uncertain")
        .kind("press-conference")
        .speaker("毛宁")
        .text(
            "Reuters: What is your comment on the talks?\n\n\
             The talks were held in a constructive atmosphere.\n\n\
             AFP: Will the minister travel next week?\n\n\
             We have noted the reports.",
        );
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&[record]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs: Vec<Document> = s.run(&["show", "mfa-uncertain", "--json"]).lines();
    let got: Vec<(Option<&str>, bool)> = docs[0]
        .passages
        .iter()
        .map(|p| (p.speaker_role.as_deref(), p.speaker_role_uncertain))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("asks"), false),
            (Some("answers"), true),
            (Some("asks"), false),
            (Some("answers"), false),
        ]
    );
    assert_eq!(docs[0].passages[1].speaker.as_deref(), Some("Mao Ning"));
}
