//! Paragraphs: one per line, a line joined to the one before it only where
//! the wrap is evident.

use super::datelines::dateline;
use super::dates::date_line;
use super::names::turn_label;
use crate::analysis::is_cjk;
use crate::analysis::script::is_han;

/// One paragraph of the compilation: usually one line.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub(super) lines: Vec<String>,
    /// 1-based line of the first line.
    pub(super) line: usize,
}

impl Para {
    /// The paragraph as one string (lines joined by a space, none between CJK).
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            let join = out.chars().next_back().is_some_and(is_cjk)
                && line.chars().next().is_some_and(is_cjk);
            if !out.is_empty() && !join {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    }
}

fn clean_line(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'))
        .to_string()
}

/// The paragraphs of a compilation's text, blank lines dropped.
pub(super) fn paragraphs(text: &str) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut after_blank = true;
    for (i, raw) in text.split('\n').enumerate() {
        let line = clean_line(raw);
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        if !after_blank {
            if let Some(last) = out.last_mut() {
                let prev = last.lines.last().map(String::as_str).unwrap_or("");
                if continues(prev, &line) {
                    last.lines.push(line);
                    continue;
                }
            }
        }
        out.push(Para {
            lines: vec![line],
            line: i + 1,
        });
        after_blank = false;
    }
    out
}

/// Is `next` evidently the continuation of a hard-wrapped `prev`?
fn continues(prev: &str, next: &str) -> bool {
    if turn_label(next).is_some() || dateline(next).is_some() || date_line(next, 0).is_some() {
        return false;
    }
    let last = prev.chars().next_back();
    let first = next.chars().next();
    if first.is_some_and(char::is_lowercase) && !ends_sentence(prev) {
        return true;
    }
    if last.is_some_and(|c| matches!(c, ',' | '，' | '、' | ';' | '；')) {
        return true;
    }
    last.is_some_and(is_han) && first.is_some_and(is_cjk) && prev.chars().count() >= 40
}

/// Closing quotes and brackets, looked through at the end of a sentence.
pub(super) const CLOSERS: &[char] = &[
    ')', '）', '"', '”', '’', '\'', '」', '』', '】', ']', '》', '〉',
];

/// Does `text` end with sentence punctuation (closing quotes aside)?
pub(super) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(CLOSERS);
    trimmed
        .chars()
        .next_back()
        .is_some_and(|c| ".!?。！？:：;；…".contains(c))
}
