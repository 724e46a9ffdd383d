//! The ingest progress bar: on stderr, only on a terminal, never with `--quiet`.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::Progress;

/// An indicatif bar over the sources of an ingest.
pub struct Bar {
    bar: ProgressBar,
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
                "{spinner} [{elapsed}] {bar:30} {pos}/{len} files {wide_msg}",
            )
            .expect("valid template"),
        );
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, sources: u64) {
        self.bar.set_length(sources);
    }

    fn advance(&self, path: &Path) {
        self.bar.set_message(path.display().to_string());
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.set_message("committing");
        self.bar.finish_and_clear();
    }
}
