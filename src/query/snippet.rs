//! Snippets: a window of the passage around the first match, with the byte
//! ranges of every match, found by the same analysis as the index (so stems
//! and Chinese strings highlight correctly, whatever the original's width or
//! case).

use std::collections::HashSet;

use crate::analysis::{pieces, query_pieces, stem, Normalized, PieceKind, QueryPiece};

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

/// Finds query matches in passage text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    words: HashSet<String>,
    cjk: Vec<String>,
}

impl Highlighter {
    /// A highlighter for the positive text terms of a query.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Highlighter {
        let mut h = Highlighter::default();
        for term in terms {
            for piece in query_pieces(term) {
                match piece {
                    QueryPiece::Word(w) => {
                        h.words.insert(w);
                    }
                    QueryPiece::Cjk(c) => h.cjk.push(c),
                }
            }
        }
        h
    }

    /// Byte ranges of matches in the original `text`, sorted and merged.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let normalized = Normalized::new(text);
        let mut found = Vec::new();
        if !self.words.is_empty() {
            for piece in pieces(&normalized.text) {
                if piece.kind == PieceKind::Word && self.words.contains(&stem(piece.text)) {
                    found.push(
                        normalized.original_range(piece.start, piece.start + piece.text.len()),
                    );
                }
            }
        }
        for needle in &self.cjk {
            for (at, m) in normalized.text.match_indices(needle.as_str()) {
                found.push(normalized.original_range(at, at + m.len()));
            }
        }
        found.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (s, e) in found {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// A snippet of at most [`SNIPPET_CHARS`] characters around the first match.
    pub fn snippet(&self, text: &str) -> Snippet {
        let ranges = self.ranges(text);
        let total = text.chars().count();
        if total <= SNIPPET_CHARS {
            return Snippet {
                text: text.to_string(),
                highlights: ranges,
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
            .into_iter()
            .filter(|(s, e)| *e > start && *s < end)
            .map(|(s, e)| (s.max(start) - start + shift, e.min(end) - start + shift))
            .collect();
        Snippet {
            text: format!("{prefix}{}{suffix}", &text[start..end]),
            highlights,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(h: &Highlighter, text: &str) -> String {
        let s = h.snippet(text);
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
    fn highlights_stems_and_chinese() {
        let h = Highlighter::new(["readouts", "台湾"]);
        assert_eq!(
            marked(&h, "The READOUT differed; 台湾问题"),
            "The [READOUT] differed; [台湾]问题"
        );
        let h = Highlighter::new(["\"fascism and militarism\""]);
        assert_eq!(
            marked(&h, "against fascism and militarism,"),
            "against [fascism] [and] [militarism],"
        );
    }

    #[test]
    fn long_passages_are_windowed_around_the_first_match() {
        let text = format!("{} Taiwan {}", "word ".repeat(100), "tail ".repeat(100));
        let s = Highlighter::new(["taiwan"]).snippet(&text);
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
