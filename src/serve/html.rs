//! The HTML around every page, and the pieces pages share. Templates are
//! `maud`: every value spliced into them is escaped, so a statement that
//! holds `<script>` shows as text.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::api::Failure;
use super::params::Params;

/// Escape text for HTML (element content and quoted attribute values), for
/// the few places that build HTML outside a template.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: head, navigation with the search box, `body`.
pub fn page(title: &str, p: &Params, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · readouts" }
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to results" }
                header.top {
                    a.brand href="/" { "readouts" }
                    form.searchbox action="/search" method="get" role="search" {
                        label.visually-hidden for="q" { "Query" }
                        input #q type="search" name="q" value=(p.q())
                            placeholder="taiwan OR 台湾 -ukraine, \"core interests\", speaker:Bessent"
                            accesskey="s" autocomplete="off";
                        @for key in super::params::FILTER_KEYS.iter().chain(&["since", "until", "sort", "n", "exact", "broader", "words_only", "view", "kwic_sort"]) {
                            @if let Some(v) = p.get(key) {
                                input type="hidden" name=(key) value=(v);
                            }
                        }
                        button type="submit" { "Search" }
                    }
                    nav {
                        a href=(p.href("/search")) { "Search" }
                        a href=(p.href("/timeline")) { "Timeline" }
                        a href=(p.href("/count")) { "Count" }
                    }
                }
                main #main { (body) }
            }
        }
    }
}

/// An HTML error page with the status.
pub fn error_page(failure: Failure, p: &Params) -> Response {
    let title = format!(
        "{} {}",
        failure.status.as_u16(),
        failure.status.canonical_reason().unwrap_or("")
    );
    let body = html! {
        h1 { (title) }
        pre.error role="alert" { (failure.message) }
    };
    (failure.status, Html(page(&title, p, body).into_string())).into_response()
}

/// A path segment (or query value): everything but letters, digits, `-`,
/// `_` and `~` percent-encoded, the dot too, so that an id's own `.json` is
/// never read as a format suffix (the router decides the format on the
/// undecoded path).
pub fn seg(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A percent-encoded path segment decoded; `None` when it is not UTF-8 or
/// a `%` is not followed by two hexadecimal digits.
pub fn unseg(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Paragraphs on one page of a statement; the page of paragraph `n` is
/// `(n - 1) / PASSAGES_PER_PAGE + 1`.
pub const PASSAGES_PER_PAGE: u64 = 500;

/// The address of statement `id`'s page (`suffix` ""), its `.json`,
/// `.csv`, `.jsonl`, `/parallel` or `/parallel.json`: `/statements/ID…`
/// with the id percent-encoded, or `/statement…?id=ID` for the ids `.` and
/// `..`, which a browser would take for the folder itself or its parent
/// even encoded.
pub fn statement_href(id: &str, suffix: &str) -> String {
    if id == "." || id == ".." {
        format!("/statement{suffix}?id={}", seg(id))
    } else {
        format!("/statements/{}{suffix}", seg(id))
    }
}

/// The address of event `event`'s comparison, with `suffix` (`""`, `.json`,
/// `.csv`, `.jsonl`) and a query string (`terms=…`, may be empty):
/// `/events/ID/compare…`, or `/compare…?event=ID` for the ids `.` and `..`,
/// as [`statement_href`] does.
pub fn compare_href(event: &str, suffix: &str, query: &str) -> String {
    let (base, by_query) = if event == "." || event == ".." {
        (format!("/compare{suffix}?event={}", seg(event)), true)
    } else {
        (format!("/events/{}/compare{suffix}", seg(event)), false)
    };
    match (query.is_empty(), by_query) {
        (true, _) => base,
        (false, true) => format!("{base}&{query}"),
        (false, false) => format!("{base}?{query}"),
    }
}

/// The address of page `page` (from 1) of statement `id`.
pub fn statement_page(id: &str, page: u64) -> String {
    let base = statement_href(id, "");
    match page {
        0 | 1 => base,
        n if base.contains('?') => format!("{base}&page={n}"),
        n => format!("{base}?page={n}"),
    }
}

/// The address of paragraph `n` of statement `id`, on its page.
pub fn passage_href(id: &str, n: u64) -> String {
    let page = n.saturating_sub(1) / PASSAGES_PER_PAGE + 1;
    format!("{}#p{n}", statement_page(id, page))
}

/// A page with status 200.
pub fn ok(markup: Markup) -> Response {
    (StatusCode::OK, Html(markup.into_string())).into_response()
}

/// `text` with the byte ranges `[start, end)` in `<mark>`; ranges that do
/// not fall on character boundaries are left unmarked.
pub fn highlighted(text: &str, ranges: &[(usize, usize)]) -> Markup {
    let mut out = String::new();
    let mut at = 0;
    for &(a, b) in ranges {
        let (Some(before), Some(inside)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        out.push_str(&escape(before));
        out.push_str("<mark>");
        out.push_str(&escape(inside));
        out.push_str("</mark>");
        at = b;
    }
    out.push_str(&escape(text.get(at..).unwrap_or("")));
    PreEscaped(out)
}

/// Who a passage is by: the speaker of its turn and whom it reports.
pub fn who(speaker: Option<&str>, role: Option<&str>, reported: &[String]) -> Markup {
    html! {
        @if let Some(s) = speaker {
            span.speaker title="speaks this paragraph" {
                "turn: " (s) @if let Some(r) = role { " (" (r) ")" }
            }
        }
        @if !reported.is_empty() {
            span.reported title="reported as speaking" { "reported: " (reported.join(", ")) }
        }
    }
}

/// Who a shown passage is by, each reported person with the words that
/// report them as a hover title (`reported_by`), and an uncertain role said.
pub fn who_with_words(p: &crate::query::documents::ShownPassage) -> Markup {
    let words = |name: &str| {
        p.reported_by.iter().find(|r| r.name == name).map_or_else(
            || "reported as speaking".to_string(),
            |r| format!("reported by: {}", r.words),
        )
    };
    html! {
        @if let Some(s) = &p.speaker {
            @if p.speaker_role_uncertain {
                span.speaker.uncertain title="speaks this paragraph; the role is uncertain: taken as the answer only because the question before it ends with a question mark" {
                    "turn: " (s) @if let Some(r) = &p.speaker_role { " (" (r) "?)" }
                }
            } @else {
                span.speaker title="speaks this paragraph" {
                    "turn: " (s) @if let Some(r) = &p.speaker_role { " (" (r) ")" }
                }
            }
        }
        @if !p.reported.is_empty() {
            span.reported {
                "reported: "
                @for (i, name) in p.reported.iter().enumerate() {
                    @if i > 0 { ", " }
                    span.person title=(words(name)) { (name) }
                }
            }
        }
    }
}

/// Links to the same page as CSV and JSON Lines, and its JSON.
pub fn downloads(path: &str, p: &Params, json: bool) -> Markup {
    html! {
        p.downloads {
            "Download: "
            a href=(p.without("page").href(&format!("{path}.csv"))) download { "CSV" }
            " · "
            a href=(p.without("page").href(&format!("{path}.jsonl"))) download { "JSON Lines" }
            @if json {
                " · "
                a href=(p.href(&format!("{path}.json"))) { "JSON" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_text() {
        let hostile = "<script>alert('x')</script> & \"q\"";
        assert_eq!(
            escape(hostile),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        let marked = highlighted(hostile, &[(8, 13)]).into_string();
        assert_eq!(
            marked,
            "&lt;script&gt;<mark>alert</mark>(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        let page = page(hostile, &Params::default(), html! { p { (hostile) } }).into_string();
        assert!(!page.contains("<script>alert"), "{page}");
    }

    #[test]
    fn ranges_off_a_character_boundary_are_skipped() {
        assert_eq!(highlighted("台湾问题", &[(1, 3)]).into_string(), "台湾问题");
        assert_eq!(
            highlighted("台湾问题", &[(0, 6)]).into_string(),
            "<mark>台湾</mark>问题"
        );
    }
}
