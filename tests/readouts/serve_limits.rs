//! `readouts serve` under hostile clients and odd input (issue 19): downloads
//! that are never read, idle and slowloris connections, too many
//! connections, numeric options past their range, CSV cells that a
//! spreadsheet would run as formulas, the server's file paths, statement ids
//! of any shape, and a statement too long to show on one page. Real sockets
//! on 127.0.0.1 only; every wait is bounded.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::http::{enc, Server};
use crate::util::{Record, Sandbox};
use crate::wire::Document;

/// A connection to the server, nothing sent yet.
fn connect(server: &Server) -> TcpStream {
    TcpStream::connect(server.base.trim_start_matches("http://")).unwrap()
}

/// Whether the server closes `stream` (end of stream or reset) within
/// `limit`, reading (and dropping) what it sends meanwhile; the bytes read.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> (bool, Vec<u8>) {
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let deadline = Instant::now() + limit;
    let mut got = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    while Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) => return (true, got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return (true, got),
        }
    }
    (false, got)
}

#[test]
fn idle_and_slow_connections_are_closed_and_their_number_capped() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let server = Server::start(&s, &["--header-timeout", "1", "--max-connections", "4"]);
    let mut idle: Vec<TcpStream> = (0..4).map(|_| connect(&server)).collect();
    std::thread::sleep(Duration::from_millis(300));
    // One more than the cap: answered 503 (or cut) and closed at once.
    let mut fifth = connect(&server);
    let (closed, got) = closed_within(&mut fifth, Duration::from_secs(5));
    assert!(closed, "a connection over the cap was left open");
    let got = String::from_utf8_lossy(&got);
    assert!(got.is_empty() || got.starts_with("HTTP/1.1 503"), "{got}");
    // The idle ones are closed after the header timeout.
    for (i, c) in idle.iter_mut().enumerate() {
        let (closed, got) = closed_within(c, Duration::from_secs(10));
        assert!(closed, "idle connection {i} was never closed");
        assert!(
            got.is_empty() || got.starts_with(b"HTTP/1.1 408"),
            "{got:?}"
        );
    }
    // A slowloris: a header byte every 100 ms, never the blank line.
    let mut slow = connect(&server);
    slow.write_all(b"GET /search.json?q=taiwan HTTP/1.1\r\n")
        .unwrap();
    for b in b"X-Slow: ".iter().cycle().take(40) {
        if slow.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (closed, _) = closed_within(&mut slow, Duration::from_secs(3));
    assert!(closed, "a request head trickling in for 4 s was never cut");
    // And the server still answers.
    assert_eq!(server.get("/search.json?q=taiwan").status, 200);
}

/// Records whose JSON Lines download is about 7 MB, well past what the
/// socket buffers on both sides hold.
fn big_corpus(s: &Sandbox) {
    let paragraph =
        "The zebra accord on trade and Taiwan was discussed at length by the two delegations. "
            .repeat(24);
    let records: Vec<String> = (0..30)
        .map(|r| {
            let text: Vec<String> = (0..100)
                .map(|i| format!("{} Paragraph {i} of record {r}.", paragraph.trim()))
                .collect();
            Record::new(&format!("big-{r}"))
                .text(&text.join("\n\n"))
                .json_line()
        })
        .collect();
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &records.join("\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A connection with a receive buffer of a few kilobytes (set before it
/// connects, so the window it offers is that small), so that a client that
/// reads nothing stalls the server's writes soon.
fn connect_with_small_buffer(server: &Server) -> TcpStream {
    use socket2::{Domain, Socket, Type};
    let address: std::net::SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket.connect(&address.into()).unwrap();
    socket.into()
}

#[test]
fn a_download_never_read_does_not_lock_out_searches_and_is_closed() {
    let s = Sandbox::new();
    big_corpus(&s);
    let server = Server::start(&s, &["--max-concurrent", "1", "--send-timeout", "2"]);
    // A download that is never read, with the one turn there is.
    let mut stalled = connect_with_small_buffer(&server);
    write!(
        stalled,
        "GET /search.jsonl?q=zebra HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // Searches still get their turn (they waited 10 s, then 503, before).
    for _ in 0..3 {
        let r = server.get("/search.json?q=zebra&n=1");
        assert_eq!(r.status, 200, "{}", r.body);
    }
    // Once the download has stalled for the send timeout its connection is
    // cut and its turn is free: another download is answered whole (each
    // try waits at most the 10 s queue wait; the first ones may come while
    // the stalled one still fills the socket buffers).
    let whole = (0..8)
        .map(|_| server.get("/search.csv?q=zebra"))
        .find(|r| r.status == 200)
        .expect("the stalled download kept its turn");
    assert_eq!(whole.body.lines().count(), 1 + 3000);
    // What the stalled client then reads ends without the last chunk.
    let (closed, got) = closed_within(&mut stalled, Duration::from_secs(30));
    assert!(closed, "the stalled download was never closed");
    assert!(got.starts_with(b"HTTP/1.1 200"));
    assert!(
        !got.ends_with(b"\r\n0\r\n\r\n"),
        "the download was sent whole ({} bytes) to a client that read nothing",
        got.len()
    );
}

#[test]
fn numeric_options_past_their_range_are_usage_errors() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let cases: [&[&str]; 12] = [
        &["serve", "--max-concurrent", "2305843009213693952"],
        &["serve", "--max-concurrent", "0"],
        &["serve", "--max-concurrent", "18446744073709551616"],
        &["serve", "--max-page-size", "0"],
        &["serve", "--max-page-size", "18446744073709551615"],
        &["serve", "--max-connections", "0"],
        &["serve", "--header-timeout", "0"],
        &["serve", "--send-timeout", "99999999999"],
        &["add", "x.html", "--retries", "4294967295"],
        &["add", "x.html", "--timeout", "1e300"],
        &["add", "x.html", "--delay=-1"],
        &["update", "--timeout", "NaN"],
    ];
    for args in cases {
        let run = s.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        let option = args.iter().find(|a| a.starts_with("--")).unwrap();
        let option = option.split('=').next().unwrap();
        assert!(
            run.stderr.contains(option),
            "{args:?}: the message names the option: {}",
            run.stderr
        );
    }
}

/// Values a spreadsheet would run as formulas (OWASP's examples).
const HOSTILE: [&str; 4] = ["=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1)"];

fn hostile_index() -> Sandbox {
    let s = Sandbox::new();
    let record = Record::new("=formula")
        .kind("statement")
        .title(HOSTILE[0])
        .speaker(HOSTILE[3])
        .event(HOSTILE[1])
        .text(&format!("{} zebra\n\n{} zebra", HOSTILE[2], HOSTILE[0]));
    let run = s.run_with_stdin(&["ingest", "-"], &record.json_line());
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

/// No cell of `csv` starts a formula, and each of `expected` is there with
/// a leading `'`.
fn assert_defused(what: &str, csv: &str, expected: &[&str]) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        cells.extend(record.unwrap().iter().map(str::to_string));
    }
    assert!(!cells.is_empty(), "{what}: no cells");
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{what}: a cell starts a formula: {cell:?}"
        );
    }
    for e in expected {
        assert!(
            cells.iter().any(|c| c.starts_with(&format!("'{e}"))),
            "{what}: no '{e}: {cells:?}"
        );
    }
}

#[test]
fn csv_cells_that_start_a_formula_are_prefixed_everywhere() {
    let s = hostile_index();
    let all = HOSTILE;
    for (args, expected) in [
        (&["search", "zebra", "--csv"][..], &all[..]),
        (&["search", "zebra", "--csv", "--all"], &all[..]),
        (&["count", "zebra", "--by", "speaker", "--csv"], &all[3..]),
        (
            &["compare", "--event", HOSTILE[1], "zebra", "--csv"],
            &["=formula"][..],
        ),
    ] {
        let run = s.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_defused(&format!("{args:?}"), &run.stdout, expected);
    }
    let server = Server::start(&s, &[]);
    for (path, expected) in [
        ("/search.csv?q=zebra".to_string(), &all[..]),
        (
            format!("/statements/{}.csv", enc("=formula")),
            &[HOSTILE[0], HOSTILE[2]][..],
        ),
        ("/count.csv?q=zebra&by=speaker".to_string(), &all[3..]),
    ] {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_defused(&path, &r.body, expected);
    }
}

#[test]
fn the_servers_answers_do_not_show_its_file_paths() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let zh = "xinhua-2025-11-24-xi-trump-call-zh";
    let cli: Vec<Document> = s.run(&["show", zh, "--json"]).lines();
    let folder = std::path::Path::new(&cli[0].path)
        .parent()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        folder.starts_with('/'),
        "the command line keeps it: {folder}"
    );
    let server = Server::start(&s, &[]);
    for path in [
        "/search.json?q=taiwan".to_string(),
        "/search.jsonl?q=taiwan".to_string(),
        "/search.csv?q=taiwan".to_string(),
        format!("/statements/{zh}.json"),
        format!("/statements/{zh}.jsonl"),
        format!("/statements/{zh}.csv"),
        format!("/statements/{zh}/parallel.json"),
        format!("/statements/{zh}"),
        "/search?q=taiwan".to_string(),
    ] {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert!(!r.body.contains(&folder), "{path} shows {folder}");
        assert!(!r.body.contains("\"path\""), "{path}: {}", r.body);
        let head = r.body.lines().next().unwrap_or("");
        assert!(!head.split(',').any(|c| c == "path"), "{path}: {head}");
    }
}

/// A path as a browser resolves it: `.` and `..` segments (also written
/// `%2e`) removed, as the URL standard says.
fn as_a_browser_would(href: &str) -> String {
    let (path, rest) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match seg.to_ascii_lowercase().as_str() {
            "." | "%2e" => {
                if last {
                    out.push("");
                }
            }
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            _ => out.push(seg),
        }
    }
    format!("/{}{rest}", out.join("/"))
}

/// Every `href` of a page.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|l| l.split('"').next().unwrap().replace("&amp;", "&"))
        .collect()
}

/// A server over `records`, record `i` saying "The zebra accord number i.".
fn zebra_server(records: impl Iterator<Item = Record>) -> (Sandbox, Server) {
    let s = Sandbox::new();
    let lines: Vec<String> = records
        .enumerate()
        .map(|(i, r)| r.text(&format!("The zebra accord number {i}.")).json_line())
        .collect();
    let run = s.run_with_stdin(&["ingest", "-"], &lines.join("\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&s, &[]);
    (s, server)
}

#[test]
fn statement_ids_of_any_shape_link_to_themselves() {
    let ids = [
        "x.json",
        "x",
        "..",
        ".",
        "a/b",
        "%",
        "50%25",
        "a?b#c",
        "台湾问题",
        "y.csv",
    ];
    let (_s, server) = zebra_server(ids.iter().map(|id| Record::new(id)));
    let search = server.get("/search?q=zebra&n=50").body;
    for (i, id) in ids.iter().enumerate() {
        let shown = format!("<code>{}</code>", id.replace('&', "&amp;"));
        // The hit's link, resolved as a browser would, shows the statement.
        let hit = search
            .split("<li class=\"hit\">")
            .find(|h| h.contains(&format!("number {i}.")))
            .unwrap_or_else(|| panic!("{id}: no hit"));
        let href = as_a_browser_would(&links(hit)[0]);
        let page = server.get(&href);
        assert_eq!(page.status, 200, "{id}: {href}");
        assert!(
            page.body.contains(&shown),
            "{id}: {href} shows another page"
        );
        // Its downloads are its own.
        let json = links(&page.body)
            .into_iter()
            .find(|l| l.ends_with(".json") || l.contains(".json?"))
            .unwrap();
        let doc: Document = server.get(&as_a_browser_would(&json)).json();
        assert_eq!(&doc.doc_id, id, "{json}");
        let csv = links(&page.body)
            .into_iter()
            .find(|l| l.contains(".csv"))
            .unwrap();
        let rows = server.get(&as_a_browser_would(&csv)).body;
        assert!(
            rows.lines()
                .nth(1)
                .unwrap()
                .contains(&format!("number {i}.")),
            "{csv}: {rows}"
        );
    }
    // Any id by query, too; a bad percent-encoding is a 400.
    let doc: Document = server.get("/statement.json?id=%2E%2E").json();
    assert_eq!(doc.doc_id, "..");
    assert_eq!(server.get("/statements/%E5%8F").status, 400);
}

#[test]
fn event_ids_of_any_shape_link_to_their_comparison() {
    let events = ["..", ".", "a/b", "x.json", "50%25", "台湾会谈"];
    let (_s, server) = zebra_server(
        events
            .iter()
            .enumerate()
            .map(|(i, event)| Record::new(&format!("s{i}")).event(event)),
    );
    for (i, event) in events.iter().enumerate() {
        let statement = server.get(&format!("/statements/s{i}")).body;
        let compare = links(&statement)
            .into_iter()
            .find(|l| l.contains("compare"))
            .unwrap_or_else(|| panic!("{event}: no compare link"));
        let page = server.get(&as_a_browser_would(&compare));
        assert_eq!(page.status, 200, "{event}: {compare}");
        assert!(
            page.body.contains(&format!("s{i}")),
            "{event}: {compare} compares another event"
        );
        // Its downloads are its own event's.
        let json = links(&page.body)
            .into_iter()
            .find(|l| l.contains(".json?"))
            .unwrap();
        let matrix: serde_json::Value = server.get(&as_a_browser_would(&json)).json();
        assert_eq!(matrix["event"], *event, "{json}");
        let csv = links(&page.body)
            .into_iter()
            .find(|l| l.contains(".csv"))
            .unwrap();
        assert_eq!(server.get(&as_a_browser_would(&csv)).status, 200, "{csv}");
    }
    assert_eq!(server.get("/compare").status, 400, "no event named");
}

/// A statement of `n` short paragraphs under a Chinese title of `chars`
/// characters (2,000 is the longest the caps accept).
fn long_statement(n: usize, chars: usize) -> Record {
    let title: String = "中美两国元首通电话讨论台湾问题和经贸关系"
        .repeat(100)
        .chars()
        .take(chars)
        .collect();
    let paragraphs: Vec<String> = (1..=n).map(|i| format!("第{i}段。")).collect();
    Record::new("long")
        .lang("zh")
        .title(&title)
        .text(&paragraphs.join("\n\n"))
}

#[test]
fn a_long_statement_is_shown_a_page_at_a_time_and_downloaded_whole() {
    let s = Sandbox::new();
    let run = s.run_with_stdin(
        &["ingest", "-", "--quiet"],
        &long_statement(1_200, 20).json_line(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&s, &[]);
    let first = server.get("/statements/long").body;
    assert!(first.contains("id=\"p500\"") && !first.contains("id=\"p501\""));
    assert!(
        first.contains("Paragraphs 1–500 of 1200 (page 1 of 3)"),
        "{first}"
    );
    assert!(first.contains("href=\"/statements/long?page=2\""));
    let last = server.get("/statements/long?page=3").body;
    assert!(last.contains("id=\"p1200\"") && !last.contains("id=\"p1000\""));
    assert_eq!(server.get("/statements/long?page=4").status, 400);
    assert_eq!(server.get("/statements/long?page=0").status, 400);
    // A hit links to the page of its paragraph.
    let hits = server.get(&format!("/search?q={}", enc("第777段"))).body;
    assert!(hits.contains("/statements/long?page=2#p777"), "{hits}");
    // The downloads hold every paragraph.
    let doc: Document = server.get("/statements/long.json").json();
    let cli: Vec<Document> = s.run(&["show", "long", "--json"]).lines();
    assert_eq!(doc.passages, cli[0].passages);
    assert_eq!(doc.passages.len(), 1_200);
    let rows = server.get("/statements/long.jsonl").body;
    assert_eq!(rows.lines().count(), 1_200);
}

/// Peak resident memory of a process, from `/proc/PID/status`.
fn peak_of(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

#[test]
#[ignore = "long run (ingest of 20,000 paragraphs under a 2,000-character Chinese title): cargo test --release --test readouts serve_limits -- --ignored --nocapture"]
fn eight_parallel_pages_of_the_longest_statement_stay_far_under_a_gibibyte() {
    let s = Sandbox::new();
    let run = s.run_with_stdin(
        &["ingest", "-", "--quiet"],
        &long_statement(20_000, 2_000).json_line(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&s, &["--max-concurrent", "8"]);
    for path in ["/statements/long", "/statements/long.json"] {
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let base = server.base.clone();
                std::thread::spawn(move || crate::http::get(&base, path).status)
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), 200);
        }
        let peak = peak_of(server.child.id());
        eprintln!("memory: 8 × {path}: server peak {} MB", peak >> 20);
        assert!(peak < 256 << 20, "8 × {path}: {} MB", peak >> 20);
    }
}
