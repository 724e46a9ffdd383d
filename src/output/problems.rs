//! Many rejections said in a few lines: one group per kind of problem, its
//! first examples and a count of the rest (1,214 ids claimed by a second
//! file are one problem, not 1,214 lines).

use std::collections::HashMap;

use crate::error::Error;

/// Examples shown of each kind of problem before the rest is counted.
pub const EXAMPLES_PER_KIND: usize = 3;

/// What a rejection says without what varies between its instances: the
/// reason, with quoted values, paths and numbers blanked.
fn kind_of(error: &Error) -> String {
    let reason = match error {
        Error::Input { reason, .. } | Error::File { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    let mut kind = String::with_capacity(reason.len());
    let mut quoted = false;
    for c in reason.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                kind.push('"');
            }
            _ if quoted => {}
            '0'..='9' => {
                if !kind.ends_with('#') {
                    kind.push('#');
                }
            }
            _ => kind.push(c),
        }
    }
    // Paths (the other file of a claim) vary too: keep the words only.
    kind.split_whitespace()
        .map(|w| if w.contains('/') { "…" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lines to print for `errors`: each kind of problem in the order it
/// first occurred, at most `examples` of it, then "… and N more like it".
pub fn grouped(errors: &[Error], examples: usize) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let mut by_kind: HashMap<String, Vec<&Error>> = HashMap::new();
    for error in errors {
        let kind = kind_of(error);
        let group = by_kind.entry(kind.clone()).or_default();
        if group.is_empty() {
            order.push(kind);
        }
        group.push(error);
    }
    let mut lines = Vec::new();
    for kind in order {
        let group = &by_kind[&kind];
        // A single one more is shown rather than counted.
        let shown = if group.len() <= examples + 1 {
            group.len()
        } else {
            examples
        };
        lines.extend(group[..shown].iter().map(|e| e.to_string()));
        if shown < group.len() {
            lines.push(format!(
                "… and {} more rejected the same way (`--json` lists every one)",
                group.len() - shown
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn claimed(i: usize) -> Error {
        Error::File {
            path: PathBuf::from("/data/paired.jsonl"),
            reason: format!(
                "document id \"r{i}\" is already held by /data/orig.jsonl (ingested earlier)"
            ),
        }
    }

    #[test]
    fn a_thousand_of_one_problem_are_three_examples_and_a_count() {
        let mut errors: Vec<Error> = (0..1214).map(claimed).collect();
        errors.insert(
            5,
            Error::Input {
                path: PathBuf::from("x.jsonl"),
                line: 7,
                reason: "unknown key \"dat\"".into(),
            },
        );
        let lines = grouped(&errors, EXAMPLES_PER_KIND);
        assert_eq!(lines.len(), 5, "{lines:#?}");
        assert!(lines[0].contains("\"r0\""));
        assert!(lines[3].contains("1211 more"), "{lines:#?}");
        assert!(lines[4].contains("x.jsonl:7"), "{lines:#?}");
    }

    #[test]
    fn four_are_all_shown() {
        let errors: Vec<Error> = (0..4).map(claimed).collect();
        assert_eq!(grouped(&errors, 3).len(), 4);
    }
}
