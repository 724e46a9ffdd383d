//! Paragraphs and speaker turns: a body becomes numbered passages.

use super::attribution::{self, reported, turns, Role};
use super::{Metadata, Passage};
use crate::analysis::is_cjk;

/// Split a body into paragraphs (blank-line separated; a single line break is a
/// space) and, in transcripts, assign speaker turns.
///
/// A paragraph with no blank line anywhere in a body of several lines is split
/// per line only by the JSON Lines format, which decides that before calling.
pub fn split_passages(body: &str, meta: &Metadata) -> Vec<Passage> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        // A line break inside a paragraph is a space, except between two CJK
        // characters, where hard-wrapped Chinese has none.
        let cjk_join = current.chars().next_back().is_some_and(is_cjk)
            && line.chars().next().is_some_and(is_cjk);
        if !current.is_empty() && !cjk_join {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }

    attribute(paragraphs, meta)
}

/// Speaker turns (transcripts) or reported speakers (everything else) of a
/// statement's paragraphs.
fn attribute(paragraphs: Vec<String>, meta: &Metadata) -> Vec<Passage> {
    let attribution = attribution::current();
    let principal = meta.speaker.as_deref().map(|s| attribution.display_name(s));
    let (turns, reported) = if meta.is_transcript() || holds_turns(attribution, &paragraphs) {
        let principal = principal.or_else(|| attribution.principal_from_title(&meta.title));
        let turns = turns::assign(attribution, &paragraphs, principal.as_deref());
        // Persons a question or an answer reports (翟隽强调…); the
        // spokesperson's own "I"/"we" is the turn, not a report.
        let context = reported::Context {
            country: &meta.country,
            date: meta.date,
            title: &meta.title,
            principal: None,
        };
        let mut reported = attribution.reported(&paragraphs, &context);
        // 毛宁表示 in 毛宁's own turn is the turn.
        for (names, turn) in reported.iter_mut().zip(&turns) {
            names.retain(|n| Some(n) != turn.speaker.as_ref());
        }
        (turns, reported)
    } else {
        let context = reported::Context {
            country: &meta.country,
            date: meta.date,
            title: &meta.title,
            principal: principal.as_deref(),
        };
        let reported = attribution.reported(&paragraphs, &context);
        // A statement or post is its speaker's words; a readout is narrated.
        let turn = match (&principal, super::is_narrated_kind(&meta.kind)) {
            (Some(p), false) => turns::Turn {
                speaker: Some(p.clone()),
                role: Some(Role::Speaks),
                label: None,
                uncertain: false,
            },
            _ => turns::Turn::default(),
        };
        (vec![turn; paragraphs.len()], reported)
    };
    paragraphs
        .into_iter()
        .zip(turns)
        .zip(reported)
        .enumerate()
        .map(|(i, ((text, turn), reported))| Passage {
            number: i as u64 + 1,
            speaker: turn.speaker,
            role: turn.role,
            label: turn.label,
            reported,
            text,
        })
        .collect()
}

/// The words that made each reported person of a statement's paragraphs, as
/// [`split_passages`] reads them (a transcript's reports without its
/// speaker's own "I"): what `show --json` gives as `reported_by`.
pub fn reported_by(paragraphs: &[String], meta: &Metadata) -> Vec<Vec<(String, String)>> {
    let attribution = attribution::current();
    let transcript = meta.is_transcript() || holds_turns(attribution, paragraphs);
    let principal = match (transcript, meta.speaker.as_deref()) {
        (false, Some(s)) => Some(attribution.display_name(s)),
        _ => None,
    };
    let context = reported::Context {
        country: &meta.country,
        date: meta.date,
        title: &meta.title,
        principal: principal.as_deref(),
    };
    attribution.reported_by(paragraphs, &context)
}

/// For each of a statement's paragraphs, as [`split_passages`] reads them:
/// is its speaker's role taken on weak evidence (an unlabelled paragraph
/// after a question, read as the spokesperson's answer only because the
/// question ends with a question mark)? What `show --json` gives as
/// `speaker_role_uncertain`; the index does not store it.
pub fn uncertain_roles(paragraphs: &[String], meta: &Metadata) -> Vec<bool> {
    let attribution = attribution::current();
    if !(meta.is_transcript() || holds_turns(attribution, paragraphs)) {
        return vec![false; paragraphs.len()];
    }
    let principal = meta
        .speaker
        .as_deref()
        .map(|s| attribution.display_name(s))
        .or_else(|| attribution.principal_from_title(&meta.title));
    turns::assign(attribution, paragraphs, principal.as_deref())
        .into_iter()
        .map(|t| t.uncertain)
        .collect()
}

/// Does a statement of any kind hold a transcript's turns: a question label
/// (`Q:`, `问：`, `追问：`)?
fn holds_turns(attribution: &attribution::Attribution, paragraphs: &[String]) -> bool {
    paragraphs.iter().any(|p| {
        turns::label_text(p).is_some_and(|label| {
            matches!(
                attribution.classify_label(label),
                Some(turns::Label::Question | turns::Label::FollowUp)
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn meta(kind: &str) -> Metadata {
        Metadata {
            id: "x".into(),
            publisher: "P".into(),
            country: "US".into(),
            kind: kind.into(),
            lang: "en".into(),
            date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            title: "T".into(),
            event: None,
            url: None,
            speaker: Some("Hua Chunying".into()),
            translation_of: None,
            date_source: None,
            notes: None,
        }
    }

    #[test]
    fn paragraphs_join_wrapped_lines_and_number_from_one() {
        let p = split_passages("one\r\ntwo\n\n\n three \n", &meta("statement"));
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "one two");
        assert_eq!(p[1].number, 2);
        assert_eq!(p[1].text, "three");
        // A statement is its speaker's words; a readout is narrated by nobody.
        assert_eq!(p[1].speaker.as_deref(), Some("Hua Chunying"));
        assert_eq!(p[1].role, Some(Role::Speaks));
        let readout = split_passages("one", &meta("readout"));
        assert_eq!(readout[0].speaker, None);
        let zh = split_passages("中美关系\n稳定向好\nG20\n峰会", &meta("readout"));
        assert_eq!(zh[0].text, "中美关系稳定向好 G20 峰会");
    }

    #[test]
    fn turns_carry_over_to_unprefixed_paragraphs() {
        let body = "Reporter: A question.\n\nAlso, more.\n\nPrime Minister Takaichi: Answer.\n\nQ: Next?\n\n答：好的。";
        let p = split_passages(body, &meta("press-conference"));
        let speakers: Vec<_> = p.iter().map(|p| p.speaker.clone().unwrap()).collect();
        assert_eq!(
            speakers,
            [
                "Reporter",
                "Reporter",
                "Takaichi Sanae",
                "Journalist",
                "Hua Chunying"
            ]
        );
    }
}
