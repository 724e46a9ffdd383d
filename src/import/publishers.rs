//! Publishers and countries: from a dateline's agency, an outlet named in a
//! heading or a speaker turn, the forms of Japan's Ministry of Foreign
//! Affairs and Prime Minister's Office, and US readouts.

use super::datelines::Dateline;
use super::tables::{tables, KnownPublisher};
use super::text::{alnum_tokens, contains_any_ci, find_word, slug};

/// A publisher by its full name.
fn known(name: &str) -> Option<&'static KnownPublisher> {
    tables().publisher(name)
}

/// The publisher one of whose names is `text` (case-insensitively).
pub(super) fn known_by_alias(text: &str) -> Option<&'static KnownPublisher> {
    let t = text.trim();
    tables()
        .publishers
        .iter()
        .find(|k| k.name == t || k.aliases.iter().any(|a| a.eq_ignore_ascii_case(t)))
}

/// The first known publisher named in `text` as a whole word.
fn known_in(text: &str) -> Option<(&'static KnownPublisher, &'static str)> {
    tables()
        .publishers
        .iter()
        .flat_map(|k| k.aliases.iter().map(move |a| (k, a.as_str())))
        .filter_map(|(k, a)| find_word(text, a).map(|at| (at, k, a)))
        .min_by_key(|(at, _, _)| *at)
        .map(|(_, k, a)| (k, a))
}

/// An inferred publisher.
pub(super) struct Publisher {
    pub(super) name: String,
    pub(super) country: Option<&'static str>,
    pub(super) slug: String,
    pub(super) why: String,
}

impl Publisher {
    fn from_known(k: &'static KnownPublisher, why: String) -> Publisher {
        Publisher {
            name: k.name.clone(),
            country: Some(k.country.as_str()),
            slug: k.slug.clone(),
            why,
        }
    }

    fn unknown(name: &str, why: String) -> Publisher {
        Publisher {
            name: name.to_string(),
            country: None,
            slug: slug(name),
            why: format!("{why} (not a publisher this tool knows)"),
        }
    }

    /// Is this a US publisher?
    pub(super) fn is_us(&self) -> bool {
        self.country == Some(tables().us.country.as_str())
    }
}

/// What a statement shows about its publisher.
pub(super) struct Clues<'a> {
    /// The dateline its text opens with.
    pub(super) dateline: Option<&'a Dateline>,
    /// Its headings, the title last.
    pub(super) heads: &'a [&'a str],
    /// Its speaker labels, in order.
    pub(super) labels: &'a [String],
    /// A first-person post.
    pub(super) first_person: bool,
    /// Its kind.
    pub(super) kind: &'a str,
    /// Its first paragraph.
    pub(super) first_para: &'a str,
}

/// The publisher, by the first rule that applies.
pub(super) fn infer_publisher(c: &Clues) -> Option<Publisher> {
    from_dateline(c)
        .or_else(|| named_outlet(c))
        .or_else(|| japanese(c))
        .or_else(|| american(c))
        .or_else(|| interview_with(c))
}

/// 1. A dateline names its agency.
fn from_dateline(c: &Clues) -> Option<Publisher> {
    let dl = c.dateline?;
    let agency = dl.agency.as_ref()?;
    let why = format!("dateline {:?}", dl.text);
    Some(match known_by_alias(agency) {
        Some(k) => Publisher::from_known(k, why),
        None => Publisher::unknown(agency, why),
    })
}

/// 2. An outlet named in a heading or a speaker turn.
fn named_outlet(c: &Clues) -> Option<Publisher> {
    for h in c.heads {
        if let Some((k, alias)) = known_in(h) {
            let why = format!("{alias:?} in the heading {h:?}");
            return Some(Publisher::from_known(k, why));
        }
    }
    c.labels.iter().find_map(|l| {
        let k = known_by_alias(l).filter(|k| k.outlet)?;
        Some(Publisher::from_known(k, format!("speaker turns \"{l}:\"")))
    })
}

/// Does a heading name Japan?
fn names_japan(heading: &str) -> bool {
    let japan = &tables().japan;
    japan.words.iter().any(|w| find_word(heading, w).is_some())
        || japan.strings.iter().any(|s| heading.contains(s.as_str()))
}

/// 3. Japanese press conferences and readouts.
fn japanese(c: &Clues) -> Option<Publisher> {
    let t = tables();
    let heads_text = c.heads.join("\n");
    let japan = names_japan(&heads_text) || c.first_para.contains(t.japan.in_text.as_str());
    if !japan {
        return None;
    }
    if c.kind == "press-conference" {
        let pm = c
            .heads
            .iter()
            .find(|h| contains_any_ci(h, &t.japan.prime_minister_conference));
        if let Some(h) = pm {
            let why = format!(
                "{h:?} under a heading naming Japan: a Japanese prime-ministerial press conference"
            );
            return known(&t.roles.japan_prime_minister).map(|k| Publisher::from_known(k, why));
        }
        let fm = c
            .heads
            .iter()
            .find(|h| contains_any_ci(h, &t.japan.foreign_ministry_conference));
        let h = fm?;
        let why = format!("{h:?} under a heading naming Japan: a MOFA press conference");
        return known(&t.roles.japan_foreign_ministry).map(|k| Publisher::from_known(k, why));
    }
    if c.kind != "readout" || !contains_any_ci(&heads_text, &t.japan.readout_forms) {
        return None;
    }
    let japan_heading = c.heads.iter().find(|h| names_japan(h)).unwrap_or(&"");
    let title = c.heads.last().unwrap_or(&"");
    let why = if title == japan_heading {
        format!("heading {japan_heading:?} (MOFA publishes Japan's readouts)")
    } else {
        format!("heading {japan_heading:?} over {title:?}, MOFA's readout form")
    };
    known(&t.roles.japan_foreign_ministry).map(|k| Publisher::from_known(k, why))
}

/// A heading naming the US and a readout.
fn us_heading<'a>(heads: &[&'a str]) -> Option<&'a str> {
    let t = tables();
    heads.iter().copied().find(|h| {
        let toks = alnum_tokens(h);
        let us =
            t.us.heading_words
                .iter()
                .any(|w| toks.contains(&w.as_str()))
                || t.us.heading_strings.iter().any(|s| h.contains(s.as_str()));
        us && contains_any_ci(h, &t.kinds.readout)
    })
}

/// 4. The US readout: the President's own post, or the White House.
fn american(c: &Clues) -> Option<Publisher> {
    let h = us_heading(c.heads)?;
    let roles = &tables().roles;
    if c.first_person {
        let why = format!("heading {h:?} over a first-person post by the President");
        known(&roles.us_president_post).map(|k| Publisher::from_known(k, why))
    } else {
        known(&roles.us_white_house).map(|k| Publisher::from_known(k, format!("heading {h:?}")))
    }
}

/// 5. "interview with X" names an outlet this tool does not know.
fn interview_with(c: &Clues) -> Option<Publisher> {
    let phrase = format!("{} ", tables().kinds.interview_with.to_lowercase());
    c.heads.iter().find_map(|h| {
        let at = h.to_lowercase().find(&phrase)?;
        let rest = h.get(at + phrase.len()..).unwrap_or("").trim();
        let name = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
        let plausible = !name.is_empty()
            && name.chars().next().is_some_and(char::is_uppercase)
            && name.split_whitespace().count() <= 4;
        plausible.then(|| Publisher::unknown(name, format!("heading {h:?}")))
    })
}
