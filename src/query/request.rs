//! What a search asks: the query string, metadata filters, paging and order.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::attribution::Role;
use crate::query::values::Named;

/// Most hits one request may ask for.
pub const MAX_LIMIT: usize = 10_000;
/// Most hits one request may skip (a page beyond is an error, not an
/// allocation of that size).
pub const MAX_OFFSET: usize = 10_000_000;

/// Metadata filters; each one given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Case-insensitive substring of the publisher.
    pub publisher: Option<String>,
    /// Country code (case-insensitive).
    pub country: Option<String>,
    /// Language tag; `zh` also matches `zh-Hant`.
    pub lang: Option<String>,
    /// Kind slug.
    pub kind: Option<String>,
    /// The passage's speaker: the person a name stands for (`耿爽` =
    /// `Geng Shuang`), else a case-insensitive substring.
    pub speaker: Option<String>,
    /// A person the passage reports as speaking, matched like `speaker`.
    pub reported: Option<String>,
    /// The speaker's role: `asks`, `answers` or `speaks`.
    pub role: Option<String>,
    /// Event id.
    pub event: Option<String>,
    /// First day included.
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
}

impl Filters {
    /// What the types cannot check: the role is one of the role names and
    /// `since` is not after `until`. The CLI and the web server both call
    /// it, so a wrong filter gets the same message from either.
    pub fn validate(&self) -> Result<()> {
        if let Some(role) = &self.role {
            Role::from_name(role)?;
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(Error::Usage(format!(
                    "since {since} is after until {until}: no statement can match"
                )));
            }
        }
        Ok(())
    }

    /// The filters in words, for chart titles and JSON (`country=US · since
    /// 2021-01-01`); empty when there are none.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = [
            ("publisher", &self.publisher),
            ("country", &self.country),
            ("lang", &self.lang),
            ("kind", &self.kind),
            ("speaker", &self.speaker),
            ("reported", &self.reported),
            ("role", &self.role),
            ("event", &self.event),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect();
        if let Some(d) = self.since {
            parts.push(format!("since {d}"));
        }
        if let Some(d) = self.until {
            parts.push(format!("until {d}"));
        }
        parts.join(" · ")
    }
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best BM25 score first.
    #[default]
    Score,
    /// Oldest first.
    Date,
    /// Newest first.
    Newest,
}

/// One search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query string.
    pub query: String,
    /// Metadata filters.
    pub filters: Filters,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order of hits.
    pub sort: SortOrder,
    /// Expand glossary names across languages (off with `--exact`).
    pub expand: bool,
    /// Also expand to the concepts narrower than the term's own (`--broader`).
    pub broader: bool,
    /// Leave out passages where a Chinese term stands only inside longer
    /// known words (`--words-only`).
    pub words_only: bool,
    /// Attach the aligned paragraph of the statement's translation or original.
    pub with_translation: bool,
    /// One statement per near-duplicate group: the hits of a republication
    /// of a statement already ranked higher are left out, and the kept hits
    /// name them (`--collapse`).
    pub collapse: bool,
}

impl SearchRequest {
    /// A request for the top ten passages by score.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            sort: SortOrder::Score,
            expand: true,
            broader: false,
            words_only: false,
            with_translation: false,
            collapse: false,
        }
    }
}
