//! Page profiles: `index-schema/page-profiles.toml`, compiled in, loaded once
//! and checked strictly (selectors, patterns, codes), each error located as
//! `page-profiles.toml:LINE: reason`.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use scraper::{Html, Selector};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::codes::{is_country, is_language_tag};

/// The shipped profiles.
pub const PAGE_PROFILES: &str = include_str!("../../index-schema/page-profiles.toml");

/// The label the shipped profiles are named by in errors.
const LABEL: &str = "index-schema/page-profiles.toml";

/// The format version this build reads.
pub const VERSION: u32 = 1;

/// The shipped profiles, parsed on first use.
pub fn profiles() -> &'static Profiles {
    static PROFILES: OnceLock<Profiles> = OnceLock::new();
    PROFILES.get_or_init(|| {
        Profiles::from_toml(LABEL, PAGE_PROFILES)
            .unwrap_or_else(|e| panic!("the shipped page profiles are valid (tested): {e}"))
    })
}

/// A selector for a value: CSS, and optionally the attribute to read.
#[derive(Debug, Clone)]
pub struct ValueSelector {
    /// The CSS selector as written (without `@attribute`).
    pub css: String,
    /// The compiled selector.
    pub selector: Selector,
    /// The attribute to read instead of the text.
    pub attribute: Option<String>,
}

/// A rewrite of a turn label at the start of a paragraph.
#[derive(Debug, Clone)]
pub struct TurnRewrite {
    /// What a paragraph starts with.
    pub from: Regex,
    /// What it becomes (`$1` for the first group).
    pub to: String,
}

/// A kind chosen by the URL or the title.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    /// The kind.
    pub kind: String,
    /// Strings the URL may contain.
    #[serde(default)]
    pub url: Vec<String>,
    /// Strings the title may contain.
    #[serde(default)]
    pub title: Vec<String>,
}

/// One layout of a publisher's site (its pages as of some years): where
/// the title, the date and the text stand, and what boilerplate to leave out.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Name shown in the draft's notes (`2009-2017 drupal`).
    pub name: String,
    /// Selectors that tell this layout's pages (empty for a profile's first
    /// layout: its body selectors do).
    pub marks: Vec<Selector>,
    /// The title, first that gives a value.
    pub title: Vec<ValueSelector>,
    /// The date, first that gives one.
    pub date: Vec<ValueSelector>,
    /// Dates in the URL (groups `y`, `m`, `d`).
    pub url_date: Vec<Regex>,
    /// The text: the first selector that matches, every element it matches.
    pub body: Vec<ValueSelector>,
    /// Boilerplate removed from the body.
    pub drop: Vec<Selector>,
    /// Paragraphs left out.
    pub drop_paragraphs: Vec<Regex>,
    /// Turn labels rewritten.
    pub turns: Vec<TurnRewrite>,
}

/// How to read one publisher's pages.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Unique name.
    pub name: String,
    /// Publisher written to the statement.
    pub publisher: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// BCP 47 tag.
    pub lang: String,
    /// Id prefix.
    pub slug: String,
    /// Hosts (and their subdomains) the profile reads.
    pub hosts: Vec<String>,
    /// Path prefixes, when only some of a host's pages are read.
    pub paths: Vec<String>,
    /// Names the site gives itself (`og:site_name`, a title's tail, the
    /// copyright line), by which a saved page without an address is known.
    pub site_names: Vec<String>,
    /// The layouts, the top-level one first.
    pub layouts: Vec<Layout>,
    /// The default kind.
    pub kind: String,
    /// Kinds by URL or title, first match wins.
    pub kinds: Vec<KindRule>,
    /// Item links on a listing page.
    pub links: Vec<ValueSelector>,
}

impl Profile {
    /// The layout that reads `doc`: the first whose marks the page carries,
    /// else the first whose body selectors match; `None` when none does.
    pub fn layout_for(&self, doc: &Html) -> Option<&Layout> {
        let has = |s: &Selector| doc.select(s).next().is_some();
        self.layouts
            .iter()
            .find(|l| l.marks.iter().any(has))
            .or_else(|| {
                self.layouts
                    .iter()
                    .find(|l| l.body.iter().any(|vs| has(&vs.selector)))
            })
    }

    /// Does this profile read the page at `host` and `path`?
    pub fn matches(&self, host: &str, path: &str) -> bool {
        let host = host.trim_start_matches("www.").to_ascii_lowercase();
        let host_ok = self
            .hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")));
        host_ok && (self.paths.is_empty() || self.paths.iter().any(|p| path.starts_with(p)))
    }

    /// The kind for a page, and why.
    pub fn kind_for(&self, url: &str, title: &str) -> (String, String) {
        for rule in &self.kinds {
            if let Some(u) = rule.url.iter().find(|u| url.contains(u.as_str())) {
                return (rule.kind.clone(), format!("the URL contains {u:?}"));
            }
            if let Some(t) = rule.title.iter().find(|t| title.contains(t.as_str())) {
                return (rule.kind.clone(), format!("the title contains {t:?}"));
            }
        }
        (
            self.kind.clone(),
            format!("the default kind of profile {}", self.name),
        )
    }
}

/// The generic reader's rules, for pages no profile reads.
#[derive(Debug, Clone)]
pub struct Generic {
    /// The kind written (marked for review).
    pub kind: String,
    /// Country by the end of the host name.
    pub country_by_suffix: Vec<(String, String)>,
    /// Site names cut from titles (besides the profiles' and the page's own).
    pub site_names: Vec<String>,
}

/// Everything in `page-profiles.toml`.
#[derive(Debug, Clone)]
pub struct Profiles {
    /// Month names, lower case, to 1–12.
    pub months: HashMap<String, u32>,
    /// Japanese eras: name and Gregorian year of year 1.
    pub eras: Vec<(String, i32)>,
    /// Boilerplate every reader drops.
    pub common_drop: Vec<Selector>,
    /// Paragraphs every reader leaves out.
    pub common_drop_paragraphs: Vec<Regex>,
    /// Headings of boxes the generic reader leaves out whole.
    pub common_drop_boxes: Vec<Regex>,
    /// The generic reader.
    pub generic: Generic,
    /// The profiles, in file order.
    pub profiles: Vec<Profile>,
}

impl Profiles {
    /// The first profile that reads `host` and `path`.
    pub fn for_page(&self, host: &str, path: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.matches(host, path))
    }

    /// Every site name the profiles and the generic reader know, for
    /// cutting them from titles.
    pub fn all_site_names(&self) -> Vec<String> {
        self.profiles
            .iter()
            .flat_map(|p| p.site_names.iter().cloned())
            .chain(self.generic.site_names.iter().cloned())
            .collect()
    }

    /// A profile by name.
    pub fn named(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The names of all profiles, for messages.
    pub fn names(&self) -> Vec<&str> {
        self.profiles.iter().map(|p| p.name.as_str()).collect()
    }

    /// Parse and check profiles; `label` names the file in errors.
    pub fn from_toml(label: &str, text: &str) -> Result<Profiles> {
        let raw: raw::File = toml::from_str(text).map_err(|e| {
            Error::input(
                label,
                crate::encoding::toml_error_line(text, &e),
                e.message(),
            )
        })?;
        raw.compile(&raw::Doc { label, text })
    }
}

mod raw;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_profiles_load() {
        let p = profiles();
        assert!(p.profiles.len() >= 12);
        assert_eq!(
            p.for_page("www.mfa.gov.cn", "/eng/xw/").unwrap().name,
            "prc-mfa-en"
        );
        assert_eq!(
            p.for_page("www.fmprc.gov.cn", "/wjdt/").unwrap().name,
            "prc-mfa-zh"
        );
        assert_eq!(
            p.for_page("en.kremlin.ru", "/events/").unwrap().name,
            "kremlin-en"
        );
        assert_eq!(
            p.for_page("kremlin.ru", "/events/").unwrap().name,
            "kremlin-ru"
        );
        assert_eq!(
            p.for_page("www.mofa.go.jp", "/mofaj/na/").unwrap().name,
            "mofa-japan-ja"
        );
        assert!(p.for_page("example.org", "/").is_none());
    }

    #[test]
    fn errors_name_the_line() {
        let bad = PAGE_PROFILES.replacen("title = [\".news-title h1\"", "title = [\"h1[[\"", 1);
        let e = Profiles::from_toml("p.toml", &bad).unwrap_err().to_string();
        let line = bad.lines().position(|l| l.contains("h1[[")).unwrap() + 1;
        assert!(e.starts_with(&format!("p.toml:{line}: ")), "{e}");
        assert!(e.contains("selector"), "{e}");
        let bad = PAGE_PROFILES.replacen("country = \"CN\"", "country = \"China\"", 1);
        let e = Profiles::from_toml("p.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("not an ISO 3166-1"), "{e}");
        let bad = PAGE_PROFILES.replacen("slug = \"xinhua\"", "slug = \"xinhua\"\nslg = 1", 1);
        let e = Profiles::from_toml("p.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("unknown field"), "{e}");
        let bad = PAGE_PROFILES.replacen("^Editor:", "^Editor:(", 1);
        let e = Profiles::from_toml("p.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("pattern"), "{e}");
    }
}
