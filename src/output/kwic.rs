//! A concordance for people: the left contexts right-aligned in one column,
//! the matches in the next, the right contexts after, then where each line
//! is (date · publisher · ¶). Columns are display columns (a CJK character
//! is two), so the matches line up in a fixed-width font.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::Style;
use crate::error::{Error, Result};
use crate::query::collocates::LangCollocates;
use crate::query::kwic::Row;

/// Where a row is: `date · publisher · ¶N` (the web page shows the same).
pub fn source(row: &Row) -> String {
    format!("{} · {} · ¶{}", row.date, row.publisher, row.passage)
}

/// The left context as shown: `…` first when it was cut.
pub fn left(row: &Row) -> String {
    let ellipsis = if row.left_cut { "…" } else { "" };
    format!("{ellipsis}{}", row.left)
}

/// The right context as shown: `…` last when it was cut.
pub fn right(row: &Row) -> String {
    let ellipsis = if row.right_cut { "…" } else { "" };
    format!("{}{ellipsis}", row.right)
}

/// Print the rows, `width` columns of context a side.
pub fn rows(out: &mut dyn Write, rows: &[Row], width: usize, style: Style) -> Result<()> {
    let matched = rows.iter().map(|r| r.matched.width()).max().unwrap_or(0);
    for r in rows {
        let l = left(r);
        let l = l.trim_end();
        let rt = right(r);
        let rt = rt.trim_start();
        writeln!(
            out,
            "{}{}  {}{}  {}{}  {}",
            " ".repeat(width.saturating_sub(l.width())),
            l,
            style.matched(&r.matched),
            " ".repeat(matched - r.matched.width()),
            rt,
            " ".repeat(width.saturating_sub(rt.width())),
            style.dim(&source(r)),
        )
        .map_err(|e| Error::io("<stdout>", e))?;
    }
    Ok(())
}

/// Print the collocates, a table per language with what it was counted over.
pub fn collocates(out: &mut dyn Write, langs: &[LangCollocates], window: usize) -> Result<()> {
    let io = |e| Error::io("<stdout>", e);
    for (i, l) in langs.iter().enumerate() {
        if i > 0 {
            writeln!(out).map_err(io)?;
        }
        writeln!(
            out,
            "{}: {} matches in {} passages; {} tokens within ±{window} of them, {} tokens in the corpus (the same filters, this language)",
            l.lang, l.matches, l.passages, l.window_tokens, l.corpus_tokens
        )
        .map_err(io)?;
        writeln!(
            out,
            "log-likelihood G² of each word near the matches against the corpus (1 df: ≥ 3.84 is p < 0.05, ≥ 10.83 p < 0.001, for one word)"
        )
        .map_err(io)?;
        if l.rows.is_empty() {
            writeln!(out, "  (no word listed)").map_err(io)?;
            continue;
        }
        let w = l
            .rows
            .iter()
            .map(|c| c.word.width())
            .max()
            .unwrap_or(0)
            .max(4);
        writeln!(
            out,
            "  {}  {:>8}  {:>8}  {:>8}  {:>8}",
            super::research::pad("word", w),
            "observed",
            "expected",
            "corpus",
            "G²"
        )
        .map_err(io)?;
        for c in &l.rows {
            writeln!(
                out,
                "  {}  {:>8}  {:>8.2}  {:>8}  {:>8.2}",
                super::research::pad(&c.word, w),
                c.observed,
                c.expected,
                c.corpus,
                c.g2
            )
            .map_err(io)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(left: &str, matched: &str, right: &str) -> Row {
        Row {
            doc_id: "d".into(),
            passage: 3,
            date: "2021-02-03".into(),
            publisher: "The White House".into(),
            lang: "en".into(),
            speaker: None,
            left: left.into(),
            matched: matched.into(),
            right: right.into(),
            left_cut: true,
            right_cut: false,
            offset: 0,
        }
    }

    #[test]
    fn matches_line_up_whatever_the_script() {
        let rows_ = [
            row("States-ROK ", "alliance", ", which"),
            row("，就", "台湾", "问题"),
        ];
        let mut out = Vec::new();
        rows(&mut out, &rows_, 12, Style::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            " …States-ROK  alliance  , which       2021-02-03 · The White House · ¶3"
        );
        let at = |line: &str, m: &str| line[..line.find(m).unwrap()].width();
        assert_eq!(at(lines[0], "alliance"), at(lines[1], "台湾"));
        assert_eq!(at(lines[0], "2021"), at(lines[1], "2021"));
    }
}
