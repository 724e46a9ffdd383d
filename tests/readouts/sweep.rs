//! The second reliability sweep (issue 19), the ingest and index items: one
//! id has one source, links in folders, a file rewritten mid-read, and what
//! kills leave behind. One test per item, named after it.

use std::path::Path;
use std::process::Stdio;

use crate::util::*;
use crate::wire::{IngestSummary, Stats};

fn summary(run: &Run) -> IngestSummary {
    run.lines::<IngestSummary>().remove(0)
}

fn documents(s: &Sandbox) -> u64 {
    let run = s.run(&["stats", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.lines::<Stats>()[0].documents
}

fn ingest(s: &Sandbox, path: &Path) -> Run {
    s.run(&["ingest", path.to_str().unwrap(), "--json", "--quiet"])
}

/// Item 2: `ingest a.md; ingest b.md` (one id) replaced A's statement with
/// B's, then `remove --source a.md` removed B's and B never came back.
#[test]
fn a_second_file_claiming_an_id_is_refused_with_both_paths_named() {
    let s = Sandbox::new();
    let a = s.path("a.md");
    let b = s.path("b.md");
    std::fs::write(
        &a,
        Record::new("same").text("From file A.").statement_file(),
    )
    .unwrap();
    std::fs::write(
        &b,
        Record::new("same").text("From file B.").statement_file(),
    )
    .unwrap();
    assert_eq!(summary(&ingest(&s, &a)).added, 1);

    let run = ingest(&s, &b);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let refused = summary(&run);
    assert_eq!(
        (refused.added, refused.updated, refused.rejected),
        (0, 0, 1)
    );
    let reason = &refused.errors[0];
    assert!(
        reason.contains("b.md") && reason.contains("a.md"),
        "{reason}"
    );
    assert!(reason.contains("already held by"), "{reason}");
    assert_eq!(
        s.hits(&["\"file A\"", "--exact"]).len(),
        1,
        "A's text stays"
    );

    // Removing A's source removes A's statement; then B may claim the id.
    let removed = s.run(&["remove", "--source", a.to_str().unwrap()]);
    assert_eq!(removed.code, 0, "{}", removed.stderr);
    assert_eq!(documents(&s), 0);
    assert_eq!(summary(&ingest(&s, &b)).added, 1);
    assert_eq!(s.hits(&["\"file B\"", "--exact"]).len(), 1);
    // A is refused now, by name, and the next reindex keeps B.
    assert_eq!(ingest(&s, &a).code, 2);
    assert_eq!(s.run(&["reindex", "--quiet"]).code, 0);
    assert_eq!(s.hits(&["\"file B\"", "--exact"]).len(), 1);
}

/// Item 2 (a new user's case): `ingest orig.jsonl; ingest paired.jsonl`
/// (the same ids with events) then `reindex` silently went back to
/// orig.jsonl's records. Now the second file is refused, and once the first
/// is removed the paired records stay through a reindex.
#[test]
fn a_paired_copy_of_ingested_records_is_refused_and_reindex_keeps_what_was_taken() {
    let s = Sandbox::new();
    let orig = s.path("orig.jsonl");
    let paired = s.path("paired.jsonl");
    let records = |event: bool| {
        let rs: Vec<Record> = (0..3)
            .map(|i| {
                let r = Record::new(&format!("r{i}")).text(&format!("Record {i} on trade."));
                if event {
                    r.event("call-2021-01-22")
                } else {
                    r
                }
            })
            .collect();
        json_lines(&rs)
    };
    std::fs::write(&orig, records(false)).unwrap();
    std::fs::write(&paired, records(true)).unwrap();
    assert_eq!(summary(&ingest(&s, &orig)).added, 3);
    let run = ingest(&s, &paired);
    let refused = summary(&run);
    assert_eq!(
        (refused.updated, refused.rejected),
        (0, 3),
        "{}",
        run.stderr
    );
    assert!(
        refused.errors[0].contains("orig.jsonl"),
        "{:?}",
        refused.errors
    );

    assert_eq!(
        s.run(&["remove", "--source", orig.to_str().unwrap()]).code,
        0
    );
    assert_eq!(summary(&ingest(&s, &paired)).added, 3);
    assert_eq!(s.run(&["reindex", "--quiet"]).code, 0);
    let hits = s.hits(&["trade", "--event", "call-2021-01-22"]);
    assert_eq!(hits.len(), 3, "the events survive the reindex");
}

/// Item 2: when the file holding an id is gone, the next file claiming the
/// id takes it over, and the manifest follows: pruning the gone file's
/// folder must not remove the statement now read from the other file.
#[test]
fn a_file_whose_gone_owner_gave_an_id_up_takes_it_over() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path("one")).unwrap();
    std::fs::create_dir_all(s.path("two")).unwrap();
    let a = s.path("one/a.md");
    let b = s.path("two/b.md");
    std::fs::write(
        &a,
        Record::new("same").text("From file A.").statement_file(),
    )
    .unwrap();
    std::fs::write(
        &b,
        Record::new("same").text("From file B.").statement_file(),
    )
    .unwrap();
    assert_eq!(summary(&ingest(&s, &a)).added, 1);
    std::fs::remove_file(&a).unwrap();
    // A is gone: its claim lapses, B replaces the statement and owns it.
    let taken = summary(&ingest(&s, &b));
    assert_eq!(
        (taken.updated, taken.rejected),
        (1, 0),
        "{:?}",
        taken.errors
    );
    // Pruning A's folder later must not remove B's statement.
    let one = s.path("one");
    let pruned = s.run(&[
        "ingest",
        one.to_str().unwrap(),
        "--prune",
        "--json",
        "--quiet",
    ]);
    assert_eq!(summary(&pruned).removed, 0, "{}", pruned.stderr);
    assert_eq!(s.hits(&["\"file B\"", "--exact"]).len(), 1);
}

/// Item 3: a symlinked statement file in an ingested folder was skipped
/// ("0 added … 0 rejected", exit 0). Links are followed, a file reached by
/// two paths is read once, and a link loop is skipped and said.
#[test]
fn a_symlinked_statement_file_in_a_folder_is_ingested_and_a_loop_is_said() {
    let s = Sandbox::new();
    let elsewhere = s.path("elsewhere");
    let folder = s.path("folder");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    let real = elsewhere.join("linked.md");
    std::fs::write(
        &real,
        Record::new("linked").text("Linked.").statement_file(),
    )
    .unwrap();
    std::fs::write(
        folder.join("plain.md"),
        Record::new("plain").text("Plain.").statement_file(),
    )
    .unwrap();
    std::os::unix::fs::symlink(&real, folder.join("linked.md")).unwrap();
    std::os::unix::fs::symlink(&real, folder.join("sub").join("again.md")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("sub").join("loop")).unwrap();
    std::os::unix::fs::symlink(s.path("nothing.md"), folder.join("dangling.md")).unwrap();

    let run = s.run(&["ingest", folder.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let done = summary(&run);
    assert_eq!((done.added, done.rejected), (2, 0), "{:?}", done.errors);
    assert!(
        run.stderr.contains("skipped:") && run.stderr.contains("loop"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("dangling.md: a link to nothing"),
        "{}",
        run.stderr
    );
    assert_eq!(done.skipped.len(), 2, "{:?}", done.skipped);
    assert_eq!(documents(&s), 2);
}

/// Item 4: a JSON Lines file rewritten during ingest left the records read
/// before the change in the index, listed under no file: `--source` and
/// `--prune` could not remove them.
#[test]
fn records_of_a_file_rewritten_mid_read_stay_reachable_by_its_source() {
    let s = Sandbox::new();
    let file = s.path("live.jsonl");
    let records = |prefix: &str, n: usize| {
        json_lines(
            &(0..n)
                .map(|i| Record::new(&format!("{prefix}{i}")).text("A record on trade."))
                .collect::<Vec<_>>(),
        )
    };
    std::fs::write(&file, records("old", 2)).unwrap();
    let pause = s.path("before-read");
    let mut child = s
        .cmd()
        .args(["ingest", file.to_str().unwrap(), "--quiet"])
        .env(PAUSE_BEFORE_READ, &pause)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_pause(&mut child, &pause);
    std::fs::write(&file, records("new", 5)).unwrap();
    std::fs::remove_file(&pause).unwrap();
    let run = Run::from(child.wait_with_output().unwrap());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("changed while it was read"),
        "{}",
        run.stderr
    );
    assert_eq!(documents(&s), 5);

    let removed = s.run(&["remove", "--source", file.to_str().unwrap(), "--json"]);
    assert_eq!(removed.code, 0, "{}", removed.stderr);
    assert_eq!(
        documents(&s),
        0,
        "every record read is the file's: {}",
        removed.stdout
    );

    // And when read whole again, what it no longer holds goes.
    std::fs::write(&file, records("new", 5)).unwrap();
    assert_eq!(summary(&ingest(&s, &file)).added, 5);
    std::fs::write(&file, records("new", 3)).unwrap();
    assert_eq!(summary(&ingest(&s, &file)).removed, 2);
}

/// Item 5: kill -9 in a new index's first milliseconds left tantivy's
/// `.tmpXXXXXX` beside `.managed.json`, and every later ingest refused the
/// folder as "not empty and holds no readouts index".
#[test]
fn a_folder_with_what_a_killed_creation_left_takes_the_next_ingest() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.index()).unwrap();
    for name in [".tmpQ1w2E3", ".managed.json", ".tantivy-writer.lock"] {
        std::fs::write(s.index().join(name), b"").unwrap();
    }
    let run = s.ingest_fixtures();
    assert_eq!(summary(&run).added, 6);
    assert!(!s.index().join(".tmpQ1w2E3").exists());
    assert_eq!(s.run(&["verify"]).code, 0);
}

/// Item 6: a rerun of `remove` after kill -9 failed with
/// `FileAlreadyExists("<segment>.<opstamp>.del")` until another commit
/// cleared it: tantivy writes the delete bitset inside its commit, after
/// the last hook, so a kill there leaves the file (listed in
/// `.managed.json`) that the rerun, at the same opstamp, writes again. The
/// test learns that file's name from a run on a copy, leaves it as the kill
/// does, and reruns.
#[test]
fn a_remove_rerun_after_a_kill_inside_its_commit_succeeds() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let files = |dir: &Path| -> std::collections::BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let copy = s.path("copy");
    let cp = std::process::Command::new("cp")
        .arg("-a")
        .arg(s.index())
        .arg(&copy)
        .status()
        .unwrap();
    assert!(cp.success());
    let before = files(&copy);
    let mut on_copy = s.bare();
    on_copy.arg("--index").arg(&copy);
    let run = Run::from(
        on_copy
            .args(["remove", "--id", "us-2025-11-24-trump-post"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<String> = files(&copy)
        .difference(&before)
        .filter(|f| f.ends_with(".del"))
        .cloned()
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");

    // What the kill leaves: the bitset written and managed, no commit.
    let del = &written[0];
    std::fs::write(s.index().join(del), b"torn").unwrap();
    let managed_path = s.index().join(".managed.json");
    let mut managed: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&managed_path).unwrap()).unwrap();
    managed.push(del.clone());
    std::fs::write(&managed_path, serde_json::to_string(&managed).unwrap()).unwrap();
    assert_eq!(documents(&s), 6);

    let again = s.run(&["remove", "--id", "us-2025-11-24-trump-post"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(documents(&s), 5);
    let verify = s.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.stderr);
}

/// Item 6, the kill itself at the commit hook: nothing committed, and the
/// rerun completes.
#[test]
fn a_remove_rerun_after_a_kill_before_its_commit_succeeds() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let pause = s.path("before-commit");
    let mut cmd = s.cmd();
    cmd.args(["remove", "--id", "us-2025-11-24-trump-post"]);
    kill_9(paused(cmd, PAUSE_BEFORE_COMMIT, &pause));
    let _ = std::fs::remove_file(&pause);
    assert_eq!(documents(&s), 6, "the kill committed nothing");
    let again = s.run(&["remove", "--id", "us-2025-11-24-trump-post"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(documents(&s), 5);
}

/// Item 8: `search "the -china"` gave 9,344 passages by score and 9,074
/// with `--sort date`, in `count` and in `timeline`: the exact tier
/// excluded only the word as written, the others every form of the
/// concept. One exclusion rule everywhere.
#[test]
fn an_excluded_term_excludes_the_same_passages_in_every_order_and_count() {
    let s = Sandbox::new();
    let records: Vec<Record> = [
        "Talks on trade.",
        "Talks on trade with China.",
        "Talks on trade with the PRC.",
        "Talks on trade with the Chinese side.",
        "Talks on trade, then more talks.",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| Record::new(&format!("r{i}")).text(text))
    .collect();
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let by_score = ids(&s.hits(&["talks -china", "--limit", "100"]))
        .into_iter()
        .map(String::from)
        .collect::<std::collections::BTreeSet<_>>();
    let by_date = ids(&s.hits(&["talks -china", "--sort", "date", "--limit", "100"]))
        .into_iter()
        .map(String::from)
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(by_score, by_date);
    assert_eq!(by_score.len(), 2, "{by_score:?}");
    let count = s.run(&["count", "talks -china", "--by", "lang", "--json"]);
    assert_eq!(count.code, 0, "{}", count.stderr);
    assert!(count.stdout.contains("\"passages\":2"), "{}", count.stdout);
}

/// Item 9: `ΟΔΟΣ` was not found by `οδος` (σ by character-wise lower case
/// against the final ς as written).
#[test]
fn a_greek_word_in_capitals_is_found_as_written_in_lower_case() {
    let s = Sandbox::new();
    let records = [
        Record::new("caps").lang("el").text("ΟΔΟΣ ΕΙΡΗΝΗΣ."),
        Record::new("lower").lang("el").text("Μια οδος ειρηνης."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for query in ["οδος", "ΟΔΟΣ", "Οδος"] {
        let mut found = ids(&s.hits(&[query]))
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        found.sort();
        assert_eq!(found, ["caps", "lower"], "{query}");
    }
}
