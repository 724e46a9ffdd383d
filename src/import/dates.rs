//! Dates in text: "November 24", "25 November 2025", "2025-11-25",
//! "11月24日", "2025年11月25日", "令和7年11月25日"; and date lines, lines
//! that are only a date.

use chrono::NaiveDate;

use super::tables::tables;
use super::text::alnum_tokens;

/// A date, its year possibly missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PartialDate {
    pub(super) year: Option<i32>,
    pub(super) month: u32,
    pub(super) day: u32,
}

/// A date as found in the text: what it says, where.
#[derive(Debug, Clone)]
pub(super) struct FoundDate {
    pub(super) date: PartialDate,
    /// The words of the date, as written.
    pub(super) text: String,
    /// 1-based line.
    pub(super) line: usize,
    /// Byte range in the text it was found in.
    pub(super) span: (usize, usize),
}

impl FoundDate {
    /// The day, if the year is known and the date real.
    pub(super) fn full(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.date.year?, self.date.month, self.date.day)
    }
}

fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None; // "may", "march" in lower case are verbs
    }
    tables().dates.months.get(&w.to_lowercase()).copied()
}

/// Leading ASCII digits of a word and what follows them.
fn leading_digits(word: &str) -> (&str, &str) {
    let end = word
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map(|(i, _)| i)
        .unwrap_or(word.len());
    (&word[..end], &word[end..])
}

fn day_of(word: &str) -> Option<u32> {
    let word = word.trim_start_matches(['(', '[']);
    let (digits, rest) = leading_digits(word);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest_ok = rest.is_empty()
        || !rest.chars().next().is_some_and(char::is_alphanumeric)
        || ["st", "nd", "rd", "th"].iter().any(|s| {
            rest.strip_prefix(s)
                .is_some_and(|r| !r.chars().next().is_some_and(char::is_alphanumeric))
        });
    let day: u32 = digits.parse().ok()?;
    (rest_ok && (1..=31).contains(&day)).then_some(day)
}

fn year_of(word: &str) -> Option<i32> {
    let (digits, rest) = leading_digits(word);
    if digits.len() != 4 || rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (1000..=2999).contains(&year).then_some(year)
}

fn trim_date_text(s: &str) -> &str {
    s.trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// "November 24[, 2025]" or "24 November[ 2025]" at word `i`: (month, day,
/// year, words used).
fn words_date(words: &[(usize, &str)], i: usize) -> Option<(u32, u32, Option<i32>, usize)> {
    let w = words[i].1;
    let next = words.get(i + 1).map(|(_, w)| *w)?;
    let (month, day) = match (month_of(w), day_of(next)) {
        (Some(month), Some(day)) => (month, day),
        _ => (month_of(next)?, day_of(w)?),
    };
    let year = words.get(i + 2).and_then(|(_, w)| year_of(w));
    Some((month, day, year, if year.is_some() { 3 } else { 2 }))
}

/// Dates written in English words or ISO form.
pub(super) fn english_dates(text: &str, line: usize) -> Vec<FoundDate> {
    let words = words_with_offsets(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (start, w) = words[i];
        if let Some((month, day, year, n)) = words_date(&words, i) {
            let (last_start, last) = words[i + n - 1];
            let end = last_start + trim_date_text(last).len();
            out.push(FoundDate {
                date: PartialDate { year, month, day },
                text: text.get(start..end).unwrap_or("").to_string(),
                line,
                span: (start, end),
            });
            i += n;
            continue;
        }
        if let Some(d) = iso_date(w) {
            let core = w.trim_matches(|c: char| !c.is_ascii_digit());
            let offset = w.find(core).unwrap_or(0);
            out.push(FoundDate {
                date: d,
                text: core.to_string(),
                line,
                span: (start + offset, start + offset + core.len()),
            });
        }
        i += 1;
    }
    out
}

fn iso_date(word: &str) -> Option<PartialDate> {
    let core = word.trim_matches(|c: char| !c.is_ascii_digit());
    let b = core.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    Some(PartialDate {
        year: Some(core[..4].parse().ok()?),
        month: core[5..7].parse().ok()?,
        day: core[8..10].parse().ok()?,
    })
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Read up to `max` digits before index `end` (exclusive); returns (value, start).
fn digits_before(chars: &[(usize, char)], end: usize, max: usize) -> Option<(u32, usize)> {
    let mut start = end;
    while start > 0 && end - start < max && digit_value(chars[start - 1].1).is_some() {
        start -= 1;
    }
    if start == end || (start > 0 && digit_value(chars[start - 1].1).is_some()) {
        return None;
    }
    let value = chars[start..end]
        .iter()
        .try_fold(0u32, |acc, (_, c)| Some(acc * 10 + digit_value(*c)?))?;
    Some((value, start))
}

/// Up to two digits after index `from` and the index after them.
fn digits_after(chars: &[(usize, char)], from: usize) -> (u32, usize, usize) {
    let mut j = from;
    let mut value = 0u32;
    let mut n = 0;
    while j < chars.len() && n < 2 {
        match digit_value(chars[j].1) {
            Some(d) => {
                value = value * 10 + d;
                n += 1;
                j += 1;
            }
            None => break,
        }
    }
    (value, n, j)
}

/// The year before `年` at index `nian`: four digits, or a Japanese era
/// year (令和7年); returns (year, index where the date starts).
fn cjk_year(chars: &[(usize, char)], nian: usize) -> Option<(i32, usize)> {
    let (y, y_start) = digits_before(chars, nian, 4)?;
    if (1000..=2999).contains(&y) && nian - y_start == 4 {
        return Some((y as i32, y_start));
    }
    if !(1..=99).contains(&y) {
        return None;
    }
    let era = tables().dates.eras.iter().find(|era| {
        let n: Vec<char> = era.name.chars().collect();
        y_start >= n.len()
            && chars[y_start - n.len()..y_start]
                .iter()
                .map(|(_, c)| *c)
                .eq(n.iter().copied())
    })?;
    Some((
        era.first_year - 1 + y as i32,
        y_start - era.name.chars().count(),
    ))
}

/// Dates written with 月 and 日 (or 号), a year before them if any.
pub(super) fn cjk_dates(text: &str, line: usize) -> Vec<FoundDate> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for k in 0..chars.len() {
        if chars[k].1 != '月' {
            continue;
        }
        let Some((month, m_start)) = digits_before(&chars, k, 2) else {
            continue;
        };
        let (day, n, j) = digits_after(&chars, k + 1);
        if n == 0 || j >= chars.len() || !matches!(chars[j].1, '日' | '号') {
            continue;
        }
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            continue;
        }
        let year = (m_start > 0 && chars[m_start - 1].1 == '年')
            .then(|| cjk_year(&chars, m_start - 1))
            .flatten();
        let start = year.map_or(m_start, |(_, s)| s);
        let begin = chars[start].0;
        let end = chars[j].0 + chars[j].1.len_utf8();
        out.push(FoundDate {
            date: PartialDate {
                year: year.map(|(y, _)| y),
                month,
                day,
            },
            text: text.get(begin..end).unwrap_or("").to_string(),
            line,
            span: (begin, end),
        });
    }
    out
}

/// Every date in a text, in order.
pub(super) fn find_dates(text: &str, line: usize) -> Vec<FoundDate> {
    let mut all = english_dates(text, line);
    all.extend(cjk_dates(text, line));
    all.sort_by_key(|d| d.span.0);
    all
}

/// A line that is only a date ("November 25, 2025", "2025年11月25日").
pub(super) fn date_line(text: &str, line: usize) -> Option<FoundDate> {
    if text.chars().count() > 48 {
        return None;
    }
    let dates = find_dates(text, line);
    let [d] = dates.as_slice() else {
        return None;
    };
    let rest = format!(
        "{} {}",
        text.get(..d.span.0).unwrap_or(""),
        text.get(d.span.1..).unwrap_or("")
    );
    let words = &tables().dates;
    let only_date = alnum_tokens(&rest).iter().all(|t| {
        words.weekdays.contains(&t.to_lowercase())
            || t.chars().all(|c| words.date_line_chars.contains(c))
    });
    only_date.then(|| d.clone())
}
