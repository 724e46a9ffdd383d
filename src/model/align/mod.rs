//! Which paragraph translates which? A statement and its translation rarely
//! keep the same paragraphs: the English of a press conference merges two
//! answers, splits a long one, drops a question. Pairing them by number puts
//! a question about one thing beside an answer about another from the first
//! difference on; this module pairs them by what they say.
//!
//! Gale–Church dynamic programming over the two paragraph sequences, with
//! the moves 1–1, 1–2, 2–1, 1–0 and 0–1: a length model (characters, in the
//! ratio of the pair itself) plus anchors both sides share — turn roles (a
//! question is never beside an answer), numbers and dates (`24` ⇄ `24`,
//! `February 15` ⇄ `2月15日`), glossary concepts (`Philippines` ⇄ 菲律宾).
//! Forward–backward over all paths gives each row its probability; a
//! pairing below [`MIN_SCORE`] is not shown: its paragraphs are given as
//! having no counterpart. Pairs the order-keeping search cannot express (two
//! paragraphs swapped) are recovered afterwards when anchors make them sure.

mod cost;
mod lattice;
mod numbers;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::model::glossary::Glossary;
use crate::model::Passage;
use cost::Model;
use lattice::Solution;

/// Below this probability a pairing is not shown.
pub const MIN_SCORE: f64 = 0.6;

/// How many rows apart two paragraphs left without counterpart may stand
/// and still be paired as swapped.
const SWAP_WINDOW: usize = 4;
/// How much anchor evidence a swapped pairing needs (its anchor cost).
const SWAP_EVIDENCE: f64 = -1.5;

/// One side of an alignment: a statement's paragraphs and its language.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// Language tag (`en`, `zh`, `zh-Hant`).
    pub lang: &'a str,
    /// Paragraphs in order.
    pub passages: &'a [Passage],
}

/// How a row pairs paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// One paragraph each.
    #[serde(rename = "1-1")]
    OneOne,
    /// One left paragraph, split in two on the right.
    #[serde(rename = "1-2")]
    OneTwo,
    /// Two left paragraphs, merged in one on the right.
    #[serde(rename = "2-1")]
    TwoOne,
    /// A left paragraph without counterpart.
    #[serde(rename = "1-0")]
    OneZero,
    /// A right paragraph without counterpart.
    #[serde(rename = "0-1")]
    ZeroOne,
}

impl Method {
    /// `1-1`, `1-2`, `2-1`, `1-0` or `0-1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::OneOne => "1-1",
            Method::OneTwo => "1-2",
            Method::TwoOne => "2-1",
            Method::OneZero => "1-0",
            Method::ZeroOne => "0-1",
        }
    }

    fn of(left: usize, right: usize) -> Method {
        match (left, right) {
            (1, 2) => Method::OneTwo,
            (2, 1) => Method::TwoOne,
            (_, 0) => Method::OneZero,
            (0, _) => Method::ZeroOne,
            _ => Method::OneOne,
        }
    }
}

/// One row of an alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedRow {
    /// Left paragraph numbers (none, one, or two merged).
    pub left: Vec<u64>,
    /// Right paragraph numbers.
    pub right: Vec<u64>,
    /// How sure, 0..1: for a pairing, its probability over all alignments;
    /// for a paragraph without counterpart, the probability that it has none
    /// (low when it was left alone because no pairing was sure enough).
    pub score: f64,
    /// `1-1`, `1-2`, `2-1`, `1-0` or `0-1`.
    pub method: Method,
}

/// What can be changed of an alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Right characters per left character; `None`: estimated from the pair.
    pub ratio: Option<f64>,
    /// Pairings less sure than this are shown as paragraphs without counterpart.
    pub min_score: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            ratio: None,
            min_score: MIN_SCORE,
        }
    }
}

/// A row by paragraph positions (0-based), before numbering.
#[derive(Debug, Clone)]
struct Row {
    left: Vec<usize>,
    right: Vec<usize>,
    score: f64,
}

/// Align two statements' paragraphs (see the module documentation).
pub fn align(left: Side, right: Side, glossary: &Glossary) -> Vec<AlignedRow> {
    align_with(left, right, glossary, &Options::default())
}

/// [`align`] with other [`Options`].
pub fn align_with(
    left: Side,
    right: Side,
    glossary: &Glossary,
    options: &Options,
) -> Vec<AlignedRow> {
    let mut model = Model::new(&left, &right, glossary, options.ratio);
    let solve = |model: &Model| {
        lattice::solve(model.left.len(), model.right.len(), |i, j, di, dj| {
            model.cost(i, j, di, dj)
        })
    };
    let mut solution = solve(&model);
    if options.ratio.is_none() {
        // Dropped paragraphs bias the ratio of the totals: take it again
        // from the pairings the first pass is sure of.
        if let Some(ratio) = sure_ratio(&model, &solution) {
            if (ratio / model.ratio - 1.0).abs() > 0.05 {
                model.ratio = ratio;
                solution = solve(&model);
            }
        }
    }
    let mut rows = rows(&solution, options.min_score);
    swaps(&mut rows, &model, options.min_score);
    let number = |side: &Side, at: &[usize]| -> Vec<u64> {
        at.iter().map(|&i| side.passages[i].number).collect()
    };
    rows.into_iter()
        .map(|r| AlignedRow {
            left: number(&left, &r.left),
            right: number(&right, &r.right),
            score: (r.score.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            method: Method::of(r.left.len(), r.right.len()),
        })
        .collect()
}

/// The ratio of the 1–1 pairings the path is sure of, when there are enough.
fn sure_ratio(model: &Model, solution: &Solution) -> Option<f64> {
    let sure: Vec<(f64, f64)> = solution
        .path
        .iter()
        .filter(|s| s.take == (1, 1) && s.posterior >= 0.9)
        .map(|s| (model.left[s.from.0].len, model.right[s.from.1].len))
        .collect();
    let (l, r) = sure
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    (sure.len() >= 3 && l > 0.0 && r > 0.0).then(|| r / l)
}

/// The path as rows; a pairing below `min_score` becomes its paragraphs,
/// each without counterpart.
fn rows(solution: &Solution, min_score: f64) -> Vec<Row> {
    let mut rows = Vec::new();
    for step in &solution.path {
        let left: Vec<usize> = (step.from.0..step.from.0 + step.take.0).collect();
        let right: Vec<usize> = (step.from.1..step.from.1 + step.take.1).collect();
        if left.is_empty() || right.is_empty() || step.posterior >= min_score {
            rows.push(Row {
                left,
                right,
                score: step.posterior,
            });
            continue;
        }
        for i in left {
            rows.push(Row {
                left: vec![i],
                right: vec![],
                score: solution.unpaired_left[i],
            });
        }
        for j in right {
            rows.push(Row {
                left: vec![],
                right: vec![j],
                score: solution.unpaired_right[j],
            });
        }
    }
    rows
}

/// Pair paragraphs left alone on both sides that were swapped (which the
/// order-keeping search cannot pair): a left and a right one a few rows
/// apart whose anchors agree and who have no other candidate as good. The pair takes the left
/// paragraph's row; its score is the pairing's probability against the
/// other candidates and against leaving both alone.
fn swaps(rows: &mut Vec<Row>, model: &Model, min_score: f64) {
    let alone = |want_left: bool| -> Vec<(usize, usize)> {
        rows.iter()
            .enumerate()
            .filter_map(|(at, r)| match (r.left.as_slice(), r.right.as_slice()) {
                ([i], []) if want_left => Some((at, *i)),
                ([], [j]) if !want_left => Some((at, *j)),
                _ => None,
            })
            .collect()
    };
    let (lefts, rights) = (alone(true), alone(false));
    // Weights e^-cost of every candidate pairing, and of leaving both alone.
    let mut weight = vec![vec![0.0; rights.len()]; lefts.len()];
    for (a, &(ra, i)) in lefts.iter().enumerate() {
        for (b, &(rb, j)) in rights.iter().enumerate() {
            let (l, r) = ([&model.left[i]], [&model.right[j]]);
            if ra.abs_diff(rb) <= SWAP_WINDOW && model.anchor_cost(&l, &r) <= SWAP_EVIDENCE {
                weight[a][b] = (-model.cost(i, j, 1, 1)).exp();
            }
        }
    }
    let alone_weight = (-2.0 * cost::SKIP).exp();
    let mut pairs = Vec::new();
    for (a, row) in weight.iter().enumerate() {
        for (b, &w) in row.iter().enumerate() {
            if w == 0.0 {
                continue;
            }
            let by_left: f64 = row.iter().sum::<f64>() + alone_weight;
            let by_right: f64 = weight.iter().map(|r| r[b]).sum::<f64>() + alone_weight;
            let p = (w / by_left).min(w / by_right);
            if p >= min_score {
                pairs.push((a, b, p));
            }
        }
    }
    let (mut gone, mut used) = (Vec::new(), Vec::new());
    pairs.sort_by(|x, y| y.2.total_cmp(&x.2));
    for (a, b, p) in pairs {
        if used.iter().any(|&(x, y)| x == a || y == b) {
            continue;
        }
        used.push((a, b));
        let ((ra, _), (rb, j)) = (lefts[a], rights[b]);
        rows[ra].right = vec![j];
        rows[ra].score = p;
        gone.push(rb);
    }
    let mut at = 0;
    rows.retain(|_| {
        at += 1;
        !gone.contains(&(at - 1))
    });
}
