//! The search page's filters: facet counts as links that set (or clear) a
//! filter, and the date histogram whose bars choose a period (with
//! JavaScript, a click and a shift-click choose a range; without it, the
//! two date fields do).

use maud::{html, Markup};

use crate::serve::facets::{Bar, Facet};
use crate::serve::labels::{labels, LABEL_COLUMNS};
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
                    @let names: Vec<&str> = f.values.iter().map(|v| v.value.as_str()).collect();
                    @let shown = labels(&names, LABEL_COLUMNS);
                    ul {
                        @for (v, label) in f.values.iter().zip(&shown) {
                            @let (chosen, href) = link(p, &f.field, &v.value);
                            li.chosen[chosen] {
                                a href=(href) title=(v.value) aria-current=[chosen.then_some("true")] {
                                    span.value { (label) } " " span.count { (v.passages) }
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

/// Room left of the bars for the value labels, and below them for the periods.
const AXIS_LEFT: usize = 34;
const AXIS_BELOW: f64 = 16.0;

/// The histogram as an SVG of links, one bar per period, with an axis
/// (passages at 0, half and the highest bar; periods below, as many as fit),
/// and the date range form.
pub fn histogram(p: &Params, bars: &[Bar]) -> Markup {
    let highest = bars.iter().map(|b| b.passages).max().unwrap_or(0).max(1);
    // Wide bars when there are few, never stretched: a lone month is not a block.
    let step = if bars.len() < 24 { 28 } else { 12 };
    let height = 64.0;
    // Room at the right for half of the last period's label.
    let width = (AXIS_LEFT + bars.len().max(1) * step + 24) as f64;
    let full = height + AXIS_BELOW + 2.0;
    let since = p.get("since").unwrap_or("");
    let until = p.get("until").unwrap_or("");
    let within = |period: &str| {
        (since.is_empty() || period >= &since[..since.len().min(period.len())])
            && (until.is_empty() || period <= &until[..until.len().min(period.len())])
    };
    html! {
        figure.histogram {
            @if !bars.is_empty() {
                svg #histogram width=(width) height=(full) viewBox=(format!("0 0 {width} {full}")) role="img" aria-label="Matching passages per period; choose a bar to filter by its period" {
                    (axis(bars, step, height, highest))
                    @for (i, b) in bars.iter().enumerate() {
                        @let h = (b.passages as f64 / highest as f64 * height).max(if b.passages > 0 { 2.0 } else { 0.5 });
                        @let x = AXIS_LEFT + i * step;
                        a href=(p.with("since", &b.period).with("until", &b.period).href("/search")) data-period=(b.period) {
                            title { (b.period) ": " (b.passages) " passages" }
                            rect.bar.selected[within(&b.period) && (!since.is_empty() || !until.is_empty())]
                                x=(x + 1) y=(format!("{:.1}", height - h + 1.0)) width=(step - 2) height=(format!("{h:.1}")) {}
                            rect.hitbox x=(x) y="0" width=(step) height=(height + AXIS_BELOW) {}
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

/// The histogram's axis: a value scale at the left (0, half when it is a
/// whole number, the highest bar) and the periods below, every `every`-th
/// one so that labels never overlap (the first and the last always).
fn axis(bars: &[Bar], step: usize, height: f64, highest: u64) -> Markup {
    let left = AXIS_LEFT as f64 - 0.5;
    let right = (AXIS_LEFT + bars.len() * step) as f64;
    let label_px = bars.first().map_or(4, |b| b.period.len()) * 6 + 4;
    let every = label_px.div_ceil(step).max(1);
    let mut ticks = vec![0, highest];
    if highest.is_multiple_of(2) && highest >= 4 {
        ticks.insert(1, highest / 2);
    }
    let y = |v: u64| 1.0 + height - v as f64 / highest as f64 * height;
    let last = bars.len().saturating_sub(1);
    let shown = |i: usize| i == last || (i.is_multiple_of(every) && last - i >= every);
    html! {
        g.axis aria-hidden="true" {
            line x1=(left) y1="1" x2=(left) y2=(height + 1.0) {}
            line x1=(left) y1=(height + 1.0) x2=(right) y2=(height + 1.0) {}
            @for v in &ticks {
                line x1=(left - 3.0) y1=(format!("{:.1}", y(*v))) x2=(left) y2=(format!("{:.1}", y(*v))) {}
                text.value x=(left - 5.0) y=(format!("{:.1}", (y(*v) + 3.5).max(9.0))) text-anchor="end" { (v) }
            }
            @for (i, b) in bars.iter().enumerate() {
                @if shown(i) {
                    text.period x=(AXIS_LEFT + i * step + step / 2) y=(height + AXIS_BELOW) text-anchor="middle" { (b.period) }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(period: &str, passages: u64) -> Bar {
        Bar {
            period: period.into(),
            passages,
        }
    }

    /// The texts of the elements `<text class="CLASS"` in `html`.
    fn texts(html: &str, class: &str) -> Vec<String> {
        let open = format!("<text class=\"{class}\"");
        html.split(&open)
            .skip(1)
            .map(|rest| {
                let start = rest.find('>').unwrap() + 1;
                rest[start..start + rest[start..].find('<').unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn the_axis_has_the_scale_and_every_period_that_fits() {
        let years = [
            bar("2022", 1),
            bar("2023", 0),
            bar("2024", 0),
            bar("2025", 8),
        ];
        let html = histogram(&Params::default(), &years).into_string();
        assert_eq!(texts(&html, "value"), ["0", "4", "8"]);
        assert_eq!(texts(&html, "period"), ["2022", "2023", "2024", "2025"]);
        // Months are wider than their bars: every other one, the last always.
        let months: Vec<Bar> = (1..=5).map(|m| bar(&format!("2025-{m:02}"), m)).collect();
        let html = histogram(&Params::default(), &months).into_string();
        assert_eq!(texts(&html, "value"), ["0", "5"], "5 has no whole half");
        assert_eq!(texts(&html, "period"), ["2025-01", "2025-03", "2025-05"]);
    }
}
