//! The command line: clap definitions, and a thin `run` per command that turns
//! arguments into library requests and prints the results.
//!
//! [`Cli`] holds the global options and the [`Command`]; [`run`] builds one
//! [`Context`] (index path, lazy glossary, style, stdout) for the commands
//! that work on statements and hands it to the command's module. Exit codes
//! are in [`exit`].

pub mod add;
pub mod args;
pub mod compare;
pub mod context;
pub mod count;
pub mod docs;
pub mod events;
pub mod exit;
pub mod glossary;
pub mod import;
pub mod ingest;
pub mod kwic;
pub mod reindex;
pub mod remove;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod syntax;
pub mod timeline;
pub mod update;
pub mod verify;

use std::io::Write;

use clap::{Parser, Subcommand};
use clap_complete::Shell;

use readouts::error::Result;

use args::GlobalArgs;
use context::Context;
use exit::Exit;

/// Full-text search over diplomatic statements: readouts, translations,
/// interviews and press conferences, in English and Chinese.
#[derive(Debug, Parser)]
#[command(name = "readouts", version, about, max_term_width = 100)]
#[command(after_help = docs::EXIT_CODES)]
pub struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands: those on statements and the index, then the reference.
// Parsed once per process: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Commands that read statements or the index.
    #[command(flatten)]
    Corpus(CorpusCommand),
    /// Commands that print documentation.
    #[command(flatten)]
    Reference(ReferenceCommand),
}

/// Commands that read statements or the index; they share a [`Context`].
#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Add or update statements: files, folders (recursively), or `-` for JSON Lines on stdin
    #[command(after_help = ingest::EXAMPLES)]
    Ingest(ingest::Args),
    /// Remove statements by id, event or source file (one commit; --dry-run to list)
    #[command(after_help = remove::EXAMPLES)]
    Remove(remove::Args),
    /// Turn publishers' pages (URLs or saved .html) into statement files to review, or ingest them (--yes)
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),
    /// Fetch the new items of the configured sources (feeds, listing pages) and ingest them
    #[command(after_help = update::EXAMPLES)]
    Update(update::Args),
    /// Split a pasted compilation of several statements into statement files to review
    #[command(after_help = import::EXAMPLES)]
    Import(import::Args),
    /// Search passages (`readouts syntax` for the query syntax)
    #[command(after_help = search::EXAMPLES, after_long_help = search::long_help())]
    Search(search::Args),
    /// Show one statement with paragraph numbers and speakers
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),
    /// Compare the statements of one event: topics × statements, passages mentioning each
    #[command(after_help = compare::EXAMPLES)]
    Compare(compare::Args),
    /// Count matching passages by a metadata field
    #[command(after_help = count::EXAMPLES)]
    Count(count::Args),
    /// Keyword in context: every match with its left and right context, date, publisher and ¶
    #[command(after_help = kwic::EXAMPLES)]
    Kwic(kwic::Args),
    /// Draw matching passages per month or year as a bar chart
    #[command(after_help = timeline::EXAMPLES)]
    Timeline(timeline::Args),
    /// Count documents and passages, by publisher, country, language and kind
    #[command(after_help = stats::EXAMPLES)]
    Stats(stats::Args),
    /// Check the index for damage (checksums, missing files, schema version, stored passages)
    #[command(after_help = verify::EXAMPLES)]
    Verify(verify::Args),
    /// Rebuild the index from the statements it holds (after a schema or analyzer change)
    #[command(after_help = reindex::EXAMPLES)]
    Reindex(reindex::Args),
    /// What a term expands to across languages, and a lint of the glossary
    #[command(after_help = glossary::EXAMPLES)]
    Glossary(glossary::Args),
    /// Suggest event ids for statements of one call or meeting (for review; writes nothing)
    #[command(after_help = events::EXAMPLES)]
    Events(events::Args),
    /// Serve a local web UI and HTTP API over the index (read-only; loopback by default)
    #[command(after_help = serve::EXAMPLES)]
    Serve(serve::Args),
}

/// Commands that print documentation; they need no index.
#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Print a shell completion script
    #[command(after_help = docs::COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff) of readouts and all its commands
    #[command(after_help = docs::MAN_EXAMPLES)]
    Man,
    /// Print the query syntax reference
    #[command(after_help = syntax::EXAMPLES)]
    Syntax,
}

/// Run a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Exit> {
    match cli.command {
        Command::Corpus(command) => command.run(&mut Context::new(cli.global, out)?),
        Command::Reference(command) => command.run(out),
    }
}

impl CorpusCommand {
    /// Run with the shared context.
    pub fn run(self, ctx: &mut Context) -> Result<Exit> {
        match self {
            CorpusCommand::Ingest(args) => ingest::run(ctx, args),
            CorpusCommand::Remove(args) => remove::run(ctx, args),
            CorpusCommand::Import(args) => import::run(ctx, args),
            CorpusCommand::Add(args) => add::run(ctx, args),
            CorpusCommand::Update(args) => update::run(ctx, args),
            CorpusCommand::Search(args) => search::run(ctx, args),
            CorpusCommand::Show(args) => show::run(ctx, args),
            CorpusCommand::Compare(args) => compare::run(ctx, args),
            CorpusCommand::Count(args) => count::run(ctx, args),
            CorpusCommand::Kwic(args) => kwic::run(ctx, args),
            CorpusCommand::Timeline(args) => timeline::run(ctx, args),
            CorpusCommand::Stats(args) => stats::run(ctx, args),
            CorpusCommand::Verify(args) => verify::run(ctx, args),
            CorpusCommand::Reindex(args) => reindex::run(ctx, args),
            CorpusCommand::Glossary(args) => glossary::run(ctx, args),
            CorpusCommand::Serve(args) => serve::run(ctx, args),
            CorpusCommand::Events(args) => events::run(ctx, args),
        }
    }
}

impl ReferenceCommand {
    /// Print the documentation asked for.
    pub fn run(self, out: &mut dyn Write) -> Result<Exit> {
        match self {
            ReferenceCommand::Completions { shell } => docs::completions(shell, out),
            ReferenceCommand::Man => docs::man(out),
            ReferenceCommand::Syntax => syntax::run(out),
        }
    }
}

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod options_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
