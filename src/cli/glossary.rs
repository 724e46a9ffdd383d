//! `readouts glossary`: what a term expands to, and the glossary's weak spots.

use readouts::error::Result;
use readouts::model::glossary::lint_words;
use readouts::output;
use readouts::query::vocabulary::cjk_words_containing;

use super::args::JsonFormat;
use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts glossary --help`.
pub const EXAMPLES: &str = "\
Examples:
  readouts glossary show '台湾问题'
  readouts glossary show Taiwan
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
    /// What a term expands to, and why (its concept, labels, broader, narrower, related)
    #[command(mut_arg("json", |a| a.help("One JSON object")))]
    Show {
        /// The term, in any script
        term: String,
        /// --json.
        #[command(flatten)]
        format: JsonFormat,
    },
    /// Lint the glossary (built-in, data folder, --glossary files): a label in two
    /// concepts, a concept in one script only, a Chinese label inside a longer word
    /// (from the index's vocabulary) that is no label of its own. Exit 2 when any
    #[command(mut_arg("json", |a| a.help("One JSON object per finding")))]
    Check {
        /// --json.
        #[command(flatten)]
        format: JsonFormat,
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
        Action::Show { term, format } => show(ctx, &term, format.get().is_json()),
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
    lines.push(format!("{term} expands to: {}", list(&e.expands_to)));
    lines.push(format!(
        "with --broader also: {}",
        list(&e.expands_to_broader)
    ));
    output::text::lines(ctx.out, &lines)?;
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
    let glossary = ctx.glossary()?;
    let labels: Vec<String> = glossary
        .concepts()
        .iter()
        .flat_map(|c| c.zh.iter().chain(&c.zh_hant).cloned())
        .collect();
    let known = lint_words()?;
    let index = ctx.open_index()?;
    let vocabulary = cjk_words_containing(&index, &labels)?;
    let findings = ctx.glossary()?.lint(&vocabulary, &known);
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
