//! What a search answers: ranked passages with their statement's
//! attribution, snippet and matched forms. [`Hit`] is also the JSON Lines
//! wire format of `readouts search --json`.

use serde::Serialize;

use super::build::Source;
use super::snippet::Highlighter;
use crate::index::codec::StoredPassage;
use crate::model::align::Method;

/// A query form found in a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MatchedForm {
    /// The form as written in the query or the glossary.
    pub form: String,
    /// True when the form came from expansion (glossary or dictionary), not
    /// from the query.
    pub glossary: bool,
    /// The glossary concept the form belongs to, if any.
    pub concept: Option<String>,
    /// Where the form comes from: `written` (the query), `concept` (a
    /// glossary label) or `dictionary` (the open lexicon, CC-CEDICT: no
    /// concept covers the term; such hits rank after the others).
    #[serde(default)]
    pub source: Source,
}

/// The paragraphs aligned with a hit's in its translation (or original).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct AlignedPassage {
    /// The other statement's id.
    pub doc_id: String,
    /// Its language.
    pub lang: String,
    /// The paragraph numbers aligned with the hit's paragraph: one; two when
    /// the translation splits it (`1-2`); one shared with the hit's
    /// neighbour when it merges them (`2-1`); none when the hit's paragraph
    /// has no counterpart there (`1-0`), or none sure enough.
    pub passages: Vec<u64>,
    /// Their text, joined by a blank line (`""` when none).
    pub text: String,
    /// How the alignment's row pairs them: `1-1`, `1-2`, `2-1` or `1-0`.
    pub method: Method,
    /// How sure the row is, 0..1 ([`crate::model::align::AlignedRow::score`]).
    pub score: f64,
}

/// One matching passage, with its statement's attribution.
///
/// This is also the JSON Lines wire format of `readouts search --json`: one
/// flat object per hit per line, these keys, `null` for absent optional values.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Hit {
    /// Statement id.
    pub doc_id: String,
    /// Paragraph number within the statement, from 1.
    pub passage: u64,
    /// BM25 score (filters add nothing).
    pub score: f32,
    /// Publisher.
    pub publisher: String,
    /// Country code.
    pub country: String,
    /// Kind.
    pub kind: String,
    /// Language tag.
    pub lang: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Statement title.
    pub title: String,
    /// Who speaks the passage.
    pub speaker: Option<String>,
    /// What the speaker does: `asks`, `answers` or `speaks` (`null` in readouts).
    pub speaker_role: Option<String>,
    /// The turn label as written, when this passage opens a turn.
    pub speaker_label: Option<String>,
    /// Whom the passage reports as speaking (`[]` when nobody).
    pub reported: Vec<String>,
    /// Event id.
    pub event: Option<String>,
    /// Source address.
    pub url: Option<String>,
    /// Up to 240 characters around the first match.
    pub snippet: String,
    /// Byte ranges `[start, end)` of matches within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// The same ranges in characters (Unicode code points), as Python and R
    /// slice strings.
    pub highlights_chars: Vec<(usize, usize)>,
    /// The whole passage.
    pub text: String,
    /// Byte ranges `[start, end)` of every match within `text`, sorted, not
    /// overlapping (the concordance's rows, [`super::kwic`]). Not part of the
    /// wire format: `highlights` are the ones within `snippet`.
    #[serde(skip)]
    pub text_matches: Vec<(usize, usize)>,
    /// Source file of the statement (left out when empty: the server
    /// empties it, its answers do not show where its files are).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// Longer words that every occurrence of a Chinese query term in this
    /// passage stood inside (`["中美洲"]` for 中美): the term is there, but
    /// not as a word of its own. `[]` when it stands on its own.
    pub inside: Vec<String>,
    /// Which query forms matched, and whether through the glossary.
    pub matched: Vec<MatchedForm>,
    /// The aligned paragraphs of the translation or original (`--with-translation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<AlignedPassage>,
    /// With `--collapse`: the other statements of this statement's
    /// near-duplicate group (republications of its text), whose hits were
    /// left out; `[]` when it has none. Absent without `--collapse`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<Vec<String>>,
}

/// The answer to a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Passages matching in all (not only this page).
    pub total: usize,
    /// This page of hits.
    pub hits: Vec<Hit>,
}

/// A hit from a decoded stored passage, its score and the highlighter of the query's forms.
pub(crate) fn from_stored(stored: StoredPassage, score: f32, highlighter: &Highlighter) -> Hit {
    let analysis = crate::analysis::Analysis::for_lang(&stored.meta.lang);
    let (snippet, matches) = highlighter.snippet_in(&stored.passage.text, analysis);
    let matched = matches
        .forms
        .iter()
        .map(|&i| {
            let form = &highlighter.forms()[i];
            MatchedForm {
                form: form.label.clone(),
                glossary: form.expanded,
                concept: form.concept.clone(),
                source: form.source,
            }
        })
        .collect();
    let m = stored.meta;
    Hit {
        doc_id: m.id,
        passage: stored.passage.number,
        score,
        publisher: m.publisher,
        country: m.country,
        kind: m.kind,
        lang: m.lang,
        date: m.date.to_string(),
        title: m.title,
        speaker: stored.passage.speaker,
        speaker_role: stored.passage.role.map(|r| r.as_str().to_string()),
        speaker_label: stored.passage.label,
        reported: stored.passage.reported,
        event: m.event,
        url: m.url,
        highlights_chars: snippet
            .highlights
            .iter()
            .map(|&(a, b)| {
                let start = snippet.text[..a].chars().count();
                (start, start + snippet.text[a..b].chars().count())
            })
            .collect(),
        snippet: snippet.text,
        highlights: snippet.highlights,
        text: stored.passage.text,
        text_matches: matches.ranges,
        path: stored.path,
        matched,
        inside: Vec::new(),
        translation: None,
        duplicates: None,
    }
}
