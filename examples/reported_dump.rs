//! Print, for every paragraph of every statement of a JSON Lines file, the
//! persons it reports as speaking (one JSON object a line): a tool to label
//! and measure reported speech on real text.
//!
//! `cargo run --example reported_dump -- FILE.jsonl`

use std::io::BufReader;
use std::path::Path;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: reported_dump FILE.jsonl");
    let file = std::fs::File::open(&path).expect("readable file");
    for statement in readouts::formats::jsonl::read(Path::new(&path), BufReader::new(file)) {
        let Ok(statement) = statement else { continue };
        for p in &statement.passages {
            let line = serde_json::json!({
                "id": statement.meta.id,
                "number": p.number,
                "speaker": p.speaker,
                "role": p.role.map(|r| r.as_str()),
                "reported": p.reported,
                "text": p.text,
            });
            println!("{line}");
        }
    }
}
