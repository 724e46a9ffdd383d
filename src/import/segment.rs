//! Segments: where statements begin. A heading or a dateline after text, or
//! a switch of script, starts a new statement; headings, a date line and
//! bracketed notes before its text belong to its head.

use std::path::Path;

use super::datelines::dateline;
use super::dates::{date_line, FoundDate};
use super::language::script_of;
use super::names::turn_label;
use super::paragraphs::{ends_sentence, Para, CLOSERS};
use crate::analysis::is_cjk;
use crate::analysis::script::Script;

/// What a line before a statement's text is.
#[derive(Debug, Clone)]
pub(super) enum HeadKind {
    Heading,
    Date(FoundDate),
    Note,
}

/// A line before a statement's text.
#[derive(Debug, Clone)]
pub(super) struct HeadLine {
    pub(super) kind: HeadKind,
    pub(super) text: String,
    pub(super) line: usize,
}

/// The lines of one statement: headings, date line and notes before its
/// text, then its body paragraphs.
#[derive(Debug, Clone, Default)]
pub(super) struct Segment {
    pub(super) head: Vec<HeadLine>,
    pub(super) body: Vec<Para>,
}

impl Segment {
    pub(super) fn first_line(&self) -> usize {
        self.head
            .first()
            .map(|h| h.line)
            .or_else(|| self.body.first().map(|p| p.line))
            .unwrap_or(1)
    }

    fn describe(&self) -> String {
        match self.head.first() {
            Some(h) => format!("{:?}", h.text),
            None => "this paragraph".to_string(),
        }
    }

    fn is_empty(&self) -> bool {
        self.head.is_empty() && self.body.is_empty()
    }

    fn has_text(&self) -> bool {
        self.body
            .iter()
            .any(|p| p.lines.iter().any(|l| l.chars().any(char::is_alphabetic)))
    }
}

enum Class {
    Note,
    DateLine(FoundDate),
    Heading,
    Dateline,
    Body,
}

fn classify(p: &Para) -> Class {
    let text = p.text();
    if p.lines.len() == 1 {
        if is_bracket_note(&text) {
            return Class::Note;
        }
        if let Some(d) = date_line(&text, p.line) {
            return Class::DateLine(d);
        }
    }
    if turn_label(&text).is_some() {
        return Class::Body;
    }
    if dateline(&text).is_some() {
        return Class::Dateline;
    }
    if p.lines.len() == 1 && heading_like(&text) {
        return Class::Heading;
    }
    Class::Body
}

fn is_bracket_note(text: &str) -> bool {
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| text.strip_prefix('【').and_then(|t| t.strip_suffix('】')));
    inner.is_some_and(|i| {
        !i.trim().is_empty() && i.chars().count() <= 100 && !i.contains(['[', ']'])
    })
}

/// A short line without sentence punctuation at its end: a heading or title.
fn heading_like(text: &str) -> bool {
    if ends_sentence(text) {
        return false;
    }
    let trimmed = text.trim_end_matches(CLOSERS);
    if trimmed
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, ',' | '，' | '、' | '-' | '—' | '–'))
    {
        return false;
    }
    let Some(first_letter) = text.chars().find(|c| c.is_alphabetic()) else {
        return false;
    };
    if first_letter.is_lowercase() {
        return false;
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    if cjk * 2 >= visible {
        cjk <= 60
    } else {
        text.split_whitespace().count() <= 25 && text.chars().count() <= 200
    }
}

/// Cut the paragraphs into statements.
pub(super) fn segment(paras: Vec<Para>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = Segment::default();
    let mut cur_script: Option<Script> = None;
    for p in paras {
        let class = classify(&p);
        let has_body = !cur.body.is_empty();
        let starts_new = match &class {
            Class::Heading | Class::Dateline => has_body,
            Class::Body => {
                let script = script_of(&p.text());
                has_body && script.is_some() && cur_script.is_some() && script != cur_script
            }
            Class::Note | Class::DateLine(_) => false,
        };
        if starts_new {
            out.push(std::mem::take(&mut cur));
            cur_script = None;
        }
        let kind = match class {
            _ if !cur.body.is_empty() => None,
            Class::Heading => Some(HeadKind::Heading),
            Class::Note => Some(HeadKind::Note),
            Class::DateLine(d) => Some(HeadKind::Date(d)),
            Class::Dateline | Class::Body => None,
        };
        match kind {
            Some(kind) => cur.head.push(HeadLine {
                kind,
                text: p.text(),
                line: p.line,
            }),
            None => {
                if cur_script.is_none() {
                    cur_script = script_of(&p.text());
                }
                cur.body.push(p);
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The segments with statement text; each one without is reported in
/// `unresolved` and dropped.
pub(super) fn with_text(
    path: &Path,
    segments: Vec<Segment>,
    unresolved: &mut Vec<String>,
) -> Vec<Segment> {
    segments
        .into_iter()
        .filter(|seg| {
            let has_text = seg.has_text();
            if !has_text {
                unresolved.push(format!(
                    "{}:{}: {} has no statement text under it; skipped",
                    path.display(),
                    seg.first_line(),
                    seg.describe()
                ));
            }
            has_text
        })
        .collect()
}
