//! The command line fuzzed in process: random options at their edges
//! (numbers up to the integer's limits, impossible dates, unknown values) on
//! the read commands, and random file and index paths (non-UTF-8 names,
//! spaces, leading dashes, symlinks, trailing slashes, long names) through
//! ingest, search, reindex, remove and verify. Errors are fine; a panic, a
//! lost or a duplicated statement is a failure.
//!
//! CI runs a few hundred cases. The long run:
//! `cargo test --release --bin readouts fuzz -- --ignored --nocapture`
//! (100,000 option cases and 2,000 path cases; `READOUTS_FUZZ_CASES`
//! changes both).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use clap::Parser;
use readouts::ingest::{bundled, ingest_statements, IngestOptions};
use readouts::ReadoutsIndex;

use super::{run, Cli};

#[path = "../../tests/support/rng.rs"]
mod rng;
use rng::Rng;

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "10",
    "-1",
    "10000",
    "10001",
    "10000000",
    "10000001",
    "1000000000000",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "1e3",
    "",
    " 5",
    "five",
];

const DATES: &[&str] = &[
    "2025-11-24",
    "2025",
    "2025-11",
    "1677-09-21",
    "1678-01-01",
    "2261-12-31",
    "2262-04-12",
    "9999-12-31",
    "0000-01-01",
    "2025-02-30",
    "",
    "yesterday",
];

const VALUES: &[&str] = &[
    "Taiwan",
    "台湾",
    "",
    "-",
    "--json",
    "year",
    "month",
    "publisher",
    "speaker",
    "reported",
    "nope",
    "US",
    "zh",
    "2025-11-24-xi-trump-call",
    "xinhua-2025-11-24-xi-trump-call-zh",
];

/// One random read command line against `index`.
fn read_command(rng: &mut Rng, index: &Path, svg: &Path) -> Vec<OsString> {
    let command = rng.pick(&["search", "count", "timeline", "show", "compare", "stats"]);
    let mut args: Vec<OsString> = vec!["readouts".into(), command.into()];
    args.push("--index".into());
    args.push(index.into());
    for _ in 0..rng.below(5) {
        let option = rng.pick(&[
            "--limit",
            "-n",
            "--offset",
            "--since",
            "--until",
            "--by",
            "--per",
            "--sort",
            "--event",
            "--lang",
            "--speaker",
            "--svg",
            "--json",
            "--csv",
            "--all",
            "--rate",
            "--exact",
            "--broader",
            "--parallel",
            "--threads",
        ]);
        args.push(option.into());
        match option {
            "--limit" | "-n" | "--offset" | "--threads" => args.push(rng.pick(NUMBERS).into()),
            "--since" | "--until" => args.push(rng.pick(DATES).into()),
            "--svg" => args.push(svg.into()),
            "--json" | "--csv" | "--all" | "--rate" | "--exact" | "--broader" | "--parallel" => {}
            _ => args.push(rng.pick(VALUES).into()),
        }
    }
    for _ in 0..rng.below(3) {
        args.push(rng.pick(VALUES).into());
    }
    args
}

fn seeded_index() -> &'static (tempfile::TempDir, PathBuf) {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let index = ReadoutsIndex::open_or_create(&path).unwrap();
        ingest_statements(&index, bundled::statements(), &IngestOptions::default()).unwrap();
        (dir, path)
    })
}

/// Run `args` in process; `Err` with the panic's message if it panicked.
fn run_args(args: &[OsString]) -> Result<(), String> {
    static MESSAGE: Mutex<String> = Mutex::new(String::new());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| *MESSAGE.lock().unwrap() = info.to_string()));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if let Ok(cli) = Cli::try_parse_from(args) {
            let mut out = Vec::new();
            let _ = run(cli, &mut out);
        }
    }));
    std::panic::set_hook(previous);
    outcome.map_err(|_| MESSAGE.lock().unwrap().clone())
}

fn cases(default: u64) -> u64 {
    std::env::var("READOUTS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fuzz_options(cases: u64) {
    let (dir, index) = seeded_index();
    let svg = dir.path().join("chart.svg");
    let mut failures = Vec::new();
    for case in 0..cases {
        let args = read_command(&mut Rng::new(0, case), index, &svg);
        if let Err(message) = run_args(&args) {
            failures.push(format!("case {case}: {args:?}\n  {message}"));
        }
    }
    eprintln!("option fuzz: {cases} cases, {} panics", failures.len());
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(10)].join("\n")
    );
}

/// A file or folder name: plain, spaced, dashed, dotted, long, unicode or
/// not UTF-8 at all.
fn name(rng: &mut Rng, extension: &str) -> OsString {
    let stem: Vec<u8> = match rng.below(8) {
        0 => b"plain".to_vec(),
        1 => b"with space".to_vec(),
        2 => b"-leading-dash".to_vec(),
        3 => vec![b'c', b'a', b'f', 0xE9],
        4 => "台湾 问题".as_bytes().to_vec(),
        5 => vec![b'x'; 200],
        6 => vec![0xFF, 0xFE, b'n', b'l', b'\n', b'x'],
        _ => b".hidden".to_vec(),
    };
    let mut bytes = stem;
    bytes.extend_from_slice(extension.as_bytes());
    OsString::from_vec(bytes)
}

fn statement(id: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\npublisher = \"The White House\"\ncountry = \"US\"\nkind = \"readout\"\n\
         lang = \"en\"\ndate = \"2021-01-22\"\ntitle = \"Readout {id}\"\n+++\n\nA call about trade.\n"
    )
}

/// Statements in randomly named files (some in a randomly named subfolder,
/// some reached through a symlink); returns the folder and the number of
/// distinct statements it holds.
fn sources(rng: &mut Rng, root: &Path) -> (PathBuf, u64) {
    let folder = root.join(name(rng, ""));
    let sub = folder.join(name(rng, ""));
    std::fs::create_dir_all(&sub).unwrap();
    // Hidden entries below the named folder are skipped by design.
    let hidden = |p: &Path| p.file_name().unwrap().as_encoded_bytes().starts_with(b".");
    let mut distinct = 0;
    for i in 0..rng.below(4) + 1 {
        let parent = if rng.below(2) == 0 { &folder } else { &sub };
        let mut file = name(rng, ".md");
        file.push(format!("-{i}.md"));
        let path = parent.join(&file);
        std::fs::write(&path, statement(&format!("s{i}"))).unwrap();
        if !hidden(&path) && (parent == &folder || !hidden(&sub)) {
            distinct += 1;
        }
    }
    if rng.below(3) == 0 {
        let _ = std::os::unix::fs::symlink(&folder, sub.join("loop"));
    }
    (folder, distinct)
}

/// The index folder, as a user might name it.
fn index_path(rng: &mut Rng, root: &Path) -> PathBuf {
    let root = &root.join("indexes");
    std::fs::create_dir_all(root).unwrap();
    let real = root.join(name(rng, ""));
    match rng.below(4) {
        0 => real,
        1 => {
            let mut with_slash = real.into_os_string();
            with_slash.push("/");
            PathBuf::from(with_slash)
        }
        2 => {
            std::fs::create_dir_all(root.join("a")).unwrap();
            root.join("a").join("..").join(real.file_name().unwrap())
        }
        _ => {
            std::fs::create_dir_all(&real).unwrap();
            let link = root.join("link-to-index");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            link
        }
    }
}

/// The statements `--index` holds, by `stats --json`.
fn documents(index: &Path) -> Option<u64> {
    let opened = readouts::index::open_for_reading(index).ok()?;
    readouts::stats(&opened).ok().map(|s| s.documents)
}

fn path_case(case: u64) -> Result<(), String> {
    let mut rng = Rng::new(0, case);
    let root = tempfile::tempdir().unwrap();
    let (folder, distinct) = sources(&mut rng, root.path());
    let index = index_path(&mut rng, root.path());
    let cmd = |args: &[&std::ffi::OsStr]| -> Vec<OsString> {
        let mut all: Vec<OsString> =
            vec!["readouts".into(), "--index".into(), index.clone().into()];
        all.extend(args.iter().map(|a| a.to_os_string()));
        all
    };
    let threads = rng.pick(&["1", "2", "64", "65", "0", "100000"]);
    let steps: Vec<Vec<OsString>> = vec![
        cmd(&[
            "ingest".as_ref(),
            folder.as_os_str(),
            "--quiet".as_ref(),
            "--threads".as_ref(),
            threads.as_ref(),
        ]),
        cmd(&["ingest".as_ref(), folder.as_os_str(), "--quiet".as_ref()]),
        cmd(&["search".as_ref(), "trade".as_ref()]),
        cmd(&["reindex".as_ref(), "--quiet".as_ref()]),
        cmd(&["verify".as_ref()]),
    ];
    for (i, args) in steps.iter().enumerate() {
        run_args(args).map_err(|m| format!("case {case} step {i}: {args:?}\n  {m}"))?;
        // After the plain ingest (step 1) and after reindex, the index holds
        // each statement exactly once.
        if matches!(i, 1 | 3) {
            let found = documents(&index);
            if found != Some(distinct) {
                return Err(format!(
                    "case {case} step {i}: {args:?}: {found:?} statements, expected {distinct}"
                ));
            }
        }
    }
    Ok(())
}

fn fuzz_paths(cases: u64) {
    let failures: Vec<String> = (0..cases).filter_map(|c| path_case(c).err()).collect();
    eprintln!("path fuzz: {cases} cases, {} failures", failures.len());
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(10)].join("\n")
    );
}

#[test]
fn random_options_never_panic() {
    fuzz_options(cases(300));
}

#[test]
fn random_paths_never_panic_lose_or_duplicate() {
    fuzz_paths(cases(12));
}

#[test]
#[ignore = "long run: cargo test --release --bin readouts fuzz -- --ignored"]
fn a_hundred_thousand_random_option_lines_never_panic() {
    fuzz_options(cases(100_000));
}

#[test]
#[ignore = "long run: cargo test --release --bin readouts fuzz -- --ignored"]
fn two_thousand_random_path_cases_never_panic_lose_or_duplicate() {
    fuzz_paths(cases(2_000));
}
