//! Which index a command works on: a named index is never created by a
//! reading command, the demo statements stay apart from the user's index.

use std::path::Path;

use crate::util::{json_lines, Record, Run, Sandbox};

const READ_ONLY: [&[&str]; 9] = [
    &["search", "Taiwan"],
    &["show", "x"],
    &["compare", "--event", "e"],
    &["count", "Taiwan", "--by", "publisher"],
    &["timeline", "Taiwan"],
    &["stats"],
    &["verify"],
    &["glossary", "check"],
    &["glossary", "suggest"],
];

/// Everything in a folder, recursively (empty when it does not exist).
fn files_under(dir: &Path) -> Vec<String> {
    walk(dir)
}

fn walk(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        all.push(path.display().to_string());
        all.extend(walk(&path));
    }
    all.sort();
    all
}

#[test]
fn a_named_index_that_does_not_exist_is_an_error_and_nothing_is_created() {
    let s = Sandbox::new();
    let index = s.path("deep/er/idxx");
    for args in READ_ONLY {
        let flag = Run::from(
            s.bare()
                .arg("--index")
                .arg(&index)
                .args(args)
                .output()
                .unwrap(),
        );
        let env = Run::from(
            s.bare()
                .env("READOUTS_INDEX", &index)
                .args(args)
                .output()
                .unwrap(),
        );
        for run in [flag, env] {
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            let want = format!(
                "readouts: no index at {0}; create it with `readouts --index {0} ingest …`",
                index.display()
            );
            assert!(run.stderr.contains(&want), "{args:?}: {}", run.stderr);
        }
    }
    assert!(!s.path("deep").exists());
    assert!(
        !s.path("cache/readouts/demo-index").exists(),
        "no demo index was built"
    );
    assert!(!s.path("data").exists());
}

#[test]
fn ingest_refuses_a_folder_that_holds_other_files() {
    let s = Sandbox::new();
    let checkout = s.path("checkout");
    std::fs::create_dir_all(checkout.join("src")).unwrap();
    std::fs::write(checkout.join("Cargo.toml"), "[package]\n").unwrap();
    let before = files_under(&checkout);
    let source = s.path("in.jsonl");
    std::fs::write(&source, json_lines(&[Record::new("r1").text("Taiwan.")])).unwrap();
    let run = Run::from(
        s.bare()
            .arg("--index")
            .arg(&checkout)
            .args(["ingest", source.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&checkout.display().to_string()) && run.stderr.contains("not empty"),
        "{}",
        run.stderr
    );
    assert_eq!(files_under(&checkout), before, "nothing was written");
    // An empty folder, or a new one, is fine.
    let empty = s.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for dir in [empty, s.path("new/index")] {
        let run = Run::from(
            s.bare()
                .arg("--index")
                .arg(&dir)
                .args(["ingest", source.to_str().unwrap(), "--quiet"])
                .output()
                .unwrap(),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(dir.join("meta.json").exists());
    }
}

#[test]
fn without_an_index_reading_commands_answer_from_the_demo_in_the_cache() {
    let s = Sandbox::new();
    let run = Run::from(s.bare().args(["search", "Taiwan"]).output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let demo = s.path("cache/readouts/demo-index");
    let want = format!(
        "readouts: no index yet; answering from the 6 bundled demo statements ({}). \
         Ingest your own statements with `readouts ingest PATH`.",
        demo.display()
    );
    assert!(run.stderr.contains(&want), "{}", run.stderr);
    assert!(demo.join("meta.json").exists());
    assert!(!s.path("data/readouts/index").exists());
    let again = Run::from(s.bare().args(["stats"]).output().unwrap());
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("bundled demo statements"));
}

#[test]
fn the_default_index_starts_empty_of_the_demo() {
    let s = Sandbox::new();
    // A first search builds the demo; it must not leak into the user's index.
    assert_eq!(
        Run::from(s.bare().args(["search", "Taiwan"]).output().unwrap()).code,
        0
    );
    let source = s.path("mine.jsonl");
    let records = [
        Record::new("m1")
            .publisher("Mine")
            .text("On Taiwan and trade."),
        Record::new("m2").publisher("Mine").text("Taiwan again."),
    ];
    std::fs::write(&source, json_lines(&records)).unwrap();
    let ingest = Run::from(
        s.bare()
            .args(["ingest", source.to_str().unwrap(), "--quiet"])
            .output()
            .unwrap(),
    );
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    assert!(s.path("data/readouts/index/meta.json").exists());
    let count = Run::from(
        s.bare()
            .args(["count", "Taiwan", "--by", "publisher"])
            .output()
            .unwrap(),
    );
    assert_eq!(count.code, 0, "{}", count.stderr);
    assert!(count.stdout.contains("Mine"), "{}", count.stdout);
    for demo in ["Xinhua", "CNBC"] {
        assert!(!count.stdout.contains(demo), "{}", count.stdout);
    }
    assert!(!count.stderr.contains("demo"), "{}", count.stderr);
}

#[test]
fn remove_by_id_event_and_source_in_one_commit_keeping_the_manifest_right() {
    let s = Sandbox::new();
    let dir = s.path("src");
    std::fs::create_dir_all(&dir).unwrap();
    for id in ["a", "b"] {
        let record = Record::new(id).event("ev").text("On trade.");
        std::fs::write(dir.join(format!("{id}.md")), record.statement_file()).unwrap();
    }
    let jsonl = dir.join("c.jsonl");
    let records = [
        Record::new("c1").text("One."),
        Record::new("c2").text("Two."),
    ];
    std::fs::write(&jsonl, json_lines(&records)).unwrap();
    assert_eq!(s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]).code, 0);
    let has = |id: &str| s.run(&["show", id]).code == 0;

    let none = s.run(&["remove", "--id", "nope"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(none.stderr.contains("--id nope: no statement matches"));
    assert_eq!(s.run(&["remove"]).code, 2);

    let dry = s.run(&["remove", "--event", "ev", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stderr.contains("would remove a ") && dry.stderr.contains("would remove b "));
    assert!(has("a") && has("b"));

    let by_id = s.run(&["remove", "--id", "a", "--json"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert!(by_id.stdout.contains(r#""id":"a""#), "{}", by_id.stdout);
    assert!(!has("a") && has("b"));

    let by_source = s.run(&["remove", "--source", jsonl.to_str().unwrap()]);
    assert_eq!(by_source.code, 0, "{}", by_source.stderr);
    assert!(!has("c1") && !has("c2") && has("b"));

    // A re-ingest adds the removed source back; the file of a statement
    // removed by id is unchanged, so that statement stays out.
    let again = s.run(&["ingest", dir.to_str().unwrap(), "--json", "--quiet"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains(r#""added":2"#), "{}", again.stdout);
    assert!(has("c1") && has("c2") && !has("a"));

    let missing = Run::from(
        s.bare()
            .arg("--index")
            .arg(s.path("nothing"))
            .args(["remove", "--id", "a"])
            .output()
            .unwrap(),
    );
    assert_eq!(missing.code, 2);
    assert!(!s.path("nothing").exists());
}

#[test]
fn kinds_are_normalised_and_a_filter_that_matches_nothing_says_what_is_there() {
    let s = Sandbox::new();
    let source = s.path("in.jsonl");
    let records = [
        Record::new("p1")
            .kind("Press_Conference")
            .speaker("Someone")
            .text("Taiwan."),
        Record::new("r1").text("Taiwan too."),
    ];
    std::fs::write(&source, json_lines(&records)).unwrap();
    assert_eq!(
        s.run(&["ingest", source.to_str().unwrap(), "--quiet"]).code,
        0
    );
    for kind in ["press-conference", "press_conference", "PRESS-CONFERENCE"] {
        assert_eq!(
            crate::util::ids(&s.hits(&["Taiwan", "--kind", kind])),
            ["p1"]
        );
    }
    let miss = s.run(&["search", "Taiwan", "--kind", "pressconference"]);
    assert_eq!(miss.code, 1, "{}", miss.stderr);
    assert!(
        miss.stderr.contains(
            "readouts: no statement has kind=pressconference; kinds here: press-conference 1, readout 1"
        ),
        "{}",
        miss.stderr
    );
    let lang = s.run(&["search", "Taiwan", "--lang", "chinese"]);
    assert_eq!(lang.code, 1);
    assert!(
        lang.stderr
            .contains("langs here: en 2 (use the BCP 47 code: zh)"),
        "{}",
        lang.stderr
    );
    let country = s.run(&["count", "Taiwan", "--by", "publisher", "--country", "USA"]);
    assert_eq!(country.code, 1);
    assert!(
        country.stderr.contains("use the ISO 3166 code: US"),
        "{}",
        country.stderr
    );
    let timeline = s.run(&["timeline", "Taiwan", "--event", "nope"]);
    assert_eq!(timeline.code, 1);
    assert!(timeline
        .stderr
        .contains("no statement has event=nope; events here: none"));
    // A filter that matches alone but not with the query says nothing of it.
    let quiet = s.run(&["search", "absentword", "--kind", "readout"]);
    assert_eq!(quiet.code, 1);
    assert!(
        !quiet.stderr.contains("no statement has"),
        "{}",
        quiet.stderr
    );
}

#[test]
fn sort_newest_puts_the_latest_first_and_keeps_paragraph_order() {
    let s = Sandbox::new();
    let source = s.path("in.jsonl");
    let records = [
        Record::new("old")
            .date("2020-01-01")
            .text("Trade one.\n\nTrade two.\n\nTrade three."),
        Record::new("new")
            .date("2024-01-01")
            .text("Trade four.\n\nTrade five.\n\nTrade six."),
    ];
    std::fs::write(&source, json_lines(&records)).unwrap();
    assert_eq!(
        s.run(&["ingest", source.to_str().unwrap(), "--quiet"]).code,
        0
    );
    let order = |sort: &str| -> Vec<(String, u64)> {
        s.hits(&["trade", "--sort", sort])
            .into_iter()
            .map(|h| (h.doc_id, h.passage))
            .collect()
    };
    let newest = order("newest");
    let want: Vec<(String, u64)> = [
        ("new", 1),
        ("new", 2),
        ("new", 3),
        ("old", 1),
        ("old", 2),
        ("old", 3),
    ]
    .iter()
    .map(|(d, p)| (d.to_string(), *p))
    .collect();
    assert_eq!(newest, want);
    let oldest = order("oldest");
    assert_eq!(oldest, order("date"));
    assert_eq!(oldest[0], ("old".to_string(), 1));
    assert_eq!(oldest[3], ("new".to_string(), 1));
}

#[test]
fn a_lowercase_operator_between_terms_is_a_word_and_search_says_so() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let run = s.run(&["search", "Taiwan", "and", "trade"]);
    assert!(
        run.stderr
            .contains("`and` is a word here; write AND for the operator"),
        "{}",
        run.stderr
    );
    for quiet in [
        "Taiwan AND trade",
        "Taiwan and trade",
        "\"Taiwan and\" trade",
        "and",
    ] {
        let run = s.run(&["search", quiet]);
        assert!(
            !run.stderr.contains("is a word here"),
            "{quiet}: {}",
            run.stderr
        );
    }
}
