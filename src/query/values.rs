//! The names a user types for a choice — `--by year` and `by=year`, `--sort
//! newest` and `sort=newest`, `--per month`, `--role asks` — declared once
//! per choice, with the help line each name shows. The CLI (through clap)
//! and the web server read them here, so a name, an alias and the message
//! for a wrong one are the same everywhere.

use crate::error::{Error, Result};
use crate::model::attribution::Role;
use crate::query::kwic::KwicSort;
use crate::query::research::{GroupBy, Period};
use crate::query::SortOrder;

/// One name of a choice.
#[derive(Debug, Clone, Copy)]
pub struct Choice<T: 'static> {
    /// The name as typed.
    pub name: &'static str,
    /// Other names accepted for the same value (not listed in help).
    pub aliases: &'static [&'static str],
    /// What it means, in a few words (the CLI's `--help`).
    pub help: &'static str,
    /// The value it stands for.
    pub value: T,
}

/// A choice with named values.
pub trait Named: Copy + PartialEq + 'static {
    /// The choice's key in messages and URLs (`by`, `sort`).
    const KEY: &'static str;

    /// Every value with its name, in the order help lists them.
    fn choices() -> &'static [Choice<Self>];

    /// The value a name (or alias) stands for; otherwise an error that lists
    /// the names: `by must be publisher, country, … or month, not "yaer"`.
    fn from_name(text: &str) -> Result<Self> {
        let wanted = text.trim();
        Self::choices()
            .iter()
            .find(|c| c.name == wanted || c.aliases.contains(&wanted))
            .map(|c| c.value)
            .ok_or_else(|| Error::Usage(unknown_message::<Self>(wanted)))
    }

    /// The value's name.
    fn name(self) -> &'static str {
        Self::choices()
            .iter()
            .find(|c| c.value == self)
            .map_or("?", |c| c.name)
    }
}

/// The one message for a name that is not one of a choice's.
pub fn unknown_message<T: Named>(wanted: &str) -> String {
    let names: Vec<&str> = T::choices().iter().map(|c| c.name).collect();
    let listed = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("{} must be {listed}, not {wanted:?}", T::KEY)
}

macro_rules! choice {
    ($name:literal, $value:expr, $help:literal) => {
        Choice {
            name: $name,
            aliases: &[],
            help: $help,
            value: $value,
        }
    };
    ($name:literal | $($alias:literal)|+, $value:expr, $help:literal) => {
        Choice {
            name: $name,
            aliases: &[$($alias),+],
            help: $help,
            value: $value,
        }
    };
}

impl Named for GroupBy {
    const KEY: &'static str = "by";
    fn choices() -> &'static [Choice<GroupBy>] {
        &[
            choice!("publisher", GroupBy::Publisher, "The publisher"),
            choice!("country", GroupBy::Country, "The publisher's country"),
            choice!("lang", GroupBy::Lang, "The statement's language"),
            choice!(
                "kind",
                GroupBy::Kind,
                "Readout, interview, press-conference, …"
            ),
            choice!(
                "speaker",
                GroupBy::Speaker,
                "Who speaks the passage (a person counts once, whatever name the text uses)"
            ),
            choice!(
                "reported",
                GroupBy::Reported,
                "Whom the passage reports as speaking (a passage reporting two counts for both)"
            ),
            choice!(
                "role",
                GroupBy::Role,
                "What the speaker does: asks, answers, speaks"
            ),
            choice!("event", GroupBy::Event, "The event (one call or meeting)"),
            choice!("year", GroupBy::Year, "The statement's year"),
            choice!("month", GroupBy::Month, "The statement's month"),
        ]
    }
}

impl Named for SortOrder {
    const KEY: &'static str = "sort";
    fn choices() -> &'static [Choice<SortOrder>] {
        &[
            choice!("score", SortOrder::Score, "Best match first"),
            choice!(
                "date" | "oldest",
                SortOrder::Date,
                "Oldest first (a statement's passages in paragraph order)"
            ),
            choice!(
                "newest",
                SortOrder::Newest,
                "Newest first (a statement's passages in paragraph order)"
            ),
        ]
    }
}

impl Named for Period {
    const KEY: &'static str = "per";
    fn choices() -> &'static [Choice<Period>] {
        &[
            choice!(
                "auto",
                Period::Auto,
                "Months if the span is three years or less, else years"
            ),
            choice!("month", Period::Month, "Calendar months"),
            choice!("year", Period::Year, "Calendar years"),
        ]
    }
}

impl Named for KwicSort {
    const KEY: &'static str = "sort";
    fn choices() -> &'static [Choice<KwicSort>] {
        &[
            choice!(
                "rank",
                KwicSort::Rank,
                "As search ranks the passages, a passage's matches in text order"
            ),
            choice!(
                "left",
                KwicSort::Left,
                "By the words before the match, nearest first"
            ),
            choice!(
                "right",
                KwicSort::Right,
                "By the match, then the words after it"
            ),
            choice!("date", KwicSort::Date, "Oldest first"),
        ]
    }
}

impl Named for Role {
    const KEY: &'static str = "role";
    fn choices() -> &'static [Choice<Role>] {
        &[
            choice!(
                "asks",
                Role::Asks,
                "Asks a question (a journalist, an interviewer)"
            ),
            choice!(
                "answers",
                Role::Answers,
                "Answers one (the spokesperson, the interviewee)"
            ),
            choice!("speaks", Role::Speaks, "Speaks without being asked"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Named + std::fmt::Debug>() {
        for c in T::choices() {
            assert_eq!(T::from_name(c.name).unwrap(), c.value, "{}", c.name);
            assert_eq!(c.value.name(), c.name);
            for alias in c.aliases {
                assert_eq!(T::from_name(alias).unwrap(), c.value, "{alias}");
            }
        }
    }

    #[test]
    fn every_name_stands_for_its_value_and_back() {
        round_trips::<GroupBy>();
        round_trips::<SortOrder>();
        round_trips::<Period>();
        round_trips::<Role>();
        round_trips::<KwicSort>();
        assert_eq!(SortOrder::from_name("oldest").unwrap(), SortOrder::Date);
    }

    #[test]
    fn a_wrong_name_is_refused_with_every_name_listed() {
        let err = GroupBy::from_name("yaer").unwrap_err().to_string();
        assert!(
            err.contains(
                "by must be publisher, country, lang, kind, speaker, reported, role, event, year or month, not \"yaer\""
            ),
            "{err}"
        );
        let err = SortOrder::from_name("best").unwrap_err().to_string();
        assert!(
            err.contains("sort must be score, date or newest, not \"best\""),
            "{err}"
        );
        assert!(Role::from_name("ask").is_err());
    }
}
