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

use chrono::NaiveDate;

use crate::error::{Error, Result};

mod dates;
mod lexer;
mod parser;

pub use dates::{date_value, period};
use lexer::{lex, Tok};
use parser::parse_tokens;

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
    /// Passage speaker (a turn's or a statement's): the person a name stands
    /// for (any script, any title), else a case-insensitive substring.
    Speaker,
    /// A person the passage reports as speaking, matched like `Speaker`.
    Reported,
    /// The speaker's role: asks, answers or speaks.
    Role,
    /// Event id.
    Event,
    /// Document id.
    Id,
    /// Publication date.
    Date,
}

/// The query a command line's arguments mean. Several arguments are words
/// (AND-ed: `search trade war` finds both words anywhere); a single argument
/// that holds spaces and no query syntax is a phrase, because that is what a
/// shell-quoted argument was (`search "core interests"` = `search '"core
/// interests"'`). Syntax means quotes, parentheses, a `field:` prefix, a
/// leading `-`, or an upper-case `AND`/`OR`/`NOT`.
pub fn query_from_args(args: &[String]) -> String {
    let [only] = args else {
        return args.join(" ");
    };
    let words: Vec<&str> = only.split_whitespace().collect();
    let syntax = only.contains(['"', '“', '”', '(', ')', ':', '[', ']', '{', '}'])
        || words
            .iter()
            .any(|w| w.starts_with('-') || matches!(*w, "AND" | "OR" | "NOT"));
    if words.len() > 1 && !syntax {
        format!("\"{}\"", words.join(" "))
    } else {
        only.clone()
    }
}

impl QueryField {
    /// Every field name the query language knows, for error messages.
    pub const NAMES: &'static str =
        "text, title, publisher, country, lang, kind, speaker, reported, role, event, id, date";

    fn from_name(name: &str) -> Option<QueryField> {
        Some(match name.to_ascii_lowercase().as_str() {
            "text" | "body" => QueryField::Text,
            "title" => QueryField::Title,
            "publisher" => QueryField::Publisher,
            "country" => QueryField::Country,
            "lang" | "language" => QueryField::Lang,
            "kind" => QueryField::Kind,
            "speaker" => QueryField::Speaker,
            "reported" => QueryField::Reported,
            "role" => QueryField::Role,
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
    parse_tokens(tokens, query.chars().count() + 1).map_err(|(c, r)| fail(c, r))
}

/// A result whose error is a 1-based column and a reason.
type Located<T> = std::result::Result<T, (usize, String)>;

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
