//! Concepts, not strings: a term expands to its own concept only (or to the
//! narrower ones with --broader), shell-quoted phrases, counts with their
//! denominators, a timeline with an empty period.

use crate::util::*;
use crate::wire::{CountRow, TimelineRow};

const GLOSSARY: &str = r#"version = 2
[[concept]]
id = "t-island"
en = ["Formosa"]
zh = ["宝岛"]

[[concept]]
id = "t-question"
en = ["Formosa question"]
zh = ["宝岛问题"]
broader = ["t-island"]
"#;

/// Statements in English and Chinese: one says the narrow term, one only the
/// broad one, one each in Chinese; a gap year (2022) with no statement.
fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    std::fs::write(s.path("glossary.toml"), GLOSSARY).unwrap();
    let records = [
        Record::new("en-narrow")
            .date("2021-03-01")
            .text("We discussed the Formosa question at length."),
        Record::new("en-broad")
            .date("2021-06-01")
            .text("Formosa was mentioned once."),
        Record::new("zh-narrow")
            .lang("zh")
            .date("2023-01-05")
            .text("双方讨论了宝岛问题。"),
        Record::new("zh-broad")
            .lang("zh")
            .date("2023-02-05")
            .text("宝岛天气很好。"),
        Record::new("core")
            .date("2023-03-01")
            .text("They spoke of core interests and of interests at the core."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

fn glossary_args<'a>(s: &'a Sandbox, args: &[&'a str]) -> Vec<String> {
    let mut v = vec![
        "--glossary".to_string(),
        s.path("glossary.toml").to_string_lossy().into_owned(),
    ];
    v.extend(args.iter().map(|a| a.to_string()));
    v
}

fn hits_of(s: &Sandbox, args: &[&str]) -> Vec<String> {
    let mut full = glossary_args(s, args);
    full.extend(["--json".into(), "--limit".into(), "100".into()]);
    let refs: Vec<&str> = full.iter().map(String::as_str).collect();
    let run = s.run(&refs);
    let hits: Vec<crate::wire::Hit> = run.lines();
    let mut ids: Vec<String> = hits.into_iter().map(|h| h.doc_id).collect();
    ids.sort();
    ids
}

#[test]
fn a_phrase_expands_only_to_its_translations_and_broader_takes_narrower_concepts() {
    let s = sandbox();
    // The narrow term finds itself and its translation, never the broad term alone.
    assert_eq!(
        hits_of(&s, &["search", "Formosa question"]),
        ["en-narrow", "zh-narrow"]
    );
    assert_eq!(
        hits_of(&s, &["search", "宝岛问题"]),
        ["en-narrow", "zh-narrow"]
    );
    // The broad term: its own labels (宝岛 is inside 宝岛问题 as written).
    assert_eq!(
        hits_of(&s, &["search", "Formosa", "--lang", "zh"]),
        ["zh-broad", "zh-narrow"]
    );
    // --broader adds the narrower concepts' labels; here they add no new statement.
    assert_eq!(
        hits_of(&s, &["search", "Formosa", "--broader"]),
        ["en-broad", "en-narrow", "zh-broad", "zh-narrow"]
    );
    let show = s.run(
        &glossary_args(&s, &["glossary", "show", "宝岛"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(
        show.stdout
            .contains("with --broader also: Formosa · Formosa question · 宝岛问题"),
        "{}",
        show.stdout
    );
}

#[test]
fn a_single_argument_with_spaces_is_a_phrase_and_several_are_words() {
    let s = sandbox();
    assert_eq!(hits_of(&s, &["search", "core interests"]), ["core"]);
    // As a phrase it does not match "interests at the core" alone; as words it would.
    let phrase = s.hits(&["core interests"]);
    let words = s.hits(&["core", "interests"]);
    assert_eq!(phrase.len(), 1);
    assert_eq!(words.len(), 1);
    assert!(
        phrase[0].matched.iter().any(|m| m.form == "core interests"),
        "{:?}",
        phrase[0].matched
    );
    assert!(words[0].matched.iter().all(|m| m.form != "core interests"));
}

#[test]
fn counts_give_statements_glossary_only_passages_and_rates_with_denominators() {
    let s = sandbox();
    let args = glossary_args(&s, &["count", "Formosa question", "--by", "lang", "--json"]);
    let rows: Vec<CountRow> = s
        .run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .lines();
    let zh = rows.iter().find(|r| r.key == "zh").unwrap();
    assert_eq!(
        (zh.passages, zh.statements, zh.glossary_only_passages),
        (1, 1, 1)
    );
    assert_eq!((zh.slice_passages, zh.slice_statements), (2, 2));
    assert_eq!(zh.per_1000_passages, Some(500.0));
    assert_eq!(zh.per_100_statements, Some(50.0));
    let en = rows.iter().find(|r| r.key == "en").unwrap();
    assert_eq!(
        (en.passages, en.glossary_only_passages, en.slice_statements),
        (1, 0, 3)
    );
}

#[test]
fn a_timeline_spans_since_to_until_and_tells_no_statements_from_no_match() {
    let s = sandbox();
    let rows: Vec<TimelineRow> = s
        .run(&[
            "timeline", "Formosa", "--per", "year", "--since", "2020", "--until", "2024", "--json",
            "--exact",
        ])
        .lines();
    let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["2020", "2021", "2022", "2023", "2024"]);
    let y2022 = &rows[2];
    assert_eq!(
        (y2022.passages, y2022.slice_statements),
        (0, 0),
        "no statements in 2022"
    );
    let y2023 = &rows[3];
    assert_eq!(
        (y2023.passages, y2023.slice_statements),
        (0, 3),
        "statements, but no English match"
    );
    assert_eq!(y2023.query, "Formosa");
    assert_eq!(y2023.filters, "since 2020-01-01 · until 2024-12-31");
    let human = s.run(&[
        "timeline", "Formosa", "--per", "year", "--since", "2020", "--until", "2024", "--exact",
    ]);
    assert!(
        human.stdout.contains("2022        0 (no statements)"),
        "{}",
        human.stdout
    );
    let none = s.run(&["count", "zebra", "--by", "year"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("no passages match"), "{}", none.stderr);
}

#[test]
fn glossary_suggest_ranks_terms_that_share_aligned_paragraphs() {
    let s = Sandbox::new();
    // Six translated pairs: "wombat" ⇄ 袋熊 in paragraph 1 of four of them;
    // other words appear on both sides without a pattern.
    let fillers = [
        ("rain", "雨水"),
        ("river", "河流"),
        ("bridge", "桥梁"),
        ("market", "市场"),
        ("garden", "花园"),
        ("lamp", "灯光"),
    ];
    let mut records = Vec::new();
    for (i, (en_word, zh_word)) in fillers.iter().enumerate() {
        let (first_en, first_zh) = if i < 4 {
            (
                format!("The wombat crossed the {en_word}."),
                format!("袋熊穿过了{zh_word}。"),
            )
        } else {
            (
                format!("Nothing but the {en_word}."),
                format!("只有{zh_word}。"),
            )
        };
        let (second_en, second_zh) = (
            format!("The {} was quiet.", fillers[(i + 1) % 6].0),
            format!("{}很安静。", fillers[(i + 1) % 6].1),
        );
        records.push(
            Record::new(&format!("zh-{i}"))
                .lang("zh")
                .text(&format!("{first_zh}\n\n{second_zh}")),
        );
        records.push(
            Record::new(&format!("en-{i}"))
                .translation_of(&format!("zh-{i}"))
                .text(&format!("{first_en}\n\n{second_en}")),
        );
    }
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = s.run(&["glossary", "suggest", "--json", "--limit", "5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pair = |r: &serde_json::Value| {
        (
            r["en"].as_str().unwrap().to_string(),
            r["zh"].as_str().unwrap().to_string(),
        )
    };
    let pairs: Vec<(String, String)> = rows.iter().map(pair).collect();
    // The two real pairings lead; a chance pairing of the same word does not.
    assert_eq!(
        pairs[0],
        ("quiet".to_string(), "安静".to_string()),
        "{}",
        out.stdout
    );
    assert!(
        pairs.contains(&("wombat".to_string(), "袋熊".to_string())),
        "{}",
        out.stdout
    );
    assert!(
        !pairs.iter().any(|(e, z)| e == "wombat" && z == "雨水"),
        "{}",
        out.stdout
    );
    let wombat = rows
        .iter()
        .find(|r| r["en"] == "wombat" && r["zh"] == "袋熊")
        .unwrap();
    assert_eq!(
        (wombat["together"].as_u64(), wombat["pairs"].as_u64()),
        (Some(4), Some(12))
    );
    // Printed for review, never added: the glossary does not know it.
    let show = s.run(&["glossary", "show", "wombat"]);
    assert_eq!(show.code, 1);
}

#[test]
fn a_chinese_term_inside_a_longer_word_ranks_last_says_so_and_can_be_left_out() {
    let s = Sandbox::new();
    let records = [
        Record::new("inside")
            .lang("zh")
            .text("中美洲国家的代表出席了会议。"),
        Record::new("alone").lang("zh").text("中美关系保持稳定。"),
        Record::new("both")
            .lang("zh")
            .text("中美洲议题之外，中美两国也谈了经贸。"),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Recall stays exact: all three contain 中美.
    let hits = s.hits(&["中美", "--exact"]);
    let ids: Vec<&str> = hits.iter().map(|h| h.doc_id.as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(
        ids[0], "alone",
        "a passage without the longer word ranks first: {ids:?}"
    );
    let inside = hits.iter().find(|h| h.doc_id == "inside").unwrap();
    assert_eq!(inside.inside, ["中美洲"]);
    let both = hits.iter().find(|h| h.doc_id == "both").unwrap();
    assert!(both.inside.is_empty(), "中美 also stands alone there");
    // --words-only leaves out only the passage where 中美 is always inside 中美洲.
    let words = s.hits(&["中美", "--exact", "--words-only"]);
    let mut ids: Vec<&str> = words.iter().map(|h| h.doc_id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["alone", "both"]);
    let rows: Vec<CountRow> = s
        .run(&[
            "count",
            "中美",
            "--by",
            "lang",
            "--words-only",
            "--exact",
            "--json",
        ])
        .lines();
    assert_eq!((rows[0].passages, rows[0].statements), (2, 2));
}

#[test]
fn glossary_check_passes_on_the_shipped_glossary() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let run = s.run(&["glossary", "check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("0 findings"), "{}", run.stderr);
    let concepts: usize = run
        .stderr
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(concepts >= 1000, "{}", run.stderr);
}

#[test]
fn glossary_check_reports_real_words_not_jiebas_joins() {
    let s = Sandbox::new();
    // Invented sentences: 卢拉在 and 黄英贤时 are jieba's joins of a name and
    // the next character; 不列颠哥伦比亚省 (British Columbia, a CC-CEDICT
    // headword) holds the label 哥伦比亚 (Colombia) and is something else.
    let records = [Record::new("zh")
        .lang("zh")
        .date("2022-08-02")
        .text("加拿大不列颠哥伦比亚省的代表同哥伦比亚代表会面。卢拉在会上发言,黄英贤时任部长。")];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = s.run(&["glossary", "check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.iter().all(|l| l
            .starts_with("colombia: the label \"哥伦比亚\" is inside the word \"不列颠哥伦比亚")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("British Columbia") && run.stdout.contains("in 1 passage)"));
    assert!(!run.stdout.contains("卢拉在") && !run.stdout.contains("黄英贤时"));
    assert!(
        run.stderr.contains(&format!("{} findings", lines.len())),
        "{}",
        run.stderr
    );
}
