//! The URL holds the whole state of a page: [`Params`] reads a query string
//! into a validated library request and writes links that change one value.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::Limits;
use crate::error::{Error, Result};
use crate::query::parse::period;
use crate::query::values::Named;
use crate::query::{Filters, SearchRequest, SortOrder, MAX_OFFSET};

/// The metadata filters a URL may carry, in the order pages show them.
pub const FILTER_KEYS: [&str; 8] = [
    "publisher",
    "country",
    "lang",
    "kind",
    "speaker",
    "reported",
    "role",
    "event",
];

/// Every key a page understands; others are ignored (and dropped from links).
pub const KEYS: [&str; 27] = [
    "q",
    "publisher",
    "country",
    "lang",
    "kind",
    "speaker",
    "reported",
    "role",
    "event",
    "since",
    "until",
    "sort",
    "page",
    "n",
    "exact",
    "broader",
    "words_only",
    "collapse",
    "view",
    "kwic_sort",
    "per",
    "rate",
    "split",
    "vs",
    "window",
    "min",
    "top",
];

/// Hits on a page unless `n` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// A page's state: the known keys with non-empty values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<&'static str, String>,
}

impl Params {
    /// Keep the known, non-empty values of a query string, the query no
    /// longer than the limit.
    pub fn from_map(map: &HashMap<String, String>, limits: &Limits) -> Result<Params> {
        let mut values = BTreeMap::new();
        for key in KEYS {
            if let Some(v) = map.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                values.insert(key, v.to_string());
            }
        }
        let p = Params { values };
        let chars = p.q().chars().count();
        if chars > limits.query_chars {
            return Err(Error::Usage(format!(
                "the query is {chars} characters long; at most {} are accepted",
                limits.query_chars
            )));
        }
        Ok(p)
    }

    /// A value, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// The query (empty when none).
    pub fn q(&self) -> &str {
        self.get("q").unwrap_or("")
    }

    /// A switch: `1`, `on`, `true` or `yes`.
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("1" | "on" | "true" | "yes"))
    }

    /// The same state with `key` set to `value` (removed when empty); any
    /// change but the page's own goes back to page 1.
    pub fn with(&self, key: &'static str, value: &str) -> Params {
        let mut p = self.clone();
        if key != "page" {
            p.values.remove("page");
        }
        if value.is_empty() {
            p.values.remove(key);
        } else {
            p.values.insert(key, value.to_string());
        }
        p
    }

    /// The same state without `key`.
    pub fn without(&self, key: &'static str) -> Params {
        self.with(key, "")
    }

    /// The query string (`a=1&b=2`, no `?`).
    pub fn query_string(&self) -> String {
        serde_urlencoded::to_string(
            self.values
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default()
    }

    /// The known values as pairs (for a form's hidden inputs).
    pub fn query_pairs(&self) -> Vec<(&'static str, &str)> {
        self.values.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    /// `path?query` (or `path` with no state).
    pub fn href(&self, path: &str) -> String {
        let q = self.query_string();
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }

    /// The validated filters.
    pub fn filters(&self) -> Result<Filters> {
        let day = |key: &str, last: bool| -> Result<Option<NaiveDate>> {
            self.get(key)
                .map(|v| {
                    period(v)
                        .map(|(a, b)| if last { b } else { a })
                        .map_err(|e| Error::Usage(format!("{key}: {e}")))
                })
                .transpose()
        };
        let (since, until) = (day("since", false)?, day("until", true)?);
        let value = |key: &str| self.get(key).map(str::to_string);
        let filters = Filters {
            publisher: value("publisher"),
            country: value("country"),
            lang: value("lang"),
            kind: value("kind"),
            speaker: value("speaker"),
            reported: value("reported"),
            role: value("role"),
            event: value("event"),
            since,
            until,
        };
        filters.validate()?;
        Ok(filters)
    }

    /// Hits per page, within the limit.
    pub fn page_size(&self, limits: &Limits) -> Result<usize> {
        let n = self.number("n")?.unwrap_or(DEFAULT_PAGE_SIZE);
        if n == 0 || n > limits.page_size {
            return Err(Error::Usage(format!(
                "n (hits per page) must be between 1 and {}",
                limits.page_size
            )));
        }
        Ok(n)
    }

    /// The page number, from 1.
    pub fn page(&self) -> Result<usize> {
        match self.number("page")? {
            Some(0) => Err(Error::Usage("page numbers start at 1".into())),
            Some(p) => Ok(p),
            None => Ok(1),
        }
    }

    fn number(&self, key: &str) -> Result<Option<usize>> {
        self.get(key)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| Error::Usage(format!("{key} must be a whole number, not {v:?}")))
            })
            .transpose()
    }

    /// The library request of this page (a query is required).
    pub fn request(&self, limits: &Limits) -> Result<SearchRequest> {
        if self.q().is_empty() {
            return Err(Error::Usage("no query: pass q=…".into()));
        }
        let limit = self.page_size(limits)?;
        let offset = (self.page()? - 1).saturating_mul(limit);
        if offset > MAX_OFFSET {
            return Err(Error::Usage(format!(
                "page {} is past the last page that can be shown; export all hits as CSV or JSON Lines instead",
                self.page()?
            )));
        }
        let sort = match self.get("sort") {
            None => SortOrder::Score,
            Some(name) => SortOrder::from_name(name)?,
        };
        Ok(SearchRequest {
            query: self.q().to_string(),
            filters: self.filters()?,
            limit,
            offset,
            sort,
            expand: !self.flag("exact"),
            broader: self.flag("broader") && !self.flag("exact"),
            words_only: self.flag("words_only"),
            with_translation: false,
            collapse: self.flag("collapse"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Result<Params> {
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Params::from_map(&map, &Limits::default())
    }

    #[test]
    fn a_url_round_trips() {
        let p = params(&[("q", "taiwan OR 台湾"), ("lang", "zh"), ("x", "dropped")]).unwrap();
        assert_eq!(p.query_string(), "lang=zh&q=taiwan+OR+%E5%8F%B0%E6%B9%BE");
        let again: HashMap<String, String> = serde_urlencoded::from_str(&p.query_string()).unwrap();
        assert_eq!(Params::from_map(&again, &Limits::default()).unwrap(), p);
        let moved = p.with("page", "3").with("country", "US");
        assert_eq!(moved.get("page"), None, "a new filter goes back to page 1");
    }

    #[test]
    fn limits_and_bad_values_are_errors() {
        let long = "a".repeat(1001);
        assert!(params(&[("q", &long)]).is_err());
        let limits = Limits::default();
        assert!(params(&[("q", "a"), ("n", "100000")])
            .unwrap()
            .request(&limits)
            .is_err());
        assert!(params(&[("q", "a"), ("since", "2025-13")])
            .unwrap()
            .filters()
            .is_err());
        assert!(params(&[("q", "a"), ("sort", "up")])
            .unwrap()
            .request(&limits)
            .is_err());
        let r = params(&[("q", "a"), ("page", "3"), ("n", "5"), ("until", "2025")])
            .unwrap()
            .request(&limits)
            .unwrap();
        assert_eq!((r.offset, r.limit), (10, 5));
        assert_eq!(r.filters.until, NaiveDate::from_ymd_opt(2025, 12, 31));
    }

    #[test]
    fn filters_and_choices_get_the_library_messages_the_cli_gets() {
        let limits = Limits::default();
        let err = |pairs: &[(&str, &str)]| {
            params(pairs)
                .unwrap()
                .request(&limits)
                .unwrap_err()
                .to_string()
        };
        let role = Filters {
            role: Some("ask".into()),
            ..Filters::default()
        };
        assert_eq!(
            err(&[("q", "a"), ("role", "ask")]),
            role.validate().unwrap_err().to_string()
        );
        assert!(
            err(&[("q", "a"), ("role", "ask")]).contains("role must be asks, answers or speaks")
        );
        let span = err(&[("q", "a"), ("since", "2025"), ("until", "2024")]);
        assert!(
            span.contains("since 2025-01-01 is after until 2024-12-31"),
            "{span}"
        );
        assert!(err(&[("q", "a"), ("sort", "up")]).contains("sort must be score, date or newest"));
    }

    #[test]
    fn collapse_and_the_sort_alias_are_read_from_a_url() {
        let limits = Limits::default();
        let r = params(&[("q", "a"), ("collapse", "1"), ("sort", "oldest")])
            .unwrap()
            .request(&limits)
            .unwrap();
        assert!(r.collapse);
        assert_eq!(r.sort, SortOrder::Date);
    }
}
