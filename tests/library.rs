//! Library-level behaviour that spans modules (the architecture keeps
//! `ingest` and `query` apart, so tests that need both live here).

use std::collections::BTreeMap;
use std::path::Path;

use readouts::index::{codec, IndexSchema};
use readouts::ingest::reindex::reindex;
use readouts::ingest::{bundled, ingest_statements, IngestOptions};
use readouts::model::glossary::Glossary;
use readouts::query::research::{count, GroupBy};
use readouts::{ReadoutsIndex, SearchRequest};
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::{Index, TantivyDocument};

fn seeded() -> (tempfile::TempDir, ReadoutsIndex) {
    let dir = tempfile::tempdir().unwrap();
    let index = ReadoutsIndex::open_or_create(dir.path()).unwrap();
    ingest_statements(&index, bundled::statements(), &IngestOptions::default()).unwrap();
    (dir, index)
}

/// Every stored passage, decoded through the record codec.
fn stored_passages(index: &ReadoutsIndex) -> Vec<codec::StoredPassage> {
    let searcher = index.searcher().unwrap();
    let addresses = searcher.search(&AllQuery, &DocSetCollector).unwrap();
    addresses
        .into_iter()
        .map(|a| {
            let doc: TantivyDocument = searcher.doc(a).unwrap();
            codec::decode(index.fields(), &doc).unwrap()
        })
        .collect()
}

/// A request matching every passage of the seed (each has a date).
fn every_passage() -> SearchRequest {
    SearchRequest::new("date:[2000-01-01 TO 2100-01-01]")
}

type Key = fn(&codec::StoredPassage) -> Option<String>;

/// Counts on the index's columns equal counts over the decoded stored passages.
#[test]
fn column_counts_equal_stored_counts() {
    let (_dir, index) = seeded();
    let stored = stored_passages(&index);
    let glossary = Glossary::builtin();
    let keys: [(GroupBy, Key); 4] = [
        (GroupBy::Publisher, |s| Some(s.meta.publisher.clone())),
        (GroupBy::Speaker, |s| s.passage.speaker.clone()),
        (GroupBy::Event, |s| s.meta.event.clone()),
        (GroupBy::Month, |s| {
            Some(s.meta.date.format("%Y-%m").to_string())
        }),
    ];
    for (by, key) in keys {
        let mut expected: BTreeMap<String, u64> = BTreeMap::new();
        for s in &stored {
            let k = key(s)
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| "(none)".into());
            *expected.entry(k).or_default() += 1;
        }
        let counted: BTreeMap<String, u64> = count(&index, &every_passage(), by, glossary)
            .unwrap()
            .into_iter()
            .map(|r| (r.key, r.passages))
            .collect();
        assert_eq!(counted, expected, "{by:?}");
    }
    let taiwan = count(
        &index,
        &SearchRequest::new("Taiwan"),
        GroupBy::Lang,
        glossary,
    )
    .unwrap();
    let expected = stored
        .iter()
        .filter(|s| s.passage.text.contains("Taiwan") || s.passage.text.contains("台湾"))
        .count() as u64;
    assert_eq!(taiwan.iter().map(|r| r.passages).sum::<u64>(), expected);
}

/// A crosstab's cells on the index's columns equal counts of the decoded
/// stored passages by both fields, and a passage with two values of a field
/// counts in both cells.
#[test]
fn crosstab_cells_equal_stored_counts() {
    let (_dir, index) = seeded();
    let stored = stored_passages(&index);
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for s in &stored {
        let month = s.meta.date.format("%Y-%m").to_string();
        *expected
            .entry((s.meta.publisher.clone(), month))
            .or_default() += 1;
    }
    let cells = readouts::query::crosstab::crosstab(
        &index,
        &every_passage(),
        [GroupBy::Publisher, GroupBy::Month],
        Glossary::builtin(),
    )
    .unwrap();
    let counted: BTreeMap<(String, String), u64> = cells
        .iter()
        .map(|c| ((c.keys[0].clone(), c.keys[1].clone()), c.row.passages))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(counted, expected);
    // Every passage matches, so each cell is its whole slice.
    assert!(cells.iter().all(|c| c.row.passages == c.row.slice_passages));
}

/// The schema of readouts before columns (v2) were added.
const V1_SCHEMA: &str = include_str!("data/schema-v1.json");

/// An index of schema version 1 (no columns), as an older readouts made it.
fn make_v1_index(dir: &Path) {
    let v1 = IndexSchema::from_json(V1_SCHEMA).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let index = Index::create_in_dir(dir, v1.schema.clone()).unwrap();
    readouts::analysis::register(index.tokenizers());
    let mut writer: tantivy::IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(1, 15_000_000).unwrap();
    for statement in bundled::statements() {
        let mut statement = statement.unwrap();
        // As readouts 0.1 stored it: the statement's speaker on every paragraph,
        // nobody reported; from a source that is gone since.
        for p in &mut statement.passages {
            p.speaker = statement.meta.speaker.clone();
            p.role = None;
            p.label = None;
            p.reported.clear();
        }
        statement.path = format!("vanished/{}.md", statement.meta.id).into();
        let hash = statement.content_hash();
        for doc in codec::encode(&v1.fields, &statement, &hash) {
            writer.add_document(doc).unwrap();
        }
    }
    let mut prepared = writer.prepare_commit().unwrap();
    prepared.set_payload(r#"{"schema_version":1}"#);
    prepared.commit().unwrap();
}

#[test]
fn a_version_1_index_is_refused_then_rebuilt_by_reindex() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    make_v1_index(&path);
    let refused = ReadoutsIndex::open(&path).err().unwrap().to_string();
    assert!(
        refused.contains("schema version 1") && refused.contains("readouts reindex"),
        "{refused}"
    );
    let summary = reindex(&path, false).unwrap();
    assert_eq!((summary.documents, summary.passages), (6, 24));
    let index = ReadoutsIndex::open(&path).unwrap();
    let stats = readouts::stats(&index).unwrap();
    assert_eq!(
        (stats.documents, stats.passages, stats.schema_version),
        (6, 24, 4)
    );
    let hits = readouts::search(&index, &SearchRequest::new("soybeans")).unwrap();
    assert!(hits.total > 0);
    // The v1 index stored the statement's speaker on every readout paragraph;
    // the rebuilt one has today's attribution.
    let great = readouts::search(&index, &SearchRequest::new("\"great leader\"")).unwrap();
    assert_eq!(great.hits[0].speaker, None);
    assert_eq!(great.hits[0].reported, ["Donald Trump"]);
}

/// Collocates are counted per language, and the corpus of each language is
/// every token of its passages (counted here apart, from the stored passages).
#[test]
fn collocates_split_by_language_over_the_whole_corpus_of_each() {
    use readouts::analysis::{word_tokens_with, Analysis, Normalized};
    use readouts::query::collocates::{collocates, g2, Settings};
    let (_dir, index) = seeded();
    let request = SearchRequest::new("taiwan");
    let settings = Settings {
        window: 5,
        min: 1,
        top: 1000,
    };
    let langs = collocates(&index, &request, Glossary::builtin(), settings).unwrap();
    let names: Vec<&str> = langs.iter().map(|l| l.lang.as_str()).collect();
    assert!(names.contains(&"en") && names.contains(&"zh"), "{names:?}");
    let stored = stored_passages(&index);
    for l in &langs {
        let tokens: usize = stored
            .iter()
            .filter(|s| s.meta.lang == l.lang)
            .map(|s| {
                let n = Normalized::new(&s.passage.text);
                word_tokens_with(Analysis::for_lang(&l.lang), &n.text).len()
            })
            .sum();
        assert_eq!(l.corpus_tokens, tokens as u64, "{}", l.lang);
        assert!(l.matches > 0 && l.window_tokens > 0);
        for c in &l.rows {
            assert!(c.observed <= c.corpus && c.corpus <= l.corpus_tokens);
            assert_eq!(
                c.g2,
                g2(c.observed, l.window_tokens, c.corpus, l.corpus_tokens)
            );
            assert!(
                !c.word.contains("taiwan") && !c.word.contains("台湾"),
                "{c:?}"
            );
        }
    }
}
