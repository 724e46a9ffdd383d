//! A pairs file (`readouts ingest --pairs FILE`): one translation pair a
//! line, `original id` then `translation id`, separated by a comma (CSV) or,
//! when the first line holds a tab, by a tab (TSV). Cells may be quoted as
//! in CSV and are trimmed; blank lines and lines starting with `#` are
//! skipped; a first line whose cells are `original…` and `translation…`
//! (any letter case: `original_id`, `Original ID`) is a header.
//!
//! What can be told from the file alone is checked here, each error located
//! `file:line: reason`: a line without exactly two ids, an id paired with
//! itself, an id on two lines (a statement is in one pair). Whether the ids
//! exist and are in two languages is the ingest service's question.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Error;

/// One pair as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The original's id.
    pub original: String,
    /// The translation's id.
    pub translation: String,
    /// Its 1-based line.
    pub line: usize,
}

/// The pairs of a pairs file's text, and the error of every line refused.
pub fn parse(path: &Path, text: &str) -> (Vec<Pair>, Vec<Error>) {
    let wanted = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let first = text.lines().find(wanted).unwrap_or("");
    let delimiter = if first.contains('\t') { b'\t' } else { b',' };
    let mut pairs: Vec<Pair> = Vec::new();
    let mut errors = Vec::new();
    let mut lines_of: HashMap<String, usize> = HashMap::new();
    let mut first_record = true;
    for (number, text) in text.lines().enumerate() {
        let line = number + 1;
        if !wanted(&text) {
            continue;
        }
        let fail = |reason: String| Error::Input {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let cells = match cells(text, delimiter) {
            Ok(cells) => cells,
            Err(e) => {
                errors.push(fail(format!("not CSV: {e}")));
                continue;
            }
        };
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        if std::mem::take(&mut first_record) && is_header(&cells) {
            continue;
        }
        match pair_of(&cells, line, &lines_of) {
            Ok(pair) => {
                lines_of.insert(pair.original.clone(), line);
                lines_of.insert(pair.translation.clone(), line);
                pairs.push(pair);
            }
            Err(reason) => errors.push(fail(reason)),
        }
    }
    (pairs, errors)
}

/// The trimmed cells of one line (CSV quoting).
fn cells(line: &str, delimiter: u8) -> Result<Vec<String>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(record) => Ok(record?.iter().map(str::to_string).collect()),
        None => Ok(Vec::new()),
    }
}

fn is_header(cells: &[&str]) -> bool {
    let starts =
        |cell: Option<&&str>, word: &str| cell.is_some_and(|c| c.to_lowercase().starts_with(word));
    cells.len() == 2 && starts(cells.first(), "original") && starts(cells.get(1), "translation")
}

/// One line's pair, or why it is refused.
fn pair_of(cells: &[&str], line: usize, lines_of: &HashMap<String, usize>) -> Result<Pair, String> {
    let [original, translation] = cells else {
        return Err(format!(
            "expected two ids (original id, translation id), found {} cell{}",
            cells.len(),
            if cells.len() == 1 { "" } else { "s" }
        ));
    };
    if original.is_empty() || translation.is_empty() {
        return Err("an empty id (expected: original id, translation id)".into());
    }
    if original == translation {
        return Err(format!(
            "{original:?} is paired with itself (a statement cannot translate itself)"
        ));
    }
    for id in [original, translation] {
        if let Some(first) = lines_of.get(*id) {
            return Err(format!(
                "{id:?} is paired twice (also on line {first}): a statement is in one pair"
            ));
        }
    }
    Ok(Pair {
        original: original.to_string(),
        translation: translation.to_string(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<(String, String, usize)>, Vec<String>) {
        let (pairs, errors) = parse(Path::new("p.csv"), text);
        (
            pairs
                .into_iter()
                .map(|p| (p.original, p.translation, p.line))
                .collect(),
            errors.iter().map(|e| e.to_string()).collect(),
        )
    }

    #[test]
    fn csv_with_a_header_tsv_without_and_comments() {
        let (pairs, errors) = read("original_id,translation_id\n\"a\", b \n\n# note\nc,d\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            pairs,
            [("a".into(), "b".into(), 2), ("c".into(), "d".into(), 5)]
        );
        let (pairs, errors) = read("a\tb\nc, x\td\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(pairs[1], ("c, x".into(), "d".into(), 2));
    }

    #[test]
    fn bad_lines_are_located_and_the_rest_kept() {
        let (pairs, errors) = read("a,b\nc\nd,d\ne,a\nf,g,h\n,i\nj,k\n");
        assert_eq!(
            pairs,
            [("a".into(), "b".into(), 1), ("j".into(), "k".into(), 7)]
        );
        assert_eq!(
            errors,
            [
                "p.csv:2: expected two ids (original id, translation id), found 1 cell",
                "p.csv:3: \"d\" is paired with itself (a statement cannot translate itself)",
                "p.csv:4: \"a\" is paired twice (also on line 1): a statement is in one pair",
                "p.csv:5: expected two ids (original id, translation id), found 3 cells",
                "p.csv:6: an empty id (expected: original id, translation id)",
            ]
        );
    }
}
