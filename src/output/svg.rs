//! A bar chart as a standalone SVG, for a paper or a slide.

use super::research::Measure;
use crate::query::research::CountRow;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An SVG column chart of `rows` (periods on the x axis, `measure` on the y
/// axis); periods without statements are marked as such, not drawn as zero.
pub fn bar_chart(title: &str, rows: &[CountRow], measure: Measure) -> String {
    let (left, right, top, bottom) = (60.0, 20.0, 50.0, 70.0);
    // At least wide enough for the title; bars share the width evenly.
    let n = rows.len().max(1) as f64;
    let natural = n * if rows.len() > 40 { 16.0 } else { 32.0 };
    let plot_width = natural.max(title.chars().count() as f64 * 9.0).max(360.0);
    let step = plot_width / n;
    let bar_width = (step * 0.75).min(60.0);
    let gap = step - bar_width;
    let plot_height = 260.0;
    let width = left + plot_width + right;
    let height = top + plot_height + bottom;
    let highest = rows
        .iter()
        .map(|r| measure.of(r))
        .fold(0.0, f64::max)
        .max(1.0);
    let tick_step = nice_step(highest);
    // The axis ends on a tick at or above the highest bar.
    let max = (highest / tick_step).ceil() * tick_step;
    // With many bars, label every k-th so the labels do not overlap.
    let label_every = rows.len().div_ceil(24).max(1);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{left}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
        escape(title)
    );
    let y_of = |v: f64| top + plot_height - v / max * plot_height;
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let y = y_of(tick);
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick}</text>\n",
            left + plot_width,
            left - 6.0,
            y + 4.0
        ));
        tick += tick_step;
    }
    for (i, r) in rows.iter().enumerate() {
        let x = left + gap / 2.0 + i as f64 * step;
        svg.push_str(&column(
            r,
            measure,
            x,
            bar_width,
            y_of(measure.of(r)),
            top + plot_height,
        ));
        if i % label_every != 0 {
            continue;
        }
        let cx = x + bar_width / 2.0;
        let ly = top + plot_height + 12.0;
        svg.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"end\" transform=\"rotate(-45 {cx:.1} {ly:.1})\">{}</text>\n",
            escape(&r.key)
        ));
    }
    svg.push_str(&axes(left, top, plot_width, plot_height, measure.unit()));
    svg
}

/// The two axes, the y axis's title and the end of the SVG.
fn axes(left: f64, top: f64, plot_width: f64, plot_height: f64, unit: &str) -> String {
    format!(
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"#333\"/>\n<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\"/>\n<text x=\"14\" y=\"{:.1}\" transform=\"rotate(-90 14 {:.1})\" text-anchor=\"middle\">{}</text>\n</svg>\n",
        top + plot_height,
        left + plot_width,
        top + plot_height,
        top + plot_height,
        top + plot_height / 2.0,
        top + plot_height / 2.0,
        unit
    )
}

/// A round tick step giving about five ticks up to `max`.
/// One column: a bar, or a mark for a period without statements.
fn column(r: &CountRow, measure: Measure, x: f64, bar_width: f64, y: f64, base: f64) -> String {
    if r.slice_statements == 0 {
        return format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#999\" font-size=\"9\"><title>{}: no statements</title>–</text>\n",
            x + bar_width / 2.0,
            base - 4.0,
            escape(&r.key)
        );
    }
    format!(
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_width:.1}\" height=\"{:.1}\" fill=\"#3b6ea5\"><title>{}: {} ({} passages in {} statements)</title></rect>\n",
        base - y,
        escape(&r.key),
        measure.of(r),
        r.passages,
        r.statements
    )
}

fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    step.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, passages: u64, slice_passages: u64) -> CountRow {
        CountRow {
            key: key.into(),
            passages,
            statements: passages.min(1),
            glossary_only_passages: 0,
            slice_passages,
            slice_statements: slice_passages.min(5),
            per_1000_passages: None,
            per_100_statements: None,
        }
    }

    #[test]
    fn the_chart_is_well_formed_and_escapes_text() {
        let rows = vec![
            row("2025-11", 3, 40),
            row("2025-12", 0, 25),
            row("2026-01", 0, 0),
        ];
        let svg = bar_chart("\"Taiwan\" & 台湾", &rows, Measure::Passages);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("&quot;Taiwan&quot; &amp; 台湾"));
        // A zero is a bar; a period without statements is marked, not drawn.
        assert_eq!(svg.matches("<rect x=").count(), 2);
        assert!(svg.contains("2026-01: no statements"));
        assert_eq!(nice_step(37.0), 10.0);
    }
}
