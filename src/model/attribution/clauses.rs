//! English clauses that report: subjects from a clause's start (after an
//! introductory phrase) to a reporting or meeting verb, and a meeting's
//! objects ("X met today with Y and Z").

use super::mentions::{Mention, What, Word};
use super::Attribution;

/// One clause's report: its subjects and, after a meeting verb, its objects.
pub(crate) struct Clause {
    pub subjects: Vec<Mention>,
    pub objects: Vec<Mention>,
    pub meeting: bool,
    /// The verb's word.
    pub verb: usize,
}

impl Attribution {
    /// The reports of a paragraph: one per clause that opens with subjects
    /// and a reporting or meeting verb.
    pub(crate) fn clauses(&self, words: &[Word], mentions: &[Mention]) -> Vec<Clause> {
        let mut starts = vec![0];
        for (i, w) in words.iter().enumerate() {
            if w.stop && i + 1 < words.len() {
                starts.push(i + 1);
            } else if w.comma && words.get(i + 1).is_some_and(|n| n.core == "and") {
                starts.push(i + 2);
            } else if w.comma && w.quote_end && i + 1 < words.len() {
                // "“I respect my opponents,” the Acting President said."
                starts.push(i + 1);
            }
        }
        starts
            .into_iter()
            .filter_map(|s| self.clause_at(words, mentions, s))
            .collect()
    }

    /// Subjects from word `start` to a verb, and a meeting's objects.
    fn clause_at(&self, words: &[Word], mentions: &[Mention], start: usize) -> Option<Clause> {
        let names = &self.sets;
        let at = |i: usize| mentions.iter().find(|m| m.first <= i && i <= m.last);
        let mut i = self.after_intro(words, mentions, start)?;
        let mut subjects: Vec<Mention> = Vec::new();
        // "Assistant to the President and … Jon Finer met": a title's own
        // "to the President" is no subject.
        let mut in_title = false;
        while i < words.len() && i < start + 40 {
            let lower = words[i].core.to_lowercase();
            if let Some(m) = at(i) {
                if m.possessive || words[m.last].colon || words[m.last].stop {
                    return None;
                }
                let part_of_title = matches!(m.what, What::Office(..) | What::Title(_));
                if !(in_title && part_of_title) {
                    subjects.push(m.clone());
                }
                in_title = false;
                i = m.last + 1;
                continue;
            }
            let titles_only =
                !subjects.is_empty() && subjects.iter().all(|m| matches!(m.what, What::Title(_)));
            let after_title = subjects
                .last()
                .is_some_and(|m| matches!(m.what, What::Title(_)));
            if after_title && matches!(lower.as_str(), "to" | "of" | "for") {
                // "Vladimir Putin and President of the Philippines Rodrigo
                // Duterte met": the title belongs to the name after it.
                if !titles_only {
                    subjects.pop();
                }
                in_title = true;
                i += 1;
                continue;
            }
            let meeting = names.meeting_verbs_en.contains(&lower);
            if meeting || self.sets.verbs_en.contains(&lower) || self.verb_phrase(words, i) {
                if subjects.is_empty() {
                    return None;
                }
                let objects = if meeting {
                    self.objects(words, mentions, i + 1)
                } else {
                    Vec::new()
                };
                return Some(Clause {
                    subjects,
                    objects,
                    meeting,
                    verb: i,
                });
            }
            let had = i > 0 && matches!(words[i - 1].core, "had" | "has" | "have" | "held");
            if had && !subjects.is_empty() {
                if let Some(with) = self.meeting_noun(words, i) {
                    let objects = self.objects(words, mentions, with);
                    return Some(Clause {
                        subjects,
                        objects,
                        meeting: true,
                        verb: with.saturating_sub(1).max(i),
                    });
                }
            }
            let filler = names.fillers_en.contains(&lower) || words[i].core.is_empty();
            if !(filler || self.sets.titles_en.contains(words[i].core)) || words[i].stop {
                return None;
            }
            i += 1;
        }
        None
    }

    /// Where a clause's subject starts: after an introductory phrase up to its
    /// first comma ("During the meeting, …", "Discussing the Iraqi problem,
    /// …"), or without a comma at the first name after a noun ("In a
    /// telephone conversation Vladimir Putin congratulated…"); `None` when the
    /// phrase runs to the end of the sentence with no such name.
    fn after_intro(&self, words: &[Word], mentions: &[Mention], start: usize) -> Option<usize> {
        let names = &self.sets;
        let at = |i: usize| mentions.iter().find(|m| m.first <= i && i <= m.last);
        let mut i = start;
        let gerund = words.get(i).is_some_and(|w| {
            w.core.len() > 5
                && w.core.ends_with("ing")
                && w.core.chars().next().is_some_and(char::is_uppercase)
        });
        if i < words.len()
            && at(i).is_none()
            && (gerund || names.intro_words_en.contains(words[i].core))
        {
            let end = words.len().min(i + 25);
            match (i..end).find(|&k| words[k].comma || words[k].stop) {
                Some(c) if !words[c].stop => i = c + 1,
                Some(c) => return self.name_after_intro(words, mentions, i, c),
                None => return self.name_after_intro(words, mentions, i, end - 1),
            }
        }
        Some(i)
    }

    /// The first person's name in words `from..=stop` that follows a word no
    /// preposition or conjunction ("conversation Vladimir Putin", not "with
    /// Vladimir Putin").
    fn name_after_intro(
        &self,
        words: &[Word],
        mentions: &[Mention],
        from: usize,
        stop: usize,
    ) -> Option<usize> {
        const LINKS: [&str; 12] = [
            "with", "by", "to", "of", "for", "from", "and", "between", "about", "on", "at", "the",
        ];
        mentions
            .iter()
            .filter(|m| m.first > from && m.first <= stop)
            .find(|m| matches!(m.what, What::Known(_) | What::Name(_)))
            .filter(|m| {
                let before = words[m.first - 1].core.to_lowercase();
                !LINKS.contains(&before.as_str()) && !words[m.first - 1].comma
            })
            .map(|m| m.first)
    }

    /// A verb that reports with its noun: "sent his condolences", "gave a
    /// positive assessment", "placed special stress".
    fn verb_phrase(&self, words: &[Word], i: usize) -> bool {
        let lower = words[i].core.to_lowercase();
        let end = words.len().min(i + 5);
        self.rules.reported.verb_phrases_en.iter().any(|p| {
            let mut parts = p.split_whitespace();
            let (Some(verb), Some(noun)) = (parts.next(), parts.next()) else {
                return false;
            };
            verb == lower
                && words[i + 1..end]
                    .iter()
                    .take_while(|w| !w.stop || w.core.eq_ignore_ascii_case(noun))
                    .any(|w| w.core.eq_ignore_ascii_case(noun))
        })
    }

    /// "a very good telephone call with", "talks with": the word after "with"
    /// when a meeting noun stands within six words of `i`, before "with".
    fn meeting_noun(&self, words: &[Word], i: usize) -> Option<usize> {
        let nouns = &self.sets.meeting_nouns_en;
        let end = words.len().min(i + 7);
        let with = (i..end).find(|&k| words[k].core == "with")?;
        let stopped = words[i..with].iter().any(|w| w.stop);
        let noun = words[i..with]
            .iter()
            .any(|w| nouns.contains(&w.core.to_lowercase()));
        (noun && !stopped).then_some(with)
    }

    /// The persons a meeting verb at `from` takes: "with" within a few words,
    /// then names up to a stop word or the end of the sentence.
    pub(crate) fn objects(
        &self,
        words: &[Word],
        mentions: &[Mention],
        from: usize,
    ) -> Vec<Mention> {
        let stops = &self.sets.object_stops_en;
        let mut i = (from..words.len().min(from + 7))
            .find(|&k| words[k].core == "with")
            .map_or(from, |k| k + 1);
        let mut out = Vec::new();
        while i < words.len() {
            let w = words[i].core;
            let next_lower = words
                .get(i + 1)
                .is_some_and(|n| n.core.chars().next().is_some_and(char::is_lowercase));
            let article = words
                .get(i + 1)
                .is_some_and(|n| matches!(n.core, "the" | "a" | "an" | "his" | "her"));
            if stops.contains(w) && (w != "to" || (next_lower && !article)) {
                break;
            }
            if let Some(m) = mentions.iter().find(|m| m.first == i) {
                if matches!(m.what, What::Known(_) | What::Name(_)) && !m.possessive {
                    out.push(m.clone());
                }
                if words[m.last].stop {
                    break;
                }
                i = m.last + 1;
                continue;
            }
            if words[i].stop {
                break;
            }
            i += 1;
        }
        out
    }
}
