//! Everything one statement tells about itself: title, notes, language,
//! kind, publisher, date, speaker and the parties of the call or meeting.

use chrono::NaiveDate;

use super::context::Context;
use super::datelines::{dateline, Dateline};
use super::dates::{find_dates, FoundDate};
use super::kind::{infer_kind, is_excerpt, is_first_person, is_section_label, meeting_word, Turns};
use super::language::infer_lang;
use super::names::titled_names;
use super::paragraphs::Para;
use super::publishers::{infer_publisher, Clues, Publisher};
use super::segment::{HeadKind, HeadLine, Segment};
use super::speaker::{self, infer_speaker};
use super::text::{capitalize, slug};

/// A value and why it was chosen.
#[derive(Debug, Clone)]
pub(super) struct Inferred {
    pub(super) value: String,
    pub(super) why: String,
}

impl Inferred {
    pub(super) fn new(value: impl Into<String>, why: impl Into<String>) -> Inferred {
        Inferred {
            value: value.into(),
            why: why.into(),
        }
    }
}

/// Everything inferred about one statement before the cross-statement pass.
pub(super) struct Facts {
    pub(super) body: String,
    pub(super) title: Option<Inferred>,
    /// The title is a line of the text, not only a compilation heading.
    pub(super) title_from_text: bool,
    pub(super) notes: Vec<Inferred>,
    pub(super) lang: Option<Inferred>,
    pub(super) kind: Inferred,
    pub(super) publisher: Option<Publisher>,
    pub(super) date: Option<Inferred>,
    pub(super) date_value: Option<NaiveDate>,
    pub(super) date_source: Option<Inferred>,
    pub(super) speaker: Option<Inferred>,
    pub(super) speaker_words: Vec<String>,
    pub(super) first_person_post: bool,
    pub(super) excerpt: bool,
    /// Surnames of the leaders named first in the text, and how.
    pub(super) parties: Vec<(String, String)>,
    pub(super) meeting_word: &'static str,
    pub(super) translation_of: Option<usize>,
    pub(super) id: String,
}

/// The heading lines of a statement.
struct Heads<'a> {
    /// Every heading, the title last.
    all: Vec<&'a str>,
    /// The headings above the title.
    section: Vec<&'a str>,
    /// The title line.
    title: Option<&'a HeadLine>,
    /// All headings, one per line.
    text: String,
}

impl<'a> Heads<'a> {
    fn of(seg: &'a Segment) -> Heads<'a> {
        let lines: Vec<&HeadLine> = seg
            .head
            .iter()
            .filter(|h| matches!(h.kind, HeadKind::Heading))
            .collect();
        let all: Vec<&str> = lines.iter().map(|h| h.text.as_str()).collect();
        Heads {
            section: all[..all.len().saturating_sub(1)].to_vec(),
            title: lines.last().copied(),
            text: all.join("\n"),
            all,
        }
    }
}

/// Infer what one statement tells about itself.
pub(super) fn infer(seg: &Segment, ctx: &Context) -> Facts {
    let heads = Heads::of(seg);
    let paras: Vec<String> = seg.body.iter().map(Para::text).collect();
    let body_text = paras.join("\n");
    let first_para = paras.first().cloned().unwrap_or_default();
    let (title, title_from_text, label_heading) = infer_title(&heads);
    let mut notes = bracket_notes(seg);
    let turns = Turns::of(&paras);
    let kind = infer_kind(&heads.all, &turns);
    let transcript = kind.value == "interview" || kind.value == "press-conference";
    let excerpt = is_excerpt(&heads.text);
    let first_person = kind.value == "readout" && is_first_person(&first_para);
    let line_dateline = seg.body.first().and_then(|p| dateline(&p.text()));
    let publisher = infer_publisher(&Clues {
        dateline: line_dateline.as_ref(),
        heads: &heads.all,
        labels: &turns.labels,
        first_person,
        kind: &kind.value,
        first_para: &first_para,
    });
    let (date, date_value) = infer_date(seg, ctx, line_dateline.as_ref(), transcript);
    let clues = speaker::Clues {
        transcript,
        us_post: first_person && publisher.as_ref().is_some_and(Publisher::is_us),
        turns: &turns,
        heads_text: &heads.text,
        first_para: &first_para,
    };
    let (speaker, speaker_words) = infer_speaker(&clues, ctx).unzip();
    if let (true, Some(s)) = (first_person, &speaker) {
        notes.push(Inferred::new(
            format!("Posted by {} on social media", s.value),
            "a first-person post by the President",
        ));
    }
    if let (Some(label), false) = (&label_heading, title_from_text) {
        notes.push(Inferred::new(
            format!("the compilation heads it '{label}'"),
            "the title is the compilation's heading",
        ));
    }
    if excerpt && transcript {
        notes.push(excerpt_note(&turns));
    }
    Facts {
        body: seg
            .body
            .iter()
            .map(|p| p.lines.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n"),
        title,
        title_from_text,
        notes,
        lang: infer_lang(&body_text),
        kind,
        publisher,
        date,
        date_value,
        date_source: None,
        speaker,
        speaker_words: speaker_words.unwrap_or_default(),
        first_person_post: first_person,
        excerpt,
        parties: parties(&paras, ctx),
        meeting_word: meeting_word(&body_text),
        translation_of: None,
        id: String::new(),
    }
}

/// The title (the last heading), whether it is the statement's own, and the
/// compilation's label for it, if any.
fn infer_title(heads: &Heads) -> (Option<Inferred>, bool, Option<String>) {
    let Some(h) = heads.title else {
        return (None, false, heads.section.first().map(|s| s.to_string()));
    };
    if heads.all.len() == 1 && is_section_label(&h.text) {
        let why = format!(
            "only the compilation's heading (line {}); the text has no title of its own",
            h.line
        );
        return (
            Some(Inferred::new(h.text.clone(), why)),
            false,
            Some(h.text.clone()),
        );
    }
    let why = match heads.section.last() {
        None => format!("heading line {}", h.line),
        Some(s) => format!("title line {} under the heading {s:?}", h.line),
    };
    let label = heads.section.first().map(|s| s.to_string());
    (Some(Inferred::new(h.text.clone(), why)), true, label)
}

/// Notes from bracketed lines ("[Provisional translation]").
fn bracket_notes(seg: &Segment) -> Vec<Inferred> {
    seg.head
        .iter()
        .filter(|h| matches!(h.kind, HeadKind::Note))
        .map(|h| {
            let inner = h
                .text
                .trim_start_matches(['[', '【'])
                .trim_end_matches([']', '】'])
                .trim();
            Inferred::new(capitalize(inner), format!("line {} {:?}", h.line, h.text))
        })
        .collect()
}

/// The date from a date line, the dateline, or (not in transcripts) the
/// first date in the text; a missing year from the nearest full date.
fn infer_date(
    seg: &Segment,
    ctx: &Context,
    line_dateline: Option<&Dateline>,
    transcript: bool,
) -> (Option<Inferred>, Option<NaiveDate>) {
    let head_date = seg.head.iter().find_map(|h| match &h.kind {
        HeadKind::Date(d) => Some(d.clone()),
        _ => None,
    });
    let first_line = seg.body.first().map_or(0, |p| p.line);
    let candidates: Vec<(FoundDate, &str)> = head_date
        .map(|d| (d, "date line"))
        .into_iter()
        .chain(line_dateline.map(|d| {
            let mut found = d.date.clone();
            found.line = first_line;
            (found, "dateline")
        }))
        .chain(
            seg.body
                .first()
                .filter(|_| !transcript)
                .map(|p| find_dates(&p.text(), p.line))
                .unwrap_or_default()
                .into_iter()
                .map(|d| (d, "first date in the text")),
        )
        .collect();
    for (found, source) in &candidates {
        let Some((d, year_from)) = ctx.resolve(found) else {
            continue;
        };
        let what = match (*source, line_dateline) {
            ("dateline", Some(dl)) => format!("dateline {:?}", dl.text),
            _ => format!("{source} {:?} (line {})", found.text, found.line),
        };
        let why = match year_from {
            Some(y) => format!("{what}; year from {:?} (line {})", y.text, y.line),
            None => what,
        };
        return (
            Some(Inferred::new(d.format("%Y-%m-%d").to_string(), why)),
            Some(d),
        );
    }
    (None, None)
}

/// The parties of the call or meeting: surnames of the first two leaders
/// named with a title in the first two paragraphs.
fn parties(paras: &[String], ctx: &Context) -> Vec<(String, String)> {
    let mut parties: Vec<(String, String)> = Vec::new();
    for p in paras.iter().take(2) {
        for n in titled_names(p) {
            if let Some(s) = ctx.surname(&n.words) {
                let slug = slug(&s);
                if !slug.is_empty() && !parties.iter().any(|(x, _)| *x == slug) {
                    parties.push((slug, n.words.join(" ")));
                }
            }
        }
        if parties.len() >= 2 {
            break;
        }
    }
    parties.truncate(2);
    parties
}

/// "Excerpt; turns by CNBC (interviewer) and Bessent".
fn excerpt_note(turns: &Turns) -> Inferred {
    let who = turns
        .distinct
        .iter()
        .map(|l| {
            if Some(l.as_str()) == turns.interviewer.as_deref() {
                format!("{l} (interviewer)")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" and ");
    Inferred::new(
        format!("Excerpt; turns by {who}"),
        "the heading calls it a clip or excerpt",
    )
}
