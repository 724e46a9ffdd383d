//! The web UI in real headless Chromium: type a query, press a facet, choose
//! a date range, open a statement and its parallel view, export CSV, the
//! URL round trip, the keyboard, and no console errors on any page.
//!
//! Needs `chromium` and `chromium-driver` (Debian); `.ci/run` installs them.
//! Without them the test fails under `CI=true` and is skipped elsewhere.
//! With `READOUTS_SCREENSHOTS=DIR` it saves one PNG per page into DIR (the
//! ones in `docs/` were made so; most by `widths.rs`, at two widths).

use std::path::PathBuf;

use crate::http::{get, Server};
use crate::util::{json_lines, Record, Sandbox};
use crate::webdriver::{binaries, Browser};

pub fn shot(browser: &Browser, name: &str) {
    if let Some(dir) = std::env::var_os("READOUTS_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), browser.screenshot()).unwrap();
    }
}

pub fn no_console_errors(browser: &Browser, page: &str) {
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "{page}: console errors: {errors:?}");
}

pub fn browser_or_skip(s: &Sandbox, width: u32, height: u32) -> Option<Browser> {
    let Some((chromium, driver)) = binaries() else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true and no chromium/chromedriver: install chromium and chromium-driver"
        );
        eprintln!(
            "skipped: no chromium or chromedriver (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    Some(Browser::start(
        &chromium,
        &driver,
        &s.path("profile"),
        width,
        height,
    ))
}

#[test]
fn search_facet_dates_statement_parallel_and_export_in_chromium() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let server = Server::start(&s, &[]);
    let Some(b) = browser_or_skip(&s, 1280, 1000) else {
        return;
    };
    let base = &server.base;
    b.goto(&format!("{base}/"));
    b.wait_for_url(|u| u.starts_with(base.as_str()));
    // The keyboard: "/" focuses the query box. On a loaded machine the first
    // key can reach the page before its script has run: try a few times.
    let mut focused = String::new();
    for _ in 0..20 {
        b.keys("/");
        focused = b.script("return document.activeElement.id").to_string();
        if focused.contains('q') {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    assert_eq!(
        b.script("return document.activeElement.id"),
        "q",
        "{focused}"
    );
    let q = b.find("#q");
    b.type_into(&q, "taiwan\u{E007}");
    b.wait_for_url(|u| u.contains("q=taiwan"));
    assert!(
        b.text(&b.find("#total")).starts_with("7 passages"),
        "{}",
        b.text(&b.find("#total"))
    );
    no_console_errors(&b, "search");

    // A facet.
    b.click(&b.find("section.facet[data-field=lang] a[href*='lang=zh']"));
    b.wait_for_url(|u| u.contains("lang=zh"));
    assert!(b.text(&b.find("#total")).starts_with("2 passages"));
    b.click(&b.find("section.facet[data-field=lang] li.chosen a"));
    b.wait_for_url(|u| !u.contains("lang=zh"));

    // A date range.
    let since = b.find("#since");
    b.clear(&since);
    b.type_into(&since, "2025-11");
    let until = b.find("#until");
    b.clear(&until);
    b.type_into(&until, "2025-11");
    b.click(&b.find("form.dates button"));
    let url = b.wait_for_url(|u| u.contains("since="));
    assert!(
        url.contains("since=2025-11") && url.contains("until=2025-11") && url.contains("q=taiwan"),
        "{url}"
    );
    let total = b.text(&b.find("#total"));
    assert!(
        total.starts_with("7 passages") && total.contains("since 2025-11-01"),
        "{total}"
    );

    // The URL holds the state: the same URL in a fresh load shows the same page.
    b.goto(&format!("{base}/"));
    b.goto(&url);
    assert_eq!(b.text(&b.find("#total")), total);
    assert_eq!(b.property(&b.find("#q"), "value"), "taiwan");

    // Keyword in context.
    b.click(&b.find("#kwic-link"));
    b.wait_for_url(|u| u.contains("view=kwic"));
    assert!(b.count("table.kwic tbody tr") > 0);
    no_console_errors(&b, "kwic");

    // Export CSV: the link the page offers gives every hit.
    let href = b.property(&b.find(".downloads a[href*='search.csv']"), "href");
    let path = href.trim_start_matches(base.as_str());
    let csv = get(base, path);
    assert_eq!(csv.status, 200);
    assert_eq!(
        csv::Reader::from_reader(csv.body.as_bytes())
            .records()
            .count(),
        7
    );

    // A statement and its parallel view.
    b.goto(&format!("{base}/search?q=%E5%8F%B0%E6%B9%BE&lang=zh"));
    b.click(&b.find(".hit a.title"));
    assert!(
        b.url()
            .contains("/statements/xinhua-2025-11-24-xi-trump-call-zh"),
        "{}",
        b.url()
    );
    assert!(b.count("ol.passages li") > 1);
    no_console_errors(&b, "statement");
    b.click(&b.find("#parallel-link"));
    b.wait_for_url(|u| u.contains("/parallel"));
    assert!(b.count("table.parallel tbody tr") > 1);
    shot(&b, "parallel");
    no_console_errors(&b, "parallel");

    // Compare and timeline.
    b.goto(&format!(
        "{base}/events/2025-11-24-xi-trump-call/compare?terms=taiwan,soybeans,fentanyl,ukraine"
    ));
    assert!(b.count("table.matrix td.zero") > 0);
    no_console_errors(&b, "compare");
    b.goto(&format!("{base}/timeline?q=taiwan+OR+ukraine&per=month"));
    assert_eq!(b.count("figure.chart svg"), 1);
    b.click(&b.find("#rate-link"));
    b.wait_for_url(|u| u.contains("rate=1"));
    no_console_errors(&b, "timeline");
}

#[test]
fn shift_clicking_two_histogram_bars_chooses_a_range() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let extra: Vec<Record> = [("early", "2025-09-10"), ("late", "2026-01-05")]
        .into_iter()
        .map(|(id, date)| Record::new(id).date(date).text("Taiwan again."))
        .collect();
    let run = s.run_with_stdin(&["ingest", "-"], &json_lines(&extra));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&s, &[]);
    let Some(b) = browser_or_skip(&s, 1280, 900) else {
        return;
    };
    b.goto(&format!("{}/search?q=taiwan", server.base));
    assert_eq!(
        b.count("#histogram a[data-period]"),
        5,
        "2025-09 to 2026-01"
    );
    b.shift_click(&b.find("#histogram a[data-period='2025-09'] rect.hitbox"));
    b.shift_click(&b.find("#histogram a[data-period='2025-11'] rect.hitbox"));
    let url = b.wait_for_url(|u| u.contains("since="));
    assert!(
        url.contains("since=2025-09") && url.contains("until=2025-11"),
        "{url}"
    );
    assert!(
        b.text(&b.find("#total")).starts_with("8 passages"),
        "{}",
        b.text(&b.find("#total"))
    );
    // A plain click chooses one period.
    b.click(&b.find("#histogram a[data-period='2026-01'] rect.hitbox"));
    let url = b.wait_for_url(|u| u.contains("since=2026-01"));
    assert!(url.contains("until=2026-01"), "{url}");
    no_console_errors(&b, "histogram");
}

#[test]
fn the_search_page_is_readable_on_a_phone() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let server = Server::start(&s, &[]);
    let Some(b) = browser_or_skip(&s, 390, 844) else {
        return;
    };
    b.goto(&format!("{}/search?q=taiwan", server.base));
    let overflow = b.script("return document.documentElement.scrollWidth - window.innerWidth");
    assert!(
        overflow.as_i64().unwrap_or(0) <= 0,
        "the page scrolls sideways: {overflow}"
    );
    no_console_errors(&b, "search on a phone");
}
