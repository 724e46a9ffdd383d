//! `readouts compare`: topics × the statements of one event.

use readouts::error::Result;
use readouts::output::{self, Format};
use readouts::query::compare;

use super::args::RowsFormat;
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
#[command(
    mut_arg("json", |a| a.help("One JSON object per cell per line")),
    mut_arg("csv", |a| a.help("CSV, one row per cell (a cell that starts with =, +, -, @, \
        tab or CR gets a leading ')"))
)]
pub struct Args {
    /// The event id
    #[arg(long, required = true)]
    pub event: String,
    /// Topics (each a query); default: every glossary concept mentioned in the event
    pub terms: Vec<String>,
    /// --json or --csv.
    #[command(flatten)]
    pub format: RowsFormat,
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
    let format = args.format.get();
    match format {
        Format::JsonLines => {
            for cell in comparison.cells() {
                output::json::line(ctx.out, &cell)?;
            }
        }
        Format::Csv => output::csv::rows(ctx.out, &comparison.cells())?,
        _ => output::research::comparison(ctx.out, &comparison, ctx.style)?,
    }
    for term in &args.terms {
        let request = readouts::query::SearchRequest {
            expand: !args.exact,
            ..readouts::query::SearchRequest::new(term.clone())
        };
        ctx.say_coverage(&index, &request, format.is_json())?;
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
