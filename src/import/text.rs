//! Small helpers over words of text, shared by the other steps.

use crate::analysis::is_cjk;

/// Runs of letters and digits; everything else separates.
pub(super) fn alnum_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Byte offset of `needle` in `hay` as a whole word (CJK needles anywhere).
pub(super) fn find_word(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let cjk = needle.chars().any(is_cjk);
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|h| h.find(needle)) {
        let at = from + pos;
        let end = at + needle.len();
        let before = hay[..at].chars().next_back();
        let after = hay[end..].chars().next();
        if cjk
            || (!before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric))
        {
            return Some(at);
        }
        from = end;
    }
    None
}

/// Does `hay` contain `needle`, ignoring case?
fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// Does `hay` contain any of `needles`, ignoring case?
pub(super) fn contains_any_ci(hay: &str, needles: &[String]) -> bool {
    needles.iter().any(|n| contains_ci(hay, n))
}

/// `s` made an id part: ASCII letters and digits, lower case, runs of
/// anything else a single hyphen; dots and apostrophes dropped.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if matches!(c, '.' | '\'' | '’') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The first character upper-cased.
pub(super) fn capitalize(text: &str) -> String {
    let mut cs = text.chars();
    cs.next()
        .map(|f| f.to_uppercase().collect::<String>() + cs.as_str())
        .unwrap_or_default()
}
