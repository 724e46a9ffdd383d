//! What a pairing costs: a Gale–Church length model (character lengths in
//! the pair's own ratio) plus anchors both sides share — turn roles,
//! numbers and dates, glossary concepts. Costs are negative log
//! likelihoods: adding them multiplies probabilities.

use std::collections::HashMap;

use super::numbers::numbers;
use super::Side;
use crate::analysis::normalize;
use crate::model::glossary::Glossary;
use crate::model::Role;

/// Prior cost of a 1–1 pairing (Gale & Church: 0.89).
const ONE_ONE: f64 = 0.1165;
/// Prior cost of a 2–1 or 1–2 merge (0.089 between the two).
const MERGE: f64 = 3.112;
/// Cost of a paragraph without counterpart (0.0099 between the two): a
/// constant, so a long dropped paragraph is not forced beside another.
pub(super) const SKIP: f64 = 5.3;
/// Pairing a question with an answer.
const ROLE_MISMATCH: f64 = 15.0;
/// One side opens a turn here, the other continues one.
const TURN_MISMATCH: f64 = 1.5;
/// What a shared anchor found once on each side takes off.
const SHARED: f64 = 3.0;
/// What an anchor of one side only (that the other side has elsewhere) adds.
const ONE_SIDED: f64 = 2.0;
/// Variance of lengths per character (Gale & Church's 6.8 within one
/// language; translations across scripts vary more).
const SAME_LANGUAGE_VARIANCE: f64 = 6.8;
const CROSS_LANGUAGE_VARIANCE: f64 = 20.0;

/// What the model knows of one paragraph.
#[derive(Debug, Clone)]
pub(super) struct Paragraph {
    /// Characters, white space left out.
    pub len: f64,
    pub role: Option<Role>,
    /// The paragraph opens a turn (it has a label).
    pub opens_turn: bool,
    /// Anchor ids, sorted, each once.
    pub anchors: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Anchor {
    Number(String),
    Concept(usize),
}

/// The two sides' paragraphs, their anchors' weights and the length ratio.
#[derive(Debug)]
pub(super) struct Model {
    pub left: Vec<Paragraph>,
    pub right: Vec<Paragraph>,
    /// Per anchor: 1 / the most paragraphs one side has it in; 0 when only
    /// one side has it at all (it cannot be told from a translation's choice).
    weight: Vec<f64>,
    /// Right characters per left character.
    pub ratio: f64,
    variance: f64,
}

fn paragraphs(side: &Side, glossary: &Glossary, ids: &mut HashMap<Anchor, u32>) -> Vec<Paragraph> {
    side.passages
        .iter()
        .map(|p| {
            let text = normalize(&p.text);
            let mut anchors: Vec<u32> = numbers(&text)
                .into_iter()
                .map(Anchor::Number)
                .chain(
                    glossary
                        .mentioned_in(&p.text, Some(side.lang))
                        .into_iter()
                        .map(Anchor::Concept),
                )
                .map(|a| {
                    let next = ids.len() as u32;
                    *ids.entry(a).or_insert(next)
                })
                .collect();
            anchors.sort_unstable();
            anchors.dedup();
            Paragraph {
                len: p.text.chars().filter(|c| !c.is_whitespace()).count() as f64,
                role: p.role,
                opens_turn: p.label.is_some(),
                anchors,
            }
        })
        .collect()
}

fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// `-ln erfc(x)` for `x ≥ 0`, without underflow (Numerical Recipes' erfcc,
/// fractional error under 1.2e-7, taken in logs).
fn neg_ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    -(t.ln() - x * x + poly)
}

/// In a merge, a paragraph with anchors of its own none of which the other
/// side has is not part of it (it was dropped, not merged): each such
/// paragraph costs as much as leaving it without counterpart.
fn orphans(left: &[&Paragraph], right: &[&Paragraph]) -> f64 {
    if left.len() == 1 && right.len() == 1 {
        return 0.0;
    }
    let alone = |group: &[&Paragraph], other: &[&Paragraph]| {
        let theirs = union(other);
        group
            .iter()
            .filter(|p| {
                !p.anchors.is_empty() && p.anchors.iter().all(|a| theirs.binary_search(a).is_err())
            })
            .count() as f64
    };
    SKIP * (alone(left, right) + alone(right, left))
}

/// The union of a group's anchors, sorted.
fn union(group: &[&Paragraph]) -> Vec<u32> {
    let mut all: Vec<u32> = group
        .iter()
        .flat_map(|p| p.anchors.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

impl Model {
    /// The model of two sides; `ratio` as given, else estimated from the
    /// pair itself (all right characters / all left characters).
    pub fn new(left: &Side, right: &Side, glossary: &Glossary, ratio: Option<f64>) -> Model {
        let mut ids = HashMap::new();
        let l = paragraphs(left, glossary, &mut ids);
        let r = paragraphs(right, glossary, &mut ids);
        let mut df = vec![(0usize, 0usize); ids.len()];
        for p in &l {
            p.anchors.iter().for_each(|&a| df[a as usize].0 += 1);
        }
        for p in &r {
            p.anchors.iter().for_each(|&a| df[a as usize].1 += 1);
        }
        let weight = df
            .iter()
            .map(|&(a, b)| {
                if a > 0 && b > 0 {
                    1.0 / a.max(b) as f64
                } else {
                    0.0
                }
            })
            .collect();
        let total = |ps: &[Paragraph]| ps.iter().map(|p| p.len).sum::<f64>();
        let estimated = match (total(&l), total(&r)) {
            (a, b) if a > 0.0 && b > 0.0 => b / a,
            _ => 1.0,
        };
        let variance = if primary(left.lang).eq_ignore_ascii_case(primary(right.lang)) {
            SAME_LANGUAGE_VARIANCE
        } else {
            CROSS_LANGUAGE_VARIANCE
        };
        Model {
            left: l,
            right: r,
            weight,
            ratio: ratio.filter(|r| *r > 0.0).unwrap_or(estimated),
            variance,
        }
    }

    /// Gale–Church: how unlikely these lengths are for a translation, in the
    /// units of the side with more characters.
    pub fn length_cost(&self, left: f64, right: f64) -> f64 {
        let (a, b) = if self.ratio >= 1.0 {
            (left * self.ratio, right)
        } else {
            (left, right / self.ratio)
        };
        let mean = (a + b) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (b - a).abs() / (self.variance * mean).sqrt();
        neg_ln_erfc(delta / std::f64::consts::SQRT_2)
    }

    /// Shared anchors lower the cost, anchors of one side raise it, each by
    /// its weight (an anchor in many paragraphs tells little).
    pub fn anchor_cost(&self, left: &[&Paragraph], right: &[&Paragraph]) -> f64 {
        let (a, b) = (union(left), union(right));
        let (mut i, mut j, mut cost) = (0, 0, 0.0);
        while i < a.len() || j < b.len() {
            match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    cost -= SHARED * self.weight[*x as usize];
                    i += 1;
                    j += 1;
                }
                (Some(x), y) if y.is_none_or(|y| x < y) => {
                    cost += ONE_SIDED * self.weight[*x as usize];
                    i += 1;
                }
                (_, Some(y)) => {
                    cost += ONE_SIDED * self.weight[*y as usize];
                    j += 1;
                }
                _ => break,
            }
        }
        cost
    }

    /// A question beside an answer costs a lot; a turn opening beside a
    /// turn's continuation a little.
    pub fn turn_cost(&self, left: &[&Paragraph], right: &[&Paragraph]) -> f64 {
        let roles = |g: &[&Paragraph]| {
            let known: Vec<Role> = g.iter().filter_map(|p| p.role).collect();
            let asks = known.contains(&Role::Asks);
            (
                !known.is_empty(),
                asks,
                known.iter().any(|r| *r != Role::Asks),
            )
        };
        let (l, r) = (roles(left), roles(right));
        let mut cost = 0.0;
        if l.0 && r.0 && (l.1 != r.1 || l.2 != r.2) {
            cost += ROLE_MISMATCH;
        }
        if l.0 && r.0 && left[0].opens_turn != right[0].opens_turn {
            cost += TURN_MISMATCH;
        }
        cost
    }

    /// The cost of pairing `di` left paragraphs from `i` with `dj` right
    /// paragraphs from `j` (a paragraph without counterpart when one is 0).
    pub fn cost(&self, i: usize, j: usize, di: usize, dj: usize) -> f64 {
        if di == 0 || dj == 0 {
            return SKIP;
        }
        let left: Vec<&Paragraph> = self.left[i..i + di].iter().collect();
        let right: Vec<&Paragraph> = self.right[j..j + dj].iter().collect();
        let prior = if di == 1 && dj == 1 { ONE_ONE } else { MERGE };
        let len = |g: &[&Paragraph]| g.iter().map(|p| p.len).sum::<f64>();
        prior
            + self.length_cost(len(&left), len(&right))
            + self.anchor_cost(&left, &right)
            + self.turn_cost(&left, &right)
            + orphans(&left, &right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_in_logs() {
        assert!(neg_ln_erfc(0.0).abs() < 1e-6);
        // erfc(1) = 0.157299…
        assert!((neg_ln_erfc(1.0) - -(0.157_299_2_f64).ln()).abs() < 1e-5);
        // Far in the tail it still grows, as x².
        assert!(neg_ln_erfc(30.0) > 900.0 && neg_ln_erfc(30.0).is_finite());
    }
}
