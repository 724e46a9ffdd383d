//! Terminal views of the research commands: the compare matrix, the parallel
//! view (aligned rows), count tables and the timeline bar chart. Widths are measured in
//! terminal columns (CJK characters take two).

use std::io::Write;

pub use super::counts::counts;
pub use super::measure::{chart_title, Measure};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Style;
use crate::error::{Error, Result};
use crate::model::align::MIN_SCORE;
use crate::query::compare::Comparison;
use crate::query::documents::{Document, Parallel};
use crate::query::research::CountRow;

fn io(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// Terminal width: `$COLUMNS`, else 100.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}

/// Punctuation that must not open a line of Chinese text.
fn is_closing(c: char) -> bool {
    "，。、；：？！”）》」』】".contains(c)
}

/// Pad `text` with spaces to `width` columns (no truncation).
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Cut `text` to at most `width` columns, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Wrap `text` into lines of at most `width` columns: at spaces for words,
/// anywhere between CJK characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    // Tokens: a run of non-space non-CJK characters, a single CJK character, or a space.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let wide = c.width().unwrap_or(0) > 1;
        match tokens.last_mut() {
            Some(t)
                if !wide
                    && !c.is_whitespace()
                    && !t.starts_with(char::is_whitespace)
                    && t.chars().all(|x| x.width().unwrap_or(0) <= 1) =>
            {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    for token in tokens {
        let w = token.width();
        if token.starts_with(char::is_whitespace) {
            if line_width > 0 && line_width < width {
                line.push(' ');
                line_width += 1;
            }
            continue;
        }
        if line_width + w > width && line_width > 0 {
            // A Chinese line never starts with closing punctuation: the
            // character before it goes down with it.
            let mut carry = String::new();
            if token.chars().next().is_some_and(is_closing) {
                if let Some(last) = line.pop() {
                    carry.push(last);
                }
            }
            lines.push(line.trim_end().to_string());
            line_width = carry.width();
            line = carry;
        }
        if w > width {
            // A word longer than the line: break it by characters.
            for c in token.chars() {
                let cw = c.width().unwrap_or(0);
                if line_width + cw > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += cw;
            }
        } else {
            line.push_str(&token);
            line_width += w;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The compare matrix: a legend of columns, then one row per topic.
pub fn comparison(out: &mut dyn Write, c: &Comparison, style: Style) -> Result<()> {
    writeln!(out, "{}", style.heading(&format!("event {}", c.event))).map_err(io)?;
    for (i, col) in c.columns.iter().enumerate() {
        writeln!(
            out,
            "  [{}] {}{} · {} · {} · {} · {}  {}",
            i + 1,
            col.reported
                .as_deref()
                .map(|p| format!("reported: {p} · "))
                .unwrap_or_default(),
            col.publisher,
            col.country,
            col.lang,
            col.kind,
            col.date,
            style.dim(&col.doc_id)
        )
        .map_err(io)?;
    }
    writeln!(out).map_err(io)?;
    let topic_width = c
        .rows
        .iter()
        .map(|r| r.topic.width())
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    let cell = 6;
    let mut header = pad("topic", topic_width);
    for i in 0..c.columns.len() {
        header.push_str(&format!("{:>cell$}", format!("[{}]", i + 1)));
    }
    writeln!(out, "{}", style.heading(&header)).map_err(io)?;
    for row in &c.rows {
        let mut line = pad(&truncate(&row.topic, topic_width), topic_width);
        for &n in &row.passages {
            let text = format!("{n:>cell$}");
            line.push_str(&if n == 0 { style.dim(&text) } else { text });
        }
        writeln!(out, "{line}").map_err(io)?;
    }
    if c.rows.is_empty() {
        writeln!(out, "(no topics)").map_err(io)?;
    }
    Ok(())
}

/// A cell of the parallel view: the paragraphs `numbers` of `doc`, each a
/// heading line (`¶N [who]`, the first `¶N{tag} [who]`) and its wrapped text;
/// `—{tag}` when there are none. Lines are paired with "is a heading".
fn cell(doc: &Document, numbers: &[u64], column: usize, tag: &str) -> Vec<(String, bool)> {
    if numbers.is_empty() {
        return vec![(truncate(&format!("—{tag}"), column), true)];
    }
    let mut lines = Vec::new();
    for (k, p) in doc
        .passages
        .iter()
        .filter(|p| numbers.contains(&p.passage))
        .enumerate()
    {
        let who = super::who(p.speaker.as_deref(), p.speaker_role.as_deref(), &p.reported);
        let speaker = if who.is_empty() {
            String::new()
        } else {
            format!(" [{who}]")
        };
        let tag = if k == 0 { tag } else { "" };
        lines.push((
            truncate(&format!("¶{}{tag}{speaker}", p.passage), column),
            true,
        ));
        lines.extend(wrap(&p.text, column).into_iter().map(|l| (l, false)));
    }
    lines
}

/// Two documents side by side, one row per aligned row
/// ([`crate::model::align`]): merged paragraphs together in one cell, `—`
/// where a paragraph has no counterpart, and on the right how the row pairs
/// them and how sure it is (`¶3 · 1-1 0.98`).
pub fn parallel(out: &mut dyn Write, p: &Parallel, width: usize, style: Style) -> Result<()> {
    let column = (width.saturating_sub(3) / 2).max(20);
    let head = |d: &Document| format!("{} · {} · {} · {}", d.publisher, d.lang, d.date, d.doc_id);
    writeln!(
        out,
        "{} │ {}",
        style.heading(&pad(&truncate(&head(&p.left), column), column)),
        style.heading(&truncate(&head(&p.right), column))
    )
    .map_err(io)?;
    writeln!(out, "{}┼{}", "─".repeat(column + 1), "─".repeat(column + 1)).map_err(io)?;
    for row in &p.rows {
        // A paragraph alone: it has no counterpart, or none is sure enough.
        let alone = if row.score >= MIN_SCORE {
            " no counterpart"
        } else {
            " counterpart unsure"
        };
        let how = format!(" · {} {:.2}", row.method.as_str(), row.score);
        let tag = if row.right.is_empty() {
            format!("{alone}{how}")
        } else {
            how
        };
        let left_tag = if row.left.is_empty() { alone } else { "" };
        let (l, r) = (
            cell(&p.left, &row.left, column, left_tag),
            cell(&p.right, &row.right, column, &tag),
        );
        for k in 0..l.len().max(r.len()) {
            let shown = |c: &[(String, bool)], padded: bool| {
                let (text, heading) = c.get(k).map_or(("", false), |(t, h)| (t.as_str(), *h));
                let text = if padded {
                    pad(text, column)
                } else {
                    text.to_string()
                };
                if heading {
                    style.dim(&text)
                } else {
                    text
                }
            };
            writeln!(out, "{} │ {}", shown(&l, true), shown(&r, false)).map_err(io)?;
        }
        writeln!(out, "{} │", " ".repeat(column)).map_err(io)?;
    }
    Ok(())
}

/// A horizontal bar chart of counts.
pub fn bars(
    out: &mut dyn Write,
    title: &str,
    rows: &[CountRow],
    measure: Measure,
    width: usize,
    style: Style,
) -> Result<()> {
    writeln!(out, "{}", style.heading(title)).map_err(io)?;
    let label = rows.iter().map(|r| r.key.width()).max().unwrap_or(4);
    let max = rows
        .iter()
        .map(|r| measure.of(r))
        .fold(0.0, f64::max)
        .max(1e-9);
    let room = width.saturating_sub(label + 12).max(10);
    for r in rows {
        let value = measure.of(r);
        let eighths = (value / max * room as f64 * 8.0).round() as usize;
        let mut bar = "█".repeat(eighths / 8);
        if !eighths.is_multiple_of(8) {
            bar.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
        }
        let shown = match measure {
            Measure::Passages => format!("{value:>8}"),
            Measure::Rate => format!("{value:>8.2}"),
        };
        if r.slice_statements == 0 {
            // Not "no match": nothing was published in this period (or group).
            bar = style.dim("(no statements)");
        }
        writeln!(out, "{} {shown} {bar}", pad(&r.key, label)).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_cjk_width() {
        for line in wrap(
            "习近平阐明了中方在台湾问题上的原则立场，强调台湾回归中国是战后国际秩序重要组成部分。",
            20,
        ) {
            assert!(line.width() <= 20, "{line}");
        }
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        // Closing punctuation never opens a line: its character comes with it.
        let lines = wrap("中方立场一贯明确，坚定不移。", 16);
        for line in &lines[1..] {
            assert!(!line.starts_with(is_closing), "{lines:?}");
            assert!(line.width() <= 16, "{lines:?}");
        }
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
    }

    #[test]
    fn padding_and_truncation_count_columns() {
        assert_eq!(pad("台湾", 6), "台湾  ");
        assert_eq!(truncate("台湾问题", 5).width(), 5);
    }
}

/// A timeline row as JSON Lines print it (`timeline --json`, the web's
/// `/timeline.jsonl`): the counts, the query and the filters in words, so a
/// line read on its own says what it counts.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TimelineRow {
    /// The period's counts.
    #[serde(flatten)]
    pub row: CountRow,
    /// The query.
    pub query: String,
    /// The filters in words (`Filters::describe`).
    pub filters: String,
}

/// The timeline's rows, each with the query and filters.
pub fn timeline_rows(rows: &[CountRow], query: &str, filters: &str) -> Vec<TimelineRow> {
    rows.iter()
        .map(|row| TimelineRow {
            row: row.clone(),
            query: query.to_string(),
            filters: filters.to_string(),
        })
        .collect()
}
