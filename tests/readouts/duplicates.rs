//! Near-duplicates (issue 15, item 4): two republications of one readout
//! (boilerplate, white space and a sentence apart) are linked at ingest and
//! collapsed by `search --collapse`; two different readouts of one call (the
//! Chinese side's and the US side's) are not.

use std::collections::BTreeSet;

use crate::util::*;
use crate::wire::Hit;

const READOUT: [&str; 8] = [
    "On the evening of November 24, President Xi Jinping had a phone call with U.S. President Donald Trump.",
    "Xi said that since the Busan meeting, China-U.S. relations have generally maintained a stable and positive trajectory, which has been welcomed by the two countries and the wider international community.",
    "Xi elaborated on China's principled position on the Taiwan question, stressing that Taiwan's return to China is an integral part of the post-war international order.",
    "Xi noted that China and the United States fought side by side against fascism and militarism, and should work together to safeguard the outcomes of the Second World War.",
    "Trump said that President Xi is a great leader, and that the United States understands how important the Taiwan question is to China.",
    "Trump said he was glad to see the consensus reached in Busan being implemented, and that the two sides had made progress on trade, agriculture and the fight against fentanyl.",
    "The two heads of state also exchanged views on the Ukraine crisis; Xi said China supports all efforts that are conducive to peace and hopes the parties will narrow their differences.",
    "Xi pointed out that when China and the United States cooperate, both benefit, and that the two countries should expand the list of cooperation and shorten the list of problems.",
];

fn xinhua() -> Record {
    Record::new("xinhua-en")
        .publisher("Xinhua News Agency")
        .country("CN")
        .date("2025-11-24")
        .text(&format!(
            "BEIJING, Nov. 24 (Xinhua) -- {}",
            READOUT.join("\n\n")
        ))
}

/// The MFA's republication: its own boilerplate, other white space, one
/// sentence more.
fn mfa() -> Record {
    let mut paragraphs: Vec<String> = READOUT.iter().map(|p| p.replace(". ", ".  ")).collect();
    paragraphs.push("The two heads of state agreed to stay in touch.".into());
    paragraphs
        .push("(Source: Ministry of Foreign Affairs of the People's Republic of China)".into());
    Record::new("mfa-en")
        .publisher("Ministry of Foreign Affairs of the People's Republic of China")
        .country("CN")
        .date("2025-11-25")
        .text(&paragraphs.join("\n\n"))
}

/// The US side's readout of the same call: another text.
fn white_house() -> Record {
    Record::new("wh-en").date("2025-11-24").text(
        "President Trump spoke with President Xi Jinping of China today about trade, \
             fentanyl, Ukraine and the Taiwan question.\n\nThe two leaders agreed that \
             President Trump will visit Beijing in April, and President Xi accepted an \
             invitation for a state visit later in the year.",
    )
}

fn statement_ids(hits: &[Hit]) -> BTreeSet<String> {
    hits.iter().map(|h| h.doc_id.clone()).collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn check_linked_and_collapsed(s: &Sandbox) {
    let all = s.hits(&["Taiwan", "--exact", "--limit", "100"]);
    assert_eq!(statement_ids(&all), set(&["xinhua-en", "mfa-en", "wh-en"]));
    assert!(all.iter().all(|h| h.duplicates.is_none()));
    let collapsed = s.hits(&["Taiwan", "--exact", "--limit", "100", "--collapse"]);
    let kept = statement_ids(&collapsed);
    assert!(kept.contains("wh-en"), "{kept:?}");
    assert_eq!(
        kept.len(),
        2,
        "one of the republications is left out: {kept:?}"
    );
    for h in &collapsed {
        let dups = h.duplicates.clone().unwrap();
        match h.doc_id.as_str() {
            "wh-en" => assert!(dups.is_empty(), "{dups:?}"),
            "xinhua-en" => assert_eq!(dups, ["mfa-en"]),
            "mfa-en" => assert_eq!(dups, ["xinhua-en"]),
            other => panic!("{other}"),
        }
    }
    // Every hit of the kept statement stays.
    let kept_id = kept.iter().find(|id| *id != "wh-en").unwrap();
    let before = all.iter().filter(|h| &h.doc_id == kept_id).count();
    let after = collapsed.iter().filter(|h| &h.doc_id == kept_id).count();
    assert_eq!(before, after);
    // The text output names the duplicates.
    let run = s.run(&[
        "search",
        "Taiwan",
        "--exact",
        "--collapse",
        "--limit",
        "100",
    ]);
    assert!(run.stdout.contains("also published as:"), "{}", run.stdout);
}

#[test]
fn republications_are_linked_in_one_run_and_collapsed() {
    let s = Sandbox::new();
    let run = s.run_with_stdin(
        &["ingest", "-", "--quiet"],
        &json_lines(&[xinhua(), white_house(), mfa()]),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_linked_and_collapsed(&s);
    // A rebuild links them again.
    let run = s.run(&["reindex"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_linked_and_collapsed(&s);
}

#[test]
fn a_republication_ingested_later_joins_the_indexed_one() {
    let s = Sandbox::new();
    for records in [vec![xinhua(), white_house()], vec![mfa()]] {
        let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    check_linked_and_collapsed(&s);
}

#[test]
fn a_translation_and_a_different_text_are_not_linked() {
    let s = Sandbox::new();
    let zh = Record::new("xinhua-zh")
        .lang("zh")
        .text("11月24日晚，国家主席习近平应约同美国总统特朗普通电话。习近平阐明了中方在台湾问题上的原则立场。");
    let run = s.run_with_stdin(
        &["ingest", "-", "--quiet"],
        &json_lines(&[xinhua(), white_house(), zh]),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let collapsed = s.hits(&["Taiwan", "--collapse", "--limit", "100"]);
    assert_eq!(
        statement_ids(&collapsed),
        set(&["xinhua-en", "wh-en", "xinhua-zh"])
    );
    assert!(collapsed
        .iter()
        .all(|h| h.duplicates.as_deref() == Some(&[][..])));
}
