//! The architecture rules of ARCHITECTURE.md, checked on the source tree:
//! dependencies run one way (analysis → model → formats → index → ingest /
//! query / import → output; `error` and `encoding` serve all), the library
//! has no clap, and files and functions stay small.

use std::path::{Path, PathBuf};

/// The library's modules in data-flow order; a module may use modules of a
/// lower rank only. `None`: the foundation, usable by every module.
fn rank(module: &str) -> Option<Option<u8>> {
    Some(match module {
        "error" | "encoding" | "lib" => None,
        "analysis" => Some(0),
        "model" => Some(1),
        "formats" => Some(2),
        "index" => Some(3),
        "ingest" | "query" | "import" | "acquire" => Some(4),
        "output" => Some(5),
        "serve" => Some(6),
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to (`None` for the binary's files).
fn module_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "main" && name != "cli").then_some(name)
}

/// Code lines (comments and doc comments left out).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// Every `crate::x` a line names.
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let name: String = rest[i + 7..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        out.push(name);
        rest = &rest[i + 7..];
    }
    out
}

#[test]
fn dependencies_run_one_way() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let own = rank(&module).unwrap_or_else(|| {
            panic!("{}: module {module} has no place in the data flow; add it to ARCHITECTURE.md and this test", file.display())
        });
        let text = std::fs::read_to_string(file).unwrap();
        for (line_no, line) in code_lines(&text) {
            for used in crate_paths(line) {
                if used == module || used.is_empty() {
                    continue;
                }
                let Some(theirs) = rank(&used) else {
                    violations.push(format!(
                        "{}:{line_no}: unknown module crate::{used}",
                        file.display()
                    ));
                    continue;
                };
                let allowed = match (own, theirs) {
                    (_, None) => true,
                    (None, Some(_)) => module == "lib",
                    (Some(a), Some(b)) => b < a,
                };
                if !allowed {
                    violations.push(format!(
                        "{}:{line_no}: {module} uses crate::{used}, which comes later in the data flow (or beside it)",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_library_has_no_clap() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files.iter().filter(|f| module_of(f).is_some()) {
        let text = std::fs::read_to_string(file).unwrap();
        for (line_no, line) in code_lines(&text) {
            assert!(
                !line.contains("clap"),
                "{}:{line_no}: the library must not use clap (the CLI lives in src/cli/)",
                file.display()
            );
        }
    }
}

/// Files ARCHITECTURE.md names as allowed to exceed the size limits, with why.
fn size_exceptions() -> Vec<String> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .unwrap();
    let Some(section) = doc.split("## Size exceptions").nth(1) else {
        return Vec::new();
    };
    let section = section.split("\n## ").next().unwrap_or("");
    section
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn files_and_functions_stay_small() {
    const MAX_FILE_LINES: usize = 400;
    const MAX_FN_LINES: usize = 80;
    let exceptions = size_exceptions();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut over = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > MAX_FILE_LINES && !exceptions.contains(&relative) {
            over.push(format!("{relative}: {} lines", lines.len()));
        }
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let body = trimmed
                .strip_prefix("pub(crate) ")
                .or_else(|| trimmed.strip_prefix("pub "))
                .unwrap_or(trimmed);
            let Some(signature) = body.strip_prefix("fn ") else {
                continue;
            };
            let name: String = signature
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let end = lines[i + 1..]
                .iter()
                .position(|l| *l == format!("{indent}}}"))
                .map(|n| n + 2);
            let key = format!("{relative}::{name}");
            if end.is_some_and(|n| n > MAX_FN_LINES) && !exceptions.contains(&key) {
                over.push(format!(
                    "{relative}:{}: fn {name}: {} lines",
                    i + 1,
                    end.unwrap()
                ));
            }
        }
    }
    assert!(
        over.is_empty(),
        "over {MAX_FILE_LINES} lines per file or {MAX_FN_LINES} per function (list real exceptions, with the reason, under \"Size exceptions\" in ARCHITECTURE.md):\n{}",
        over.join("\n")
    );
}

/// One output format: `--json` and `--csv` are declared once, in
/// `cli::args` (`RowsFormat`, `JsonFormat`, which give an
/// `output::Format`), never as a command's own `json: bool` or `csv: bool`.
#[test]
fn output_format_flags_are_declared_once() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut found = Vec::new();
    for file in files {
        if file.ends_with("cli/args.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, pair) in lines.windows(2).enumerate() {
            let (attr, field) = (pair[0].trim(), pair[1].trim());
            let flag = field.trim_start_matches("pub ");
            if attr.starts_with("#[arg(") && (flag == "json: bool," || flag == "csv: bool,") {
                found.push(format!("{}:{}: {field}", file.display(), i + 2));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a command declares its own format flag; flatten cli::args::RowsFormat or JsonFormat:\n{}",
        found.join("\n")
    );
}
