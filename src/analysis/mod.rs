//! Text analysis, shared by the index writer, the index reader and the query
//! builder so that documents and queries are always analysed alike.
//!
//! The pipeline: [`Normalized`] (NFKC, lower case, zero-width and BOM removed,
//! Traditional Chinese folded to Simplified, with a map back to the original bytes) → [`pieces`] (runs of CJK characters
//! and runs of other letters/digits; everything else separates) → tokens:
//!
//! - [`WORDS_TOKENIZER`]: words stemmed by script and language ([`Analysis`]:
//!   Latin words with English Snowball, or the statement's own Snowball
//!   language, Cyrillic words with Russian, nothing stemmed in a language the
//!   project cannot analyse; a field value names a non-default analysis with
//!   a [`mark`]), CJK runs segmented by jieba (through tantivy-jieba, loaded on
//!   first use only);
//! - [`CJK_BIGRAMS_TOKENIZER`]: every pair of adjacent CJK characters, so that a
//!   phrase query of bigrams finds any Chinese string of two or more characters
//!   wherever it stands, whatever jieba makes of its context;
//! - [`KEYWORD_TOKENIZER`]: the whole value, lower-cased, for filters;
//! - [`IDENTIFIER_TOKENIZER`]: the whole value as is, for ids.
//!
//! Which characters are CJK (and of which script) is decided in one place,
//! [`script`], shared with the statement model and the importer.
//!
//! Tantivy does not persist tokenizers: [`register`] must run on every index
//! open, and it is the only place that names them.

pub mod acronym;
pub mod minhash;
mod normalize;
pub mod script;
mod stem;
mod tokenize;

pub use normalize::{normalize, Normalized};
pub use script::is_cjk;
pub use stem::{mark, protected, stem, stem_with, unmark, Analysis, Latin, DEFAULT_LANGS};
pub use tokenize::{
    bigrams, cjk_bigram_tokens, jieba_loaded, pieces, query_pieces, query_pieces_with, word_tokens,
    word_tokens_with, AnalyzedToken, Piece, PieceKind, QueryPiece, MAX_WORD_BYTES,
};

use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer, TokenizerManager};

/// The version of the analysis: anything built from analysis keys and
/// cached (the compiled glossary) names it, so that a change of analysis
/// (version 2: Russian stems, analysis by language; version 3: English
/// -isms kept whole, not stemmed; acronyms also kept in capitals; Greek
/// final sigma folded to sigma) is never
/// read from an older cache.
pub const ANALYSIS_VERSION: u32 = 3;

/// Words: stemmed English and jieba-segmented Chinese; drives ranking.
pub const WORDS_TOKENIZER: &str = "readouts_words";
/// Adjacent CJK character pairs: exact recall of Chinese strings.
pub const CJK_BIGRAMS_TOKENIZER: &str = "readouts_cjk_bigrams";
/// Whole value, lower-cased: metadata filters.
pub const KEYWORD_TOKENIZER: &str = "readouts_keyword";

/// Whole value, as is: ids.
pub const IDENTIFIER_TOKENIZER: &str = "readouts_identifier";

/// Every tokenizer name this crate registers.
pub const TOKENIZER_NAMES: [&str; 4] = [
    WORDS_TOKENIZER,
    CJK_BIGRAMS_TOKENIZER,
    KEYWORD_TOKENIZER,
    IDENTIFIER_TOKENIZER,
];

/// Register all analyzers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(WORDS_TOKENIZER, tokenize::WordsTokenizer);
    manager.register(CJK_BIGRAMS_TOKENIZER, tokenize::CjkBigramsTokenizer);
    manager.register(
        KEYWORD_TOKENIZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
    manager.register(IDENTIFIER_TOKENIZER, RawTokenizer::default());
}
