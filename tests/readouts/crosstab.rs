//! `count --by A --by B` (crosstabs) and `timeline --split` / `--vs`
//! (several series) on real White House readouts
//! (`fixtures/attribution/whitehouse-*.raw`, public domain) beside the seed
//! fixtures (Xinhua in English and Chinese, MOFA Japan, Kantei, CNBC): each
//! cell and each series must equal the one-field count or single timeline
//! of the same slice.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{fixtures, Sandbox};

/// The 51 White House records and the seed statements in one index.
pub fn mixed() -> Sandbox {
    let s = Sandbox::new();
    let mut args = vec!["ingest".to_string(), "--quiet".to_string()];
    for name in ["whitehouse-reported.raw", "whitehouse-heldout.raw"] {
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/attribution")
            .join(name);
        let file = s.path(&name.replace(".raw", ".jsonl"));
        std::fs::copy(source, &file).unwrap();
        args.push(file.to_str().unwrap().to_string());
    }
    args.push(fixtures().to_str().unwrap().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = s.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

/// JSON Lines of a run that must succeed.
pub fn json(s: &Sandbox, args: &[&str]) -> Vec<Value> {
    let run = s.run(args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The counts of a row, without its labels.
pub fn counts(row: &Value) -> Vec<Value> {
    [
        "passages",
        "statements",
        "glossary_only_passages",
        "slice_passages",
        "slice_statements",
        "per_1000_passages",
        "per_100_statements",
    ]
    .iter()
    .map(|k| row[*k].clone())
    .collect()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

#[test]
fn every_crosstab_cell_equals_the_one_field_count_of_its_slice() {
    let s = mixed();
    let cells = json(
        &s,
        &[
            "count",
            "china",
            "--by",
            "publisher",
            "--by",
            "year",
            "--json",
        ],
    );
    assert!(cells.len() >= 6, "{cells:?}");
    let years: std::collections::BTreeSet<String> =
        cells.iter().map(|c| text(&c["year"])).collect();
    assert!(years.len() >= 4, "{years:?}");
    for year in &years {
        let one: BTreeMap<String, Vec<Value>> = json(
            &s,
            &[
                "count",
                "china",
                "--by",
                "publisher",
                "--since",
                year,
                "--until",
                year,
                "--json",
            ],
        )
        .iter()
        .map(|r| (text(&r["key"]), counts(r)))
        .collect();
        let of_year: Vec<&Value> = cells.iter().filter(|c| text(&c["year"]) == *year).collect();
        for cell in &of_year {
            let publisher = text(&cell["publisher"]);
            assert_eq!(text(&cell["key"]), format!("{publisher} · {year}"));
            if cell["passages"] == 0 {
                // Published, nothing matched: the one-field count has no row.
                assert!(!one.contains_key(&publisher), "{cell}");
                assert!(cell["slice_statements"].as_u64().unwrap() > 0, "{cell}");
                continue;
            }
            assert_eq!(
                one.get(&publisher),
                Some(&counts(cell)),
                "{publisher} {year}"
            );
        }
        let matched = of_year.iter().filter(|c| c["passages"] != 0).count();
        assert_eq!(
            matched,
            one.len(),
            "{year}: every group of the count is a cell"
        );
    }
    // The other way round, by language: the cells of a language are its timeline by year.
    let by_lang = json(
        &s,
        &["count", "china", "--by", "lang", "--by", "year", "--json"],
    );
    for lang in ["en", "zh"] {
        let one: BTreeMap<String, Vec<Value>> = json(
            &s,
            &["count", "china", "--by", "year", "--lang", lang, "--json"],
        )
        .iter()
        .filter(|r| r["passages"] != 0)
        .map(|r| (text(&r["key"]), counts(r)))
        .collect();
        let cells: BTreeMap<String, Vec<Value>> = by_lang
            .iter()
            .filter(|c| c["lang"] == lang && c["passages"] != 0)
            .map(|c| (text(&c["year"]), counts(c)))
            .collect();
        assert!(!one.is_empty());
        assert_eq!(cells, one, "{lang}");
    }
}

#[test]
fn a_crosstab_prints_as_a_table_and_csv_and_refuses_a_field_twice() {
    let s = mixed();
    let run = s.run(&["count", "china", "--by", "lang", "--by", "year"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head = run.stdout.lines().next().unwrap();
    assert!(
        head.starts_with("lang   year") && head.contains("passages"),
        "{head}"
    );
    assert!(
        run.stdout.lines().any(|l| l.starts_with("zh     2025")),
        "{}",
        run.stdout
    );
    let csv = s.run(&["count", "china", "--by", "lang", "--by", "year", "--csv"]);
    let mut lines = csv.stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "lang,year,key,passages,statements,glossary_only_passages,slice_passages,slice_statements,per_1000_passages,per_100_statements"
    );
    assert!(
        lines.any(|l| l.starts_with("zh,2025,zh · 2025,")),
        "{}",
        csv.stdout
    );
    let twice = s.run(&["count", "china", "--by", "year", "--by", "year"]);
    assert_eq!(twice.code, 2);
    assert!(
        twice.stderr.contains("by year is given twice"),
        "{}",
        twice.stderr
    );
    let periods = s.run(&["count", "china", "--by", "year", "--by", "month"]);
    assert_eq!(periods.code, 2, "{}", periods.stderr);
    let three = s.run(&[
        "count", "china", "--by", "lang", "--by", "year", "--by", "kind",
    ]);
    assert_eq!(three.code, 2, "{}", three.stderr);
}

#[test]
fn every_series_equals_the_single_timeline_of_its_query_and_slice() {
    let s = mixed();
    // Split by language: the series of a language is the timeline with --lang.
    let split = json(
        &s,
        &[
            "timeline", "china", "--split", "lang", "--per", "year", "--json",
        ],
    );
    let langs: std::collections::BTreeSet<String> =
        split.iter().map(|r| text(&r["lang"])).collect();
    assert_eq!(langs, ["en", "zh"].map(String::from).into());
    for lang in &langs {
        let single: BTreeMap<String, Vec<Value>> = json(
            &s,
            &[
                "timeline", "china", "--lang", lang, "--per", "year", "--json",
            ],
        )
        .iter()
        .map(|r| (text(&r["key"]), counts(r)))
        .collect();
        let series: Vec<&Value> = split
            .iter()
            .filter(|r| r["lang"] == lang.as_str())
            .collect();
        for row in &series {
            assert_eq!(text(&row["series"]), *lang);
            assert_eq!(text(&row["query"]), "china");
            match single.get(&text(&row["key"])) {
                Some(counts_of) => assert_eq!(&counts(row), counts_of, "{row}"),
                // A period outside the language's own span: nothing published.
                None => assert_eq!(row["slice_statements"], 0, "{row}"),
            }
        }
        assert!(series.len() >= single.len());
    }
    // Several queries: each series is that query's own timeline.
    let vs = json(
        &s,
        &[
            "timeline", "china", "--vs", "taiwan", "--per", "year", "--json",
        ],
    );
    for q in ["china", "taiwan"] {
        let single: Vec<Vec<Value>> = json(&s, &["timeline", q, "--per", "year", "--json"])
            .iter()
            .map(counts)
            .collect();
        let series: Vec<Vec<Value>> = vs.iter().filter(|r| r["series"] == q).map(counts).collect();
        assert_eq!(series, single, "{q}");
        assert!(single.iter().any(|c| c[0] != 0));
    }
}

#[test]
fn series_print_as_a_table_csv_and_an_svg_with_a_legend() {
    let s = mixed();
    let run = s.run(&["timeline", "china", "--vs", "taiwan", "--per", "year"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "passages matching china vs taiwan");
    assert!(
        lines[1].contains("china") && lines[1].contains("taiwan"),
        "{}",
        run.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with("2021")),
        "{}",
        run.stdout
    );
    let csv = s.run(&[
        "timeline", "china", "--split", "lang", "--per", "year", "--csv",
    ]);
    let mut rows = csv.stdout.lines();
    assert!(rows
        .next()
        .unwrap()
        .starts_with("series,query,lang,key,passages,"));
    assert!(
        rows.any(|l| l.starts_with("zh,china,zh,2025,")),
        "{}",
        csv.stdout
    );
    let svg = s.path("split.svg");
    let run = s.run(&[
        "timeline",
        "china",
        "--split",
        "lang",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(
        svg.contains("<g class=\"legend\">")
            && svg.contains(">zh</text>")
            && svg.contains(">en</text>")
    );
    assert_eq!(svg.matches("<g class=\"series\"").count(), 2);
    let bad = s.run(&["timeline", "china", "--split", "year"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("split by another field"),
        "{}",
        bad.stderr
    );
}

#[test]
fn the_web_counts_crosstabs_and_draws_series_as_the_command_line_does() {
    let s = mixed();
    let server = crate::http::Server::start(&s, &[]);
    let lines = |path: &str| -> Vec<Value> {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        r.body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let cli = json(
        &s,
        &[
            "count",
            "china",
            "--by",
            "publisher",
            "--by",
            "year",
            "--json",
        ],
    );
    assert_eq!(lines("/count.jsonl?q=china&by=publisher,year"), cli);
    // `/count.json` is one object: the rows, with the query, filters, fields
    // and what each term reached.
    let object: Value = server.get("/count.json?q=china&by=publisher,year").json();
    assert_eq!(object["rows"].as_array().unwrap(), &cli);
    assert_eq!(object["by"], "publisher,year");
    assert_eq!(object["coverage"]["terms"][0]["term"], "china");
    let one = json(&s, &["count", "china", "--by", "lang", "--json"]);
    assert_eq!(lines("/count.jsonl?q=china&by=lang"), one);
    let page = server.get("/count?q=china&by=lang,year");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<table class=\"numbers crosstab\">"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Matching passages, lang × year"));
    let bad = server.get("/count.json?q=china&by=year,year");
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("by year is given twice"));

    let cli = json(
        &s,
        &[
            "timeline", "china", "--split", "lang", "--per", "year", "--json",
        ],
    );
    assert_eq!(lines("/timeline.jsonl?q=china&split=lang&per=year"), cli);
    let cli = json(&s, &["timeline", "china", "--vs", "taiwan", "--json"]);
    assert_eq!(lines("/timeline.jsonl?q=china&vs=taiwan"), cli);
    let svg = server.get("/timeline.svg?q=china&vs=taiwan");
    assert!(svg.body.contains("<g class=\"legend\">") && svg.body.contains(">taiwan</text>"));
    let page = server.get("/timeline?q=china&split=lang");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<g class=\"series\""), "{}", page.body);
    assert!(page.body.contains("name=\"vs\""));
}
