//! Facts → a statement-file draft: the id, the fields in the order statement
//! files write them, each inferred value with its reason, and the body.

use super::{Draft, DraftField, Fact, Facts};
use crate::model::attribution::turns::{label_text, Label};
use crate::model::{attribution, is_transcript_kind};

/// Why an id is what it is.
const ID_WHY: &str = "the publisher, the date and the page's title or address";

/// Title words in a generated id (more when it names another page).
const TITLE_WORDS: usize = 6;

/// The draft of a page's statement; `url` is written to `url`.
pub fn assemble(facts: Facts, url: Option<&str>, source: &str) -> Draft {
    let date = facts.date.as_ref().map(|d| d.value.clone());
    let id = statement_id(&facts, url, source, date.as_deref());
    let field = |key: &str, fact: &Option<Fact>| match fact {
        Some(f) => DraftField::inferred(key, f.value.clone(), &f.why),
        None => match key {
            "date" => DraftField::unresolved_after(key, super::find::DATE_LOOKED),
            "title" => DraftField::unresolved_after(key, super::find::TITLE_LOOKED),
            _ => DraftField::unresolved(key),
        },
    };
    let mut fields = vec![
        DraftField::inferred("id", id.clone(), ID_WHY),
        field("publisher", &facts.publisher),
        field("country", &facts.country),
        DraftField::inferred("kind", facts.kind.value.clone(), &facts.kind.why),
        field("lang", &facts.lang),
        field("date", &facts.date),
        field("title", &facts.title),
    ];
    if let Some(u) = url {
        fields.push(DraftField {
            key: "url".into(),
            value: u.to_string(),
            note: None,
        });
    }
    if is_transcript_kind(&facts.kind.value) {
        if let Some((name, label)) = main_speaker(&facts.paragraphs) {
            let why = format!("the most frequent named turn ({label:?})");
            fields.push(DraftField::inferred("speaker", name, why));
        }
    }
    Draft {
        file_name: format!("{id}.md"),
        fields,
        body: facts.paragraphs.join("\n\n"),
        reading: Some(facts.layout),
    }
}

/// `slug-date-words`: the title's first ASCII words, else the URL's last
/// path segment, else a hash of the source.
fn statement_id(facts: &Facts, url: Option<&str>, source: &str, date: Option<&str>) -> String {
    let title = facts.title.as_ref().map_or("", |t| t.value.as_str());
    let title_slug = slug(title);
    let title_words = title_slug
        .split('-')
        .filter(|w| !w.is_empty())
        .take(TITLE_WORDS)
        .collect::<Vec<_>>();
    let ascii_share = title.chars().filter(char::is_ascii_alphabetic).count() * 2;
    let tail = if title_words.len() >= 2 && ascii_share >= title.chars().count() {
        title_words.join("-")
    } else {
        let segment = url
            .and_then(|u| url::Url::parse(u).ok())
            .and_then(|u| {
                u.path_segments()?
                    .rfind(|s| !s.is_empty())
                    .map(|s| s.rsplit_once('.').map_or(s, |(stem, _)| stem).to_string())
            })
            .map(|s| slug(&s))
            .filter(|s| !s.is_empty() && s != "c" && s != "index");
        segment.unwrap_or_else(|| {
            let hash = xxhash_rust::xxh3::xxh3_64(format!("{source}{title}").as_bytes());
            format!("{:08x}", hash as u32)
        })
    };
    let slug_part = if facts.slug.is_empty() {
        facts
            .publisher
            .as_ref()
            .map(|p| slug(&p.value))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "page".into())
    } else {
        facts.slug.clone()
    };
    [Some(slug_part.as_str()), date, Some(tail.as_str())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("-")
}

/// The longest id made of title words (a longer one is not tried).
const MAX_ID_CHARS: usize = 160;

/// Other ids for a draft whose id names another page, in the order tried:
/// more of its title's words (when the id was made of them), then the id
/// with a hash of `page` (its URL, or its text).
pub(super) fn longer_ids(draft: &Draft, page: &str) -> Vec<String> {
    let id = draft.file_name.trim_end_matches(".md");
    let words: Vec<String> = slug(draft.value("title").unwrap_or(""))
        .split('-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    let first = words.iter().take(TITLE_WORDS).cloned().collect::<Vec<_>>();
    if let Some(stem) = id
        .strip_suffix(&first.join("-"))
        .filter(|_| first.len() >= 2)
    {
        for n in TITLE_WORDS + 1..=words.len() {
            let longer = format!("{stem}{}", words[..n].join("-"));
            if longer.len() > MAX_ID_CHARS {
                break;
            }
            out.push(longer);
        }
    }
    let hash = xxhash_rust::xxh3::xxh3_64(page.as_bytes());
    out.push(format!("{id}-{:08x}", hash as u32));
    out.push(format!("{id}-{hash:016x}"));
    out
}

/// Give a draft another id (file name and `id` value), saying why.
pub(super) fn rename(draft: &mut Draft, id: &str, why: &str) {
    draft.file_name = format!("{id}.md");
    if let Some(field) = draft.fields.iter_mut().find(|f| f.key == "id") {
        *field = DraftField::inferred("id", id, format!("{ID_WHY}; {why}"));
    }
}

/// Lower-case ASCII letters and digits, other runs as one `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The person whose named turns are the most frequent (first on a tie),
/// and one label as written.
fn main_speaker(paragraphs: &[String]) -> Option<(String, String)> {
    let attribution = attribution::current();
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    for p in paragraphs {
        let Some(label) = label_text(p) else { continue };
        let Some(Label::Name(name)) = attribution.classify_label(label) else {
            continue;
        };
        match counts.iter_mut().find(|(n, _, _)| *n == name) {
            Some(entry) => entry.2 += 1,
            None => counts.push((name, label.to_string(), 1)),
        }
    }
    let best = counts.iter().map(|c| c.2).max()?;
    counts
        .into_iter()
        .find(|c| c.2 == best)
        .map(|(n, l, _)| (n, l))
}
