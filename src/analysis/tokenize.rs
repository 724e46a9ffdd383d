//! Splitting normalized text into pieces and tokens, and the tantivy tokenizers.

use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::canonical_combining_class;

use super::stem::{stem_with, unmark, Analysis};
use super::{is_cjk, Normalized};

/// Longer words are not indexed (tantivy silently drops terms over 65,530 bytes;
/// nothing a reader searches for is this long).
pub const MAX_WORD_BYTES: usize = 100;

/// Longest CJK run handed to jieba at once; longer runs are cut (bigrams still
/// cover the cut).
const MAX_JIEBA_RUN_CHARS: usize = 256;

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_cjk(c)) || (c > '\u{7f}' && canonical_combining_class(c) != 0)
}

/// What a piece of normalized text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Letters and digits of alphabetic scripts.
    Word,
    /// CJK characters.
    Cjk,
}

/// A maximal run of one kind in normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// Word or CJK run.
    pub kind: PieceKind,
    /// The run itself.
    pub text: &'a str,
    /// Byte offset in the normalized text.
    pub start: usize,
}

/// Split normalized text into word runs and CJK runs; all else separates.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut current: Option<(PieceKind, usize)> = None;
    for (i, c) in text.char_indices() {
        let kind = if is_cjk(c) {
            Some(PieceKind::Cjk)
        } else if is_word_char(c) {
            Some(PieceKind::Word)
        } else {
            None
        };
        match (current, kind) {
            (Some((k, _)), Some(n)) if k == n => {}
            (Some((k, s)), _) => {
                out.push(Piece {
                    kind: k,
                    text: &text[s..i],
                    start: s,
                });
                current = kind.map(|n| (n, i));
            }
            (None, _) => current = kind.map(|n| (n, i)),
        }
    }
    if let Some((k, s)) = current {
        out.push(Piece {
            kind: k,
            text: &text[s..],
            start: s,
        });
    }
    out
}

/// A token with its place in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The indexed term.
    pub text: String,
    /// Token position (consecutive for adjacent tokens).
    pub position: usize,
    /// Byte range in the normalized text.
    pub start: usize,
    /// End of the byte range in the normalized text.
    pub end: usize,
}

static JIEBA_USED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Has this process segmented any text with jieba (and so paid for loading its
/// dictionary, about 65 ms)? Queries never do; indexing Chinese text does.
pub fn jieba_loaded() -> bool {
    JIEBA_USED.load(std::sync::atomic::Ordering::Relaxed)
}

fn jieba() -> &'static tantivy_jieba::JiebaTokenizer {
    JIEBA_USED.store(true, std::sync::atomic::Ordering::Relaxed);
    static JIEBA: OnceLock<tantivy_jieba::JiebaTokenizer> = OnceLock::new();
    // Constructing the tokenizer is free; the dictionary loads on first use.
    JIEBA.get_or_init(|| tantivy_jieba::JiebaTokenizer::with_search_mode(false))
}

/// Segment a CJK run with jieba (precise mode, HMM on); offsets relative to the run.
fn jieba_words(run: &str, mut emit: impl FnMut(&str, usize, usize)) {
    let mut start = 0;
    while start < run.len() {
        let end = run[start..]
            .char_indices()
            .nth(MAX_JIEBA_RUN_CHARS)
            .map_or(run.len(), |(i, _)| start + i);
        let part = &run[start..end];
        let mut tokenizer = jieba().clone();
        let mut stream = tokenizer.token_stream(part);
        while let Some(t) = stream.next() {
            if t.text.chars().any(is_cjk) {
                emit(&t.text, start + t.offset_from, start + t.offset_to);
            }
        }
        start = end;
    }
}

/// Word tokens of a normalized text under the default analysis.
pub fn word_tokens(text: &str) -> Vec<AnalyzedToken> {
    word_tokens_with(Analysis::Default, text)
}

/// Word tokens of a normalized text: words stemmed under `analysis`, jieba words.
pub fn word_tokens_with(analysis: Analysis, text: &str) -> Vec<AnalyzedToken> {
    let mut out = Vec::new();
    for piece in pieces(text) {
        match piece.kind {
            PieceKind::Word => {
                if piece.text.len() <= MAX_WORD_BYTES {
                    out.push(AnalyzedToken {
                        text: stem_with(analysis, piece.text),
                        position: out.len(),
                        start: piece.start,
                        end: piece.start + piece.text.len(),
                    });
                }
            }
            PieceKind::Cjk => jieba_words(piece.text, |word, s, e| {
                out.push(AnalyzedToken {
                    text: word.to_string(),
                    position: out.len(),
                    start: piece.start + s,
                    end: piece.start + e,
                })
            }),
        }
    }
    out
}

/// Adjacent-pair tokens of the CJK runs of a normalized text. Pairs of one run
/// have consecutive positions; runs are kept at least one position apart so a
/// phrase never spans two runs.
pub fn cjk_bigram_tokens(text: &str) -> Vec<AnalyzedToken> {
    let mut out = Vec::new();
    let mut position = 0;
    for piece in pieces(text) {
        if piece.kind != PieceKind::Cjk {
            continue;
        }
        let chars: Vec<(usize, char)> = piece.text.char_indices().collect();
        for (k, pair) in chars.windows(2).enumerate() {
            let (s, a) = pair[0];
            let (_, b) = pair[1];
            let mut t = String::with_capacity(a.len_utf8() + b.len_utf8());
            t.push(a);
            t.push(b);
            out.push(AnalyzedToken {
                start: piece.start + s,
                end: piece.start + s + t.len(),
                text: t,
                position: position + k,
            });
        }
        position += chars.len() + 1;
    }
    out
}

/// The bigrams of a CJK string, in order.
pub fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// A query word or phrase, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryPiece {
    /// A stemmed word (or a word too long to be indexed, kept to match nothing).
    Word(String),
    /// A normalized CJK run, matched exactly through bigrams.
    Cjk(String),
}

/// Analyse query text like document text (default analysis), without jieba.
pub fn query_pieces(text: &str) -> Vec<QueryPiece> {
    query_pieces_with(Analysis::Default, text)
}

/// Analyse query text like the text of a statement analysed by `analysis`.
pub fn query_pieces_with(analysis: Analysis, text: &str) -> Vec<QueryPiece> {
    let normalized = Normalized::new(text);
    pieces(&normalized.text)
        .into_iter()
        .map(|p| match p.kind {
            PieceKind::Word => QueryPiece::Word(stem_with(analysis, p.text)),
            PieceKind::Cjk => QueryPiece::Cjk(p.text.to_string()),
        })
        .collect()
}

/// A token stream over a precomputed list.
#[derive(Default)]
pub struct VecTokenStream {
    pub(super) tokens: Vec<Token>,
    next: usize,
}

impl VecTokenStream {
    fn new(original: &str, analyze: impl Fn(&str) -> Vec<AnalyzedToken>) -> VecTokenStream {
        Self::shifted(original, 0, analyze)
    }

    /// Tokens of `original`, their offsets moved by `shift` bytes (the
    /// length of an analysis mark before it).
    fn shifted(
        original: &str,
        shift: usize,
        analyze: impl Fn(&str) -> Vec<AnalyzedToken>,
    ) -> VecTokenStream {
        let normalized = Normalized::new(original);
        let tokens = analyze(&normalized.text)
            .into_iter()
            .map(|t| {
                let (offset_from, offset_to) = normalized.original_range(t.start, t.end);
                Token {
                    offset_from: offset_from + shift,
                    offset_to: offset_to + shift,
                    position: t.position,
                    text: t.text,
                    position_length: 1,
                }
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// tantivy tokenizer for [`super::WORDS_TOKENIZER`].
#[derive(Clone, Copy, Debug, Default)]
pub struct WordsTokenizer;

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let (analysis, text, shift) = unmark(text);
        let stream = VecTokenStream::shifted(text, shift, |t| word_tokens_with(analysis, t));
        let tokens = super::acronym::add_tokens(stream.tokens, text, shift);
        VecTokenStream { tokens, next: 0 }
    }
}

/// tantivy tokenizer for [`super::CJK_BIGRAMS_TOKENIZER`].
#[derive(Clone, Copy, Debug, Default)]
pub struct CjkBigramsTokenizer;

impl Tokenizer for CjkBigramsTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        // Below U+2E80 only the Hangul jamo are or normalize to CJK
        // characters (tested): skip the work for texts without any (most
        // English passages).
        if !text.chars().any(|c| c >= '\u{2E80}' || is_cjk(c)) {
            return VecTokenStream::default();
        }
        VecTokenStream::new(text, cjk_bigram_tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize;

    /// The bigram tokenizer's fast path skips texts with nothing at or above
    /// U+2E80 and no CJK character: below U+2E80, normalization makes no CJK
    /// character out of a character that is not one.
    #[test]
    fn below_u2e80_only_cjk_characters_normalize_to_cjk() {
        for c in ('\0'..'\u{2E80}').filter(|c| !is_cjk(*c)) {
            let n = normalize(&c.to_string());
            assert!(!n.chars().any(is_cjk), "U+{:04X} → {n:?}", c as u32);
        }
        let jamo = "\u{1100}\u{1100}\u{1100}";
        let mut bigrams = CjkBigramsTokenizer;
        assert_eq!(bigrams.token_stream(jamo).tokens.len(), 2);
    }

    fn words(text: &str) -> Vec<String> {
        word_tokens(&normalize(text))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// One table: each analyzer on fixed English, Chinese and mixed texts.
    macro_rules! analyzer_cases {
        ($($name:ident: $analyze:expr, $input:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                let got: Vec<String> = $analyze($input);
                let expected: Vec<&str> = $expected;
                assert_eq!(got, expected, "input {:?}", $input);
            }
        )*};
    }

    fn bigram_texts(text: &str) -> Vec<String> {
        cjk_bigram_tokens(&normalize(text))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    analyzer_cases! {
        english_is_lowercased_and_stemmed: words, "The Readouts were Different" => vec!["the", "readout", "were", "differ"];
        punctuation_and_spaces_are_not_tokens: words, " — “cooperation,” \t\r\n (benefits) " => vec!["cooper", "benefit"];
        full_width_letters_fold: words, "ＡＰＥＣ　Ｇ２０" => vec!["apec", "g20"];
        chinese_is_segmented: words, "习近平同美国总统特朗普通电话" => vec!["习近平", "同", "美国", "总统", "特朗普", "通电话"];
        mixed_paragraph: words, "G20峰会在Busan举行" => vec!["g20", "峰会", "在", "busan", "举行"];
        zero_width_and_bom_vanish: words, "\u{feff}台\u{200b}湾 Tai\u{200b}wan" => vec!["台湾", "taiwan"];
        bigrams_of_each_run: bigram_texts, "台湾问题, 中美 x 美" => vec!["台湾", "湾问", "问题", "中美"];
        no_bigrams_in_english: bigram_texts, "Taiwan question" => vec![];
    }

    proptest::proptest! {
        /// Any text: tokens are non-empty, never white space, with offsets on
        /// character boundaries of the normalized text, positions increasing.
        #[test]
        fn tokens_are_well_formed(text in "\\PC{0,80}|[a-zA-Z台湾問題 \u{3000}\u{200b}\u{feff}\u{301}ｆｕｌｌ，。]{0,40}") {
            let normalized = crate::analysis::normalize(&text);
            for analyze in [word_tokens, cjk_bigram_tokens] {
                let tokens = analyze(&normalized);
                for t in &tokens {
                    proptest::prop_assert!(!t.text.is_empty() && !t.text.chars().any(char::is_whitespace));
                    proptest::prop_assert!(normalized.is_char_boundary(t.start) && normalized.is_char_boundary(t.end));
                }
                proptest::prop_assert!(tokens.windows(2).all(|w| w[0].position < w[1].position));
            }
        }
    }

    #[test]
    fn huge_words_are_dropped_but_neighbours_kept() {
        let text = format!("before {} after", "x".repeat(5_000_000));
        assert_eq!(words(&text), ["befor", "after"]);
    }

    #[test]
    fn bigram_positions_never_join_two_runs() {
        let t = cjk_bigram_tokens("中美，美国");
        assert_eq!(t.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 3]);
    }

    #[test]
    fn query_pieces_do_not_need_jieba() {
        assert_eq!(
            query_pieces("Taiwan 台湾问题"),
            [
                QueryPiece::Word("taiwan".into()),
                QueryPiece::Cjk("台湾问题".into())
            ]
        );
    }
}
