//! Whole documents (`show`), a statement beside its translation with the
//! paragraphs aligned (`show --parallel`, `search --with-translation`), and
//! index statistics (`stats`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

use super::aggregate::{CountByDay, CountByValue};
use super::{all_docs, decode, AlignedPassage, Hit};
use crate::error::{Error, Result};
use crate::index::codec::StoredPassage;
use crate::index::ReadoutsIndex;
use crate::model::align::{align, AlignedRow, Side};
use crate::model::glossary::Glossary;
use crate::model::{Passage, Role};

/// One passage of a shown document.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ShownPassage {
    /// Paragraph number.
    pub passage: u64,
    /// Who speaks it (a turn in a transcript; the statement's speaker in a
    /// statement or post; `null` in a readout).
    pub speaker: Option<String>,
    /// What the speaker does: `asks`, `answers` or `speaks`.
    pub speaker_role: Option<String>,
    /// The turn label as written, when this paragraph opens a turn.
    pub speaker_label: Option<String>,
    /// Whom the paragraph reports as speaking.
    pub reported: Vec<String>,
    /// Each reported person with the words that made the attribution, so a
    /// surprising one can be checked (read again from the text by the rules
    /// in use; a person the rules no longer find has none).
    #[serde(default)]
    pub reported_by: Vec<ReportedBy>,
    /// `true` when `speaker_role` was taken on weak evidence: an unlabelled
    /// paragraph after a question, read as the spokesperson's answer only
    /// because the question ends with a question mark (read again from the
    /// text by the rules in use, not stored in the index; `false` in a
    /// window of a statement's paragraphs).
    #[serde(default)]
    pub speaker_role_uncertain: bool,
    /// The text.
    pub text: String,
}

/// A reported person and the words that report them.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ReportedBy {
    /// The person, as in `reported`.
    pub name: String,
    /// The words ("Mr. Finer and the High Commissioner discussed", 翟隽强调).
    pub words: String,
}

/// A statement as stored in the index.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Document {
    pub doc_id: String,
    pub publisher: String,
    pub country: String,
    pub kind: String,
    pub lang: String,
    pub date: String,
    pub title: String,
    pub event: Option<String>,
    pub url: Option<String>,
    /// The statement's principal speaker, as written in its source.
    pub speaker: Option<String>,
    pub translation_of: Option<String>,
    pub date_source: Option<String>,
    pub notes: Option<String>,
    /// Source file of the statement (left out when empty: the server
    /// empties it, its answers do not show where its files are).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// Passages in order.
    pub passages: Vec<ShownPassage>,
}

/// Fetch a statement by id.
pub fn document(index: &ReadoutsIndex, id: &str) -> Result<Document> {
    let searcher = index.searcher()?;
    let query = id_query(index.fields().doc_id, id);
    let docs = all_docs(&searcher, &query).map_err(|e| Error::index(&index.path, e))?;
    let mut stored = docs
        .iter()
        .map(|doc| decode(index, doc))
        .collect::<Result<Vec<_>>>()?;
    stored.sort_by_key(|s| s.passage.number);
    let Some(first) = stored.first() else {
        return Err(Error::NotFound(id.to_string()));
    };
    let mut document = metadata(first);
    let texts: Vec<String> = stored.iter().map(|s| s.passage.text.clone()).collect();
    let why = crate::model::passages::reported_by(&texts, &first.meta);
    let mut why = why.into_iter();
    let mut uncertain = crate::model::passages::uncertain_roles(&texts, &first.meta).into_iter();
    document.passages = stored
        .into_iter()
        .map(|s| {
            let mut shown = shown_with(s, why.next().unwrap_or_default());
            shown.speaker_role_uncertain = uncertain.next().unwrap_or(false);
            shown
        })
        .collect();
    Ok(document)
}

/// A statement's metadata from one of its stored passages (no passages).
pub(crate) fn metadata(first: &StoredPassage) -> Document {
    let m = first.meta.clone();
    Document {
        doc_id: m.id,
        publisher: m.publisher,
        country: m.country,
        kind: m.kind,
        lang: m.lang,
        date: m.date.to_string(),
        title: m.title,
        event: m.event,
        url: m.url,
        speaker: m.speaker,
        translation_of: m.translation_of,
        date_source: m.date_source,
        notes: m.notes,
        path: first.path.clone(),
        passages: Vec::new(),
    }
}

/// A stored passage as shown, without the words that reported its persons
/// (a window of a statement's paragraphs: the web's statement pages).
pub(crate) fn shown(s: StoredPassage) -> ShownPassage {
    shown_with(s, Vec::new())
}

/// A stored passage as shown, with the words that reported each of its
/// reported persons (`why`: name and words, from `passages::reported_by`).
fn shown_with(s: StoredPassage, why: Vec<(String, String)>) -> ShownPassage {
    let reported_by = why
        .into_iter()
        .filter(|(name, _)| s.passage.reported.contains(name))
        .map(|(name, words)| ReportedBy { name, words })
        .collect();
    ShownPassage {
        passage: s.passage.number,
        speaker: s.passage.speaker,
        speaker_role: s.passage.role.map(|r| r.as_str().to_string()),
        speaker_label: s.passage.label,
        reported: s.passage.reported,
        reported_by,
        speaker_role_uncertain: false,
        text: s.passage.text,
    }
}

fn first_match(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    query: &dyn Query,
) -> Result<Option<TantivyDocument>> {
    let top = searcher
        .search(query, &TopDocs::with_limit(1).order_by_score())
        .map_err(|e| Error::index(&index.path, e))?;
    match top.first() {
        Some((_, address)) => Ok(Some(
            crate::index::read_doc(searcher, *address).map_err(|e| Error::index(&index.path, e))?,
        )),
        None => Ok(None),
    }
}

pub(crate) fn id_query(field: tantivy::schema::Field, id: &str) -> TermQuery {
    TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic)
}

/// The statement that `id` translates, or else one that translates `id`.
pub fn partner(index: &ReadoutsIndex, searcher: &Searcher, id: &str) -> Result<Option<String>> {
    let f = index.fields();
    let Some(doc) = first_match(index, searcher, &id_query(f.doc_id, id))? else {
        return Err(Error::NotFound(id.to_string()));
    };
    if let Some(original) = decode(index, &doc)?.meta.translation_of {
        if first_match(index, searcher, &id_query(f.doc_id, &original))?.is_some() {
            return Ok(Some(original));
        }
    }
    match first_match(index, searcher, &id_query(f.translation_of, id))? {
        Some(doc) => Ok(Some(decode(index, &doc)?.meta.id)),
        None => Ok(None),
    }
}

/// A statement beside its translation (or original): `show --parallel`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Parallel {
    /// The statement asked for.
    pub left: Document,
    /// Its translation or original.
    pub right: Document,
    /// Which paragraphs translate which, in the left statement's order.
    pub rows: Vec<AlignedRow>,
}

/// A statement and its translation (or original), paragraphs aligned.
pub fn parallel(index: &ReadoutsIndex, id: &str, glossary: &Glossary) -> Result<Parallel> {
    let searcher = index.searcher()?;
    let Some(other) = partner(index, &searcher, id)? else {
        return Err(Error::Usage(format!(
            "{id} has no translation or original in the index (no `translation_of` links it to another statement)"
        )));
    };
    let (left, right) = (document(index, id)?, document(index, &other)?);
    let rows = align_documents(&left, &right, glossary);
    Ok(Parallel { left, right, rows })
}

/// Align two documents' paragraphs ([`crate::model::align`]).
pub fn align_documents(left: &Document, right: &Document, glossary: &Glossary) -> Vec<AlignedRow> {
    let passages = |d: &Document| -> Vec<Passage> {
        d.passages
            .iter()
            .map(|p| Passage {
                number: p.passage,
                speaker: p.speaker.clone(),
                role: p.speaker_role.as_deref().and_then(Role::parse),
                label: p.speaker_label.clone(),
                reported: p.reported.clone(),
                text: p.text.clone(),
            })
            .collect()
    };
    let (l, r) = (passages(left), passages(right));
    align(
        Side {
            lang: &left.lang,
            passages: &l,
        },
        Side {
            lang: &right.lang,
            passages: &r,
        },
        glossary,
    )
}

/// Statement pairs aligned for hits, kept across the hits of one search
/// (`--all --with-translation` aligned both statements again for every
/// hit); at most [`MAX_ALIGNED`] pairs are kept.
#[derive(Default)]
pub struct Translations {
    aligned: HashMap<String, Option<Parallel>>,
}

/// Statement pairs a [`Translations`] keeps before it starts again.
pub const MAX_ALIGNED: usize = 256;

impl Translations {
    /// Give each hit whose statement has a translation (or original) the
    /// paragraphs aligned with its own (`search --with-translation`): one,
    /// two when merged or split, none when its paragraph has no counterpart.
    /// Each pair of statements is aligned once.
    pub fn add(
        &mut self,
        index: &ReadoutsIndex,
        searcher: &Searcher,
        hits: &mut [Hit],
        glossary: &Glossary,
    ) -> Result<()> {
        let aligned = &mut self.aligned;
        for hit in hits {
            if aligned.len() >= MAX_ALIGNED && !aligned.contains_key(&hit.doc_id) {
                aligned.clear();
            }
            if !aligned.contains_key(&hit.doc_id) {
                let pair = match partner(index, searcher, &hit.doc_id)? {
                    Some(other) => {
                        let (left, right) =
                            (document(index, &hit.doc_id)?, document(index, &other)?);
                        let rows = align_documents(&left, &right, glossary);
                        Some(Parallel { left, right, rows })
                    }
                    None => None,
                };
                aligned.insert(hit.doc_id.clone(), pair);
            }
            let Some(Some(pair)) = aligned.get(&hit.doc_id) else {
                continue;
            };
            let Some(row) = pair.rows.iter().find(|r| r.left.contains(&hit.passage)) else {
                continue;
            };
            let text: Vec<&str> = pair
                .right
                .passages
                .iter()
                .filter(|p| row.right.contains(&p.passage))
                .map(|p| p.text.as_str())
                .collect();
            hit.translation = Some(AlignedPassage {
                doc_id: pair.right.doc_id.clone(),
                lang: pair.right.lang.clone(),
                passages: row.right.clone(),
                text: text.join("\n\n"),
                method: row.method,
                score: row.score,
            });
        }
        Ok(())
    }
}

/// What `readouts stats` reports.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Stats {
    /// Statements.
    pub documents: u64,
    /// Passages.
    pub passages: u64,
    /// Schema version of the index.
    pub schema_version: u32,
    /// Bytes on disk.
    pub index_bytes: u64,
    /// Index segments.
    pub segments: usize,
    /// Statements per publisher.
    pub by_publisher: BTreeMap<String, u64>,
    /// Statements per country.
    pub by_country: BTreeMap<String, u64>,
    /// Statements per language.
    pub by_lang: BTreeMap<String, u64>,
    /// Statements per kind.
    pub by_kind: BTreeMap<String, u64>,
    /// First and last date, if any.
    pub dates: Option<(String, String)>,
}

/// Count what the index holds (on the index's columns: no stored document
/// is read).
pub fn stats(index: &ReadoutsIndex) -> Result<Stats> {
    let f = index.fields();
    let searcher = index.searcher()?;
    let fail = |e| Error::index(&index.path, e);
    let column = |field| index.schema.schema.get_field_name(field);
    // A statement is counted once, by its first passage.
    let first_passages =
        TermQuery::new(Term::from_field_u64(f.passage, 1), IndexRecordOption::Basic);
    let per = |field| -> Result<BTreeMap<String, u64>> {
        let counts = searcher
            .search(&first_passages, &CountByValue::new(column(field)))
            .map_err(fail)?;
        Ok(counts
            .into_iter()
            .map(|(value, n)| (value.unwrap_or_default(), n))
            .collect())
    };
    let by_publisher = per(f.publisher)?;
    let days = searcher
        .search(&first_passages, &CountByDay::new(column(f.date)))
        .map_err(fail)?;
    let day = |seconds: &i64| {
        crate::index::index_to_day(tantivy::DateTime::from_timestamp_secs(*seconds))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    Ok(Stats {
        documents: by_publisher.values().sum(),
        passages: searcher.num_docs(),
        schema_version: index.schema.def.version,
        index_bytes: index.size_bytes(),
        segments: searcher.segment_readers().len(),
        by_publisher,
        by_country: per(f.country)?,
        by_lang: per(f.lang)?,
        by_kind: per(f.kind)?,
        dates: match (days.keys().next(), days.keys().next_back()) {
            (Some(first), Some(last)) => Some((day(first), day(last))),
            _ => None,
        },
    })
}
