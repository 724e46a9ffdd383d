//! Clap types shared by several commands, and the value enums that convert
//! into the library's types (the library itself knows nothing of clap).

use std::ffi::OsStr;
use std::marker::PhantomData;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::ValueEnum;

use readouts::error::Result;
use readouts::model::attribution::Role;
use readouts::output::{ColorChoice, Format};
use readouts::query::parse::period;
use readouts::query::parse::query_from_args;
use readouts::query::values::Named;
use readouts::query::{Filters, SearchRequest};

/// Options every command accepts.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Index folder [default: $READOUTS_INDEX, else the platform data dir]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// An extra glossary file (TOML, like index-schema/glossary.toml); repeatable.
    /// `glossary.toml` in the data folder is read too when it exists
    #[arg(long, global = true, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// An extra persons file (TOML, like index-schema/persons.toml: names in every
    /// script, offices with dates); repeatable. `persons.toml` in the data folder is
    /// read too when it exists. Used when statements are read (ingest, reindex)
    #[arg(long, global = true, value_name = "FILE")]
    pub persons: Vec<PathBuf>,
}

/// Metadata filters shared by search, count and timeline.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only publishers whose name contains this (case-insensitive)
    #[arg(long)]
    pub publisher: Option<String>,
    /// Only this country (ISO 3166 alpha-2)
    #[arg(long)]
    pub country: Option<String>,
    /// Only this language (BCP 47; `zh` includes `zh-Hant`)
    #[arg(long)]
    pub lang: Option<String>,
    /// Only this kind (readout, interview, press-conference, ...)
    #[arg(long)]
    pub kind: Option<String>,
    /// Only passages spoken by this person (any script or title: 耿爽 = "Geng Shuang";
    /// a name not in the persons table matches as a case-insensitive substring)
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only passages that report this person as speaking (readouts), matched like --speaker
    #[arg(long)]
    pub reported: Option<String>,
    /// Only passages whose speaker asks, answers or speaks
    #[arg(long, value_parser = ChoiceParser::<Role>::new())]
    pub role: Option<Role>,
    /// Only statements of this event
    #[arg(long)]
    pub event: Option<String>,
    /// Only statements dated on or after this day, month or year
    /// (YYYY-MM-DD, YYYY-MM or YYYY: from its first day)
    #[arg(long, value_name = "DATE", value_parser = since_day)]
    pub since: Option<NaiveDate>,
    /// Only statements dated on or before this day, month or year
    /// (YYYY-MM-DD, YYYY-MM or YYYY: to its last day)
    #[arg(long, value_name = "DATE", value_parser = until_day)]
    pub until: Option<NaiveDate>,
}

impl FilterArgs {
    /// The validated library filters.
    pub fn filters(&self) -> Result<Filters> {
        let filters = Filters {
            publisher: self.publisher.clone(),
            country: self.country.clone(),
            lang: self.lang.clone(),
            kind: self.kind.clone(),
            speaker: self.speaker.clone(),
            reported: self.reported.clone(),
            role: self.role.map(|r| r.name().to_string()),
            event: self.event.clone(),
            since: self.since,
            until: self.until,
        };
        filters.validate()?;
        Ok(filters)
    }
}

/// `--since`: the first day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `date:` reads them.
pub fn since_day(s: &str) -> std::result::Result<NaiveDate, String> {
    period(s).map(|(first, _)| first)
}

/// `--until`: the last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `date:` reads them.
pub fn until_day(s: &str) -> std::result::Result<NaiveDate, String> {
    period(s).map(|(_, last)| last)
}

/// `--json` or `--csv`: how a command that prints rows prints them, as
/// the one [`Format`] (text when neither is given). A command words the
/// two options' help for its rows with `mut_arg`.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct RowsFormat {
    /// One JSON object per row per line
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV: a header, then one row per line (a cell that starts with =, +, -, @,
    /// tab or CR gets a leading ', so spreadsheets show it as text)
    #[arg(long)]
    csv: bool,
}

impl RowsFormat {
    /// The format asked for.
    pub fn get(self) -> Format {
        match (self.json, self.csv) {
            (true, _) => Format::JsonLines,
            (_, true) => Format::Csv,
            _ => Format::Text,
        }
    }
}

/// `--json`: a command that prints one summary or record prints it as one
/// JSON object instead of text, as the one [`Format`].
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct JsonFormat {
    /// Print one JSON object on stdout
    #[arg(long)]
    json: bool,
}

impl JsonFormat {
    /// The format asked for.
    pub fn get(self) -> Format {
        if self.json {
            Format::JsonLines
        } else {
            Format::Text
        }
    }
}

/// The query and options shared by count and timeline.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("json", |a| a.help("One JSON object per row per line (passages, statements, \
        glossary-only passages, the slice's passages and statements, rates)")),
    mut_arg("csv", |a| a.help("CSV, one row per group or period, the same columns as --json \
        (a cell that starts with =, +, -, @, tab or CR gets a leading ')"))
)]
pub struct ResearchArgs {
    /// The query (as for search; see `readouts syntax`)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// --json or --csv.
    #[command(flatten)]
    pub format: RowsFormat,
    /// Show rates: matches per 1,000 passages and per 100 statements of the same
    /// slice (same filters, same group or period), with the denominators
    #[arg(long)]
    pub rate: bool,
    /// No glossary expansion
    #[arg(long)]
    pub exact: bool,
    /// Also expand a term to the concepts narrower than its own (Taiwan → Taiwan question)
    #[arg(long, conflicts_with = "exact")]
    pub broader: bool,
    /// Leave out passages where a Chinese term stands only inside a longer known
    /// word (中美 only in 中美洲)
    #[arg(long)]
    pub words_only: bool,
    /// Metadata filters.
    #[command(flatten)]
    pub filters: FilterArgs,
}

impl ResearchArgs {
    /// What a table or chart shows: passages, or rates with `--rate`.
    pub fn measure(&self) -> readouts::output::research::Measure {
        if self.rate {
            readouts::output::research::Measure::Rate
        } else {
            readouts::output::research::Measure::Passages
        }
    }

    /// The request: the query and filters, no paging.
    pub fn request(&self) -> Result<SearchRequest> {
        let mut r = SearchRequest::new(query_from_args(&self.query));
        r.filters = self.filters.filters()?;
        r.expand = !self.exact;
        r.broader = self.broader;
        r.words_only = self.words_only;
        Ok(r)
    }
}

/// `--color` values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless `NO_COLOR` is set and not empty
    #[default]
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(color: ColorArg) -> ColorChoice {
        match color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// A clap parser for a choice the library names ([`Named`]): its names,
/// with their help, are clap's possible values; its aliases are accepted;
/// a wrong name gets the library's message, the one the web gives too.
#[derive(Debug, Clone, Copy)]
pub struct ChoiceParser<T>(PhantomData<T>);

impl<T> ChoiceParser<T> {
    /// The parser for `T`.
    pub fn new() -> Self {
        ChoiceParser(PhantomData)
    }
}

impl<T: Named + Send + Sync> TypedValueParser for ChoiceParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> std::result::Result<T, clap::Error> {
        let text = value.to_string_lossy();
        T::from_name(&text).map_err(|e| {
            let option = arg.map_or_else(|| T::KEY.to_string(), |a| a.to_string());
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value {text:?} for {option}: {e}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::choices().iter().map(|c| {
            PossibleValue::new(c.name)
                .help(c.help)
                .aliases(c.aliases.iter().copied())
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn since_takes_the_first_day_and_until_the_last_of_a_year_month_or_day() {
        assert_eq!(since_day("2025").unwrap(), day("2025-01-01"));
        assert_eq!(until_day("2025").unwrap(), day("2025-12-31"));
        assert_eq!(since_day("2024-02").unwrap(), day("2024-02-01"));
        assert_eq!(until_day("2024-02").unwrap(), day("2024-02-29"));
        assert_eq!(until_day("2025-12").unwrap(), day("2025-12-31"));
        assert_eq!(since_day("2025-11-24").unwrap(), day("2025-11-24"));
        assert_eq!(until_day("2025-11-24").unwrap(), day("2025-11-24"));
    }

    #[test]
    fn impossible_or_misshapen_dates_are_refused() {
        for bad in [
            "2025-02-30",
            "2025-13",
            "25",
            "2025-1",
            "2025/11",
            "",
            "2025-11-24x",
        ] {
            assert!(since_day(bad).is_err(), "{bad}");
            assert!(until_day(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_value_enums_keep_their_names_and_convert() {
        let name = |v: Option<clap::builder::PossibleValue>| v.unwrap().get_name().to_string();
        assert_eq!(name(ColorArg::Never.to_possible_value()), "never");
        assert_eq!(ColorChoice::from(ColorArg::default()), ColorChoice::Auto);
    }

    #[test]
    fn a_choice_parser_lists_the_library_names_and_takes_their_aliases() {
        use readouts::query::research::GroupBy;
        use readouts::query::SortOrder;
        let cmd = clap::Command::new("t");
        let sort = ChoiceParser::<SortOrder>::new();
        let names: Vec<String> = sort
            .possible_values()
            .unwrap()
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(names, ["score", "date", "newest"]);
        let parsed = sort.parse_ref(&cmd, None, OsStr::new("oldest")).unwrap();
        assert_eq!(parsed, SortOrder::Date);
        let err = ChoiceParser::<GroupBy>::new()
            .parse_ref(&cmd, None, OsStr::new("yaer"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("by must be publisher, country"), "{err}");
    }
}
