//! The generic reader, for a page no profile reads: title and date from
//! `<meta>`, Open Graph or `<time>`; the text from `<article>`/`<main>` or
//! else the element with the most paragraph text (a small readability);
//! language from `<html lang>` or the script; publisher from `og:site_name`
//! or the host; everything marked for review.

use scraper::{ElementRef, Html, Selector};

use super::extract::{body_paragraphs, drop_boilerplate, page_date};
use super::html::{clean_text, describe, first_value, matched_ids, paragraphs};
use super::profiles::Profiles;
use super::{Fact, Facts};
use crate::analysis::script::{is_han, is_hangul, is_kana};
use crate::error::{Error, Result};
use crate::model::codes::{is_language_tag, primary_language};

/// Paragraph text a container needs to count as the page's text.
const MIN_TEXT: usize = 200;

/// Read `doc` without a profile.
pub fn read(doc: &Html, tables: &Profiles, host: Option<&str>, source: &str) -> Result<Facts> {
    let g = &tables.generic;
    let title = first_value(doc, &g.title)
        .map(|(t, vs)| Fact::new(t, format!("the page's {} (generic page)", describe(vs))));
    let date = page_date(doc, &g.date, tables);
    let body = body_paragraphs(doc, &g.body, &[], tables)
        .filter(|ps| ps.iter().map(|p| p.len()).sum::<usize>() >= MIN_TEXT)
        .or_else(|| densest(doc, tables))
        .ok_or_else(|| Error::Extract {
            page: source.to_string(),
            reason: "no text: the page has no <article>, <main> or block of paragraphs".into(),
        })?;
    let title_text = title.as_ref().map_or("", |t| t.value.as_str());
    let paragraphs = drop_boilerplate(body, title_text, &[], tables);
    let site = first_value(doc, &[site_name()]).map(|(s, _)| s);
    let publisher = match (site, host) {
        (Some(s), _) => Some(Fact::new(s, "the page's og:site_name")),
        (None, Some(h)) => Some(Fact::new(
            h.trim_start_matches("www.").to_string(),
            "the host name (no og:site_name): write the publisher's full name",
        )),
        (None, None) => None,
    };
    let country = host.and_then(|h| {
        g.country_by_suffix
            .iter()
            .find(|(suffix, _)| h.ends_with(suffix.as_str()))
            .map(|(suffix, c)| Fact::new(c.clone(), format!("the host ends in {suffix}")))
    });
    let lang = html_lang(doc).or_else(|| script_lang(&paragraphs));
    Ok(Facts {
        publisher,
        country,
        lang,
        kind: Fact::new(g.kind.clone(), "generic page: check the kind"),
        slug: String::new(),
        title,
        date,
        paragraphs,
    })
}

fn site_name() -> super::profiles::ValueSelector {
    super::profiles::ValueSelector {
        css: "meta[property='og:site_name']".into(),
        selector: Selector::parse("meta[property='og:site_name']").expect("a valid selector"),
        attribute: Some("content".into()),
    }
}

/// The element whose own `<p>` children hold the most text.
fn densest(doc: &Html, tables: &Profiles) -> Option<Vec<String>> {
    let blocks =
        Selector::parse("div, section, article, main, td, span, body").expect("a valid selector");
    let p = Selector::parse(":scope > p").expect("a valid selector");
    let score = |e: &ElementRef| -> usize {
        e.select(&p)
            .map(|p| clean_text(&p.text().collect::<String>()).len())
            .sum()
    };
    let best = doc.select(&blocks).max_by_key(score)?;
    if score(&best) == 0 {
        return None;
    }
    let skip = matched_ids(best, &tables.common_drop);
    let out = paragraphs(best, &skip);
    (!out.is_empty()).then_some(out)
}

/// `<html lang="…">`, when it is a language tag.
fn html_lang(doc: &Html) -> Option<Fact> {
    let html = Selector::parse("html").expect("a valid selector");
    let lang = doc.select(&html).next()?.value().attr("lang")?.trim();
    let primary = primary_language(lang);
    is_language_tag(&primary).then(|| Fact::new(primary, format!("<html lang={lang:?}>")))
}

/// The language the script of the text suggests.
fn script_lang(paragraphs: &[String]) -> Option<Fact> {
    let text: String = paragraphs.concat();
    let (mut han, mut kana, mut hangul, mut cyrillic, mut latin) = (0, 0, 0, 0, 0);
    for c in text.chars() {
        if is_kana(c) {
            kana += 1;
        } else if is_han(c) {
            han += 1;
        } else if is_hangul(c) {
            hangul += 1;
        } else if ('\u{400}'..='\u{4ff}').contains(&c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    let lang = if kana > 0 && kana * 10 >= han {
        "ja"
    } else if han * 2 > latin {
        "zh"
    } else if hangul * 2 > latin {
        "ko"
    } else if cyrillic > latin {
        "ru"
    } else if latin > 0 {
        "en"
    } else {
        return None;
    };
    Some(Fact::new(lang.to_string(), "the script of the text"))
}
