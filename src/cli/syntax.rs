//! `readouts syntax`: the query language, as `src/query/parse/` reads it.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use readouts::error::{Error, Result};

use super::exit::Exit;

/// The condensed table that `search --help` shows.
const CONDENSED: &[(&str, &str)] = &[
    ("taiwan soybeans", "both words (AND is the default)"),
    ("taiwan OR 台湾", "either"),
    (
        "taiwan -ukraine",
        "the first, not the second (also NOT ukraine)",
    ),
    ("\"fascism and militarism\"", "the exact phrase"),
    ("(taiwan OR 台湾) soybeans", "grouping"),
    (
        "title:readout",
        "in the title (text: is the passage, the default)",
    ),
    (
        "publisher:xinhua speaker:bessent",
        "substring of the publisher, the speaker",
    ),
    (
        "country:us lang:zh kind:interview",
        "metadata (also event:ID, id:DOC_ID)",
    ),
    (
        "date:2025-11-24 date:2025-11 date:2025",
        "a day, a month, a year",
    ),
    (
        "date:[2025-11-01 TO 2025-11-30]",
        "a range ({…} excludes the ends, * is open)",
    ),
    ("date:>=2025-11-25 date:<2026", "from, until (also >, <=)"),
];

/// The full table of `readouts syntax`.
const FULL: &[(&str, &str)] = &[
    (
        "taiwan soybeans",
        "both words: AND is the default (`AND`, `&&` may be written)",
    ),
    (
        "taiwan OR 台湾",
        "either (`||` too); `a OR b c` means a OR (b AND c)",
    ),
    ("taiwan -ukraine", "the first, not the second"),
    ("taiwan NOT ukraine", "the same"),
    ("+taiwan", "must match (the same as a bare word)"),
    (
        "\"fascism and militarism\"",
        "the exact phrase (case-insensitive, across line breaks)",
    ),
    ("“fascism and militarism”", "curly quotes work too"),
    ("釜山会晤", "the exact Chinese string, wherever it stands"),
    ("(taiwan OR 台湾) soybeans", "grouping"),
    (
        "text:taiwan, body:taiwan",
        "in the passage (the default field)",
    ),
    (
        "title:readout, title:\"phone call\"",
        "a word or phrase in the title",
    ),
    (
        "publisher:xinhua",
        "case-insensitive substring of the publisher",
    ),
    (
        "speaker:bessent",
        "case-insensitive substring of the passage's speaker",
    ),
    ("country:us", "country code (ISO 3166 alpha-2, any case)"),
    (
        "lang:zh, language:en",
        "language (BCP 47; zh includes zh-Hant)",
    ),
    (
        "kind:interview",
        "kind: readout, interview, press-conference, …",
    ),
    ("event:2025-11-24-xi-trump-call", "one event's statements"),
    (
        "id:cnbc-2025-11-bessent-interview",
        "one statement (doc_id: too)",
    ),
    ("date:2025-11-24", "one day"),
    ("date:2025-11, date:2025", "a month, a year"),
    ("date:[2025-11-01 TO 2025-11-30]", "an inclusive range"),
    (
        "date:{2025-11-24 TO *]",
        "`{`/`}` exclude an end, `*` leaves it open",
    ),
    (
        "date:>=2025-11-25, date:<2026",
        "from, until (also `>`, `<=`)",
    ),
];

const NOTES: &str = "\
Fields: text (body), title, publisher, country, lang (language), kind, speaker,
event, id (doc_id), date. Another `name:` is an error; `10:00` is a word.
Operators are upper case: `or` and `not` are words to find. A query must have
something to match: `-ukraine` alone is refused, `taiwan -ukraine` is not.
A query that starts with `-` must follow `--` (readouts search -- -x y) or be
quoted as one argument (readouts search 'y -x'). Several arguments are joined
with spaces into one query.

Matching:
  Cross-lingual by default: a word or phrase that names a glossary concept
  (Taiwan / 台湾 / 臺灣, Ukraine / 乌克兰, soybeans / 大豆, leaders' names, …)
  also matches the concept's other names; matches as written rank first.
  --exact turns this off; --glossary FILE adds concepts.
  English is matched on stems (readouts finds readout), case-insensitively;
  full-width letters, NBSP and zero-width characters do not matter.
  A Chinese string of two or more characters matches every passage that
  contains it; Traditional and Simplified Chinese fold to one form.
  A word with both scripts (G20峰会) needs both parts.
  Queries over 4 KB, nested deeper than 32 levels or with more than 256
  terms are refused.

--since and --until take the dates date: takes: YYYY-MM-DD, YYYY-MM or YYYY
(--since from the first day of it, --until to the last).";

/// Examples shown by `readouts syntax --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts syntax
  readouts syntax | less";

/// Rows as two aligned columns, CJK-width aware.
fn table(rows: &[(&str, &str)]) -> String {
    let width = rows.iter().map(|(w, _)| w.width()).max().unwrap_or(0);
    rows.iter()
        .map(|(write, means)| {
            let pad = " ".repeat(width - write.width());
            format!("  {write}{pad}   {means}\n")
        })
        .collect()
}

/// The table `search --help` ends with.
pub fn condensed() -> String {
    table(CONDENSED)
}

/// The whole reference.
pub fn reference() -> String {
    format!(
        "Query syntax: words, \"phrases\" and field:value terms, combined with AND,\n\
         OR, NOT (or -) and parentheses.\n\n{}\n{NOTES}\n",
        table(FULL)
    )
}

/// Print the reference.
pub fn run(out: &mut dyn Write) -> Result<Exit> {
    out.write_all(reference().as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use readouts::query::parse::parse;

    /// Every query written in the tables parses (each cell may hold several).
    #[test]
    fn every_example_parses() {
        for (write, _) in CONDENSED.iter().chain(FULL) {
            for query in write.split(", ") {
                parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
            }
        }
    }

    #[test]
    fn columns_line_up_with_chinese_in_them() {
        let t = condensed();
        // The display column where each row's meaning starts.
        let starts: Vec<usize> = t
            .lines()
            .zip(CONDENSED)
            .map(|(line, (_, means))| line[..line.len() - means.len()].width())
            .collect();
        assert_eq!(starts.len(), CONDENSED.len());
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{t}");
    }
}
