//! `readouts add` and `readouts update`: publishers' pages to statements.
//!
//! - [`read_page`]: a page's HTML → a statement-file [`Draft`] with every
//!   value marked `# inferred` (as `import` writes them): the page's
//!   publisher, country, language and kind from its profile
//!   ([`profiles`], data in `index-schema/page-profiles.toml`), title and
//!   date from its selectors, paragraphs and turn labels from its text, with
//!   boilerplate (menus, share buttons, "Print", related links) left out; a
//!   page no profile reads goes to the generic reader ([`generic`]).
//! - [`fetch`]: the HTTP client (User-Agent, timeouts, retries with backoff,
//!   robots.txt, a per-host delay, conditional requests, a size cap, the raw
//!   page cached in a `pages/` folder beside the index) and [`charset`]
//!   decoding (`Content-Type`, BOM, `<meta charset>`).
//! - [`feeds`]: the sources of `readouts update` (`sources.toml`), their RSS
//!   or Atom feeds or listing pages, and the items already seen.
//!
//! Nothing here writes to the index: the CLI ingests the statement files
//! these drafts become.

pub mod charset;
mod dates;
mod draft;
mod extract;
pub mod feeds;
pub mod fetch;
pub mod find;
pub mod folder;
mod generic;
pub mod html;
pub mod input;
pub mod metas;
mod places;
pub mod profiles;
pub mod shape;
mod which;

use scraper::{Html, Selector};

use crate::error::{Error, Result};
pub use crate::formats::draft::{Draft, DraftField};
pub use places::Places;
use profiles::Profiles;

/// A value found on a page, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The value.
    pub value: String,
    /// Where it came from (written as `# inferred: …`).
    pub why: String,
}

impl Fact {
    fn new(value: impl Into<String>, why: impl AsRef<str>) -> Fact {
        Fact {
            value: value.into(),
            why: why.as_ref().to_string(),
        }
    }
}

/// What a page says about its statement.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Publisher (full name).
    pub publisher: Option<Fact>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<Fact>,
    /// BCP 47 tag.
    pub lang: Option<Fact>,
    /// The kind.
    pub kind: Fact,
    /// Id prefix (the profile's slug; empty for the generic reader).
    pub slug: String,
    /// The profile and layout that read the page (`whitehouse / 2009-2017
    /// drupal`), or `generic`.
    pub layout: String,
    /// The title.
    pub title: Option<Fact>,
    /// `YYYY-MM-DD`.
    pub date: Option<Fact>,
    /// The text's paragraphs, turn labels as statement files write them.
    pub paragraphs: Vec<String>,
}

/// A page to read.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// Where it was fetched from, if it was (else the canonical URL is used).
    pub url: Option<&'a str>,
    /// The URL or file that names the page in errors and notes.
    pub source: &'a str,
    /// The decoded HTML.
    pub html: &'a str,
}

/// Read a page into a draft: with the profile named (`generic`: the generic
/// reader), else the profile of its address (the one given, else its
/// canonical, `og:url` or `<meta name="Url">`), else of what it carries
/// (site-name metas, a title ending in a site's name, a Wayback copy's
/// original host), else the generic reader.
/// A page over the caps of [`shape`] is refused before it is parsed.
pub fn read_page(page: &Page, profile: Option<&str>) -> Result<Draft> {
    shape::check(page.html, page.source)?;
    let tables = profiles::profiles();
    let doc = Html::parse_document(page.html);
    let own = which::page_address(&doc);
    let url = page
        .url
        .filter(|u| own.is_none() || tables_match(tables, u))
        .map(|u| find::original_address(u).to_string())
        .or(own)
        .or_else(|| page.url.map(str::to_string));
    let parsed = url.as_deref().and_then(|u| url::Url::parse(u).ok());
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string));
    let path = parsed.as_ref().map_or("", |u| u.path());
    let chosen = match profile {
        Some("generic") => None,
        Some(name) => Some(tables.named(name).ok_or_else(|| {
            Error::Usage(format!(
                "no page profile {name:?}; the profiles are: {}, or generic",
                tables.names().join(", ")
            ))
        })?),
        None => host
            .as_deref()
            .and_then(|h| tables.for_page(h, path))
            .or_else(|| which::by_content(&doc, tables)),
    };
    let url_text = url.clone().unwrap_or_default();
    let facts = match chosen {
        Some(p) => extract::with_profile(&doc, p, tables, &url_text, page.source)?,
        None => generic::read(&doc, tables, host.as_deref(), url.as_deref(), page.source)?,
    };
    Ok(draft::assemble(facts, url.as_deref(), page.source))
}

/// Does any profile read this URL?
fn tables_match(tables: &Profiles, url: &str) -> bool {
    url::Url::parse(url).ok().is_some_and(|u| {
        u.host_str()
            .is_some_and(|h| tables.for_page(h, u.path()).is_some())
    })
}

/// Item links of a listing page, absolute, in page order, without repeats:
/// by the profile's `links` selectors (or `selector` when given).
pub fn listing_links(html: &str, base: &str, selector: Option<&str>) -> Result<Vec<String>> {
    shape::check(html, base)?;
    let tables = profiles::profiles();
    let doc = Html::parse_document(html);
    let base_url = url::Url::parse(base).map_err(|e| Error::Fetch {
        url: base.to_string(),
        reason: format!("not a URL: {e}"),
    })?;
    let selectors: Vec<Selector> = match selector {
        Some(css) => vec![Selector::parse(css)
            .map_err(|e| Error::Usage(format!("links selector {css:?} does not parse: {e}")))?],
        None => base_url
            .host_str()
            .and_then(|h| tables.for_page(h, base_url.path()))
            .map(|p| p.links.iter().map(|v| v.selector.clone()).collect())
            .unwrap_or_default(),
    };
    let mut out: Vec<String> = Vec::new();
    if let Some(s) = selectors.iter().find(|s| doc.select(s).next().is_some()) {
        for a in doc.select(s) {
            let Some(href) = a.value().attr("href") else {
                continue;
            };
            if let Ok(u) = base_url.join(href.trim()) {
                let u = u.to_string();
                if !out.contains(&u) {
                    out.push(u);
                }
            }
        }
    }
    Ok(out)
}
