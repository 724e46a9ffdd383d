//! The data model: a [`Statement`] (one readout, translation, interview excerpt or
//! transcript) with its [`Metadata`], split into numbered [`Passage`]s.
//!
//! Formats produce statements through [`Metadata::from_fields`], so that every
//! input format validates keys and values the same way and reports the same
//! located errors.

pub mod align;
pub mod attribution;
pub mod codes;
pub mod glossary;
pub mod lexicon;
pub mod metadata;
pub mod passages;

use std::path::PathBuf;

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

pub use attribution::Role;
pub(crate) use metadata::edit_distance;
pub use metadata::{parse_date, Field, Metadata};
pub use passages::split_passages;

/// Keys a statement must have.
pub const REQUIRED_KEYS: [&str; 6] = ["publisher", "country", "kind", "lang", "date", "title"];
/// Keys a statement may have.
pub const OPTIONAL_KEYS: [&str; 7] = [
    "id",
    "event",
    "url",
    "speaker",
    "translation_of",
    "date_source",
    "notes",
];

/// Kinds that are transcripts: a paragraph opening with `Name:` starts a turn.
pub const TRANSCRIPT_KINDS: [&str; 8] = [
    "interview",
    "press-conference",
    "spokesperson-qa",
    "briefing",
    "press-briefing",
    "qa",
    "transcript",
    "remarks",
];

/// Kinds a publisher narrates (nobody's own words): their paragraphs have no
/// turn speaker, only reported speakers.
pub const NARRATED_KINDS: [&str; 7] = [
    "readout",
    "joint-statement",
    "news",
    "article",
    "communique",
    "fact-sheet",
    "summary",
];

/// The first day a statement may have (the index stores dates as nanoseconds
/// in 64 bits: 1677-09-22 to 2262-04-11; whole years inside that).
pub const MIN_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1678, 1, 1) {
    Some(d) => d,
    None => panic!("a valid day"),
};
/// The last day a statement may have.
pub const MAX_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2261, 12, 31) {
    Some(d) => d,
    None => panic!("a valid day"),
};

/// The longest title accepted, in characters (it is stored with every passage).
pub const MAX_TITLE_CHARS: usize = 2_000;

/// The most paragraphs one statement may have (each is a document of the
/// index, with the statement's metadata).
pub const MAX_PASSAGES: usize = 20_000;

/// The largest statement body accepted, in bytes (see RELIABILITY.md: a 50 MB
/// document costs about 1 GB of indexing memory).
pub const MAX_STATEMENT_BYTES: usize = 10 * 1024 * 1024;

/// The one spelling of a kind, at ingest and in filters: trimmed, lower
/// case, `_` → `-` (`Press_Conference` = `press-conference`).
pub fn normalize_kind(kind: &str) -> String {
    kind.trim().to_lowercase().replace('_', "-")
}

/// Is a statement of this kind a transcript (interview, press conference)
/// whose paragraphs open speaker turns? The one answer to that question:
/// parsing, output and research all ask here.
pub fn is_transcript_kind(kind: &str) -> bool {
    TRANSCRIPT_KINDS.contains(&normalize_kind(kind).as_str())
}

/// Is a statement of this kind narrated by its publisher (a readout)?
/// Paragraphs of other kinds that are not transcripts (a statement, a post)
/// are spoken by the statement's speaker.
pub fn is_narrated_kind(kind: &str) -> bool {
    NARRATED_KINDS.contains(&normalize_kind(kind).as_str())
}

/// The unit of retrieval: one paragraph, with who speaks it and whom it reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Paragraph number within the statement, from 1.
    pub number: u64,
    /// Who speaks it: the turn's speaker in transcripts, the statement's
    /// speaker in a statement or post, nobody in a readout (a display name).
    pub speaker: Option<String>,
    /// What the speaker does: asks, answers or speaks.
    #[serde(default)]
    pub role: Option<Role>,
    /// The turn label as written, on the paragraph that opens a turn.
    #[serde(default)]
    pub label: Option<String>,
    /// Whom the paragraph reports as speaking (readouts and statements).
    #[serde(default)]
    pub reported: Vec<String>,
    /// The paragraph, its line breaks turned into spaces.
    pub text: String,
}

/// One statement ready for indexing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Source-level facts.
    pub meta: Metadata,
    /// Numbered passages, in order.
    pub passages: Vec<Passage>,
    /// Where the statement was read from.
    pub path: PathBuf,
}

impl Statement {
    /// Why a statement cannot be indexed as it is (too many paragraphs), if so.
    pub fn over_caps(&self) -> Option<String> {
        (self.passages.len() > MAX_PASSAGES).then(|| {
            format!(
                "{} paragraphs is over the {MAX_PASSAGES} cap for one statement; split it into several statements",
                self.passages.len()
            )
        })
    }

    /// Build a statement from validated metadata and a body text.
    pub fn new(meta: Metadata, body: &str, path: PathBuf) -> Statement {
        let passages = split_passages(body, &meta);
        Statement {
            meta,
            passages,
            path,
        }
    }

    /// A hash of everything that is indexed, for idempotent re-ingest.
    ///
    /// The path takes part as text (lossily for a file name that is not
    /// UTF-8), so any statement has a hash.
    pub fn content_hash(&self) -> String {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in [
            serde_json::to_vec(&self.meta),
            serde_json::to_vec(&self.passages),
            serde_json::to_vec(&self.path.to_string_lossy()),
        ] {
            // Strings, numbers and dates always serialize.
            hasher.update(&part.unwrap_or_default());
            hasher.update(b"\x1e");
        }
        format!("{:032x}", hasher.digest128())
    }
}
