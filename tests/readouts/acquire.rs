//! `readouts add` and `readouts update` against a server on loopback.

use crate::server::Server;
use crate::util::Sandbox;

const FAST: [&str; 4] = ["--delay", "0", "--timeout", "1"];

fn add(s: &Sandbox, args: &[&str]) -> crate::util::Run {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    all.extend_from_slice(&FAST);
    s.run(&all)
}

#[test]
fn add_writes_a_draft_to_review_then_yes_ingests_it() {
    let server = Server::start();
    let s = Sandbox::new();
    let url = server.url("/mfa");
    let run = add(&s, &[&url, "--out", "drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = s
        .path("drafts")
        .join("prc-mfa-2025-11-24-foreign-ministry-spokesperson-mao-nings-regular.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("kind = \"press-conference\"  # inferred: the URL contains \"/lxjzh/\""),
        "{text}"
    );
    assert!(
        text.contains("\n\nMao Ning: We noted the reports."),
        "{text}"
    );
    assert!(!s.index().exists(), "a draft for review is not ingested");
    assert!(
        s.path("pages").is_dir(),
        "the raw page is cached beside the index"
    );
    let run = add(&s, &[&url, "--yes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.hits("/mfa"), 2);
    let shown = s.run(&[
        "show",
        "prc-mfa-2025-11-24-foreign-ministry-spokesperson-mao-nings-regular",
    ]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown.stdout.contains("We noted the reports"),
        "{}",
        shown.stdout
    );
    // Offline: the cached page, no request.
    let run = add(&s, &[&url, "--offline", "--out", "again"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.hits("/mfa"), 2);
}

#[test]
fn failures_are_named_and_nothing_reaches_the_index() {
    let server = Server::start();
    let s = Sandbox::new();
    for (path, reason) in [
        ("/missing", "HTTP 404 Not Found"),
        ("/slow", "timed out after 1 s"),
        ("/loop", "redirect loop"),
        ("/big", "over the 20 MB cap; refused"),
        ("/private/page", "robots.txt disallows /private/page"),
    ] {
        let url = server.url(path);
        let run = add(&s, &[&url, "--yes", "--retries", "0"]);
        assert_eq!(run.code, 2, "{path}: {}", run.stderr);
        assert!(
            run.stderr.contains(&url) && run.stderr.contains(reason),
            "{path}: {}",
            run.stderr
        );
        assert!(
            !s.index().exists(),
            "{path}: nothing half-written reaches the index"
        );
    }
    // One good page among bad ones: the good one is ingested, the exit says 2.
    let good = server.url("/kremlin");
    let bad = server.url("/missing");
    let run = add(&s, &[&bad, &good, "--yes", "--retries", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        s.run(&[
            "show",
            "kremlin-2025-11-24-telephone-conversation-with-president-of-the"
        ])
        .code,
        0
    );
}

#[test]
fn a_gbk_page_is_decoded_by_its_meta_charset() {
    let server = Server::start();
    let s = Sandbox::new();
    let run = add(&s, &[&server.url("/gbk"), "--out", "drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entry = std::fs::read_dir(s.path("drafts"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let text = std::fs::read_to_string(entry.path()).unwrap();
    assert!(
        text.contains("title = \"习近平同美国总统特朗普通电话\""),
        "{text}"
    );
    assert!(
        text.contains("特朗普表示，美方理解有关问题对中方的重要性。"),
        "{text}"
    );
}

#[test]
fn a_generic_page_without_a_country_is_refused_with_yes() {
    let s = Sandbox::new();
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/pages/generic-article.html"
    );
    let run = add(&s, &[page, "--yes"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no country"), "{}", run.stderr);
    assert!(!s.index().exists());
}

#[test]
fn update_reads_new_items_once() {
    let server = Server::start();
    let s = Sandbox::new();
    std::fs::write(
        s.path("sources.toml"),
        format!(
            "[[source]]\nname = \"test\"\nfeed = \"{}\"\n",
            server.url("/feed.xml")
        ),
    )
    .unwrap();
    let mut args = vec!["update"];
    args.extend_from_slice(&FAST);
    let run = s.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("update: 1 source: 2 new items (2 added"),
        "{}",
        run.stderr
    );
    assert!(s.path("index.update-state.json").is_file());
    let run = s.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("nothing new"), "{}", run.stderr);
    assert_eq!(
        server.hits("/kremlin"),
        1,
        "a seen item is not fetched again"
    );
    args.push("--quiet");
    let run = s.run(&args);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

#[test]
fn update_without_sources_says_where_they_go() {
    let s = Sandbox::new();
    let run = s.run(&["update"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no sources file at") && run.stderr.contains("sources.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_of_saved_pages_gives_one_draft_each_and_one_summary() {
    let s = Sandbox::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages/real");
    let run = add(&s, &[dir, "--out", "drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "html")
        })
        .count();
    let drafts = std::fs::read_dir(s.path("drafts")).unwrap().count();
    assert_eq!(drafts, pages);
    assert!(
        run.stderr
            .contains(&format!("{pages} statements written, 0 pages refused")),
        "{}",
        run.stderr
    );
    // --json names what read each page.
    let run = add(&s, &[dir, "--out", "drafts2", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<serde_json::Value> = run.lines();
    assert_eq!(lines.len(), pages);
    let reading = |file: &str| {
        lines
            .iter()
            .find(|l| l["page"].as_str().unwrap().ends_with(file))
            .map(|l| l["reading"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(
        reading("whitehouse-obama-2016-weekly-address.html"),
        "whitehouse / 2009-2017 drupal"
    );
    assert_eq!(
        reading("xinhua-zh-2020-p-detail.html"),
        "xinhua-zh / 2016-2020 (#p-detail)"
    );
    assert_eq!(
        reading("prc-mfa-zh-2020-interview.html"),
        "prc-mfa-zh / 2016-2020 (#News_Body_Txt_A)"
    );
    assert_eq!(
        reading("whitehouse-biden-2023-remarks.html"),
        "whitehouse / 2021-2025 wordpress (.body-content)"
    );
    assert_eq!(
        reading("xinhua-zh-2012-wayback-hebei.html"),
        "xinhua-zh / generic (no layout matched)"
    );
    assert!(lines
        .iter()
        .all(|l| l["written"].is_string() && l["refused"].is_null()));
}

#[test]
fn a_refusal_names_where_the_date_was_looked_for_and_url_gives_it() {
    let s = Sandbox::new();
    let page = s.path("saved.html");
    let text =
        "The two sides discussed the situation in the region and agreed to stay in close contact. ";
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Talks with the minister</title>\
             <meta property=\"og:site_name\" content=\"Example Ministry\"></head>\
             <body><h1>Talks with the minister</h1><div><p>{}</p><p>{}</p></div></body></html>",
            text.repeat(3),
            text.repeat(2)
        ),
    )
    .unwrap();
    let file = page.display().to_string();
    let run = add(&s, &[&file, "--yes"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "no date: looked in <meta PubDate>, <meta article:published_time> and the other date metas, the address, <time>, the text near the title"
        ),
        "{}",
        run.stderr
    );
    // The address it was saved from gives the date (and the host the country).
    let run = add(
        &s,
        &[
            "--url",
            "https://www.example.gov/news/2020/02/19/talks/",
            &file,
            "--out",
            "drafts",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = std::fs::read_dir(s.path("drafts"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(draft).unwrap();
    assert!(
        text.contains("date = \"2020-02-19\"  # inferred: the date in the address"),
        "{text}"
    );
    assert!(text.contains("country = \"US\""), "{text}");
    // --url is for one saved page.
    let run = add(
        &s,
        &[
            "--url",
            "https://example.gov/a",
            &file,
            &file,
            "--out",
            "d2",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn two_pages_of_one_title_and_no_date_get_two_drafts_and_a_rerun_writes_none() {
    let s = Sandbox::new();
    let mut files = Vec::new();
    for n in ["one", "two"] {
        let page = s.path(&format!("{n}.html"));
        let text =
            format!("The two sides discussed matter {n} and agreed to stay in close contact. ");
        std::fs::write(
            &page,
            format!(
                "<html lang=en><head><title>Joint Statement on Cooperation</title></head>\
                 <body><h1>Joint Statement on Cooperation</h1><div><p>{}</p><p>{}</p></div></body></html>",
                text.repeat(3),
                text.repeat(2)
            ),
        )
        .unwrap();
        files.push(page.display().to_string());
    }
    let run = add(&s, &[&files[0], &files[1], "--out", "drafts", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<serde_json::Value> = run.lines();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "page-joint-statement-on-cooperation");
    assert!(
        ids[1].starts_with("page-joint-statement-on-cooperation-") && ids[1] != ids[0],
        "{ids:?}"
    );
    assert!(lines.iter().all(|l| l["written"].is_string()), "{lines:?}");
    let second = std::fs::read_to_string(s.path(lines[1]["written"].as_str().unwrap())).unwrap();
    assert!(second.contains("names another page's draft"), "{second}");
    // The same pages again: nothing is written twice.
    let run = add(&s, &[&files[0], &files[1], "--out", "drafts", "--json"]);
    let lines: Vec<serde_json::Value> = run.lines();
    assert!(lines.iter().all(|l| l["written"].is_null()), "{lines:?}");
    assert_eq!(std::fs::read_dir(s.path("drafts")).unwrap().count(), 2);
}
