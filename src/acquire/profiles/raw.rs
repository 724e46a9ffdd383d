//! The file as written (with the places of its values), and its checked,
//! compiled form.

use std::collections::HashMap;

use regex::Regex;
use scraper::Selector;
use serde::Deserialize;
use toml::Spanned;

use super::{
    is_country, is_language_tag, Generic, KindRule, Layout, Profile, Profiles, TurnRewrite,
    ValueSelector, VERSION,
};
use crate::error::{Error, Result};

type S = Spanned<String>;

/// The text being loaded, for locating errors.
pub(super) struct Doc<'a> {
    pub label: &'a str,
    pub text: &'a str,
}

impl Doc<'_> {
    fn error<T>(&self, at: &Spanned<T>, reason: impl Into<String>) -> Error {
        Error::input(
            self.label,
            crate::encoding::line_at(self.text, at.span().start),
            reason,
        )
    }

    fn selector(&self, s: &S) -> Result<Selector> {
        Selector::parse(s.get_ref())
            .map_err(|e| self.error(s, format!("selector {:?} does not parse: {e}", s.get_ref())))
    }

    fn value_selector(&self, s: &S) -> Result<ValueSelector> {
        let (css, attribute) = match s.get_ref().rsplit_once('@') {
            Some((css, attr)) if !attr.is_empty() && !attr.contains(']') => {
                (css.to_string(), Some(attr.to_string()))
            }
            _ => (s.get_ref().clone(), None),
        };
        let selector = Selector::parse(&css)
            .map_err(|e| self.error(s, format!("selector {css:?} does not parse: {e}")))?;
        Ok(ValueSelector {
            css,
            selector,
            attribute,
        })
    }

    fn regex(&self, s: &S) -> Result<Regex> {
        Regex::new(s.get_ref())
            .map_err(|e| self.error(s, format!("pattern {:?} does not parse: {e}", s.get_ref())))
    }

    fn all<T>(&self, list: &[S], f: impl Fn(&Self, &S) -> Result<T>) -> Result<Vec<T>> {
        list.iter().map(|s| f(self, s)).collect()
    }

    fn non_empty(&self, key: &str, s: &S) -> Result<String> {
        if s.get_ref().trim().is_empty() {
            return Err(self.error(s, format!("{key} is empty")));
        }
        Ok(s.get_ref().clone())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    version: Spanned<u32>,
    dates: Dates,
    common: Common,
    generic: RawGeneric,
    #[serde(rename = "profile")]
    profiles: Vec<RawProfile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dates {
    months: HashMap<String, Spanned<u32>>,
    eras: Vec<Era>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Era {
    name: S,
    first_year: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Common {
    drop: Vec<S>,
    #[serde(default)]
    drop_boxes: Vec<S>,
    drop_paragraphs: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGeneric {
    kind: S,
    country_by_suffix: HashMap<String, S>,
    #[serde(default)]
    site_names: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: S,
    publisher: S,
    country: S,
    lang: S,
    slug: S,
    hosts: Vec<S>,
    #[serde(default)]
    paths: Vec<S>,
    #[serde(default)]
    site_names: Vec<S>,
    #[serde(default)]
    layout: Option<S>,
    #[serde(default)]
    layouts: Vec<RawLayout>,
    title: Vec<S>,
    date: Vec<S>,
    #[serde(default)]
    url_date: Vec<S>,
    body: Vec<S>,
    #[serde(default)]
    drop: Vec<S>,
    #[serde(default)]
    drop_paragraphs: Vec<S>,
    #[serde(default)]
    turns: Vec<RawTurn>,
    kind: S,
    #[serde(default)]
    kinds: Vec<Spanned<KindRule>>,
    #[serde(default)]
    links: Vec<S>,
}

/// A further layout of a profile: `marks` tell its pages; rules not given
/// are the profile's own (title, date, url_date) or none (drop, turns).
/// Its rule fields repeat [`RawProfile`]'s on purpose: serde cannot
/// `flatten` a shared struct into one that denies unknown fields, and a
/// mistyped key must stay a located error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    name: S,
    marks: Vec<S>,
    #[serde(default)]
    title: Vec<S>,
    #[serde(default)]
    date: Vec<S>,
    #[serde(default)]
    url_date: Vec<S>,
    body: Vec<S>,
    #[serde(default)]
    drop: Vec<S>,
    #[serde(default)]
    drop_paragraphs: Vec<S>,
    #[serde(default)]
    turns: Vec<RawTurn>,
}

impl RawLayout {
    fn compile(&self, doc: &Doc, first: &Layout) -> Result<Layout> {
        if self.marks.is_empty() || self.body.is_empty() {
            return Err(doc.error(&self.name, "a layout needs marks and body selectors"));
        }
        let or_first = |own: Vec<ValueSelector>, inherited: &[ValueSelector]| {
            if own.is_empty() {
                inherited.to_vec()
            } else {
                own
            }
        };
        let url_date = doc.all(&self.url_date, Doc::regex)?;
        Ok(Layout {
            name: doc.non_empty("layout name", &self.name)?,
            marks: doc.all(&self.marks, Doc::selector)?,
            title: or_first(doc.all(&self.title, Doc::value_selector)?, &first.title),
            date: or_first(doc.all(&self.date, Doc::value_selector)?, &first.date),
            url_date: if url_date.is_empty() {
                first.url_date.clone()
            } else {
                url_date
            },
            body: doc.all(&self.body, Doc::value_selector)?,
            drop: doc.all(&self.drop, Doc::selector)?,
            drop_paragraphs: doc.all(&self.drop_paragraphs, Doc::regex)?,
            turns: turns(doc, &self.turns)?,
        })
    }
}

fn turns(doc: &Doc, raw: &[RawTurn]) -> Result<Vec<TurnRewrite>> {
    raw.iter()
        .map(|t| {
            Ok(TurnRewrite {
                from: doc.regex(&t.from)?,
                to: t.to.clone(),
            })
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTurn {
    from: S,
    to: String,
}

impl File {
    pub(super) fn compile(&self, doc: &Doc) -> Result<Profiles> {
        if *self.version.get_ref() != VERSION {
            let reason = format!(
                "version {} is not {VERSION}, the one this build reads",
                self.version.get_ref()
            );
            return Err(doc.error(&self.version, reason));
        }
        let mut months = HashMap::new();
        for (name, n) in &self.dates.months {
            if !(1..=12).contains(n.get_ref()) {
                return Err(doc.error(n, format!("month {name:?}: {} is not 1 to 12", n.get_ref())));
            }
            months.insert(name.to_lowercase(), *n.get_ref());
        }
        let eras = self
            .dates
            .eras
            .iter()
            .map(|e| Ok((doc.non_empty("era name", &e.name)?, e.first_year)))
            .collect::<Result<_>>()?;
        let mut profiles: Vec<Profile> = Vec::new();
        for raw in &self.profiles {
            let p = raw.compile(doc)?;
            if profiles.iter().any(|q| q.name == p.name) {
                return Err(doc.error(&raw.name, format!("profile {:?} is listed twice", p.name)));
            }
            profiles.push(p);
        }
        Ok(Profiles {
            months,
            eras,
            common_drop: doc.all(&self.common.drop, Doc::selector)?,
            common_drop_paragraphs: doc.all(&self.common.drop_paragraphs, Doc::regex)?,
            common_drop_boxes: doc.all(&self.common.drop_boxes, Doc::regex)?,
            generic: self.generic.compile(doc)?,
            profiles,
        })
    }
}

impl RawGeneric {
    fn compile(&self, doc: &Doc) -> Result<Generic> {
        let mut country_by_suffix = Vec::new();
        for (suffix, country) in &self.country_by_suffix {
            if !is_country(country.get_ref()) {
                return Err(doc.error(country, bad_country(country.get_ref())));
            }
            country_by_suffix.push((suffix.to_ascii_lowercase(), country.get_ref().clone()));
        }
        country_by_suffix.sort();
        Ok(Generic {
            kind: check_kind(doc, &self.kind)?,
            country_by_suffix,
            site_names: self
                .site_names
                .iter()
                .map(|s| s.get_ref().clone())
                .collect(),
        })
    }
}

fn bad_country(c: &str) -> String {
    format!("country {c:?} is not an ISO 3166-1 alpha-2 code (e.g. CN, US, JP)")
}

fn check_kind(doc: &Doc, kind: &S) -> Result<String> {
    let k = kind.get_ref();
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        return Err(doc.error(kind, format!("kind {k:?} is not a lowercase slug")));
    }
    Ok(k.clone())
}

impl RawProfile {
    fn compile(&self, doc: &Doc) -> Result<Profile> {
        if !is_country(self.country.get_ref()) {
            return Err(doc.error(&self.country, bad_country(self.country.get_ref())));
        }
        if !is_language_tag(self.lang.get_ref()) {
            let reason = format!(
                "lang {:?} is not a BCP 47 language tag",
                self.lang.get_ref()
            );
            return Err(doc.error(&self.lang, reason));
        }
        if self.hosts.is_empty() {
            return Err(doc.error(&self.name, "a profile needs at least one host"));
        }
        if self.body.is_empty() || self.title.is_empty() {
            return Err(doc.error(&self.name, "a profile needs title and body selectors"));
        }
        let mut kinds = Vec::new();
        for rule in &self.kinds {
            let kind = Spanned::new(rule.span(), rule.get_ref().kind.clone());
            check_kind(doc, &kind)?;
            kinds.push(rule.get_ref().clone());
        }
        let first = Layout {
            name: self
                .layout
                .as_ref()
                .map_or(Ok("default".to_string()), |l| doc.non_empty("layout", l))?,
            marks: Vec::new(),
            title: doc.all(&self.title, Doc::value_selector)?,
            date: doc.all(&self.date, Doc::value_selector)?,
            url_date: doc.all(&self.url_date, Doc::regex)?,
            body: doc.all(&self.body, Doc::value_selector)?,
            drop: doc.all(&self.drop, Doc::selector)?,
            drop_paragraphs: doc.all(&self.drop_paragraphs, Doc::regex)?,
            turns: turns(doc, &self.turns)?,
        };
        let mut layouts = Vec::new();
        for raw in &self.layouts {
            layouts.push(raw.compile(doc, &first)?);
        }
        layouts.insert(0, first);
        Ok(Profile {
            name: doc.non_empty("name", &self.name)?,
            publisher: doc.non_empty("publisher", &self.publisher)?,
            country: self.country.get_ref().clone(),
            lang: self.lang.get_ref().clone(),
            slug: check_kind(doc, &self.slug)?,
            hosts: self
                .hosts
                .iter()
                .map(|h| h.get_ref().to_ascii_lowercase())
                .collect(),
            paths: self.paths.iter().map(|p| p.get_ref().clone()).collect(),
            site_names: self
                .site_names
                .iter()
                .map(|s| s.get_ref().clone())
                .collect(),
            layouts,
            kind: check_kind(doc, &self.kind)?,
            kinds,
            links: doc.all(&self.links, Doc::value_selector)?,
        })
    }
}
