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

/// The canvas width of a chart and the x of every bar.
fn bars_of(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<rect x=\"")
        .skip(1)
        .map(|s| {
            let x: f64 = s.split('"').next().unwrap().parse().unwrap();
            let w: f64 = s
                .split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            (x, w)
        })
        .collect()
}

#[test]
fn five_years_fill_the_canvas_with_upright_labels() {
    let rows: Vec<CountRow> = (2021..=2025).map(|y| row(&y.to_string(), 4, 30)).collect();
    let svg = bar_chart("passages matching china", &rows, Measure::Passages);
    assert!(svg.contains("viewBox=\"0 0 960 "), "{svg}");
    let bars = bars_of(&svg);
    assert_eq!(bars.len(), 5);
    // The bars span the plot (not ~450 units of a wide frame).
    let (first, last) = (bars[0].0, bars[4].0 + bars[4].1);
    assert!(
        first < LEFT + 150.0 && last > WIDTH - RIGHT - 150.0,
        "{bars:?}"
    );
    // Five labels fit side by side: none is rotated, each is 13 units.
    assert!(!svg.contains("rotate(-45"), "{svg}");
    assert!(svg.contains("font-size=\"13\""));
    for year in 2021..=2025 {
        assert!(svg.contains(&format!(">{year}</text>")));
    }
}

#[test]
fn many_months_rotate_and_thin_their_labels() {
    let rows: Vec<CountRow> = (0..60)
        .map(|i| row(&format!("{}-{:02}", 2021 + i / 12, i % 12 + 1), 1, 10))
        .collect();
    let svg = bar_chart("t", &rows, Measure::Passages);
    let labels = svg.matches("rotate(-45").count();
    assert!(labels > 10 && labels < 60, "{labels}");
}

fn series(label: &str, values: &[(u64, u64)]) -> Series {
    Series {
        label: label.into(),
        query: label.into(),
        value: None,
        rows: values
            .iter()
            .enumerate()
            .map(|(i, (p, s))| row(&format!("{}", 2021 + i), *p, *s))
            .collect(),
    }
}

#[test]
fn series_get_a_line_and_a_legend_entry_each_and_gaps_where_nothing_was_published() {
    let a = series("taiwan", &[(1, 10), (2, 10), (0, 0), (4, 10), (5, 10)]);
    let b = series(
        "ukraine & gaza",
        &[(3, 10), (1, 10), (2, 10), (0, 10), (1, 10)],
    );
    let svg = series_chart("t", &[a, b], Measure::Passages);
    assert!(svg.contains(">taiwan</text>") && svg.contains(">ukraine &amp; gaza</text>"));
    // taiwan is broken in 2023 (no statements): two lines; ukraine one.
    assert_eq!(svg.matches("<polyline").count(), 3, "{svg}");
    assert_eq!(svg.matches("<circle").count(), 9);
    assert!(svg.contains("stroke=\"#0072b2\"") && svg.contains("stroke=\"#d55e00\""));
    let many: Vec<Series> = (0..11)
        .map(|i| series(&format!("s{i}"), &[(1, 5), (2, 5)]))
        .collect();
    let svg = series_chart("t", &many, Measure::Passages);
    assert_eq!(svg.matches("<g class=\"series\"").count(), MAX_SERIES);
    assert!(svg.contains("+ 3 more not drawn"), "{svg}");
}
