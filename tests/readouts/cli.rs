//! The command line itself: generated completions and man page, help with
//! examples and the query syntax, exit codes, `--quiet`, closed pipes, and
//! the date forms of `--since`/`--until`.

use std::process::Stdio;

use crate::util::*;

fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.ingest_fixtures();
    s
}

#[test]
fn completions_are_scripts_for_each_shell() {
    let s = Sandbox::new();
    let bash = s.run(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("readouts"), "{}", bash.stdout);
    assert!(bash.stdout.contains("complete"), "{}", bash.stdout);
    assert!(
        bash.stdout.contains("reindex"),
        "every command is completed"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let run = s.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("readouts"), "{shell}");
    }
    assert_eq!(s.run(&["completions", "tcsh"]).code, 2);
    assert!(!s.index().exists(), "no index is made for documentation");
}

#[test]
fn man_prints_one_roff_page_for_every_command() {
    let s = Sandbox::new();
    let run = s.run(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(".TH"), "{}", &run.stdout[..80]);
    for section in [
        ".SH NAME",
        ".SH \"READOUTS SEARCH\"",
        ".SH \"READOUTS REINDEX\"",
        ".SH \"QUERY SYNTAX\"",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(run.stdout.contains(section), "{section}");
    }
    assert!(
        run.stdout.contains("quiet"),
        "reindex --quiet is documented"
    );
}

#[test]
fn search_help_shows_examples_and_the_syntax_table() {
    let s = Sandbox::new();
    let long = s.run(&["search", "--help"]);
    assert_eq!(long.code, 0);
    assert!(
        long.stdout
            .contains("readouts search '\"Taiwan question\"' --lang en"),
        "{}",
        long.stdout
    );
    for row in [
        "taiwan OR 台湾",
        "taiwan -ukraine",
        "date:[2025-11-01 TO 2025-11-30]",
    ] {
        assert!(long.stdout.contains(row), "{row}: {}", long.stdout);
    }
    let short = s.run(&["search", "-h"]);
    assert!(short.stdout.contains("Examples:"), "{}", short.stdout);
    assert!(
        !short.stdout.contains("date:[2025-11-01 TO"),
        "-h stays short"
    );
    for command in [
        "ingest", "import", "show", "compare", "count", "timeline", "stats", "verify", "reindex",
    ] {
        let run = s.run(&[command, "--help"]);
        assert!(
            run.stdout
                .contains(&format!("Examples:\n  readouts {command}")),
            "{command}: {}",
            run.stdout
        );
    }
}

/// Split an example line as a shell would (quotes, no expansion).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn the_help_examples_of_the_reading_commands_work_on_the_seed() {
    let s = sandbox();
    let mut ran = 0;
    for command in ["search", "show", "compare", "count", "timeline", "stats"] {
        let help = s.run(&[command, "--help"]).stdout;
        let examples = help.split("Examples:\n").nth(1).unwrap();
        for line in examples
            .lines()
            .take_while(|l| l.starts_with("  readouts "))
        {
            if line.contains("--index") || line.contains(['|', '<', '>']) {
                continue;
            }
            let words = shell_words(line);
            let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
            let run = s.run(&args);
            assert_eq!(run.code, 0, "{line}: {}", run.stderr);
            assert!(!run.stdout.is_empty(), "{line}");
            ran += 1;
        }
    }
    assert!(ran >= 15, "{ran}");
}

#[test]
fn syntax_prints_the_reference_without_an_index() {
    let s = Sandbox::new();
    let run = s.run(&["syntax"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for part in [
        "taiwan soybeans",
        "taiwan NOT ukraine",
        "\"fascism and militarism\"",
        "(taiwan OR 台湾) soybeans",
        "publisher:xinhua",
        "date:2025-11, date:2025",
        "date:[2025-11-01 TO 2025-11-30]",
        "Fields: text (body), title, publisher",
        "--since and --until",
    ] {
        assert!(run.stdout.contains(part), "{part}: {}", run.stdout);
    }
    assert!(!s.index().exists());
}

#[test]
fn reindex_quiet_says_nothing_on_success() {
    let s = sandbox();
    let quiet = s.run(&["reindex", "--quiet"]);
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, "");
    let loud = s.run(&["reindex"]);
    assert_eq!(loud.code, 0);
    assert!(loud.stderr.contains("rebuilt"), "{}", loud.stderr);
    assert_eq!(s.hits(&["Taiwan", "--exact"]).len(), 5);
}

#[test]
fn exit_codes_say_found_not_found_and_error() {
    let s = sandbox();
    let hit = s.run(&["search", "Taiwan"]);
    assert_eq!(hit.code, 0, "{}", hit.stderr);
    let none = s.run(&["search", "zeppelin"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(none.stderr.contains("no passages match"), "{}", none.stderr);
    let bad = s.run(&["search", "(taiwan"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("invalid query"), "{}", bad.stderr);
    assert_eq!(s.run(&["count", "soybeans", "--by", "lang"]).code, 0);
    assert_eq!(s.run(&["count", "zeppelin", "--by", "lang"]).code, 1);
    assert_eq!(s.run(&["timeline", "zeppelin"]).code, 1);
    assert_eq!(s.run(&["count", "soybeans", "--by", "colour"]).code, 2);
    assert_eq!(s.run(&["show", "no-such-statement"]).code, 2);
    assert_eq!(s.run(&["stats"]).code, 0);
    assert_eq!(s.run(&["verify"]).code, 0);
    assert_eq!(s.run(&["--help"]).code, 0);
    assert_eq!(s.run(&[]).code, 2);
}

/// Run with stdout a pipe whose reader is gone before anything is written.
fn into_closed_pipe(s: &Sandbox, args: &[&str]) -> (i32, String) {
    let mut child = s
        .cmd()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let s = sandbox();
    for args in [
        &["compare", "--event", EVENT, "--csv"][..],
        &["compare", "--event", EVENT, "--json"],
        &["search", "Trump OR China", "--limit", "100"],
        &["search", "Taiwan", "--json"],
        &["completions", "bash"],
        &["man"],
        &["syntax"],
    ] {
        let (code, stderr) = into_closed_pipe(&s, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("readouts: "), "{args:?}: {stderr}");
    }
}

fn doc_ids(s: &Sandbox, args: &[&str]) -> Vec<String> {
    let mut args = args.to_vec();
    args.extend(["--limit", "100"]);
    ids(&s.hits(&args)).into_iter().map(String::from).collect()
}

#[test]
fn since_and_until_take_a_year_a_month_or_a_day() {
    let s = sandbox();
    // Trump is named in five statements: three of 2025-11-24, two of 2025-11-25.
    let all = doc_ids(&s, &["Trump"]);
    assert_eq!(all.len(), 5, "{all:?}");
    let day_after = doc_ids(&s, &["Trump", "--since", "2025-11-25"]);
    assert_eq!(
        day_after,
        [
            "kantei-2025-11-25-takaichi-press-conference",
            "mofa-2025-11-25-japan-us-summit-telephone-talk"
        ]
    );
    let until_day = doc_ids(&s, &["Trump", "--until", "2025-11-24"]);
    assert_eq!(until_day.len(), 3, "{until_day:?}");
    // A month or a year: --since from its first day, --until to its last.
    for (since, until) in [
        ("2025-11", "2025-11"),
        ("2025", "2025"),
        ("2025-01", "2025-12"),
    ] {
        assert_eq!(
            doc_ids(&s, &["Trump", "--since", since, "--until", until]),
            all,
            "{since}..{until}"
        );
    }
    assert!(doc_ids(&s, &["Trump", "--since", "2025-12"]).is_empty());
    assert!(doc_ids(&s, &["Trump", "--until", "2025-10"]).is_empty());
    assert!(doc_ids(&s, &["Trump", "--since", "2026"]).is_empty());
    assert!(doc_ids(&s, &["Trump", "--until", "2024"]).is_empty());
    // The same as the date: field.
    assert_eq!(
        doc_ids(&s, &["Trump", "--since", "2025-11", "--until", "2025-11"]),
        doc_ids(&s, &["Trump date:2025-11"])
    );
    assert_eq!(
        doc_ids(&s, &["Trump", "--since", "2025-11-25"]),
        doc_ids(&s, &["Trump date:>=2025-11-25"])
    );
    // count and timeline read them too.
    let counted = s.run(&[
        "count", "Trump", "--by", "year", "--since", "2025", "--json",
    ]);
    assert_eq!(counted.code, 0, "{}", counted.stderr);
    // Refused: impossible or misshapen dates, and an empty span.
    for bad in [
        &["search", "Trump", "--since", "2025-13"][..],
        &["search", "Trump", "--until", "2025-1"],
        &["search", "Trump", "--since", "2025-02-30"],
        &[
            "search", "Trump", "--since", "2025-12", "--until", "2025-11",
        ],
        &["timeline", "Trump", "--until", "11/2025"],
    ] {
        let run = s.run(bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
}
