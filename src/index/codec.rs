//! The one record codec: a statement's passages ⇄ tantivy documents.
//!
//! Every writer encodes with [`encode`] and every reader (hits, `show`,
//! `compare`, reindex) decodes with [`decode`], so a field added to the
//! schema is added here once. Decoding goes by the field handles of the index
//! being read ([`Fields::resolve`]), so an index of an older schema version
//! decodes too (reindex reads it).

use tantivy::schema::{Field, Value};
use tantivy::TantivyDocument;

use super::Fields;
use crate::analysis::minhash::Signature;
use crate::analysis::{mark, unmark, Analysis};
use crate::model::{Metadata, Passage, Role, Statement};

/// A statement's near-duplicate facts, as written with its first passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// The id of the group's first statement (the statement's own when it has
    /// no near-duplicate).
    pub group: String,
    /// Its MinHash signature (`None` for a text without letters or digits).
    pub signature: Option<Signature>,
    /// Its LSH band keys.
    pub bands: Vec<String>,
}

/// One stored passage with its statement's metadata, as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPassage {
    /// The statement's metadata (`speaker` is the statement's principal speaker).
    pub meta: Metadata,
    /// The passage (`speaker` is who speaks this passage).
    pub passage: Passage,
    /// The source the statement was ingested from.
    pub path: String,
    /// The statement's content hash (for idempotent re-ingest).
    pub content_hash: String,
}

/// The tantivy documents (one per passage) of a statement, in a group of its
/// own.
pub fn encode<'s>(
    fields: &'s Fields,
    statement: &'s Statement,
    hash: &'s str,
) -> impl Iterator<Item = TantivyDocument> + 's {
    encode_linked(fields, statement, hash, None)
}

/// The tantivy documents (one per passage) of a statement, with its
/// near-duplicate links (every passage names the group; the first carries
/// the signature and bands).
pub fn encode_linked<'s>(
    fields: &'s Fields,
    statement: &'s Statement,
    hash: &'s str,
    links: Option<&'s Links>,
) -> impl Iterator<Item = TantivyDocument> + 's {
    let m = &statement.meta;
    let analysis = Analysis::for_lang(&m.lang);
    let date = super::day_to_index(m.date);
    let path = statement.path.to_string_lossy();
    statement.passages.iter().enumerate().map(move |(i, p)| {
        let f = fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.doc_id, &m.id);
        doc.add_u64(f.passage, p.number);
        doc.add_text(f.publisher, &m.publisher);
        doc.add_text(f.country, &m.country);
        doc.add_text(f.kind, &m.kind);
        doc.add_text(f.lang, &m.lang);
        doc.add_date(f.date, date);
        doc.add_text(f.title, mark(analysis, &m.title));
        doc.add_text(f.title_cjk, &m.title);
        doc.add_text(f.text, mark(analysis, &p.text));
        doc.add_text(f.text_cjk, &p.text);
        doc.add_text(f.path, &path);
        doc.add_text(f.content_hash, hash);
        for (field, value) in [
            (f.event, &m.event),
            (f.url, &m.url),
            (f.translation_of, &m.translation_of),
            (f.date_source, &m.date_source),
            (f.notes, &m.notes),
            (f.statement_speaker, &m.speaker),
            (f.speaker, &p.speaker),
        ] {
            if let Some(v) = value {
                doc.add_text(field, v);
            }
        }
        if let (Some(field), Some(label)) = (f.speaker_label, &p.label) {
            doc.add_text(field, label);
        }
        if let (Some(field), Some(role)) = (f.speaker_role, p.role) {
            doc.add_text(field, role.as_str());
        }
        if let Some(field) = f.reported {
            for name in &p.reported {
                doc.add_text(field, name);
            }
        }
        add_links(f, &mut doc, &m.id, links, i == 0);
        doc
    })
}

fn add_links(f: &Fields, doc: &mut TantivyDocument, id: &str, links: Option<&Links>, first: bool) {
    if let Some(field) = f.dup_group {
        doc.add_text(field, links.map_or(id, |l| l.group.as_str()));
    }
    let Some(links) = links.filter(|_| first) else {
        return;
    };
    if let (Some(field), Some(signature)) = (f.minhash, &links.signature) {
        doc.add_text(field, signature.to_hex());
    }
    if let Some(field) = f.dup_bands {
        for band in &links.bands {
            doc.add_text(field, band);
        }
    }
}

/// A word-analysed stored value without its analysis mark.
fn unmarked(value: String) -> String {
    match unmark(&value) {
        (_, _, 0) => value,
        (_, text, _) => text.to_string(),
    }
}

/// Why a stored document cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Read a stored document back into a passage and its statement's metadata.
pub fn decode(fields: &Fields, doc: &TantivyDocument) -> Result<StoredPassage, DecodeError> {
    let f = fields;
    let text = |field: Field| -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let id = text(f.doc_id).ok_or_else(|| DecodeError("a passage has no stored doc_id".into()))?;
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(super::index_to_day)
        .ok_or_else(|| DecodeError(format!("statement {id}: no stored date")))?;
    let number = doc
        .get_first(f.passage)
        .and_then(|v| v.as_u64())
        .ok_or_else(|| DecodeError(format!("statement {id}: a passage has no number")))?;
    Ok(StoredPassage {
        meta: Metadata {
            publisher: text(f.publisher).unwrap_or_default(),
            country: text(f.country).unwrap_or_default(),
            kind: text(f.kind).unwrap_or_default(),
            lang: text(f.lang).unwrap_or_default(),
            date,
            title: text(f.title).map(unmarked).unwrap_or_default(),
            event: text(f.event),
            url: text(f.url),
            speaker: text(f.statement_speaker),
            translation_of: text(f.translation_of),
            date_source: text(f.date_source),
            notes: text(f.notes),
            id,
        },
        passage: Passage {
            number,
            speaker: text(f.speaker),
            role: f
                .speaker_role
                .and_then(text)
                .as_deref()
                .and_then(Role::parse),
            label: f.speaker_label.and_then(text),
            reported: f.reported.map_or_else(Vec::new, |field| {
                doc.get_all(field)
                    .filter_map(|v| v.as_str())
                    .map(str::to_string)
                    .collect()
            }),
            text: text(f.text).map(unmarked).unwrap_or_default(),
        },
        path: text(f.path).unwrap_or_default(),
        content_hash: text(f.content_hash).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexSchema;
    use tantivy::Document;

    #[test]
    fn every_field_survives_a_round_trip() {
        let schema = IndexSchema::load().unwrap();
        let text = "+++\npublisher = \"P\"\ncountry = \"US\"\nkind = \"interview\"\nlang = \"en\"\n\
                    date = \"2025-11-24\"\ntitle = \"T\"\nevent = \"e\"\nurl = \"https://x\"\n\
                    speaker = \"S\"\ntranslation_of = \"o\"\ndate_source = \"d\"\nnotes = \"n\"\n+++\n\n\
                    Host: Question?\n\nS: Answer.\n";
        let statement =
            crate::formats::statement_file::parse(std::path::Path::new("a/x.md"), text).unwrap();
        let docs: Vec<_> = encode(&schema.fields, &statement, "h").collect();
        assert_eq!(docs.len(), 2);
        for (doc, passage) in docs.iter().zip(&statement.passages) {
            // Through the stored form, as a reader sees it.
            let json = doc.to_json(&schema.schema);
            let stored = TantivyDocument::parse_json(&schema.schema, &json).unwrap();
            let back = decode(&schema.fields, &stored).unwrap();
            assert_eq!(back.meta, statement.meta);
            assert_eq!(&back.passage, passage);
            assert_eq!(back.path, "a/x.md");
            assert_eq!(back.content_hash, "h");
        }
    }
}
