//! A page read with a profile: title, date, text, turns, kind — the facts
//! of a statement, each with where it came from.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};

use super::html::{describe, first_value, matched_ids, paragraphs};
use super::profiles::{Profile, Profiles};
use super::{dates, Fact, Facts};
use crate::error::{Error, Result};

/// Read `doc` with `profile`; `url` is the page's address (for the kind and
/// the date), `source` names it in errors.
pub fn with_profile(
    doc: &Html,
    profile: &Profile,
    tables: &Profiles,
    url: &str,
    source: &str,
) -> Result<Facts> {
    let title = first_value(doc, &profile.title)
        .map(|(t, vs)| Fact::new(t, format!("the page's {}", describe(vs))));
    let date = page_date(doc, &profile.date, tables).or_else(|| {
        dates::from_url(url, &profile.url_date)
            .map(|d| Fact::new(d.format("%Y-%m-%d").to_string(), "the date in the URL"))
    });
    let body = body_paragraphs(doc, &profile.body, &profile.drop, tables).ok_or_else(|| {
        Error::Extract {
            page: source.to_string(),
            reason: format!(
                "no text: none of the body selectors of profile {} ({}) matches this page",
                profile.name,
                profile
                    .body
                    .iter()
                    .map(describe)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    })?;
    let title_text = title.as_ref().map_or("", |t| t.value.as_str());
    let paragraphs = finish_paragraphs(body, title_text, profile, tables);
    let (kind, kind_why) = profile.kind_for(url, title_text);
    let why_profile = format!("profile {}", profile.name);
    Ok(Facts {
        publisher: Some(Fact::new(profile.publisher.clone(), &why_profile)),
        country: Some(Fact::new(profile.country.clone(), &why_profile)),
        lang: Some(Fact::new(profile.lang.clone(), &why_profile)),
        kind: Fact::new(kind, kind_why),
        slug: profile.slug.clone(),
        title,
        date,
        paragraphs,
    })
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
    profile: &Profile,
    tables: &Profiles,
) -> Vec<String> {
    let mut out = drop_boilerplate(paragraphs, title, &profile.drop_paragraphs, tables);
    for p in &mut out {
        if let Some(rule) = profile.turns.iter().find(|r| r.from.is_match(p)) {
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
