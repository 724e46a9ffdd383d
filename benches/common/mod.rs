//! Shared by the benches: the corpus, the query set, readouts ingest/search
//! through the library API, and the plain-tantivy baseline.
//!
//! Corpus: `READOUTS_BENCH_CORPUS=path.jsonl` names a JSON Lines corpus (for
//! example one written by `../shared/bench/gen_corpus.py`, whose
//! `path.jsonl.manifest.json` then supplies the expected document counts).
//! Without it, a small corpus is generated in-process (deterministic, with
//! planted needles at known counts), so the smoke mode (`cargo test --benches`)
//! never reads anything outside the repository.
//!
//! Queries: `READOUTS_BENCH_QUERIES=queries.json` replaces the default set
//! (`{"queries": [{"name", "query", "expand", "country", "lang", "plain",
//! "expected_docs"}]}`; `bench/run` writes one for the White House corpus).

#![allow(dead_code)]

use std::path::Path;

use serde::Deserialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use readouts::formats::jsonl;
use readouts::index::{ReadoutsIndex, WRITER_MEMORY_BYTES};
use readouts::ingest::{ingest_statements, IngestOptions};
use readouts::model::glossary::Glossary;
use readouts::query::research::matching_statements;
use readouts::query::{search, Filters, SearchRequest, SearchResults};

/// Names a JSON Lines corpus to use instead of the generated one.
pub const CORPUS_ENV: &str = "READOUTS_BENCH_CORPUS";
/// Names a query-set file to use instead of the default queries.
pub const QUERIES_ENV: &str = "READOUTS_BENCH_QUERIES";

/// A corpus held in memory.
pub struct Corpus {
    /// Where it came from.
    pub name: String,
    /// The JSON Lines bytes.
    pub jsonl: Vec<u8>,
    /// Records (non-blank lines).
    pub docs: usize,
    /// The queries to run on it.
    pub queries: Vec<BenchQuery>,
}

/// One benchmark query.
#[derive(Debug, Clone, Deserialize)]
pub struct BenchQuery {
    /// Short label: rare, common, en_phrase, zh_phrase, filtered, expanded.
    pub name: String,
    /// readouts query syntax.
    pub query: String,
    /// Glossary expansion (`false` = `--exact`).
    #[serde(default)]
    pub expand: bool,
    /// `--country` filter.
    #[serde(default)]
    pub country: Option<String>,
    /// `--lang` filter.
    #[serde(default)]
    pub lang: Option<String>,
    /// `--kind` filter.
    #[serde(default)]
    pub kind: Option<String>,
    /// The same question for the plain baseline's default QueryParser
    /// (derived when absent; none for filtered queries: the baseline has no
    /// metadata fields).
    #[serde(default)]
    pub plain: Option<String>,
    /// Documents (records) that must match, when known.
    #[serde(default)]
    pub expected_docs: Option<usize>,
}

#[derive(Deserialize)]
struct QueryFile {
    queries: Vec<BenchQuery>,
}

impl BenchQuery {
    fn new(name: &str, query: &str, expected_docs: Option<usize>) -> BenchQuery {
        BenchQuery {
            name: name.into(),
            query: query.into(),
            expand: false,
            country: None,
            lang: None,
            kind: None,
            plain: None,
            expected_docs,
        }
    }

    /// The readouts request (top ten, like the CLI).
    pub fn request(&self) -> SearchRequest {
        let mut r = SearchRequest::new(self.query.clone());
        r.expand = self.expand;
        r.filters = Filters {
            country: self.country.clone(),
            lang: self.lang.clone(),
            kind: self.kind.clone(),
            ..Filters::default()
        };
        r
    }

    /// The query string for the plain baseline, if it can ask the same question.
    pub fn plain_query(&self) -> Option<String> {
        if let Some(p) = &self.plain {
            return Some(p.clone());
        }
        if self.country.is_some() || self.lang.is_some() || self.kind.is_some() {
            return None;
        }
        if self.expand {
            let concept = Glossary::builtin().lookup(&self.query)?;
            let names: Vec<String> = concept.names().map(|n| format!("\"{n}\"")).collect();
            return Some(names.join(" OR "));
        }
        Some(self.query.clone())
    }
}

/// The default query set; expected counts come from a generator manifest.
fn default_queries(expected: impl Fn(&str) -> Option<usize>) -> Vec<BenchQuery> {
    vec![
        BenchQuery::new("rare", "vantongeren", expected("rare_name_en")),
        BenchQuery::new("common", "president", None),
        BenchQuery::new(
            "en_phrase",
            "\"taiwan question\"",
            expected("taiwan_question_en"),
        ),
        BenchQuery::new("zh_phrase", "台湾问题", expected("taiwan_question_zh")),
        BenchQuery {
            country: Some("US".into()),
            lang: Some("en".into()),
            ..BenchQuery::new("filtered", "cooperation", None)
        },
        BenchQuery {
            expand: true,
            ..BenchQuery::new("expanded", "Taiwan", None)
        },
    ]
}

/// The corpus named by `READOUTS_BENCH_CORPUS`, else the generated one.
pub fn load() -> Corpus {
    let (name, jsonl, mut queries) = match std::env::var_os(CORPUS_ENV) {
        Some(path) if !path.is_empty() => {
            let path = Path::new(&path).to_path_buf();
            let jsonl = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{CORPUS_ENV}={}: {e}", path.display()));
            let manifest_path = format!("{}.manifest.json", path.display());
            let manifest: Option<serde_json::Value> = std::fs::read(&manifest_path)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let queries = default_queries(|key| {
                manifest.as_ref()?["needles"][key]["docs"]
                    .as_u64()
                    .map(|n| n as usize)
            });
            (path.display().to_string(), jsonl, queries)
        }
        _ => {
            let generated = generate(600, 42);
            let queries = default_queries(|key| {
                generated
                    .expected
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, n)| *n)
            });
            (
                "generated in-process (600 docs, seed 42)".to_string(),
                generated.jsonl,
                queries,
            )
        }
    };
    if let Some(path) = std::env::var_os(QUERIES_ENV).filter(|p| !p.is_empty()) {
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{QUERIES_ENV}={}: {e}", Path::new(&path).display()));
        let file: QueryFile = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{QUERIES_ENV}: bad query file: {e}"));
        queries = file.queries;
    }
    let docs = jsonl
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    Corpus {
        name,
        jsonl,
        docs,
        queries,
    }
}

// ---------------------------------------------------------------------------
// readouts through its library API

/// Create an index in `dir` and ingest the corpus (parse + upsert + commit).
pub fn readouts_ingest(dir: &Path, jsonl: &[u8], threads: usize) -> ReadoutsIndex {
    let index = ReadoutsIndex::open_or_create(dir).expect("create readouts index");
    let statements = jsonl::read(Path::new("bench.jsonl"), jsonl);
    let options = IngestOptions {
        threads: Some(threads),
        ..Default::default()
    };
    let summary = ingest_statements(&index, statements, &options).expect("ingest");
    assert_eq!(
        summary.rejected,
        0,
        "corpus records rejected: {:?}",
        summary.errors.first().map(|e| e.to_string())
    );
    index
}

/// One search as the CLI runs it (top ten with snippets, total count).
pub fn readouts_search(index: &ReadoutsIndex, request: &SearchRequest) -> SearchResults {
    search(index, request).expect("readouts search")
}

/// Distinct statements (records) matching a request.
pub fn readouts_doc_count(index: &ReadoutsIndex, request: &SearchRequest) -> usize {
    matching_statements(index, request, Glossary::builtin()).expect("matching statements")
}

// ---------------------------------------------------------------------------
// plain tantivy: one document per record, one stored text field analysed by
// the readouts words tokenizer, default QueryParser.

/// The plain baseline's index.
pub struct Plain {
    /// The tantivy index.
    pub index: Index,
    /// Its only field.
    pub text: Field,
    reader: IndexReader,
    parser: QueryParser,
}

fn plain_schema() -> (Schema, Field) {
    let mut builder = Schema::builder();
    let text = builder.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(readouts::analysis::WORDS_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored(),
    );
    (builder.build(), text)
}

/// Index the `text` of every record into a new plain index in `dir`
/// (parse JSON, add, one commit), with the same writer budget as readouts.
pub fn plain_ingest(dir: &Path, jsonl: &[u8], threads: usize) -> Plain {
    let (schema, text) = plain_schema();
    let index = Index::create_in_dir(dir, schema).expect("create plain index");
    readouts::analysis::register(index.tokenizers());
    let threads = threads.max(1);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads, WRITER_MEMORY_BYTES.max(threads * (16 << 20)))
        .expect("plain writer");
    for line in jsonl.split(|&b| b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record: serde_json::Value = serde_json::from_slice(line).expect("JSON record");
        let mut doc = TantivyDocument::default();
        doc.add_text(text, record["text"].as_str().unwrap_or_default());
        writer.add_document(doc).expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    Plain::open(index, text)
}

impl Plain {
    fn open(index: Index, text: Field) -> Plain {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .expect("plain reader");
        let mut parser = QueryParser::for_index(&index, vec![text]);
        parser.set_conjunction_by_default();
        Plain {
            index,
            text,
            reader,
            parser,
        }
    }

    /// Parse, count, take the top ten and load their stored documents.
    pub fn search(&self, query: &str) -> (usize, Vec<TantivyDocument>) {
        let query = self.parser.parse_query(query).expect("plain query parses");
        let searcher = self.reader.searcher();
        let (count, top) = searcher
            .search(&query, &(Count, TopDocs::with_limit(10).order_by_score()))
            .expect("plain search");
        let docs = top
            .iter()
            .map(|(_, a)| searcher.doc(*a).expect("stored doc"))
            .collect();
        (count, docs)
    }

    /// Records matching (one document per record).
    pub fn doc_count(&self, query: &str) -> usize {
        self.search(query).0
    }
}

/// Total size of the files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    fn walk(dir: &Path) -> u64 {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| {
                        let path = e.path();
                        match e.metadata() {
                            Ok(m) if m.is_dir() => walk(&path),
                            Ok(m) => m.len(),
                            Err(_) => 0,
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(dir)
}

// ---------------------------------------------------------------------------
// the in-process corpus

/// A generated corpus and the exact number of records holding each needle.
pub struct Generated {
    /// JSON Lines.
    pub jsonl: Vec<u8>,
    /// Needle key (as in gen_corpus.py's manifest) → records.
    pub expected: Vec<(&'static str, usize)>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

// No "question", "aurelio", "vantongeren", "comprehensive": needles cannot
// arise by chance. "taiwan" and "president" do, for the common and expanded
// queries.
const EN_WORDS: &[&str] = &[
    "the",
    "two",
    "sides",
    "agreed",
    "to",
    "deepen",
    "trade",
    "and",
    "security",
    "president",
    "minister",
    "talks",
    "taiwan",
    "cooperation",
    "peace",
    "ukraine",
    "soybeans",
    "fentanyl",
    "phone",
    "call",
    "meeting",
    "leaders",
    "stability",
    "regional",
    "economic",
    "exchange",
    "views",
    "of",
    "on",
    "in",
    "with",
    "said",
    "stressed",
    "that",
    "relations",
    "important",
    "consensus",
    "summit",
    "visit",
    "farmers",
    "tariffs",
    "dialogue",
    "interests",
    "world",
    "development",
    "strategic",
    "partnership",
    "issues",
    "principled",
    "position",
    "talked",
];
// No 台, 问, 伙, 欧, 阳, 明, 轩: needles cannot arise by chance.
const ZH_CHARS: &[&str] = &[
    "中", "美", "双", "方", "同", "意", "深", "化", "合", "作", "关", "系", "习", "近", "平", "特",
    "朗", "普", "通", "电", "话", "两", "国", "元", "首", "会", "晤", "釜", "山", "共", "识", "发",
    "展", "战", "略", "稳", "定", "经", "贸", "交", "流", "表", "示", "重", "要", "世", "界", "和",
    "乌", "克", "兰", "危", "机", "的", "在", "了", "是", "对", "全", "面",
];

fn english_paragraph(rng: &mut Rng) -> String {
    let mut sentences = Vec::new();
    for _ in 0..2 + rng.below(4) {
        let n = 6 + rng.below(14);
        let words: Vec<&str> = (0..n).map(|_| rng.pick(EN_WORDS)).collect();
        let s = words.join(" ");
        sentences.push(format!("{}{}.", s[..1].to_uppercase(), &s[1..]));
    }
    sentences.join(" ")
}

fn chinese_paragraph(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..2 + rng.below(4) {
        for _ in 0..8 + rng.below(30) {
            out.push_str(rng.pick(ZH_CHARS));
        }
        out.push('。');
    }
    out
}

/// A deterministic corpus of `docs` records (~30% Chinese) with needles at
/// fixed strides, in gen_corpus.py's record shape.
pub fn generate(docs: usize, seed: u64) -> Generated {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    let mut counts = [0usize; 6];
    let (mut en_i, mut zh_i) = (0usize, 0usize);
    for i in 0..docs {
        let zh = rng.below(10) < 3;
        let mut paras: Vec<String> = (0..2 + rng.below(4))
            .map(|_| {
                if zh {
                    chinese_paragraph(&mut rng)
                } else {
                    english_paragraph(&mut rng)
                }
            })
            .collect();
        let mut plant = |k: usize, sentence: &str, paras: &mut Vec<String>, rng: &mut Rng| {
            let j = rng.below(paras.len());
            let sep = if zh { "" } else { " " };
            paras[j] = format!("{}{sep}{sentence}", paras[j]);
            counts[k] += 1;
        };
        if zh {
            if zh_i % 12 == 0 {
                plant(1, "双方就台湾问题深入交换了意见。", &mut paras, &mut rng);
            }
            if zh_i % 5 == 1 {
                plant(3, "双方同意深化全面战略伙伴关系。", &mut paras, &mut rng);
            }
            if zh_i % 30 == 7 {
                plant(5, "特使欧阳明轩出席了会谈。", &mut paras, &mut rng);
            }
            zh_i += 1;
        } else {
            if en_i % 15 == 0 {
                plant(
                    0,
                    "Both sides exchanged views on the Taiwan question.",
                    &mut paras,
                    &mut rng,
                );
            }
            if en_i % 5 == 1 {
                plant(
                    2,
                    "They agreed to deepen their comprehensive strategic partnership.",
                    &mut paras,
                    &mut rng,
                );
            }
            if en_i % 60 == 7 {
                plant(
                    4,
                    "Special envoy Aurelio Vantongeren attended the talks.",
                    &mut paras,
                    &mut rng,
                );
            }
            en_i += 1;
        }
        let (publisher, country) = if zh || rng.below(2) == 0 {
            ("Xinhua", "CN")
        } else {
            ("White House", "US")
        };
        let record = serde_json::json!({
            "id": format!("gen{i:07}"),
            "publisher": publisher,
            "country": country,
            "kind": "readout",
            "lang": if zh { "zh" } else { "en" },
            "date": format!("20{:02}-{:02}-{:02}", 15 + rng.below(11), 1 + rng.below(12), 1 + rng.below(28)),
            "title": if zh { "中美元首通电话".to_string() } else { "Readout of a call".to_string() },
            "text": paras.join("\n"),
        });
        out.extend_from_slice(record.to_string().as_bytes());
        out.push(b'\n');
    }
    let keys = [
        "taiwan_question_en",
        "taiwan_question_zh",
        "csp_en",
        "csp_zh",
        "rare_name_en",
        "rare_name_zh",
    ];
    Generated {
        jsonl: out,
        expected: keys.into_iter().zip(counts).collect(),
    }
}
