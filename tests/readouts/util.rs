//! The harness: a temp dir per test, the binary run hermetically.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use readouts::query::Hit;

/// One test's sandbox.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Parse stdout as JSON Lines.
    pub fn lines<T: serde::de::DeserializeOwned>(&self) -> Vec<T> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn index(&self) -> PathBuf {
        self.path("index")
    }

    /// The binary with a scrubbed environment and no index chosen.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_readouts"));
        cmd.env_remove("NO_COLOR")
            .env_remove("PAGER")
            .env_remove("READOUTS_INDEX")
            .env_remove("CLICOLOR_FORCE")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        cmd
    }

    /// The binary on this sandbox's index.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--index").arg(self.index());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd().args(args).output().unwrap())
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        Run::from(child.wait_with_output().unwrap())
    }

    /// Ingest the fixtures; returns the run.
    pub fn ingest_fixtures(&self) -> Run {
        let run = self.run(&["ingest", fixtures().to_str().unwrap(), "--json", "--quiet"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    }

    /// `search ARGS --json` → hits (exit code checked: 0 with hits, 1 without).
    pub fn hits(&self, args: &[&str]) -> Vec<Hit> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        let run = self.run(&all);
        let hits: Vec<Hit> = run.lines();
        assert_eq!(
            run.code,
            if hits.is_empty() { 1 } else { 0 },
            "{}",
            run.stderr
        );
        hits
    }

    /// Copy the fixtures into a folder of the sandbox and return it.
    pub fn copy_fixtures(&self, name: &str) -> PathBuf {
        let dest = self.path(name);
        std::fs::create_dir_all(&dest).unwrap();
        for entry in std::fs::read_dir(fixtures()).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), dest.join(entry.file_name())).unwrap();
            }
        }
        dest
    }
}

pub fn ids(hits: &[Hit]) -> Vec<&str> {
    let mut ids: Vec<&str> = hits.iter().map(|h| h.doc_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    ids
}

pub const XINHUA_EN: &str = "xinhua-2025-11-24-xi-trump-call-en";
pub const XINHUA_ZH: &str = "xinhua-2025-11-24-xi-trump-call-zh";
pub const US_POST: &str = "us-2025-11-24-trump-post";
pub const CNBC: &str = "cnbc-2025-11-bessent-interview";
pub const KANTEI: &str = "kantei-2025-11-25-takaichi-press-conference";
pub const EVENT: &str = "2025-11-24-xi-trump-call";
