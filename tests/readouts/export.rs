//! All the hits: --all streams every one, the total goes to stderr, a cut
//! result says so, CSV for rows, character offsets for Python and R.

use crate::http::Server;
use crate::util::*;
use crate::wire::Hit;

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    let records: Vec<Record> = (0..25)
        .map(|i| {
            Record::new(&format!("r{i:02}"))
                .text(&format!("台湾问题 paragraph {i} about soybeans."))
        })
        .collect();
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

#[test]
fn all_streams_every_hit_and_says_the_total() {
    let s = sandbox();
    let run = s.run(&["search", "soybeans", "--all", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits: Vec<Hit> = run.lines();
    assert_eq!(hits.len(), 25);
    assert!(run.stderr.contains("25 passages"), "{}", run.stderr);
    let csv = s.run(&["search", "soybeans", "--all", "--csv"]);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(
        lines[0].starts_with("doc_id,passage,score,publisher"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 26);
    let human = s.run(&["search", "soybeans", "--all"]);
    assert!(human.stdout.contains("[25]"), "{}", human.stdout);
}

#[test]
fn a_result_cut_by_limit_says_so_and_offset_past_the_end_too() {
    let s = sandbox();
    let run = s.run(&["search", "soybeans", "--json", "--limit", "5"]);
    assert_eq!(run.lines::<Hit>().len(), 5);
    assert!(run.stderr.contains("5 of 25 passages"), "{}", run.stderr);
    assert!(run.stderr.contains("--all"), "{}", run.stderr);
    let past = s.run(&["search", "soybeans", "--offset", "5000"]);
    assert_eq!(past.code, 1);
    assert!(
        past.stderr.contains("past the last of 25 passages"),
        "{}",
        past.stderr
    );
}

#[test]
fn highlights_come_in_bytes_and_in_characters() {
    let s = sandbox();
    let hits = s.hits(&["台湾问题", "--exact", "--limit", "1"]);
    let h = &hits[0];
    let (bytes, chars) = (h.highlights[0], h.highlights_chars[0]);
    assert_eq!(&h.snippet[bytes.0..bytes.1], "台湾问题");
    let by_chars: String = h
        .snippet
        .chars()
        .skip(chars.0)
        .take(chars.1 - chars.0)
        .collect();
    assert_eq!(by_chars, "台湾问题");
    assert_eq!(chars, (0, 4));
}

/// CSV has its header whether or not anything matched, on the command line
/// and on the web, with the same columns (the web's without `path`); JSON
/// Lines rows of a timeline carry the query and filters on both.
#[test]
fn csv_keeps_its_header_with_no_rows_and_timeline_lines_say_what_they_count() {
    let s = sandbox();
    let header = |args: &[&str]| {
        let run = s.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        run.stdout.lines().map(str::to_string).collect::<Vec<_>>()
    };
    let full = header(&["search", "zebra", "--csv"]);
    assert_eq!(full.len(), 1, "{full:?}");
    assert!(
        full[0].starts_with("doc_id,passage,score,publisher"),
        "{full:?}"
    );
    assert!(full[0].ends_with(",text,path"), "{full:?}");
    assert_eq!(header(&["search", "zebra", "--csv", "--all"]), full);
    let counted = header(&["count", "zebra", "--by", "year", "--csv"]);
    assert_eq!(counted.len(), 1, "{counted:?}");
    assert!(
        counted[0].starts_with("key,passages,statements"),
        "{counted:?}"
    );
    let compared = s.run(&["search", "soybeans", "--csv", "--limit", "1"]);
    let columns = compared.stdout.lines().next().unwrap().to_string();
    assert_eq!(
        columns, full[0],
        "the header of no rows is the header of rows"
    );

    let server = Server::start(&s, &[]);
    let web = server.get("/search.csv?q=zebra").body;
    assert_eq!(web.trim_end(), full[0].trim_end_matches(",path"));
    let web_rows = server.get("/search.csv?q=soybeans").body;
    assert_eq!(web_rows.lines().next(), web.lines().next());
    let cli: Vec<serde_json::Value> = s
        .run(&[
            "timeline",
            "soybeans",
            "--per",
            "year",
            "--json",
            "--country",
            "US",
        ])
        .lines();
    let web: Vec<serde_json::Value> = server
        .get("/timeline.jsonl?q=soybeans&per=year&country=US")
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!cli.is_empty());
    assert_eq!(web, cli, "the web's rows are the command line's");
    assert_eq!(web[0]["query"], "soybeans");
    assert_eq!(web[0]["filters"], "country=US");
}
