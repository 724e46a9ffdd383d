//! `readouts glossary`: what a term expands to, and the glossary's weak spots.

use readouts::error::Result;
use readouts::model::glossary::{lint_words, user, Conflict};
use readouts::output;
use readouts::query::vocabulary::{holds_cjk, passages_holding};

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts glossary --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts glossary show '台湾问题'
  readouts glossary show Taiwan
  readouts glossary add Pelosi 佩洛西
  readouts glossary add 'Nancy Pelosi' zh:南希·佩洛西 --id pelosi
  readouts glossary show
  readouts glossary check
  readouts glossary suggest --min 3 > candidates.toml";

/// Arguments of `glossary`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// `glossary` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// What a term expands to, and why (its concept, labels, broader, narrower,
    /// related, the user file it comes from); without a term, the concepts of
    /// the user glossary files
    #[command(mut_arg("json", |a| a.help("One JSON object")))]
    Show {
        /// The term, in any script
        term: Option<String>,
        /// --json.
        #[command(flatten)]
        format: JsonFormat,
    },
    /// Lint the glossary (built-in, data folder, --glossary files): a label in two
    /// concepts, a concept in one script only, a Chinese label inside a longer word
    /// (from the index's vocabulary) that is no label of its own. Exit 2 when any
    /// is found
    #[command(mut_arg("json", |a| a.help("One JSON object per finding")))]
    Check {
        /// --json.
        #[command(flatten)]
        format: JsonFormat,
    },
    /// Add a concept (or labels to the concept one of them names) to a user
    /// glossary file, applied by the next search without reindexing. A label
    /// is `lang:label` (en, zh, zh_hant, ja, ru) or sorted by its script
    Add {
        /// The labels: `Pelosi 佩洛西`, `ja:五輪`
        #[arg(required = true)]
        labels: Vec<String>,
        /// The new concept's id (a lowercase slug); else from its first English label
        #[arg(long)]
        id: Option<String>,
        /// The user glossary file written (default: `glossary.toml` in the data
        /// folder, read by every command); another file must be given to later
        /// commands with --glossary
        #[arg(long, value_name = "FILE")]
        file: Option<std::path::PathBuf>,
    },
    /// Candidate concepts mined from the index's translations (statements with
    /// `translation_of`): an English term and a Chinese word that share aligned
    /// paragraphs far above chance (log-likelihood G²). Printed for review as
    /// glossary blocks; nothing is added
    #[command(mut_arg("json", |a| a.help("One JSON object per candidate")))]
    Suggest {
        /// Least aligned paragraph pairs that must hold both terms
        #[arg(long, default_value_t = 2)]
        min: u64,
        /// Most candidates printed
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// --json.
        #[command(flatten)]
        format: JsonFormat,
    },
}

/// Run a glossary subcommand.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    match args.action {
        Action::Show {
            term: Some(term),
            format,
        } => show(ctx, &term, format.get().is_json()),
        Action::Show { term: None, format } => show_user(ctx, format.get().is_json()),
        Action::Add { labels, id, file } => add(ctx, &labels, id.as_deref(), file),
        Action::Check { format } => check(ctx, format.get().is_json()),
        Action::Suggest { min, limit, format } => suggest(ctx, min, limit, format.get().is_json()),
    }
}

fn show(ctx: &mut Context, term: &str, json: bool) -> Result<Exit> {
    let Some(e) = ctx.glossary()?.explain(term) else {
        eprintln!("readouts: no glossary concept has {term:?} as a label: a search for it matches only the forms written");
        return Ok(Exit::NoMatch);
    };
    if json {
        output::json::line(ctx.out, &e)?;
        return Ok(Exit::Success);
    }
    let mut lines = vec![format!("{} ({})", e.name, e.concept)];
    for (lang, labels) in &e.labels {
        lines.push(format!("  {lang:8} {}", labels.join(" · ")));
    }
    for (what, ids) in [
        ("broader", &e.broader),
        ("narrower", &e.narrower),
        ("related", &e.related),
    ] {
        if !ids.is_empty() {
            lines.push(format!("  {what:8} {}", ids.join(", ")));
        }
    }
    if let Some(file) = &e.user_file {
        lines.push(format!("  {:8} {file}", "user"));
    }
    lines.push(format!("{term} expands to: {}", list(&e.expands_to)));
    lines.push(format!(
        "with --broader also: {}",
        list(&e.expands_to_broader)
    ));
    output::text::lines(ctx.out, &lines)?;
    Ok(Exit::Success)
}

/// `glossary show` without a term: the user concepts, one a line.
fn show_user(ctx: &mut Context, json: bool) -> Result<Exit> {
    let glossary = ctx.glossary()?;
    let concepts = glossary.user_concepts();
    let builtin = glossary.concepts().len() - concepts.len();
    let mut explained = Vec::new();
    let mut lines = Vec::new();
    for c in &concepts {
        let file = glossary
            .user_file(&c.id)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        explained.extend(glossary.explain(c.name()));
        let labels: Vec<&str> = c.labels().collect();
        lines.push(format!(
            "{} ({}): {} — {file}",
            c.name(),
            c.id,
            labels.join(" · ")
        ));
    }
    if json {
        for e in &explained {
            output::json::line(ctx.out, e)?;
        }
    } else {
        output::text::lines(ctx.out, &lines)?;
    }
    eprintln!(
        "readouts: {} user concepts (built in: {builtin})",
        lines.len()
    );
    Ok(Exit::found(!lines.is_empty()))
}

/// `glossary add`: append the concept to the user file, say what it does now.
fn add(
    ctx: &mut Context,
    labels: &[String],
    id: Option<&str>,
    file: Option<std::path::PathBuf>,
) -> Result<Exit> {
    let path = match file {
        Some(f) => f,
        None => super::context::data_glossary().ok_or_else(|| {
            readouts::error::Error::Usage(
                "no data folder on this system: give the file with --file FILE".into(),
            )
        })?,
    };
    let mut glossary = ctx.glossary()?.clone();
    let addition = user::addition(&glossary, labels, id)?;
    user::append(&mut glossary, &path, &addition)?;
    let c = &addition.concept;
    let what = match &addition.extends {
        Some(id) => format!("added {} to concept {id:?}", addition.added.join(" · ")),
        None => format!("added concept {:?}", c.id),
    };
    let all: Vec<&str> = c.labels().collect();
    output::text::lines(
        ctx.out,
        &[format!("{} ({}): {}", c.name(), c.id, all.join(" · "))],
    )?;
    let read = match super::context::data_glossary().is_some_and(|d| d == path) {
        true => "every command reads it".to_string(),
        false => format!(
            "give it to later commands with --glossary {}",
            path.display()
        ),
    };
    eprintln!(
        "readouts: {what} in {}; {read}; searches use it at once, without reindexing (nothing in the index depends on the glossary)",
        path.display()
    );
    Ok(Exit::Success)
}

fn list(labels: &[String]) -> String {
    if labels.is_empty() {
        "(nothing else)".into()
    } else {
        labels.join(" · ")
    }
}

fn check(ctx: &mut Context, json: bool) -> Result<Exit> {
    let known = lint_words()?;
    let index = ctx.open_index()?;
    // CC-CEDICT's headwords only for an index with Chinese or Japanese text.
    let conflicts = match holds_cjk(&index)? {
        true => ctx
            .glossary()?
            .conflicts(readouts::model::lexicon::headwords(), &known),
        false => Vec::new(),
    };
    let words: Vec<&str> = conflicts.iter().map(|c| c.word.as_str()).collect();
    let held = passages_holding(&index, &words)?;
    let found: Vec<(Conflict, u64)> = conflicts
        .into_iter()
        .zip(held)
        .filter(|(_, n)| *n > 0)
        .collect();
    let findings = ctx.glossary()?.lint(&found);
    for f in &findings {
        if json {
            output::json::line(ctx.out, f)?;
        } else {
            output::text::lines(ctx.out, &[format!("{}: {}", f.concept, f.problem)])?;
        }
    }
    eprintln!(
        "readouts: {} concepts, {} findings",
        ctx.glossary()?.concepts().len(),
        findings.len()
    );
    Ok(if findings.is_empty() {
        Exit::Success
    } else {
        Exit::Failure
    })
}

fn suggest(ctx: &mut Context, min: u64, limit: usize, json: bool) -> Result<Exit> {
    let index = ctx.open_index()?;
    let found = readouts::query::suggest::suggest(&index, ctx.glossary()?, min)?;
    for (i, s) in found.iter().take(limit).enumerate() {
        if json {
            output::json::line(ctx.out, s)?;
            continue;
        }
        let slug: String =
            s.en.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
        output::text::lines(
            ctx.out,
            &[
                format!(
                    "# {}. G² {:.1}: together in {} of {} aligned paragraph pairs (English {}, Chinese {}); review before use",
                    i + 1,
                    s.g2,
                    s.together,
                    s.pairs,
                    s.en_pairs,
                    s.zh_pairs
                ),
                "[[concept]]".into(),
                format!("id = {:?}", slug),
                format!("en = [{:?}]", s.en),
                format!("zh = [{:?}]", s.zh),
                "sources = [\"suggested by readouts glossary suggest from aligned translations; checked by: \"]".into(),
                String::new(),
            ],
        )?;
    }
    eprintln!(
        "readouts: {} candidates ({} shown)",
        found.len(),
        found.len().min(limit)
    );
    Ok(Exit::found(!found.is_empty()))
}
