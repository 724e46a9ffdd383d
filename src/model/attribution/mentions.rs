//! Who an English paragraph names: the persons, groups, offices and pronouns
//! of the persons table and the shipped lists, and names no list knows,
//! recognised by their shape — a run of capitalised words after a title
//! ("Prime Minister Kaja Kallas", "Mr. Finer", "Sultan Haitham"), after a
//! title and a comma ("High Commissioner for Refugees, Filippo Grandi"), or
//! two words or more on their own ("Geoffrey van Leeuwen", "his Russian
//! counterpart Nikolay Patrushev").

use super::{Attribution, Subject};
use crate::analysis::Normalized;

/// A word of a paragraph, without quotes, brackets, trailing punctuation or
/// possessive ending.
#[derive(Debug, Clone)]
pub(crate) struct Word<'t> {
    pub core: &'t str,
    pub start: usize,
    pub end: usize,
    /// A comma, colon or semicolon follows it.
    pub comma: bool,
    /// A colon follows it (a turn label, "Mao Ning:").
    pub colon: bool,
    /// The sentence ends after it.
    pub stop: bool,
    /// "Biden’s".
    pub possessive: bool,
    /// A closing quotation mark follows it ("opponents,”").
    pub quote_end: bool,
}

/// Abbreviations whose full stop ends no sentence.
fn is_abbreviation(w: &str) -> bool {
    let letters = w.trim_end_matches('.');
    matches!(
        w,
        "Mr." | "Ms." | "Mrs." | "Dr." | "Jr." | "Sr." | "St." | "Gen." | "Sen." | "Amb."
    ) || (letters.chars().count() == 1 && letters.chars().all(char::is_uppercase))
        || (letters.contains('.') && letters.chars().all(|c| c.is_uppercase() || c == '.'))
}

/// The words of a paragraph.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let at = raw.as_ptr() as usize - base;
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| "\"“‘'([{".contains(c))
                .len();
        let mut core = &raw[lead..];
        let mut trail = "";
        if !is_abbreviation(core) {
            let trimmed = core.trim_end_matches(|c: char| ",.;:!?)]}”\"’'*_".contains(c));
            trail = &core[trimmed.len()..];
            core = trimmed;
        }
        let mut possessive = false;
        for poss in ["’s", "'s"] {
            if let Some(stem) = core.strip_suffix(poss) {
                core = stem;
                possessive = true;
            }
        }
        if trail.starts_with(['’', '\'']) && core.ends_with('s') {
            possessive = true;
        }
        let start = at + lead;
        out.push(Word {
            core,
            start,
            end: start + core.len(),
            comma: trail.contains([',', ':', ';']),
            colon: trail.contains(':'),
            stop: trail.contains(['.', '!', '?', ';']),
            possessive,
            quote_end: trail.contains(['”', '"']),
        });
    }
    out
}

/// What a mention stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    /// A person of the persons table.
    Known(usize),
    /// A name no table knows, as written (its words).
    Name(Vec<String>),
    /// Both (all) participants.
    Group(String),
    /// An office phrase ("the President"), with its words.
    Office(usize, String),
    /// "he", "she" (false) or "they" (true).
    Pronoun(bool),
    /// "I", "we".
    First,
    /// Title words alone ("the High Commissioner"), lower case.
    Title(String),
}

/// A mention: words `first..=last` of the paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub first: usize,
    pub last: usize,
    pub what: What,
    /// The title written with it ("Prime Minister"), lower case.
    pub title: String,
    pub possessive: bool,
}

impl Attribution {
    fn is_title_word(&self, w: &str) -> bool {
        self.sets.titles_en.contains(w)
    }

    fn is_not_name(&self, w: &str) -> bool {
        self.sets.not_names_en.contains(w)
            || (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase()))
            || w.chars().any(|c| c.is_ascii_digit())
    }

    fn is_particle(&self, w: &str) -> bool {
        self.sets.particles_en.contains(w)
    }

    /// The mentions of a paragraph, in order.
    pub(crate) fn mentions(&self, text: &str, words: &[Word]) -> Vec<Mention> {
        let mut table = self.table_mentions(text, words);
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let capital = words[i].core.chars().next().is_some_and(char::is_uppercase);
            if !capital {
                i += 1;
                continue;
            }
            let end = self.run_end(words, i);
            self.name_run(words, i, end, &mut table, &mut out);
            i = end;
        }
        out.extend(table);
        out.sort_by_key(|m| m.first);
        out
    }

    /// The end (exclusive) of the run of capitalised words from `i`.
    fn run_end(&self, words: &[Word], i: usize) -> usize {
        let mut j = i;
        loop {
            j += 1;
            if j >= words.len()
                || words[j - 1].comma
                || words[j - 1].stop
                || words[j - 1].possessive
            {
                return j;
            }
            let w = words[j].core;
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let particle = self.is_particle(w)
                && words
                    .get(j + 1)
                    .is_some_and(|n| n.core.chars().next().is_some_and(char::is_uppercase));
            if !(capital || particle) {
                return j;
            }
        }
    }

    /// Read the run `i..end`: its title and its name, merged with a table
    /// mention it overlaps.
    fn name_run(
        &self,
        words: &[Word],
        i: usize,
        end: usize,
        table: &mut Vec<Mention>,
        out: &mut Vec<Mention>,
    ) {
        let run = &words[i..end];
        let cut = run
            .iter()
            .rposition(|w| self.is_title_word(w.core) || self.is_not_name(w.core));
        let name_from = cut.map_or(i, |k| i + k + 1);
        let title = self.run_title(words, i, name_from, end);
        let overlaps = |m: &Mention| m.first < end && m.last >= i;
        // "Both Leaders", "They": the lists read these.
        if table.iter().any(|m| {
            overlaps(m) && matches!(m.what, What::Group(_) | What::Pronoun(_) | What::First)
        }) {
            return;
        }
        if let Some(known) = table
            .iter_mut()
            .find(|m| overlaps(m) && matches!(m.what, What::Known(_)))
        {
            known.first = known.first.min(i);
            known.title = title;
            return;
        }
        let mut name: Vec<String> = words[name_from..end]
            .iter()
            .map(|w| w.core.to_string())
            .collect();
        // "President of Palestine Mahmoud Abbas": the run after a title's "of
        // [the]" opens with the country.
        let of_at = match (i.checked_sub(1).map(|k| words[k].core), i.checked_sub(2)) {
            (Some("of"), _) => i.checked_sub(2),
            (Some("the"), Some(k)) if words[k].core == "of" => i.checked_sub(3),
            _ => None,
        };
        if name_from == i
            && name.len() >= 3
            && of_at.is_some_and(|k| self.is_title_word(words[k].core))
        {
            name.remove(0);
        }
        if name.is_empty() {
            // Title words alone: a reference, unless the table reads them.
            if !title.is_empty() && !table.iter().any(overlaps) {
                let words = title.trim_start_matches("the ").to_string();
                out.push(self.mention(i, end - 1, What::Title(words), String::new(), run));
            }
            return;
        }
        // One word is a name only right after a person's title ("President
        // Moon"); two words or more after any title, an apposition, or on
        // their own.
        let one_word_ok =
            name_from > i && self.sets.name_titles_en.contains(words[name_from - 1].core);
        if (name.len() == 1 && !one_word_ok) || name.len() > 5 {
            return;
        }
        // An office before a name is its title ("the President Emmanuel Bonne").
        table.retain(|m| !(overlaps(m) && matches!(m.what, What::Office(..) | What::Title(_))));
        let what = match self.person(&name.join(" ")) {
            Some(p) => What::Known(self.persons.iter().position(|q| q.id == p.id).unwrap_or(0)),
            None => What::Name(name),
        };
        out.push(self.mention(i, end - 1, what, title, run));
    }

    /// The title written with the run `i..end` whose name starts at
    /// `name_from`, lower case: its title words, an apposition before it
    /// ("High Commissioner for Refugees, Filippo Grandi") or after it
    /// ("Haitham bin Tariq Al Said, the Sultan of Oman").
    fn run_title(&self, words: &[Word], i: usize, name_from: usize, end: usize) -> String {
        let mut title: Vec<&str> = words[i..name_from]
            .iter()
            .map(|w| w.core)
            .filter(|w| self.is_title_word(w))
            .collect();
        // "High Commissioner for Refugees, Filippo Grandi"
        if i > 0 && words[i - 1].comma && name_from == i {
            let from = i.saturating_sub(7);
            if let Some(t) = (from..i).find(|&k| self.is_title_word(words[k].core)) {
                title = words[t..i].iter().map(|w| w.core).collect();
            }
        }
        // "Haitham bin Tariq Al Said, the Sultan of Oman", "Sergei Shoigu,
        // Minister for Civil Defence"
        if words[end - 1].comma {
            let from = end + usize::from(words.get(end).is_some_and(|w| w.core == "the"));
            let more = words[from.min(words.len())..]
                .iter()
                .take_while(|w| self.is_title_word(w.core));
            title.extend(more.map(|w| w.core));
        }
        title.join(" ").to_lowercase()
    }

    fn mention(
        &self,
        first: usize,
        last: usize,
        what: What,
        title: String,
        run: &[Word],
    ) -> Mention {
        Mention {
            first,
            last,
            what,
            title,
            possessive: run.last().is_some_and(|w| w.possessive),
        }
    }

    /// Mentions the persons table and the shipped lists find.
    fn table_mentions(&self, text: &str, words: &[Word]) -> Vec<Mention> {
        let normalized = Normalized::new(text);
        let mut out = Vec::new();
        for found in self.subjects_in(&normalized.text) {
            let (start, end) = normalized.original_range(found.start, found.end);
            let Some(first) = words.iter().position(|w| w.end > start) else {
                continue;
            };
            let last = words
                .iter()
                .rposition(|w| w.start < end)
                .unwrap_or(first)
                .max(first);
            let phrase = normalized.text[found.start..found.end].to_string();
            let what = match found.kind {
                Subject::Person(p) => What::Known(p),
                Subject::Group => What::Group(phrase),
                Subject::Office(o) => What::Office(o, phrase),
                Subject::Continuation => What::Pronoun(Self::is_plural(&phrase)),
                Subject::FirstPerson => What::First,
            };
            // Lower-case "both", "we" stand as words; pronouns only as whole words.
            out.push(Mention {
                first,
                last,
                what,
                title: String::new(),
                possessive: words[last].possessive,
            });
        }
        out
    }
}
