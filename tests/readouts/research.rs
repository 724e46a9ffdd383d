//! Cross-lingual research: glossary expansion, Traditional/Simplified folding,
//! compare, parallel view, count and timeline.

use std::collections::BTreeMap;

use crate::util::*;
use crate::wire::{Cell, CountRow, Parallel};

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.ingest_fixtures();
    s
}

#[test]
fn taiwan_finds_the_chinese_paragraphs_and_exact_does_not() {
    let s = sandbox();
    let hits = s.hits(&["Taiwan", "--limit", "100"]);
    let chinese: Vec<_> = hits.iter().filter(|h| h.doc_id == XINHUA_ZH).collect();
    assert_eq!(chinese.len(), 2, "{:?}", ids(&hits));
    for h in &chinese {
        assert!(
            h.matched.iter().any(|m| m.glossary && m.form == "台湾"),
            "{:?}",
            h.matched
        );
        assert!(!h.highlights.is_empty());
    }
    // Exact matches rank above expansion-only ones.
    let first_expansion = hits
        .iter()
        .position(|h| h.matched.iter().all(|m| m.glossary))
        .unwrap();
    assert!(hits[..first_expansion]
        .iter()
        .all(|h| h.text.contains("Taiwan")));
    assert!(hits[first_expansion..]
        .iter()
        .all(|h| !h.text.contains("Taiwan")));

    let exact = s.hits(&["Taiwan", "--exact", "--limit", "100"]);
    assert!(exact.iter().all(|h| h.doc_id != XINHUA_ZH));
    assert!(exact.iter().all(|h| h.matched.iter().all(|m| !m.glossary)));
}

#[test]
fn chinese_names_find_english_passages() {
    let s = sandbox();
    let hits = s.hits(&["乌克兰", "--limit", "100"]);
    let found = ids(&hits);
    for id in [XINHUA_ZH, XINHUA_EN, CNBC, US_POST] {
        assert!(found.contains(&id), "{id} missing from {found:?}");
    }
}

#[test]
fn traditional_and_simplified_fold_together() {
    let s = sandbox();
    let traditional = s.hits(&["臺灣", "--exact"]);
    assert_eq!(traditional.len(), 2);
    assert!(
        traditional.iter().all(|h| h.text.contains("台湾")),
        "output shows the original text"
    );
    let dir = s.path("hant");
    std::fs::create_dir_all(&dir).unwrap();
    let zh =
        std::fs::read_to_string(fixtures().join("xinhua-2025-11-24-xi-trump-call-zh.md")).unwrap();
    let hant = zh
        .replace("xinhua-2025-11-24-xi-trump-call-zh", "hant-copy")
        .replace("台湾问题", "臺灣問題")
        .replace("lang = \"zh\"", "lang = \"zh-Hant\"");
    std::fs::write(dir.join("hant.md"), hant).unwrap();
    assert_eq!(s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]).code, 0);
    let hits = s.hits(&["台湾问题", "--exact", "--lang", "zh-Hant"]);
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.text.contains("臺灣問題")));
    assert_eq!(
        s.hits(&["台湾问题", "--lang", "zh"]).len(),
        4,
        "zh includes zh-Hant"
    );
}

#[test]
fn compare_shows_who_mentioned_what_including_zeros() {
    let s = sandbox();
    let run = s.run(&["compare", "--event", EVENT, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every cell has the keys topic, doc_id, publisher, country, lang, kind
    // and passages (the wire type requires them).
    let cells: Vec<Cell> = run.lines();
    let mut m: BTreeMap<(String, String), u64> = BTreeMap::new();
    for c in &cells {
        m.insert((c.topic.clone(), c.doc_id.clone()), c.passages);
    }
    let get = |topic: &str, doc: &str| {
        *m.get(&(topic.to_string(), doc.to_string()))
            .unwrap_or_else(|| panic!("no cell {topic} × {doc}"))
    };
    assert!(get("Taiwan", XINHUA_ZH) > 0);
    assert_eq!(get("Taiwan", US_POST), 0);
    assert!(get("soybeans", US_POST) > 0);
    assert_eq!(get("soybeans", XINHUA_ZH), 0);
    // Every cell is there: topics × 6 documents.
    assert_eq!(cells.len() % 6, 0);

    let given = s.run(&["compare", "--event", EVENT, "Taiwan", "fentanyl", "--csv"]);
    let lines: Vec<&str> = given.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "topic,doc_id,publisher,country,lang,kind,reported,passages"
    );
    assert_eq!(lines.len(), 1 + 2 * 6);
    let table = s.run(&["compare", "--event", EVENT, "Taiwan", "soybeans"]);
    assert!(table.stdout.contains("[6]"), "{}", table.stdout);
    assert_eq!(s.run(&["compare", "--event", "nope"]).code, 2);
}

#[test]
fn show_parallel_puts_original_and_translation_side_by_side() {
    let s = sandbox();
    let run = s
        .cmd()
        .args(["show", XINHUA_EN, "--parallel"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        stdout.contains("Taiwan question") && stdout.contains("台湾问题"),
        "{stdout}"
    );
    for line in stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    // Either direction.
    let from_zh: Vec<Parallel> = s.run(&["show", XINHUA_ZH, "--parallel", "--json"]).lines();
    assert_eq!(from_zh[0].right.doc_id, XINHUA_EN);
    assert_eq!(s.run(&["show", CNBC, "--parallel"]).code, 2);
}

#[test]
fn search_with_translation_adds_the_aligned_paragraph() {
    let s = sandbox();
    let hits = s.hits(&["\"fascism and militarism\"", "--with-translation"]);
    let t = hits[0].translation.as_ref().unwrap();
    assert_eq!(
        (t.doc_id.as_str(), t.passages.as_slice(), t.lang.as_str()),
        (XINHUA_ZH, &[3][..], "zh")
    );
    assert!(t.text.contains("法西斯和军国主义"));
    assert!(t.score >= 0.9, "{t:?}");
}

#[test]
fn count_groups_and_timeline_draws() {
    let s = sandbox();
    let run = s.run(&["count", "Taiwan", "--by", "publisher", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<CountRow> = run.lines();
    assert!(rows.len() >= 3, "{rows:?}");
    assert!(rows.windows(2).all(|w| w[0].passages >= w[1].passages));
    let months: Vec<CountRow> = s
        .run(&["count", "Trump", "--by", "month", "--json"])
        .lines();
    assert_eq!(months.len(), 1);
    assert_eq!(months[0].key, "2025-11");

    let svg = s.path("t.svg");
    let run = s.run(&["timeline", "Taiwan", "--svg", svg.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("2025-11"));
    assert!(run.stdout.contains('█'), "{}", run.stdout);
    assert_eq!(s.run(&["count", "zebra", "--by", "kind"]).code, 1);
}

#[test]
fn a_user_glossary_adds_concepts() {
    let s = sandbox();
    let file = s.path("mine.toml");
    std::fs::write(&file, "version = 1\n[[concept]]\nid = \"consensus\"\nen = [\"consensuses\"]\nzh = [\"共识\"]\nsources = [\"test\"]\n").unwrap();
    let hits = s.hits(&[
        "共识",
        "--glossary",
        file.to_str().unwrap(),
        "--limit",
        "100",
    ]);
    assert!(hits.iter().any(|h| h.doc_id == XINHUA_EN));
    let bad = s.path("bad.toml");
    std::fs::write(&bad, "version = 1\n[[concept]]\nid = 3\n").unwrap();
    let run = s.run(&["search", "x", "--glossary", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.toml:3"), "{}", run.stderr);
}
