//! Messages of issue 24, item 4: the statements `remove` holds out are named
//! when an unchanged file is ingested again, and a mistyped `--index` next
//! to an existing index gets "did you mean".

use crate::util::*;
use crate::wire::IngestSummary;

#[test]
fn reingesting_after_remove_names_the_statements_held_out() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = s.run(&["remove", "--id", "us-2025-11-24-trump-post"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IngestSummary = run.lines().remove(0);
    assert_eq!(summary.unchanged, 5);
    assert_eq!(summary.held_out, ["us-2025-11-24-trump-post"]);
    assert!(
        run.stderr.contains(
            "5 unchanged (1 held out by `readouts remove` until their file changes: us-2025-11-24-trump-post)"
        ),
        "{}",
        run.stderr
    );

    // The file changes: the statement comes back, nothing is held out.
    let file = dir.join("us-2025-11-24-trump-post.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nA paragraph added.\n")).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json", "--quiet"]);
    let summary: IngestSummary = run.lines().remove(0);
    assert_eq!((summary.added, summary.held_out.len()), (1, 0));
}

#[test]
fn a_mistyped_index_path_names_the_index_beside_it() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let typo = s.path("indx");
    let run = Run::from(
        s.bare()
            .arg("--index")
            .arg(&typo)
            .args(["search", "Taiwan"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let expected = format!(
        "no index at {} (did you mean {}?)",
        typo.display(),
        s.index().display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);

    // Far from every index: no guess.
    let far = s.path("elsewhere");
    let run = Run::from(
        s.bare()
            .arg("--index")
            .arg(&far)
            .args(["stats"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
}
