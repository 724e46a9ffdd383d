//! Chinese names no persons file knows, reported when they speak: a name
//! after a title or office before a reporting verb (苏丹外交事务临时负责人萨迪克
//! 表示, 美国国务卿布林肯说), or a Chinese name opening a clause before one
//! (翟隽强调). Reported as written.

use super::reported::Found;
use super::Attribution;
use crate::analysis::is_cjk;

/// The most characters of a transliterated name (阿卜杜拉·本·扎耶德).
const MAX_NAME_CHARS: usize = 12;

impl Attribution {
    /// Unknown names that speak in a normalised Chinese paragraph, with the
    /// byte offset of each, skipping spans the persons table already read.
    pub(crate) fn unknown_speakers_zh(&self, text: &str, found: &[Found]) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for verb in &self.sets.verbs_zh {
            for (at, _) in text.match_indices(verb.as_str()) {
                let clause_start = text[..at]
                    .rfind([
                        '，', '。', '；', '：', '、', '“', '”', ',', ';', ':', '（', '）',
                    ])
                    .map_or(0, |i| {
                        i + text[i..].chars().next().map_or(1, char::len_utf8)
                    });
                let mut segment = &text[clause_start..at];
                // 还、也、再次 between the name and the verb.
                loop {
                    let before = segment;
                    for adverb in &self.sets.adverbs_zh {
                        segment = segment.strip_suffix(adverb.as_str()).unwrap_or(segment);
                    }
                    if segment == before {
                        break;
                    }
                }
                segment = self.strip_time_suffix_zh(segment);
                let known = found.iter().any(|f| f.start >= clause_start && f.end <= at);
                if known || segment.is_empty() {
                    continue;
                }
                if let Some(name) = self.name_in_segment(segment) {
                    let start = at - name.len();
                    if !out.iter().any(|(_, n)| *n == name) {
                        out.push((start, name));
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// The name a clause ends with: after its last title, or the whole clause
    /// when it is a Chinese name.
    pub(crate) fn name_in_segment(&self, segment: &str) -> Option<String> {
        if self.sets.not_names_zh.iter().any(|n| n == segment) {
            return None;
        }
        let titled = self
            .sets
            .titles
            .iter()
            .filter(|t| !t.is_ascii())
            .filter_map(|t| segment.rfind(t.as_str()).map(|i| i + t.len()))
            .max();
        let name = match titled {
            Some(end) => &segment[end..],
            None if self.is_zh_name(segment) && segment.chars().count() <= 3 => segment,
            None => return None,
        };
        let chars = name.chars().count();
        let shaped = (2..=MAX_NAME_CHARS).contains(&chars)
            && name
                .chars()
                .all(|c| is_cjk(c) || matches!(c, '·' | '•' | '-'))
            && !name.starts_with(['·', '•', '-']);
        // A title alone (美国总统表示) or words after it (总统府表示) are no name.
        let not_words = !["方", "府", "部", "国", "们", "局", "处", "馆", "会", "院"]
            .iter()
            .any(|end| name.ends_with(end));
        (shaped && not_words).then(|| name.to_string())
    }
}
