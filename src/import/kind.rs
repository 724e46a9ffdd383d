//! The kind of a statement (`readout`, `interview`, `press-conference`,
//! `joint-statement`) from its headings and speaker turns, and the shape
//! words around it: excerpts, first-person posts, calls and meetings.

use super::infer::Inferred;
use super::names::{is_interviewer, turn_label};
use super::tables::tables;
use super::text::{alnum_tokens, contains_any_ci};

/// The speaker turns of a statement.
pub(super) struct Turns {
    /// The label of every turn, in order.
    pub(super) labels: Vec<String>,
    /// Each label once, in order of first use.
    pub(super) distinct: Vec<String>,
    /// The label of the asking side, if one is an interviewer's.
    pub(super) interviewer: Option<String>,
}

impl Turns {
    /// The turns of a statement's paragraphs.
    pub(super) fn of(paras: &[String]) -> Turns {
        let labels: Vec<String> = paras
            .iter()
            .filter_map(|p| turn_label(p))
            .map(str::to_string)
            .collect();
        let mut distinct: Vec<String> = Vec::new();
        for l in &labels {
            if !distinct.contains(l) {
                distinct.push(l.clone());
            }
        }
        let interviewer = distinct.iter().find(|l| is_interviewer(l)).cloned();
        Turns {
            labels,
            distinct,
            interviewer,
        }
    }

    fn quoted(&self) -> String {
        self.distinct
            .iter()
            .map(|l| format!("\"{l}:\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The kind, and why.
pub(super) fn infer_kind(heads: &[&str], turns: &Turns) -> Inferred {
    let kinds = &tables().kinds;
    let heads_text = heads.join("\n");
    let named = |phrases: &[String]| contains_any_ci(&heads_text, phrases);
    let n = turns.distinct.len();
    if let Some(h) = heads
        .iter()
        .find(|h| contains_any_ci(h, &kinds.press_conference))
    {
        Inferred::new("press-conference", format!("heading {h:?}"))
    } else if let (true, Some(interviewer)) = (n >= 2, &turns.interviewer) {
        let why = format!("speaker turns {}, {interviewer:?} asking", turns.quoted());
        Inferred::new("interview", why)
    } else if n >= 1 && named(&kinds.interview) {
        let why = format!(
            "speaker turns {} under a heading naming an interview",
            turns.quoted()
        );
        Inferred::new("interview", why)
    } else if n >= 2 {
        let why = format!(
            "speaker turns {} (no interviewer named: check)",
            turns.quoted()
        );
        Inferred::new("interview", why)
    } else if named(&kinds.joint_statement) {
        Inferred::new("joint-statement", "heading says \"joint statement\"")
    } else if named(&kinds.readout) {
        Inferred::new("readout", "no speaker turns; the heading says \"readout\"")
    } else {
        Inferred::new(
            "readout",
            "no speaker turns: a statement reporting a call or meeting",
        )
    }
}

/// Do the headings call it a clip or an excerpt?
pub(super) fn is_excerpt(heads_text: &str) -> bool {
    contains_any_ci(heads_text, &tables().kinds.excerpt)
}

/// Is a readout's first paragraph written in the first person ("I just had
/// a very good telephone call …")?
pub(super) fn is_first_person(first_para: &str) -> bool {
    let kinds = &tables().kinds;
    let toks = alnum_tokens(first_para);
    let subject = toks
        .iter()
        .filter(|t| **t == kinds.first_person_subject)
        .count();
    let others = toks
        .iter()
        .filter(|t| kinds.first_person_words.iter().any(|w| w == *t))
        .count();
    subject >= 1 && others >= 2
}

/// A heading that is the compilation's label ("The US readout"), not a title.
pub(super) fn is_section_label(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    heading.split_whitespace().count() <= 5
        && tables()
            .kinds
            .section_labels
            .iter()
            .any(|k| lower.ends_with(k.as_str()))
}

/// What the statement reports: a `call`, a `meeting`, else `talks`.
pub(super) fn meeting_word(text: &str) -> &'static str {
    let lower: Vec<String> = alnum_tokens(text)
        .iter()
        .map(|t| t.to_lowercase())
        .collect();
    tables()
        .meetings
        .iter()
        .find(|m| {
            m.words.iter().any(|w| lower.contains(w))
                || m.strings.iter().any(|s| text.contains(s.as_str()))
        })
        .map_or("talks", |m| m.word.as_str())
}
