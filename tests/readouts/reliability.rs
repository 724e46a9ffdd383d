//! Bad input and index faults (../shared/RELIABILITY.md), one test per case.

use serde_json::Value;

use crate::util::*;

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
    let again: Vec<Value> = s.ingest_fixtures().lines();
    assert_eq!(
        again[0]["unchanged"], 6,
        "reindex keeps content hashes stable"
    );
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
    let summary: Vec<Value> = run.lines();
    assert_eq!(summary[0]["added"], 6);
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
        let summary: Vec<Value> = run.lines();
        assert_eq!(summary[0]["rejected"], 3);
        assert_eq!(summary[0]["added"], 0);
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
        format!(
            r#"{{"id":"{id}","publisher":"The White House","country":"US","kind":"readout","lang":"en","date":"2021-01-22","title":"T","text":"Canada and Mexico."}}"#
        )
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
    let summary: Vec<Value> = run.lines();
    assert_eq!(summary[0]["added"], 2);
    assert_eq!(summary[0]["rejected"], 5);
}

/// RELIABILITY 7: an index folder the user cannot write. Tests run as root
/// here, so the binary runs as `nobody` through runuser; skipped where that
/// is not possible.
#[test]
fn a_read_only_index_is_searched_and_ingest_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    s.ingest_fixtures();
    let as_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let runuser = std::path::Path::new("/usr/sbin/runuser");
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_readouts"));
    let reachable = binary.ancestors().skip(1).all(|d| {
        d.metadata()
            .map(|m| m.permissions().mode() & 0o001 != 0)
            .unwrap_or(false)
    });
    if !(as_root && runuser.exists() && reachable) {
        eprintln!("skipped: needs root, runuser and a binary path others can reach");
        return;
    }
    for p in [s.dir.path().to_path_buf(), s.index()] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for e in std::fs::read_dir(s.index()).unwrap() {
        std::fs::set_permissions(e.unwrap().path(), std::fs::Permissions::from_mode(0o644))
            .unwrap();
    }
    let as_nobody = |args: &[&str]| {
        std::process::Command::new(runuser)
            .args(["-u", "nobody", "--"])
            .arg(binary)
            .arg("--index")
            .arg(s.index())
            .args(args)
            .env_remove("READOUTS_INDEX")
            .output()
            .unwrap()
    };
    let search = as_nobody(&["search", "Taiwan", "--exact", "--json"]);
    assert_eq!(
        search.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&search.stdout).lines().count(), 5);
    let ingest = as_nobody(&["ingest", fixtures().to_str().unwrap()]);
    assert_eq!(ingest.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&ingest.stderr).contains("not writable"),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    assert_eq!(as_nobody(&["verify"]).status.code(), Some(0));
}

/// RELIABILITY 6: disk full during ingest. Needs root to mount a 2 MB tmpfs;
/// skipped where mounting is not possible.
#[test]
fn disk_full_fails_clearly_keeps_the_last_commit_and_a_rerun_completes() {
    struct Mount(std::path::PathBuf);
    impl Drop for Mount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let s = Sandbox::new();
    let mount_point = s.path("small");
    std::fs::create_dir_all(&mount_point).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mount_point)
        .stderr(std::process::Stdio::null())
        .status()
        .map(|st| st.success())
        .unwrap_or(false);
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let _guard = Mount(mount_point.clone());
    let index = mount_point.join("index");
    let run = |args: &[&str]| {
        let out = s
            .bare()
            .arg("--index")
            .arg(&index)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(
        run(&["ingest", fixtures().to_str().unwrap(), "--quiet"]).0,
        Some(0)
    );
    let big = s.path("big.jsonl");
    let records: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id":"b{i}","publisher":"P","country":"US","kind":"readout","lang":"en","date":"2021-01-01","title":"t","text":"Record {i} about unique{i} words and more words to fill the index."}}"#))
        .collect();
    std::fs::write(&big, records.join("\n")).unwrap();
    let (code, _, stderr) = run(&["ingest", big.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (_, stats, _) = run(&["stats", "--json"]);
    assert!(stats.contains("\"documents\":6,"), "{stats}");
    assert_eq!(run(&["verify"]).0, Some(0));
    let remounted = std::process::Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&mount_point)
        .status()
        .unwrap();
    assert!(remounted.success());
    let (code, _, stderr) = run(&["ingest", big.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (_, stats, _) = run(&["stats", "--json"]);
    assert!(stats.contains("\"documents\":20006,"), "{stats}");
}

/// RELIABILITY 16: a 20 MB JSON Lines record is refused by the size cap and
/// the next line still ingested.
#[test]
fn a_twenty_megabyte_line_is_refused_and_the_rest_ingested() {
    let s = Sandbox::new();
    let huge = format!(
        r#"{{"id":"huge","publisher":"P","country":"US","kind":"readout","lang":"en","date":"2021-01-01","title":"t","text":"{}"}}"#,
        "word ".repeat(4_000_000)
    );
    let small = r#"{"id":"small","publisher":"P","country":"US","kind":"readout","lang":"en","date":"2021-01-01","title":"t","text":"Small record."}"#;
    std::fs::write(s.path("x.jsonl"), format!("{huge}\n{small}\n")).unwrap();
    let run = s.run(&["ingest", s.path("x.jsonl").to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("x.jsonl:1: record of 19.1 MB is over the 10 MB cap"),
        "{}",
        run.stderr
    );
    assert_eq!(run.lines::<Value>()[0]["added"], 1);
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
