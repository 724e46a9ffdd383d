//! Who said it, checked against hand-written tables: every paragraph's speaker,
//! role, label and reported speakers in `fixtures/attribution/*.expected.toml`
//! (the seed fixtures in `seed.expected.toml`).

use std::path::{Path, PathBuf};

use readouts::formats::statement_file;
use readouts::model::Statement;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    number: u64,
    speaker: String,
    role: String,
    label: String,
    reported: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    statement: String,
    passage: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedStatement {
    file: String,
    passage: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedTable {
    statement: Vec<SeedStatement>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every difference between a statement's passages and its table.
fn differences(statement: &Statement, expected: &[Expected], file: &str) -> Vec<String> {
    let mut out = Vec::new();
    if statement.passages.len() != expected.len() {
        out.push(format!(
            "{file}: {} paragraphs, the table has {}",
            statement.passages.len(),
            expected.len()
        ));
    }
    for (p, e) in statement.passages.iter().zip(expected) {
        let got = (
            p.speaker.clone().unwrap_or_default(),
            p.role.map(|r| r.as_str().to_string()).unwrap_or_default(),
            p.label.clone().unwrap_or_default(),
        );
        let want = (e.speaker.clone(), e.role.clone(), e.label.clone());
        if got != want {
            out.push(format!(
                "{file} ¶{}: turn {got:?}, expected {want:?}",
                e.number
            ));
        }
        let mut got_reported = p.reported.clone();
        let mut want_reported = e.reported.clone();
        got_reported.sort();
        want_reported.sort();
        if got_reported != want_reported {
            out.push(format!(
                "{file} ¶{}: reported {:?}, expected {:?}",
                e.number, p.reported, e.reported
            ));
        }
    }
    out
}

#[test]
fn every_seed_paragraph_has_the_speaker_and_reported_speakers_of_the_table() {
    let text = std::fs::read_to_string(fixtures().join("attribution/seed.expected.toml")).unwrap();
    let table: SeedTable = toml::from_str(&text).unwrap();
    assert_eq!(table.statement.len(), 6);
    let mut all = Vec::new();
    for s in &table.statement {
        let statement = statement_file::read(&fixtures().join(&s.file)).unwrap();
        all.extend(differences(&statement, &s.passage, &s.file));
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn every_attribution_fixture_matches_its_table() {
    let dir = fixtures().join("attribution");
    let mut tables: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .filter(|p| !p.ends_with("seed.expected.toml"))
        .collect();
    tables.sort();
    assert!(tables.len() >= 7, "{tables:?}");
    let mut all = Vec::new();
    for path in &tables {
        let table: Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let statement = statement_file::read(&dir.join(&table.statement)).unwrap();
        all.extend(differences(&statement, &table.passage, &table.statement));
    }
    assert!(
        all.is_empty(),
        "{} differences:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// Sentence punctuation, a number standing alone (a time, a count): never
/// in a speaker value. A digit inside an outlet's name is (CCTV4,
/// 法兰西24电视台记者: labels of real briefings, issue 22).
fn is_name_like(speaker: &str) -> bool {
    let number_alone = speaker
        .split(|c: char| c.is_whitespace())
        .any(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
    !speaker.chars().any(|c| "，。；,;.?!？！".contains(c))
        && !number_alone
        && speaker.chars().count() <= 40
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Whatever opens a paragraph — labels, clauses, times, numbers — no
    /// speaker value contains sentence punctuation or a number standing
    /// alone, or runs longer than a name.
    #[test]
    fn no_speaker_value_is_a_sentence_a_number_or_a_time(
        openings in proptest::collection::vec(
            "(Q|A|问|答|追问|Follow-up|Reuters|路透社记者|《环球时报》记者|毛宁|Mao Ning|Prime Minister Takaichi|MS\\. LEAVITT|我想强调几点|Our position is very clear|As of 24|At 10|第一|总之|[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,6}|[一-龥]{1,8}|[A-Za-z0-9 ,.;?!，。；]{1,30})[:：\u{a0}]{1,2}",
            1..12,
        ),
        kind in "(press-conference|spokesperson_qa|interview|readout|statement)",
    ) {
        let body: String = openings
            .iter()
            .map(|o| format!("{o} some words follow here."))
            .collect::<Vec<_>>()
            .join("\n\n");
        let text = format!(
            "+++\npublisher = \"P\"\ncountry = \"CN\"\nkind = \"{kind}\"\nlang = \"en\"\ndate = \"2024-01-01\"\ntitle = \"T\"\nspeaker = \"毛宁\"\n+++\n\n{body}\n"
        );
        let statement = statement_file::parse(Path::new("p.md"), &text).unwrap();
        for p in &statement.passages {
            if let Some(s) = &p.speaker {
                proptest::prop_assert!(is_name_like(s), "speaker {:?} from {:?}", s, p.text);
            }
            for r in &p.reported {
                proptest::prop_assert!(is_name_like(r), "reported {:?}", r);
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    number: u64,
    reported: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelledSet {
    paragraph: Vec<Labelled>,
}

/// Exact-set accuracy of reported speech on a hand-labelled set of real
/// paragraphs: `(exact, labelled, differences)`.
fn reported_accuracy(records: &str, labels: &str) -> (usize, usize, Vec<String>) {
    let dir = fixtures().join("attribution");
    let path = dir.join(records);
    let file = std::fs::File::open(&path).unwrap();
    let statements: Vec<Statement> =
        readouts::formats::jsonl::read(&path, std::io::BufReader::new(file))
            .into_iter()
            .map(Result::unwrap)
            .collect();
    let set: LabelledSet =
        toml::from_str(&std::fs::read_to_string(dir.join(labels)).unwrap()).unwrap();
    let mut exact = 0;
    let mut wrong = Vec::new();
    for l in &set.paragraph {
        let statement = statements.iter().find(|s| s.meta.id == l.id).unwrap();
        let passage = &statement.passages[l.number as usize - 1];
        let mut got = passage.reported.clone();
        let mut want = l.reported.clone();
        got.sort();
        want.sort();
        if got == want {
            exact += 1;
        } else {
            wrong.push(format!(
                "{} ¶{}: {:?}, labelled {:?}",
                l.id, l.number, passage.reported, l.reported
            ));
        }
    }
    (exact, set.paragraph.len(), wrong)
}

/// Measured with `cargo test --test attribution reported_speech -- --nocapture`
/// (the figure is printed); the floor guards what was reached.
#[test]
fn reported_speech_on_real_white_house_readouts() {
    let (exact, labelled, wrong) =
        reported_accuracy("whitehouse-reported.raw", "whitehouse-reported.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("White House readouts: {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 39);
    assert!(accuracy >= 0.9, "{}", wrong.join("\n"));
}

/// The same measure on paragraphs labelled before the code ran on them and
/// never tuned on: `cargo test --test attribution held_out -- --nocapture`.
#[test]
fn reported_speech_on_held_out_white_house_readouts() {
    let (exact, labelled, wrong) =
        reported_accuracy("whitehouse-heldout.raw", "whitehouse-heldout.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("White House readouts, held out: {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 21);
    assert!(accuracy >= 0.85, "{}", wrong.join("\n"));
}

/// Kremlin English news pages, tuned on: `cargo test --test attribution
/// reported_speech -- --nocapture` prints the figure.
#[test]
fn reported_speech_on_real_kremlin_pages() {
    let (exact, labelled, wrong) =
        reported_accuracy("kremlin-en.raw", "kremlin-reported.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("Kremlin English: {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 49);
    assert!(accuracy >= 0.95, "{}", wrong.join("\n"));
}

/// Kremlin English news pages labelled before the code ran on them: held out
/// in the first round of tuning (0.620 → 0.740), tuned on in the second:
/// `cargo test --test attribution held_out -- --nocapture`.
#[test]
fn reported_speech_on_held_out_kremlin_pages() {
    let (exact, labelled, wrong) =
        reported_accuracy("kremlin-en.raw", "kremlin-heldout.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("Kremlin English, held out: {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 50);
    assert!(accuracy >= 0.9, "{}", wrong.join("\n"));
}

/// Chinese news paragraphs (Voice of America), tuned on: `cargo test --test
/// attribution reported_speech -- --nocapture` prints the figure.
#[test]
fn reported_speech_on_real_chinese_news() {
    let (exact, labelled, wrong) = reported_accuracy("voa-zh.raw", "voa-zh-reported.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("Chinese news (VOA): {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 21);
    assert!(accuracy >= 0.95, "{}", wrong.join("\n"));
}

/// Chinese news paragraphs labelled before the code ran on them and never
/// tuned on: `cargo test --test attribution held_out -- --nocapture`.
#[test]
fn reported_speech_on_held_out_chinese_news() {
    let (exact, labelled, wrong) = reported_accuracy("voa-zh.raw", "voa-zh-heldout.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("Chinese news (VOA), held out: {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 16);
    assert!(accuracy >= 0.3, "{}", wrong.join("\n"));
}

/// The second held-out Kremlin set, labelled after the first round of tuning
/// and never tuned on: `cargo test --test attribution held_out -- --nocapture`.
#[test]
fn reported_speech_on_second_held_out_kremlin_pages() {
    let (exact, labelled, wrong) =
        reported_accuracy("kremlin-en-2.raw", "kremlin-heldout-2.labels.toml");
    let accuracy = exact as f64 / labelled as f64;
    println!("Kremlin English, second held-out set: {exact}/{labelled} exact = {accuracy:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(labelled >= 36);
    assert!(accuracy >= 0.7, "{}", wrong.join("\n"));
}
