//! `readouts serve`: every route's JSON and HTML on an ephemeral loopback
//! port, the escaping of a hostile statement, the limits, errors, exports,
//! and an ingest (and a reindex) while serving.

use serde::{Deserialize, Serialize};

use crate::http::{enc, Server};
use crate::util::{Record, Sandbox};
use crate::wire::{Cell, CountRow, Coverage, CoverageReport, Document, Hit, Parallel};

const EVENT: &str = "2025-11-24-xi-trump-call";
const ZH: &str = "xinhua-2025-11-24-xi-trump-call-zh";
const EN: &str = "xinhua-2025-11-24-xi-trump-call-en";

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchJson {
    query: String,
    filters: String,
    total: usize,
    glossary_only: usize,
    page: usize,
    n: usize,
    hits: Vec<Hit>,
    facets: Vec<Facet>,
    histogram: Vec<Bar>,
    coverage: Coverage,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facet {
    field: String,
    values: Vec<FacetValue>,
    distinct: usize,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FacetValue {
    value: String,
    passages: u64,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bar {
    period: String,
    passages: u64,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorJson {
    error: String,
    status: u16,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Comparison {
    event: String,
    columns: Vec<serde_json::Value>,
    rows: Vec<CompareRow>,
    coverage: Coverage,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareRow {
    topic: String,
    passages: Vec<u64>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineJson {
    title: String,
    query: String,
    filters: String,
    rows: Vec<CountRow>,
    coverage: Coverage,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountJson {
    query: String,
    filters: String,
    by: String,
    rows: Vec<CountRow>,
    coverage: Coverage,
}

fn served() -> (Sandbox, Server) {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let server = Server::start(&s, &[]);
    (s, server)
}

/// Hits as the server gives them: without the server's file paths.
pub fn without_paths(mut hits: Vec<Hit>) -> Vec<Hit> {
    for hit in &mut hits {
        hit.path.clear();
    }
    hits
}

fn facet<'a>(page: &'a SearchJson, field: &str) -> &'a Facet {
    page.facets.iter().find(|f| f.field == field).unwrap()
}

#[test]
fn search_json_matches_the_command_line_and_counts_facets() {
    let (s, server) = served();
    let r = server.get("/search.json?q=taiwan&n=3");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let page: SearchJson = r.json();
    let cli = s.hits(&["taiwan", "--limit", "3"]);
    assert_eq!(page.hits, without_paths(cli));
    assert_eq!(page.total, 7);
    assert_eq!(page.glossary_only, 2, "the Chinese passages, through 台湾");
    let langs: u64 = facet(&page, "lang").values.iter().map(|v| v.passages).sum();
    assert_eq!(langs, 7);
    assert_eq!(facet(&page, "year").values[0].value, "2025");
    assert!(!page.histogram.is_empty());
    let zh: SearchJson = server.get("/search.json?q=taiwan&lang=zh").json();
    assert_eq!(zh.total, 2);
    assert!(zh.hits.iter().all(|h| h.lang == "zh"));
    let page2: SearchJson = server.get("/search.json?q=taiwan&n=3&page=3").json();
    assert_eq!(page2.hits.len(), 1);
}

#[test]
fn search_html_shows_hits_facets_and_the_state_in_links() {
    let (_s, server) = served();
    let r = server.get("/search?q=taiwan&lang=en");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let csp = r.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    let b = &r.body;
    assert!(
        b.contains("<mark>Taiwan</mark>") || b.contains("<mark>taiwan</mark>"),
        "{b}"
    );
    assert!(
        b.contains("5</strong> passages") || b.contains("<strong>5</strong> passages"),
        "{b}"
    );
    assert!(
        b.contains("href=\"/search?country=CN&amp;lang=en&amp;q=taiwan\""),
        "facet links keep the state"
    );
    assert!(b.contains("/search.csv?lang=en&amp;q=taiwan"));
    assert!(b.contains("/statements/xinhua-2025-11-24-xi-trump-call-en#p3"));
    assert!(
        !b.contains("http://") && !b.contains("https://cdn"),
        "nothing from elsewhere"
    );
    let kwic = server.get("/search?q=taiwan&view=kwic&kwic_sort=left");
    assert!(
        kwic.body.contains("<table class=\"kwic\">"),
        "{}",
        kwic.body
    );
    for asset in ["/assets/style.css", "/assets/app.js"] {
        assert_eq!(server.get(asset).status, 200);
    }
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("name=\"q\""));
}

#[test]
fn statement_parallel_compare_timeline_and_count_answer_json_and_html() {
    let (s, server) = served();
    let doc: Document = server.get(&format!("/statements/{ZH}.json")).json();
    let mut cli: Vec<Document> = s.run(&["show", ZH, "--json"]).lines();
    assert!(!cli[0].path.is_empty());
    cli[0].path.clear();
    // The server's statement JSON streams windows of paragraphs, which carry
    // no `reported_by` (worked out over the whole statement by `show`).
    for p in &mut cli[0].passages {
        p.reported_by.clear();
    }
    assert_eq!(doc, cli[0], "show --json without the server's file path");
    let html = server.get(&format!("/statements/{ZH}")).body;
    assert!(
        html.contains("id=\"p1\"") && html.contains("习近平"),
        "{html}"
    );
    assert!(html.contains("Other statements of this event"));
    assert!(html.contains(&format!("/statements/{ZH}/parallel")));
    let pair: Parallel = server
        .get(&format!("/statements/{ZH}/parallel.json"))
        .json();
    assert_eq!(pair.right.doc_id, "xinhua-2025-11-24-xi-trump-call-en");
    let html = server.get(&format!("/statements/{ZH}/parallel")).body;
    assert!(html.contains("<table class=\"parallel\">"));
    let c: Comparison = server
        .get(&format!(
            "/events/{EVENT}/compare.json?terms=taiwan,soybeans"
        ))
        .json();
    assert_eq!(c.rows.len(), 2);
    assert!(c.columns.len() >= 3);
    let html = server
        .get(&format!("/events/{EVENT}/compare?terms=taiwan,soybeans"))
        .body;
    assert!(html.contains("class=\"zero\""), "zeros are marked: {html}");
    // Each cell links to its passages: as many as the cell says.
    let link = html.split("href=\"/search?").nth(1).unwrap();
    let link = link.split('"').next().unwrap().replace("&amp;", "&");
    let cell: SearchJson = server.get(&format!("/search.json?{link}")).json();
    assert_eq!(cell.total as u64, c.rows[0].passages[0], "{link}");
    let cells = server.get(&format!("/events/{EVENT}/compare.jsonl?terms=taiwan"));
    let cells: Vec<Cell> = cells.body.lines().map(crate::util::parse_line).collect();
    assert_eq!(cells.len(), c.columns.len());
    let t: TimelineJson = server.get("/timeline.json?q=taiwan&per=month").json();
    assert_eq!(t.rows.iter().map(|r| r.passages).sum::<u64>(), 7);
    assert!(t.title.contains("taiwan"));
    let svg = server.get("/timeline.svg?q=taiwan&country=CN");
    assert!(svg.body.starts_with("<svg") && svg.body.contains("country=CN"));
    let html = server.get("/timeline?q=taiwan&rate=1").body;
    assert!(html.contains("<svg") && html.contains("passages matching taiwan, per 1,000 passages"));
    let by_year: CountJson = server.get("/count.json?q=taiwan&by=year").json();
    assert_eq!(by_year.rows[0].key, "2025");
    assert_eq!(by_year.rows[0].passages, 7);
    assert_eq!(
        (by_year.query.as_str(), by_year.by.as_str()),
        ("taiwan", "year")
    );
}

/// The report of `search --json` on stderr: its one object.
fn cli_report(s: &Sandbox, args: &[&str]) -> CoverageReport {
    let run = s.run(args);
    let line = run.stderr.lines().find(|l| l.starts_with('{'));
    crate::util::parse_line(line.unwrap_or_else(|| panic!("no report: {}", run.stderr)))
}

#[test]
fn every_json_answer_carries_the_coverage_the_command_line_reports() {
    let (s, server) = served();
    let cli = cli_report(&s, &["search", "taiwan OR zzzyzx", "--json"]);
    let terms: Vec<&str> = cli.coverage.terms.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(terms, ["taiwan", "zzzyzx"]);
    assert!(cli.coverage.terms[1].missing.contains(&"zh".to_string()));
    let q = "q=taiwan+OR+zzzyzx";
    let page: SearchJson = server.get(&format!("/search.json?{q}")).json();
    assert_eq!(page.coverage, cli.coverage, "the same object");
    let t: TimelineJson = server.get(&format!("/timeline.json?{q}")).json();
    assert_eq!(t.coverage, cli.coverage);
    let c: CountJson = server.get(&format!("/count.json?{q}&by=lang")).json();
    assert_eq!(
        c.coverage,
        cli_report(&s, &["count", "taiwan OR zzzyzx", "--by", "lang", "--json"]).coverage
    );
    assert_eq!(c.coverage, cli.coverage);
    // --exact: no form beside the term as written.
    let exact: SearchJson = server.get(&format!("/search.json?{q}&exact=1")).json();
    assert_eq!(
        exact.coverage,
        cli_report(&s, &["search", "taiwan OR zzzyzx", "--exact", "--json"]).coverage
    );
    assert!(exact.coverage.terms.iter().all(|t| t.forms.len() == 1));
    // compare: each topic's terms, in order.
    let m: Comparison = server
        .get(&format!("/events/{EVENT}/compare.json?terms=taiwan,zzzyzx"))
        .json();
    assert_eq!(m.coverage, cli.coverage);
    let html = server
        .get(&format!("/events/{EVENT}/compare?terms=zzzyzx"))
        .body;
    assert!(html.contains("id=\"coverage\""), "{html}");
    assert!(
        html.contains("zzzyzx: as written; no Chinese form known"),
        "{html}"
    );
}

#[test]
fn exports_stream_every_hit_not_a_page() {
    let (_s, server) = served();
    let csv = server.get("/search.csv?q=taiwan&n=1&page=2");
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    let mut rows = csv::Reader::from_reader(csv.body.as_bytes());
    assert_eq!(rows.headers().unwrap().get(0), Some("doc_id"));
    assert_eq!(rows.records().count(), 7);
    let jsonl = server.get("/search.jsonl?q=taiwan&n=1");
    let hits: Vec<Hit> = jsonl.body.lines().map(crate::util::parse_line).collect();
    assert_eq!(hits.len(), 7);
    let none = server.get("/search.csv?q=zzzyzx");
    assert_eq!(none.body.lines().count(), 1, "the header alone");
    let t = server.get("/timeline.csv?q=taiwan");
    assert!(t.body.starts_with("key,passages"));
}

#[test]
fn errors_are_json_with_a_status_and_the_command_lines_message() {
    let (s, server) = served();
    let r = server.get(&format!("/search.json?q={}", enc("\"taiwan")));
    assert_eq!(r.status, 400);
    let e: ErrorJson = r.json();
    assert_eq!(e.status, 400);
    let cli = s.run(&["search", "\"taiwan"]);
    assert!(
        cli.stderr.contains(&e.error),
        "{} / {}",
        cli.stderr,
        e.error
    );
    assert!(e.error.contains("at character 1"), "{}", e.error);
    let html = server.get(&format!("/search?q={}", enc("\"taiwan")));
    assert_eq!(html.status, 400);
    assert!(html.body.contains("at character 1"));
    let missing = server.get("/statements/nope.json");
    assert_eq!(missing.status, 404);
    let e: ErrorJson = missing.json();
    assert_eq!(e.error, "no document with id \"nope\" in the index");
    assert_eq!(server.get("/statements/nope").status, 404);
    assert_eq!(server.get("/no/such/page").status, 404);
    assert_eq!(server.get("/count.json?q=taiwan&by=colour").status, 400);
    assert_eq!(server.get("/search.json?q=a&since=2025-13").status, 400);
    // A wrong role, a wrong group, an empty span: the command line's words.
    for (url, args) in [
        (
            "/search.json?q=taiwan&role=ask",
            &["search", "taiwan", "--role", "ask"][..],
        ),
        (
            "/count.json?q=taiwan&by=yaer",
            &["count", "taiwan", "--by", "yaer"],
        ),
        (
            "/search.json?q=taiwan&since=2025&until=2024",
            &["search", "taiwan", "--since", "2025", "--until", "2024"],
        ),
    ] {
        let r = server.get(url);
        assert_eq!(r.status, 400, "{url}");
        let e: ErrorJson = r.json();
        let cli = s.run(args);
        assert_eq!(cli.code, 2, "{args:?}");
        assert!(
            cli.stderr.contains(&e.error),
            "{url}: {} / {}",
            cli.stderr,
            e.error
        );
    }
}

#[test]
fn limits_refuse_long_queries_and_big_pages() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let server = Server::start(&s, &["--max-page-size", "50"]);
    let long = "taiwan ".repeat(200);
    let r = server.get(&format!("/search.json?q={}", enc(&long)));
    assert_eq!(r.status, 400);
    assert!(r.json::<ErrorJson>().error.contains("at most 1000"));
    let r = server.get("/search.json?q=taiwan&n=51");
    assert_eq!(r.status, 400);
    assert!(r.json::<ErrorJson>().error.contains("between 1 and 50"));
    assert_eq!(server.get("/search.json?q=taiwan&n=50").status, 200);
    assert_eq!(server.get("/search.json?q=taiwan&page=0").status, 400);
}

#[test]
fn only_loopback_unless_allowed() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let run = s.run(&["serve", "--bind", "0.0.0.0:0"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--allow-remote"), "{}", run.stderr);
    let missing = Sandbox::new().run(&["serve", "--bind", "127.0.0.1:0"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no index at"), "{}", missing.stderr);
}

#[test]
fn a_hostile_statement_renders_as_text() {
    let s = Sandbox::new();
    let hostile = Record::new("hostile")
        .title("<script>alert('title')</script>")
        .text("Taiwan <script>alert(1)</script> <img src=x onerror=alert(2)> \"quoted\" & more")
        .speaker("<b>Mallory</b>")
        .event("e<script>")
        .url("javascript:alert(document.cookie)");
    let run = s.run_with_stdin(&["ingest", "-"], &hostile.json_line());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&s, &[]);
    for path in [
        "/search?q=taiwan".to_string(),
        "/search?q=taiwan&view=kwic".to_string(),
        "/statements/hostile".to_string(),
        format!("/events/{}/compare?terms=taiwan", enc("e<script>")),
        format!("/search?q={}", enc("<script>alert(3)</script>")),
    ] {
        let r = server.get(&path);
        assert!(!r.body.contains("<script>alert"), "{path}: {}", r.body);
        assert!(!r.body.contains("<img src=x"), "{path}");
        assert!(!r.body.contains("<b>Mallory"), "{path}");
        assert!(r.header("content-security-policy").is_some());
    }
    let page = server.get("/statements/hostile").body;
    assert!(!page.contains("href=\"javascript:"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    let doc: Document = server.get("/statements/hostile.json").json();
    assert!(
        doc.title.contains("<script>"),
        "JSON keeps the text as it is"
    );
}

#[test]
fn an_ingest_and_a_reindex_while_serving_show_up() {
    let (s, server) = served();
    let count = |q: &str| {
        server
            .get(&format!("/search.json?q={q}"))
            .json::<SearchJson>()
            .total
    };
    assert_eq!(count("zebrafish"), 0);
    let fresh = Record::new("fresh").text("The zebrafish protocol was signed.");
    let run = s.run_with_stdin(&["ingest", "-"], &fresh.json_line());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        count("zebrafish"),
        1,
        "a commit by another process is picked up"
    );
    let run = s.run(&["reindex"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(count("zebrafish"), 1, "the swapped folder is opened");
    let later = Record::new("later").text("A second zebrafish accord.");
    let run = s.run_with_stdin(&["ingest", "-"], &later.json_line());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(count("zebrafish"), 2, "and commits after the swap too");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_cleanly() {
    let (_s, mut server) = served();
    assert_eq!(server.get("/search.json?q=taiwan").status, 200);
    // SAFETY: kill(2) on our own child's pid.
    let sent = unsafe { libc::kill(server.child.id() as i32, libc::SIGINT) };
    assert_eq!(sent, 0);
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn the_statement_page_shows_the_words_that_report_each_person_on_hover() {
    let (s, server) = served();
    let html = server.get(&format!("/statements/{EN}")).body;
    let cli: Vec<Document> = s.run(&["show", EN, "--json"]).lines();
    // Every reported person of the page carries the words `show --json` gives.
    let mut checked = 0;
    for p in &cli[0].passages {
        for r in &p.reported_by {
            let escaped = r.words.replace('&', "&amp;").replace('"', "&quot;");
            let title = format!("title=\"reported by: {escaped}\">{}</span>", r.name);
            assert!(html.contains(&title), "{title} not in the page");
            checked += 1;
        }
    }
    assert!(checked >= 3, "{checked}");
}
