//! Snippets: a window of the passage around the first match, with the byte
//! ranges of every match, found by the same analysis as the index (so stems,
//! phrases and Chinese strings highlight correctly, whatever the original's
//! width, case or script), and which query forms matched.

use super::build::Source;
use crate::analysis::{pieces, stem_with, Analysis, Normalized, PieceKind};

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;
/// How much context precedes the first match, in characters.
const LEAD_CHARS: usize = 60;

/// A fragment of a passage with highlighted byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The fragment, with `…` where it was cut.
    pub text: String,
    /// Byte ranges of matches within `text`, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// One form a query looks for: a term as written, or a glossary name it was
/// expanded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The form as written (query text or glossary name).
    pub label: String,
    /// The glossary concept, when the form is a glossary name.
    pub concept: Option<String>,
    /// Whether the form was added by glossary expansion (not typed).
    pub expanded: bool,
    /// Where the form comes from (written, concept, dictionary).
    pub source: Source,
    groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Group {
    /// Normalised words, not yet stemmed: a passage's language decides how.
    Words(Vec<String>),
    Cjk(String),
}

impl Form {
    /// A form for `label`, analysed like the index.
    pub fn new(label: &str, concept: Option<&str>, expanded: bool) -> Form {
        let mut groups: Vec<Group> = Vec::new();
        let normalized = Normalized::new(label);
        for piece in pieces(&normalized.text) {
            let text = piece.text.to_string();
            match (piece.kind, groups.last_mut()) {
                (PieceKind::Word, Some(Group::Words(ws))) => ws.push(text),
                (PieceKind::Word, _) => groups.push(Group::Words(vec![text])),
                (PieceKind::Cjk, _) => groups.push(Group::Cjk(text)),
            }
        }
        Form {
            label: label.to_string(),
            concept: concept.map(str::to_string),
            expanded,
            source: if expanded {
                Source::Concept
            } else {
                Source::Written
            },
            groups,
        }
    }

    /// The same form, from `source`.
    pub fn with_source(self, source: Source) -> Form {
        Form { source, ..self }
    }
}

/// Finds query forms in passage text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    forms: Vec<Form>,
}

/// Where forms matched in one text.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Original byte ranges, sorted and merged.
    pub ranges: Vec<(usize, usize)>,
    /// Indices of the forms that matched, in form order.
    pub forms: Vec<usize>,
}

impl Highlighter {
    /// A highlighter for forms.
    pub fn new(forms: Vec<Form>) -> Highlighter {
        Highlighter { forms }
    }

    /// A highlighter for plain terms (no glossary).
    pub fn for_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> Highlighter {
        Highlighter::new(
            terms
                .into_iter()
                .map(|t| Form::new(t, None, false))
                .collect(),
        )
    }

    /// The forms looked for.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// Find every form in the original `text` (of a statement analysed by default).
    pub fn find(&self, text: &str) -> Matches {
        self.find_in(text, Analysis::Default)
    }

    /// Find every form in the original `text` of a statement analysed by
    /// `analysis` (its language's).
    pub fn find_in(&self, text: &str, analysis: Analysis) -> Matches {
        let normalized = Normalized::new(text);
        let all = pieces(&normalized.text);
        let stems: Vec<Option<String>> = all
            .iter()
            .map(|p| (p.kind == PieceKind::Word).then(|| stem_with(analysis, p.text)))
            .collect();
        let mut found = Vec::new();
        let mut matched = Vec::new();
        for (f, form) in self.forms.iter().enumerate() {
            let mut form_ranges = Vec::new();
            let mut all_groups = !form.groups.is_empty();
            for group in &form.groups {
                let before = form_ranges.len();
                match group {
                    Group::Words(words) => {
                        let words: Vec<String> =
                            words.iter().map(|w| stem_with(analysis, w)).collect();
                        for start in 0..all.len().saturating_sub(words.len() - 1) {
                            let hit = words
                                .iter()
                                .enumerate()
                                .all(|(k, w)| stems[start + k].as_deref() == Some(w.as_str()));
                            if hit {
                                let last = &all[start + words.len() - 1];
                                form_ranges.push(normalized.original_range(
                                    all[start].start,
                                    last.start + last.text.len(),
                                ));
                            }
                        }
                    }
                    Group::Cjk(needle) => {
                        for (at, m) in normalized.text.match_indices(needle.as_str()) {
                            form_ranges.push(normalized.original_range(at, at + m.len()));
                        }
                    }
                }
                all_groups &= form_ranges.len() > before;
            }
            if all_groups {
                matched.push(f);
                found.extend(form_ranges);
            }
        }
        found.sort_unstable();
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (s, e) in found {
            match ranges.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => ranges.push((s, e)),
            }
        }
        Matches {
            ranges,
            forms: matched,
        }
    }

    /// A snippet of at most [`SNIPPET_CHARS`] characters around the first match.
    pub fn snippet(&self, text: &str) -> (Snippet, Matches) {
        self.snippet_in(text, Analysis::Default)
    }

    /// [`Highlighter::snippet`] of a statement analysed by `analysis`.
    pub fn snippet_in(&self, text: &str, analysis: Analysis) -> (Snippet, Matches) {
        let matches = self.find_in(text, analysis);
        (cut(text, &matches.ranges), matches)
    }
}

fn cut(text: &str, ranges: &[(usize, usize)]) -> Snippet {
    let total = text.chars().count();
    if total <= SNIPPET_CHARS {
        return Snippet {
            text: text.to_string(),
            highlights: ranges.to_vec(),
        };
    }
    let first = ranges.first().map_or(0, |r| r.0);
    let chars_before = text[..first].chars().count();
    let mut start_char = chars_before
        .saturating_sub(LEAD_CHARS)
        .min(total - SNIPPET_CHARS);
    // Start after a space when one is near, rather than inside a word.
    if start_char > 0 {
        let space = text
            .chars()
            .skip(start_char)
            .take(20)
            .position(char::is_whitespace);
        if let Some(k) = space.filter(|k| start_char + k < chars_before) {
            start_char += k + 1;
        }
    }
    let byte_at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
    let start = byte_at(start_char);
    let end = byte_at(start_char + SNIPPET_CHARS);
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = prefix.len();
    let highlights = ranges
        .iter()
        .filter(|(s, e)| *e > start && *s < end)
        .map(|(s, e)| {
            (
                (*s).max(start) - start + shift,
                (*e).min(end) - start + shift,
            )
        })
        .collect();
    Snippet {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(h: &Highlighter, text: &str) -> String {
        let (s, _) = h.snippet(text);
        let mut out = String::new();
        let mut at = 0;
        for (a, b) in s.highlights {
            out.push_str(&s.text[at..a]);
            out.push('[');
            out.push_str(&s.text[a..b]);
            out.push(']');
            at = b;
        }
        out.push_str(&s.text[at..]);
        out
    }

    #[test]
    fn highlights_stems_phrases_and_chinese() {
        let h = Highlighter::for_terms(["readouts", "台湾"]);
        assert_eq!(
            marked(&h, "The READOUT differed; 臺灣问题"),
            "The [READOUT] differed; [臺灣]问题"
        );
        let h = Highlighter::for_terms(["fascism and militarism"]);
        assert_eq!(
            marked(&h, "fascism, and against fascism and militarism,"),
            "fascism, and against [fascism and militarism],"
        );
    }

    #[test]
    fn reports_which_forms_matched() {
        let h = Highlighter::new(vec![
            Form::new("Taiwan", Some("taiwan"), false),
            Form::new("台湾", Some("taiwan"), true),
            Form::new("Ukraine", None, false),
        ]);
        assert_eq!(h.find("台湾问题").forms, [1]);
        assert_eq!(h.find("Taiwan and Ukraine").forms, [0, 2]);
    }

    #[test]
    fn long_passages_are_windowed_around_the_first_match() {
        let text = format!("{} Taiwan {}", "word ".repeat(100), "tail ".repeat(100));
        let (s, _) = Highlighter::for_terms(["taiwan"]).snippet(&text);
        assert!(
            s.text.starts_with("…word") && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "Taiwan");
    }
}
