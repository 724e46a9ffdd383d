//! Which profile reads a saved page that came without its address: the
//! address the page states (`<link rel=canonical>`, `og:url`,
//! `<meta name="Url">`), else what it carries — the site's name in its metas
//! or at the end of its `<title>`, or the original host of a Wayback copy.

use scraper::{Html, Selector};

use super::find::original_address;
use super::html::clean_text;
use super::metas;
use super::profiles::{Profile, Profiles};

/// The page's own absolute address: `<link rel=canonical>`, `og:url` or
/// `<meta name="Url">` (any case, `content` or `value`); a Wayback copy's
/// address is the original one.
pub fn page_address(doc: &Html) -> Option<String> {
    let link = Selector::parse("link[rel=canonical]").expect("a valid selector");
    let from_metas = metas::all(doc)
        .into_iter()
        .filter(|(k, _)| k == "og:url" || k == "url")
        .map(|(_, v)| v);
    doc.select(&link)
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .chain(from_metas)
        .map(|u| u.trim().to_string())
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(|u| original_address(&u).to_string())
}

/// The profile whose site names the page carries (metas, the title's
/// tail) or whose host a Wayback copy's links point to; among several, the
/// one in the page's language.
pub fn by_content<'p>(doc: &Html, tables: &'p Profiles) -> Option<&'p Profile> {
    if let Some(p) = wayback_host(doc).and_then(|h| tables.for_page(&h, "/")) {
        return Some(p);
    }
    let carried = carried_names(doc);
    let matching: Vec<&Profile> = tables
        .profiles
        .iter()
        .filter(|p| {
            p.site_names
                .iter()
                .any(|n| carried.iter().any(|c| c.eq_ignore_ascii_case(n)))
        })
        .collect();
    let lang = page_lang(doc);
    matching
        .iter()
        .find(|p| lang.as_deref() == Some(p.lang.as_str()))
        .or(matching.first())
        .copied()
}

/// The names a page gives its site: metas, and every part of its `<title>`
/// after a separator.
fn carried_names(doc: &Html) -> Vec<String> {
    let m = metas::all(doc);
    let mut out = super::find::site_names(&m);
    let title = Selector::parse("head title").expect("a valid selector");
    if let Some(t) = doc.select(&title).next() {
        let t = clean_text(&t.text().collect::<String>());
        for sep in super::find::SEPARATORS {
            if let Some((_, tail)) = t.rsplit_once(sep) {
                out.push(tail.trim().to_string());
            }
        }
    }
    out
}

/// The host a Wayback copy was taken from (its favicon, styles and
/// scripts are `web.archive.org/web/TIMESTAMP/http://HOST/…`).
fn wayback_host(doc: &Html) -> Option<String> {
    let link = Selector::parse("link[href*='web.archive.org/web/']").expect("a valid selector");
    doc.select(&link).find_map(|e| {
        let href = e.value().attr("href")?;
        let original = original_address(href);
        (original != href)
            .then(|| {
                url::Url::parse(original)
                    .ok()?
                    .host_str()
                    .map(str::to_string)
            })
            .flatten()
    })
}

/// The page's language by `<html lang>`, else by the script of its title.
fn page_lang(doc: &Html) -> Option<String> {
    let html = Selector::parse("html").expect("a valid selector");
    if let Some(lang) = doc
        .select(&html)
        .next()
        .and_then(|e| e.value().attr("lang"))
    {
        let primary = crate::model::codes::primary_language(lang.trim());
        if !primary.is_empty() {
            return Some(primary);
        }
    }
    let title = Selector::parse("title").expect("a valid selector");
    let t: String = doc.select(&title).next()?.text().collect();
    let han = t
        .chars()
        .filter(|c| crate::analysis::script::is_han(*c))
        .count();
    let kana = t
        .chars()
        .filter(|c| crate::analysis::script::is_kana(*c))
        .count();
    let latin = t.chars().filter(char::is_ascii_alphabetic).count();
    let lang = if kana > 0 {
        "ja"
    } else if han > latin {
        "zh"
    } else {
        "en"
    };
    Some(lang.to_string())
}
