//! The generic reader, for a page no profile reads: the title (`<h1>`,
//! `og:title`, `<title>`) without the site's name and the date (metas in
//! any letter case, the address, `<time>`, a date near the title) as
//! [`super::find`] looks for them; the text from the element holding the
//! most running text (by text density, not the first `<article>`);
//! language from `<html lang>` or the script; publisher from `og:site_name`
//! or the host; everything marked for review.

use scraper::{ElementRef, Html, Node, Selector};

use super::extract::drop_boilerplate;
use super::find::{self, strip_site_name};
use super::html::{clean_text, matched_ids, paragraphs};
use super::profiles::Profiles;
use super::{metas, Fact, Facts};
use crate::analysis::script::{is_han, is_hangul, is_kana};
use crate::error::{Error, Result};
use crate::model::codes::{is_language_tag, primary_language};

/// Text a container needs to count as the page's text.
const MIN_TEXT: usize = 80;

/// Read `doc` without a profile; `url` is the page's address, if known.
pub fn read(
    doc: &Html,
    tables: &Profiles,
    host: Option<&str>,
    url: Option<&str>,
    source: &str,
) -> Result<Facts> {
    let g = &tables.generic;
    let metas = metas::all(doc);
    let mut names = find::site_names(&metas);
    names.extend(tables.all_site_names());
    if let Some(h) = host {
        names.push(h.trim_start_matches("www.").to_string());
    }
    let title = title(doc, &metas, &names);
    let title_text = title.as_ref().map_or("", |t| t.value.as_str()).to_string();
    let date = find::date(doc, &metas, url, &title_text, tables);
    let marked = marked_body(doc, tables);
    let block = marked
        .or_else(|| densest(doc, tables))
        .ok_or_else(|| Error::Extract {
            page: source.to_string(),
            reason: "no text: the page has no block of paragraphs".into(),
        })?;
    let mut text = Vec::new();
    if marked.is_some() {
        text.extend(lead(doc, block, tables));
    }
    let mut skip = matched_ids(block, &tables.common_drop);
    skip.extend(boxes(block, tables));
    text.extend(paragraphs(block, &skip));
    let paragraphs = drop_boilerplate(text, &title_text, &[], tables);
    let site = metas::first(&metas, &["og:site_name", "sitename", "application-name"]);
    let publisher = match (site, host) {
        (Some((s, key)), _) => Some(Fact::new(s, format!("the page's {}", metas::describe(key)))),
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
        layout: "generic".into(),
        title,
        date,
        paragraphs,
    })
}

/// The title: the `<h1>` the `<title>` or `og:title` begins with, else
/// `og:title`, else `<title>`, else the first `<h1>`; the site's name cut.
pub(super) fn title(doc: &Html, metas: &[(String, String)], names: &[String]) -> Option<Fact> {
    let text_of = |css: &str| -> Option<String> {
        let sel = Selector::parse(css).expect("a valid selector");
        doc.select(&sel)
            .map(|e| clean_text(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let og = metas::first(metas, &["og:title", "twitter:title", "articletitle"]);
    let head = text_of("head title");
    let heads: Vec<&str> = og
        .iter()
        .map(|(t, _)| t.as_str())
        .chain(head.as_deref())
        .collect();
    // The first <h1> a head title holds that is not the site's name (a logo).
    let h1s = Selector::parse("h1").expect("a valid selector");
    let named = doc
        .select(&h1s)
        .map(|e| clean_text(&e.text().collect::<String>()))
        .find(|h| {
            h.chars().count() >= 4
                && !names.iter().any(|n| n.eq_ignore_ascii_case(h))
                && heads.iter().any(|t| t.contains(h.as_str()))
        });
    let h1 = named.clone().or_else(|| text_of("h1"));
    let found = match (&h1, &og, &head) {
        (Some(h), _, _) if named.is_some() => {
            (h.clone(), "the page's <h1> (generic page)".to_string())
        }
        (_, Some((t, key)), _) => (
            t.clone(),
            format!("the page's {} (generic page)", metas::describe(key)),
        ),
        (_, None, Some(t)) => (t.clone(), "the page's <title> (generic page)".to_string()),
        (Some(h), None, None) => (h.clone(), "the page's <h1> (generic page)".to_string()),
        (None, None, None) => return None,
    };
    let value = strip_site_name(&found.0, names);
    (!value.is_empty()).then(|| Fact::new(value, found.1))
}

/// The element holding the most running text (a small readability): each
/// text outside links counts for its block's container in full and for the
/// container's parent by half; boilerplate (menus, footers) does not count.
fn densest<'a>(doc: &'a Html, tables: &Profiles) -> Option<ElementRef<'a>> {
    let skip = matched_ids(doc.root_element(), &tables.common_drop);
    let mut scores: std::collections::HashMap<ego_tree::NodeId, f64> = Default::default();
    for node in doc.root_element().descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let len = clean_text(t).chars().count();
        if len < 2 {
            continue;
        }
        let mut ancestors = node.ancestors().filter_map(ElementRef::wrap);
        let in_skipped = node.ancestors().any(|a| skip.contains(&a.id()));
        let in_link = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .any(|e| matches!(e.value().name(), "a" | "script" | "style" | "option"));
        if in_skipped || in_link {
            continue;
        }
        let Some(block) = ancestors.find(|e| is_block(e.value().name())) else {
            continue;
        };
        let container = if is_paragraph(block.value().name()) {
            block.parent().and_then(ElementRef::wrap)
        } else {
            Some(block)
        };
        let Some(container) = container else { continue };
        *scores.entry(container.id()).or_default() += len as f64;
        if let Some(parent) = container.parent() {
            *scores.entry(parent.id()).or_default() += len as f64 / 2.0;
        }
    }
    let (best, score) = scores
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    (score >= MIN_TEXT as f64)
        .then(|| doc.tree.get(best).and_then(ElementRef::wrap))
        .flatten()
}

/// The one element the page marks as its article's body (schema.org
/// `itemprop=articleBody`, microformats `e-content`) when it holds running
/// text: trusted before text density.
fn marked_body<'a>(doc: &'a Html, tables: &Profiles) -> Option<ElementRef<'a>> {
    let sel = Selector::parse("[itemprop=articleBody], .e-content").expect("a valid selector");
    let found: Vec<ElementRef> = doc.select(&sel).collect();
    let [body] = found.as_slice() else {
        return None;
    };
    let skip = matched_ids(*body, &tables.common_drop);
    let len: usize = paragraphs(*body, &skip)
        .iter()
        .map(|p| p.chars().count())
        .sum();
    (len >= MIN_TEXT).then_some(*body)
}

/// The lead the page marks before a marked body (`itemprop=description`,
/// `p-summary`, `entry-summary` outside `<meta>`), as paragraphs.
fn lead(doc: &Html, body: ElementRef, tables: &Profiles) -> Vec<String> {
    let sel = Selector::parse("[itemprop=description]:not(meta), .p-summary, .entry-summary")
        .expect("a valid selector");
    let Some(e) = doc
        .select(&sel)
        .find(|e| e.id() < body.id() && !e.ancestors().any(|a| a.id() == body.id()))
    else {
        return Vec::new();
    };
    let skip = matched_ids(e, &tables.common_drop);
    paragraphs(e, &skip)
}

/// Boxes under `block` headed "See also", "Related", "Publication status",
/// a tag list…: the heading's parent, or the heading and what follows it
/// when its parent is the block itself.
fn boxes(block: ElementRef, tables: &Profiles) -> Vec<ego_tree::NodeId> {
    let headings = Selector::parse("h2, h3, h4, h5, h6").expect("a valid selector");
    let mut out = Vec::new();
    for h in block.select(&headings) {
        let text = clean_text(&h.text().collect::<String>());
        if !tables.common_drop_boxes.iter().any(|re| re.is_match(&text)) {
            continue;
        }
        match h.parent() {
            Some(parent) if parent.id() != block.id() => out.push(parent.id()),
            _ => out.extend(std::iter::once(h.id()).chain(h.next_siblings().map(|n| n.id()))),
        }
    }
    out
}

fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "blockquote" | "h2" | "h3" | "h4" | "pre" | "dd"
    )
}

fn is_block(name: &str) -> bool {
    is_paragraph(name)
        || matches!(
            name,
            "div" | "td" | "section" | "article" | "main" | "body" | "center"
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let m = metas::all(&doc);
        let mut names = find::site_names(&m);
        names.extend(crate::acquire::profiles::profiles().all_site_names());
        title(&doc, &m, &names).map(|f| f.value)
    }

    #[test]
    fn the_title_is_the_h1_its_head_title_holds_not_a_logo() {
        // A logo <h1> first, the article's <h1> inside the <title> but not at its start.
        let html = "<head><title>令和7年11月25日 高市内閣総理大臣記者会見 | 首相官邸ホームページ</title></head>\
                    <body><h1>President of Russia</h1><h1>高市内閣総理大臣記者会見</h1></body>";
        assert_eq!(title_of(html).as_deref(), Some("高市内閣総理大臣記者会見"));
        // No <h1> in the title: the title without the site's name.
        let html =
            "<head><title>日米首脳電話会談｜外務省</title></head><body><h1>外務省</h1></body>";
        assert_eq!(title_of(html).as_deref(), Some("日米首脳電話会談"));
    }
}
