//! `readouts show`: one statement, or it beside its translation.

use readouts::error::Result;
use readouts::output;
use readouts::query::documents;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts show --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts show xinhua-2025-11-24-xi-trump-call-en
  readouts show xinhua-2025-11-24-xi-trump-call-zh --parallel
  readouts show cnbc-2025-11-bessent-interview --json";

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("json", |a| a.help("Print one JSON object (with --parallel: {\"left\", \"right\", \"rows\"})")))]
pub struct Args {
    /// The statement's id
    pub doc_id: String,
    /// --json.
    #[command(flatten)]
    pub format: JsonFormat,
    /// Side by side with its translation or original, paragraphs aligned by content
    /// (merged, split and untranslated paragraphs shown as such)
    #[arg(long)]
    pub parallel: bool,
}

/// Print the statement (an unknown id is an error).
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let index = ctx.open_index()?;
    if args.parallel {
        let parallel = documents::parallel(&index, &args.doc_id, ctx.glossary()?)?;
        if args.format.get().is_json() {
            output::json::line(ctx.out, &parallel)?;
        } else {
            let width = output::research::terminal_width();
            output::research::parallel(ctx.out, &parallel, width, ctx.style)?;
        }
    } else {
        let doc = documents::document(&index, &args.doc_id)?;
        if args.format.get().is_json() {
            output::json::line(ctx.out, &doc)?;
        } else {
            output::text::document(ctx.out, &doc, ctx.style)?;
        }
    }
    Ok(Exit::Success)
}
