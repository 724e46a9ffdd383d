//! The reference for ingest speed (issue 13): bare tantivy on the same JSON
//! Lines, in a process of its own, as a user of tantivy would write it.
//! One text field per document, stored: tantivy's `default` tokenizer for
//! English, tantivy-jieba for Chinese (`lang` starting with `zh`); JSON
//! parsing included; 128 MB of writer memory per thread; one commit, then
//! waiting for merges.
//!
//! `cargo run --release --example bare_tantivy -- CORPUS.jsonl INDEX_DIR [THREADS]`
//! prints `{"docs": N, "secs": S}`. `bench/run` times it beside `readouts ingest`.

use std::io::BufRead;
use std::time::Instant;

use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, TEXT};
use tantivy::{doc, Index};

#[derive(serde::Deserialize)]
struct Record {
    text: String,
    #[serde(default)]
    lang: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(corpus), Some(dir)) = (args.get(1), args.get(2)) else {
        return Err("usage: bare_tantivy CORPUS.jsonl INDEX_DIR [THREADS]".into());
    };
    let threads: usize = args.get(3).map_or(Ok(2), |t| t.parse())?;
    let started = Instant::now();
    let mut builder = Schema::builder();
    let en = builder.add_text_field("text_en", TEXT | STORED);
    let jieba = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("jieba")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let zh = builder.add_text_field("text_zh", jieba);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, builder.build())?;
    index
        .tokenizers()
        .register("jieba", tantivy_jieba::JiebaTokenizer::new());
    let mut writer = index.writer_with_num_threads(threads, threads * (128 << 20))?;
    let mut docs = 0u64;
    for line in std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(corpus)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line)?;
        let field = if record.lang.starts_with("zh") {
            zh
        } else {
            en
        };
        writer.add_document(doc!(field => record.text))?;
        docs += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "{{\"docs\": {docs}, \"secs\": {:.3}}}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
