//! In-process figures through the library API (criterion).
//!
//! - `ingest/readouts/{1,2}`: parse the JSON Lines corpus and ingest it into a
//!   new index with 1 and 2 indexing threads (throughput in bytes of JSONL).
//! - `query/<name>`: warm search latency, top ten with snippets and the total,
//!   as `readouts search` runs it: rare term, common term, English phrase,
//!   Chinese phrase, filtered query, glossary-expanded query.
//!
//! `cargo test --benches` runs each once on a small corpus generated in-process
//! (smoke mode); `cargo bench --bench readouts_api` measures;
//! `READOUTS_BENCH_CORPUS=path.jsonl` swaps in another corpus.
//! The side-by-side comparison with plain tantivy (and p50/p99) is
//! `benches/plain_tantivy.rs`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

fn benches(c: &mut Criterion) {
    let corpus = common::load();
    eprintln!(
        "corpus: {} ({} records, {:.1} MB)",
        corpus.name,
        corpus.docs,
        corpus.jsonl.len() as f64 / 1e6
    );

    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(corpus.jsonl.len() as u64));
    for threads in [1usize, 2] {
        group.bench_function(BenchmarkId::new("readouts", threads), |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("tempdir"),
                |dir| {
                    let index = common::readouts_ingest(dir.path(), &corpus.jsonl, threads);
                    drop(index);
                    dir
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();

    let dir = tempfile::tempdir().expect("tempdir");
    let index = common::readouts_ingest(dir.path(), &corpus.jsonl, 2);
    let mut group = c.benchmark_group("query");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(5));
    for q in &corpus.queries {
        let request = q.request();
        let results = common::readouts_search(&index, &request);
        assert!(
            results.total > 0 || q.expected_docs == Some(0),
            "query {} ({}) found nothing",
            q.name,
            q.query
        );
        group.bench_function(q.name.as_str(), |b| {
            b.iter(|| black_box(common::readouts_search(&index, black_box(&request))))
        });
    }
    group.finish();
}

criterion_group!(api, benches);
criterion_main!(api);
