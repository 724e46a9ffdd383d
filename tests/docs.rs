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
