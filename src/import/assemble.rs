//! The cross-statement pass: the event's date for undated statements,
//! translations, the event id, ids, and the drafts' fields.

use chrono::NaiveDate;

use super::context::Context;
use super::ids::assign_ids;
use super::infer::{Facts, Inferred};
use super::tables::tables;
use super::text::{capitalize, slug};
use super::{from_inference, Draft, DraftField};

/// Turn the statements' facts into drafts.
pub(super) fn assemble(facts: &mut [Facts], ctx: &Context, event: Option<&str>) -> Vec<Draft> {
    // The event's date: the earliest date in the compilation.
    let anchor = facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.date_value.map(|d| (d, i)))
        .min();
    if let Some((d, _)) = anchor {
        date_the_undated(facts, d);
    }
    link_translations(facts);
    let event_field = match (event, anchor) {
        (Some(e), _) => DraftField {
            key: "event".into(),
            value: e.to_string(),
            note: None,
        },
        (None, Some((d, i))) => event_id(facts, d, i),
        (None, None) => DraftField::unresolved("event"),
    };
    let ids = assign_ids(facts, ctx);
    facts
        .iter()
        .zip(&ids)
        .map(|(f, (id, id_why))| Draft {
            file_name: format!("{id}.md"),
            fields: fields(f, facts, id, id_why, &event_field),
            body: f.body.clone(),
            reading: None,
        })
        .collect()
}

/// A statement with no date takes the event's, and says so in `date_source`.
fn date_the_undated(facts: &mut [Facts], d: NaiveDate) {
    for f in facts.iter_mut().filter(|f| f.date.is_none()) {
        let noun = if f.first_person_post {
            "the post itself"
        } else if f.excerpt || f.kind.value == "interview" {
            "the excerpt"
        } else {
            "the text itself"
        };
        f.date = Some(Inferred::new(
            d.format("%Y-%m-%d").to_string(),
            "no date in the text: the event's date (the earliest in the compilation)",
        ));
        f.date_value = Some(d);
        f.date_source = Some(Inferred::new(
            format!("inferred from event: {noun} carries no date"),
            "the text gives no date",
        ));
    }
}

/// Translations: an English statement and the one original of the same
/// publisher and date.
fn link_translations(facts: &mut [Facts]) {
    for i in 0..facts.len() {
        if facts[i].lang.as_ref().map(|l| l.value.as_str()) != Some("en") {
            continue;
        }
        let Some(publisher) = facts[i].publisher.as_ref().map(|p| p.name.clone()) else {
            continue;
        };
        let originals: Vec<usize> = (0..facts.len())
            .filter(|&j| {
                j != i
                    && facts[j]
                        .publisher
                        .as_ref()
                        .is_some_and(|p| p.name == publisher)
                    && facts[j].date_value.is_some()
                    && facts[j].date_value == facts[i].date_value
                    && facts[j].lang.as_ref().is_some_and(|l| l.value != "en")
            })
            .collect();
        let [j] = originals[..] else {
            continue;
        };
        facts[i].translation_of = Some(j);
        if facts[j].speaker.is_none() {
            if let Some(s) = facts[i].speaker.clone() {
                facts[j].speaker = Some(Inferred::new(
                    s.value,
                    "the speaker of its English translation in this compilation",
                ));
                facts[j].speaker_words = facts[i].speaker_words.clone();
            }
        }
        let lang = facts[j].lang.as_ref().map_or("", |l| l.value.as_str());
        let note = format!(
            "English translation of {}'s {} {}",
            publisher,
            tables().language_name(lang),
            facts[j].kind.value
        );
        facts[i].notes.push(Inferred::new(
            note,
            "an original of the same publisher and date is in the compilation",
        ));
    }
}

/// The event id: the earliest date `d` (of statement `i`) and the parties
/// named first, else the first words of that statement's title.
fn event_id(facts: &[Facts], d: NaiveDate, i: usize) -> DraftField {
    let with_parties = facts
        .iter()
        .skip(i)
        .chain(facts.iter().take(i))
        .find(|f| f.date_value == Some(d) && f.parties.len() >= 2)
        .or_else(|| facts.iter().find(|f| f.parties.len() >= 2));
    if let Some(f) = with_parties {
        let names: Vec<&str> = f.parties.iter().map(|(_, n)| n.as_str()).collect();
        // "call" or "meeting" from this statement, else from another of the
        // same date ("通电话" in the Chinese one).
        let word = std::iter::once(f.meeting_word)
            .chain(
                facts
                    .iter()
                    .filter(|g| g.date_value == Some(d))
                    .map(|g| g.meeting_word),
            )
            .find(|w| *w != "talks")
            .unwrap_or("talks");
        return DraftField::inferred(
            "event",
            format!(
                "{}-{}-{}-{word}",
                d.format("%Y-%m-%d"),
                f.parties[0].0,
                f.parties[1].0,
            ),
            format!(
                "the earliest date and the parties named first ({}), \"{word}\"",
                names.join(", "),
            ),
        );
    }
    let title_words = facts[i]
        .title
        .as_ref()
        .map(|t| {
            slug(&t.value)
                .split('-')
                .take(5)
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|s| !s.is_empty());
    match title_words {
        Some(t) => DraftField::inferred(
            "event",
            format!("{}-{t}", d.format("%Y-%m-%d")),
            "the earliest date and the first words of its statement's title (no leaders named)",
        ),
        None => DraftField::unresolved("event"),
    }
}

/// The front matter of one draft, in the order it is written.
fn fields(
    f: &Facts,
    facts: &[Facts],
    id: &str,
    id_why: &str,
    event: &DraftField,
) -> Vec<DraftField> {
    let publisher = f.publisher.as_ref();
    let mut fields = vec![
        DraftField::inferred("id", id, id_why),
        from_inference(
            "publisher",
            publisher.map(|p| Inferred::new(p.name.clone(), p.why.clone())),
        ),
        from_inference(
            "country",
            publisher.and_then(|p| {
                p.country
                    .map(|c| Inferred::new(c, format!("publisher {}", p.name)))
            }),
        ),
        DraftField::inferred("kind", f.kind.value.clone(), &f.kind.why),
        from_inference("lang", f.lang.clone()),
        from_inference("date", f.date.clone()),
    ];
    if let Some(ds) = &f.date_source {
        fields.push(DraftField::inferred(
            "date_source",
            ds.value.clone(),
            &ds.why,
        ));
    }
    fields.push(from_inference("title", f.title.clone()));
    fields.push(event.clone());
    fields.push(from_inference("speaker", f.speaker.clone()));
    if let Some(j) = f.translation_of {
        let lang = facts[j].lang.as_ref().map_or("", |l| l.value.as_str());
        fields.push(DraftField::inferred(
            "translation_of",
            facts[j].id.clone(),
            format!("same publisher and date, original in {lang}"),
        ));
    }
    if !f.notes.is_empty() {
        fields.push(notes_field(&f.notes));
    }
    fields
}

/// All notes in one sentence, and all reasons.
fn notes_field(notes: &[Inferred]) -> DraftField {
    let text = capitalize(
        &notes
            .iter()
            .map(|n| n.value.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    );
    let text = if notes.len() > 1 && !text.ends_with('.') {
        text + "."
    } else {
        text
    };
    let why = notes
        .iter()
        .map(|n| n.why.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    DraftField::inferred("notes", text, why)
}
