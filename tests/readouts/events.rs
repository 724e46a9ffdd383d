//! `readouts events suggest` through the binary, on the seed's real
//! statements with their `event` lines taken out: the Xi–Trump call's three
//! statements grouped, a proposed id and the evidence, nothing written.

use crate::util::*;

#[test]
fn events_suggest_groups_one_call_and_writes_nothing() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("event = "))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, text).unwrap();
    }
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = s.run(&["events", "suggest", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let groups: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(groups.len(), 2, "{}", run.stdout);
    assert_eq!(groups[0]["event"], "2025-11-24-trump-xi-call");
    assert_eq!(
        groups[0]["statements"],
        serde_json::json!([
            "us-2025-11-24-trump-post",
            "xinhua-2025-11-24-xi-trump-call-en",
            "xinhua-2025-11-24-xi-trump-call-zh"
        ])
    );
    assert_eq!(
        groups[0]["evidence"][1],
        "each names Donald Trump and Xi Jinping"
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);

    let text = s.run(&["events", "suggest"]);
    assert!(
        text.stdout.contains(
            "event = \"2025-11-24-trump-xi-call\"\n  us-2025-11-24-trump-post  (no event)"
        ),
        "{}",
        text.stdout
    );
    // Nothing was written: the statements still have no event.
    let show = s.run(&["show", "us-2025-11-24-trump-post", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(show.stdout.trim()).unwrap();
    assert_eq!(doc["event"], serde_json::Value::Null);
}

#[test]
fn the_seed_as_shipped_has_nothing_to_suggest() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let run = s.run(&["events", "suggest"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("0 groups suggested"), "{}", run.stderr);
}
