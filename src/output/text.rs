//! Human-readable output.

use std::io::Write;

use super::Style;
use crate::error::{Error, Result};
use crate::ingest::IngestSummary;
use crate::query::documents::{Document, Stats};
use crate::query::{Hit, SearchResults};

fn io(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// The attribution line of a hit: publisher · country · kind · lang · date · ¶n · speaker.
pub fn attribution(hit: &Hit) -> String {
    let mut parts = vec![
        hit.publisher.clone(),
        hit.country.clone(),
        hit.kind.clone(),
        hit.lang.clone(),
        hit.date.clone(),
        format!("¶{}", hit.passage),
    ];
    let who = super::who(
        hit.speaker.as_deref(),
        hit.speaker_role.as_deref(),
        &hit.reported,
    );
    if !who.is_empty() {
        parts.push(who);
    }
    parts.join(" · ")
}

/// Print search hits, numbered from `offset + 1`.
pub fn hits(
    out: &mut dyn Write,
    results: &SearchResults,
    offset: usize,
    style: Style,
) -> Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        self::hit(out, offset + i + 1, hit, style)?;
    }
    Ok(())
}

/// Print one hit, numbered `n`.
pub fn hit(out: &mut dyn Write, n: usize, hit: &Hit, style: Style) -> Result<()> {
    writeln!(
        out,
        "{} {}",
        style.heading(&format!("[{n}]")),
        style.heading(&attribution(hit))
    )
    .map_err(io)?;
    writeln!(out, "    {}", style.dim(&hit.title)).map_err(io)?;
    let mut snippet = String::new();
    let mut at = 0;
    for &(a, b) in &hit.highlights {
        snippet.push_str(&hit.snippet[at..a]);
        snippet.push_str(&style.matched(&hit.snippet[a..b]));
        at = b;
    }
    snippet.push_str(&hit.snippet[at..]);
    writeln!(out, "    {snippet}").map_err(io)?;
    // Say how a hit was found when only glossary names matched it.
    let through_glossary_only = hit.matched.iter().all(|m| m.glossary);
    let via: Vec<String> = hit
        .matched
        .iter()
        .filter(|m| m.glossary && through_glossary_only)
        .map(|m| {
            format!(
                "{} ({})",
                m.form,
                m.concept.as_deref().unwrap_or("glossary")
            )
        })
        .collect();
    if !via.is_empty() {
        writeln!(
            out,
            "    {}",
            style.dim(&format!("matched through the glossary: {}", via.join(", ")))
        )
        .map_err(io)?;
    }
    if let Some(dups) = hit.duplicates.as_ref().filter(|d| !d.is_empty()) {
        let line = format!("also published as: {}", dups.join(", "));
        writeln!(out, "    {}", style.dim(&line)).map_err(io)?;
    }
    if let Some(t) = &hit.translation {
        let how = format!("{} {:.2}", t.method.as_str(), t.score);
        let line = if t.passages.is_empty() {
            let alone = if t.score >= crate::model::align::MIN_SCORE {
                "no counterpart"
            } else {
                "no counterpart sure enough"
            };
            style.dim(&format!("↳ {} ({}): {alone} ({how})", t.lang, t.doc_id))
        } else {
            let text = super::research::truncate(&t.text.replace("\n\n", " ¶ "), 240);
            let head = format!(
                "↳ {} {} ({}, {how}):",
                t.lang,
                pilcrows(&t.passages),
                t.doc_id
            );
            format!("{} {text}", style.dim(&head))
        };
        writeln!(out, "    {line}").map_err(io)?;
    }
    writeln!(
        out,
        "    {}",
        style.dim(&format!(
            "{}#{}  score {:.2}",
            hit.doc_id, hit.passage, hit.score
        ))
    )
    .map_err(io)?;
    writeln!(out).map_err(io)?;
    Ok(())
}

/// Print a whole document with paragraph numbers and speakers.
pub fn document(out: &mut dyn Write, doc: &Document, style: Style) -> Result<()> {
    writeln!(out, "{}", style.heading(&doc.title)).map_err(io)?;
    let mut facts = vec![
        ("id", Some(doc.doc_id.clone())),
        ("publisher", Some(doc.publisher.clone())),
        ("country", Some(doc.country.clone())),
        ("kind", Some(doc.kind.clone())),
        ("lang", Some(doc.lang.clone())),
        ("date", Some(doc.date.clone())),
        ("date_source", doc.date_source.clone()),
        ("event", doc.event.clone()),
        ("speaker", doc.speaker.clone()),
        ("translation_of", doc.translation_of.clone()),
        ("url", doc.url.clone()),
        ("notes", doc.notes.clone()),
    ];
    facts.push(("path", Some(doc.path.clone())));
    for (key, value) in facts {
        if let Some(v) = value {
            writeln!(out, "{}", style.dim(&format!("{key:>14}: {v}"))).map_err(io)?;
        }
    }
    writeln!(out).map_err(io)?;
    for p in &doc.passages {
        let who = super::who(p.speaker.as_deref(), p.speaker_role.as_deref(), &p.reported);
        let speaker = if who.is_empty() {
            String::new()
        } else {
            format!(" [{who}]")
        };
        writeln!(
            out,
            "{}{}",
            style.heading(&format!("¶{}", p.passage)),
            style.dim(&speaker)
        )
        .map_err(io)?;
        writeln!(out, "{}\n", p.text).map_err(io)?;
    }
    Ok(())
}

/// Print index statistics.
pub fn stats(out: &mut dyn Write, stats: &Stats) -> Result<()> {
    writeln!(out, "documents       {}", stats.documents).map_err(io)?;
    writeln!(out, "passages        {}", stats.passages).map_err(io)?;
    writeln!(out, "schema version  {}", stats.schema_version).map_err(io)?;
    writeln!(
        out,
        "index size      {:.1} MB ({} bytes, {} segments)",
        stats.index_bytes as f64 / 1_048_576.0,
        stats.index_bytes,
        stats.segments
    )
    .map_err(io)?;
    if let Some((first, last)) = &stats.dates {
        writeln!(out, "dates           {first} to {last}").map_err(io)?;
    }
    for (title, map) in [
        ("by publisher", &stats.by_publisher),
        ("by country", &stats.by_country),
        ("by language", &stats.by_lang),
        ("by kind", &stats.by_kind),
    ] {
        writeln!(out, "\n{title}").map_err(io)?;
        for (k, v) in map {
            writeln!(out, "  {v:>7}  {k}").map_err(io)?;
        }
    }
    Ok(())
}

/// The one-line ingest summary (for stderr).
pub fn ingest_summary(summary: &IngestSummary, seconds: f64) -> String {
    let mut pairs = String::new();
    if summary.linked > 0 {
        let s = if summary.linked == 1 { "" } else { "s" };
        pairs += &format!(", {} translation link{s} set", summary.linked);
    }
    if summary.unlinked > 0 {
        let s = if summary.unlinked == 1 { "" } else { "s" };
        pairs += &format!(", {} translation link{s} undone", summary.unlinked);
    }
    let held = &summary.held_out;
    let held_out = match held.len() {
        0 => String::new(),
        n => {
            let mut names: Vec<&str> = held.iter().take(5).map(String::as_str).collect();
            if n > 5 {
                names.push("…");
            }
            format!(
                " ({n} held out by `readouts remove` until their file changes: {})",
                names.join(", ")
            )
        }
    };
    format!(
        "{} added, {} updated, {} unchanged{held_out}, {} removed, {} rejected{pairs} ({} passages written in {})",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.removed,
        summary.rejected,
        summary.passages,
        duration(seconds)
    )
}

/// A duration as people read it: `3.83 s`, or `12 ms` under a second (an
/// `add --yes` of one page said "written in 0.00 s").
pub fn duration(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{} ms", (seconds * 1000.0).round().max(1.0))
    } else {
        format!("{seconds:.2} s")
    }
}

/// Print lines as they are.
pub fn lines(out: &mut dyn Write, lines: &[String]) -> Result<()> {
    for line in lines {
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}

/// Paragraph numbers as `¶3` or `¶3+¶4`.
pub fn pilcrows(numbers: &[u64]) -> String {
    numbers
        .iter()
        .map(|n| format!("¶{n}"))
        .collect::<Vec<_>>()
        .join("+")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_run_is_said_in_milliseconds() {
        assert_eq!(super::duration(0.0042), "4 ms");
        assert_eq!(super::duration(0.0001), "1 ms");
        assert_eq!(super::duration(3.834), "3.83 s");
    }
}
