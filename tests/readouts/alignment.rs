//! Paragraph alignment through the binary: `show --parallel` and `search
//! --with-translation` on the pairs of `fixtures/alignment/`, whose English
//! merges, splits or drops paragraphs (a question and its answer among them).

use std::path::Path;

use crate::util::*;
use crate::wire::{Hit, Parallel, Row};

const QA_EN: &str = "alignment-qa-dropped-en";
const QA_ZH: &str = "alignment-qa-dropped-zh";

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/alignment");
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

fn parallel(s: &Sandbox, id: &str) -> Parallel {
    let run = s.run(&["show", id, "--parallel", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines: Vec<Parallel> = run.lines();
    assert_eq!(lines.len(), 1);
    lines.remove(0)
}

fn rows(p: &Parallel) -> Vec<(Vec<u64>, Vec<u64>, &str)> {
    p.rows
        .iter()
        .map(|r: &Row| (r.left.clone(), r.right.clone(), r.method.as_str()))
        .collect()
}

#[test]
fn a_dropped_question_is_beside_nothing_and_nothing_else_moves() {
    let s = sandbox();
    let p = parallel(&s, QA_EN);
    assert_eq!(
        (p.left.doc_id.as_str(), p.right.doc_id.as_str()),
        (QA_EN, QA_ZH)
    );
    let expected: Vec<(Vec<u64>, Vec<u64>, &str)> = vec![
        (vec![1], vec![1], "1-1"),
        (vec![2], vec![2], "1-1"),
        (vec![3], vec![3], "1-1"),
        (vec![], vec![4], "0-1"),
        (vec![], vec![5], "0-1"),
        (vec![4], vec![6], "1-1"),
        (vec![5], vec![7], "1-1"),
        (vec![6], vec![8], "1-1"),
        (vec![7], vec![9], "1-1"),
    ];
    assert_eq!(rows(&p), expected, "{:#?}", p.rows);
    // No question beside an answer, and every paragraph of both sides once.
    let role = |d: &crate::wire::Document, n: u64| {
        d.passages
            .iter()
            .find(|x| x.passage == n)
            .and_then(|x| x.speaker_role.clone())
    };
    for r in &p.rows {
        for (&a, &b) in r.left.iter().zip(&r.right) {
            assert_eq!(role(&p.left, a), role(&p.right, b), "{r:?}");
        }
        assert!((0.0..=1.0).contains(&r.score));
    }
    let zimbabwe = p
        .right
        .passages
        .iter()
        .find(|x| x.text.contains("津巴布韦"))
        .unwrap();
    assert!(p
        .rows
        .iter()
        .any(|r| r.right == [zimbabwe.passage] && r.left.is_empty()));
}

#[test]
fn the_parallel_view_shows_merged_cells_and_missing_counterparts() {
    let s = sandbox();
    let run = s
        .cmd()
        .args(["show", "alignment-merged-zh", "--parallel"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0));
    for line in stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    // ZH ¶5 and ¶6 sit in one row beside EN ¶5, whose heading says 2-1.
    let at = |needle: &str| {
        stdout
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle}: {stdout}"))
    };
    let (five, six) = (at("¶5 [turn: Lin Jian"), at("我们敦促菲方"));
    assert_eq!(at("│ ¶5 · 2-1 1.00 [turn: Lin Jian"), five, "{stdout}");
    assert!(six > five && six < at("¶7 [turn: 法新社记者"), "{stdout}");
    assert_eq!(at("│ ¶6 · 1-1"), at("¶7 [turn: 法新社记者"), "{stdout}");

    let run = s
        .cmd()
        .args(["show", QA_ZH, "--parallel"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let missing: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("no counterpart"))
        .collect();
    assert_eq!(missing.len(), 2, "{stdout}");
    assert!(
        missing.iter().all(|l| l.contains("— no counterpart · 1-0")),
        "{stdout}"
    );
}

#[test]
fn search_with_translation_follows_the_alignment() {
    let s = sandbox();
    // The Philippines question is English ¶4 and Chinese ¶6.
    let hits = s.hits(&["\"bilateral consultation mechanism\"", "--with-translation"]);
    assert_eq!((hits[0].doc_id.as_str(), hits[0].passage), (QA_EN, 4));
    let t = hits[0].translation.as_ref().unwrap();
    assert_eq!(
        (t.doc_id.as_str(), t.passages.as_slice()),
        (QA_ZH, &[6][..])
    );
    assert_eq!(t.method, "1-1");
    assert!(t.text.contains("菲律宾"));
    // The Zimbabwe question has no English: no paragraph, said so.
    let hits = s.hits(&["津巴布韦外长", "--with-translation"]);
    let t = hits[0].translation.as_ref().unwrap();
    assert_eq!((t.doc_id.as_str(), t.method.as_str()), (QA_EN, "1-0"));
    assert!(t.passages.is_empty() && t.text.is_empty(), "{t:?}");
    // English ¶5 holds Chinese ¶5 and ¶6: both, in order.
    let hits = s.hits(&[
        "\"Peace and stability in the South China Sea\"",
        "--with-translation",
    ]);
    let hit = hits
        .iter()
        .find(|h| h.doc_id == "alignment-merged-en")
        .unwrap();
    assert_eq!(hit.passage, 5);
    let t = hit.translation.as_ref().unwrap();
    assert_eq!(
        (t.passages.as_slice(), t.method.as_str()),
        (&[5, 6][..], "1-2")
    );
    assert!(t.text.contains("3月5日") && t.text.contains("\n\n我们敦促菲方"));
    let text = s.run(&["search", "津巴布韦外长", "--with-translation"]);
    assert!(
        text.stdout.contains("no counterpart (1-0"),
        "{}",
        text.stdout
    );
}

/// `--all` streams the translations the paged search shows, for an exact
/// search too (it aligned with no glossary, the page with the whole one).
#[test]
fn all_hits_carry_the_translations_a_page_carries() {
    let s = sandbox();
    for exact in [false, true] {
        let mut args = vec![
            "search",
            "China",
            "--with-translation",
            "--json",
            "--limit",
            "500",
        ];
        if exact {
            args.push("--exact");
        }
        let paged = s.run(&args);
        assert_eq!(paged.code, 0, "{}", paged.stderr);
        let paged: Vec<Hit> = paged.lines();
        let mut all_args: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| *a != "500" && *a != "--limit")
            .collect();
        all_args.push("--all");
        let all: Vec<Hit> = s.run(&all_args).lines();
        assert!(
            paged.iter().any(|h| h.translation.is_some()),
            "exact={exact}"
        );
        let key = |hits: &[Hit]| -> Vec<_> {
            hits.iter()
                .map(|h| {
                    (
                        h.doc_id.clone(),
                        h.passage,
                        h.translation
                            .as_ref()
                            .map(|t| (t.doc_id.clone(), t.passages.clone(), t.method.clone())),
                    )
                })
                .collect()
        };
        assert_eq!(key(&all), key(&paged), "exact={exact}");
    }
}
