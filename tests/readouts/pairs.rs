//! `ingest --pairs FILE` through the binary: the seed's real Xinhua readout
//! of 24 November 2025 in Chinese and English, the English file without its
//! own `translation_of`, paired by a CSV file; `show --parallel` and `search
//! --with-translation` then work, after a re-ingest and a reindex too; bad
//! lines are refused `file:line: reason` with exit code 2.

use std::path::PathBuf;

use crate::util::*;
use crate::wire::{IngestSummary, Parallel};

const ZH: &str = "xinhua-2025-11-24-xi-trump-call-zh";
const EN: &str = "xinhua-2025-11-24-xi-trump-call-en";

/// The seed fixtures, the English readout's `translation_of` line removed.
fn unlinked(s: &Sandbox) -> PathBuf {
    let dir = s.copy_fixtures("statements");
    let en = dir.join(format!("{EN}.md"));
    let text: String = std::fs::read_to_string(&en)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("translation_of"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&en, text).unwrap();
    dir
}

fn parallel(s: &Sandbox) -> Parallel {
    let run = s.run(&["show", EN, "--parallel", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.lines::<Parallel>().remove(0)
}

#[test]
fn a_pairs_file_makes_parallel_and_with_translation_work() {
    let s = Sandbox::new();
    let dir = unlinked(&s);
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = s.run(&["show", EN, "--parallel"]);
    assert_eq!(run.code, 2, "no link yet: {}", run.stdout);
    assert!(run.stderr.contains("has no translation"), "{}", run.stderr);

    let pairs = s.path("pairs.csv");
    std::fs::write(&pairs, format!("original,translation\n{ZH},{EN}\n")).unwrap();
    let run = s.run(&["ingest", "--pairs", pairs.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IngestSummary = run.lines().remove(0);
    assert_eq!((summary.linked, summary.updated), (1, 1));
    assert!(
        run.stderr.contains("1 translation link set"),
        "{}",
        run.stderr
    );
    let p = parallel(&s);
    assert_eq!((p.left.doc_id.as_str(), p.right.doc_id.as_str()), (EN, ZH));
    assert!(p.rows.iter().all(|r| r.method == "1-1"), "{:?}", p.rows);

    let hits = s.hits(&["Taiwan", "--lang", "en", "--with-translation"]);
    let paired: Vec<_> = hits.iter().filter(|h| h.doc_id == EN).collect();
    assert!(!paired.is_empty());
    for hit in paired {
        let t = hit.translation.as_ref().expect("a translation");
        assert_eq!(t.doc_id, ZH);
        assert!(t.text.contains("台湾"), "{}", t.text);
    }

    // Re-ingesting the files and rebuilding keep the link.
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = s.run(&["reindex"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(parallel(&s).right.doc_id, ZH);
}

#[test]
fn bad_pairs_are_refused_by_line_with_exit_code_2() {
    let s = Sandbox::new();
    let dir = unlinked(&s);
    let pairs = s.path("pairs.tsv");
    std::fs::write(
        &pairs,
        format!("{ZH}\t{EN}\n{EN}\t{EN}\nnowhere\tkantei-2025-11-25-takaichi-press-conference\nus-2025-11-24-trump-post\tcnbc-2025-11-bessent-interview\n"),
    )
    .unwrap();
    let run = s.run(&[
        "ingest",
        dir.to_str().unwrap(),
        "--pairs",
        pairs.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let p = pairs.display();
    for line in [
        format!("{p}:2: {EN:?} is paired with itself"),
        format!("{p}:3: unknown id \"nowhere\""),
        format!(
            "{p}:4: \"us-2025-11-24-trump-post\" and \"cnbc-2025-11-bessent-interview\" are both in language \"en\""
        ),
    ] {
        assert!(run.stderr.contains(&line), "{line}\n{}", run.stderr);
    }
    assert_eq!(parallel(&s).right.doc_id, ZH, "the good line is linked");
}

#[test]
fn ingest_needs_a_path_or_a_pairs_file() {
    let s = Sandbox::new();
    let run = s.run(&["ingest"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<PATH>"), "{}", run.stderr);
}

#[test]
fn remove_source_of_a_pairs_file_undoes_its_links() {
    let s = Sandbox::new();
    let dir = unlinked(&s);
    let pairs = s.path("pairs.csv");
    std::fs::write(&pairs, format!("{ZH},{EN}\n")).unwrap();
    let run = s.run(&[
        "ingest",
        dir.to_str().unwrap(),
        "--pairs",
        pairs.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = s.run(&["remove", "--source", pairs.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("undid the translation link of {EN}")),
        "{}",
        run.stderr
    );
    let run = s.run(&["show", EN, "--parallel"]);
    assert_eq!(run.code, 2, "the link is gone: {}", run.stdout);
}
