//! The search page's filters: facet counts as links that set (or clear) a
//! filter, and the date histogram whose bars choose a period (with
//! JavaScript, a click and a shift-click choose a range; without it, the
//! two date fields do).

use maud::{html, Markup};

use crate::serve::facets::{Bar, Facet};
use crate::serve::params::Params;

/// A facet's heading.
fn label(field: &str) -> &str {
    match field {
        "lang" => "language",
        "reported" => "reported speaker",
        other => other,
    }
}

/// Every facet, the chosen value first with a link to clear it.
pub fn facets(p: &Params, facets: &[Facet]) -> Markup {
    html! {
        @for f in facets {
            @if !f.values.is_empty() {
                section.facet data-field=(f.field) {
                    h2 { (label(&f.field)) @if f.distinct > f.values.len() { small { " (top " (f.values.len()) " of " (f.distinct) ")" } } }
                    ul {
                        @for v in &f.values {
                            @let (chosen, href) = link(p, &f.field, &v.value);
                            li.chosen[chosen] {
                                a href=(href) aria-current=[chosen.then_some("true")] {
                                    span.value { (v.value) } " " span.count { (v.passages) }
                                    @if chosen { " ✕" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether `value` is the chosen filter, and the link that toggles it.
fn link(p: &Params, field: &str, value: &str) -> (bool, String) {
    if field == "year" {
        let chosen = p.get("since") == Some(value) && p.get("until") == Some(value);
        let next = if chosen {
            p.without("since").without("until")
        } else {
            p.with("since", value).with("until", value)
        };
        return (chosen, next.href("/search"));
    }
    let Some(key) = crate::serve::params::FILTER_KEYS
        .iter()
        .find(|k| **k == field)
    else {
        return (false, p.href("/search"));
    };
    let chosen = p.get(key) == Some(value);
    let next = if chosen {
        p.without(key)
    } else {
        p.with(key, value)
    };
    (chosen, next.href("/search"))
}

/// The histogram as an SVG of links, one bar per period, and the date range form.
pub fn histogram(p: &Params, bars: &[Bar]) -> Markup {
    let highest = bars.iter().map(|b| b.passages).max().unwrap_or(0).max(1) as f64;
    // Wide bars when there are few, never stretched: a lone month is not a block.
    let step = if bars.len() < 24 { 28 } else { 12 };
    let (height, width) = (64.0, (bars.len().max(1) * step) as f64);
    let since = p.get("since").unwrap_or("");
    let until = p.get("until").unwrap_or("");
    let within = |period: &str| {
        (since.is_empty() || period >= &since[..since.len().min(period.len())])
            && (until.is_empty() || period <= &until[..until.len().min(period.len())])
    };
    html! {
        figure.histogram {
            @if !bars.is_empty() {
                svg #histogram width=(width) height=(height + 2.0) viewBox=(format!("0 0 {width} {}", height + 2.0)) role="img" aria-label="Matching passages per period; choose a bar to filter by its period" {
                    @for (i, b) in bars.iter().enumerate() {
                        @let h = (b.passages as f64 / highest * height).max(if b.passages > 0 { 2.0 } else { 0.5 });
                        a href=(p.with("since", &b.period).with("until", &b.period).href("/search")) data-period=(b.period) {
                            title { (b.period) ": " (b.passages) " passages" }
                            rect.bar.selected[within(&b.period) && (!since.is_empty() || !until.is_empty())]
                                x=(i * step + 1) y=(format!("{:.1}", height - h)) width=(step - 2) height=(format!("{h:.1}")) {}
                            rect.hitbox x=(i * step) y="0" width=(step) height=(height) {}
                        }
                    }
                }
                figcaption {
                    span { (bars.first().map_or("", |b| b.period.as_str())) " – " (bars.last().map_or("", |b| b.period.as_str())) }
                    span.hint { "choose a bar; shift-click two bars for a range" }
                }
            }
            form.dates action="/search" method="get" {
                @for (k, v) in hidden(p) { input type="hidden" name=(k) value=(v); }
                label { "From " input #since name="since" value=(since) placeholder="YYYY-MM" size="10" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?"; }
                label { " to " input #until name="until" value=(until) placeholder="YYYY-MM" size="10" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?"; }
                button type="submit" { "Apply dates" }
                @if !since.is_empty() || !until.is_empty() {
                    " " a href=(p.without("since").without("until").href("/search")) { "all dates" }
                }
            }
        }
    }
}

/// The state a form must carry besides the fields it shows.
fn hidden(p: &Params) -> Vec<(String, String)> {
    let q: Vec<(String, String)> =
        serde_urlencoded::from_str(&p.without("since").without("until").query_string())
            .unwrap_or_default();
    q
}
