//! NFKC normalization, lower case and Traditional→Simplified folding, with a
//! map back to the original text.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Characters that carry no text: zero-width spaces and joiners, BOM, soft
/// hyphen, bidirectional marks. They are removed so that `台\u{200B}湾` is `台湾`.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// CJK Unified Ideographs (the main block and Extension A): NFKC and lower
/// case leave them unchanged (the compatibility ideographs, which NFKC maps,
/// are elsewhere), so the common Chinese character skips both.
fn is_unified_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// A normalized text (NFKC, lower case, ignorables removed, Traditional Chinese
/// folded to Simplified) that remembers which
/// original bytes each normalized byte came from.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// `(normalized start, original start, original end)` for each chunk, in
    /// order; empty when the map is the identity (pure ASCII input).
    spans: Vec<(usize, usize, usize)>,
}

impl Normalized {
    /// Normalize `original`.
    ///
    /// The text is cut before every starter (combining class 0) and each chunk
    /// is normalized on its own; queries go through the same function, so the
    /// two sides always agree.
    pub fn new(original: &str) -> Normalized {
        let Normalized {
            mut text,
            mut spans,
        } = Normalized::new_pass(original);
        fixpoint(original, &mut text, &mut spans);
        Normalized { text, spans }
    }

    /// One normalisation pass, with its map.
    fn new_pass(original: &str) -> Normalized {
        if original.is_ascii() {
            return Normalized {
                text: original.to_ascii_lowercase(),
                spans: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut spans = Vec::with_capacity(original.len() / 2);
        let mut chunk_start = 0;
        let mut iter = original.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next_is_starter = iter
                .peek()
                .is_none_or(|(_, n)| n.is_ascii() || canonical_combining_class(*n) == 0);
            if !next_is_starter {
                continue;
            }
            let end = i + c.len_utf8();
            let chunk = &original[chunk_start..end];
            let norm_start = text.len();
            if chunk.len() == 1 {
                if !is_ignorable(c) {
                    text.push(c.to_ascii_lowercase());
                }
            } else if chunk.len() == c.len_utf8() && is_unified_ideograph(c) {
                // NFKC and lower case leave these as they are.
                text.push(c);
            } else {
                for n in chunk.nfkc() {
                    if !is_ignorable(n) {
                        text.extend(fold_case(n));
                    }
                }
            }
            if text.len() > norm_start {
                spans.push((norm_start, chunk_start, end));
            }
            chunk_start = end;
        }
        fold_traditional(&mut text);
        Normalized { text, spans }
    }

    /// One pass of [`Normalized::new`] (no fixpoint), text only.
    fn new_once(text: &str) -> String {
        Normalized::new_pass(text).text
    }

    /// The original byte range that normalized bytes `start..end` came from.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.spans.is_empty() {
            return (start, end);
        }
        let find = |at: usize| match self.spans.binary_search_by(|s| s.0.cmp(&at)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let first = self.spans[find(start)];
        let last = self.spans[find(end.saturating_sub(1).max(start))];
        (first.1, last.2)
    }
}

/// Lower case, and the one-to-one case foldings that lower case leaves apart:
/// Greek final sigma ς folds to σ (Unicode's CaseFolding.txt), so `ΟΔΟΣ`
/// (lower-cased σ, one character at a time) and `οδος` (written ς) are one
/// word. NFKC, before this, has already folded the compatibility forms (ϐ,
/// ϑ, ϕ, ſ).
fn fold_case(c: char) -> impl Iterator<Item = char> {
    let c = if c == 'ς' { 'σ' } else { c };
    c.to_lowercase()
}

/// Chunk-wise NFKC, lower-casing and removing ignorables can leave a text that
/// a second pass changes again (a mark an ignorable kept apart from its base, a
/// lower case that is not NFKC). Normalising must give the same text twice, or
/// a query and a document could be analysed apart: in those rare texts, repeat
/// until nothing changes, and map the result to the whole original.
fn fixpoint(original: &str, text: &mut String, spans: &mut Vec<(usize, usize, usize)>) {
    if !needs_second_pass(original) {
        return;
    }
    let mut rounds = 0;
    let mut again = Normalized::new_once(text);
    while again != *text && rounds < 4 {
        *text = again;
        again = Normalized::new_once(text);
        rounds += 1;
    }
    if rounds > 0 {
        *spans = vec![(0, 0, original.len())];
    }
}

/// Only texts with combining marks, ignorables or characters whose lower case
/// is not themselves beyond ASCII can change on a second pass.
fn needs_second_pass(original: &str) -> bool {
    original.chars().any(|c| {
        !c.is_ascii()
            && (canonical_combining_class(c) != 0
                || is_ignorable(c)
                || (c.is_uppercase()
                    || c.is_alphabetic() && !c.is_lowercase() && !crate::analysis::is_cjk(c)))
    })
}

/// Fold Traditional Chinese characters to Simplified (臺灣 → 台湾) so that either
/// script finds both. The conversion (fast2s) maps one three-byte character to
/// one three-byte character, so byte offsets, and the map back, are unchanged.
fn fold_traditional(text: &mut String) {
    // Han characters (and every Traditional one fast2s maps) start at
    // U+3400, whose UTF-8 lead byte is 0xE3: a text without such a byte (an
    // English passage with curly quotes) has nothing to fold.
    if !text.bytes().any(|b| b >= 0xE3) {
        return;
    }
    let folded = fast2s::convert(text);
    if folded.len() == text.len() {
        *text = folded;
    }
}

/// Normalize a text without keeping the map.
pub fn normalize(text: &str) -> String {
    Normalized::new(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Normalising twice gives what normalising once gives.
        #[test]
        fn normalizing_is_idempotent(text in "(\\PC|[\u{300}-\u{36F}\u{200B}-\u{200F}\u{FEFF}\u{00AD}İΣǅﬁ㍿Ⅻ]){0,12}") {
            let once = normalize(&text);
            proptest::prop_assert_eq!(normalize(&once), once);
        }
    }

    #[test]
    fn greek_final_sigma_folds_with_capital_sigma() {
        assert_eq!(Normalized::new("ΟΔΟΣ").text, Normalized::new("οδος").text);
        assert_eq!(Normalized::new("Οδός").text, Normalized::new("ΟΔΌΣ").text);
        assert_eq!(Normalized::new("οδος").text, "οδοσ");
    }

    #[test]
    fn nfkc_lowercase_and_ignorables() {
        assert_eq!(
            normalize("ＴＡＩＷＡＮ　台\u{200B}湾\u{FEFF}"),
            "taiwan 台湾"
        );
        assert_eq!(normalize("Cafe\u{301}"), "café");
        assert_eq!(normalize("a\u{00A0}b"), "a b");
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(normalize("臺灣問題 烏克蘭"), "台湾问题 乌克兰");
        let original = "他說臺灣";
        let n = Normalized::new(original);
        let at = n.text.find("台湾").unwrap();
        let (s, e) = n.original_range(at, at + "台湾".len());
        assert_eq!(&original[s..e], "臺灣");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let original = "Ｘｉ said 台\u{200B}湾";
        let n = Normalized::new(original);
        let at = n.text.find("台湾").unwrap();
        let (s, e) = n.original_range(at, at + "台湾".len());
        assert_eq!(&original[s..e], "台\u{200B}湾");
        let (s, e) = n.original_range(0, 2);
        assert_eq!(&original[s..e], "Ｘｉ");
    }
}
