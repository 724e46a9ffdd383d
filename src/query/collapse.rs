//! `search --collapse`: one statement per near-duplicate group.
//!
//! Ingest links republications of one text into a group
//! ([`crate::index::duplicates`]); collapsing keeps, of each group, the
//! statement of its best-ranked hit (all of that statement's hits) and drops
//! the hits of the other statements, which the kept hits name in
//! [`super::Hit::duplicates`].

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::rank::{self, Page};
use super::{Prepared, SearchRequest};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// The string columns of one field, one per segment, opened on demand.
struct Column {
    name: String,
    segments: HashMap<u32, Option<StrColumn>>,
}

impl Column {
    fn new(name: &str) -> Column {
        Column {
            name: name.to_string(),
            segments: HashMap::new(),
        }
    }

    /// The first value of the column at `address`.
    fn value(&mut self, searcher: &Searcher, address: DocAddress) -> Option<String> {
        let column = self
            .segments
            .entry(address.segment_ord)
            .or_insert_with(|| {
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .str(&self.name)
                    .ok()
                    .flatten()
            })
            .as_ref()?;
        let ordinal = column.term_ords(address.doc_id).next()?;
        let mut value = String::new();
        column.ord_to_str(ordinal, &mut value).ok()?;
        Some(value)
    }
}

/// The name of a field of the index (columns are read by name).
fn name(index: &ReadoutsIndex, field: tantivy::schema::Field) -> String {
    index.schema.schema.get_field_name(field).to_string()
}

/// The total and one page of hits, one statement per group, in the
/// request's order.
pub(crate) fn ranked(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    p: &Prepared,
    request: &SearchRequest,
) -> Result<Page> {
    let probe = SearchRequest {
        limit: 1,
        offset: 0,
        ..request.clone()
    };
    let (total, _) = rank::ranked(index, searcher, p, &probe)?;
    if total == 0 {
        return Ok((0, Vec::new()));
    }
    let everything = SearchRequest {
        limit: total,
        ..probe
    };
    let (_, all) = rank::ranked(index, searcher, p, &everything)?;
    let Some(group_field) = index.fields().dup_group else {
        return Ok(cut(all, request));
    };
    let mut ids = Column::new(&name(index, index.fields().doc_id));
    let mut groups = Column::new(&name(index, group_field));
    let mut chosen: HashMap<String, String> = HashMap::new();
    let kept: Vec<(f32, DocAddress)> = all
        .into_iter()
        .filter(|&(_, address)| {
            let id = ids.value(searcher, address).unwrap_or_default();
            let group = groups
                .value(searcher, address)
                .unwrap_or_else(|| id.clone());
            chosen.entry(group).or_insert_with(|| id.clone()) == &id
        })
        .collect();
    Ok(cut(kept, request))
}

/// The request's page of a full ranking.
fn cut(all: Vec<(f32, DocAddress)>, request: &SearchRequest) -> Page {
    let total = all.len();
    let page = all
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .collect();
    (total, page)
}

/// The other statements of the group of the hit at `address` (`[]` when it
/// has none), in index order.
pub(crate) fn duplicates(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    address: DocAddress,
) -> Result<Vec<String>> {
    let Some(group_field) = index.fields().dup_group else {
        return Ok(Vec::new());
    };
    let mut ids = Column::new(&name(index, index.fields().doc_id));
    let own = ids.value(searcher, address).unwrap_or_default();
    let Some(group) = Column::new(&name(index, group_field)).value(searcher, address) else {
        return Ok(Vec::new());
    };
    let query = TermQuery::new(
        Term::from_field_text(group_field, &group),
        IndexRecordOption::Basic,
    );
    let mut members: Vec<DocAddress> = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .map_err(|e| Error::index(&index.path, e))?
        .into_iter()
        .collect();
    members.sort();
    let mut out: Vec<String> = Vec::new();
    for member in members {
        if let Some(id) = ids.value(searcher, member) {
            if id != own && !out.contains(&id) {
                out.push(id);
            }
        }
    }
    Ok(out)
}
