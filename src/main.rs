//! The `readouts` binary: parse arguments, run, map the outcome to an exit code.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use readouts::error::Error;

use cli::exit::{is_broken_pipe, Exit};
use cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Failure
            } else {
                Exit::Success
            }
            .into();
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = cli::run(cli, &mut out).and_then(|exit| {
        out.flush().map_err(|e| Error::io("<stdout>", e))?;
        Ok(exit)
    });
    match result {
        Ok(exit) => exit.into(),
        // A closed pipe (`readouts search x | head -1`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("readouts: {e}");
            Exit::Failure.into()
        }
    }
}
