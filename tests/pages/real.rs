//! Real saved pages (`fixtures/pages/real/`, origins in its README), each
//! with the values read off it by hand in `NAME.expected`: the profile
//! and layout that must read it, title, date, paragraphs (turn labels as
//! statement files write them). Also: every profile has a real page, or is
//! listed as awaiting one; and the table of paragraph F1, title, date and
//! turn-label accuracy per publisher family, by the profiles and by the
//! generic reader, printed (`cargo test --test pages real -- --nocapture`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use readouts::acquire::profiles::profiles;
use readouts::acquire::{read_page, Draft, Page};
use readouts::formats::statement_file;
use readouts::model::attribution::turns::label_text;

/// Profiles no real page was found for (see fixtures/pages/README.md):
/// tested on structure-faithful pages only. A profile leaves this list when
/// a real page of it is added.
const AWAITING_REAL_PAGES: [&str; 11] = [
    "prc-mfa-en",
    // The mfa.gov.cn layout of 2020-2024; the 2016-2020 layout has real pages.
    "prc-mfa-zh-2020-2024",
    "xinhua-en",
    "state-department",
    "mofa-japan-en",
    "mofa-japan-ja",
    "kantei-en",
    "kantei-ja",
    "kremlin-ru",
    // The 2025 WordPress layout; the 2009-2017 layout has real pages.
    "whitehouse-2025",
    // The news.cn layout of 2021 on; the #p-detail layout has a real page.
    "xinhua-zh-2021-now",
];

/// What a real page must read as.
struct Expected {
    file: PathBuf,
    profile: String,
    layout: String,
    title: String,
    date: String,
    url: Option<String>,
    paragraphs: Vec<String>,
}

fn real_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages/real")
}

fn expected_pages() -> Vec<Expected> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(real_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let (head, body) = text.split_once("\n\n").unwrap();
        let field = |key: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .map(str::to_string)
        };
        let page = path.to_string_lossy().replace(".expected", ".html");
        out.push(Expected {
            file: PathBuf::from(page),
            profile: field("profile").unwrap(),
            layout: field("layout").unwrap(),
            title: field("title").unwrap(),
            date: field("date").unwrap(),
            url: field("url"),
            paragraphs: body.trim_end().split("\n\n").map(str::to_string).collect(),
        });
    }
    assert!(out.len() >= 7, "the real pages are there");
    out
}

fn read(e: &Expected, profile: Option<&str>) -> Draft {
    let bytes = std::fs::read(&e.file).unwrap();
    let (html, _) = readouts::acquire::charset::decode(&bytes, None);
    let source = e.file.display().to_string();
    read_page(
        &Page {
            url: e.url.as_deref(),
            source: &source,
            html: &html,
        },
        profile,
    )
    .unwrap_or_else(|err| panic!("{}: {err}", e.file.display()))
}

fn note<'d>(d: &'d Draft, key: &str) -> &'d str {
    d.fields
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| f.note.as_deref())
        .unwrap_or("")
}

#[test]
fn real_pages_read_as_read_by_hand() {
    for e in expected_pages() {
        let d = read(&e, None);
        let name = e.file.file_name().unwrap().to_string_lossy().to_string();
        let why = note(&d, "publisher");
        assert!(
            why.contains(&format!("profile {}", e.profile)) && why.contains(&e.layout),
            "{name}: read by {why:?}, not profile {} layout {}",
            e.profile,
            e.layout
        );
        assert_eq!(d.value("title"), Some(e.title.as_str()), "{name}: title");
        assert_eq!(d.value("date"), Some(e.date.as_str()), "{name}: date");
        let got: Vec<&str> = d.body.split("\n\n").collect();
        assert_eq!(got, e.paragraphs, "{name}: paragraphs");
        statement_file::parse(Path::new(&d.file_name), &d.render())
            .unwrap_or_else(|err| panic!("{name}: the draft does not parse: {err}"));
    }
}

#[test]
fn every_profile_has_a_real_page_or_awaits_one() {
    let pages = expected_pages();
    let has_real = |name: &str| pages.iter().any(|e| e.profile == name);
    for p in &profiles().profiles {
        let awaiting = AWAITING_REAL_PAGES.contains(&p.name.as_str());
        assert!(
            has_real(&p.name) || awaiting,
            "profile {} has no real page in fixtures/pages/real/",
            p.name
        );
        assert!(
            !(has_real(&p.name) && awaiting),
            "profile {} has a real page now: take it off AWAITING_REAL_PAGES",
            p.name
        );
        for layout in &p.layouts {
            let tested = pages
                .iter()
                .any(|e| e.profile == p.name && e.layout == layout.name);
            let label = format!("{}-{}", p.name, layout.name.split(' ').next().unwrap());
            assert!(
                tested || AWAITING_REAL_PAGES.contains(&label.as_str()) || awaiting,
                "layout {:?} of profile {} has no real page ({label} is not awaiting one)",
                layout.name,
                p.name
            );
        }
    }
}

/// Paragraph F1 (exact paragraphs), title right, date right, turn labels
/// opened right, of one reading.
fn scores(e: &Expected, d: &Draft) -> [f64; 4] {
    let got: Vec<&str> = d.body.split("\n\n").filter(|p| !p.is_empty()).collect();
    let mut left: Vec<&str> = e.paragraphs.iter().map(String::as_str).collect();
    let mut hits = 0usize;
    for g in &got {
        if let Some(i) = left.iter().position(|w| w == g) {
            left.remove(i);
            hits += 1;
        }
    }
    let (p, r) = (
        hits as f64 / got.len().max(1) as f64,
        hits as f64 / e.paragraphs.len().max(1) as f64,
    );
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    let labels: Vec<&str> = e.paragraphs.iter().filter_map(|p| label_text(p)).collect();
    let got_labels: Vec<&str> = got.iter().filter_map(|p| label_text(p)).collect();
    let turns = if labels.is_empty() {
        1.0
    } else {
        labels
            .iter()
            .zip(&got_labels)
            .filter(|(a, b)| a == b)
            .count() as f64
            / labels.len().max(got_labels.len()) as f64
    };
    let same = |key: &str, want: &str| f64::from(u8::from(d.value(key) == Some(want)));
    [f1, same("title", &e.title), same("date", &e.date), turns]
}

#[test]
fn real_pages_table() {
    let pages = expected_pages();
    let mut families: BTreeMap<String, Vec<&Expected>> = BTreeMap::new();
    for e in &pages {
        let name = e.file.file_name().unwrap().to_string_lossy().to_string();
        let family = name
            .split('-')
            .take_while(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join("-");
        families.entry(family).or_default().push(e);
    }
    println!("| family | pages | reader | paragraph F1 | title | date | turn labels |");
    println!("|---|---|---|---|---|---|---|");
    let mut worst = [1.0f64; 4];
    for (family, list) in &families {
        for (reader, profile) in [("profiles", None), ("generic", Some("generic"))] {
            let mut sum = [0.0f64; 4];
            for e in list {
                let s = scores(e, &read(e, profile));
                for (a, b) in sum.iter_mut().zip(s) {
                    *a += b;
                }
            }
            let n = list.len() as f64;
            let avg = sum.map(|v| v / n);
            println!(
                "| {family} | {} | {reader} | {:.2} | {:.2} | {:.2} | {:.2} |",
                list.len(),
                avg[0],
                avg[1],
                avg[2],
                avg[3]
            );
            if profile.is_none() {
                for (w, a) in worst.iter_mut().zip(avg) {
                    *w = w.min(a);
                }
            }
        }
    }
    assert!(worst[0] >= 0.98, "paragraph F1 {:.2} under 0.98", worst[0]);
    assert!(
        worst[1] >= 0.99 && worst[2] >= 0.99,
        "title or date under 0.99"
    );
    assert!(worst[3] >= 0.99, "turn labels {:.2} under 0.99", worst[3]);
}

#[test]
fn the_generic_reader_leaves_boxes_and_hidden_tooltips_out() {
    let pages = expected_pages();
    let kremlin = pages
        .iter()
        .find(|e| e.file.to_string_lossy().contains("kremlin-en-2018"))
        .unwrap();
    let d = read(kremlin, Some("generic"));
    for boilerplate in [
        "See also",
        "Publication status",
        "Direct link",
        "Morozov Sergei",
        "Persons",
    ] {
        assert!(
            !d.body.contains(boilerplate),
            "{boilerplate:?} in the generic reading:\n{}",
            d.body
        );
    }
    assert!(
        d.body.contains("\n\nSergei Morozov: Exactly.\n\n"),
        "{}",
        d.body
    );
    // The lead the page marks (itemprop=description) before its marked body.
    assert!(
        d.body
            .starts_with("At a meeting with Sergei Morozov, Vladimir Putin informed him"),
        "{}",
        d.body
    );
}

#[test]
fn the_generic_reader_leaves_photo_credits_and_page_furniture_out() {
    let pages = expected_pages();
    for (page, furniture) in [
        (
            "xinhua-zh-2020-p-detail",
            &["【纠错】", "责任编辑", "图集", "新华社记者 才扬 摄", "+1"][..],
        ),
        ("whitehouse-obama-2016", &["MP4MP3"][..]),
        ("whitehouse-biden-2023", &["A.M. EET"][..]),
    ] {
        let e = pages
            .iter()
            .find(|e| e.file.to_string_lossy().contains(page))
            .unwrap();
        let d = read(e, Some("generic"));
        for f in furniture {
            assert!(!d.body.contains(f), "{page}: {f:?} in\n{}", d.body);
        }
        assert_eq!(d.body.split("\n\n").count(), e.paragraphs.len(), "{page}");
    }
}

#[test]
fn a_real_page_with_only_a_title_is_refused_as_without_text() {
    let path = real_dir().join("../kremlin-en-2003-title-only.html");
    let html = std::fs::read_to_string(&path).unwrap();
    let e = read_page(
        &Page {
            url: None,
            source: "kremlin-en-2003-title-only.html",
            html: &html,
        },
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("no text: profile kremlin-en, layout 2012-now finds only boilerplate"),
        "{e}"
    );
}
