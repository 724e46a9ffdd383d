//! `readouts`: full-text search over diplomatic statements — leaders' call
//! readouts, their translations, interview excerpts and press-conference
//! transcripts — in English and Chinese.
//!
//! The data flows through the modules in one direction (ARCHITECTURE.md;
//! `tests/architecture.rs` keeps it so): [`analysis`] (what a token is) →
//! [`model`] (statements, passages, metadata) → [`formats`] (statement files,
//! JSON Lines) → [`index`] (storage: schema, the one record codec, upsert,
//! manifest, swap) → [`ingest`] (the service: files and stdin in, reindex, the
//! bundled seed) | [`query`] (search, show, count, timeline, compare) |
//! [`import`] (pasted compilations to statement files) → [`output`] (text,
//! JSON Lines, SVG). [`error`] and [`encoding`] serve them all. The `readouts`
//! binary (`src/main.rs`, `src/cli/`) is a thin command line over this API.
//!
//! The API in five calls: open an index ([`ReadoutsIndex::open_or_create`],
//! or [`index::open_for_reading`] for an existing one), ingest
//! ([`ingest_paths`], [`ingest_statements`]), search ([`search`]), show a
//! statement ([`document`]) and count ([`count`], [`timeline`], [`stats`]).
//!
//! ```
//! use std::path::Path;
//! use readouts::formats::statement_file;
//! use readouts::model::glossary::Glossary;
//! use readouts::query::research::GroupBy;
//! use readouts::{count, document, ingest_statements, search, ReadoutsIndex, SearchRequest};
//!
//! let dir = tempfile::tempdir()?;
//! let index = ReadoutsIndex::open_or_create(dir.path())?;
//! let text = "+++\npublisher = \"Xinhua News Agency\"\ncountry = \"CN\"\nkind = \"readout\"\n\
//!             lang = \"zh\"\ndate = \"2025-11-24\"\ntitle = \"习近平同美国总统特朗普通电话\"\n+++\n\n\
//!             习近平阐明了中方在台湾问题上的原则立场。\n\n两国元首还谈及乌克兰危机。\n";
//! let statement = statement_file::parse(Path::new("xinhua-zh.md"), text)?;
//! ingest_statements(&index, vec![Ok(statement)], &Default::default())?;
//!
//! let results = search(&index, &SearchRequest::new("台湾问题"))?;
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].doc_id, "xinhua-zh");
//! assert_eq!(results.hits[0].passage, 1);
//!
//! let shown = document(&index, "xinhua-zh")?;
//! assert_eq!(shown.passages.len(), 2);
//! let by_lang = count(&index, &SearchRequest::new("台湾问题"), GroupBy::Lang, Glossary::builtin())?;
//! assert_eq!((by_lang[0].key.as_str(), by_lang[0].passages, by_lang[0].statements), ("zh", 1, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod acquire;
pub mod analysis;
pub mod encoding;
pub mod error;
pub mod formats;
pub mod import;
pub mod index;
pub mod ingest;
pub mod model;
pub mod output;
pub mod query;
pub mod serve;

pub use error::{Error, Result};

pub use index::ReadoutsIndex;
pub use ingest::{ingest_paths, ingest_statements, IngestOptions, IngestSummary};
pub use query::compare::compare;
pub use query::documents::{document, parallel, stats, Document, Parallel, Stats};
pub use query::research::{count, timeline};
pub use query::{
    search, search_with_glossaries, search_with_glossary, Filters, Hit, SearchRequest,
    SearchResults,
};
