//! `readouts events suggest`: statements that look like one event (same
//! date, same participants), with a proposed event id and the evidence,
//! printed for review; nothing is written.

use readouts::error::Result;
use readouts::import::events::suggest_events;
use readouts::ingest::stored::StoredStatements;
use readouts::output;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts events --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts events suggest
  readouts events suggest --json";

/// Arguments of `events`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// `events` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Groups of statements of one date naming the same two or more participants
    /// (speaker or reported speakers), with a proposed event id and the evidence.
    /// Printed for review: nothing is written (set `event` in the statement files)
    #[command(mut_arg("json", |a| a.help("One JSON object per group")))]
    Suggest {
        /// --json.
        #[command(flatten)]
        format: JsonFormat,
    },
}

/// Run an events subcommand.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let Action::Suggest { format } = args.action;
    let index = ctx.open_index()?;
    let store = StoredStatements::open(&index.index, &index.path)?;
    let mut statements = Vec::new();
    for id in store.ids()? {
        statements.extend(store.load(&id)?);
    }
    let suggestions = suggest_events(statements);
    for s in &suggestions {
        if format.get().is_json() {
            output::json::line(ctx.out, s)?;
            continue;
        }
        let mut lines = vec![format!("event = {:?}", s.event)];
        for id in &s.statements {
            let now = s
                .current
                .get(id)
                .map_or("no event".to_string(), |e| format!("now {e:?}"));
            lines.push(format!("  {id}  ({now})"));
        }
        for why in &s.evidence {
            lines.push(format!("  because: {why}"));
        }
        lines.push(String::new());
        output::text::lines(ctx.out, &lines)?;
    }
    eprintln!(
        "readouts: {} group{} suggested for review; nothing was written",
        suggestions.len(),
        if suggestions.len() == 1 { "" } else { "s" }
    );
    Ok(if suggestions.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
