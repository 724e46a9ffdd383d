//! The query path fuzzed: random query strings and options, from the query
//! language's own pieces and from raw noise, through the parser and
//! execution (`search`, `count`, `timeline`, `compare`) on a small index.
//! Errors are fine (a bad query is refused with a message); a panic is a
//! failure.
//!
//! CI runs a few thousand cases. The long run is
//! `cargo test --release --test fuzz_queries -- --ignored` (1,000,000 cases;
//! `READOUTS_FUZZ_CASES` and `READOUTS_FUZZ_SEED` change the number and the
//! seed). A failure names the case and its seed, so it can be replayed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use readouts::ingest::{bundled, ingest_statements, IngestOptions};
use readouts::model::glossary::Glossary;
use readouts::query::research::{GroupBy, Period};
use readouts::query::{Filters, SortOrder};
use readouts::{compare, count, search, timeline, ReadoutsIndex, SearchRequest};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const WORDS: &[&str] = &[
    "Taiwan",
    "taiwan",
    "台湾",
    "台灣",
    "台湾问题",
    "Xi",
    "习近平",
    "Trump",
    "trade",
    "soybeans",
    "president",
    "the",
    "a",
    "中",
    "问题",
    "core interests",
    "Тайвань",
    "台湾の",
    "대만",
    "Q",
    "答",
    "",
    " ",
    "ｔａｉｗａｎ",
    "ß",
    "İ",
    "ﬁ",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "𠀀",
    "🇨🇳",
    "Peace",
    "peaceful",
    "reunification",
    "一个中国",
    "*",
    "?",
    "~",
    "^",
    "\\",
    "\"",
    "'",
    "“",
    "”",
    "9223372036854775807",
    "18446744073709551616",
    "-1",
    "0",
    "1e308",
    "NaN",
];

const FIELDS: &[&str] = &[
    "text",
    "body",
    "title",
    "publisher",
    "country",
    "lang",
    "kind",
    "speaker",
    "reported",
    "role",
    "event",
    "id",
    "date",
    "unknown",
    "TEXT",
    "Date",
    "",
];

const DATES: &[&str] = &[
    "*",
    "2025-11-24",
    "2025-11",
    "2025",
    "1677-09-21",
    "1677-09-22",
    "1678-01-01",
    "2261-12-31",
    "2262-04-11",
    "2262-04-12",
    "9999-12-31",
    "0000-01-01",
    "-0001-01-01",
    "2025-02-30",
    "2025-13-01",
    "20251124",
    "now",
    "",
    "2025-11-24T10:00:00Z",
    "99999999999",
];

const OPERATORS: &[&str] = &[
    " AND ", " OR ", " NOT ", " ", " -", " +", " (", ") ", " and ", " or ", "((", "))", " AND",
    "OR ", ":", "::", "[", "]", "{", "}", " TO ", ">=", "<=", ">", "<", "\"", "^2", "~3", "*",
];

/// A date range or comparison, well-formed or not.
fn date_term(rng: &mut Rng) -> String {
    let (a, b) = (rng.pick(DATES), rng.pick(DATES));
    match rng.below(6) {
        0 => format!("date:[{a} TO {b}]"),
        1 => format!("date:{{{a} TO {b}}}"),
        2 => format!("date:[{a} TO {b}}}"),
        3 => format!("date:{}{a}", rng.pick(&[">=", "<=", ">", "<", ""])),
        4 => format!("date:[{a}TO{b}]"),
        _ => format!("date:[{a} {b}]"),
    }
}

/// One term of the query language.
fn term(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => rng.pick(WORDS).to_string(),
        4 => format!("\"{} {}\"", rng.pick(WORDS), rng.pick(WORDS)),
        5 => format!("{}:{}", rng.pick(FIELDS), rng.pick(WORDS)),
        6 => format!(
            "{}:\"{} {}\"",
            rng.pick(FIELDS),
            rng.pick(WORDS),
            rng.pick(WORDS)
        ),
        7 => date_term(rng),
        8 => rng.pick(OPERATORS).to_string(),
        _ => noise(rng, 6),
    }
}

/// Random characters: ASCII punctuation, CJK, combining marks, controls,
/// surrogates' neighbours and the odd astral character.
fn noise(rng: &mut Rng, most: usize) -> String {
    (0..rng.below(most) + 1)
        .filter_map(|_| {
            let c = match rng.below(6) {
                0 => rng.below(0x80) as u32,
                1 => 0x4E00 + rng.below(0x5200) as u32,
                2 => 0x300 + rng.below(0x70) as u32,
                3 => rng.below(0x20) as u32,
                4 => 0xD7F0 + rng.below(0x2810) as u32,
                _ => rng.below(0x11_0000) as u32,
            };
            char::from_u32(c)
        })
        .collect()
}

/// A query the language accepts: words, phrases, known fields and date
/// ranges (open ends included), joined by the operators.
fn well_formed(rng: &mut Rng) -> String {
    const VALID: &[&str] = &[
        "Taiwan",
        "台湾",
        "台湾问题",
        "Xi",
        "习近平",
        "Trump",
        "trade",
        "soybeans",
        "president",
        "China",
        "中国",
        "Ukraine",
        "乌克兰",
        "call",
        "peace",
        "Takaichi",
        "Bessent",
        "答",
        "Q",
    ];
    const DAYS: &[&str] = &[
        "*",
        "2025-11-24",
        "2025-11",
        "2025",
        "2000",
        "2261-12-31",
        "1678-01-01",
    ];
    let n = rng.below(4) + 1;
    let mut parts = Vec::new();
    for i in 0..n {
        let piece = match rng.below(6) {
            0..=2 => rng.pick(VALID).to_string(),
            3 => format!("\"{} {}\"", rng.pick(VALID), rng.pick(VALID)),
            4 => format!(
                "{}:{}",
                rng.pick(&[
                    "text",
                    "title",
                    "publisher",
                    "speaker",
                    "lang",
                    "kind",
                    "country"
                ]),
                rng.pick(VALID)
            ),
            _ => format!(
                "date:{}{} TO {}{}",
                rng.pick(&["[", "{"]),
                rng.pick(DAYS),
                rng.pick(DAYS),
                rng.pick(&["]", "}"])
            ),
        };
        if i > 0 {
            parts.push(rng.pick(&[" ", " AND ", " OR ", " -", " NOT "]).to_string());
        }
        parts.push(piece);
    }
    parts.concat()
}

/// A whole query: mostly built from the language's pieces, sometimes deeply
/// nested or long, sometimes pure noise.
fn query(rng: &mut Rng) -> String {
    match rng.below(20) {
        4..=11 => well_formed(rng),
        0 => noise(rng, 40),
        1 => "(".repeat(rng.below(80)) + &term(rng) + &")".repeat(rng.below(80)),
        2 => (0..rng.below(400)).map(|_| "a ").collect(),
        3 => "x".repeat(rng.below(6000)),
        _ => {
            let n = rng.below(8) + 1;
            let mut q = String::new();
            for _ in 0..n {
                q.push_str(&term(rng));
                q.push_str(rng.pick(&[" ", " ", " AND ", " OR ", " NOT ", "", " -"]));
            }
            q
        }
    }
}

/// Random options beside the query: filters, limits, offsets (up to the
/// integer's edge), order and expansion.
fn request(rng: &mut Rng) -> SearchRequest {
    let mut request = SearchRequest::new(query(rng));
    let sizes = [0, 1, 10, 10_000, 10_001, usize::MAX / 2, usize::MAX];
    request.limit = if rng.chance(80) {
        rng.below(50) + 1
    } else {
        sizes[rng.below(sizes.len())]
    };
    request.offset = if rng.chance(85) {
        rng.below(20)
    } else {
        sizes[rng.below(sizes.len())]
    };
    request.sort = [SortOrder::Score, SortOrder::Date, SortOrder::Newest][rng.below(3)];
    request.expand = rng.chance(70);
    request.broader = rng.chance(20);
    request.words_only = rng.chance(20);
    request.with_translation = rng.chance(20);
    let text = |rng: &mut Rng| -> Option<String> {
        rng.chance(5).then(|| {
            if rng.chance(50) {
                rng.pick(WORDS).to_string()
            } else {
                noise(rng, 8)
            }
        })
    };
    request.filters = Filters {
        publisher: text(rng),
        country: text(rng),
        lang: text(rng),
        kind: text(rng),
        speaker: text(rng),
        reported: text(rng),
        role: text(rng),
        event: text(rng),
        since: rng.chance(15).then(|| day(rng)).flatten(),
        until: rng.chance(15).then(|| day(rng)).flatten(),
    };
    request
}

/// Any day chrono can hold, the extremes included.
fn day(rng: &mut Rng) -> Option<chrono::NaiveDate> {
    let edges = [chrono::NaiveDate::MIN, chrono::NaiveDate::MAX];
    if rng.chance(20) {
        return Some(edges[rng.below(2)]);
    }
    chrono::NaiveDate::from_num_days_from_ce_opt(rng.below(3_700_000) as i32 - 100_000)
}

fn seeded_index() -> &'static (tempfile::TempDir, ReadoutsIndex) {
    static INDEX: OnceLock<(tempfile::TempDir, ReadoutsIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = ReadoutsIndex::open_or_create(dir.path()).unwrap();
        ingest_statements(&index, bundled::statements(), &IngestOptions::default()).unwrap();
        (dir, index)
    })
}

/// How the cases ended (besides panics): refused with an error, answered
/// with no hit, answered with hits.
static OUTCOMES: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

/// Run one case through every query entry point.
fn run_case(index: &ReadoutsIndex, rng: &mut Rng) -> String {
    let request = request(rng);
    let described = format!("{request:?}");
    let glossary = Glossary::builtin();
    let outcome = match search(index, &request) {
        Err(e) => {
            if std::env::var("FUZZ_DEBUG").is_ok() {
                eprintln!(
                    "REFUSED {}",
                    e.to_string().chars().take(60).collect::<String>()
                );
            }
            0
        }
        Ok(results) if results.total == 0 => 1,
        Ok(_) => 2,
    };
    OUTCOMES[outcome].fetch_add(1, Ordering::Relaxed);
    match rng.below(4) {
        0 => {
            let by = [
                GroupBy::Publisher,
                GroupBy::Country,
                GroupBy::Lang,
                GroupBy::Kind,
                GroupBy::Speaker,
                GroupBy::Reported,
                GroupBy::Role,
                GroupBy::Event,
                GroupBy::Year,
                GroupBy::Month,
            ][rng.below(10)];
            let _ = count(index, &request, by, glossary);
        }
        1 => {
            let period = [Period::Auto, Period::Month, Period::Year][rng.below(3)];
            let _ = timeline(index, &request, period, glossary);
        }
        2 => {
            let event = rng.pick(&["2025-11-24-xi-trump-call", "", "nope", "*"]);
            let topics = vec![request.query.clone(), query(rng)];
            let _ = compare(
                index,
                event,
                &topics,
                glossary,
                request.expand,
                rng.chance(50),
            );
        }
        _ => {}
    }
    described
}

/// Run `cases` cases from `seed`; return the panicking ones.
fn fuzz(cases: u64, seed: u64) -> Vec<String> {
    let (_dir, index) = seeded_index();
    let messages: &'static Mutex<Vec<String>> = Box::leak(Box::new(Mutex::new(Vec::new())));
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        messages.lock().unwrap().push(info.to_string());
    }));
    let mut failures = Vec::new();
    for case in 0..cases {
        let mut rng = Rng::new(seed, case);
        let mut described = String::new();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            described = run_case(index, &mut rng);
        }));
        if outcome.is_err() {
            let message = messages.lock().unwrap().pop().unwrap_or_default();
            failures.push(format!(
                "case {case} (seed {seed}): {described}\n  {message}"
            ));
        }
    }
    std::panic::set_hook(previous);
    failures
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn check(default_cases: u64) {
    let cases = env_u64("READOUTS_FUZZ_CASES").unwrap_or(default_cases);
    let seed = env_u64("READOUTS_FUZZ_SEED").unwrap_or(20261129);
    let started = std::time::Instant::now();
    let failures = fuzz(cases, seed);
    let [refused, empty, found] = OUTCOMES.each_ref().map(|n| n.load(Ordering::Relaxed));
    eprintln!(
        "query fuzz: {cases} cases from seed {seed}, {} panics, {:.1} s; searches refused {refused}, answered without hits {empty}, with hits {found}",
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(found > cases / 20, "the generator should reach hits too");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases panicked; the first:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

#[test]
fn random_queries_and_options_never_panic() {
    check(3_000);
}

#[test]
#[ignore = "long run: a million cases (cargo test --release --test fuzz_queries -- --ignored)"]
fn a_million_random_queries_never_panic() {
    check(1_000_000);
}

/// The generator reaches the shapes that once panicked (an open range on
/// both ends) and the refusals (over-long, over-deep queries): the fuzz is
/// not only testing the tokenizer.
#[test]
fn the_generator_reaches_the_edges() {
    let mut shapes = [false; 4];
    for case in 0..20_000 {
        let q = request(&mut Rng::new(1, case)).query;
        shapes[0] |= q.contains("date:[* TO *]") || q.contains("date:{* TO *}");
        shapes[1] |= q.len() > readouts::query::parse::MAX_QUERY_BYTES;
        shapes[2] |= q.matches('(').count() > readouts::query::parse::MAX_DEPTH;
        shapes[3] |= q.contains("date:[9999-12-31");
    }
    assert_eq!(shapes, [true; 4]);
}
