//! `readouts compare`: topics × the statements of one event.

use readouts::error::Result;
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
    /// CSV, one row per cell (a cell that starts with =, +, -, @, tab or CR gets a leading ')
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
        output::csv::rows(ctx.out, &comparison.cells())?;
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

#[cfg(test)]
mod tests {
    use crate::cli::exit::is_broken_pipe;

    /// Stdout after `| head -1` has gone.
    struct ClosedPipe;

    impl std::io::Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_under_csv_stays_a_closed_pipe() {
        let rows = [("taiwan", 3u64)];
        let e = readouts::output::csv::rows(&mut ClosedPipe, &rows).unwrap_err();
        assert!(is_broken_pipe(&e), "{e:?}");
    }
}
