//! The principal speaker: who answers in a transcript, the US President in
//! his own post, else the first person named with a title.

use super::context::Context;
use super::infer::Inferred;
use super::kind::Turns;
use super::names::{capitalized_runs, display_name, is_interviewer, strip_titles, titled_names};
use super::tables::tables;

/// A speaker and the words of the name.
type Speaker = (Inferred, Vec<String>);

/// What a statement shows about its speaker.
pub(super) struct Clues<'a> {
    /// An interview or press conference.
    pub(super) transcript: bool,
    /// A first-person post by a US publisher.
    pub(super) us_post: bool,
    pub(super) turns: &'a Turns,
    pub(super) heads_text: &'a str,
    pub(super) first_para: &'a str,
}

/// The principal speaker, and the words of the name.
pub(super) fn infer_speaker(c: &Clues, ctx: &Context) -> Option<Speaker> {
    if c.transcript {
        return answerer(c);
    }
    if c.us_post {
        let (words, line) = ctx.us_president.as_ref()?;
        let why = format!(
            "a first-person post by the US President, named {:?} on line {line}",
            words.join(" ")
        );
        return Some((Inferred::new(display_name(words), why), words.clone()));
    }
    let n = titled_names(c.first_para).into_iter().next()?;
    let why = format!(
        "first person named with a title in the text: {:?}",
        n.words.join(" ")
    );
    Some((Inferred::new(display_name(&n.words), why), n.words))
}

/// The principal speaker of a transcript: who answers.
fn answerer(c: &Clues) -> Option<Speaker> {
    let interviewer = c.turns.interviewer.as_deref();
    let label = c
        .turns
        .distinct
        .iter()
        .find(|l| Some(l.as_str()) != interviewer && !is_interviewer(l))?
        .as_str();
    let generic = tables().turns.answer_labels.iter().any(|a| a == label);
    let name = if generic {
        Vec::new()
    } else {
        strip_titles(label)
    };
    let context = format!("{}\n{}", c.heads_text, c.first_para);
    let runs: Vec<Vec<String>> = titled_names(&context)
        .into_iter()
        .map(|n| n.words)
        .chain(capitalized_runs(&context))
        .filter(|run| run.len() >= 2)
        .collect();
    if let Some(last) = name.last() {
        if let Some(found) = full_name(&runs, last, label).or_else(|| misspelt(&runs, last, label))
        {
            return Some(found);
        }
    }
    if generic {
        // "A:" answers: the person a press-conference heading names.
        let n = titled_names(c.heads_text).into_iter().next()?;
        let why = format!(
            "answering turns \"{label}:\"; {:?} named in the heading",
            n.words.join(" ")
        );
        return Some((Inferred::new(display_name(&n.words), why), n.words));
    }
    let why = format!("answering turns \"{label}:\"");
    Some((Inferred::new(display_name(&name), why), name))
}

/// The full name in a heading holding the label's last word.
fn full_name(runs: &[Vec<String>], last: &str, label: &str) -> Option<Speaker> {
    let run = runs
        .iter()
        .find(|run| run.iter().any(|w| w.eq_ignore_ascii_case(last)))?;
    let why = format!(
        "answering turns \"{label}:\"; full name {:?} in the heading",
        run.join(" ")
    );
    Some((Inferred::new(display_name(run), why), run.clone()))
}

/// The full name in a heading holding a misspelling of the label's last
/// word ("Besent" for "Bessent"): spelled as in the turns.
fn misspelt(runs: &[Vec<String>], last: &str, label: &str) -> Option<Speaker> {
    let close = |w: &String| {
        w.chars().count() >= 4
            && last.chars().count() >= 4
            && crate::model::edit_distance(&w.to_lowercase(), &last.to_lowercase()) <= 2
    };
    let (run, k) = runs
        .iter()
        .find_map(|run| run.iter().position(close).map(|k| (run, k)))?;
    let mut words = run.clone();
    words[k] = last.to_string();
    let why = format!(
        "answering turns \"{label}:\"; given name from {:?} in the heading, spelled as in the turns",
        run.join(" ")
    );
    Some((Inferred::new(display_name(&words), why), words))
}
