//! A page read with a profile: title, date, text, turns, kind — the facts
//! of a statement, each with where it came from.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};

use super::html::{describe, first_value, matched_ids, paragraphs};
use super::profiles::{Layout, Profile, Profiles};
use super::{dates, Fact, Facts};
use crate::error::{Error, Result};

/// Read `doc` with `profile`; `url` is the page's address (for the kind and
/// the date), `source` names it in errors. The layout is the first whose
/// marks the page carries (else whose body selectors match); a page no
/// layout reads is read as a generic page under the profile's name.
pub fn with_profile(
    doc: &Html,
    profile: &Profile,
    tables: &Profiles,
    url: &str,
    source: &str,
) -> Result<Facts> {
    let Some(layout) = profile.layout_for(doc) else {
        return unknown_layout(doc, profile, tables, url, source);
    };
    let why_layout = format!("profile {}, layout {}", profile.name, layout.name);
    let metas = super::metas::all(doc);
    let mut names = profile.site_names.clone();
    names.extend(super::find::site_names(&metas));
    names.extend(tables.all_site_names());
    let title = first_value(doc, &layout.title)
        .map(|(t, vs)| {
            Fact::new(
                super::find::strip_site_name(&t, &names),
                format!("the page's {} ({why_layout})", describe(vs)),
            )
        })
        .or_else(|| super::generic::title(doc, &metas, &names));
    let title_text = title.as_ref().map_or("", |t| t.value.as_str()).to_string();
    let date = page_date(doc, &layout.date, tables)
        .or_else(|| {
            dates::from_url(url, &layout.url_date)
                .map(|d| Fact::new(d.format("%Y-%m-%d").to_string(), "the date in the URL"))
        })
        .or_else(|| {
            let u = (!url.is_empty()).then_some(url);
            super::find::date(doc, &metas, u, &title_text, tables)
        });
    let body = body_paragraphs(doc, &layout.body, &layout.drop, tables).unwrap_or_default();
    let paragraphs = finish_paragraphs(body, &title_text, layout, tables);
    if paragraphs.is_empty() {
        return Err(Error::Extract {
            page: source.to_string(),
            reason: format!(
                "no text: {why_layout} finds only boilerplate or nothing in {} (a page with a title and no text?)",
                layout
                    .body
                    .iter()
                    .map(describe)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let (kind, kind_why) = profile.kind_for(url, &title_text);
    Ok(Facts {
        publisher: Some(Fact::new(profile.publisher.clone(), &why_layout)),
        country: Some(Fact::new(profile.country.clone(), &why_layout)),
        lang: Some(Fact::new(profile.lang.clone(), &why_layout)),
        kind: Fact::new(kind, kind_why),
        slug: profile.slug.clone(),
        layout: format!("{} / {}", profile.name, layout.name),
        title,
        date,
        paragraphs,
    })
}

/// A page of the profile's site that none of its layouts reads: the
/// generic reader's title, date and text, the profile's publisher.
fn unknown_layout(
    doc: &Html,
    profile: &Profile,
    tables: &Profiles,
    url: &str,
    source: &str,
) -> Result<Facts> {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string));
    let u = (!url.is_empty()).then_some(url);
    let mut facts = super::generic::read(doc, tables, host.as_deref(), u, source)?;
    let why = format!(
        "profile {}; none of its layouts ({}) matches this page: read as a generic page, check the text",
        profile.name,
        profile
            .layouts
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    facts.publisher = Some(Fact::new(profile.publisher.clone(), &why));
    facts.country = Some(Fact::new(profile.country.clone(), &why));
    facts.lang = Some(Fact::new(profile.lang.clone(), &why));
    let title_text = facts.title.as_ref().map_or("", |t| t.value.as_str());
    let (kind, kind_why) = profile.kind_for(url, title_text);
    facts.kind = Fact::new(kind, kind_why);
    facts.slug = profile.slug.clone();
    facts.layout = format!("{} / generic (no layout matched)", profile.name);
    Ok(facts)
}

/// The first date one of `selectors` gives that reads as a date.
pub fn page_date(
    doc: &Html,
    selectors: &[super::profiles::ValueSelector],
    tables: &Profiles,
) -> Option<Fact> {
    selectors.iter().find_map(|vs| {
        let (text, _) = first_value(doc, std::slice::from_ref(vs))?;
        let day: NaiveDate = dates::parse(&text, tables)?;
        Some(Fact::new(
            day.format("%Y-%m-%d").to_string(),
            format!("the page's {} ({text:?})", describe(vs)),
        ))
    })
}

/// The paragraphs of the elements the first matching body selector finds
/// (an element inside another that matched is read once), without the
/// boilerplate `drop` and the common drops remove; `None` when no selector
/// matches or nothing is left.
pub fn body_paragraphs(
    doc: &Html,
    body: &[super::profiles::ValueSelector],
    drop: &[Selector],
    tables: &Profiles,
) -> Option<Vec<String>> {
    body.iter().find_map(|vs| {
        let found: Vec<ElementRef> = doc.select(&vs.selector).collect();
        let ids: Vec<_> = found.iter().map(|e| e.id()).collect();
        let outer = found
            .iter()
            .filter(|e| !e.ancestors().any(|a| ids.contains(&a.id())));
        let mut out = Vec::new();
        for element in outer {
            let skip = matched_ids(*element, drop.iter().chain(&tables.common_drop));
            out.extend(paragraphs(*element, &skip));
        }
        (!out.is_empty()).then_some(out)
    })
}

/// Leave out boilerplate paragraphs and a repeat of the title; rewrite turn
/// labels.
fn finish_paragraphs(
    paragraphs: Vec<String>,
    title: &str,
    layout: &Layout,
    tables: &Profiles,
) -> Vec<String> {
    let mut out = drop_boilerplate(paragraphs, title, &layout.drop_paragraphs, tables);
    for p in &mut out {
        if let Some(rule) = layout.turns.iter().find(|r| r.from.is_match(p)) {
            *p = rule.from.replacen(p, 1, rule.to.as_str()).into_owned();
        }
    }
    out
}

/// Paragraphs without those `patterns` (and the common ones) match, and
/// without the first one that repeats the title.
pub fn drop_boilerplate(
    paragraphs: Vec<String>,
    title: &str,
    patterns: &[regex::Regex],
    tables: &Profiles,
) -> Vec<String> {
    let mut title_seen = title.is_empty();
    paragraphs
        .into_iter()
        .filter(|p| {
            if !title_seen && p == title {
                title_seen = true;
                return false;
            }
            !patterns
                .iter()
                .chain(&tables.common_drop_paragraphs)
                .any(|re| re.is_match(p))
        })
        .collect()
}
