//! The query language, parsed into an [`Expr`] with positions for error messages.
//!
//! ```text
//! query    := or
//! or       := and ("OR" and)*
//! and      := unary (["AND"] unary)*          (juxtaposition means AND)
//! unary    := ("NOT" | "-" | "+") unary | primary
//! primary  := "(" or ")" | FIELD ":" value | "\"phrase\"" | word
//! value    := word | "\"phrase\"" | "[" from " TO " to "]" | ">=" date | ...
//! ```
//!
//! Fields: `text` (alias `body`), `title`, `publisher`, `country`, `lang`,
//! `kind`, `speaker`, `event`, `id`, `date`. A guard refuses queries over
//! [`MAX_QUERY_BYTES`], deeper than [`MAX_DEPTH`] or with more than
//! [`MAX_LEAVES`] terms before anything reaches tantivy.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses and prefixes accepted.
pub const MAX_DEPTH: usize = 32;
/// Most terms (words, phrases, field values) in one query.
pub const MAX_LEAVES: usize = 256;

/// A field a query term can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryField {
    /// Passage text (the default).
    Text,
    /// Statement title.
    Title,
    /// Publisher: case-insensitive substring.
    Publisher,
    /// Country code.
    Country,
    /// Language tag; `zh` also matches `zh-Hant`.
    Lang,
    /// Kind slug.
    Kind,
    /// Passage speaker: case-insensitive substring.
    Speaker,
    /// Event id.
    Event,
    /// Document id.
    Id,
    /// Publication date.
    Date,
}

impl QueryField {
    /// Every field name the query language knows, for error messages.
    pub const NAMES: &'static str =
        "text, title, publisher, country, lang, kind, speaker, event, id, date";

    fn from_name(name: &str) -> Option<QueryField> {
        Some(match name.to_ascii_lowercase().as_str() {
            "text" | "body" => QueryField::Text,
            "title" => QueryField::Title,
            "publisher" => QueryField::Publisher,
            "country" => QueryField::Country,
            "lang" | "language" => QueryField::Lang,
            "kind" => QueryField::Kind,
            "speaker" => QueryField::Speaker,
            "event" => QueryField::Event,
            "id" | "doc_id" => QueryField::Id,
            "date" => QueryField::Date,
            _ => return None,
        })
    }
}

/// An inclusive date range; `None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Any of these.
    Or(Vec<Expr>),
    /// All the `true` ones, none of the `false` ones.
    And(Vec<(bool, Expr)>),
    /// A word or phrase in a text field, or a value of a metadata field.
    Term {
        /// Which field.
        field: QueryField,
        /// The word, phrase or value as written.
        text: String,
        /// Written in quotes.
        phrase: bool,
        /// 1-based character column, for messages.
        column: usize,
    },
    /// A date range.
    Dates(DateRange),
}

impl Expr {
    /// Every positive term in a text field: what snippets highlight.
    pub fn positive_text_terms(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_terms(true, &mut out);
        out
    }

    /// Every term in a text field, positive or negated.
    pub fn text_terms(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_all_terms(&mut out);
        out
    }

    fn collect_all_terms<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Or(xs) => xs.iter().for_each(|x| x.collect_all_terms(out)),
            Expr::And(xs) => xs.iter().for_each(|(_, x)| x.collect_all_terms(out)),
            Expr::Term {
                field: QueryField::Text | QueryField::Title,
                text,
                ..
            } => out.push(text),
            _ => {}
        }
    }

    fn collect_terms<'a>(&'a self, positive: bool, out: &mut Vec<&'a str>) {
        match self {
            Expr::Or(xs) => xs.iter().for_each(|x| x.collect_terms(positive, out)),
            Expr::And(xs) => xs
                .iter()
                .for_each(|(must, x)| x.collect_terms(positive && *must, out)),
            Expr::Term {
                field: QueryField::Text | QueryField::Title,
                text,
                ..
            } if positive => out.push(text),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
    Word(String),
    Phrase(String),
    Field(QueryField, Box<Tok>),
    Range(DateRange),
}

struct Lexed {
    tok: Tok,
    column: usize,
}

/// Parse a query string.
pub fn parse(query: &str) -> Result<Expr> {
    let fail = |column: usize, reason: String| Error::Query {
        query: query.to_string(),
        column,
        reason,
    };
    if query.len() > MAX_QUERY_BYTES {
        return Err(fail(
            1,
            format!(
                "query is {} bytes; the limit is {MAX_QUERY_BYTES}",
                query.len()
            ),
        ));
    }
    if query.trim().is_empty() {
        return Err(fail(
            1,
            "empty query: give a word, a \"phrase\" or field:value".into(),
        ));
    }
    let tokens = lex(query).map_err(|(c, r)| fail(c, r))?;
    let leaves = tokens
        .iter()
        .filter(|t| matches!(t.tok, Tok::Word(_) | Tok::Phrase(_) | Tok::Field(..)))
        .count();
    if leaves > MAX_LEAVES {
        return Err(fail(
            1,
            format!("{leaves} terms; the limit is {MAX_LEAVES}"),
        ));
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        end_column: query.chars().count() + 1,
    };
    let expr = parser.or(0).map_err(|(c, r)| fail(c, r))?;
    if let Some(t) = parser.tokens.get(parser.at) {
        return Err(fail(t.column, "unmatched `)`".into()));
    }
    check_positive(&expr).map_err(|(c, r)| fail(c, r))?;
    Ok(expr)
}

type Located<T> = std::result::Result<T, (usize, String)>;

fn lex(query: &str) -> Located<Vec<Lexed>> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_break = |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”');
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        // A closing curly quote without its opener separates like a space.
        if c.is_whitespace() || c == '”' {
            i += 1;
            continue;
        }
        let tok = match c {
            '(' => {
                i += 1;
                Tok::Open
            }
            ')' => {
                i += 1;
                Tok::Close
            }
            '"' | '“' => {
                let (text, next) = phrase(&chars, i)?;
                i = next;
                Tok::Phrase(text)
            }
            '+' | '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                i += 1;
                if c == '+' {
                    Tok::Plus
                } else {
                    Tok::Minus
                }
            }
            _ => {
                let start = i;
                while i < chars.len() && !is_break(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                match word.as_str() {
                    "AND" | "&&" => Tok::And,
                    "OR" | "||" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => match field_prefix(&word) {
                        Some((name, value)) => {
                            let field = QueryField::from_name(name).ok_or_else(|| {
                                (
                                    column,
                                    format!(
                                        "unknown field `{name}:` (fields: {})",
                                        QueryField::NAMES
                                    ),
                                )
                            })?;
                            let value_column = column + name.chars().count() + 1;
                            let value = if !value.is_empty() {
                                Tok::Word(value.to_string())
                            } else if matches!(chars.get(i), Some('"' | '“')) {
                                let (text, next) = phrase(&chars, i)?;
                                i = next;
                                Tok::Phrase(text)
                            } else {
                                return Err((value_column, format!("`{name}:` needs a value")));
                            };
                            if field == QueryField::Date {
                                let text = match &value {
                                    Tok::Word(w) | Tok::Phrase(w) => w.clone(),
                                    _ => unreachable!(),
                                };
                                // A range may contain spaces: take up to the closing bracket.
                                let (text, next) = if text.starts_with(['[', '{'])
                                    && !text.ends_with([']', '}'])
                                {
                                    let close =
                                        (i..chars.len()).find(|&k| matches!(chars[k], ']' | '}'));
                                    match close {
                                        Some(k) => (
                                            chars[start + name.chars().count() + 1..=k]
                                                .iter()
                                                .collect(),
                                            k + 1,
                                        ),
                                        None => {
                                            return Err((
                                                value_column,
                                                "date range opened here is not closed by `]`"
                                                    .into(),
                                            ))
                                        }
                                    }
                                } else {
                                    (text, i)
                                };
                                i = next;
                                Tok::Range(date_value(&text).map_err(|r| (value_column, r))?)
                            } else {
                                Tok::Field(field, Box::new(value))
                            }
                        }
                        None => Tok::Word(word),
                    },
                }
            }
        };
        out.push(Lexed { tok, column });
    }
    Ok(out)
}

/// `name:value` where name is letters or `_` (so `10:00` stays a word).
fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once(':')?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        .then_some((name, value))
}

fn phrase(chars: &[char], open: usize) -> Located<(String, usize)> {
    let closer = if chars[open] == '“' { '”' } else { '"' };
    let close = chars[open + 1..]
        .iter()
        .position(|c| *c == closer)
        .map(|p| open + 1 + p)
        .ok_or((open + 1, "unclosed `\"`".to_string()))?;
    Ok((chars[open + 1..close].iter().collect(), close + 1))
}

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

struct Parser {
    tokens: Vec<Lexed>,
    at: usize,
    end_column: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at).map(|t| &t.tok)
    }

    fn column(&self) -> usize {
        self.tokens
            .get(self.at)
            .map_or(self.end_column, |t| t.column)
    }

    fn or(&mut self, depth: usize) -> Located<Expr> {
        let mut branches = vec![self.and(depth)?];
        while self.peek() == Some(&Tok::Or) {
            self.at += 1;
            branches.push(self.and(depth)?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().expect("one")
        } else {
            Expr::Or(branches)
        })
    }

    fn and(&mut self, depth: usize) -> Located<Expr> {
        let mut clauses = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Or) => break,
                Some(Tok::And) => {
                    if clauses.is_empty() {
                        return Err((self.column(), "`AND` needs a term before it".into()));
                    }
                    self.at += 1;
                    if matches!(
                        self.peek(),
                        None | Some(Tok::Close) | Some(Tok::Or) | Some(Tok::And)
                    ) {
                        return Err((self.column(), "`AND` needs a term after it".into()));
                    }
                }
                Some(_) => clauses.push(self.unary(depth)?),
            }
        }
        if clauses.is_empty() {
            let what = match self.peek() {
                Some(Tok::Or) => "`OR` needs a term on both sides",
                Some(Tok::Close) => "empty parentheses or unmatched `)`",
                _ => "expected a term",
            };
            return Err((self.column(), what.into()));
        }
        Ok(if clauses.len() == 1 && clauses[0].0 {
            clauses.pop().expect("one").1
        } else {
            Expr::And(clauses)
        })
    }

    fn unary(&mut self, depth: usize) -> Located<(bool, Expr)> {
        if depth > MAX_DEPTH {
            return Err((
                self.column(),
                format!("nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        match self.peek() {
            Some(Tok::Not) | Some(Tok::Minus) => {
                self.at += 1;
                if matches!(
                    self.peek(),
                    None | Some(Tok::Close) | Some(Tok::Or) | Some(Tok::And)
                ) {
                    return Err((self.column(), "`NOT`/`-` needs a term after it".into()));
                }
                let (_, e) = self.unary(depth + 1)?;
                Ok((false, e))
            }
            Some(Tok::Plus) => {
                self.at += 1;
                let (must, e) = self.unary(depth + 1)?;
                Ok((must, e))
            }
            _ => Ok((true, self.primary(depth)?)),
        }
    }

    fn primary(&mut self, depth: usize) -> Located<Expr> {
        let column = self.column();
        let Some(lexed) = self.tokens.get(self.at) else {
            return Err((column, "expected a term".into()));
        };
        let tok = lexed.tok.clone();
        self.at += 1;
        match tok {
            Tok::Open => {
                if self.peek().is_none() {
                    return Err((column, "`(` is not closed by `)`".into()));
                }
                let inner = self.or(depth + 1)?;
                if self.peek() != Some(&Tok::Close) {
                    return Err((column, "`(` is not closed by `)`".into()));
                }
                self.at += 1;
                Ok(inner)
            }
            Tok::Word(text) => Ok(Expr::Term {
                field: QueryField::Text,
                text,
                phrase: false,
                column,
            }),
            Tok::Phrase(text) => Ok(Expr::Term {
                field: QueryField::Text,
                text,
                phrase: true,
                column,
            }),
            Tok::Field(field, value) => {
                let (text, phrase) = match *value {
                    Tok::Word(w) => (w, false),
                    Tok::Phrase(p) => (p, true),
                    _ => unreachable!("lexer yields words and phrases as field values"),
                };
                Ok(Expr::Term {
                    field,
                    text,
                    phrase,
                    column,
                })
            }
            Tok::Range(range) => Ok(Expr::Dates(range)),
            Tok::Close => Err((column, "unmatched `)`".into())),
            Tok::And | Tok::Or => Err((column, "operator without a term before it".into())),
            Tok::Not | Tok::Plus | Tok::Minus => unreachable!("handled in unary"),
        }
    }
}

/// Every AND group must include something to match, not only exclusions.
fn check_positive(expr: &Expr) -> Located<()> {
    match expr {
        Expr::Or(xs) => xs.iter().try_for_each(check_positive),
        Expr::And(xs) => {
            if !xs.iter().any(|(must, _)| *must) {
                let column = first_column(&xs[0].1);
                return Err((
                    column,
                    "the query only excludes; add a term to match, e.g. `taiwan -ukraine`".into(),
                ));
            }
            xs.iter().try_for_each(|(_, x)| check_positive(x))
        }
        _ => Ok(()),
    }
}

fn first_column(expr: &Expr) -> usize {
    match expr {
        Expr::Term { column, .. } => *column,
        Expr::Or(xs) => xs.first().map_or(1, first_column),
        Expr::And(xs) => xs.first().map_or(1, |(_, x)| first_column(x)),
        Expr::Dates(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, column: usize) -> Expr {
        Expr::Term {
            field: QueryField::Text,
            text: text.into(),
            phrase: false,
            column,
        }
    }

    #[test]
    fn juxtaposition_is_and_and_or_binds_looser() {
        assert_eq!(
            parse("a OR b c").unwrap(),
            Expr::Or(vec![
                term("a", 1),
                Expr::And(vec![(true, term("b", 6)), (true, term("c", 8))])
            ])
        );
        assert_eq!(
            parse("taiwan -ukraine").unwrap(),
            Expr::And(vec![(true, term("taiwan", 1)), (false, term("ukraine", 9))])
        );
    }

    #[test]
    fn fields_phrases_and_dates() {
        let e = parse("speaker:\"Hua Chunying\" title:Xi date:[2025-11-01 TO 2025-11-30] “fascism and militarism”").unwrap();
        let Expr::And(xs) = e else { panic!() };
        assert_eq!(xs.len(), 4);
        assert!(matches!(
            &xs[0].1,
            Expr::Term {
                field: QueryField::Speaker,
                phrase: true,
                ..
            }
        ));
        assert_eq!(
            xs[2].1,
            Expr::Dates(DateRange {
                from: NaiveDate::from_ymd_opt(2025, 11, 1),
                to: NaiveDate::from_ymd_opt(2025, 11, 30)
            })
        );
        assert!(
            matches!(&xs[3].1, Expr::Term { phrase: true, text, .. } if text == "fascism and militarism")
        );
        assert_eq!(
            date_value("2024-02").unwrap().to,
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(
            date_value("<2025").unwrap().to,
            NaiveDate::from_ymd_opt(2024, 12, 31)
        );
        assert_eq!(parse("10:00").unwrap(), term("10:00", 1));
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases = [
            ("a AND", 6, "needs a term after"),
            ("(", 1, "not closed"),
            ("\"abc", 1, "unclosed"),
            ("body:", 6, "needs a value"),
            ("nosuchfield:x", 1, "unknown field"),
            ("date:[a TO", 6, "not closed"),
            ("-a", 2, "only excludes"),
            ("a )", 3, "unmatched"),
            ("OR a", 1, "`OR` needs a term"),
            ("date:2025-02-30", 6, "not a day"),
            ("", 1, "empty query"),
        ];
        for (q, column, reason) in cases {
            match parse(q) {
                Err(Error::Query {
                    column: c,
                    reason: r,
                    ..
                }) => {
                    assert_eq!(c, column, "{q:?}: {r}");
                    assert!(r.contains(reason), "{q:?}: {r}");
                }
                other => panic!("{q:?}: {other:?}"),
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any input parses or gives a located error: no panic, no hang.
        #[test]
        fn any_query_parses_or_errs(q in "[a-z 台湾\"“”()+:\\[\\]{}*<>=-]{0,40}|(AND|OR|NOT|date:|title:|x|\\(|\\)|\"| ){0,12}") {
            if let Err(Error::Query { column, .. }) = parse(&q) {
                proptest::prop_assert!(column >= 1 && column <= q.chars().count() + 1);
            }
        }
    }

    #[test]
    fn the_guard_refuses_pathological_queries() {
        assert!(parse(&format!("{}a{}", "(".repeat(20_000), ")".repeat(20_000))).is_err());
        assert!(parse(&format!("{}a{}", "(".repeat(40), ")".repeat(40))).is_err());
        assert!(parse(&vec!["a"; 10_000].join(" OR ")).is_err());
        assert!(parse(&"x".repeat(100_000)).is_err());
        assert!(parse(&format!("{}a", "-".repeat(100))).is_err());
    }
}
