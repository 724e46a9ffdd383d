//! Japanese and Russian statements are first-class (issue 15, item 5):
//! exact Japanese substring recall like Chinese, Russian words stemmed, the
//! glossary across all four languages, `lang` deciding the analysis, and a
//! language readouts cannot analyse indexed with plain words and said so.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::util::*;
use crate::wire::{Hit, IngestSummary};

const JA: &str = "kantei-2025-11-25-takaichi-remarks-ja";
const RU: &str = "kremlin-2025-11-24-putin-xi-call-ru";

fn languages() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/languages")
}

/// A sandbox with the Japanese and Russian fixtures and a Chinese record.
fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    let run = s.run(&["ingest", languages().to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let zh = Record::new("xinhua-zh")
        .publisher("Xinhua News Agency")
        .country("CN")
        .lang("zh")
        .title("习近平同美国总统特朗普通电话")
        .text("习近平阐明了中方在台湾问题上的原则立场。\n\n两国元首同意保持沟通。");
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&[zh]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

/// The paragraphs of a fixture's body.
fn paragraphs(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(languages().join(format!("{name}.md"))).unwrap();
    let body = text.splitn(3, "+++").nth(2).unwrap();
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn passages(hits: &[Hit], id: &str) -> BTreeSet<u64> {
    hits.iter()
        .filter(|h| h.doc_id == id)
        .map(|h| h.passage)
        .collect()
}

#[test]
fn every_japanese_substring_is_found_exactly() {
    let s = sandbox();
    let paragraphs = paragraphs(JA);
    let normalized: Vec<String> = paragraphs
        .iter()
        .map(|p| readouts::analysis::normalize(p))
        .collect();
    let mut queries = BTreeSet::new();
    for p in &normalized {
        let chars: Vec<char> = p.chars().collect();
        for start in (0..chars.len()).step_by(9) {
            for len in [2, 3, 5] {
                let Some(run) = chars.get(start..start + len) else {
                    continue;
                };
                if run.iter().all(|c| readouts::analysis::is_cjk(*c)) {
                    queries.insert(run.iter().collect::<String>());
                }
            }
        }
    }
    assert!(queries.len() > 20, "{queries:?}");
    for q in queries.iter().take(60) {
        let hits = s.hits(&[q, "--exact", "--limit", "100"]);
        let expected: BTreeSet<u64> = (1..)
            .zip(&normalized)
            .filter(|(_, p)| p.contains(q.as_str()))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(passages(&hits, JA), expected, "query {q}");
    }
}

#[test]
fn kana_kanji_and_katakana_strings_highlight_as_written() {
    let s = sandbox();
    for q in ["台湾有事", "について", "トランプ大統領", "インド太平洋"] {
        let hits = s.hits(&[q, "--exact"]);
        assert!(!hits.is_empty(), "{q}");
        for h in &hits {
            assert!(h.text.contains(q), "{q} not in {}", h.text);
            let (a, b) = h.highlights[0];
            assert_eq!(&h.snippet[a..b], q);
        }
    }
}

#[test]
fn traditional_and_simplified_forms_find_each_other() {
    let s = sandbox();
    // Japanese writes 習近平, Chinese 习近平: one folded form.
    for q in ["習近平", "习近平"] {
        let ids: BTreeSet<String> = s
            .hits(&[q, "--exact", "--limit", "100"])
            .into_iter()
            .map(|h| h.doc_id)
            .collect();
        assert!(
            ids.contains(JA) && ids.contains("xinhua-zh"),
            "{q}: {ids:?}"
        );
    }
}

#[test]
fn russian_words_are_stemmed() {
    let s = sandbox();
    let hits = s.hits(&["Тайвань", "--exact"]);
    assert_eq!(passages(&hits, RU), BTreeSet::from([2]));
    let h = &hits[0];
    let highlighted: Vec<&str> = h
        .highlights
        .iter()
        .map(|&(a, b)| &h.snippet[a..b])
        .collect();
    assert!(highlighted.contains(&"Тайваня"), "{highlighted:?}");
    assert!(highlighted.contains(&"Тайвань"), "{highlighted:?}");
    // A phrase of inflected words.
    let hits = s.hits(&["\"мирные переговоры\"", "--exact"]);
    assert_eq!(passages(&hits, RU), BTreeSet::from([3]));
    let hits = s.hits(&["партнёрства", "--exact"]);
    assert_eq!(passages(&hits, RU), BTreeSet::from([4]));
}

#[test]
fn taiwan_finds_the_chinese_russian_and_japanese_statements() {
    let s = sandbox();
    let ids: BTreeSet<String> = s
        .hits(&["Taiwan", "--limit", "100"])
        .into_iter()
        .map(|h| h.doc_id)
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([JA.to_string(), RU.to_string(), "xinhua-zh".to_string()])
    );
    // And a person by any of her names.
    let ids: BTreeSet<String> = s
        .hits(&["Xi Jinping", "--limit", "100"])
        .into_iter()
        .map(|h| h.doc_id)
        .collect();
    assert!(
        ids.contains(JA) && ids.contains(RU) && ids.contains("xinhua-zh"),
        "{ids:?}"
    );
}

#[test]
fn lang_decides_the_analysis_and_an_unknown_language_is_plain() {
    let s = Sandbox::new();
    let records = [
        Record::new("en").text("Relations between the two countries improved."),
        Record::new("sw")
            .lang("sw")
            .text("Relations between the two countries improved."),
        Record::new("fr")
            .lang("fr")
            .text("Les négociations continuent entre les deux gouvernements."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--json"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IngestSummary = run.lines().remove(0);
    assert_eq!(summary.plain_analysis.get("sw"), Some(&1));
    assert_eq!(summary.plain_analysis.len(), 1);
    assert!(
        run.stderr.contains("note: 1 statement in language \"sw\"")
            && run.stderr.contains("plain words"),
        "{}",
        run.stderr
    );
    // English is stemmed; the unknown language is matched as written.
    assert_eq!(ids(&s.hits(&["relation", "--exact"])), ["en"]);
    let both: BTreeSet<String> = s
        .hits(&["relations", "--exact"])
        .into_iter()
        .map(|h| h.doc_id)
        .collect();
    assert_eq!(both, BTreeSet::from(["en".to_string(), "sw".to_string()]));
    // French is stemmed with the French Snowball algorithm.
    let hits = s.hits(&["négociation", "--exact"]);
    assert_eq!(ids(&hits), ["fr"]);
    let hits = s.hits(&["gouvernement", "--exact"]);
    assert_eq!(ids(&hits), ["fr"]);
    let (a, b) = hits[0].highlights[0];
    assert_eq!(&hits[0].snippet[a..b], "gouvernements");
}
