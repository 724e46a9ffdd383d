//! The recursive-descent parser: tokens to an [`Expr`], refusing nesting
//! deeper than [`MAX_DEPTH`] and groups that only exclude.

use super::lexer::{Lexed, Tok};
use super::{Expr, Located, QueryField, MAX_DEPTH};

/// The whole token stream as one expression; `end_column` is where errors
/// at the end of the query point.
pub(super) fn parse_tokens(tokens: Vec<Lexed>, end_column: usize) -> Located<Expr> {
    let mut parser = Parser {
        tokens,
        at: 0,
        end_column,
    };
    let expr = parser.or(0)?;
    if let Some(t) = parser.tokens.get(parser.at) {
        return Err((t.column, "unmatched `)`".into()));
    }
    check_positive(&expr)?;
    Ok(expr)
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
