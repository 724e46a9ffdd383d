//! Charts as standalone SVG, for a paper, a slide or the web page: a column
//! chart of one timeline, a line chart of several series with a legend.
//! Both are drawn on a 960-unit-wide canvas (a `viewBox`), so a page can
//! size them to their frame and the labels (13 units) scale with it.

use super::research::Measure;
use crate::query::research::CountRow;
use crate::query::series::Series;

/// The canvas width.
pub const WIDTH: f64 = 960.0;
/// Series drawn at most; the legend names the others as not drawn.
pub const MAX_SERIES: usize = 8;
/// One colour per series (Okabe–Ito, told apart with colour-blindness).
const COLOURS: [&str; MAX_SERIES] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442",
];
const LEFT: f64 = 72.0;
const RIGHT: f64 = 24.0;
const PLOT_HEIGHT: f64 = 300.0;
const FONT: f64 = 13.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The geometry of a chart: its periods along x, its values along y.
struct Frame {
    top: f64,
    step: f64,
    max: f64,
    tick: f64,
}

impl Frame {
    fn new(top: f64, periods: usize, highest: f64) -> Frame {
        let tick = nice_step(highest.max(1.0));
        Frame {
            top,
            step: (WIDTH - LEFT - RIGHT) / periods.max(1) as f64,
            max: (highest.max(1.0) / tick).ceil() * tick,
            tick,
        }
    }
    fn base(&self) -> f64 {
        self.top + PLOT_HEIGHT
    }
    fn y(&self, v: f64) -> f64 {
        self.base() - v / self.max * PLOT_HEIGHT
    }
    /// The centre of period `i`.
    fn x(&self, i: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * self.step
    }
    /// The height of the x labels (rotated when they do not fit side by side).
    fn label_room(keys: &[&str], step: f64) -> f64 {
        if Self::fits(keys, step) {
            28.0
        } else {
            keys.iter().map(|k| k.chars().count()).max().unwrap_or(4) as f64 * 6.5 + 24.0
        }
    }
    fn fits(keys: &[&str], step: f64) -> bool {
        let widest = keys.iter().map(|k| k.chars().count()).max().unwrap_or(4) as f64;
        widest * FONT * 0.62 + 6.0 <= step
    }
    /// Grid lines, y labels, x labels, the axes and the y title.
    fn axes(&self, keys: &[&str], unit: &str) -> String {
        let mut svg = String::new();
        let mut tick = 0.0;
        while tick <= self.max + 1e-9 {
            let y = self.y(tick);
            svg.push_str(&format!(
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick}</text>\n",
                WIDTH - RIGHT,
                LEFT - 8.0,
                y + 4.5
            ));
            tick += self.tick;
        }
        let fits = Self::fits(keys, self.step);
        // Rotated labels need about a line's height each.
        let every = if fits {
            1
        } else {
            (18.0 / self.step).ceil().max(1.0) as usize
        };
        for (i, key) in keys.iter().enumerate().filter(|(i, _)| i % every == 0) {
            let (cx, ly) = (self.x(i), self.base() + 18.0);
            let text = escape(key);
            svg.push_str(&if fits {
                format!("<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{text}</text>\n")
            } else {
                format!("<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"end\" transform=\"rotate(-45 {cx:.1} {ly:.1})\">{text}</text>\n")
            });
        }
        let middle = self.top + PLOT_HEIGHT / 2.0;
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\"/>\n<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\"/>\n<text x=\"18\" y=\"{middle:.1}\" transform=\"rotate(-90 18 {middle:.1})\" text-anchor=\"middle\">{unit}</text>\n",
            self.top,
            self.base(),
            WIDTH - RIGHT,
            self.base(),
            self.base(),
        ));
        svg
    }
}

/// The opening of a chart of `height`, its background and its title.
fn open(title: &str, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"{FONT}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{LEFT}\" y=\"26\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
        escape(title)
    )
}

/// An SVG column chart of `rows` (periods on the x axis, `measure` on the y
/// axis); periods without statements are marked as such, not drawn as zero.
pub fn bar_chart(title: &str, rows: &[CountRow], measure: Measure) -> String {
    let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let highest = rows.iter().map(|r| measure.of(r)).fold(0.0, f64::max);
    let frame = Frame::new(48.0, rows.len(), highest);
    let height = frame.base() + Frame::label_room(&keys, frame.step);
    let mut svg = open(title, height);
    let bar_width = (frame.step * 0.75).min(72.0);
    // The grid first: bars are drawn over it.
    svg.push_str(&frame.axes(&keys, measure.unit()));
    for (i, r) in rows.iter().enumerate() {
        let x = frame.x(i) - bar_width / 2.0;
        svg.push_str(&column(
            r,
            measure,
            x,
            bar_width,
            frame.y(measure.of(r)),
            frame.base(),
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// One column: a bar, or a mark for a period without statements.
fn column(r: &CountRow, measure: Measure, x: f64, bar_width: f64, y: f64, base: f64) -> String {
    if r.slice_statements == 0 {
        return format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#999\"><title>{}: no statements</title>–</text>\n",
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

/// A line chart of several series over the same periods, with a legend
/// above the plot: one line and colour per series (at most
/// [`MAX_SERIES`]; the legend says how many more were not drawn), a point
/// per period, and a gap where a series' slice has no statement.
pub fn series_chart(title: &str, series: &[Series], measure: Measure) -> String {
    let drawn = &series[..series.len().min(MAX_SERIES)];
    let keys: Vec<&str> = series
        .first()
        .map(|s| s.rows.iter().map(|r| r.key.as_str()).collect())
        .unwrap_or_default();
    let (legend, legend_height) = legend(drawn, series.len() - drawn.len());
    let highest = drawn
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| measure.of(r)))
        .fold(0.0, f64::max);
    let frame = Frame::new(44.0 + legend_height + 12.0, keys.len(), highest);
    let height = frame.base() + Frame::label_room(&keys, frame.step);
    let mut svg = open(title, height);
    svg.push_str(&legend);
    svg.push_str(&frame.axes(&keys, measure.unit()));
    for (s, colour) in drawn.iter().zip(COLOURS) {
        svg.push_str(&line(s, colour, measure, &frame));
    }
    svg.push_str("</svg>\n");
    svg
}

/// A series' line (broken where it has no statements) and its points.
fn line(s: &Series, colour: &str, measure: Measure, frame: &Frame) -> String {
    let mut svg = format!("<g class=\"series\" stroke=\"{colour}\" fill=\"{colour}\">\n");
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, svg: &mut String| {
        if run.len() > 1 {
            svg.push_str(&format!(
                "<polyline fill=\"none\" stroke-width=\"2\" points=\"{}\"/>\n",
                run.join(" ")
            ));
        }
        run.clear();
    };
    for (i, r) in s.rows.iter().enumerate() {
        if r.slice_statements == 0 {
            flush(&mut run, &mut svg);
            continue;
        }
        let (x, y) = (frame.x(i), frame.y(measure.of(r)));
        run.push(format!("{x:.1},{y:.1}"));
        svg.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" stroke=\"none\"><title>{} · {}: {} ({} passages in {} statements)</title></circle>\n",
            escape(&s.label),
            escape(&r.key),
            measure.of(r),
            r.passages,
            r.statements
        ));
    }
    flush(&mut run, &mut svg);
    svg.push_str("</g>\n");
    svg
}

/// The legend: a swatch and the label of each series, in rows that fit the
/// width; and the number of series not drawn. Returns it and its height.
fn legend(drawn: &[Series], hidden: usize) -> (String, f64) {
    let mut svg = String::from("<g class=\"legend\">\n");
    let (mut x, mut row) = (LEFT, 0usize);
    let mut items: Vec<(String, Option<&str>)> = drawn
        .iter()
        .zip(COLOURS)
        .map(|(s, c)| (s.label.clone(), Some(c)))
        .collect();
    if hidden > 0 {
        items.push((format!("+ {hidden} more not drawn (see the rows)"), None));
    }
    for (label, colour) in items {
        let label: String = label.chars().take(48).collect();
        let width = 22.0 + label.chars().count() as f64 * FONT * 0.6 + 18.0;
        if x + width > WIDTH - RIGHT && x > LEFT {
            row += 1;
            x = LEFT;
        }
        let y = 46.0 + row as f64 * 20.0;
        if let Some(c) = colour {
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"16\" height=\"10\" fill=\"{c}\"/>\n",
                y - 9.0
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{y:.1}\"{}>{}</text>\n",
            x + 22.0,
            if colour.is_none() {
                " fill=\"#666\""
            } else {
                ""
            },
            escape(&label)
        ));
        x += width;
    }
    svg.push_str("</g>\n");
    (svg, (row + 1) as f64 * 20.0)
}

/// A round tick step giving about five ticks up to `max`.
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
#[path = "svg_tests.rs"]
mod tests;
