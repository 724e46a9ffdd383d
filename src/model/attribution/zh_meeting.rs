//! Chinese calls and meetings: both parties of 与/同/和/跟 … 通话/会晤/会见
//! (布林肯与王毅通话, 蒂勒森和杨洁篪通了电话, 彭斯…同台湾的代表张忠谋举行了非正式会晤),
//! and the words that stand between a Chinese subject and its verb — time
//! words (拜登上星期三说), dates in brackets, a frame (习近平在…时说).

use super::Attribution;
use super::Subject;

/// Sentence ends.
const SENTENCE_ENDS: [char; 7] = ['。', '!', '?', '！', '？', '；', ';'];
/// Clause ends within a sentence.
const CLAUSE_ENDS: [char; 4] = ['，', ',', '：', ':'];
/// The prepositions of a meeting's other party.
const WITH: [char; 4] = ['与', '同', '和', '跟'];
/// After a meeting verb, a frame: 在与王毅的通话中, 在…会面的前几天.
const FRAMES_AFTER: [&str; 8] = ["中", "时", "期间", "前", "后", "之际", "的", "上"];

impl Attribution {
    /// The parties of each call or meeting a normalised Chinese paragraph
    /// tells, in order: the subject before 与/同/和/跟 (or the sentence's
    /// opening person) and the persons after it, before the verb.
    pub(crate) fn meetings_zh(&self, text: &str) -> Vec<Vec<String>> {
        let mut out: Vec<(usize, Vec<String>)> = Vec::new();
        for verb in &self.sets.meeting_verbs_zh {
            for (at, _) in text.match_indices(verb.as_str()) {
                let after = &text[at + verb.len()..];
                if FRAMES_AFTER.iter().any(|f| after.starts_with(f)) {
                    continue;
                }
                if out.iter().any(|(o, _)| *o == at) {
                    continue;
                }
                if let Some(parties) = self.meeting_at(text, at) {
                    out.push((at, parties));
                }
            }
        }
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, p)| p).collect()
    }

    /// The parties of the meeting whose verb starts at byte `at`.
    fn meeting_at(&self, text: &str, at: usize) -> Option<Vec<String>> {
        let after_char = |i: usize| i + text[i..].chars().next().map_or(1, char::len_utf8);
        let sentence = text[..at].rfind(SENTENCE_ENDS).map_or(0, after_char);
        let clause = text[sentence..at]
            .rfind(CLAUSE_ENDS)
            .map_or(sentence, |i| after_char(sentence + i));
        let segment = &text[clause..at];
        let (p, prep) = segment.char_indices().find(|(_, c)| WITH.contains(c))?;
        // 在与王毅的通话中: a frame, not a report.
        if segment[..p].ends_with('在') {
            return None;
        }
        let object = &segment[p + prep.len_utf8()..];
        let object = ["举行", "进行"]
            .iter()
            .filter_map(|w| object.find(w))
            .min()
            .map_or(object, |i| &object[..i]);
        let mut subjects = self.persons_in_zh(&segment[..p]);
        if subjects.is_empty() && segment[..p].trim().is_empty() && clause > sentence {
            // 彭斯在离开新加坡前,和新加坡总理李显龙举行双边会谈: the sentence's opener.
            let first = text[sentence..clause]
                .split(CLAUSE_ENDS)
                .next()
                .unwrap_or("");
            subjects = self.opening_person_zh(first).into_iter().collect();
        }
        let objects = self.persons_in_zh(object);
        if subjects.is_empty() || objects.is_empty() {
            return None;
        }
        let mut parties = subjects;
        for o in objects {
            if !parties.contains(&o) {
                parties.push(o);
            }
        }
        Some(parties)
    }

    /// The persons a short Chinese segment names: persons of the table, else
    /// the name it ends with after a title (台湾的代表张忠谋).
    pub(crate) fn persons_in_zh(&self, segment: &str) -> Vec<String> {
        let segment = self.strip_time_suffix_zh(segment.trim());
        let known: Vec<String> = self
            .subjects_in(segment)
            .into_iter()
            .filter_map(|f| match f.kind {
                Subject::Person(p) => Some(self.persons[p].name.clone()),
                _ => None,
            })
            .collect();
        if !known.is_empty() {
            let mut out: Vec<String> = Vec::new();
            for k in known {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
            return out;
        }
        self.name_in_segment(segment).into_iter().collect()
    }

    /// The person a clause opens with (彭斯在离开新加坡前): a person of the
    /// table within its first characters.
    fn opening_person_zh(&self, clause: &str) -> Option<String> {
        let f = self.subjects_in(clause).into_iter().next()?;
        let Subject::Person(p) = f.kind else {
            return None;
        };
        (clause[..f.start].chars().count() <= 8).then(|| self.persons[p].name.clone())
    }

    /// `rest` after the words that may follow a subject before its verb:
    /// time words (上星期三, 当天), a date in brackets ((11月16日)), a frame
    /// opening with 在 and closing with 时/中/期间/之际 within the clause.
    pub(crate) fn skip_time_zh<'t>(&self, mut rest: &'t str) -> &'t str {
        loop {
            let before = rest;
            rest = rest.trim_start();
            for w in &self.sets.time_words_zh {
                if let Some(r) = rest.strip_prefix(w.as_str()) {
                    rest = r;
                }
            }
            if let Some(inner) = rest.strip_prefix(['(', '（']) {
                if let Some(close) = inner.find([')', '）']) {
                    let dated = inner[..close].contains(['年', '月', '日']);
                    if dated {
                        rest = &inner
                            [close + inner[close..].chars().next().map_or(1, char::len_utf8)..];
                    }
                }
            }
            if let Some(frame) = rest.strip_prefix('在') {
                let clause_end = frame.find(CLAUSE_ENDS).unwrap_or(frame.len());
                let clause_end = frame[..clause_end]
                    .find(SENTENCE_ENDS)
                    .unwrap_or(clause_end);
                // The frame closes where a verb follows (在向美中关系…致贺信时说:
                // not at the 中 of 美中).
                let mut closes: Vec<usize> = ["时", "中", "期间", "之际"]
                    .iter()
                    .flat_map(|c| {
                        frame[..clause_end]
                            .match_indices(c)
                            .map(move |(i, _)| i + c.len())
                    })
                    .collect();
                closes.sort_unstable();
                let verb_at = |i: usize| {
                    let r = &frame[i..];
                    self.sets
                        .verbs_zh
                        .iter()
                        .chain(&self.sets.adverbs_zh)
                        .chain(&self.sets.meeting_verbs_zh)
                        .any(|v| r.starts_with(v.as_str()))
                };
                if let Some(&close) = closes.iter().find(|&&i| verb_at(i)) {
                    rest = &frame[close..];
                }
            }
            if rest == before {
                return rest;
            }
        }
    }

    /// `segment` without the time words and titles that end it
    /// (谭克非大校上星期四 → 谭克非).
    pub(crate) fn strip_time_suffix_zh<'t>(&self, mut segment: &'t str) -> &'t str {
        loop {
            let before = segment;
            for w in self.sets.time_words_zh.iter().chain(&self.sets.adverbs_zh) {
                segment = segment.strip_suffix(w.as_str()).unwrap_or(segment);
            }
            if segment.ends_with([')', '）']) {
                if let Some(open) = segment.rfind(['(', '（']) {
                    if segment[open..].contains(['年', '月', '日']) {
                        segment = &segment[..open];
                    }
                }
            }
            // A rank after the name (大校): only when a name stays before it.
            for t in self.sets.titles.iter().filter(|t| !t.is_ascii()) {
                if let Some(s) = segment.strip_suffix(t.as_str()) {
                    if self.name_in_segment(s).is_some() {
                        segment = s;
                    }
                }
            }
            if segment == before {
                return segment;
            }
        }
    }
}
