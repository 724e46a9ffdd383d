//! Clap types shared by several commands, and the value enums that convert
//! into the library's types (the library itself knows nothing of clap).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use readouts::error::{Error, Result};
use readouts::output::ColorChoice;
use readouts::query::parse::period;
use readouts::query::parse::query_from_args;
use readouts::query::research::{GroupBy, Period};
use readouts::query::{Filters, SearchRequest, SortOrder};

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
    #[arg(long, value_parser = ["asks", "answers", "speaks"])]
    pub role: Option<String>,
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
        if let (Some(a), Some(b)) = (self.since, self.until) {
            if a > b {
                return Err(Error::Usage(format!("--since {a} is after --until {b}")));
            }
        }
        Ok(Filters {
            publisher: self.publisher.clone(),
            country: self.country.clone(),
            lang: self.lang.clone(),
            kind: self.kind.clone(),
            speaker: self.speaker.clone(),
            reported: self.reported.clone(),
            role: self.role.clone(),
            event: self.event.clone(),
            since: self.since,
            until: self.until,
        })
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

/// The query and options shared by count and timeline.
#[derive(Debug, clap::Args)]
pub struct ResearchArgs {
    /// The query (as for search; see `readouts syntax`)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// One JSON object per row per line (passages, statements, glossary-only
    /// passages, the slice's passages and statements, rates)
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per group or period, the same columns as --json (a cell that
    /// starts with =, +, -, @, tab or CR gets a leading ')
    #[arg(long)]
    pub csv: bool,
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

/// `--sort` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first
    Score,
    /// Oldest first (a statement's passages in paragraph order)
    #[value(alias = "oldest")]
    Date,
    /// Newest first (a statement's passages in paragraph order)
    Newest,
}

impl From<SortArg> for SortOrder {
    fn from(sort: SortArg) -> SortOrder {
        match sort {
            SortArg::Score => SortOrder::Score,
            SortArg::Date => SortOrder::Date,
            SortArg::Newest => SortOrder::Newest,
        }
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

/// `count --by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupByArg {
    Publisher,
    Country,
    Lang,
    Kind,
    /// Who speaks the passage (a person counts once, whatever name the text uses)
    Speaker,
    /// Whom the passage reports as speaking (a passage reporting two counts for both)
    Reported,
    /// What the speaker does: asks, answers, speaks
    Role,
    Event,
    Year,
    Month,
}

impl From<GroupByArg> for GroupBy {
    fn from(by: GroupByArg) -> GroupBy {
        match by {
            GroupByArg::Publisher => GroupBy::Publisher,
            GroupByArg::Country => GroupBy::Country,
            GroupByArg::Lang => GroupBy::Lang,
            GroupByArg::Kind => GroupBy::Kind,
            GroupByArg::Speaker => GroupBy::Speaker,
            GroupByArg::Reported => GroupBy::Reported,
            GroupByArg::Role => GroupBy::Role,
            GroupByArg::Event => GroupBy::Event,
            GroupByArg::Year => GroupBy::Year,
            GroupByArg::Month => GroupBy::Month,
        }
    }
}

/// `timeline --per` values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Months if the span is three years or less, else years
    #[default]
    Auto,
    /// Calendar months
    Month,
    /// Calendar years
    Year,
}

impl From<PeriodArg> for Period {
    fn from(per: PeriodArg) -> Period {
        match per {
            PeriodArg::Auto => Period::Auto,
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        }
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
        assert_eq!(name(GroupByArg::Year.to_possible_value()), "year");
        assert_eq!(name(PeriodArg::Auto.to_possible_value()), "auto");
        assert_eq!(name(ColorArg::Never.to_possible_value()), "never");
        assert_eq!(name(SortArg::Date.to_possible_value()), "date");
        assert_eq!(ColorChoice::from(ColorArg::default()), ColorChoice::Auto);
        assert_eq!(GroupBy::from(GroupByArg::Month), GroupBy::Month);
        assert_eq!(Period::from(PeriodArg::default()), Period::Auto);
        assert_eq!(SortOrder::from(SortArg::Date), SortOrder::Date);
    }
}
