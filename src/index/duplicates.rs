//! Near-duplicate links, made at ingest: the same readout republished (by
//! Xinhua and by the MFA, or twice by one site) joins the group of the
//! statement it repeats.
//!
//! A statement's MinHash signature ([`crate::analysis::minhash`]) is compared
//! with those of the statements of its language that share an LSH band with
//! it: in the index (a query on `dup_bands`, the best-sharing
//! [`MAX_CANDIDATES`] read) and among those put earlier in the same session
//! (kept in memory: they are not searchable before the commit). A candidate at
//! an estimated Jaccard similarity of [`THRESHOLD`] or more is a duplicate,
//! and the statement takes the group of the most similar one; else it is a
//! group of its own. Group, signature and bands are written with the
//! statement's documents, so they switch with the commit like everything else.
//!
//! A group is named by its first statement indexed. A statement replaced or
//! removed later leaves the others' group as it was; `readouts reindex`
//! computes every link afresh.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use super::codec::Links;
use super::Fields;
use crate::analysis::minhash::{signature, Signature, THRESHOLD};
use crate::model::Statement;

/// Most indexed candidates read for one statement (those sharing the most bands).
pub const MAX_CANDIDATES: usize = 20;

/// A statement put in this session, as the linker remembers it.
struct Pending {
    id: String,
    group: String,
    signature: Box<[u32]>,
}

/// Links the statements of one writer session.
#[derive(Default)]
pub struct Linker {
    pending: Vec<Pending>,
    /// The ids of `pending` (a scan of `pending` per candidate made a large
    /// ingest into a large index quadratic).
    pending_ids: std::collections::HashSet<String>,
    /// Band key hash → the first pending statement with it.
    bands: HashMap<u64, u32, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
}

/// The scope of comparison: a statement's primary language subtag.
fn scope(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Linker {
    /// The links of `statement`: its signature, bands and group.
    pub fn link(
        &mut self,
        searcher: &Searcher,
        fields: &Fields,
        statement: &Statement,
    ) -> tantivy::Result<Links> {
        let id = &statement.meta.id;
        let text: Vec<&str> = statement.passages.iter().map(|p| p.text.as_str()).collect();
        let Some(signature) = signature(&text.join("\n")) else {
            return Ok(Links {
                group: id.clone(),
                signature: None,
                bands: Vec::new(),
            });
        };
        let bands = signature.bands(&scope(&statement.meta.lang));
        let mut best: Option<(f64, String)> = None;
        let mut consider = |similarity: f64, group: &str| {
            if similarity >= THRESHOLD && best.as_ref().is_none_or(|(s, _)| similarity > *s) {
                best = Some((similarity, group.to_string()));
            }
        };
        for (other, group, sig) in indexed_candidates(searcher, fields, &bands)? {
            if other != *id && !self.pending_ids.contains(&other) {
                consider(signature.similarity(&sig), &group);
            }
        }
        let keys: Vec<u64> = bands
            .iter()
            .map(|b| xxhash_rust::xxh3::xxh3_64(b.as_bytes()))
            .collect();
        let mut seen = Vec::new();
        for k in &keys {
            if let Some(&i) = self.bands.get(k) {
                if !seen.contains(&i) && self.pending[i as usize].id != *id {
                    seen.push(i);
                    let p = &self.pending[i as usize];
                    consider(
                        signature.similarity(&Signature(p.signature.to_vec())),
                        &p.group,
                    );
                }
            }
        }
        let group = best.map_or_else(|| id.clone(), |(_, g)| g);
        let index = self.pending.len() as u32;
        for k in keys {
            self.bands.entry(k).or_insert(index);
        }
        self.pending_ids.insert(id.clone());
        self.pending.push(Pending {
            id: id.clone(),
            group: group.clone(),
            signature: signature.0.clone().into_boxed_slice(),
        });
        Ok(Links {
            group,
            signature: Some(signature),
            bands,
        })
    }
}

/// The indexed statements sharing a band with `bands`: id, group, signature.
fn indexed_candidates(
    searcher: &Searcher,
    fields: &Fields,
    bands: &[String],
) -> tantivy::Result<Vec<(String, String, Signature)>> {
    let (Some(band_field), Some(minhash), Some(group)) =
        (fields.dup_bands, fields.minhash, fields.dup_group)
    else {
        return Ok(Vec::new());
    };
    if searcher.num_docs() == 0 || bands.is_empty() {
        return Ok(Vec::new());
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = bands
        .iter()
        .map(|b| {
            let q = TermQuery::new(
                Term::from_field_text(band_field, b),
                IndexRecordOption::Basic,
            );
            (Occur::Should, Box::new(q) as Box<dyn Query>)
        })
        .collect();
    let top = searcher.search(
        &BooleanQuery::new(clauses),
        &TopDocs::with_limit(MAX_CANDIDATES).order_by_score(),
    )?;
    let group_name = searcher.schema().get_field_name(group).to_string();
    let mut out = Vec::new();
    for (_, address) in top {
        let doc: TantivyDocument = super::read_doc(searcher, address)?;
        let text = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let (Some(id), Some(g), Some(sig)) = (
            text(fields.doc_id),
            fast_text(searcher, &group_name, address)?,
            text(minhash).and_then(|h| Signature::from_hex(&h)),
        ) else {
            continue;
        };
        out.push((id, g, sig));
    }
    Ok(out)
}

/// The value of the string fast field `field` for the document at `address`
/// (the near-duplicate group is a column, not stored: it is on every
/// passage, and storing it there too made the store a tenth larger).
fn fast_text(
    searcher: &Searcher,
    field: &str,
    address: tantivy::DocAddress,
) -> tantivy::Result<Option<String>> {
    let segment = searcher.segment_reader(address.segment_ord);
    let Some(column) = segment.fast_fields().str(field)? else {
        return Ok(None);
    };
    let Some(ordinal) = column.term_ords(address.doc_id).next() else {
        return Ok(None);
    };
    let mut text = String::new();
    Ok(column.ord_to_str(ordinal, &mut text)?.then_some(text))
}
