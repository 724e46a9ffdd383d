//! Tokens and the lexer: the query string cut into words, phrases, field
//! values, date ranges, parentheses and operators, each with its column.

use super::dates::date_value;
use super::{DateRange, Located, QueryField};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
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

pub(super) struct Lexed {
    pub(super) tok: Tok,
    /// 1-based character column where the token starts.
    pub(super) column: usize,
}

/// Cut `query` into tokens.
pub(super) fn lex(query: &str) -> Located<Vec<Lexed>> {
    let mut lexer = Lexer {
        chars: query.chars().collect(),
        at: 0,
    };
    let mut out = Vec::new();
    while let Some(&c) = lexer.chars.get(lexer.at) {
        let column = lexer.at + 1;
        // A closing curly quote without its opener separates like a space.
        if c.is_whitespace() || c == '”' {
            lexer.at += 1;
            continue;
        }
        let tok = lexer.token(c)?;
        out.push(Lexed { tok, column });
    }
    Ok(out)
}

/// Characters that end a word.
fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”')
}

/// `name:value` where name is letters or `_` (so `10:00` stays a word).
fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once(':')?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        .then_some((name, value))
}

struct Lexer {
    chars: Vec<char>,
    /// Index into `chars` of the next character to read.
    at: usize,
}

impl Lexer {
    /// The token starting with `c`, the character at `self.at`.
    fn token(&mut self, c: char) -> Located<Tok> {
        match c {
            '(' => {
                self.at += 1;
                Ok(Tok::Open)
            }
            ')' => {
                self.at += 1;
                Ok(Tok::Close)
            }
            '"' | '“' => self.phrase().map(Tok::Phrase),
            '+' | '-'
                if self
                    .chars
                    .get(self.at + 1)
                    .is_some_and(|n| !n.is_whitespace()) =>
            {
                self.at += 1;
                Ok(if c == '+' { Tok::Plus } else { Tok::Minus })
            }
            _ => self.word(),
        }
    }

    /// A phrase in straight or curly quotes, the opening quote at `self.at`.
    fn phrase(&mut self) -> Located<String> {
        let open = self.at;
        let closer = if self.chars[open] == '“' {
            '”'
        } else {
            '"'
        };
        let close = self.chars[open + 1..]
            .iter()
            .position(|c| *c == closer)
            .map(|p| open + 1 + p)
            .ok_or((open + 1, "unclosed `\"`".to_string()))?;
        self.at = close + 1;
        Ok(self.chars[open + 1..close].iter().collect())
    }

    /// Everything up to the next break: an operator, `field:value` or a word.
    fn word(&mut self) -> Located<Tok> {
        let start = self.at;
        while self.at < self.chars.len() && !is_break(self.chars[self.at]) {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        Ok(match word.as_str() {
            "AND" | "&&" => Tok::And,
            "OR" | "||" => Tok::Or,
            "NOT" => Tok::Not,
            _ => match field_prefix(&word) {
                Some((name, value)) => self.field(name, value, start)?,
                None => Tok::Word(word),
            },
        })
    }

    /// `name:value` read as a word starting at index `start`; an empty
    /// `value` means a phrase follows the colon.
    fn field(&mut self, name: &str, value: &str, start: usize) -> Located<Tok> {
        let column = start + 1;
        let field = QueryField::from_name(name).ok_or_else(|| {
            (
                column,
                format!("unknown field `{name}:` (fields: {})", QueryField::NAMES),
            )
        })?;
        let value_start = start + name.chars().count() + 1;
        let (text, phrase) = if !value.is_empty() {
            (value.to_string(), false)
        } else if matches!(self.chars.get(self.at), Some('"' | '“')) {
            (self.phrase()?, true)
        } else {
            return Err((value_start + 1, format!("`{name}:` needs a value")));
        };
        if field == QueryField::Date {
            return self.range(text, value_start).map(Tok::Range);
        }
        let value = if phrase {
            Tok::Phrase(text)
        } else {
            Tok::Word(text)
        };
        Ok(Tok::Field(field, Box::new(value)))
    }

    /// The value of `date:`, starting at index `value_start`. A range may
    /// contain spaces: an unclosed `[` or `{` takes up to the closing bracket.
    fn range(&mut self, text: String, value_start: usize) -> Located<DateRange> {
        let value_column = value_start + 1;
        let text = if text.starts_with(['[', '{']) && !text.ends_with([']', '}']) {
            let close = (self.at..self.chars.len())
                .find(|&k| matches!(self.chars[k], ']' | '}'))
                .ok_or((
                    value_column,
                    "date range opened here is not closed by `]`".to_string(),
                ))?;
            self.at = close + 1;
            self.chars[value_start..=close].iter().collect()
        } else {
            text
        };
        date_value(&text).map_err(|r| (value_column, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(query: &str) -> Vec<(Tok, usize)> {
        lex(query)
            .unwrap()
            .into_iter()
            .map(|l| (l.tok, l.column))
            .collect()
    }

    #[test]
    fn token_classes_and_columns() {
        assert_eq!(
            toks("(a OR -“b c”) NOT +title:x"),
            vec![
                (Tok::Open, 1),
                (Tok::Word("a".into()), 2),
                (Tok::Or, 4),
                (Tok::Minus, 7),
                (Tok::Phrase("b c".into()), 8),
                (Tok::Close, 13),
                (Tok::Not, 15),
                (Tok::Plus, 19),
                (
                    Tok::Field(QueryField::Title, Box::new(Tok::Word("x".into()))),
                    20
                ),
            ]
        );
        assert_eq!(
            toks("speaker:\"Hua Chunying\" 10:00 - x”"),
            vec![
                (
                    Tok::Field(
                        QueryField::Speaker,
                        Box::new(Tok::Phrase("Hua Chunying".into()))
                    ),
                    1
                ),
                (Tok::Word("10:00".into()), 24),
                (Tok::Word("-".into()), 30),
                (Tok::Word("x".into()), 32),
            ]
        );
    }

    #[test]
    fn date_ranges_may_contain_spaces() {
        let [(Tok::Range(range), 1), (Tok::Or, 33), (Tok::Word(w), 36)] =
            &toks("date:[2025-11-01 TO 2025-11-30] OR x")[..]
        else {
            panic!()
        };
        assert_eq!(range.from, chrono::NaiveDate::from_ymd_opt(2025, 11, 1));
        assert_eq!(range.to, chrono::NaiveDate::from_ymd_opt(2025, 11, 30));
        assert_eq!(w, "x");
    }
}
