//! Acronyms as case-sensitive words: `US` is the United States, `us` the
//! pronoun; `WHO`, `UN`, `EU`, `G7`, `DPRK`, `ROK` likewise. The words
//! tokenizer lower-cases every word, so beside the lower-cased stem of a word
//! written in capitals it also emits the word as written, at the same
//! position ([`add_tokens`]). No other token has a capital letter (every
//! other is lower-cased), so the two can never meet; a query term or label
//! that is an acronym of a glossary concept is looked for as this token.

use tantivy::tokenizer::Token;

/// Longest acronym kept in capitals, in characters.
pub const MAX_ACRONYM_CHARS: usize = 6;

/// Two to six ASCII capitals and digits, with at least one capital: `US`,
/// `G7`, `DPRK`, `G20`.
pub fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=MAX_ACRONYM_CHARS).contains(&n)
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_uppercase())
}

/// After each token of `original` (a word-analysed value, its tokens'
/// offsets `shift` bytes on) whose text as written is an acronym, the same
/// token in capitals.
pub(super) fn add_tokens(tokens: Vec<Token>, original: &str, shift: usize) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let written = original
            .get(token.offset_from - shift..token.offset_to - shift)
            .filter(|w| is_acronym(w))
            .map(str::to_string);
        let position = token.position;
        let (from, to) = (token.offset_from, token.offset_to);
        out.push(token);
        if let Some(text) = written {
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text,
                position_length: 1,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{TokenStream, Tokenizer};

    fn terms(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = crate::analysis::tokenize::WordsTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn a_word_in_capitals_is_also_kept_as_written() {
        assert_eq!(
            terms("the US side and us"),
            [
                ("the", 0),
                ("us", 1),
                ("US", 1),
                ("side", 2),
                ("and", 3),
                ("us", 4)
            ]
            .map(|(t, p)| (t.to_string(), p))
        );
        assert!(terms("G7 and DPRK").iter().any(|(t, _)| t == "G7"));
        assert!(terms("Readout").iter().all(|(t, _)| t == "readout"));
        assert!(!is_acronym("U.S."));
        assert!(!is_acronym("A"));
        assert!(!is_acronym("Us"));
        assert!(!is_acronym("READOUTS"));
    }
}
