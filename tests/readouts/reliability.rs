//! Bad input and index faults (../shared/RELIABILITY.md), one test per case.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;
use crate::wire::{Hit, IngestSummary, Stats};

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap()
}

#[test]
fn an_index_of_another_schema_version_is_refused_and_reindex_restores_it() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let meta_path = s.index().join("meta.json");
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = Value::String(r#"{"schema_version":99}"#.into());
    std::fs::write(&meta_path, serde_json::to_string(&meta).unwrap()).unwrap();

    let run = s.run(&["search", "Taiwan"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("schema version 99"), "{}", run.stderr);
    assert!(run.stderr.contains("readouts reindex"), "{}", run.stderr);
    assert_eq!(s.run(&["ingest", fixtures().to_str().unwrap()]).code, 2);

    let run = s.run(&["reindex"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("6 documents, 24 passages"),
        "{}",
        run.stderr
    );
    assert_eq!(s.hits(&["Taiwan", "--exact"]).len(), 5);
    let again: Vec<IngestSummary> = s.ingest_fixtures().lines();
    assert_eq!(again[0].unchanged, 6, "reindex keeps content hashes stable");
}

#[test]
fn non_utf8_input_is_located_by_byte_offset_and_the_rest_ingested() {
    let s = Sandbox::new();
    let dir = s.copy_fixtures("statements");
    // GBK text after a valid UTF-8 front matter.
    let mut bytes = fixture_text("xinhua-2025-11-24-xi-trump-call-zh.md")
        .replace("xinhua-2025-11-24-xi-trump-call-zh", "gbk-copy")
        .into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\n\xD6\xD0\xB9\xFA\n"); // "中国" in GBK
    std::fs::write(dir.join("gbk.md"), &bytes).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("gbk.md:"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("byte offset {}", offset + 1)),
        "{}",
        run.stderr
    );
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].added, 6);
}

#[test]
fn bom_utf16_crlf_cr_and_odd_spaces_give_the_same_hits() {
    let clean = fixture_text("xinhua-2025-11-24-xi-trump-call-zh.md");
    let variants: Vec<(&str, Vec<u8>)> = vec![
        (
            "bom",
            [b"\xEF\xBB\xBF".to_vec(), clean.clone().into_bytes()].concat(),
        ),
        ("crlf", clean.replace('\n', "\r\n").into_bytes()),
        ("cr", clean.replace('\n', "\r").into_bytes()),
        (
            "utf16",
            [
                vec![0xFF, 0xFE],
                clean.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
            ]
            .concat(),
        ),
        (
            "zwsp",
            clean
                .replace("台湾", "台\u{200B}湾")
                .replace("，", "，\u{3000}")
                .into_bytes(),
        ),
    ];
    let baseline = {
        let s = Sandbox::new();
        let dir = s.path("clean");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.md"), &clean).unwrap();
        assert_eq!(s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]).code, 0);
        s.hits(&["台湾"])
            .iter()
            .map(|h| h.passage)
            .collect::<Vec<_>>()
    };
    assert_eq!(baseline.len(), 2);
    for (name, bytes) in variants {
        let s = Sandbox::new();
        let dir = s.path(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.md"), &bytes).unwrap();
        let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let hits = s.hits(&["台湾"]);
        assert_eq!(
            hits.iter().map(|h| h.passage).collect::<Vec<_>>(),
            baseline,
            "{name}"
        );
    }
}

#[test]
fn empty_whitespace_and_metadata_only_files_are_rejected_and_counted() {
    let s = Sandbox::new();
    let dir = s.path("odd");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.md"), "").unwrap();
    std::fs::write(dir.join("blank.md"), " \n\t\n").unwrap();
    let front = fixture_text("us-2025-11-24-trump-post.md");
    let front_only = &front[..front.rfind("+++").unwrap() + 3];
    std::fs::write(dir.join("meta-only.md"), front_only).unwrap();
    for _ in 0..2 {
        let run = s.run(&["ingest", dir.to_str().unwrap(), "--json"]);
        assert_eq!(run.code, 2);
        let summary: Vec<IngestSummary> = run.lines();
        assert_eq!(summary[0].rejected, 3);
        assert_eq!(summary[0].added, 0);
        assert!(
            run.stderr.contains("empty.md:1: empty file"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("blank.md:1: empty file"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("meta-only.md"), "{}", run.stderr);
    }
}

#[test]
fn a_huge_token_does_not_crash_and_neighbours_are_found() {
    let s = Sandbox::new();
    let dir = s.path("huge");
    std::fs::create_dir_all(&dir).unwrap();
    let front = fixture_text("us-2025-11-24-trump-post.md");
    let front = &front[..front.rfind("+++").unwrap() + 3];
    let body = format!(
        "\n\nbefore {} after\n\n{}\n",
        "x".repeat(5_000_000),
        "台".repeat(1_000_000)
    );
    std::fs::write(dir.join("huge.md"), format!("{front}{body}")).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.hits(&["before after"]).len(), 1);
    assert_eq!(s.hits(&["台台台"]).len(), 1);
}

#[test]
fn a_statement_over_the_size_cap_is_rejected_by_name() {
    let s = Sandbox::new();
    let dir = s.path("big");
    std::fs::create_dir_all(&dir).unwrap();
    let front = fixture_text("us-2025-11-24-trump-post.md");
    let front = &front[..front.rfind("+++").unwrap() + 3];
    let word = "word ".repeat(2_200_000);
    std::fs::write(dir.join("big.md"), format!("{front}\n\n{word}\n")).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("big.md: 10.5 MB is over the 10 MB cap"),
        "{}",
        run.stderr
    );
}

#[test]
fn malformed_json_lines_reject_only_their_line() {
    let s = Sandbox::new();
    let good = |id: &str| {
        Record::new(id)
            .title("T")
            .text("Canada and Mexico.")
            .json_line()
    };
    let input = [
        good("a"),
        "{\"id\": \"b\",}".to_string(),
        good("c").replace("\"id\":\"c\"", "\"id\":\"c\",\"id\":\"c2\""),
        good("d").replace("2021-01-22", "2021-02-30"),
        "\u{0}".to_string(),
        good("e"),
        good("f")[..30].to_string(),
    ]
    .join("\n");
    std::fs::write(s.path("records.jsonl"), input).unwrap();
    let run = s.run(&[
        "ingest",
        s.path("records.jsonl").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 2);
    for line in [2, 3, 4, 5, 7] {
        assert!(
            run.stderr.contains(&format!("records.jsonl:{line}:")),
            "line {line}: {}",
            run.stderr
        );
    }
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].added, 2);
    assert_eq!(summary[0].rejected, 5);
}

/// The user id the binary runs as when the tests run as root.
const NOBODY: u32 = 65_534;

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// True when every folder above `path` lets others through.
fn reachable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.ancestors().skip(1).all(|d| {
        d.metadata()
            .map(|m| m.permissions().mode() & 0o001 != 0)
            .unwrap_or(false)
    })
}

/// RELIABILITY 7: an index folder the user cannot write. Runs everywhere:
/// as root, who may write anywhere, the binary runs as an unprivileged user
/// on a folder it does not own; otherwise the folder and its files are made
/// read-only for their owner, the user running the tests.
#[test]
fn a_read_only_index_is_searched_and_ingest_says_why() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    /// Gives the index folder back its write bit, so the sandbox can go.
    struct Writable(PathBuf);
    impl Drop for Writable {
        fn drop(&mut self) {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    let s = Sandbox::new();
    s.ingest_fixtures();
    let as_root = running_as_root();
    let mut binary = PathBuf::from(env!("CARGO_BIN_EXE_readouts"));
    if as_root {
        // The sandbox (and so the index) must be reachable by that user; the
        // binary too, else a link to it (or a copy) in the sandbox is.
        std::fs::set_permissions(s.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            reachable_by_others(s.dir.path()),
            "{} must be reachable by other users (the temp folder is not)",
            s.dir.path().display()
        );
        if !reachable_by_others(&binary) {
            let near = s.path("readouts");
            if std::fs::hard_link(&binary, &near).is_err() {
                std::fs::copy(&binary, &near).unwrap();
            }
            binary = near;
        }
    }
    let _restore = Writable(s.index());
    let (folder_mode, file_mode) = if as_root {
        (0o755, 0o644)
    } else {
        (0o555, 0o444)
    };
    for e in std::fs::read_dir(s.index()).unwrap() {
        std::fs::set_permissions(
            e.unwrap().path(),
            std::fs::Permissions::from_mode(file_mode),
        )
        .unwrap();
    }
    std::fs::set_permissions(s.index(), std::fs::Permissions::from_mode(folder_mode)).unwrap();
    let run = |args: &[&str]| {
        let mut cmd = s.bare_at(&binary);
        cmd.arg("--index").arg(s.index()).args(args);
        if as_root {
            cmd.uid(NOBODY).gid(NOBODY);
        }
        Run::from(cmd.output().unwrap())
    };
    let search = run(&["search", "Taiwan", "--exact", "--json"]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    assert_eq!(search.lines::<Hit>().len(), 5);
    let ingest = run(&["ingest", fixtures().to_str().unwrap()]);
    assert_eq!(ingest.code, 2);
    assert!(ingest.stderr.contains("not writable"), "{}", ingest.stderr);
    assert_eq!(run(&["verify"]).code, 0);
    // Reliability sweep, item 15: reindex of a read-only index said another
    // writer held the lock.
    let reindex = run(&["reindex"]);
    assert_eq!(reindex.code, 2);
    assert!(
        reindex.stderr.contains("not writable"),
        "{}",
        reindex.stderr
    );
    assert!(
        !reindex.stderr.contains("another readouts process"),
        "{}",
        reindex.stderr
    );
}

/// Set in the environment of the test run again inside a user namespace.
const IN_USER_NAMESPACE: &str = "READOUTS_TEST_IN_USER_NAMESPACE";

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Result<Tmpfs, String> {
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if out.status.success() {
            Ok(Tmpfs(at.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }

    fn resize(&self, size: &str) {
        let status = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("remount,size={size}"),
                "tmpfs",
            ])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Run the test `name` of this binary again, as root of a new user and mount
/// namespace, where it may mount a tmpfs; fail with `why` if that is not
/// possible either.
fn run_again_in_a_user_namespace(name: &str, why: &str) {
    let out = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(IN_USER_NAMESPACE, "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot mount a tmpfs here ({why}), and unshare cannot run ({e}): this test needs root or user namespaces")
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(" 1 passed;"),
        "cannot mount a tmpfs here ({why}); in a user namespace ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// RELIABILITY 6: disk full during ingest, on a 2 MB tmpfs. Mounting one
/// needs root; other users run this test again as root of a user namespace
/// (`unshare --user --map-root-user --mount`). It fails, never skips, where
/// neither is possible.
#[test]
fn disk_full_fails_clearly_keeps_the_last_commit_and_a_rerun_completes() {
    let s = Sandbox::new();
    let mount_point = s.path("small");
    std::fs::create_dir_all(&mount_point).unwrap();
    let tmpfs = match Tmpfs::mount(&mount_point, "1m") {
        Ok(tmpfs) => tmpfs,
        Err(why) if std::env::var_os(IN_USER_NAMESPACE).is_none() => {
            return run_again_in_a_user_namespace(
                "reliability::disk_full_fails_clearly_keeps_the_last_commit_and_a_rerun_completes",
                &why,
            );
        }
        Err(why) => panic!("cannot mount a tmpfs in a user namespace either: {why}"),
    };
    let index = mount_point.join("index");
    let run = |args: &[&str]| {
        Run::from(
            s.bare()
                .arg("--index")
                .arg(&index)
                .args(args)
                .output()
                .unwrap(),
        )
    };
    assert_eq!(
        run(&["ingest", fixtures().to_str().unwrap(), "--quiet"]).code,
        0
    );
    let big = s.path("big.jsonl");
    // Far more than the 1 MB left once compressed (the passages are stored
    // zstd-compressed, so the text must not repeat much).
    let records: Vec<Record> = (0..30_000u64)
        .map(|i| {
            Record::new(&format!("b{i}"))
                .publisher("P")
                .date("2021-01-01")
                .title("t")
                .text(&format!(
                    "Record {i} about unique{i} words u{} and w{} to fill the index.",
                    i * 7919 % 100_003,
                    i * 104_729 % 99_991
                ))
        })
        .collect();
    std::fs::write(&big, json_lines(&records)).unwrap();
    let full = run(&["ingest", big.to_str().unwrap()]);
    assert_eq!(full.code, 2);
    assert!(
        full.stderr.contains("No space left on device"),
        "{}",
        full.stderr
    );
    assert!(!full.stderr.contains("panicked"), "{}", full.stderr);
    assert_eq!(run(&["stats", "--json"]).lines::<Stats>()[0].documents, 6);
    assert_eq!(run(&["verify"]).code, 0);
    tmpfs.resize("64m");
    let rerun = run(&["ingest", big.to_str().unwrap(), "--quiet"]);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    assert_eq!(
        run(&["stats", "--json"]).lines::<Stats>()[0].documents,
        30_006
    );
}

/// RELIABILITY 16: a 20 MB JSON Lines record is refused by the size cap and
/// the next line still ingested.
#[test]
fn a_twenty_megabyte_line_is_refused_and_the_rest_ingested() {
    let s = Sandbox::new();
    let record = |id: &str, text: &str| {
        Record::new(id)
            .publisher("P")
            .date("2021-01-01")
            .title("t")
            .text(text)
            .json_line()
    };
    let huge = record("huge", &"word ".repeat(4_000_000));
    let small = record("small", "Small record.");
    std::fs::write(s.path("x.jsonl"), format!("{huge}\n{small}\n")).unwrap();
    let run = s.run(&["ingest", s.path("x.jsonl").to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("x.jsonl:1: record of 19.1 MB is over the 10 MB cap"),
        "{}",
        run.stderr
    );
    assert_eq!(run.lines::<IngestSummary>()[0].added, 1);
}

/// RELIABILITY 18: Unicode torture: no panic, NFKC on both sides.
#[test]
fn unicode_torture_is_indexed_and_found() {
    let s = Sandbox::new();
    let dir = s.path("torture");
    std::fs::create_dir_all(&dir).unwrap();
    let front = fixture_text("us-2025-11-24-trump-post.md");
    let front = &front[..front.rfind("+++").unwrap() + 3];
    let body = "\n\nＴＡＩＷＡＮ full width and cafe\u{301} combining.\n\n\u{200F}RTL mark\u{200E} and emoji 🇺🇸🤝🇨🇳 between words.\n\n台\u{200B}湾 and 臺灣 and \u{3000}釜山\u{00A0}会晤.\n";
    std::fs::write(dir.join("t.md"), format!("{front}{body}")).unwrap();
    let run = s.run(&["ingest", dir.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.hits(&["taiwan", "--exact"]).len(), 1);
    assert_eq!(s.hits(&["café", "--exact"]).len(), 1);
    assert_eq!(s.hits(&["\"RTL mark and emoji\"", "--exact"]).len(), 1);
    assert_eq!(s.hits(&["台湾", "--exact"]).len(), 1);
    assert_eq!(s.hits(&["臺灣", "--exact"]).len(), 1);
    let run = s.run(&["search", "--", "🤝"]);
    assert_eq!(
        run.code, 2,
        "a query with nothing searchable is an error: {}",
        run.stderr
    );
}

/// Regression (reliability sweep, item 1): a file name that is not UTF-8
/// (`café.md` in Latin-1 from an old archive) made `ingest` panic on the
/// statement's content hash, and every re-run panicked again.
#[test]
fn a_file_name_that_is_not_utf8_is_ingested_and_reingested() {
    use std::os::unix::ffi::OsStrExt;
    let s = Sandbox::new();
    let folder = s.path("archive");
    std::fs::create_dir_all(&folder).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    let file = folder.join(name);
    // Without an `id` the file name would be the id: a clear, located rejection.
    let text = Record::without_id().text("Soybeans in Latin-1 land.");
    std::fs::write(&file, text.statement_file()).unwrap();
    let run = s.run(&["ingest", folder.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(".md:1: the file name is not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // With an `id` it is ingested, and a re-run finds it unchanged.
    let text = Record::new("cafe").text("Soybeans in Latin-1 land.");
    std::fs::write(&file, text.statement_file()).unwrap();
    for (round, expected_added) in [(1, 1), (2, 0)] {
        let run = s.run(&["ingest", "--json", folder.to_str().unwrap()]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        let summary: Vec<IngestSummary> = run.lines();
        assert_eq!(summary[0].added, expected_added, "round {round}");
        // The manifest names the file byte for byte: it is not taken for
        // a file that is gone (the path fuzz found the lossy key).
        assert_eq!(summary[0].source_gone, 0, "round {round}: {}", run.stderr);
    }
    let hits = s.hits(&["soybeans", "--exact"]);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].path.contains("caf"), "{}", hits[0].path);
    // Once the file is really gone, --prune removes its statement.
    std::fs::remove_file(&file).unwrap();
    let run = s.run(&["ingest", "--json", "--prune", folder.to_str().unwrap()]);
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].removed, 1, "{}", run.stderr);
}

/// Reliability sweep, item 3: `date:[* TO *]` and `date:{* TO *}` panicked in
/// search, count and timeline.
#[test]
fn an_open_date_range_on_both_ends_matches_everything_and_does_not_panic() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    for range in ["date:[* TO *]", "date:{* TO *}"] {
        let query = format!("Taiwan {range}");
        let search = s.run(&["search", &query, "--exact", "--json"]);
        assert_eq!(search.code, 0, "{range}: {}", search.stderr);
        assert_eq!(search.lines::<Hit>().len(), 5, "{range}");
        for cmd in [
            vec!["count", &query, "--by", "lang"],
            vec!["timeline", &query],
        ] {
            let run = s.run(&cmd);
            assert_eq!(run.code, 0, "{cmd:?}: {}", run.stderr);
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        }
    }
}

/// Reliability sweep, item 4: dates outside 1677-09-22 … 2262-04-11 were
/// stored wrong (1648-10-24 became 2233-05-14).
#[test]
fn dates_the_index_cannot_store_are_refused_and_query_dates_do_not_wrap() {
    let s = Sandbox::new();
    let records = [
        Record::new("old")
            .date("1648-10-24")
            .text("The Peace of Westphalia."),
        Record::new("far")
            .date("9999-12-31")
            .text("The far future."),
        Record::new("ok")
            .date("2001-01-01")
            .text("An ordinary day."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--json"], &json_lines(&records));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("-:1: key \"date\": \"1648-10-24\" is outside the dates"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("-:2: key \"date\": \"9999-12-31\" is outside"),
        "{}",
        run.stderr
    );
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!((summary[0].added, summary[0].rejected), (1, 2));
    // A query date beyond the storable range means "to the end".
    assert_eq!(s.hits(&["day", "date:[1000 TO 9999]"]).len(), 1);
    assert_eq!(s.hits(&["day", "date:<9999"]).len(), 1);
}

/// Reliability sweep, item 7: `--offset 1000000000000` aborted, larger values
/// panicked; `--threads 100000` aborted.
#[test]
fn huge_numeric_options_are_refused_with_a_clear_error() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    for offset in [
        "1000000000000",
        "9223372036854775807",
        "18446744073709551615",
    ] {
        let run = s.run(&["search", "Taiwan", "--offset", offset]);
        assert_eq!(run.code, 2, "{offset}: {}", run.stderr);
        assert!(
            run.stderr.contains("--offset must be at most"),
            "{}",
            run.stderr
        );
    }
    for threads in ["0", "1000", "100000"] {
        let run = s.run(&["ingest", fixtures().to_str().unwrap(), "--threads", threads]);
        assert_eq!(run.code, 2, "{threads}: {}", run.stderr);
        assert!(run.stderr.contains("indexing threads"), "{}", run.stderr);
    }
}

/// Reliability sweep, items 8 and 13: `reindex` through a symlinked index
/// replaced the link with a folder; `--index . reindex` failed.
#[test]
fn reindex_keeps_a_symlink_and_works_on_the_current_folder() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let link = s.path("link");
    std::os::unix::fs::symlink(s.index(), &link).unwrap();
    let run = s
        .bare()
        .arg("--index")
        .arg(&link)
        .args(["reindex", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(s.hits(&["Taiwan", "--exact"]).len(), 5);
    let here = s
        .bare()
        .current_dir(s.index())
        .args(["--index", ".", "reindex", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(
        here.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&here.stderr)
    );
    assert_eq!(s.hits(&["Taiwan", "--exact"]).len(), 5);
    // Nothing left beside the index.
    let leftovers: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("reindex") || n.contains("retired"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Reliability sweep, item 14: the JSON Lines cap counted escaped bytes, so a
/// 5.2 MB Chinese statement written with `\uXXXX` escapes was refused.
#[test]
fn the_json_lines_cap_is_on_the_statement_not_on_its_escapes() {
    let s = Sandbox::new();
    let text: String = "台".repeat(1_800_000); // 5.4 MB of UTF-8, 10.8 MB escaped
    let escaped: String = text
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect();
    let line = Record::new("big")
        .lang("zh")
        .text("x")
        .json_line()
        .replace("\"text\":\"x\"", &format!("\"text\":\"{escaped}\""));
    assert!(line.len() > 10 * 1024 * 1024);
    let run = s.run_with_stdin(&["ingest", "-", "--json"], &format!("{line}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.hits(&["台台台", "--exact"]).len(), 1);
}

/// Reliability sweep, item 2: a kill in the first milliseconds of the first
/// ingest left `meta.json` without the readouts payload, and every later
/// command refused the index ("schema version unknown").
#[test]
fn a_first_ingest_killed_before_its_first_commit_leaves_an_index_the_next_run_finishes() {
    let s = Sandbox::new();
    // What the kill leaves: tantivy's meta.json, no payload, no segment.
    std::fs::create_dir_all(s.index()).unwrap();
    let schema = readouts::index::IndexSchema::load().unwrap();
    tantivy::Index::create_in_dir(s.index(), schema.schema).unwrap();
    let search = s.run(&["search", "Taiwan"]);
    assert_eq!(search.code, 2);
    assert!(
        search.stderr.contains("never finished"),
        "{}",
        search.stderr
    );
    let run = s.ingest_fixtures();
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!(summary[0].added, 6);
    assert_eq!(s.hits(&["Taiwan", "--exact"]).len(), 5);
}

/// Reliability sweep, item 12: a failed reindex left its staging folder (a
/// full copy) until the next successful reindex.
#[test]
fn the_next_writer_removes_what_a_killed_reindex_left_beside_the_index() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let staging = s.path(".index.reindex-999999");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("segment"), vec![0u8; 4096]).unwrap();
    let retired = s.path(".index.retired-999998");
    std::fs::create_dir_all(&retired).unwrap();
    let run = s.run_with_stdin(
        &["ingest", "-", "--quiet"],
        &Record::new("x").text("More.").json_line(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!staging.exists() && !retired.exists());
}

/// Reliability sweep, item 5 (in part): a 1 MB title with 1,000 paragraphs
/// made a 711 MB index; 2.6 million tiny paragraphs needed 3.65 GB. Titles and
/// paragraphs per statement are capped, with a located error.
#[test]
fn a_huge_title_and_too_many_paragraphs_are_refused_by_name() {
    let s = Sandbox::new();
    let title = "T".repeat(3_000);
    let paragraphs = vec!["x"; 25_000].join("\n\n");
    let records = [
        Record::new("long-title").title(&title).text("One."),
        Record::new("many").text(&paragraphs),
        Record::new("fine").text("Fine."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--json"], &json_lines(&records));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("-:1: key \"title\": 3000 characters is over the 2000 cap"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("-:2: 25000 paragraphs is over the 20000 cap"),
        "{}",
        run.stderr
    );
    let summary: Vec<IngestSummary> = run.lines();
    assert_eq!((summary[0].added, summary[0].rejected), (1, 2));
}

/// The segment files in an index folder that tantivy's `.managed.json` does
/// not list (it garbage-collects only what it lists).
fn unmanaged_segment_files(index: &Path) -> Vec<String> {
    let managed: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(index.join(".managed.json")).unwrap())
            .unwrap();
    let mut unmanaged: Vec<String> = std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.len() > 32 && name.as_bytes()[..32].iter().all(u8::is_ascii_hexdigit))
        .filter(|name| !managed.contains(name))
        .collect();
    unmanaged.sort();
    unmanaged
}

/// Reliability sweep, item 9: an `ingest --wait` started during a `reindex`
/// wrote the old folder's list of managed files into the rebuilt one, whose
/// segments were then never garbage-collected.
#[test]
fn an_ingest_waiting_through_a_reindex_leaves_no_segment_unmanaged() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    let pause = s.path("reindex-holds-the-lock");
    let mut reindex = s
        .cmd()
        .args(["reindex", "--quiet"])
        .env(PAUSE_AFTER_LOCK, &pause)
        .spawn()
        .unwrap();
    wait_for_pause(&mut reindex, &pause);
    let mut ingest = s
        .cmd()
        .args(["ingest", "-", "--wait", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    ingest
        .stdin
        .take()
        .unwrap()
        .write_all(
            Record::new("late")
                .text("Written after the rebuild.")
                .json_line()
                .as_bytes(),
        )
        .unwrap();
    let pid = ingest.id();
    wait_until(&mut ingest, "ingest waiting for the lock", || sleeping(pid));
    // The reindex pauses at each lock it takes (the old index, then its
    // staging folder): let it through each time until it ends.
    let status = loop {
        let _ = std::fs::remove_file(&pause);
        if let Some(status) = reindex.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    assert!(status.success());
    assert!(ingest.wait().unwrap().success());
    assert_eq!(s.hits(&["rebuild", "--exact"]).len(), 1);
    assert_eq!(unmanaged_segment_files(&s.index()), Vec::<String>::new());
    // And what tantivy no longer needs is removed: a second ingest merges
    // and collects; the folder keeps only managed files.
    let again = s.run_with_stdin(
        &["ingest", "-", "--quiet"],
        &Record::new("later").text("Another.").json_line(),
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(unmanaged_segment_files(&s.index()), Vec::<String>::new());
}

/// Reliability sweep, item 6: reindex was quadratic in the records of one
/// JSON Lines file (25k records 1.25 s, 100k 27.6 s, 200k 91 s). Now each
/// record is looked up in a set: 200k records rebuild in a few seconds. A
/// long run (`cargo test --release --test readouts quadratic -- --ignored`);
/// the bound is loose on purpose, a quadratic rebuild misses it by far.
#[test]
#[ignore = "long run: cargo test --release --test readouts quadratic -- --ignored --nocapture"]
fn reindex_of_one_large_json_lines_file_is_not_quadratic() {
    let s = Sandbox::new();
    let file = s.path("many.jsonl");
    let records: Vec<Record> = (0..200_000)
        .map(|i| Record::new(&format!("r{i}")).text(&format!("Record {i} about trade.")))
        .collect();
    std::fs::write(&file, json_lines(&records)).unwrap();
    let run = s.run(&["ingest", file.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let started = std::time::Instant::now();
    let run = s.run(&["reindex", "--quiet"]);
    let took = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    eprintln!("reindex of 200,000 records from one JSON Lines file: {took:?}");
    assert!(took < std::time::Duration::from_secs(45), "{took:?}");
    assert_eq!(s.hits(&["\"record 199999\"", "--exact"]).len(), 1);
}
