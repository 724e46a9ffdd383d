//! `readouts kwic`: a concordance of real White House readouts
//! (`fixtures/attribution/whitehouse-reported.raw`, public domain) and of
//! the seed fixtures' Chinese statement.

use crate::util::{fixtures, Sandbox};
use unicode_width::UnicodeWidthStr;

use crate::wire::KwicRow;

/// A sandbox with the 28 real White House records ingested.
fn whitehouse() -> Sandbox {
    let s = Sandbox::new();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/attribution/whitehouse-reported.raw");
    let file = s.path("whitehouse.jsonl");
    std::fs::copy(source, &file).unwrap();
    let run = s.run(&["ingest", file.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

#[test]
fn text_lines_align_the_matches_and_name_date_publisher_and_paragraph() {
    let s = whitehouse();
    let run = s.run(&[
        "kwic", "alliance", "--width", "30", "--sort", "left", "--exact",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", run.stdout);
    // Every match starts in the same column, after 30 columns of left context.
    for line in &lines {
        let at = line.to_lowercase().find("alliance").unwrap();
        assert_eq!(line[..at].chars().count(), 32, "{line}");
        assert!(
            line.contains(" · The White House (bidenwhitehouse.archives.gov) · ¶"),
            "{line}"
        );
    }
    // Sorted by the word before the match: "U.S.-ROK" (u s rok) before "United States-ROK".
    assert!(lines[0].contains("the U.S.-ROK  alliance"), "{}", lines[0]);
    assert!(
        lines[2].contains("United States-ROK  alliance"),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with("2021-02-03 · The White House (bidenwhitehouse.archives.gov) · ¶1"));
}

#[test]
fn json_rows_keep_the_words_next_to_the_match() {
    let s = whitehouse();
    let run = s.run(&[
        "kwic", "alliance", "--width", "20", "--sort", "date", "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<KwicRow> = run.lines();
    assert_eq!(rows.len(), 6);
    let dates: Vec<&str> = rows.iter().map(|r| r.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "--sort date is oldest first");
    let moon = &rows[0];
    assert_eq!(moon.date, "2021-02-03");
    assert_eq!(
        (moon.left.as_str(), moon.matched.as_str()),
        (" United States-ROK ", "alliance")
    );
    assert!(moon.left_cut && moon.right_cut);
    assert_eq!(moon.passage, 1);
}

#[test]
fn csv_has_a_header_and_one_row_per_match() {
    let s = whitehouse();
    let run = s.run(&["kwic", "alliance", "--csv", "--publisher", "White House"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "doc_id",
            "passage",
            "date",
            "publisher",
            "lang",
            "speaker",
            "left",
            "match",
            "right",
            "left_cut",
            "right_cut",
            "offset"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|r| r[7].eq_ignore_ascii_case("alliance")));
}

#[test]
fn chinese_contexts_are_cut_between_characters_in_columns() {
    let s = Sandbox::new();
    let run = s.run(&["ingest", fixtures().to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = s.run(&[
        "kwic", "台湾", "--lang", "zh", "--width", "9", "--json", "--exact",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<KwicRow> = run.lines();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    for r in &rows {
        assert_eq!(r.matched, "台湾");
        // 9 columns: at most 8 of text and the `…`.
        assert!(r.left.width() <= 8 && r.right.width() <= 8, "{r:?}");
        assert!(r.left_cut && r.right_cut);
    }
    assert_eq!(
        (rows[0].left.as_str(), rows[0].right.as_str()),
        ("了中方在", "问题上的")
    );
    // The comma is one column: 场 (2) fits beside it, 立 would make 9.
    assert_eq!(rows[1].left, "场,强调", "{:?}", rows[1]);
    assert_eq!(
        (rows[0].passage, rows[1].passage, rows[2].passage),
        (3, 3, 4)
    );
}

#[test]
fn nothing_found_is_exit_1_and_a_bad_width_a_clear_usage_error() {
    let s = whitehouse();
    let run = s.run(&["kwic", "zzzqqq"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert!(run.stderr.contains("no passages match"), "{}", run.stderr);
    for bad in ["0", "501", "wide", "-3"] {
        let run = s.run(&["kwic", "alliance", &format!("--width={bad}")]);
        assert_eq!(run.code, 2, "--width {bad}: {}", run.stderr);
        assert!(run.stderr.contains("--width"), "{}", run.stderr);
    }
    let run = s.run(&["kwic", "alliance", "--width", "0"]);
    assert!(
        run.stderr.contains("between 1 and 500 columns, not 0"),
        "{}",
        run.stderr
    );
    let run = s.run(&["kwic", "alliance", "--since", "2025", "--until", "2024"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// `&`, `<`, `>` and `"` as maud writes them.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_web_page_shows_the_same_rows_with_date_publisher_and_paragraph() {
    let s = whitehouse();
    let run = s.run(&[
        "kwic", "alliance", "--width", "60", "--sort", "date", "--json",
    ]);
    let rows: Vec<KwicRow> = run.lines();
    assert_eq!(rows.len(), 6);
    let server = crate::http::Server::start(&s, &[]);
    let page = server.get("/search?q=alliance&view=kwic&kwic_sort=date");
    assert_eq!(page.status, 200, "{}", page.body);
    let body = page.body;
    let mut at = body.find("<tbody>").expect("a table body");
    for r in &rows {
        // The left cell ends right before the match's cell: nothing between
        // the last word before the match and the match; its whole text is
        // its tooltip too (a narrow column clips it).
        let ellipsis = if r.left_cut { "…" } else { "" };
        let left = format!("{ellipsis}{}", escaped(&r.left));
        let cells = format!(
            "<td class=\"left\" lang=\"en\" title=\"{left}\"><span>{left}</span></td><td class=\"match\" lang=\"en\"><mark>{}</mark></td>",
            escaped(&r.matched)
        );
        let found = body[at..]
            .find(&cells)
            .unwrap_or_else(|| panic!("{cells}\nnot in\n{}", &body[at..]));
        at += found;
        let source = format!("{} · {} · ¶{}", r.date, escaped(&r.publisher), r.passage);
        let row_end = at + body[at..].find("</tr>").unwrap();
        assert!(
            body[at..row_end].contains(&source),
            "{source} in {}",
            &body[at..row_end]
        );
        at = row_end;
    }
    let moon = &rows[0];
    assert!(
        moon.left.ends_with("strengthening the United States-ROK "),
        "{moon:?}"
    );
}

#[test]
fn collocates_name_their_statistic_and_counts() {
    let s = whitehouse();
    let run = s.run(&["kwic", "alliance", "--collocates", "--exact", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    let num = |r: &serde_json::Value, k: &str| r[k].as_f64().unwrap();
    let mut last = f64::INFINITY;
    for r in &rows {
        assert_eq!(r["lang"], "en");
        let expected = num(r, "window_tokens") * num(r, "corpus") / num(r, "corpus_tokens");
        assert!((num(r, "expected") - expected).abs() < 1e-9, "{r}");
        assert!(
            num(r, "observed") > expected && num(r, "observed") >= 3.0,
            "{r}"
        );
        assert!(num(r, "corpus") >= num(r, "observed"), "{r}");
        assert!(num(r, "g2") <= last, "best first");
        last = num(r, "g2");
    }
    // "linchpin" stands beside "alliance" in three of its six matches, and
    // nowhere else in the 28 readouts.
    assert_eq!(rows[0]["word"], "linchpin");
    assert_eq!(
        (num(&rows[0], "observed"), num(&rows[0], "corpus")),
        (3.0, 3.0)
    );
    let text = s.run(&[
        "kwic",
        "alliance",
        "--collocates",
        "--exact",
        "--window",
        "5",
    ]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.starts_with("en: 6 matches in 5 passages;"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("log-likelihood G²"));
    assert!(text.stdout.contains("observed  expected"));
}

#[test]
fn collocate_options_are_checked() {
    let s = whitehouse();
    for bad in [
        &["--collocates", "--window", "0"][..],
        &["--window", "3"],
        &["--collocates", "--sort", "left"],
    ] {
        let mut args = vec!["kwic", "alliance"];
        args.extend_from_slice(bad);
        let run = s.run(&args);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    let run = s.run(&["kwic", "alliance", "--collocates", "--min", "1000"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no word is seen at least 1000 times"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_web_collocates_are_the_command_lines() {
    let s = whitehouse();
    let run = s.run(&["kwic", "alliance", "--collocates", "--exact", "--json"]);
    let cli: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let server = crate::http::Server::start(&s, &[]);
    let web: serde_json::Value = server.get("/collocates.json?q=alliance&exact=1").json();
    let langs = web.as_array().unwrap();
    assert_eq!(langs.len(), 1);
    assert_eq!(langs[0]["lang"], "en");
    assert_eq!(langs[0]["rows"].as_array().unwrap(), &cli);
    let page = server.get("/collocates?q=alliance&exact=1&window=5");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("<td class=\"word\" lang=\"en\">linchpin</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("G²") && page.body.contains("expected"));
    let kwic = server.get("/search?q=alliance&view=kwic");
    assert!(
        kwic.body
            .contains("href=\"/collocates?q=alliance&amp;view=kwic\""),
        "{}",
        kwic.body
    );
    for bad in ["0", "51", "x"] {
        let r = server.get(&format!("/collocates.json?q=alliance&window={bad}"));
        assert_eq!(r.status, 400, "window={bad}: {}", r.body);
    }
}
