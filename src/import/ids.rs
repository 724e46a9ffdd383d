//! Statement ids: `publisher-date-topic`, told apart by language, then by
//! number, where two would be the same.

use std::collections::HashMap;

use super::context::Context;
use super::infer::Facts;
use super::text::slug;
use crate::analysis::is_cjk;

fn strip_parentheticals(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The topic part of an id ("xi-trump-call", "trump-post",
/// "takaichi-press-conference"), and where it comes from.
fn topic(f: &Facts, ctx: &Context) -> Option<(String, String)> {
    let surname = || {
        ctx.surname(&f.speaker_words)
            .map(|s| slug(&s))
            .filter(|s| !s.is_empty())
    };
    let kind = f.kind.value.as_str();
    if matches!(kind, "press-conference" | "interview") {
        return Some(match surname() {
            Some(s) => (
                format!("{s}-{kind}"),
                format!("the speaker's surname and \"{kind}\""),
            ),
            None => (kind.to_string(), format!("\"{kind}\"")),
        });
    }
    if f.first_person_post {
        let how = "the author's surname and \"post\"";
        return surname().map(|s| (format!("{s}-post"), how.to_string()));
    }
    if let (true, Some(t)) = (f.title_from_text, &f.title) {
        let short = strip_parentheticals(&t.value);
        let s = slug(&short);
        if short.split_whitespace().count() <= 8 && s.len() >= 3 && !t.value.chars().any(is_cjk) {
            return Some((s, "the title".to_string()));
        }
    }
    if let [(first, _), (second, _), ..] = &f.parties[..] {
        let names: Vec<&str> = f.parties.iter().map(|(_, n)| n.as_str()).collect();
        let word = f.meeting_word;
        return Some((
            format!("{first}-{second}-{word}"),
            format!("the parties ({}) and \"{word}\"", names.join(", ")),
        ));
    }
    let how = "the speaker's surname and the kind";
    surname().map(|s| (format!("{s}-{kind}"), how.to_string()))
}

/// The topics, a translation sharing its original's.
fn topics(facts: &[Facts], ctx: &Context) -> Vec<Option<(String, String)>> {
    let mut topics: Vec<Option<(String, String)>> = facts.iter().map(|f| topic(f, ctx)).collect();
    for i in 0..facts.len() {
        if let Some(j) = facts[i].translation_of {
            if topics[i].is_some() {
                topics[j] = topics[i]
                    .clone()
                    .map(|(t, _)| (t, "the topic of its English translation".to_string()));
            } else if topics[j].is_some() {
                topics[i] = topics[j].clone();
            }
        }
    }
    topics
}

/// `publisher-date-topic` (or the kind where there is no topic), and why.
fn base_id(f: &Facts, topic: Option<&(String, String)>) -> (String, String) {
    let publisher = f
        .publisher
        .as_ref()
        .map(|p| p.slug.clone())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    let date = f
        .date_value
        .map_or("undated".to_string(), |d| d.format("%Y-%m-%d").to_string());
    let mut id = format!("{publisher}-{date}");
    let mut why = format!("publisher \"{publisher}\", date {date}");
    match topic {
        Some((t, how)) => {
            id.push('-');
            id.push_str(t);
            why.push_str(&format!(", topic \"{t}\" from {how}"));
        }
        None => {
            id.push('-');
            id.push_str(&f.kind.value);
            why.push_str(", the kind (no topic found)");
        }
    }
    (id, why)
}

/// Give every statement its id (stored in `Facts::id`); returns `(id, why)`
/// per statement.
pub(super) fn assign_ids(facts: &mut [Facts], ctx: &Context) -> Vec<(String, String)> {
    let topics = topics(facts, ctx);
    let mut ids: Vec<(String, String)> = facts
        .iter()
        .zip(&topics)
        .map(|(f, t)| base_id(f, t.as_ref()))
        .collect();
    // Statements sharing a base id are told apart by language, then by number.
    let snapshot = ids.clone();
    let shared = |id: &str| snapshot.iter().filter(|(b, _)| b == id).count() > 1;
    for (k, f) in facts.iter().enumerate() {
        if let (true, Some(lang)) = (shared(&snapshot[k].0), &f.lang) {
            ids[k].0.push('-');
            ids[k].0.push_str(&lang.value.to_lowercase());
            ids[k].1.push_str(", language suffix");
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for id in ids.iter_mut() {
        let n = seen.entry(id.0.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            id.0 = format!("{}-{}", id.0, n);
            id.1.push_str(", numbered");
        }
    }
    for (f, (id, _)) in facts.iter_mut().zip(&ids) {
        f.id = id.clone();
    }
    ids
}
