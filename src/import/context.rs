//! What the whole compilation tells about each statement: full dates for
//! years missing elsewhere, the words used alone (surnames), the US President.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::dates::{find_dates, FoundDate};
use super::names::{is_all_caps, titled_names};
use super::segment::Segment;
use super::tables::tables;
use super::text::alnum_tokens;

/// What the whole compilation tells about each statement.
pub(super) struct Context {
    /// Every date with a year, for years missing elsewhere.
    full_dates: Vec<FoundDate>,
    /// Word positions over the whole compilation, for choosing surnames.
    positions: HashMap<String, Vec<usize>>,
    tokens: Vec<String>,
    /// The US President as named in the compilation, and where.
    pub(super) us_president: Option<(Vec<String>, usize)>,
}

/// A name that names the US President: "U.S. President Donald Trump",
/// "Donald J. Trump, President of the United States".
fn names_us_president(before_title: Option<&str>, after: &[String]) -> bool {
    let names = &tables().names;
    before_title.is_some_and(|b| names.us_before_title.iter().any(|t| t == b))
        || after.join(" ") == names.us_apposition
}

impl Context {
    pub(super) fn new(segments: &[Segment]) -> Context {
        let mut full_dates = Vec::new();
        let mut tokens = Vec::new();
        let mut us: Vec<(Vec<String>, usize)> = Vec::new();
        let mut scan = |text: &str, line: usize| {
            full_dates.extend(
                find_dates(text, line)
                    .into_iter()
                    .filter(|d| d.full().is_some()),
            );
            tokens.extend(alnum_tokens(text).into_iter().map(str::to_string));
            for name in titled_names(text) {
                if names_us_president(name.before_title.as_deref(), &name.after) {
                    us.push((name.words.clone(), line));
                }
            }
        };
        for seg in segments {
            for h in &seg.head {
                scan(&h.text, h.line);
            }
            for p in &seg.body {
                for (i, l) in p.lines.iter().enumerate() {
                    scan(l, p.line + i);
                }
            }
        }
        let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in tokens.iter().enumerate() {
            positions.entry(t.clone()).or_default().push(i);
        }
        // The longest form wins ("Donald J. Trump" over "Trump").
        let us_president = us
            .into_iter()
            .fold(None, |best: Option<(Vec<String>, usize)>, c| match best {
                Some(b) if b.0.len() >= c.0.len() => Some(b),
                _ => Some(c),
            });
        Context {
            full_dates,
            positions,
            tokens,
            us_president,
        }
    }

    /// Resolve a date, taking a missing year from the nearest full date.
    pub(super) fn resolve(&self, found: &FoundDate) -> Option<(NaiveDate, Option<&FoundDate>)> {
        if let Some(d) = found.full() {
            return Some((d, None));
        }
        let near = self
            .full_dates
            .iter()
            .min_by_key(|f| (f.line.abs_diff(found.line), f.line))?;
        let anchor = near.full()?;
        let y = anchor.year();
        let best = [y - 1, y, y + 1]
            .iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(*y, found.date.month, found.date.day))
            .min_by_key(|d| (*d - anchor).num_days().abs())?;
        Some((best, Some(near)))
    }

    /// How often `word` stands alone in the compilation, not next to
    /// another word of `name`.
    fn alone(&self, word: &str, name: &[String]) -> usize {
        let in_name = |j: Option<usize>| {
            j.and_then(|j| self.tokens.get(j))
                .is_some_and(|t| name.iter().any(|n| n.trim_end_matches('.') == t))
        };
        self.positions.get(word).map_or(0, |ps| {
            ps.iter()
                .filter(|&&i| !in_name(i.checked_sub(1)) && !in_name(Some(i + 1)))
                .count()
        })
    }

    /// The word of a name that the text uses alone ("Xi" of "Xi Jinping",
    /// "Trump" of "Donald J. Trump"); an all-capitals word is the surname.
    pub(super) fn surname(&self, name: &[String]) -> Option<String> {
        let words: Vec<String> = name
            .iter()
            .map(|w| w.trim_end_matches('.').to_string())
            .filter(|w| w.chars().count() > 1)
            .collect();
        if let Some(w) = words.iter().find(|w| is_all_caps(w)) {
            return Some(w.clone());
        }
        let mut best: Option<(usize, usize)> = None; // (count, index)
        for (k, w) in words.iter().enumerate() {
            let alone = self.alone(w, name);
            if best.is_none_or(|(c, _)| alone >= c) {
                best = Some((alone, k));
            }
        }
        let surnames = &tables().names.chinese_surnames;
        match best {
            // No word is used alone: Chinese names put the surname first.
            Some((0, _)) if words.len() == 2 && surnames.contains(&words[0]) => {
                Some(words[0].clone())
            }
            _ => best.map(|(_, k)| words[k].clone()),
        }
    }
}
