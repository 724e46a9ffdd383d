//! Output for people and for scripts: [`text`] (coloured on a terminal),
//! [`json`] (JSON Lines), [`progress`] (an indicatif bar on stderr).
//!
//! Results go to stdout; decoration, summaries and progress go to stderr.

pub mod counts;
pub mod csv;
pub mod format;
pub mod json;
pub mod kwic;
pub mod measure;
pub mod problems;
pub mod progress;
pub mod research;
pub mod series;
pub mod svg;
pub mod text;

use std::io::IsTerminal;

pub use format::Format;

/// When to colour human output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set and not empty.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Decide for stdout.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Styles for the given decision.
    pub fn new(color: bool) -> Style {
        Style { color }
    }

    fn wrap(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// A match inside a snippet.
    pub fn matched(&self, text: &str) -> String {
        self.wrap("1;31", text)
    }

    /// Attribution heading.
    pub fn heading(&self, text: &str) -> String {
        self.wrap("1;36", text)
    }

    /// Secondary information.
    pub fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
}

/// Who a passage is by, for people: `turn: Name (asks)` where someone speaks
/// it, `reported: A, B` where it reports others, both when both apply, empty
/// for narration. Never the statement's principal speaker on a paragraph that
/// someone else speaks.
pub fn who(speaker: Option<&str>, role: Option<&str>, reported: &[String]) -> String {
    let mut parts = Vec::new();
    if let Some(s) = speaker {
        parts.push(match role {
            Some(r) => format!("turn: {s} ({r})"),
            None => format!("turn: {s}"),
        });
    }
    if !reported.is_empty() {
        parts.push(format!("reported: {}", reported.join(", ")));
    }
    parts.join(" · ")
}
