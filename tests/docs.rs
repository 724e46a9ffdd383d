//! The docs render as written: every code fence of README.md, ARCHITECTURE.md,
//! BENCHMARKS.md, CHANGELOG.md and docs/*.md closes (an unclosed one turns the
//! rest of the page into code on GitHub: the cron example once did).

use std::path::{Path, PathBuf};

/// The Markdown files a reader sees.
fn markdown_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = [
        "README.md",
        "ARCHITECTURE.md",
        "BENCHMARKS.md",
        "CHANGELOG.md",
    ]
    .iter()
    .map(|f| root.join(f))
    .collect();
    for dir in ["docs", "fixtures", "index-schema"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                files.push(entry.path());
            }
        }
    }
    files
}

/// The fence problems of one Markdown text: a fence opened and never closed,
/// or a fence with an info string (` ```text `) where a closing one was due.
fn fence_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (line, backticks)
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let ticks = trimmed.chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            continue;
        }
        let rest = trimmed[ticks..].trim();
        match open {
            None => open = Some((i + 1, ticks)),
            Some((_, n)) if ticks >= n && rest.is_empty() => open = None,
            Some((at, _)) if !rest.is_empty() => problems.push(format!(
                "line {}: a fence `{}` inside the block opened at line {at} (is that block closed?)",
                i + 1,
                trimmed
            )),
            Some(_) => {}
        }
    }
    if let Some((at, _)) = open {
        problems.push(format!(
            "the code fence opened at line {at} is never closed"
        ));
    }
    problems
}

#[test]
fn every_code_fence_of_the_docs_closes() {
    let mut all = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for problem in fence_problems(&text) {
            all.push(format!("{}: {problem}", file.display()));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_fence_check_finds_an_unclosed_block() {
    let unclosed = "intro\n```text\n*/30 * * * * cron\n## Next\n```console\n$ x\n```\n";
    let problems = fence_problems(unclosed);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("line 5") && problems[0].contains("line 2"),
        "{problems:?}"
    );
    assert!(fence_problems("```text\na\n```\n\n````md\n```\n````\n").is_empty());
}

/// The code block that follows the line holding `marker` in `text`.
fn block_after(text: &str, marker: &str) -> Option<String> {
    let start = text.find(marker)?;
    let rest = &text[start..];
    let open = rest.find("```")?;
    let body = &rest[open..];
    let body = &body[body.find('\n')? + 1..];
    Some(body[..body.find("\n```")? + 1].to_string())
}

/// The README's first-search block is what `readouts search Taiwan` prints
/// first on the demo statements, for a user with nothing set up (a fresh
/// home, data and cache folder).
#[test]
fn the_readme_first_search_is_what_the_binary_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let shown = block_after(&readme, "<!-- checked by tests/docs.rs:")
        .expect("README.md has the checked first-search block");
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readouts"))
        .args(["search", "Taiwan"])
        .env_remove("READOUTS_INDEX")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&shown),
        "README.md shows\n{shown}\nbut the binary prints\n{}",
        stdout.lines().take(6).collect::<Vec<_>>().join("\n")
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    let summary = block_after(&readme, "and on stderr how many there are").unwrap();
    for line in summary.lines() {
        assert!(stderr.contains(line), "stderr lacks {line:?}:\n{stderr}");
    }
}

/// Every relative link of the README and docs/*.md names a file that exists
/// (the README's reference sections moved to docs/, and links must follow).
#[test]
fn every_relative_link_of_the_docs_names_a_file() {
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let dir = file.parent().unwrap();
        for (at, _) in text.match_indices("](") {
            let rest = &text[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !dir.join(target).exists() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to no file:\n{}",
        broken.join("\n")
    );
}
