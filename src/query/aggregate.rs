//! Counting without reading stored documents: collectors that group the
//! matching passages by a column (a fast field) of the index.
//!
//! `count`, `timeline`, `compare` and `stats` run on these, so their cost
//! grows with the number of matches, not with the size of what is stored.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Matching passages per value of a keyword or identifier column (`None`
/// for passages without a value).
pub struct CountByValue {
    column: String,
}

impl CountByValue {
    /// Group by the column of the field named `column`.
    pub fn new(column: &str) -> Self {
        CountByValue {
            column: column.to_string(),
        }
    }
}

/// Per segment: counts by term ordinal.
pub struct SegmentValueCounts {
    column: Option<StrColumn>,
    by_ordinal: Vec<u64>,
    without_value: u64,
}

impl Collector for CountByValue {
    type Fruit = HashMap<Option<String>, u64>;
    type Child = SegmentValueCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentValueCounts> {
        let column = segment.fast_fields().str(&self.column)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentValueCounts {
            column,
            by_ordinal: vec![0; terms],
            without_value: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<Option<String>, u64>>,
    ) -> tantivy::Result<HashMap<Option<String>, u64>> {
        let mut all = HashMap::new();
        for fruit in fruits {
            for (key, n) in fruit {
                *all.entry(key).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = HashMap<Option<String>, u64>;

    /// A passage counts once for each of its values (a passage reporting two
    /// persons counts for both), once as "no value" when it has none.
    fn collect(&mut self, doc: DocId, _: Score) {
        let mut any = false;
        if let Some(column) = self.column.as_ref() {
            for ordinal in column.term_ords(doc) {
                self.by_ordinal[ordinal as usize] += 1;
                any = true;
            }
        }
        if !any {
            self.without_value += 1;
        }
    }

    fn harvest(self) -> HashMap<Option<String>, u64> {
        let mut out = HashMap::new();
        if self.without_value > 0 {
            out.insert(None, self.without_value);
        }
        let Some(column) = self.column else {
            return out;
        };
        let mut value = String::new();
        for (ordinal, &n) in self.by_ordinal.iter().enumerate() {
            if n > 0
                && column
                    .ord_to_str(ordinal as u64, &mut value)
                    .unwrap_or(false)
            {
                *out.entry(Some(value.clone())).or_insert(0) += n;
            }
        }
        out
    }
}

/// Matching passages per stored day (seconds since the epoch at midnight UTC,
/// as the `date` column holds them).
pub struct CountByDay {
    column: String,
}

impl CountByDay {
    /// Group by the date column of the field named `column`.
    pub fn new(column: &str) -> Self {
        CountByDay {
            column: column.to_string(),
        }
    }
}

/// Per segment: counts by day.
pub struct SegmentDayCounts {
    column: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    by_day: BTreeMap<i64, u64>,
}

impl Collector for CountByDay {
    type Fruit = BTreeMap<i64, u64>;
    type Child = SegmentDayCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDayCounts> {
        Ok(SegmentDayCounts {
            column: segment.fast_fields().date(&self.column).ok(),
            by_day: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, u64>>) -> tantivy::Result<BTreeMap<i64, u64>> {
        let mut all = BTreeMap::new();
        for fruit in fruits {
            for (day, n) in fruit {
                *all.entry(day).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentDayCounts {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(date) = self.column.as_ref().and_then(|c| c.first(doc)) {
            *self.by_day.entry(date.into_timestamp_secs()).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> BTreeMap<i64, u64> {
        self.by_day
    }
}
