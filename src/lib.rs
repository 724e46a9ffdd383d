//! `readouts`: full-text search over diplomatic statements — leaders' call
//! readouts, their translations, interview excerpts and press-conference
//! transcripts — in English and Chinese.
//!
//! The data flows through the modules in order:
//! [`model`] (statements, passages, metadata) → [`formats`] (statement files,
//! JSON Lines) → [`analysis`] (NFKC, stemming, jieba, CJK bigrams) → [`index`]
//! (tantivy schema from `index-schema/`, upsert, reindex) → [`query`] (query
//! language, filters, ranked hits, snippets) → [`output`] (text, JSON Lines,
//! progress). [`import`] splits a pasted compilation of statements into
//! statement files to review. The `readouts` binary (`src/main.rs`,
//! `src/cli/`) is a thin command line over them.
//!
//! ```
//! use std::path::Path;
//! use readouts::formats::statement_file;
//! use readouts::index::ReadoutsIndex;
//! use readouts::ingest::ingest_statements;
//! use readouts::query::{search, SearchRequest};
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
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

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

pub use error::{Error, Result};
