//! Counts a researcher can publish: matching passages AND statements per
//! group, counted on the index's columns, with the same slice's totals (the
//! denominators of a rate).

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::Xxh3DefaultBuilder as FastHash;

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// What groups the passages.
#[derive(Debug, Clone)]
pub enum GroupColumn {
    /// A keyword or identifier column (a passage with several values counts
    /// once under each).
    Value(String),
    /// The date column, by day.
    Day(String),
}

/// Passages and distinct statements of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Passages.
    pub passages: u64,
    /// Statements with at least one of them.
    pub statements: u64,
}

/// The group of a passage: a value (`None` when it has none) or a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupKey {
    /// A column value.
    Value(Option<String>),
    /// A day.
    Day(NaiveDate),
}

/// Counts passages and statements per group: per value of one column, or
/// per pair of values of two (a crosstab cell). A passage with several
/// values of a column counts once under each (each pair, for two).
pub struct TallyBy {
    groups: Vec<GroupColumn>,
    statement_column: String,
}

impl TallyBy {
    /// Group by `group`; statements are told apart by the `statement_column` (doc_id).
    pub fn new(group: GroupColumn, statement_column: &str) -> Self {
        TallyBy::pairs(vec![group], statement_column)
    }

    /// Group by one or two columns (the first two of `groups` are read).
    pub fn pairs(groups: Vec<GroupColumn>, statement_column: &str) -> Self {
        TallyBy {
            groups,
            statement_column: statement_column.to_string(),
        }
    }
}

/// The key of a group: one [`GroupKey`] per column grouped on.
pub type GroupKeys = Vec<GroupKey>;

/// Statement ids per group (a fast non-cryptographic hash: hashing the ids
/// of half the corpus with SipHash was most of a count's time).
type Groups = HashMap<GroupKeys, (u64, HashSet<String, FastHash>)>;

/// A raw group: a term ordinal or seconds per column (`None`: no value).
type RawKey = [Option<i64>; 2];

enum SegmentGroup {
    Value(Option<StrColumn>),
    Day(Option<Column<DateTime>>),
}

/// Per segment: counts by raw group (term ordinal or seconds) and statement ordinals.
pub struct SegmentTally {
    groups: Vec<SegmentGroup>,
    statements: Option<StrColumn>,
    counts: HashMap<RawKey, (u64, HashSet<u64, FastHash>), FastHash>,
    /// The current passage's raw values per column (kept to avoid allocating).
    values: [Vec<Option<i64>>; 2],
}

impl Collector for TallyBy {
    type Fruit = HashMap<GroupKeys, Tally>;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let fast = segment.fast_fields();
        let mut groups = Vec::new();
        for group in self.groups.iter().take(2) {
            groups.push(match group {
                GroupColumn::Value(name) => SegmentGroup::Value(fast.str(name)?),
                GroupColumn::Day(name) => SegmentGroup::Day(fast.date(name).ok()),
            });
        }
        Ok(SegmentTally {
            groups,
            statements: fast.str(&self.statement_column)?,
            counts: HashMap::default(),
            values: [Vec::new(), Vec::new()],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Groups>) -> tantivy::Result<HashMap<GroupKeys, Tally>> {
        let mut all: Groups = HashMap::default();
        for fruit in fruits {
            for (key, (passages, ids)) in fruit {
                let entry = all.entry(key).or_default();
                entry.0 += passages;
                entry.1.extend(ids);
            }
        }
        Ok(all
            .into_iter()
            .map(|(k, (passages, ids))| {
                (
                    k,
                    Tally {
                        passages,
                        statements: ids.len() as u64,
                    },
                )
            })
            .collect())
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Groups;

    fn collect(&mut self, doc: DocId, _: Score) {
        let statement = self
            .statements
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
            .unwrap_or(u64::MAX);
        for (group, values) in self.groups.iter().zip(self.values.iter_mut()) {
            values.clear();
            raw_values(group, doc, values);
            if values.is_empty() {
                // A passage without a date is in no period.
                return;
            }
        }
        let [first, second] = &self.values;
        let second: &[Option<i64>] = if self.groups.len() > 1 {
            second
        } else {
            &[None]
        };
        for &a in first {
            for &b in second {
                let entry = self.counts.entry([a, b]).or_default();
                entry.0 += 1;
                entry.1.insert(statement);
            }
        }
    }

    fn harvest(self) -> Groups {
        let mut out: Groups = HashMap::default();
        let mut text = String::new();
        let mut name = |column: Option<&StrColumn>, ordinal: u64| -> Option<String> {
            let column = column?;
            column
                .ord_to_str(ordinal, &mut text)
                .ok()?
                .then(|| text.clone())
        };
        let ids = statement_ids(self.statements.as_ref(), &self.counts);
        'raw: for (raw, (passages, ordinals)) in self.counts {
            let mut key = Vec::with_capacity(self.groups.len());
            for (group, value) in self.groups.iter().zip(raw) {
                key.push(match (group, value) {
                    (SegmentGroup::Value(column), Some(o)) => {
                        GroupKey::Value(name(column.as_ref(), o as u64))
                    }
                    (SegmentGroup::Day(_), Some(seconds)) => {
                        match crate::index::index_to_day(DateTime::from_timestamp_secs(seconds)) {
                            Some(day) => GroupKey::Day(day),
                            None => continue 'raw,
                        }
                    }
                    (SegmentGroup::Value(_), None) => GroupKey::Value(None),
                    (SegmentGroup::Day(_), None) => continue 'raw,
                });
            }
            let entry = out.entry(key).or_default();
            entry.0 += passages;
            entry
                .1
                .extend(ordinals.iter().filter_map(|o| ids.get(o).cloned()));
        }
        out
    }
}

/// A passage's raw values of one column: its term ordinals (`None` when it
/// has none), or its date's seconds (nothing when it has no date).
fn raw_values(group: &SegmentGroup, doc: DocId, values: &mut Vec<Option<i64>>) {
    match group {
        SegmentGroup::Value(Some(column)) => {
            values.extend(column.term_ords(doc).map(|o| Some(o as i64)));
            if values.is_empty() {
                values.push(None);
            }
        }
        SegmentGroup::Day(Some(column)) => {
            if let Some(date) = column.first(doc) {
                values.push(Some(date.into_timestamp_secs()));
            }
        }
        SegmentGroup::Value(None) | SegmentGroup::Day(None) => values.push(None),
    }
}

/// The statement id of every statement ordinal the groups hold, read from
/// the column's dictionary in one ordered pass (looking each up on its own
/// decompressed a dictionary block per ordinal: seconds for a term matching
/// half the corpus).
fn statement_ids(
    column: Option<&StrColumn>,
    counts: &HashMap<RawKey, (u64, HashSet<u64, FastHash>), FastHash>,
) -> HashMap<u64, String, FastHash> {
    let Some(column) = column else {
        return HashMap::default();
    };
    let mut ordinals: Vec<u64> = counts
        .values()
        .flat_map(|(_, ords)| ords.iter().copied())
        .filter(|&o| o != u64::MAX)
        .collect();
    ordinals.sort_unstable();
    ordinals.dedup();
    let mut names = Vec::with_capacity(ordinals.len());
    let complete = column
        .dictionary()
        .sorted_ords_to_term_cb(&ordinals, |bytes| {
            names.push(String::from_utf8_lossy(bytes).into_owned())
        })
        .unwrap_or(false);
    if !complete || names.len() != ordinals.len() {
        // Not expected; fall back to one lookup per ordinal.
        let mut text = String::new();
        let mut ids = HashMap::default();
        for ordinal in ordinals {
            if let Ok(true) = column.ord_to_str(ordinal, &mut text) {
                ids.insert(ordinal, text.clone());
            }
        }
        return ids;
    }
    ordinals.into_iter().zip(names).collect()
}
