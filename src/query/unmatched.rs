//! Filters that match nothing: a `--kind pressconference` or `--lang chinese`
//! gives no hit, which looks like "nothing was said". This module says which
//! filter value matches no statement, which values the index does hold (with
//! their counts, on the columns: no stored document is read), and the code
//! that was probably meant.

use tantivy::collector::Count;
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::aggregate::CountByValue;
use super::build::QueryBuilder;
use super::parse::QueryField;
use super::Filters;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// A filter value that matches no passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedFilter {
    /// The filter's name (`kind`, `lang`, ...).
    pub name: &'static str,
    /// The value given.
    pub value: String,
    /// The values the index holds, most frequent first, with their counts
    /// (statements; passages for `speaker` and `reported`).
    pub held: Vec<(String, u64)>,
    /// The value probably meant, in words (`use the BCP 47 code: zh`).
    pub hint: Option<String>,
}

impl UnmatchedFilter {
    /// `no statement has kind=pressconference; kinds here: press-conference 2,597, …`.
    pub fn message(&self, most: usize) -> String {
        let mut held: Vec<String> = self
            .held
            .iter()
            .take(most)
            .map(|(v, n)| format!("{v} {}", thousands(*n)))
            .collect();
        if self.held.len() > most {
            held.push(format!("… ({} more)", self.held.len() - most));
        }
        let values = if held.is_empty() {
            "none".to_string()
        } else {
            held.join(", ")
        };
        let mut line = format!(
            "no statement has {}={}; {}s here: {values}",
            self.name, self.value, self.name
        );
        if let Some(hint) = &self.hint {
            line += &format!(" ({hint})");
        }
        line
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A filter: its name, query field, value given, column, and whether a
/// statement counts once (by its first passage) rather than per passage.
type Candidate<'a> = (
    &'static str,
    QueryField,
    &'a Option<String>,
    Option<Field>,
    bool,
);

/// Every filter of `filters` that, alone, matches no passage of `index`.
pub fn unmatched_filters(index: &ReadoutsIndex, filters: &Filters) -> Result<Vec<UnmatchedFilter>> {
    let searcher = index.searcher()?;
    let f = index.fields();
    let builder = QueryBuilder {
        searcher: &searcher,
        fields: f,
        query: "",
        glossary: None,
        index_path: &index.path,
        broader: false,
        dictionary: false,
    };
    let fail = |e| Error::index(&index.path, e);
    let candidates: [Candidate; 7] = [
        (
            "publisher",
            QueryField::Publisher,
            &filters.publisher,
            Some(f.publisher),
            true,
        ),
        (
            "country",
            QueryField::Country,
            &filters.country,
            Some(f.country),
            true,
        ),
        ("lang", QueryField::Lang, &filters.lang, Some(f.lang), true),
        ("kind", QueryField::Kind, &filters.kind, Some(f.kind), true),
        (
            "event",
            QueryField::Event,
            &filters.event,
            Some(f.event),
            true,
        ),
        (
            "speaker",
            QueryField::Speaker,
            &filters.speaker,
            Some(f.speaker),
            false,
        ),
        (
            "reported",
            QueryField::Reported,
            &filters.reported,
            f.reported,
            false,
        ),
    ];
    let mut out = Vec::new();
    for (name, field, value, column, per_statement) in candidates {
        let (Some(value), Some(column)) = (value, column) else {
            continue;
        };
        let matched = searcher
            .search(&builder.keyword(field, value), &Count)
            .map_err(fail)?;
        if matched > 0 {
            continue;
        }
        let held = held_values(index, &searcher, column, per_statement)?;
        out.push(UnmatchedFilter {
            name,
            value: value.clone(),
            held,
            hint: crate::model::codes::code_hint(name, value),
        });
    }
    Ok(out)
}

/// The values of a column, most frequent first: per statement (counted by
/// its first passage), or per passage.
fn held_values(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    column: Field,
    per_statement: bool,
) -> Result<Vec<(String, u64)>> {
    let first_passages = TermQuery::new(
        Term::from_field_u64(index.fields().passage, 1),
        IndexRecordOption::Basic,
    );
    let over: &dyn Query = if per_statement {
        &first_passages
    } else {
        &AllQuery
    };
    let column_name = index.schema.schema.get_field_name(column);
    let counts = searcher
        .search(over, &CountByValue::new(column_name))
        .map_err(|e| Error::index(&index.path, e))?;
    let mut held: Vec<(String, u64)> = counts
        .into_iter()
        .filter_map(|(v, n)| v.map(|v| (v, n)))
        .collect();
    held.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(held)
}
