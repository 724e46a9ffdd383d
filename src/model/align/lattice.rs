//! Dynamic programming over the two paragraph sequences: the cheapest path
//! (Viterbi) and, by forward–backward over every path, how probable each of
//! its steps is. Long pairs are searched in a band around the diagonal.

/// The moves: (left paragraphs, right paragraphs) taken by one step.
pub(super) const MOVES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

/// Pairs with more cells than this are searched in a band.
const FULL_CELLS: usize = 4_000_000;

/// One step of the cheapest path.
#[derive(Debug, Clone, Copy)]
pub(super) struct Step {
    /// First left and right paragraph (0-based).
    pub from: (usize, usize),
    /// How many of each it takes.
    pub take: (usize, usize),
    /// The probability of this very step over all paths.
    pub posterior: f64,
}

/// The cheapest path and what every path says of each paragraph.
#[derive(Debug, Clone)]
pub(super) struct Solution {
    pub path: Vec<Step>,
    /// Per left paragraph: the probability it has no counterpart.
    pub unpaired_left: Vec<f64>,
    /// Per right paragraph: the same.
    pub unpaired_right: Vec<f64>,
}

/// The cells searched: row `i` holds columns `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    cells: usize,
}

impl Band {
    /// Every cell when there are at most `full_cells`, else a band.
    fn new(n: usize, m: usize, full_cells: usize) -> Band {
        let full = (n + 1).saturating_mul(m + 1) <= full_cells;
        let width = 200 + n.abs_diff(m) + m / n.max(1);
        let (mut lo, mut hi, mut offset, mut cells) = (vec![], vec![], vec![], 0);
        for i in 0..=n {
            let centre = (i * m).checked_div(n).unwrap_or(0);
            let (a, b) = if full {
                (0, m)
            } else {
                (centre.saturating_sub(width), (centre + width).min(m))
            };
            lo.push(a);
            hi.push(b);
            offset.push(cells);
            cells += b - a + 1;
        }
        Band {
            lo,
            hi,
            offset,
            cells,
        }
    }

    fn at(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = (*self.lo.get(i)?, self.hi[i]);
        (lo..=hi).contains(&j).then(|| self.offset[i] + j - lo)
    }
}

/// `-ln(e^-a + e^-b)`.
fn soft_min(a: f64, b: f64) -> f64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if hi.is_infinite() {
        return lo;
    }
    lo - (-(hi - lo)).exp().ln_1p()
}

/// Align `n` left with `m` right paragraphs; `cost(i, j, di, dj)` prices
/// the step that takes `di` left paragraphs from `i` and `dj` right ones
/// from `j`.
pub(super) fn solve(
    n: usize,
    m: usize,
    cost: impl Fn(usize, usize, usize, usize) -> f64,
) -> Solution {
    solve_in(Band::new(n, m, FULL_CELLS), n, m, cost)
}

/// The forward pass: every move's cost, the summed (`forward`) and the
/// cheapest (`best`, with the move that reached it) cost of reaching each cell.
struct Forward {
    /// `edge[cell * MOVES.len() + move]`: the cost of the move that ends at the cell.
    edge: Vec<f64>,
    forward: Vec<f64>,
    back: Vec<usize>,
}

fn forward(band: &Band, n: usize, cost: impl Fn(usize, usize, usize, usize) -> f64) -> Forward {
    let k = MOVES.len();
    let mut edge = vec![f64::INFINITY; band.cells * k];
    let mut forward = vec![f64::INFINITY; band.cells];
    let mut best = vec![f64::INFINITY; band.cells];
    let mut back = vec![usize::MAX; band.cells];
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let cell = band.offset[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                forward[cell] = 0.0;
                best[cell] = 0.0;
                continue;
            }
            for (move_no, &(di, dj)) in MOVES.iter().enumerate() {
                let (Some(si), Some(sj)) = (i.checked_sub(di), j.checked_sub(dj)) else {
                    continue;
                };
                let Some(start) = band.at(si, sj) else {
                    continue;
                };
                if best[start].is_infinite() {
                    continue;
                }
                let c = cost(si, sj, di, dj);
                edge[cell * k + move_no] = c;
                forward[cell] = soft_min(forward[cell], forward[start] + c);
                if best[start] + c < best[cell] {
                    best[cell] = best[start] + c;
                    back[cell] = move_no;
                }
            }
        }
    }
    Forward {
        edge,
        forward,
        back,
    }
}

fn solve_in(
    band: Band,
    n: usize,
    m: usize,
    cost: impl Fn(usize, usize, usize, usize) -> f64,
) -> Solution {
    let k = MOVES.len();
    let Forward {
        edge,
        forward,
        back,
    } = forward(&band, n, cost);
    let backward = backward(&band, n, &edge);
    let end = band.at(n, m).unwrap_or(0);
    let total = forward[end];
    let posterior = |cell: usize, move_no: usize, start: usize| {
        (total - forward[start] - edge[cell * k + move_no] - backward[cell]).exp()
    };
    let mut unpaired_left = vec![0.0; n];
    let mut unpaired_right = vec![0.0; m];
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let cell = band.offset[i] + j - band.lo[i];
            if let Some(start) = i.checked_sub(1).and_then(|si| band.at(si, j)) {
                unpaired_left[i - 1] += posterior(cell, 1, start);
            }
            if let Some(start) = j.checked_sub(1).and_then(|sj| band.at(i, sj)) {
                unpaired_right[j - 1] += posterior(cell, 2, start);
            }
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let cell = band.at(i, j).unwrap_or(0);
        let move_no = back[cell];
        let Some(&(di, dj)) = MOVES.get(move_no) else {
            break;
        };
        let (si, sj) = (i - di, j - dj);
        let start = band.at(si, sj).unwrap_or(0);
        path.push(Step {
            from: (si, sj),
            take: (di, dj),
            posterior: posterior(cell, move_no, start).min(1.0),
        });
        (i, j) = (si, sj);
    }
    path.reverse();
    Solution {
        path,
        unpaired_left: unpaired_left.into_iter().map(|p| p.min(1.0)).collect(),
        unpaired_right: unpaired_right.into_iter().map(|p| p.min(1.0)).collect(),
    }
}

/// `backward[cell]`: `-ln` of the summed probability of every path from the
/// cell to the end.
fn backward(band: &Band, n: usize, edge: &[f64]) -> Vec<f64> {
    let k = MOVES.len();
    let mut backward = vec![f64::INFINITY; band.cells];
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let cell = band.offset[i] + j - band.lo[i];
            if i == n && j == band.hi[n] {
                backward[cell] = 0.0;
                continue;
            }
            for (move_no, &(di, dj)) in MOVES.iter().enumerate() {
                let Some(next) = band.at(i + di, j + dj) else {
                    continue;
                };
                let c = edge[next * k + move_no];
                if c.is_finite() {
                    backward[cell] = soft_min(backward[cell], c + backward[next]);
                }
            }
        }
    }
    backward
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cost that wants the diagonal, with one left paragraph (7) that has
    /// no counterpart.
    fn cost(i: usize, j: usize, di: usize, dj: usize) -> f64 {
        let target = if i >= 7 { j + 1 } else { j };
        match (di, dj) {
            (1, 1) if i == target && i != 7 => 0.1,
            (1, 0) if i == 7 => 1.0,
            _ => 12.0,
        }
    }

    #[test]
    fn a_band_finds_what_the_whole_lattice_finds() {
        let (n, m) = (400, 399);
        let whole = solve_in(Band::new(n, m, usize::MAX), n, m, cost);
        let band = solve_in(Band::new(n, m, 0), n, m, cost);
        assert!(Band::new(n, m, 0).cells < (n + 1) * (m + 1));
        let steps = |s: &Solution| -> Vec<_> { s.path.iter().map(|x| (x.from, x.take)).collect() };
        assert_eq!(steps(&whole), steps(&band));
        assert_eq!(whole.path.len(), 400);
        assert_eq!(whole.path[7].take, (1, 0));
        assert!(whole.path.iter().all(|x| x.posterior > 0.99));
        assert!(whole.unpaired_left[7] > 0.99 && whole.unpaired_left[8] < 0.01);
    }
}
