//! The JSON the binary prints, as the tests expect it: one type per shape,
//! written here and not taken from the library, so that a field renamed,
//! added or dropped in `src/` fails the tests instead of passing unnoticed.
//!
//! Every struct denies unknown fields, and every field is required: an
//! `Option` field must be present (as `null` when absent), through
//! [`present`]; only `Hit::translation`, which `search` leaves out unless
//! `--with-translation` is given, may be missing. `Run::lines` also checks
//! that each parsed line serializes back to the same JSON, so no value is
//! lost or coerced on the way.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// Deserialize an `Option` field that must be present in the JSON (`null`
/// allowed). Serde treats a missing `Option` field as `None`; a field with
/// `deserialize_with` is required instead.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

/// A query form found in a hit (`search --json`, key `matched`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matched {
    pub form: String,
    pub glossary: bool,
    #[serde(deserialize_with = "present")]
    pub concept: Option<String>,
    /// `written`, `concept` or `dictionary`.
    pub source: String,
}

/// The aligned paragraphs of a hit (`search --with-translation --json`):
/// `passages` empty (and `text` "") when the hit's paragraph has no
/// counterpart; `method` one of `1-1`, `1-2`, `2-1`, `1-0`; `score` 0..1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    pub doc_id: String,
    pub lang: String,
    pub passages: Vec<u64>,
    pub text: String,
    pub method: String,
    pub score: f64,
}

/// One line of `search --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub doc_id: String,
    pub passage: u64,
    pub score: f64,
    pub publisher: String,
    pub country: String,
    pub kind: String,
    pub lang: String,
    pub date: String,
    pub title: String,
    #[serde(deserialize_with = "present")]
    pub speaker: Option<String>,
    #[serde(deserialize_with = "present")]
    pub speaker_role: Option<String>,
    #[serde(deserialize_with = "present")]
    pub speaker_label: Option<String>,
    pub reported: Vec<String>,
    #[serde(deserialize_with = "present")]
    pub event: Option<String>,
    #[serde(deserialize_with = "present")]
    pub url: Option<String>,
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
    pub highlights_chars: Vec<(usize, usize)>,
    pub text: String,
    /// Left out of the server's answers (`serve` does not show its files).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    pub inside: Vec<String>,
    pub matched: Vec<Matched>,
    /// Left out of the output unless `--with-translation` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translation>,
    /// Left out of the output unless `--collapse` is given: the other
    /// statements of the hit's near-duplicate group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<Vec<String>>,
}

/// One passage of `show --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub passage: u64,
    #[serde(deserialize_with = "present")]
    pub speaker: Option<String>,
    #[serde(deserialize_with = "present")]
    pub speaker_role: Option<String>,
    #[serde(deserialize_with = "present")]
    pub speaker_label: Option<String>,
    pub reported: Vec<String>,
    pub reported_by: Vec<ReportedBy>,
    pub speaker_role_uncertain: bool,
    pub text: String,
}

/// A reported person of `show --json` and the words that report them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedBy {
    pub name: String,
    pub words: String,
}

/// The line of `show --json`; `show --parallel --json` prints [`Parallel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub kind: String,
    pub lang: String,
    pub date: String,
    pub title: String,
    #[serde(deserialize_with = "present")]
    pub event: Option<String>,
    #[serde(deserialize_with = "present")]
    pub url: Option<String>,
    #[serde(deserialize_with = "present")]
    pub speaker: Option<String>,
    #[serde(deserialize_with = "present")]
    pub translation_of: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date_source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub notes: Option<String>,
    /// Left out of the server's answers (`serve` does not show its files).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    pub passages: Vec<Passage>,
}

/// One aligned row of `show --parallel --json`: paragraph numbers of each
/// side (one, two when merged, none when the other side's paragraph has no
/// counterpart), how sure (0..1) and how (`1-1`, `1-2`, `2-1`, `1-0`, `0-1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub left: Vec<u64>,
    pub right: Vec<u64>,
    pub score: f64,
    pub method: String,
}

/// The line of `show --parallel --json`: the statement asked for (`left`),
/// its translation or original (`right`) and the aligned rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parallel {
    pub left: Document,
    pub right: Document,
    pub rows: Vec<Row>,
}

/// The line of `stats --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub documents: u64,
    pub passages: u64,
    pub schema_version: u32,
    pub index_bytes: u64,
    pub segments: u64,
    pub by_publisher: BTreeMap<String, u64>,
    pub by_country: BTreeMap<String, u64>,
    pub by_lang: BTreeMap<String, u64>,
    pub by_kind: BTreeMap<String, u64>,
    /// First and last date, `null` for an empty index.
    #[serde(deserialize_with = "present")]
    pub dates: Option<(String, String)>,
}

/// The line of `ingest --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestSummary {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub rejected: u64,
    pub passages: u64,
    pub held_out: Vec<String>,
    pub linked: u64,
    pub unlinked: u64,
    pub source_gone: u64,
    /// Statements indexed with plain words (a language readouts cannot
    /// analyse), by language tag.
    pub plain_analysis: BTreeMap<String, u64>,
    /// Why each rejected input was rejected, as printed on stderr.
    pub errors: Vec<String>,
    /// Entries of the given folders passed over, with the reason.
    pub skipped: Vec<String>,
}

/// The line of `verify --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyReport {
    pub segments: u64,
    pub passages: u64,
    pub files_checked: u64,
    pub problems: Vec<String>,
}

/// One line of `compare --json`: a topic × statement cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    pub topic: String,
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub lang: String,
    pub kind: String,
    /// With `--by-reported`: the person the column reports; else `null`.
    #[serde(deserialize_with = "present")]
    pub reported: Option<String>,
    pub passages: u64,
}

/// One line of `count --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRow {
    pub key: String,
    pub passages: u64,
    pub statements: u64,
    pub glossary_only_passages: u64,
    pub slice_passages: u64,
    pub slice_statements: u64,
    #[serde(deserialize_with = "present")]
    pub per_1000_passages: Option<f64>,
    #[serde(deserialize_with = "present")]
    pub per_100_statements: Option<f64>,
}

/// One line of `timeline --json`: a period (`YYYY-MM` or `YYYY`), its counts,
/// and the query and filters they answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRow {
    pub key: String,
    pub passages: u64,
    pub statements: u64,
    pub glossary_only_passages: u64,
    pub slice_passages: u64,
    pub slice_statements: u64,
    #[serde(deserialize_with = "present")]
    pub per_1000_passages: Option<f64>,
    #[serde(deserialize_with = "present")]
    pub per_100_statements: Option<f64>,
    pub query: String,
    pub filters: String,
}

/// One line of `kwic --json`: a match, its contexts (the left one ends
/// right before the match) and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KwicRow {
    pub doc_id: String,
    pub passage: u64,
    pub date: String,
    pub publisher: String,
    pub lang: String,
    #[serde(deserialize_with = "present")]
    pub speaker: Option<String>,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    pub left_cut: bool,
    pub right_cut: bool,
    pub offset: usize,
}

/// One form a query term was searched for (`coverage.terms[].forms`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoveredForm {
    pub form: String,
    pub lang: String,
    /// `written`, `concept`, `dictionary` or `user`.
    pub source: String,
}

/// What one query term reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermCoverage {
    pub term: String,
    #[serde(deserialize_with = "present")]
    pub concept: Option<String>,
    pub forms: Vec<CoveredForm>,
    pub missing: Vec<String>,
    pub ambiguous: Vec<String>,
}

/// What every term of a search reached: the `coverage` object of the JSON
/// report on stderr and of the server's JSON answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub langs: Vec<String>,
    pub terms: Vec<TermCoverage>,
}

/// The one JSON object on stderr after `search --json` (and `count`,
/// `timeline`, `compare` with `--json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageReport {
    pub query: String,
    pub coverage: Coverage,
}

mod strictness {
    //! The wire types themselves: a missing, extra or renamed field is an error.

    use super::*;

    const HIT: &str = r#"{"doc_id":"d","passage":1,"score":1.5,"publisher":"P","country":"US","kind":"readout","lang":"en","date":"2021-01-22","title":"T","speaker":null,"speaker_role":null,"speaker_label":null,"reported":[],"event":null,"url":null,"snippet":"s","highlights":[[0,1]],"highlights_chars":[[0,1]],"text":"t","path":"p","inside":[],"matched":[{"form":"f","glossary":false,"concept":null,"source":"written"}]}"#;

    #[test]
    fn a_hit_parses_and_its_optional_fields_are_required() {
        let hit: Hit = serde_json::from_str(HIT).unwrap();
        assert_eq!(hit.translation, None);
        for (from, to) in [
            (r#""speaker":null,"#, ""),
            (r#""concept":null"#, r#""concept":null,"extra":1"#),
            (r#""snippet":"s""#, r#""excerpt":"s""#),
            (r#""url":null,"#, r#""url":null,"more":null,"#),
        ] {
            let changed = HIT.replace(from, to);
            assert_ne!(changed, HIT);
            assert!(serde_json::from_str::<Hit>(&changed).is_err(), "{changed}");
        }
    }

    #[test]
    fn stats_need_dates_even_when_null() {
        let stats = r#"{"documents":0,"passages":0,"schema_version":1,"index_bytes":1,"segments":0,"by_publisher":{},"by_country":{},"by_lang":{},"by_kind":{},"dates":null}"#;
        assert!(serde_json::from_str::<Stats>(stats).is_ok());
        let without = stats.replace(r#","dates":null"#, "");
        assert!(serde_json::from_str::<Stats>(&without).is_err());
    }

    #[test]
    fn parallel_is_two_documents_and_their_rows() {
        let doc = r#"{"doc_id":"d","publisher":"P","country":"US","kind":"readout","lang":"en","date":"2021-01-22","title":"T","event":null,"url":null,"speaker":null,"translation_of":null,"date_source":null,"notes":null,"path":"p","passages":[{"passage":1,"speaker":null,"speaker_role":null,"speaker_label":null,"reported":[],"reported_by":[],"speaker_role_uncertain":false,"text":"t"}]}"#;
        let rows = r#"[{"left":[1],"right":[1,2],"score":0.97,"method":"1-2"},{"left":[2],"right":[],"score":0.9,"method":"1-0"}]"#;
        let good = format!(r#"{{"left":{doc},"right":{doc},"rows":{rows}}}"#);
        assert!(serde_json::from_str::<Parallel>(&good).is_ok());
        assert!(serde_json::from_str::<Parallel>(&format!("[{doc},{doc}]")).is_err());
        for (from, to) in [
            (r#","rows":"#, r#","alignment":"#),
            (r#""score":0.97,"#, ""),
            (r#""method":"1-2""#, r#""method":"1-2","extra":1"#),
        ] {
            let changed = good.replace(from, to);
            assert_ne!(changed, good);
            assert!(
                serde_json::from_str::<Parallel>(&changed).is_err(),
                "{changed}"
            );
        }
    }

    #[test]
    fn a_translation_names_its_passages_method_and_score() {
        let with = HIT.replace(
            r#"}]}"#,
            r#"}],"translation":{"doc_id":"z","lang":"zh","passages":[3],"text":"x","method":"1-1","score":0.99}}"#,
        );
        let hit: Hit = serde_json::from_str(&with).unwrap();
        assert_eq!(hit.translation.unwrap().passages, [3]);
        let old = with.replace(r#""passages":[3]"#, r#""passage":3"#);
        assert!(serde_json::from_str::<Hit>(&old).is_err());
    }
}
