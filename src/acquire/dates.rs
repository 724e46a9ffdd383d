//! Dates as pages write them: `2025-11-24T20:41`, `2025/11/24`,
//! `2025年11月24日`, `令和7年11月25日`, `November 24, 2025`,
//! `24 November 2025`, `24 ноября 2025 года`, Xinhua's `2025 11/24`.
//! Month names and eras are data (`page-profiles.toml`, `[dates]`).

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::profiles::Profiles;

struct Patterns {
    iso: Regex,
    cjk: Regex,
    era: Regex,
    month_first: Regex,
    day_first: Regex,
    xinhua: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("a valid built-in pattern");
        Patterns {
            iso: re(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
            cjk: re(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
            era: re(r"(\p{Han}{2})\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
            month_first: re(r"(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})"),
            day_first: re(r"(\d{1,2})\s+(\p{L}+)\.?,?\s+(\d{4})"),
            xinhua: re(r"(\d{4})\s+(\d{1,2})\s*/\s*(\d{1,2})"),
        }
    })
}

/// Full-width digits as ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)?;
    (crate::model::MIN_DAY..=crate::model::MAX_DAY)
        .contains(&date)
        .then_some(date)
}

/// The first date `text` writes, if any.
pub fn parse(text: &str, tables: &Profiles) -> Option<NaiveDate> {
    let text = ascii_digits(text);
    let p = patterns();
    let month = |name: &str| tables.months.get(&name.to_lowercase()).copied();
    let found = p
        .iso
        .captures(&text)
        .and_then(|c| ymd(&c[1], c[2].parse().ok()?, &c[3]))
        .or_else(|| {
            let c = p.cjk.captures(&text)?;
            ymd(&c[1], c[2].parse().ok()?, &c[3])
        })
        .or_else(|| {
            let c = p.era.captures(&text)?;
            let (_, first) = tables.eras.iter().find(|(name, _)| *name == c[1])?;
            let n: i32 = if &c[2] == "元" {
                1
            } else {
                c[2].parse().ok()?
            };
            ymd(&(first + n - 1).to_string(), c[3].parse().ok()?, &c[4])
        })
        .or_else(|| {
            p.month_first
                .captures_iter(&text)
                .find_map(|c| ymd(&c[3], month(&c[1])?, &c[2]))
        })
        .or_else(|| {
            p.day_first
                .captures_iter(&text)
                .find_map(|c| ymd(&c[3], month(&c[2])?, &c[1]))
        })
        .or_else(|| {
            let c = p.xinhua.captures(&text)?;
            ymd(&c[1], c[2].parse().ok()?, &c[3])
        });
    found
}

/// The date in a URL, by a profile's patterns (groups `y`, `m`, `d`).
pub fn from_url(url: &str, patterns: &[Regex]) -> Option<NaiveDate> {
    patterns.iter().find_map(|re| {
        let c = re.captures(url)?;
        let day = c.name("d").map_or("1", |d| d.as_str());
        ymd(
            c.name("y")?.as_str(),
            c.name("m")?.as_str().parse().ok()?,
            day,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acquire::profiles::profiles;

    #[test]
    fn every_form_reads() {
        let t = profiles();
        let d = |s: &str| parse(s, t).map(|d| d.to_string());
        let want = Some("2025-11-24".to_string());
        for text in [
            "2025-11-24 20:41",
            "2025-11-24T12:00:00+08:00",
            "2025/11/24",
            "2025年11月24日 20:41",
            "２０２５年１１月２４日",
            "令和7年11月24日",
            "November 24, 2025",
            "Nov. 24, 2025",
            "24 November 2025",
            "24 ноября 2025 года, 20:00",
            "2025 11/24 20:56:04",
        ] {
            assert_eq!(d(text), want, "{text}");
        }
        assert_eq!(d("2025-02-30"), None);
        assert_eq!(d("no date here"), None);
        assert_eq!(d("Posted 3 comments 2025"), None);
    }
}
