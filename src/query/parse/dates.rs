//! Date values in queries and on the command line: `YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`, open bounds and bracketed ranges.

use chrono::{Datelike, NaiveDate};

use super::DateRange;

/// Parse a date value: `2025-11-24`, `2025-11`, `2025`, `>=2025-01-01`,
/// `<2026`, `[2025-01-01 TO 2025-06-30]`, `{* TO 2025}`.
pub fn date_value(text: &str) -> std::result::Result<DateRange, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix(['[', '{']) {
        let lower_inclusive = text.starts_with('[');
        let upper_inclusive = inner.ends_with(']');
        let inner = inner
            .strip_suffix([']', '}'])
            .ok_or("date range is not closed by `]`")?;
        let (a, b) = inner
            .split_once(" TO ")
            .ok_or("date range needs the form [FROM TO UNTIL]")?;
        let from = match a.trim() {
            "*" => None,
            a => Some(if lower_inclusive {
                period(a)?.0
            } else {
                period(a)?.1.succ_opt().ok_or("date out of range")?
            }),
        };
        let to = match b.trim() {
            "*" => None,
            b => Some(if upper_inclusive {
                period(b)?.1
            } else {
                period(b)?.0.pred_opt().ok_or("date out of range")?
            }),
        };
        return Ok(DateRange { from, to });
    }
    for (op, f) in [(">=", 0), ("<=", 1), (">", 2), ("<", 3)] {
        if let Some(rest) = text.strip_prefix(op) {
            let (first, last) = period(rest)?;
            return Ok(match f {
                0 => DateRange {
                    from: Some(first),
                    to: None,
                },
                1 => DateRange {
                    from: None,
                    to: Some(last),
                },
                2 => DateRange {
                    from: last.succ_opt(),
                    to: None,
                },
                _ => DateRange {
                    from: None,
                    to: first.pred_opt(),
                },
            });
        }
    }
    let (first, last) = period(text)?;
    Ok(DateRange {
        from: Some(first),
        to: Some(last),
    })
}

/// First and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn period(text: &str) -> std::result::Result<(NaiveDate, NaiveDate), String> {
    let bad = || format!("{text:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = text.split('-').collect();
    let num = |s: &str, len: usize| -> std::result::Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)? as i32;
            Ok((
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?,
                NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?,
            ))
        }
        [y, m] => {
            let first =
                NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, 1).ok_or_else(bad)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            }
            .ok_or_else(bad)?;
            Ok((first, next.pred_opt().ok_or_else(bad)?))
        }
        [_, _, _] => {
            let d = crate::model::parse_date(text)?;
            Ok((d, d))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_open_bounds() {
        assert_eq!(
            date_value("2024-02").unwrap().to,
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(
            date_value("<2025").unwrap().to,
            NaiveDate::from_ymd_opt(2024, 12, 31)
        );
    }
}
