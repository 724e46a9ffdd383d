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
use crate::analysis::minhash::{signature, Signature, PERMUTATIONS, THRESHOLD};
use crate::model::Statement;

/// Most indexed candidates read for one statement (those sharing the most bands).
pub const MAX_CANDIDATES: usize = 20;

/// Links the statements of one writer session.
///
/// What it remembers of each statement put is kept small, because a run of
/// a million tiny records keeps a million of them: the id (once), the group,
/// the low byte of each signature value (all that [`Signature::similarity`]
/// compares: b-bit MinHash), and a 32-bit key per band.
#[derive(Default)]
pub struct Linker {
    /// Pending statement id → its number in this session.
    pending_ids: HashMap<Box<str>, u32>,
    /// Each pending statement's group, by number.
    groups: Vec<Box<str>>,
    /// Each pending statement's signature, low bytes, `PERMUTATIONS` apiece.
    signatures: Vec<u8>,
    /// Band key → the first pending statement with it.
    bands: HashMap<u32, u32, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
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
            if other != *id && !self.pending_ids.contains_key(other.as_str()) {
                consider(signature.similarity(&sig), &group);
            }
        }
        let keys: Vec<u32> = bands
            .iter()
            .map(|b| xxhash_rust::xxh3::xxh3_64(b.as_bytes()) as u32)
            .collect();
        let own = self.pending_ids.get(id.as_str()).copied();
        let mut seen = Vec::new();
        for k in &keys {
            if let Some(&i) = self.bands.get(k) {
                if !seen.contains(&i) && own != Some(i) {
                    seen.push(i);
                    let at = i as usize * PERMUTATIONS;
                    let low = &self.signatures[at..at + PERMUTATIONS];
                    let other = Signature(low.iter().map(|&b| u32::from(b)).collect());
                    consider(signature.similarity(&other), &self.groups[i as usize]);
                }
            }
        }
        let group = best.map_or_else(|| id.clone(), |(_, g)| g);
        let index = self.groups.len() as u32;
        for k in keys {
            self.bands.entry(k).or_insert(index);
        }
        self.pending_ids.insert(id.as_str().into(), index);
        self.groups.push(group.as_str().into());
        self.signatures
            .extend(signature.0.iter().map(|v| (v & 0xFF) as u8));
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
