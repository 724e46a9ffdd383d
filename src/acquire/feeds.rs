//! The sources of `readouts update`: a TOML file of feeds (RSS, Atom) and
//! listing pages, their items, and the items already seen (a state file
//! written atomically).
//!
//! ```toml
//! [[source]]
//! name = "kremlin-en"
//! feed = "http://en.kremlin.ru/events/president/news/feed"
//!
//! [[source]]
//! name = "mfa-press"
//! listing = "https://www.mfa.gov.cn/eng/xw/fyrbt/lxjzh/"
//! links = ".list1 li a"    # else the profile's `links`
//! profile = "prc-mfa-en"   # else the profile of each item's URL
//! limit = 10               # newest items read per run (default 20)
//! hosts = ["www.fmprc.gov.cn"]  # other hosts its items may be on
//! ```
//!
//! A source's items, their redirects and robots.txt are fetched only from
//! its own site and its `hosts` ([`super::fetch::Hosts`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fetch::cache::write_atomic;
use crate::error::{Error, Result};

/// Items read per source and run unless `limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// One configured source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Unique name (the key of its seen items).
    pub name: String,
    /// What to read.
    pub from: SourceKind,
    /// The page profile for its items (else by each item's URL).
    pub profile: Option<String>,
    /// Newest items read per run.
    pub limit: usize,
    /// Hosts besides its own site that its items may be on.
    pub hosts: Vec<String>,
}

/// A feed or a listing page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// An RSS or Atom feed.
    Feed(String),
    /// A listing page, and the selector of its item links (else the profile's).
    Listing(String, Option<String>),
}

impl SourceKind {
    /// The address read.
    pub fn url(&self) -> &str {
        match self {
            SourceKind::Feed(u) | SourceKind::Listing(u, _) => u,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default, rename = "source")]
    sources: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    feed: Option<String>,
    listing: Option<String>,
    links: Option<String>,
    profile: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    hosts: Vec<String>,
}

/// Read and check a sources file (errors as `FILE:LINE: reason`).
pub fn read_sources(path: &Path) -> Result<Vec<Source>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = crate::encoding::decode(path, &bytes)?;
    parse_sources(path, &text)
}

/// Parse and check the text of a sources file.
pub fn parse_sources(path: &Path, text: &str) -> Result<Vec<Source>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        Error::input(
            path,
            crate::encoding::toml_error_line(text, &e),
            e.message(),
        )
    })?;
    let profiles = super::profiles::profiles();
    let mut out: Vec<Source> = Vec::new();
    for spanned in &raw.sources {
        let line = crate::encoding::line_at(text, spanned.span().start);
        let s = spanned.get_ref();
        let err =
            |reason: String| Error::input(path, line, format!("source {:?}: {reason}", s.name));
        if s.name.trim().is_empty() {
            return Err(Error::input(path, line, "a source needs a name"));
        }
        if out.iter().any(|o| o.name == s.name) {
            return Err(err("the name is used twice".into()));
        }
        let from = match (&s.feed, &s.listing) {
            (Some(f), None) if s.links.is_none() => SourceKind::Feed(f.clone()),
            (None, Some(l)) => SourceKind::Listing(l.clone(), s.links.clone()),
            (Some(_), None) => return Err(err("`links` is for a listing, not a feed".into())),
            _ => return Err(err("give either `feed` or `listing`".into())),
        };
        super::fetch::parse_url(from.url()).map_err(&err)?;
        if let Some(css) = &s.links {
            scraper::Selector::parse(css)
                .map_err(|e| err(format!("links selector {css:?} does not parse: {e}")))?;
        }
        if let Some(p) = &s.profile {
            if profiles.named(p).is_none() {
                return Err(err(format!(
                    "no page profile {p:?}; the profiles are: {}",
                    profiles.names().join(", ")
                )));
            }
        }
        if let Some(h) = s
            .hosts
            .iter()
            .find(|h| h.trim().is_empty() || (h.contains(['/', ':', ' ']) && !h.starts_with('[')))
        {
            return Err(err(format!(
                "hosts: {h:?} is not a host name (give names like \"www.example.org\", without a scheme or path)"
            )));
        }
        if s.limit == Some(0) {
            return Err(err("limit must be at least 1".into()));
        }
        out.push(Source {
            name: s.name.clone(),
            from,
            profile: s.profile.clone(),
            limit: s.limit.unwrap_or(DEFAULT_LIMIT),
            hosts: s.hosts.clone(),
        });
    }
    Ok(out)
}

/// One item of a feed or listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The GUID (or the link, when the feed gives none).
    pub key: String,
    /// The page's address.
    pub link: String,
}

/// The items of a feed, newest first as the feed lists them, at most `limit`.
pub fn feed_items(bytes: &[u8], url: &str, limit: usize) -> Result<Vec<Item>> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .build()
        .parse(bytes)
        .map_err(|e| Error::Fetch {
            url: url.to_string(),
            reason: format!("not an RSS or Atom feed: {e}"),
        })?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry.links.first()?.href.clone();
            let key = if entry.id.trim().is_empty() {
                link.clone()
            } else {
                entry.id.clone()
            };
            Some(Item { key, link })
        })
        .take(limit)
        .collect())
}

/// The item links of a listing page, at most `limit`.
pub fn listing_items(
    html: &str,
    url: &str,
    links: Option<&str>,
    limit: usize,
) -> Result<Vec<Item>> {
    Ok(super::listing_links(html, url, links)?
        .into_iter()
        .take(limit)
        .map(|link| Item {
            key: link.clone(),
            link,
        })
        .collect())
}

/// The items already read, by source name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Seen {
    /// Source name → item keys.
    pub sources: BTreeMap<String, BTreeSet<String>>,
}

impl Seen {
    /// Read the state file (none yet: nothing seen).
    pub fn load(path: &Path) -> Result<Seen> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::File {
                path: path.to_path_buf(),
                reason: format!("not a readouts update state file: {e}"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Seen::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Has this source's item been read?
    pub fn has(&self, source: &str, key: &str) -> bool {
        self.sources.get(source).is_some_and(|s| s.contains(key))
    }

    /// Remember an item.
    pub fn add(&mut self, source: &str, key: &str) {
        self.sources
            .entry(source.to_string())
            .or_default()
            .insert(key.to_string());
    }

    /// Write the state file whole or not at all.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        write_atomic(path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_checked_with_lines() {
        let p = Path::new("sources.toml");
        let ok = "[[source]]\nname = \"k\"\nfeed = \"http://en.kremlin.ru/feed\"\n\n\
                  [[source]]\nname = \"m\"\nlisting = \"https://www.mfa.gov.cn/eng/\"\nlimit = 3\n";
        let s = parse_sources(p, ok).unwrap();
        assert_eq!(s[1].limit, 3);
        assert_eq!(
            s[0].from,
            SourceKind::Feed("http://en.kremlin.ru/feed".into())
        );
        let bad = ok.replace("name = \"m\"", "name = \"k\"");
        let e = parse_sources(p, &bad).unwrap_err().to_string();
        assert!(e.starts_with("sources.toml:5: "), "{e}");
        let e = parse_sources(p, "[[source]]\nname = \"x\"\nfeed = \"ftp://x\"\n").unwrap_err();
        assert!(e.to_string().contains("only http and https"), "{e}");
        let e = parse_sources(
            p,
            "[[source]]\nname = \"x\"\nfeed = \"http://x\"\nhosts = [\"http://y/\"]\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("is not a host name"), "{e}");
        let e = parse_sources(p, "[[source]]\nname = \"x\"\nfed = \"http://x\"\n").unwrap_err();
        assert!(e.to_string().starts_with("sources.toml:3: "), "{e}");
    }
}
