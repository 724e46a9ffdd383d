use std::collections::BTreeSet;
use std::process::Stdio;

use crate::util::*;

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.ingest_fixtures();
    s
}

#[test]
fn taiwan_is_found_in_xinhua_cnbc_and_the_press_conference() {
    let s = sandbox();
    let hits = s.hits(&["Taiwan", "--exact"]);
    let found = ids(&hits);
    for id in [XINHUA_EN, CNBC, KANTEI] {
        assert!(found.contains(&id), "{id} missing from {found:?}");
    }
    let xinhua = hits.iter().find(|h| h.doc_id == XINHUA_EN).unwrap();
    assert_eq!(xinhua.date, "2025-11-24");
    assert_eq!(xinhua.publisher, "Xinhua News Agency");
    for h in &hits {
        assert!(h.text.to_lowercase().contains("taiwan"), "{}", h.text);
        let (a, b) = h.highlights[0];
        assert_eq!(h.snippet[a..b].to_lowercase(), "taiwan");
    }
}

#[test]
fn chinese_terms_return_the_chinese_paragraphs() {
    let s = sandbox();
    let hits = s.hits(&["台湾", "--exact"]);
    assert_eq!(hits.len(), 2);
    for h in &hits {
        assert_eq!(h.doc_id, XINHUA_ZH);
        assert_eq!(h.lang, "zh");
        assert!(h.text.contains("台湾"));
        let (a, b) = h.highlights[0];
        assert_eq!(&h.snippet[a..b], "台湾");
    }
    let hits = s.hits(&["釜山会晤"]);
    assert_eq!(
        hits.iter().map(|h| h.passage).collect::<BTreeSet<_>>(),
        BTreeSet::from([2, 4])
    );
}

#[test]
fn english_phrases_are_exact_and_case_insensitive() {
    let s = sandbox();
    let hits = s.hits(&["\"FASCISM AND MILITARISM\""]);
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].doc_id.as_str(), hits[0].passage), (XINHUA_EN, 3));
    assert!(s.hits(&["\"militarism and fascism\""]).is_empty());
}

#[test]
fn stemming_finds_other_forms() {
    let s = sandbox();
    let hits = s.hits(&["readout"]);
    assert!(hits
        .iter()
        .any(|h| h.doc_id == CNBC && h.text.contains("readouts")));
}

#[test]
fn several_words_mean_and_unless_or_is_written() {
    let s = sandbox();
    let both = s.hits(&["Taiwan", "Ukraine"]);
    assert!(!both.is_empty());
    for h in &both {
        let t = h.text.to_lowercase();
        assert!(t.contains("taiwan") && t.contains("ukraine"), "{t}");
    }
    let either = s.hits(&["Taiwan", "OR", "Ukraine", "--limit", "100"]);
    assert!(either.len() > both.len());
    let excluded = s.hits(&["Taiwan -Ukraine", "--limit", "100"]);
    assert!(excluded.iter().all(|h| !h.text.contains("Ukraine")));
    assert_eq!(
        excluded.len() + both.len(),
        s.hits(&["Taiwan", "--limit", "100"]).len()
    );
}

#[test]
fn filters_by_country_speaker_dates_publisher_lang_kind_event() {
    let s = sandbox();
    let us = s.hits(&["soybeans", "--country", "US"]);
    assert_eq!(ids(&us), [CNBC, US_POST]);
    assert!(us.iter().all(|h| h.country == "US"));

    let bessent = s.hits(&["Taiwan", "--speaker", "Bessent"]);
    assert!(!bessent.is_empty());
    assert!(bessent
        .iter()
        .all(|h| h.speaker.as_deref() == Some("Scott Bessent")));
    let all_bessent = s.hits(&[
        "China",
        "OR",
        "Taiwan",
        "OR",
        "soybeans",
        "--speaker",
        "bessent",
    ]);
    assert!(all_bessent.iter().all(|h| h.text.starts_with("Bessent:")));

    let japan = s.hits(&[
        "Trump",
        "--since",
        "2025-11-25",
        "--until",
        "2025-11-25",
        "--limit",
        "50",
    ]);
    assert!(!japan.is_empty());
    assert!(japan
        .iter()
        .all(|h| h.country == "JP" && h.date == "2025-11-25"));

    assert_eq!(
        ids(&s.hits(&["Trump", "--exact", "--publisher", "xinhua"])),
        [XINHUA_EN]
    );
    assert_eq!(
        ids(&s.hits(&["Trump OR 特朗普", "--publisher", "XINHUA NEWS"])),
        [XINHUA_EN, XINHUA_ZH]
    );
    assert_eq!(ids(&s.hits(&["特朗普", "--lang", "zh"])), [XINHUA_ZH]);
    assert_eq!(
        ids(&s.hits(&["Trump", "--kind", "press-conference"])),
        [KANTEI]
    );
    assert_eq!(
        s.hits(&["Trump", "--event", EVENT, "--limit", "100"]).len(),
        s.hits(&["Trump", "--limit", "100"]).len()
    );
    assert!(s.hits(&["Trump", "--event", "another-event"]).is_empty());
    // The same filters inside the query.
    assert_eq!(ids(&s.hits(&["soybeans", "country:us"])), [CNBC, US_POST]);
    assert_eq!(ids(&s.hits(&["Taiwan", "date:2025-11-25"])), [KANTEI]);
    assert_eq!(
        ids(&s.hits(&["Taiwan", "date:[2025-11-01 TO 2025-11-24]", "--exact"])),
        [CNBC, XINHUA_EN]
    );
}

#[test]
fn json_hits_have_the_documented_keys() {
    let s = sandbox();
    let run = s.run(&["search", "Taiwan", "--json", "--limit", "1"]);
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = run.lines();
    assert_eq!(objects.len(), 1);
    for key in [
        "doc_id",
        "passage",
        "score",
        "publisher",
        "country",
        "kind",
        "lang",
        "date",
        "title",
        "speaker",
        "event",
        "url",
        "snippet",
        "text",
        "path",
    ] {
        assert!(objects[0].contains_key(key), "{key}");
    }
    let hits: Vec<crate::wire::Hit> = run.lines();
    assert_eq!(hits.len(), 1);
}

#[test]
fn paging_and_date_order() {
    let s = sandbox();
    let all = s.hits(&["Trump", "--limit", "100"]);
    let page = s.hits(&["Trump", "--limit", "2", "--offset", "2"]);
    assert_eq!(page, all[2..4].to_vec());
    let by_date = s.hits(&["Trump", "--sort", "date", "--limit", "100"]);
    assert_eq!(by_date.len(), all.len());
    assert!(by_date.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(by_date.iter().all(|h| h.score > 0.0));
}

#[test]
fn exit_codes_hits_none_error() {
    let s = sandbox();
    assert_eq!(s.run(&["search", "Taiwan"]).code, 0);
    assert_eq!(s.run(&["search", "zebra"]).code, 1);
    for bad in [
        "a AND",
        "(",
        "\"abc",
        "body:",
        "nosuchfield:x",
        "date:[a TO",
        "-a",
    ] {
        let run = s.run(&["search", "--", bad]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(
            run.stderr.starts_with("readouts: invalid query:"),
            "{bad}: {}",
            run.stderr
        );
        assert!(run.stderr.contains('^'), "{bad}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"));
    }
    assert_eq!(s.run(&["search", "x", "--since", "2025-02-30"]).code, 2);
    assert_eq!(s.run(&["search", "x", "--limit", "0"]).code, 2);
    let many_ors = vec!["a"; 10_000].join(" OR ");
    let run = s.run(&["search", &many_ors]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the limit is"), "{}", run.stderr);
    let deep = format!("{}a{}", "(".repeat(20_000), ")".repeat(20_000));
    let run = s.run(&["search", &deep]);
    assert_eq!(run.code, 2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let s = sandbox();
    assert!(!s.run(&["search", "Taiwan"]).stdout.contains('\x1b'));
    let coloured = s.run(&["search", "Taiwan", "--color", "always"]).stdout;
    assert!(coloured.contains("\x1b[1;31mTaiwan\x1b[0m"), "{coloured}");
    let run = s
        .cmd()
        .args(["search", "Taiwan"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&run.stdout).contains('\x1b'));
}

#[test]
fn human_output_attributes_each_hit() {
    let s = sandbox();
    let run = s.run(&["search", "Taiwan", "--speaker", "Bessent"]);
    assert!(
        run.stdout.contains(
            "CNBC · US · interview · en · 2025-11-24 · ¶4 · turn: Scott Bessent (answers)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 to 1 of 1 passages"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let s = sandbox();
    let mut child = s
        .cmd()
        .args(["search", "Trump OR China", "--limit", "100"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn first_use_answers_from_the_bundled_demo() {
    let s = Sandbox::new();
    let run = s
        .bare()
        .args(["search", "Taiwan", "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("6 bundled demo statements"), "{stderr}");
    assert!(s.path("cache/readouts/demo-index/meta.json").exists());
    assert!(!s.path("data/readouts/index").exists());
    let again = s.bare().args(["search", "台湾"]).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    // READOUTS_INDEX names an index: one that does not exist is an error.
    let env_index = s.path("env-index");
    let run = s
        .bare()
        .env("READOUTS_INDEX", &env_index)
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(!env_index.exists());
}

#[test]
fn a_spokesperson_filter_returns_her_answers_never_the_questions() {
    let s = Sandbox::new();
    let dir = s.path("mfa");
    std::fs::create_dir_all(&dir).unwrap();
    let presser = |title: &str| {
        Record::without_id()
            .publisher("Ministry of Foreign Affairs of the People's Republic of China")
            .country("CN")
            .kind("press-conference")
            .date("2023-01-05")
            .title(title)
            .speaker("Hua Chunying")
    };
    std::fs::write(
        dir.join("mfa-presser.md"),
        presser("Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference")
            .text("Q: What is China's response on Taiwan?\n\nA: The Taiwan question is China's internal affair.\n\nWe firmly oppose any interference.\n\nQuestion: Will Taiwan be discussed at the summit?\n\nAnswer: I have no information on Taiwan to release.")
            .statement_file(),
    )
    .unwrap();
    std::fs::write(
        dir.join("mfa-presser-zh.md"),
        presser("外交部发言人华春莹主持例行记者会")
            .publisher("中华人民共和国外交部")
            .lang("zh")
            .text("问：中方对台湾问题有何回应？\n\n答：台湾问题是中国内政。")
            .statement_file(),
    )
    .unwrap();
    assert_eq!(s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]).code, 0);
    let hers = s.hits(&[
        "Taiwan OR 台湾",
        "--speaker",
        "Hua Chunying",
        "--limit",
        "50",
    ]);
    assert_eq!(
        hers.len(),
        3,
        "{:?}",
        hers.iter().map(|h| &h.text).collect::<Vec<_>>()
    );
    for h in &hers {
        assert!(
            h.text.starts_with("A:") || h.text.starts_with("Answer:") || h.text.starts_with("答："),
            "{}",
            h.text
        );
    }
    let continued = s.hits(&["interference", "--speaker", "hua"]);
    assert_eq!(
        continued.len(),
        1,
        "an unprefixed paragraph continues her turn"
    );
    let questions = s.hits(&["Taiwan OR 台湾", "--speaker", "Journalist", "--limit", "50"]);
    assert_eq!(questions.len(), 3);
    assert!(questions
        .iter()
        .all(|h| h.text.starts_with('Q') || h.text.starts_with('问')));
}
