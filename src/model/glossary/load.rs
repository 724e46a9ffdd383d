//! Reading glossary files: the format (version 1 or 2), its validation with
//! `FILE:LINE: reason` errors, and person concepts from the persons table.

use std::path::Path;

use serde::Deserialize;

use super::{Concept, Glossary, VERSIONS};
use crate::error::{Error, Result};
use crate::model::attribution::Attribution;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    version: Option<u32>,
    #[serde(default)]
    concept: Vec<Concept>,
}

/// The 1-based line of the first `"value"` in `text` (1 when absent).
fn line_of(text: &str, value: &str) -> usize {
    crate::encoding::line_of_quoted(text, value, 0)
}

/// Parse and check one glossary file's concepts.
pub(super) fn parse(path: &Path, text: &str) -> Result<Vec<Concept>> {
    let file: GlossaryFile = toml::from_str(text).map_err(|e| {
        let line = crate::encoding::toml_error_line(text, &e);
        Error::input(path, line, format!("glossary: {}", e.message()))
    })?;
    match file.version {
        None => {
            return Err(Error::input(
                path,
                1,
                "glossary: no `version`; add `version = 2` as the first line (the format is in index-schema/README.md)",
            ))
        }
        Some(v) if !VERSIONS.contains(&v) => {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("version"))
                .map_or(1, |i| i + 1);
            return Err(Error::input(
                path,
                line,
                format!("glossary: version {v} is not one this readouts reads (1 or 2)"),
            ));
        }
        Some(_) => {}
    }
    for concept in &file.concept {
        check_concept(path, text, concept)?;
    }
    Ok(file.concept)
}

fn check_concept(path: &Path, text: &str, c: &Concept) -> Result<()> {
    // The line is looked up only for an error: it scans the whole file.
    let err = |reason: String| {
        Error::input(
            path,
            line_of(text, &c.id),
            format!("glossary concept {:?}: {reason}", c.id),
        )
    };
    let slug = !c.id.is_empty()
        && c.id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_');
    if !slug {
        return Err(err("the id must be a lowercase slug (a-z, 0-9, -)".into()));
    }
    if c.labels().next().is_none() {
        return Err(err("no label".into()));
    }
    // A label may stand in two languages (中東 is Traditional Chinese and
    // Japanese), not twice in one.
    for list in [&c.en, &c.zh, &c.zh_hant, &c.ja, &c.ru] {
        let mut seen = std::collections::HashSet::new();
        for label in list {
            if label.trim().is_empty() {
                return Err(err("an empty label".into()));
            }
            if super::key(label).is_empty() {
                return Err(err(format!(
                    "the label {label:?} has no letters, digits or CJK characters"
                )));
            }
            if !seen.insert(label) {
                return Err(err(format!("the label {label:?} is given twice")));
            }
        }
    }
    if c.broader.contains(&c.id) || c.related.contains(&c.id) {
        return Err(err(
            "a concept cannot be broader than or related to itself".into()
        ));
    }
    Ok(())
}

/// Every `broader` and `related` id names a concept, and `broader` has no cycle.
pub(super) fn check_links(path: &Path, text: &str, glossary: &Glossary) -> Result<()> {
    for c in glossary.concepts() {
        for id in c.broader.iter().chain(&c.related) {
            if glossary.get(id).is_none() {
                return Err(Error::input(
                    path,
                    line_of(text, id),
                    format!(
                        "glossary concept {:?} links to {id:?}, which no concept has as its id",
                        c.id
                    ),
                ));
            }
        }
        // Walk up: a cycle comes back to `c`.
        let mut up: Vec<&str> = c.broader.iter().map(String::as_str).collect();
        let mut steps = 0;
        while let Some(id) = up.pop() {
            steps += 1;
            if id == c.id || steps > 10_000 {
                return Err(Error::input(
                    path,
                    line_of(text, &c.id),
                    format!(
                        "glossary concept {:?} is (indirectly) broader than itself",
                        c.id
                    ),
                ));
            }
            if let Some(b) = glossary.get(id) {
                up.extend(b.broader.iter().map(String::as_str));
            }
        }
    }
    Ok(())
}

/// One concept per person, its names sorted into scripts.
pub(super) fn person_concepts(attribution: &Attribution) -> Vec<Concept> {
    use crate::analysis::script::{is_han, is_hangul, is_kana};
    attribution
        .persons()
        .iter()
        .map(|p| {
            let mut c = Concept {
                id: p.id.clone(),
                sources: vec!["index-schema/persons.toml".into()],
                ..Concept::default()
            };
            let mut names: Vec<&String> = vec![&p.name];
            names.extend(p.names.iter().filter(|n| **n != p.name));
            for name in names {
                let list = if name.chars().any(is_kana) {
                    &mut c.ja
                } else if name.chars().any(is_hangul) {
                    continue;
                } else if name.chars().any(is_han) {
                    &mut c.zh
                } else if name.chars().any(|ch| ('\u{400}'..='\u{4FF}').contains(&ch)) {
                    &mut c.ru
                } else {
                    &mut c.en
                };
                if !list.contains(name) {
                    list.push(name.clone());
                }
            }
            c
        })
        .collect()
}
