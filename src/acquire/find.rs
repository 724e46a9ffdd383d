//! What any page is read for when no rule of a profile gives it, the way
//! htmldate and trafilatura look: the date in the metas (any letter case),
//! the address (`t20221117_`, `/2020-02/19/`, `/2017/10/06/`), `<time>`,
//! or a date written next to the title (`2020年2月19日`, `February 19, 2020`,
//! `19 февраля 2020 года`, 令和); the title without the site's name
//! (`… — 中华人民共和国外交部`, `…-新华网`, ` | The White House`).

use std::sync::OnceLock;

use regex::Regex;
use scraper::{Html, Selector};

use super::html::{clean_text, matched_ids, paragraphs};
use super::profiles::Profiles;
use super::{dates, metas, Fact};

/// Date metas, most trusted first (lower case).
const DATE_METAS: [&str; 12] = [
    "article:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "datepublished",
    "og:published_time",
    "date",
    "article:modified_time",
];

/// Where the date was looked for, for a refusal.
pub const DATE_LOOKED: &str = "<meta PubDate>, <meta article:published_time> and the other date metas, the address, <time>, the text near the title";

/// Where the title was looked for, for a refusal.
pub const TITLE_LOOKED: &str = "<meta og:title>, <h1>, <title>";

/// Paragraphs around the title searched for a visible date.
const NEAR: usize = 3;

/// A date the page gives, and where; `url` is the page's address.
pub fn date(
    doc: &Html,
    metas: &[(String, String)],
    url: Option<&str>,
    title: &str,
    tables: &Profiles,
) -> Option<Fact> {
    let day = |text: &str| dates::parse(text, tables).map(|d| d.format("%Y-%m-%d").to_string());
    let from_meta = DATE_METAS.iter().find_map(|k| {
        let (text, key) = metas::first(metas, &[k])?;
        Some(Fact::new(
            day(&text)?,
            format!("the page's {} ({text:?})", metas::describe(key)),
        ))
    });
    from_meta
        .or_else(|| {
            let u = url?;
            let d = address_date(u)?;
            Some(Fact::new(d, format!("the date in the address ({u})")))
        })
        .or_else(|| time_element(doc, &day))
        .or_else(|| near_title(doc, title, tables))
}

/// `<time datetime>`, `<time>` or an element marked `itemprop=datePublished`.
fn time_element(doc: &Html, day: &dyn Fn(&str) -> Option<String>) -> Option<Fact> {
    let sel = Selector::parse("time, [itemprop=datePublished]").expect("a valid selector");
    doc.select(&sel).find_map(|e| {
        let v = e.value();
        let text = v
            .attr("datetime")
            .or_else(|| v.attr("content"))
            .map(str::to_string)
            .unwrap_or_else(|| clean_text(&e.text().collect::<String>()));
        let d = day(&text)?;
        Some(Fact::new(
            d,
            format!("the page's <{}> ({text:?})", v.name()),
        ))
    })
}

/// The date written in a short line within a few paragraphs of the title.
fn near_title(doc: &Html, title: &str, tables: &Profiles) -> Option<Fact> {
    if title.chars().count() < 4 {
        return None;
    }
    let body = Selector::parse("body").expect("a valid selector");
    let root = doc.select(&body).next()?;
    let skip = matched_ids(root, &tables.common_drop);
    let ps = paragraphs(root, &skip);
    let at = ps.iter().position(|p| {
        p == title || (p.contains(title) && p.chars().count() < title.chars().count() * 2)
    })?;
    let mut order: Vec<usize> = Vec::new();
    for k in 1..=NEAR {
        order.extend([at + k, at.wrapping_sub(k)]);
    }
    order.push(at);
    order.into_iter().filter_map(|i| ps.get(i)).find_map(|p| {
        if p.chars().count() > 100 {
            return None;
        }
        let d = dates::parse(p, tables)?;
        Some(Fact::new(
            d.format("%Y-%m-%d").to_string(),
            format!("a date written near the title ({p:?})"),
        ))
    })
}

/// The date in an address: `t20221117_`, `/2020-02/19/`, `/2017/10/06/`,
/// `/20251124/`, `2025-11-24`.
pub fn address_date(url: &str) -> Option<String> {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RE.get_or_init(|| {
        [
            r"[/_]t(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)_",
            r"/(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)/(?P<d>\d\d)/",
            r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)/",
            r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)/",
            r"[/_-](?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[/_.-]|$)",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("a valid built-in pattern"))
        .collect()
    });
    let url = original_address(url);
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    dates::from_url(path, res).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The original address of a Wayback Machine copy
/// (`https://web.archive.org/web/20120611024252/http://…` → `http://…`).
pub fn original_address(url: &str) -> &str {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^https?://(?:web\.)?archive\.org/web/\d{4,14}[a-z_]*/(?P<u>.+)$")
            .expect("a valid built-in pattern")
    });
    match re.captures(url).and_then(|c| c.name("u")) {
        Some(u) if u.as_str().starts_with("http") => &url[u.start()..],
        _ => url,
    }
}

/// Separators between a title and the site's name, longest first.
pub const SEPARATORS: [&str; 14] = [
    " | ", " ｜ ", " • ", " — ", " – ", " - ", " _ ", "|", "｜", "•", "—", "_", "-", "－",
];

/// `title` without a trailing site name: one of `names` (any case), or the
/// host. Repeated (`A - B - Site`): only known names go.
pub fn strip_site_name(title: &str, names: &[String]) -> String {
    let known = |tail: &str| {
        let t = tail.trim().to_lowercase();
        !t.is_empty() && names.iter().any(|n| n.to_lowercase() == t)
    };
    let mut out = title.trim().to_string();
    loop {
        let cut = SEPARATORS.iter().find_map(|sep| {
            let (head, tail) = out.rsplit_once(sep)?;
            (known(tail) && !head.trim().is_empty()).then(|| head.trim().to_string())
        });
        match cut {
            Some(head) => out = head,
            None => return out,
        }
    }
}

/// The names a page gives its site (`og:site_name`, `application-name`,
/// `SiteName`), for cutting them from titles.
pub fn site_names(metas: &[(String, String)]) -> Vec<String> {
    let keys = [
        "og:site_name",
        "application-name",
        "sitename",
        "apple-mobile-web-app-title",
    ];
    metas
        .iter()
        .filter(|(k, _)| keys.contains(&k.as_str()))
        .map(|(_, v)| v.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_give_dates() {
        for (url, want) in [
            ("https://www.mfa.gov.cn/wjdt_674879/fyrbt_674889/202211/t20221117_10976802.shtml", Some("2022-11-17")),
            ("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", Some("2020-02-19")),
            ("https://trumpwhitehouse.archives.gov/briefings-statements/2017/10/06/readout/", Some("2017-10-06")),
            ("https://www.news.cn/politics/20251124/abc/c.html", Some("2025-11-24")),
            ("https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm", Some("2012-06-04")),
            ("http://en.kremlin.ru/events/president/news/62397", None),
        ] {
            assert_eq!(address_date(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        let names: Vec<String> = [
            "中华人民共和国外交部",
            "新华网",
            "The White House",
            "whitehouse.gov",
            "外務省",
        ]
        .map(String::from)
        .to_vec();
        for (title, want) in [
            (
                "2022年11月17日外交部发言人赵立坚主持例行记者会 — 中华人民共和国外交部",
                "2022年11月17日外交部发言人赵立坚主持例行记者会",
            ),
            (
                " 武汉的声音：有英勇的你，才有英雄的城！-新华网 ",
                "武汉的声音：有英勇的你，才有英雄的城！",
            ),
            (
                "Readout of the President’s Call | The White House",
                "Readout of the President’s Call",
            ),
            (
                "Weekly Address: Tuition-Free Community College | whitehouse.gov",
                "Weekly Address: Tuition-Free Community College",
            ),
            (
                "Tuition-Free Community College",
                "Tuition-Free Community College",
            ),
            ("日米首脳電話会談｜外務省", "日米首脳電話会談"),
        ] {
            assert_eq!(strip_site_name(title, &names), want);
        }
    }
}
