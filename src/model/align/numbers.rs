//! The numbers a paragraph states, written one way in both languages so that
//! they can anchor a pairing: `24` ⇄ `24`, `120,000` ⇄ `12万`, `1.2 billion`
//! ⇄ `12亿`, `February 15` ⇄ `2月15日` (a month is its number), `fifth` ⇄
//! `第五次`, `二〇二四年` ⇄ `2024`. The value one in words (`one`, `first`,
//! 一个) is left out: it is everywhere and anchors nothing.

/// English number words, cardinal and ordinal, with their values.
const WORDS: [(&str, u64); 50] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
];

/// Months the table above has no room for (`may` is also a verb: only
/// before a number, see [`word`]).
const MORE_MONTHS: [(&str, u64); 2] = [("december", 12), ("sept", 9)];

/// English scale words after a number.
const SCALES: [(&str, f64); 4] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Characters after a Chinese numeral that make it a number (a counter or a
/// unit), not part of a word like 一些 or 统一.
const COUNTERS: &str = "年月日号次届位名轮周岁点时架艘人国天项家条批场所亿万倍";

fn word(w: &str, next: &str) -> Option<f64> {
    if w == "may" {
        return next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
            .then_some(5.0);
    }
    WORDS
        .iter()
        .chain(&MORE_MONTHS)
        .find(|(name, _)| *name == w)
        .map(|&(_, v)| v as f64)
}

fn chinese_digit(c: char) -> Option<u64> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u64)
        .or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// The value of a run of Chinese numerals: `二〇二四` digit by digit, else
/// with 十, 百, 千 as place values (`二十五` = 25, `十二` = 12).
fn chinese_value(run: &[char]) -> u64 {
    if run.len() > 1 && run.iter().all(|&c| chinese_digit(c).is_some()) {
        return run
            .iter()
            .fold(0, |acc, &c| acc * 10 + chinese_digit(c).unwrap_or(0));
    }
    let (mut total, mut digit) = (0, 0);
    for &c in run {
        match c {
            '十' | '百' | '千' => {
                let place = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += digit.max(1) * place;
                digit = 0;
            }
            _ => digit = chinese_digit(c).unwrap_or(0),
        }
    }
    total + digit
}

/// A number as an anchor: an integer without separators, else a decimal.
fn format(value: f64) -> String {
    // 911.7 × 10⁹ is not exactly 9117 × 10⁸ in floating point.
    let whole = value.round();
    if (value - whole).abs() <= 1e-9 * value.abs().max(1.0) && whole.abs() < 1e18 {
        format!("{}", whole as i64)
    } else {
        format!("{value}")
    }
}

/// The scale a number is followed by (`million`, 万, 亿), and how many
/// characters it takes.
fn scale(rest: &[char]) -> Option<(f64, usize)> {
    match rest.first() {
        Some('万') if rest.get(1) == Some(&'亿') => return Some((1e12, 2)),
        Some('万') => return Some((1e4, 1)),
        Some('亿') => return Some((1e8, 1)),
        _ => {}
    }
    let skip = usize::from(rest.first() == Some(&' '));
    let w: String = rest[skip..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    SCALES
        .iter()
        .find(|(name, _)| *name == w)
        .map(|&(_, v)| (v, skip + w.len()))
}

/// Digits with thousands separators and a decimal point: `120,000`, `3.5`.
fn digits(chars: &[char], start: usize) -> (f64, usize) {
    let mut text = String::new();
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        let between = i > start && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() {
            text.push(c);
        } else if c == '.' && between && !text.contains('.') {
            text.push('.');
        } else if c != ',' || !between {
            break;
        }
        i += 1;
    }
    (text.parse().unwrap_or(0.0), i)
}

/// The numbers in a normalised (lower-case, NFKC) text, in order, each once.
pub(super) fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (value, end) = if c.is_ascii_digit() {
            digits(&chars, i)
        } else if is_chinese_numeral(c) {
            let end = i + chars[i..]
                .iter()
                .take_while(|&&c| is_chinese_numeral(c))
                .count();
            let counted = chars.get(end).is_some_and(|n| COUNTERS.contains(*n));
            let ordinal = i > 0 && chars[i - 1] == '第';
            let value = chinese_value(&chars[i..end]) as f64;
            if !(counted || ordinal) || (value == 1.0 && end - i == 1) {
                i = end;
                continue;
            }
            (value, end)
        } else if c.is_ascii_alphabetic() {
            let end = i + chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let w: String = chars[i..end].iter().collect();
            let next: String = chars[end..].iter().skip(1).take(2).collect();
            match word(&w, &next) {
                Some(v) => (v, end),
                None => {
                    i = end;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let (value, end) = match scale(&chars[end..]) {
            Some((factor, taken)) => (value * factor, end + taken),
            None => (value, end),
        };
        let n = format(value);
        if !out.contains(&n) {
            out.push(n);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn both_languages_write_a_number_alike() {
        assert_eq!(
            numbers("from february 15 to 18, 2024, more than 120,000 people"),
            ["2", "15", "18", "2024", "120000"]
        );
        assert_eq!(
            numbers("2024年2月15日至18日，超过12万人"),
            ["2024", "2", "15", "18", "120000"]
        );
        assert_eq!(numbers("二〇二四年十二月二十五日"), ["2024", "12", "25"]);
        assert_eq!(numbers("第五次会议 the fifth meeting"), ["5"]);
        assert_eq!(numbers("1.2 billion yuan, 12亿元"), ["1200000000"]);
        assert_eq!(numbers("911.7 billion, 9117亿"), ["911700000000"]);
        assert_eq!(numbers("3.5%. next"), ["3.5"]);
        assert_eq!(numbers("一些统一的一个 one first"), Vec::<String>::new());
        assert_eq!(numbers("you may go in may 2025"), ["5", "2025"]);
    }
}
