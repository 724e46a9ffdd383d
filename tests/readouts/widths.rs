//! The web UI at a laptop's width (1280 px) and a phone's (390 px) in
//! headless Chromium: no element wider than the window, no text clipped
//! without its whole in a tooltip, Chinese text wrapped, facet labels that
//! stay apart, the histogram's axis. With `READOUTS_SCREENSHOTS=docs` it
//! remakes the screenshots in `docs/` (`NAME.png` at 1280 px,
//! `NAME-phone.png` at 390 px).
//!
//! The index: the seed statements (with Xinhua's Chinese readout, whose
//! paragraphs run to 200 characters without a space) and two real White House
//! records whose publishers differ only in their parenthesised host
//! (`fixtures/web/`, see its README).

use serde_json::Value;

use crate::browser::{browser_or_skip, no_console_errors, shot};
use crate::http::Server;
use crate::util::Sandbox;
use crate::webdriver::Browser;

const TWO_HOSTS: &str = include_str!("../../fixtures/web/whitehouse-two-hosts.raw");

/// Every element that sticks out of the window (outside a scrolling box,
/// which may be wider and scrolls), every box that hides part of its text
/// without the whole in a `title` on it or around it, and a page that
/// scrolls sideways.
const OVERFLOW: &str = r#"
const vw = document.documentElement.clientWidth;
const bad = [];
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
const scrolls = el => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX;
    if (o === 'auto' || o === 'scroll') return true;
  }
  return false;
};
if (document.documentElement.scrollWidth > vw)
  bad.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
const widest = [...document.body.querySelectorAll('*')].filter(e => !scrolls(e)).sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
if (document.documentElement.scrollWidth > vw && widest)
  bad.push('the rightmost element: ' + name(widest) + ' at ' + widest.getBoundingClientRect().right);
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1 || r.right <= 0) continue;
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  if (!scrolls(el) && r.right > vw + 0.5)
    bad.push(name(el) + ' reaches ' + Math.round(r.right) + ' px of ' + vw + ': ' + el.textContent.trim().slice(0, 40));
  const o = getComputedStyle(el).overflowX;
  if ((o === 'hidden' || o === 'clip') && el.scrollWidth > el.clientWidth + 1) {
    const t = el.closest('[title]');
    const text = el.textContent.trim();
    if (!t || !t.getAttribute('title').includes(text))
      bad.push(name(el) + ' clips its text without a tooltip: ' + text.slice(0, 40));
  }
}
return bad;
"#;

fn overflow(b: &Browser, page: &str) {
    let bad = b.script(OVERFLOW);
    let bad: Vec<&str> = bad
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(bad.is_empty(), "{page}: {bad:#?}");
}

fn index() -> Sandbox {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], TWO_HOSTS);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

/// The pages, each checked and shot at one width.
fn every_page(b: &Browser, base: &str, suffix: &str) {
    let pages = [
        ("search", "/search?q=taiwan"),
        ("kwic", "/search?q=taiwan&view=kwic"),
        ("kwic-zh", "/search?q=%E5%8F%B0%E6%B9%BE&lang=zh&view=kwic"),
        (
            "statement",
            "/statements/xinhua-2025-11-24-xi-trump-call-zh",
        ),
        (
            "compare",
            "/events/2025-11-24-xi-trump-call/compare?terms=taiwan,soybeans,fentanyl,ukraine",
        ),
        ("timeline", "/timeline?q=taiwan+OR+ukraine&per=month"),
        ("collocates", "/collocates?q=taiwan"),
    ];
    for (name, path) in pages {
        b.goto(&format!("{base}{path}"));
        let page = format!("{name}{suffix}");
        shot(b, &page);
        overflow(b, &page);
        no_console_errors(b, &page);
    }
}

#[test]
fn every_page_fits_a_laptop_and_a_phone() {
    let s = index();
    let server = Server::start(&s, &[]);
    for (width, height, suffix) in [(1280, 900, ""), (390, 844, "-phone")] {
        let Some(b) = browser_or_skip(&s, width, height) else {
            return;
        };
        b.goto(&format!("{}/", server.base));
        let inner = b.script("return window.innerWidth");
        assert_eq!(inner.as_i64(), Some(width as i64), "the window's width");
        every_page(&b, &server.base, suffix);
    }
}

#[test]
fn chinese_hits_wrap_on_a_phone() {
    let s = index();
    let server = Server::start(&s, &[]);
    let Some(b) = browser_or_skip(&s, 390, 844) else {
        return;
    };
    b.goto(&format!(
        "{}/search?q=%E5%8F%B0%E6%B9%BE&lang=zh",
        server.base
    ));
    shot(&b, "search-zh-phone");
    overflow(&b, "Chinese hits");
    // The long Chinese passage is on several lines, each inside the window.
    let lines = b.script(
        "const q = [...document.querySelectorAll('blockquote.snippet[lang=zh]')];
         return q.map(e => [e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight), e.getBoundingClientRect().right]);",
    );
    let lines = lines.as_array().expect("snippets");
    assert!(!lines.is_empty(), "no Chinese snippet");
    let most = lines
        .iter()
        .map(|l| l[0].as_f64().unwrap())
        .fold(0.0, f64::max);
    assert!(
        most >= 3.0,
        "the longest Chinese snippet is on {most} lines"
    );
    for l in lines {
        assert!(l[1].as_f64().unwrap() <= 390.0, "{l}");
    }
}

#[test]
fn facet_labels_stay_apart_with_the_whole_name_in_a_tooltip() {
    let s = index();
    let server = Server::start(&s, &[]);
    for width in [1280, 390] {
        let Some(b) = browser_or_skip(&s, width, 900) else {
            return;
        };
        b.goto(&format!("{}/search?q=taiwan", server.base));
        let got = b.script(
            "return [...document.querySelectorAll('section.facet[data-field=publisher] a')]
               .filter(a => a.title.startsWith('The White House ('))
               .map(a => { const v = a.querySelector('.value');
                           return [a.title, v.innerText, v.scrollWidth <= v.clientWidth + 1, v.getBoundingClientRect().height]; });",
        );
        let got = got.as_array().unwrap();
        let titles: Vec<&str> = got.iter().map(|g| g[0].as_str().unwrap()).collect();
        assert_eq!(
            {
                let mut t = titles.clone();
                t.sort();
                t
            },
            [
                "The White House (bidenwhitehouse.archives.gov)",
                "The White House (www.whitehouse.gov)"
            ],
            "{width} px"
        );
        let shown: Vec<&str> = got.iter().map(|g| g[1].as_str().unwrap()).collect();
        assert_ne!(shown[0], shown[1], "{width} px: {shown:?}");
        for (g, title) in got.iter().zip(&titles) {
            let label = g[1].as_str().unwrap();
            let host = title.trim_start_matches("The White House (");
            let seen = label.trim_start_matches("The White House (");
            let seen = seen.split('…').next().unwrap();
            assert!(
                label.starts_with("The White House (") && seen.len() >= 4 && host.starts_with(seen),
                "{width} px: {label:?} shows too little of {title:?}"
            );
            assert_eq!(g[2], true, "{width} px: {label:?} is clipped");
        }
        overflow(&b, &format!("search at {width} px"));
    }
}

#[test]
fn the_histogram_has_an_axis_with_values_and_periods() {
    let s = index();
    let server = Server::start(&s, &[]);
    let Some(b) = browser_or_skip(&s, 1280, 900) else {
        return;
    };
    b.goto(&format!("{}/search?q=taiwan", server.base));
    let texts = |css: &str| -> Vec<String> {
        let v = b.script(&format!(
            "return [...document.querySelectorAll('{css}')].map(t => t.textContent)"
        ));
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    let values = texts("#histogram .axis text.value");
    let periods = texts("#histogram .axis text.period");
    let bars = texts("#histogram a[data-period] title");
    // The highest bar's count is the top of the scale, 0 its foot.
    let highest = bars
        .iter()
        .filter_map(|t| t.split(": ").nth(1)?.split(' ').next()?.parse::<u64>().ok())
        .max()
        .unwrap();
    assert_eq!(values.first().map(String::as_str), Some("0"), "{values:?}");
    assert_eq!(values.last(), Some(&highest.to_string()), "{values:?}");
    // Years 2022 to 2025: one bar a year, each labelled.
    assert_eq!(periods, ["2022", "2023", "2024", "2025"], "{bars:?}");
    // The labels do not overlap one another.
    let overlaps = b.script(
        "const r = [...document.querySelectorAll('#histogram .axis text.period')].map(t => t.getBoundingClientRect());
         return r.some((a, i) => i > 0 && a.left < r[i - 1].right);",
    );
    assert_eq!(overlaps, false);
}
