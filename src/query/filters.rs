//! Metadata filters: the part of the query builder that turns a field and a
//! value (publisher, country, lang, kind, speaker, reported, role, event, id,
//! dates) into a tantivy query.

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::query::{EmptyQuery, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::build::QueryBuilder;
use super::parse::{DateRange, QueryField};
use crate::analysis::normalize;

type BoxQuery = Box<dyn Query>;

impl QueryBuilder<'_> {
    /// A metadata value: exact (case-insensitive) for codes and ids,
    /// substring for publisher and speaker, primary-subtag-aware for lang.
    pub fn keyword(&self, field: QueryField, value: &str) -> BoxQuery {
        let f = self.fields;
        let lower = normalize(value.trim());
        match field {
            QueryField::Publisher => self.matching_values(f.publisher, |v| v.contains(&lower)),
            QueryField::Speaker => self.person(f.speaker, value, &lower),
            QueryField::Reported => match f.reported {
                Some(field) => self.person(field, value, &lower),
                None => Box::new(EmptyQuery),
            },
            QueryField::Role => match f.speaker_role {
                Some(field) => exact(field, &lower),
                None => Box::new(EmptyQuery),
            },
            QueryField::Lang => {
                let prefix = format!("{lower}-");
                self.matching_values(f.lang, |v| v == lower || v.starts_with(&prefix))
            }
            QueryField::Country => exact(f.country, &lower),
            QueryField::Kind => exact(f.kind, &crate::model::normalize_kind(value)),
            QueryField::Event => exact(f.event, value.trim()),
            QueryField::Id => exact(f.doc_id, value.trim()),
            QueryField::Text | QueryField::Title | QueryField::Date => {
                unreachable!("not a metadata field")
            }
        }
    }

    /// A person field: the person a name stands for, exactly (any script,
    /// any title: `耿爽`, `Geng Shuang`, `Spokesperson Geng Shuang`), else a
    /// case-insensitive substring of the values.
    fn person(&self, field: Field, value: &str, lower: &str) -> BoxQuery {
        match crate::model::attribution::current().person(value) {
            Some(person) => exact(field, &normalize(&person.name)),
            None => self.matching_values(field, |v| v.contains(lower)),
        }
    }

    /// Every indexed value of a keyword field that satisfies `keep`.
    fn matching_values(&self, field: Field, keep: impl Fn(&str) -> bool) -> BoxQuery {
        let mut terms = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(value) = std::str::from_utf8(stream.key()) {
                    if keep(&normalize(value)) {
                        terms.push(Term::from_field_text(field, value));
                    }
                }
            }
        }
        if terms.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(TermSetQuery::new(terms))
        }
    }

    /// Passages dated within an inclusive range.
    pub fn dates(&self, range: DateRange) -> BoxQuery {
        if range.from.is_none() && range.to.is_none() {
            // `date:[* TO *]`: every passage has a date (tantivy's range query
            // with both ends open would panic).
            return Box::new(tantivy::query::AllQuery);
        }
        // Days beyond what the index can store are the ends of what it holds.
        let clamp = |d: NaiveDate| d.clamp(crate::model::MIN_DAY, crate::model::MAX_DAY);
        let range = DateRange {
            from: range.from.map(clamp),
            to: range.to.map(clamp),
        };
        let at =
            |d: NaiveDate| Term::from_field_date(self.fields.date, crate::index::day_to_index(d));
        let lower = range
            .from
            .map_or(Bound::Unbounded, |d| Bound::Included(at(d)));
        let upper = match range.to {
            None => Bound::Unbounded,
            Some(d) => match d.succ_opt() {
                Some(next) => Bound::Excluded(at(next)),
                None => Bound::Included(at(d)),
            },
        };
        Box::new(RangeQuery::new(lower, upper))
    }
}

fn exact(field: Field, value: &str) -> BoxQuery {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
