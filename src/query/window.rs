//! A statement a window of paragraphs at a time, so that a long one (20,000
//! paragraphs under a 2,000-character title) is never all in memory: its
//! [`Outline`] (metadata, how many paragraphs, their numbers in order) and
//! the paragraphs of one window, read from the store only then.

use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order, Searcher};

use super::decode;
use super::documents::{id_query, metadata, shown, Document, ShownPassage};
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;

/// A statement without its paragraphs, and where they are.
#[derive(Debug, Clone)]
pub struct Outline {
    /// The metadata (`passages` empty).
    pub document: Document,
    /// Each paragraph's number and address, in paragraph order.
    pub numbers: Vec<(u64, DocAddress)>,
}

impl Outline {
    /// How many paragraphs the statement has.
    pub fn passages(&self) -> usize {
        self.numbers.len()
    }

    /// The highest paragraph number (0 when none).
    pub fn last(&self) -> u64 {
        self.numbers.last().map_or(0, |(n, _)| *n)
    }
}

/// The outline of statement `id` (`NotFound` when it is not there). Reads
/// one stored passage and the paragraph numbers' column.
pub fn outline(index: &ReadoutsIndex, searcher: &Searcher, id: &str) -> Result<Outline> {
    let fail = |e: tantivy::TantivyError| Error::index(&index.path, e);
    let query = id_query(index.fields().doc_id, id);
    let count = searcher.search(&query, &Count).map_err(fail)?;
    if count == 0 {
        return Err(Error::NotFound(id.to_string()));
    }
    let ordered = TopDocs::with_limit(count).order_by_u64_field("passage", Order::Asc);
    let numbers: Vec<(u64, DocAddress)> = searcher
        .search(&query, &ordered)
        .map_err(fail)?
        .into_iter()
        .map(|(n, address)| (n.unwrap_or(0), address))
        .collect();
    let first = read(index, searcher, numbers[0].1)?;
    Ok(Outline {
        document: metadata(&first),
        numbers,
    })
}

/// The paragraphs numbered `first` to `last` (inclusive), in order.
pub fn passages(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    outline: &Outline,
    first: u64,
    last: u64,
) -> Result<Vec<ShownPassage>> {
    outline
        .numbers
        .iter()
        .filter(|(n, _)| (first..=last).contains(n))
        .map(|(_, address)| read(index, searcher, *address).map(shown))
        .collect()
}

/// The paragraphs at positions `range` (0-based, in paragraph order).
pub fn passages_at(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    outline: &Outline,
    range: std::ops::Range<usize>,
) -> Result<Vec<ShownPassage>> {
    let end = range.end.min(outline.numbers.len());
    let start = range.start.min(end);
    outline.numbers[start..end]
        .iter()
        .map(|(_, address)| read(index, searcher, *address).map(shown))
        .collect()
}

fn read(
    index: &ReadoutsIndex,
    searcher: &Searcher,
    address: DocAddress,
) -> Result<crate::index::codec::StoredPassage> {
    let doc =
        crate::index::read_doc(searcher, address).map_err(|e| Error::index(&index.path, e))?;
    decode(index, &doc)
}

/// Fill each passage's `reported_by` and `speaker_role_uncertain` from the
/// passages `doc` holds (a window of a statement: context outside it — "He
/// added" after the window's start — is not seen, so a person may come
/// without words). What the web's statement page shows on hover.
pub fn explain_within(doc: &mut Document) {
    let Ok(date) = chrono::NaiveDate::parse_from_str(&doc.date, "%Y-%m-%d") else {
        return;
    };
    let meta = crate::model::Metadata {
        id: doc.doc_id.clone(),
        publisher: doc.publisher.clone(),
        country: doc.country.clone(),
        kind: doc.kind.clone(),
        lang: doc.lang.clone(),
        date,
        title: doc.title.clone(),
        event: doc.event.clone(),
        url: doc.url.clone(),
        speaker: doc.speaker.clone(),
        translation_of: doc.translation_of.clone(),
        date_source: doc.date_source.clone(),
        notes: doc.notes.clone(),
    };
    let texts: Vec<String> = doc.passages.iter().map(|p| p.text.clone()).collect();
    let why = crate::model::passages::reported_by(&texts, &meta);
    let uncertain = crate::model::passages::uncertain_roles(&texts, &meta);
    for ((p, why), uncertain) in doc.passages.iter_mut().zip(why).zip(uncertain) {
        p.speaker_role_uncertain = uncertain;
        p.reported_by = why
            .into_iter()
            .filter(|(name, _)| p.reported.contains(name))
            .map(|(name, words)| super::documents::ReportedBy { name, words })
            .collect();
    }
}
