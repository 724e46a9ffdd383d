//! The aligner on the seed's Xinhua pair and on small made-up pairs.

use super::*;
use crate::model::Role;

/// The paragraphs of a statement file's body (a readout: no turns).
fn readout(file: &str) -> Vec<Passage> {
    let body = file.splitn(3, "+++").nth(2).unwrap();
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, text)| passage(i as u64 + 1, None, text))
        .collect()
}

fn passage(number: u64, role: Option<Role>, text: &str) -> Passage {
    Passage {
        number,
        speaker: None,
        role,
        label: role.map(|r| r.as_str().to_string()),
        reported: vec![],
        text: text.to_string(),
    }
}

fn shape(rows: &[AlignedRow]) -> Vec<(Vec<u64>, Vec<u64>, &'static str)> {
    rows.iter()
        .map(|r| (r.left.clone(), r.right.clone(), r.method.as_str()))
        .collect()
}

#[test]
fn the_seed_xinhua_pair_aligns_one_to_one() {
    let en = readout(include_str!(
        "../../../fixtures/xinhua-2025-11-24-xi-trump-call-en.md"
    ));
    let zh = readout(include_str!(
        "../../../fixtures/xinhua-2025-11-24-xi-trump-call-zh.md"
    ));
    assert_eq!((en.len(), zh.len()), (5, 5));
    let rows = align(
        Side {
            lang: "en",
            passages: &en,
        },
        Side {
            lang: "zh",
            passages: &zh,
        },
        Glossary::builtin(),
    );
    let expected: Vec<_> = (1..=5).map(|n| (vec![n], vec![n], "1-1")).collect();
    assert_eq!(shape(&rows), expected, "{rows:?}");
    assert!(rows.iter().all(|r| r.score >= 0.9), "{rows:?}");
}

#[test]
fn a_question_is_never_beside_an_answer() {
    let left = [
        passage(
            1,
            Some(Role::Asks),
            "What is China's comment on the report?",
        ),
        passage(
            2,
            Some(Role::Answers),
            "We have noted the report and have no comment.",
        ),
    ];
    // The right side lost the question: its one paragraph is the answer,
    // about as long as the question.
    let right = [passage(
        1,
        Some(Role::Answers),
        "我们注意到有关报道，对此不作评论。",
    )];
    let rows = align(
        Side {
            lang: "en",
            passages: &left,
        },
        Side {
            lang: "zh",
            passages: &right,
        },
        Glossary::builtin(),
    );
    assert!(
        !rows
            .iter()
            .any(|r| r.left.contains(&1) && !r.right.is_empty()),
        "{rows:?}"
    );
}

#[test]
fn empty_sides_give_paragraphs_without_counterpart() {
    let left = [passage(1, None, "One."), passage(2, None, "Two.")];
    let rows = align(
        Side {
            lang: "en",
            passages: &left,
        },
        Side {
            lang: "zh",
            passages: &[],
        },
        Glossary::builtin(),
    );
    assert_eq!(
        shape(&rows),
        [(vec![1], vec![], "1-0"), (vec![2], vec![], "1-0")]
    );
    assert!(align(
        Side {
            lang: "en",
            passages: &[]
        },
        Side {
            lang: "zh",
            passages: &[]
        },
        Glossary::builtin()
    )
    .is_empty());
}
