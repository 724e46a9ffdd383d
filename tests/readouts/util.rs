//! The harness: a temp dir per test, the binary run hermetically.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::wire::Hit;

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
    pub fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Parse stdout as JSON Lines, one `T` a line (a type of [`crate::wire`]),
    /// and check that each parsed line serializes back to the same JSON.
    pub fn lines<T: serde::de::DeserializeOwned + serde::Serialize>(&self) -> Vec<T> {
        self.stdout.lines().map(parse_line).collect()
    }
}

/// Parse one line of JSON output strictly (see [`Run::lines`]).
pub fn parse_line<T: serde::de::DeserializeOwned + serde::Serialize>(line: &str) -> T {
    let value: serde_json::Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    let parsed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| {
        panic!(
            "{e}: the output is not a {}: {line}",
            std::any::type_name::<T>()
        )
    });
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        value,
        "{} does not give the same JSON back",
        std::any::type_name::<T>()
    );
    parsed
}

/// The seed fixtures as a folder of their own: a copy of `fixtures/*.md` and
/// `fixtures/compilations/`, without `fixtures/attribution/` (whose
/// statements would change every count the tests check), made once per test
/// process.
pub fn fixtures() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let copy = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("seed-fixtures-{}", std::process::id()))
            .join("fixtures");
        let _ = std::fs::remove_dir_all(&copy);
        for folder in ["", "compilations"] {
            std::fs::create_dir_all(copy.join(folder)).unwrap();
            for entry in std::fs::read_dir(source.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    std::fs::copy(&path, copy.join(folder).join(path.file_name().unwrap()))
                        .unwrap();
                }
            }
        }
        copy
    })
    .clone()
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

    /// The binary with a scrubbed environment and no index chosen: nothing of
    /// the caller's terminal, locale, logging or index choice leaks in.
    pub fn bare(&self) -> Command {
        self.bare_at(Path::new(env!("CARGO_BIN_EXE_readouts")))
    }

    /// [`Self::bare`] with the binary at another path (a link to it).
    pub fn bare_at(&self, binary: &Path) -> Command {
        let mut cmd = Command::new(binary);
        for var in [
            "COLUMNS",
            "LINES",
            "LANG",
            "LANGUAGE",
            "LC_ALL",
            "LC_CTYPE",
            "LC_MESSAGES",
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "TERM",
            "PAGER",
            "RUST_LOG",
            "RUST_BACKTRACE",
            "READOUTS_INDEX",
            PAUSE_AFTER_LOCK,
            PAUSE_BEFORE_READ,
            PAUSE_BEFORE_COMMIT,
        ] {
            cmd.env_remove(var);
        }
        cmd.env("LANG", "C.UTF-8")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        // A test run started in the background (`cargo test &`, nohup, CI
        // runners) hands its children SIGINT ignored; the binary is tested
        // as a terminal runs it, with the default.
        // SAFETY: `signal` is async-signal-safe; nothing else runs between
        // fork and exec here.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                Ok(())
            });
        }
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

/// The library's test hooks (`src/index/mod.rs`): set to a path, the binary
/// creates that file when it has taken the writer lock, or is about to make a
/// commit durable, and waits there until the file is removed.
pub const PAUSE_AFTER_LOCK: &str = "READOUTS_TEST_PAUSE_AFTER_LOCK";
pub const PAUSE_BEFORE_COMMIT: &str = "READOUTS_TEST_PAUSE_BEFORE_COMMIT";
pub const PAUSE_BEFORE_READ: &str = "READOUTS_TEST_PAUSE_BEFORE_READ";

/// How long a test waits for a state before it fails.
const STATE_TIMEOUT: Duration = Duration::from_secs(120);

/// Wait until `what()` holds, polling every 10 ms; fail if `child` exits
/// first or after [`STATE_TIMEOUT`].
pub fn wait_until(child: &mut Child, state: &str, mut what: impl FnMut() -> bool) {
    let start = Instant::now();
    loop {
        if what() {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the binary exited ({status}) before this state: {state}");
        }
        assert!(
            start.elapsed() < STATE_TIMEOUT,
            "no {state} after {STATE_TIMEOUT:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Wait until `child` has created the pause file `path` (it is then paused
/// at that hook).
pub fn wait_for_pause(child: &mut Child, path: &Path) {
    wait_until(child, &format!("pause file {}", path.display()), || {
        path.exists()
    });
}

/// True while the process's main thread sleeps (`std::thread::sleep`), as
/// the kernel reports it. Linux only.
pub fn sleeping(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/wchan")).is_ok_and(|w| w.contains("nanosleep"))
}

/// A test statement, written as a JSON Lines record or a statement file.
/// Unless set: publisher "The White House", country US, kind readout, lang
/// en, date 2021-01-22, title "Readout ID".
#[derive(Debug, Clone)]
pub struct Record {
    id: Option<String>,
    publisher: String,
    country: String,
    kind: String,
    lang: String,
    date: String,
    title: String,
    optional: Vec<(&'static str, String)>,
    text: String,
}

impl Record {
    pub fn new(id: &str) -> Record {
        Record {
            id: Some(id.to_string()),
            title: format!("Readout {id}"),
            ..Record::without_id()
        }
    }

    /// A statement file whose id is its file name (no `id` key).
    pub fn without_id() -> Record {
        Record {
            id: None,
            publisher: "The White House".into(),
            country: "US".into(),
            kind: "readout".into(),
            lang: "en".into(),
            date: "2021-01-22".into(),
            title: "Readout".into(),
            optional: Vec::new(),
            text: String::new(),
        }
    }

    pub fn publisher(mut self, v: &str) -> Record {
        self.publisher = v.into();
        self
    }
    pub fn country(mut self, v: &str) -> Record {
        self.country = v.into();
        self
    }
    pub fn kind(mut self, v: &str) -> Record {
        self.kind = v.into();
        self
    }
    pub fn lang(mut self, v: &str) -> Record {
        self.lang = v.into();
        self
    }
    pub fn date(mut self, v: &str) -> Record {
        self.date = v.into();
        self
    }
    pub fn title(mut self, v: &str) -> Record {
        self.title = v.into();
        self
    }
    pub fn text(mut self, v: &str) -> Record {
        self.text = v.into();
        self
    }
    pub fn speaker(self, v: &str) -> Record {
        self.optional("speaker", v)
    }
    pub fn event(self, v: &str) -> Record {
        self.optional("event", v)
    }
    pub fn url(self, v: &str) -> Record {
        self.optional("url", v)
    }
    pub fn translation_of(self, v: &str) -> Record {
        self.optional("translation_of", v)
    }
    fn optional(mut self, key: &'static str, v: &str) -> Record {
        self.optional.retain(|(k, _)| *k != key);
        self.optional.push((key, v.into()));
        self
    }

    /// The keys in the order written: id, the required ones, the optional
    /// ones as set, then the text (JSON Lines only).
    fn keys(&self) -> Vec<(&str, &str)> {
        let mut keys: Vec<(&str, &str)> = Vec::new();
        if let Some(id) = &self.id {
            keys.push(("id", id));
        }
        keys.extend([
            ("publisher", self.publisher.as_str()),
            ("country", &self.country),
            ("kind", &self.kind),
            ("lang", &self.lang),
            ("date", &self.date),
            ("title", &self.title),
        ]);
        keys.extend(self.optional.iter().map(|(k, v)| (*k, v.as_str())));
        keys
    }

    /// One JSON Lines record, without a line break.
    pub fn json_line(&self) -> String {
        let q = |v: &str| serde_json::to_string(v).unwrap();
        let mut fields: Vec<String> = self
            .keys()
            .into_iter()
            .map(|(k, v)| format!("{}:{}", q(k), q(v)))
            .collect();
        fields.push(format!("\"text\":{}", q(&self.text)));
        format!("{{{}}}", fields.join(","))
    }

    /// A statement file: TOML front matter between `+++` lines, a blank line,
    /// the text and a final line break.
    pub fn statement_file(&self) -> String {
        // A JSON string is a TOML basic string for the characters used here.
        let front: String = self
            .keys()
            .into_iter()
            .map(|(k, v)| format!("{k} = {}\n", serde_json::to_string(v).unwrap()))
            .collect();
        format!("+++\n{front}+++\n\n{}\n", self.text)
    }
}

/// JSON Lines records joined by line breaks (no final one).
pub fn json_lines(records: &[Record]) -> String {
    records
        .iter()
        .map(Record::json_line)
        .collect::<Vec<_>>()
        .join("\n")
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

#[test]
fn the_record_builder_writes_both_forms() {
    assert_eq!(
        Record::new("r1").text("Canada \"and\" Mexico.").json_line(),
        r#"{"id":"r1","publisher":"The White House","country":"US","kind":"readout","lang":"en","date":"2021-01-22","title":"Readout r1","text":"Canada \"and\" Mexico."}"#
    );
    assert_eq!(
        Record::without_id()
            .country("CN")
            .lang("zh")
            .title("T")
            .event("e")
            .speaker("S")
            .text("第一段。\n\n第二段。")
            .statement_file(),
        "+++\npublisher = \"The White House\"\ncountry = \"CN\"\nkind = \"readout\"\nlang = \"zh\"\ndate = \"2021-01-22\"\ntitle = \"T\"\nevent = \"e\"\nspeaker = \"S\"\n+++\n\n第一段。\n\n第二段。\n"
    );
}

/// Spawn `cmd` with the test hook `hook` pointed at the pause file `pause`,
/// and wait until it is paused there.
pub fn paused(mut cmd: std::process::Command, hook: &str, pause: &Path) -> Child {
    let mut child = cmd
        .env(hook, pause)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_pause(&mut child, pause);
    child
}

pub fn ingest_cmd(s: &Sandbox, file: &Path) -> std::process::Command {
    let mut cmd = s.cmd();
    cmd.args(["ingest", file.to_str().unwrap(), "--quiet"]);
    cmd
}

/// SIGKILL `child` and reap it.
pub fn kill_9(mut child: Child) {
    child.kill().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&child.wait().unwrap()),
        Some(libc::SIGKILL)
    );
}
