//! `<meta>` values as pages really write them: the key in `name`,
//! `property` or `itemprop`, in any letter case (`PubDate`, `pubdate`,
//! `og:title`), the value in `content` or, on some Drupal sites (the Obama
//! White House archive), in `value`.

use scraper::{Html, Selector};

use super::html::clean_text;

/// Every `<meta>` of the page as (lower-case key, value), in page order.
pub fn all(doc: &Html) -> Vec<(String, String)> {
    let meta = Selector::parse("meta").expect("a valid selector");
    let mut out = Vec::new();
    for e in doc.select(&meta) {
        let el = e.value();
        if el.attr("itemprop").is_some() && in_media_item(e) {
            continue;
        }
        let Some(value) = el.attr("content").or_else(|| el.attr("value")) else {
            continue;
        };
        let value = clean_text(value);
        if value.is_empty() {
            continue;
        }
        for key in ["name", "property", "itemprop", "http-equiv"] {
            if let Some(k) = el.attr(key) {
                out.push((k.trim().to_ascii_lowercase(), value.clone()));
            }
        }
    }
    out
}

/// Is this `<meta itemprop>` a property of a photo, video or other media
/// item inside the page (its nearest `itemscope`), not of the article?
fn in_media_item(e: scraper::ElementRef) -> bool {
    e.ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .find(|a| a.value().attr("itemscope").is_some())
        .and_then(|a| a.value().attr("itemtype"))
        .is_some_and(|t| {
            [
                "ImageObject",
                "VideoObject",
                "AudioObject",
                "MediaObject",
                "Photograph",
            ]
            .iter()
            .any(|m| t.ends_with(m))
        })
}

/// The first value of the first of `keys` (lower case) the page has, and
/// the key as found.
pub fn first<'k>(metas: &[(String, String)], keys: &[&'k str]) -> Option<(String, &'k str)> {
    keys.iter().find_map(|k| {
        metas
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| (v.clone(), *k))
    })
}

/// How a meta key is named in notes: `<meta PubDate>` for `pubdate`.
pub fn describe(key: &str) -> String {
    format!("<meta {key}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_in_any_case_and_value_counts() {
        let doc = Html::parse_document(
            "<head><meta name=\"PubDate\" content=\"2022-11-17 20:46\">\
             <meta value=\"A title\" name=\"og:title\">\
             <meta itemprop=\"datePublished\" content=\" 2020-02-19 \"></head>",
        );
        let m = all(&doc);
        assert_eq!(
            first(&m, &["pubdate"]),
            Some(("2022-11-17 20:46".into(), "pubdate"))
        );
        assert_eq!(first(&m, &["og:title"]).unwrap().0, "A title");
        assert_eq!(first(&m, &["datepublished"]).unwrap().0, "2020-02-19");
        assert_eq!(first(&m, &["dc.date"]), None);
        // A photo's own datePublished (the Kremlin's galleries) is not the article's.
        let doc = Html::parse_document(
            "<article itemscope itemtype=\"http://schema.org/NewsArticle\">\
             <figure itemscope itemtype=\"http://schema.org/ImageObject\">\
             <meta itemprop=\"datePublished\" content=\"2016-09-04\"></figure>\
             <meta itemprop=\"dateModified\" content=\"2016-09-06\"></article>",
        );
        let m = all(&doc);
        assert_eq!(first(&m, &["datepublished"]), None);
        assert_eq!(first(&m, &["datemodified"]).unwrap().0, "2016-09-06");
    }
}
