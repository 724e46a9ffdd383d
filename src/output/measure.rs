//! What a chart or a table of counts shows, and how its title says it.

use crate::query::research::CountRow;

/// What a chart or table shows of a [`CountRow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Matching passages.
    Passages,
    /// Matching passages per 1,000 passages of the slice.
    Rate,
}

impl Measure {
    /// The value shown for a row.
    pub fn of(self, row: &CountRow) -> f64 {
        match self {
            Measure::Passages => row.passages as f64,
            Measure::Rate => row.per_1000_passages.unwrap_or(0.0),
        }
    }

    /// What the value is, for axis labels and titles.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Passages => "passages",
            Measure::Rate => "per 1,000 passages",
        }
    }
}

/// The title of a chart or table of counts: what is counted, of which query,
/// under which filters (`filters` as [`crate::query::Filters::describe`]
/// gives them). A rate names its denominator after the query, so that it
/// cannot be read as a share of the matching passages.
pub fn chart_title(measure: Measure, query: &str, filters: &str) -> String {
    let mut title = match measure {
        Measure::Passages => format!("passages matching {query}"),
        Measure::Rate => format!("passages matching {query}, per 1,000 passages"),
    };
    if !filters.is_empty() {
        title.push_str(" · ");
        title.push_str(filters);
    }
    title
}
