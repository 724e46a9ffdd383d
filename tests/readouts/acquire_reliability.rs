//! `add` and `update` under the reliability sweep (issue 19): colliding
//! ids, killed runs, hostile pages, robots.txt behind redirects, other hosts,
//! links that are not http. Every server is on 127.0.0.1.

use std::path::Path;

use crate::server::Server;
use crate::util::*;

const FAST: [&str; 6] = ["--delay", "0", "--timeout", "5", "--retries", "0"];

/// The hook of `write_atomic` for statement files (src/acquire/fetch/cache.rs).
const PAUSE_BEFORE_RENAME: &str = "READOUTS_TEST_PAUSE_BEFORE_RENAME";

fn with_fast<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend_from_slice(&FAST);
    all
}

/// `sources.toml` with one source `name` reading `server`'s `path` as a
/// `feed` (or `listing`), with any further `extra` lines.
fn write_source(s: &Sandbox, server: &Server, name: &str, key: &str, path: &str, extra: &str) {
    let body = format!(
        "[[source]]\nname = \"{name}\"\n{key} = \"{}\"\n{extra}",
        server.url(path)
    );
    std::fs::write(s.path("sources.toml"), body).unwrap();
}

fn statement_count(s: &Sandbox) -> u64 {
    let run = s.run(&["stats", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    stats["documents"].as_u64().unwrap()
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// Item 1: three readouts whose titles share their first six words, on one
/// day, were one statement ("1 added, 0 updated, 2 unchanged").
#[test]
fn three_calls_on_one_day_whose_ids_collide_stay_three_statements() {
    let server = Server::start();
    let s = Sandbox::new();
    write_source(&s, &server, "wh", "feed", "/biden-feed.xml", "");
    let run = s.run(&with_fast(&["update"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("3 new items (3 added, 0 updated, 0 unchanged)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the id whitehouse-2022-05-10-readout-of-president-joseph-r-biden already names another page"),
        "{}",
        run.stderr
    );
    assert_eq!(statement_count(&s), 3);
    // `add --yes` of the same pages: each finds its own file again.
    let pages: Vec<String> = (1..=3).map(|n| server.url(&format!("/wh/{n}"))).collect();
    let mut args = vec!["add", "--yes"];
    args.extend(pages.iter().map(String::as_str));
    let run = s.run(&with_fast(&args));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("3 unchanged"), "{}", run.stderr);
    assert!(!run.stderr.contains("already names"), "{}", run.stderr);
    assert_eq!(statement_count(&s), 3);
    assert_eq!(std::fs::read_dir(s.path("statements")).unwrap().count(), 3);
}

/// Item 7: a run killed between writing a statement's temporary file and
/// renaming it left `.NAME.PID.tmp` in `statements/` for good.
#[test]
fn a_killed_add_or_update_leaves_no_temporary_file_after_the_next_run() {
    let server = Server::start();
    let url = server.url("/kremlin");
    for command in ["add", "update"] {
        let s = Sandbox::new();
        write_source(&s, &server, "k", "feed", "/feed.xml", "");
        let args: Vec<&str> = match command {
            "add" => with_fast(&["add", &url, "--yes"]),
            _ => with_fast(&["update"]),
        };
        let pause = s.path("pause");
        let mut child = s
            .cmd()
            .args(&args)
            .env(PAUSE_BEFORE_RENAME, &pause)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        wait_for_pause(&mut child, &pause);
        child.kill().unwrap();
        child.wait().unwrap();
        let statements = s.path("statements");
        assert_eq!(
            temp_files(&statements).len(),
            1,
            "{command}: the kill left a temporary file"
        );
        std::fs::remove_file(&pause).unwrap();
        let run = s.run(&args);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert_eq!(temp_files(&statements), Vec::<String>::new(), "{command}");
        let shown = s.run(&[
            "show",
            "kremlin-2025-11-24-telephone-conversation-with-president-of-the",
        ]);
        assert_eq!(shown.code, 0, "{command}: {}", shown.stderr);
    }
}

/// Item 10: 10⁵ nested `<div>` (1.1 MB) took 253 s to parse, with the
/// writer lock held; now refused before parsing, located.
#[test]
fn a_deeply_nested_page_is_refused_unparsed_with_its_line() {
    let server = Server::start();
    let s = Sandbox::new();
    let url = server.url("/deep");
    let run = s.run(&with_fast(&["add", &url, "--yes"]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&url)
            && run
                .stderr
                .contains("line 4: elements nested more than 256 deep; refused unparsed"),
        "{}",
        run.stderr
    );
    assert!(!s.index().exists(), "nothing reached the index");
}

/// Item 10: `update` took the writer lock before fetching and reading its
/// pages, so a slow page locked every other writer out meanwhile.
#[test]
fn update_reads_its_pages_before_it_takes_the_writer_lock() {
    let server = Server::start();
    let s = Sandbox::new();
    write_source(&s, &server, "k", "feed", "/feed.xml", "");
    // An index already there: the lock is then taken once, by the run.
    s.ingest_fixtures();
    let pause = s.path("locked");
    let mut child = s
        .cmd()
        .args(with_fast(&["update"]))
        .env(PAUSE_AFTER_LOCK, &pause)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for_pause(&mut child, &pause);
    let fetched = (server.hits("/kremlin"), server.hits("/xinhua-en"));
    std::fs::remove_file(&pause).unwrap();
    assert_eq!(fetched, (1, 1), "both items were read before the lock");
    assert!(child.wait().unwrap().success());
}

/// Item 16: a robots.txt behind redirects was read as "allow all".
#[test]
fn robots_txt_is_followed_through_five_redirects() {
    let server = Server::with_robots_redirects(5);
    let s = Sandbox::new();
    let run = s.run(&with_fast(&["add", &server.url("/kremlin"), "--yes"]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("robots.txt disallows /kremlin for readouts"),
        "{}",
        run.stderr
    );
    assert_eq!(server.hits("/kremlin"), 0);
    assert_eq!(server.hits("/robots/5"), 1);
    let run = s.run(&with_fast(&["add", &server.url("/mfa"), "--out", "drafts"]));
    assert_eq!(run.code, 0, "allowed by the rules it found: {}", run.stderr);
    // More than five: unreachable, so nothing is fetched (and it says why).
    let server = Server::with_robots_redirects(6);
    let run = s.run(&with_fast(&[
        "add",
        &server.url("/mfa"),
        "--out",
        "drafts2",
    ]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("robots.txt redirects more than 5 times, so nothing there is fetched"),
        "{}",
        run.stderr
    );
    assert_eq!(server.hits("/mfa"), 0);
}

/// Item 17: a redirect to another host (here `localhost`, the same server)
/// was followed.
#[test]
fn a_redirect_to_another_host_is_refused_and_named() {
    let server = Server::start();
    let s = Sandbox::new();
    let run = s.run(&with_fast(&["add", &server.url("/offsite"), "--yes"]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("redirected to http://localhost:")
            && run.stderr.contains(
                "\"localhost\" is not one of this source's hosts (127.0.0.1); not fetched"
            ),
        "{}",
        run.stderr
    );
    assert_eq!(server.hits("/kremlin"), 0);
    assert!(!s.index().exists());
}

/// Items 17 and 20: a listing's links to other hosts were fetched, and one
/// link that is not http made every `update` exit 2.
#[test]
fn a_listings_links_elsewhere_or_not_http_are_skipped_and_said() {
    let server = Server::start();
    let s = Sandbox::new();
    write_source(
        &s,
        &server,
        "list",
        "listing",
        "/listing",
        "links = \"a\"\n",
    );
    for round in 0..2 {
        let run = s.run(&with_fast(&["update"]));
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        for link in [
            "skipped link mailto:press@example.org: mailto: only http and https pages are fetched",
            "skipped link javascript:void(0)",
            "skipped link http://localhost:",
            "skipped link http://127.0.0.2:",
        ] {
            assert!(
                run.stderr.contains(link),
                "round {round}: {link}: {}",
                run.stderr
            );
        }
        let summary = if round == 0 {
            "1 new item (1 added, 0 updated, 0 unchanged); 4 links skipped; 0 failed"
        } else {
            "nothing new; 4 links skipped; 0 failed"
        };
        assert!(
            run.stderr.contains(summary),
            "round {round}: {}",
            run.stderr
        );
    }
    assert_eq!((server.hits("/xinhua-en"), server.hits("/mfa")), (0, 0));
    assert_eq!(server.hits("/kremlin"), 1);
}

/// Item 13: 20 MB of `x<br>` took 1.45 GB in `add`; refused at the element
/// cap now, the peak stays far under 1 GiB.
#[test]
fn twenty_megabytes_of_breaks_are_refused_under_one_gib() {
    let s = Sandbox::new();
    let page = s.path("breaks.html");
    std::fs::write(&page, "x<br>".repeat(4_000_000)).unwrap();
    let mut cmd = s.cmd();
    cmd.args(["add", page.to_str().unwrap(), "--out", "drafts"]);
    let (run, peak) = crate::memory::run_measured(&s, cmd, None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("more than 100000 elements; refused unparsed"),
        "{}",
        run.stderr
    );
    assert!(peak < 1 << 30, "peak {peak} bytes");
}

/// Item 13, the long run: a 20 MB page at the caps (99,990 paragraphs of
/// 200 characters) is read under 1 GiB
/// (`cargo test --release --test readouts acquire_reliability -- --ignored`).
#[test]
#[ignore]
fn a_page_at_the_caps_is_read_under_one_gib() {
    let s = Sandbox::new();
    let page = s.path("at-caps.html");
    let body: String = (0..99_990)
        .map(|i| format!("<p>{}</p>\n", format!("word{i:05} ").repeat(20)))
        .collect();
    std::fs::write(
        &page,
        format!("<html><body><h1>At the caps</h1><div>{body}</div></body></html>"),
    )
    .unwrap();
    let mut cmd = s.cmd();
    cmd.args([
        "add",
        page.to_str().unwrap(),
        "--out",
        "drafts",
        "--timeout",
        "3000",
    ]);
    let (run, peak) = crate::memory::run_measured(&s, cmd, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(peak < 1 << 30, "peak {peak} bytes");
    eprintln!("peak at the caps: {} MB", peak >> 20);
}
