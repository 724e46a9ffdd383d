//! `readouts compare`: topics × the statements of one event.

use readouts::error::{Error, Result};
use readouts::output;
use readouts::query::compare;

use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts compare --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts compare --event 2025-11-24-xi-trump-call
  readouts compare --event 2025-11-24-xi-trump-call taiwan soybeans
  readouts compare --event 2025-11-24-xi-trump-call fentanyl '\"fascism and militarism\"' --csv
  readouts compare --event 2025-11-24-xi-trump-call taiwan ukraine --by-reported";

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The event id
    #[arg(long, required = true)]
    pub event: String,
    /// Topics (each a query); default: every glossary concept mentioned in the event
    pub terms: Vec<String>,
    /// One JSON object per cell per line
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per cell
    #[arg(long)]
    pub csv: bool,
    /// No glossary expansion
    #[arg(long)]
    pub exact: bool,
    /// Split each statement by whom its paragraphs report as speaking (what each
    /// readout says Xi said, what it says Trump said)
    #[arg(long)]
    pub by_reported: bool,
}

/// Print the matrix (zeros included).
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let index = ctx.open_index()?;
    let comparison = compare::compare(
        &index,
        &args.event,
        &args.terms,
        ctx.glossary()?,
        !args.exact,
        args.by_reported,
    )?;
    if args.json {
        for cell in comparison.cells() {
            output::json::line(ctx.out, &cell)?;
        }
    } else if args.csv {
        let mut writer = csv::Writer::from_writer(&mut *ctx.out);
        for cell in comparison.cells() {
            writer.serialize(cell).map_err(csv_error)?;
        }
        writer.flush().map_err(|e| Error::io("<stdout>", e))?;
    } else {
        output::research::comparison(ctx.out, &comparison, ctx.style)?;
    }
    for term in &args.terms {
        let request = readouts::query::SearchRequest {
            expand: !args.exact,
            ..readouts::query::SearchRequest::new(term.clone())
        };
        ctx.say_coverage(&index, &request, args.json)?;
    }
    Ok(Exit::Success)
}

/// A CSV error on stdout. The csv crate does not expose the I/O error inside
/// its own as a `source()`, so take it out: a closed pipe must stay visible.
fn csv_error(e: csv::Error) -> Error {
    if !e.is_io_error() {
        return Error::io("<stdout>", std::io::Error::other(e));
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("<stdout>", io),
        other => unreachable!("checked to be an I/O error: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::exit::is_broken_pipe;

    #[test]
    fn a_closed_pipe_under_csv_stays_a_closed_pipe() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        // What the csv crate's own conversion would hide.
        let hidden = Error::io(
            "<stdout>",
            csv::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe)).into(),
        );
        assert!(!is_broken_pipe(&hidden));
        assert!(is_broken_pipe(&csv_error(csv::Error::from(pipe))));
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&csv_error(csv::Error::from(denied))));
    }
}
