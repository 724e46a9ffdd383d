//! The ingest progress bar: on stderr, only on a terminal, never with `--quiet`.
//!
//! It counts bytes (within a file too: three large JSON Lines files are not
//! "0/3 files" for minutes), with the rate and the time left, the records
//! read, which file of how many, and a stage of its own for the commit.

use std::cell::Cell;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::Progress;

/// An indicatif bar over the bytes of an ingest's sources.
pub struct Bar {
    bar: ProgressBar,
    sources: Cell<u64>,
    /// Bytes of the sources read whole.
    done: Cell<u64>,
    /// Records read before the current source.
    records_before: Cell<u64>,
    records: Cell<u64>,
    file: Cell<u64>,
    name: std::cell::RefCell<String>,
}

impl Bar {
    /// A bar that draws on stderr if it is a terminal and `quiet` is off.
    pub fn new(quiet: bool) -> Bar {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed}] {bar:24} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left · {msg}",
            )
            .expect("valid template"),
        );
        Bar {
            bar,
            sources: Cell::new(0),
            done: Cell::new(0),
            records_before: Cell::new(0),
            records: Cell::new(0),
            file: Cell::new(0),
            name: std::cell::RefCell::new(String::new()),
        }
    }

    fn show(&self) {
        let records = self.records.get();
        self.bar.set_message(format!(
            "{records} record{} · file {}/{} {}",
            if records == 1 { "" } else { "s" },
            self.file.get(),
            self.sources.get(),
            self.name.borrow()
        ));
    }
}

impl Progress for Bar {
    fn start(&self, sources: u64, bytes: u64) {
        self.sources.set(sources);
        self.bar.set_length(bytes);
    }

    fn reading(&self, path: &Path, number: u64) {
        self.file.set(number);
        // The file's name only: a long path would push the counts off the line.
        let name = path.file_name().unwrap_or(path.as_os_str());
        *self.name.borrow_mut() = name.to_string_lossy().into_owned();
        self.records_before.set(self.records.get());
        self.show();
    }

    fn read(&self, bytes: u64, records: u64) {
        // Called once a record: redraw every 256 records (the bar itself
        // draws at most 20 times a second), never when hidden.
        self.records.set(self.records_before.get() + records);
        if self.bar.is_hidden() || !records.is_multiple_of(256) {
            return;
        }
        self.bar.set_position(self.done.get() + bytes);
        self.show();
    }

    fn advance(&self, _path: &Path, bytes: u64) {
        self.done.set(self.done.get() + bytes);
        self.bar.set_position(self.done.get());
    }

    fn committing(&self) {
        self.bar.set_message(format!(
            "{} records read; committing (writing the index to disk)…",
            self.records.get()
        ));
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
