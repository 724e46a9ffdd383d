//! Side by side, same corpus, same queries, same run: readouts (library API)
//! against plain tantivy with the same words analyzer and nothing else (one
//! stored text field per record, no metadata, no bigram field, the default
//! QueryParser with AND as the default conjunction).
//!
//! Ingest: rounds of {readouts, plain} × {1, 2} threads, the order of the two
//! alternating between rounds; median MB/s and docs/s, index size ÷ corpus size.
//! Queries: after a warm-up, iterations of every query on both, interleaved
//! (order alternating); p50 and p99 per query. Document counts are checked
//! against the expected counts (the generator's manifest).
//!
//! `cargo test --benches`: smoke mode (in-process corpus, one round, one
//! iteration; fails if readouts' counts are wrong).
//! `cargo bench --bench plain_tantivy`: measures. Knobs:
//! `READOUTS_BENCH_CORPUS=path.jsonl`, `READOUTS_BENCH_QUERIES=queries.json`,
//! `READOUTS_BENCH_ROUNDS` (ingest rounds, default 3; 0 skips the ingest timing),
//! `READOUTS_BENCH_ITERS` (query iterations, default 300),
//! `READOUTS_BENCH_JSON=out.json` (write the figures as JSON too),
//! `READOUTS_BENCH_ONLY=readouts|plain` (time one side only, for a profiler).

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use readouts::analysis::{CJK_BIGRAMS_TOKENIZER, WORDS_TOKENIZER};
use readouts::query::snippet::Highlighter;
use serde_json::json;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Nearest-rank percentile of durations, in microseconds.
fn percentile_us(xs: &[Duration], p: f64) -> f64 {
    let mut v: Vec<Duration> = xs.to_vec();
    v.sort();
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    v[rank.min(v.len()) - 1].as_secs_f64() * 1e6
}

fn main() {
    // First thing, before anything loads it: what every `readouts search`
    // process pays to parse the built-in glossary (even with --exact).
    let t = Instant::now();
    black_box(readouts::model::glossary::Glossary::builtin());
    let glossary_ms = t.elapsed().as_secs_f64() * 1e3;
    let bench = std::env::args().any(|a| a == "--bench");
    let rounds = env_usize("READOUTS_BENCH_ROUNDS", if bench { 3 } else { 1 });
    // For profiling one side alone: READOUTS_BENCH_ONLY=readouts or plain.
    let only = std::env::var("READOUTS_BENCH_ONLY").unwrap_or_default();
    let runs = |system: usize| only.is_empty() || only == ["readouts", "plain"][system];
    let iters = env_usize("READOUTS_BENCH_ITERS", if bench { 300 } else { 1 }).max(1);
    let corpus = common::load();
    let mb = corpus.jsonl.len() as f64 / 1e6;
    println!(
        "corpus: {} — {} records, {:.1} MB; mode: {}; {} ingest rounds, {} query iterations",
        corpus.name,
        corpus.docs,
        mb,
        if bench { "bench" } else { "smoke" },
        rounds,
        iters
    );
    println!("first Glossary::builtin() (parses the built-in glossary): {glossary_ms:.2} ms");
    let mut passed = 0usize;

    // ---- ingest, interleaved
    let mut secs: [[Vec<f64>; 2]; 2] = Default::default(); // [system][threads-1]
    for round in 0..rounds {
        for threads in [1usize, 2] {
            let order: [usize; 2] = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for system in order.into_iter().filter(|&s| runs(s)) {
                let dir = tempfile::tempdir().expect("tempdir");
                let start = Instant::now();
                if system == 0 {
                    let index = common::readouts_ingest(dir.path(), &corpus.jsonl, threads);
                    secs[0][threads - 1].push(start.elapsed().as_secs_f64());
                    drop(index);
                } else {
                    let plain = common::plain_ingest(dir.path(), &corpus.jsonl, threads);
                    secs[1][threads - 1].push(start.elapsed().as_secs_f64());
                    drop(plain);
                }
                eprintln!(
                    "  ingest round {round} {} threads={threads}: {:.2} s",
                    ["readouts", "plain"][system],
                    secs[system][threads - 1].last().unwrap()
                );
                drop(dir);
            }
        }
        passed += 1;
    }
    // The indexes queried below (2 threads).
    let rdir = tempfile::tempdir().expect("tempdir");
    let pdir = tempfile::tempdir().expect("tempdir");
    let index = common::readouts_ingest(rdir.path(), &corpus.jsonl, 2);
    let plain = common::plain_ingest(pdir.path(), &corpus.jsonl, 2);
    let rsize = common::dir_size(rdir.path()) as f64;
    let psize = common::dir_size(pdir.path()) as f64;

    println!();
    println!("| ingest | threads | readouts MB/s | plain MB/s | readouts docs/s | plain docs/s | readouts ÷ plain (target ≥ 0.6) |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut ingest_json = Vec::new();
    for threads in [1usize, 2] {
        let r = median(&secs[0][threads - 1]);
        let p = median(&secs[1][threads - 1]);
        let ratio = p / r;
        println!(
            "| median of {rounds} | {threads} | {:.2} | {:.2} | {:.0} | {:.0} | {:.2} |",
            mb / r,
            mb / p,
            corpus.docs as f64 / r,
            corpus.docs as f64 / p,
            ratio
        );
        ingest_json.push(json!({
            "threads": threads,
            "readouts_secs": secs[0][threads - 1],
            "plain_secs": secs[1][threads - 1],
            "readouts_mb_s": mb / r,
            "plain_mb_s": mb / p,
            "readouts_docs_s": corpus.docs as f64 / r,
            "plain_docs_s": corpus.docs as f64 / p,
            "ratio": ratio,
        }));
    }
    println!();
    println!(
        "index size ÷ corpus size: readouts {:.2} ({:.1} MB), plain {:.2} ({:.1} MB)",
        rsize / corpus.jsonl.len() as f64,
        rsize / 1e6,
        psize / corpus.jsonl.len() as f64,
        psize / 1e6
    );

    // ---- counts
    println!();
    println!(
        "| query | readouts query | expected docs | readouts docs | plain query | plain docs |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut failures = Vec::new();
    let mut count_json = Vec::new();
    for q in &corpus.queries {
        let request = q.request();
        let got = common::readouts_doc_count(&index, &request);
        let plain_query = q.plain_query();
        let plain_got = plain_query.as_deref().map(|pq| plain.doc_count(pq));
        let mark = |n: usize| match q.expected_docs {
            Some(e) if e != n => format!("{n} ≠ {e}"),
            _ => n.to_string(),
        };
        let mut rq = q.query.clone();
        if !q.expand {
            rq.push_str(" --exact");
        }
        for (k, v) in [
            ("--country", &q.country),
            ("--lang", &q.lang),
            ("--kind", &q.kind),
        ] {
            if let Some(v) = v {
                rq.push_str(&format!(" {k} {v}"));
            }
        }
        println!(
            "| {} | `{}` | {} | {} | {} | {} |",
            q.name,
            rq,
            q.expected_docs.map_or("–".into(), |e| e.to_string()),
            mark(got),
            plain_query
                .as_deref()
                .map_or("n/a".into(), |p| format!("`{p}`")),
            plain_got.map_or("n/a".into(), mark),
        );
        match q.expected_docs {
            Some(e) if e != got => failures.push(format!(
                "readouts found {got} documents for {} ({}), expected {e}",
                q.name, q.query
            )),
            None if got == 0 => failures.push(format!("readouts found nothing for {}", q.name)),
            _ => passed += 1,
        }
        count_json.push(json!({
            "name": q.name, "query": q.query, "expand": q.expand,
            "expected_docs": q.expected_docs, "readouts_docs": got,
            "plain_query": plain_query, "plain_docs": plain_got,
        }));
    }

    // ---- warm query latency, interleaved
    let prepared: Vec<_> = corpus
        .queries
        .iter()
        .map(|q| (q.request(), q.plain_query()))
        .collect();
    for _ in 0..3 {
        for (request, plain_query) in &prepared {
            black_box(common::readouts_search(&index, request));
            if let Some(pq) = plain_query {
                black_box(plain.search(pq));
            }
        }
    }
    let mut lat: Vec<[Vec<Duration>; 2]> = vec![Default::default(); prepared.len()];
    for it in 0..iters {
        for (i, (request, plain_query)) in prepared.iter().enumerate() {
            let order: [usize; 2] = if it % 2 == 0 { [0, 1] } else { [1, 0] };
            for system in order.into_iter().filter(|&s| runs(s)) {
                if system == 0 {
                    let t = Instant::now();
                    black_box(common::readouts_search(&index, black_box(request)));
                    lat[i][0].push(t.elapsed());
                } else if let Some(pq) = plain_query {
                    let t = Instant::now();
                    black_box(plain.search(black_box(pq)));
                    lat[i][1].push(t.elapsed());
                }
            }
        }
    }
    println!();
    println!("| warm query ({iters} iterations) | readouts p50 µs | readouts p99 µs | plain p50 µs | plain p99 µs | p50 readouts ÷ plain (target ≤ 1.5) |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut query_json = Vec::new();
    for (q, l) in corpus.queries.iter().zip(&lat) {
        let (r50, r99) = (percentile_us(&l[0], 50.0), percentile_us(&l[0], 99.0));
        let (p50, p99) = (percentile_us(&l[1], 50.0), percentile_us(&l[1], 99.0));
        let fmt = |x: f64| {
            if x.is_nan() {
                "n/a".to_string()
            } else {
                format!("{x:.0}")
            }
        };
        let ratio = r50 / p50;
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            q.name,
            fmt(r50),
            fmt(r99),
            fmt(p50),
            fmt(p99),
            if ratio.is_nan() {
                "n/a".into()
            } else {
                format!("{ratio:.2}")
            }
        );
        query_json.push(json!({
            "name": q.name, "readouts_p50_us": r50, "readouts_p99_us": r99,
            "plain_p50_us": (!p50.is_nan()).then_some(p50),
            "plain_p99_us": (!p99.is_nan()).then_some(p99),
        }));
        passed += 1;
    }

    // ---- where readouts' query time goes: two parts `search` redoes on every
    // call, timed alone through the public API (interleaved like the above).
    let mut searcher_lat = Vec::new();
    let highlighters: Vec<_> = corpus
        .queries
        .iter()
        .map(|q| {
            let hits = common::readouts_search(&index, &q.request()).hits;
            let texts: Vec<String> = hits.into_iter().map(|h| h.text).collect();
            let term = q.query.trim_matches('"').to_string();
            (Highlighter::for_terms([term.as_str()]), texts, q.expand)
        })
        .collect();
    let mut snippet_lat: Vec<Vec<Duration>> = vec![Vec::new(); highlighters.len()];
    for _ in 0..iters {
        let t = Instant::now();
        black_box(index.searcher().expect("searcher"));
        searcher_lat.push(t.elapsed());
        for (i, (h, texts, _)) in highlighters.iter().enumerate() {
            let t = Instant::now();
            for text in texts {
                black_box(h.snippet(black_box(text)));
            }
            snippet_lat[i].push(t.elapsed());
        }
    }
    let searcher_p50 = percentile_us(&searcher_lat, 50.0);
    println!();
    println!(
        "where readouts' time goes: `ReadoutsIndex::searcher()` (a new IndexReader per search) p50 {searcher_p50:.0} µs;"
    );
    println!("snippets of the hits (`Highlighter::snippet` on each hit's passage) p50 per query:");
    let mut breakdown_json = Vec::new();
    for (q, (lat, (_, texts, expand))) in corpus
        .queries
        .iter()
        .zip(snippet_lat.iter().zip(&highlighters))
    {
        let s50 = percentile_us(lat, 50.0);
        println!(
            "  {}: {s50:.0} µs for {} hits{}",
            q.name,
            texts.len(),
            if *expand {
                " (query terms only, without the glossary forms)"
            } else {
                ""
            }
        );
        breakdown_json.push(json!({"name": q.name, "snippets_p50_us": s50, "hits": texts.len()}));
    }
    passed += 1;

    // ---- where readouts' ingest time goes: the analysis it does per passage,
    // one thread, timed alone (the index writer runs the same analyzers).
    let t = Instant::now();
    let statements: Vec<_> =
        readouts::formats::jsonl::read(Path::new("b.jsonl"), &corpus.jsonl[..])
            .into_iter()
            .map(|s| s.expect("record parses"))
            .collect();
    let parse_s = t.elapsed().as_secs_f64();
    let tokenizers = index.index.tokenizers();
    let mut words = tokenizers.get(WORDS_TOKENIZER).expect("words analyzer");
    let mut bigrams = tokenizers
        .get(CJK_BIGRAMS_TOKENIZER)
        .expect("bigram analyzer");
    let run = |analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str| {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            black_box(stream.token());
        }
    };
    let may_hold_cjk = |text: &str| text.chars().any(|c| c as u32 >= 0x2E80);
    // words on text, bigrams on text, bigrams on text that may hold CJK, title
    let mut analysis = [0f64; 4];
    let passages: usize = statements.iter().map(|s| s.passages.len()).sum();
    for s in &statements {
        for p in &s.passages {
            let t = Instant::now();
            run(&mut words, &p.text);
            analysis[0] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            run(&mut bigrams, &p.text);
            let dt = t.elapsed().as_secs_f64();
            analysis[1] += dt;
            if may_hold_cjk(&p.text) {
                analysis[2] += dt;
            }
            let t = Instant::now();
            run(&mut words, &s.meta.title);
            run(&mut bigrams, &s.meta.title);
            analysis[3] += t.elapsed().as_secs_f64();
        }
    }
    let r1 = median(&secs[0][0]);
    println!();
    println!(
        "where readouts' ingest time goes (one thread, {} statements, {passages} passages; readouts ingest, 1 thread: {r1:.2} s):",
        statements.len()
    );
    println!("  parse JSON Lines into statements (readouts::formats::jsonl::read): {parse_s:.2} s");
    println!(
        "  words analyzer on the passages: {:.2} s (plain tantivy runs this one only)",
        analysis[0]
    );
    println!(
        "  CJK-bigram analyzer on the passages: {:.2} s, of which {:.2} s on passages with no character ≥ U+2E80 (no CJK possible after NFKC)",
        analysis[1],
        analysis[1] - analysis[2]
    );
    println!(
        "  words + bigram analyzers on the title, once per passage: {:.2} s",
        analysis[3]
    );
    let analysis_json = json!({
        "statements": statements.len(), "passages": passages, "parse_s": parse_s,
        "words_passages_s": analysis[0], "bigrams_passages_s": analysis[1],
        "bigrams_passages_without_cjk_s": analysis[1] - analysis[2],
        "title_per_passage_s": analysis[3],
    });
    drop(statements);
    passed += 1;

    if let Some(path) = std::env::var_os("READOUTS_BENCH_JSON").filter(|p| !p.is_empty()) {
        let out = json!({
            "corpus": corpus.name, "bytes": corpus.jsonl.len(), "records": corpus.docs,
            "rounds": rounds, "iters": iters,
            "ingest": ingest_json,
            "index_bytes": {"readouts": rsize, "plain": psize},
            "counts": count_json,
            "queries": query_json,
            "searcher_p50_us": searcher_p50,
            "snippets": breakdown_json,
            "ingest_analysis": analysis_json,
            "glossary_ms": glossary_ms,
        });
        std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap()).expect("write JSON");
    }
    println!();
    for f in &failures {
        println!("FAILED: {f}");
    }
    println!(
        "plain_tantivy {}: {passed} passed, {} failed",
        if bench { "bench" } else { "smoke" },
        failures.len()
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
