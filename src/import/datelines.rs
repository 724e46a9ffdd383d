//! Datelines: the opening of a news agency's text, "Xinhua News Agency,
//! Beijing, November 24 — …", "BEIJING, Nov. 24 (Xinhua) — …",
//! "新华社北京11月24日电 …".

use super::dates::{cjk_dates, english_dates, FoundDate};
use super::tables::tables;
use crate::analysis::script::is_han;

/// The opening of a dateline paragraph.
#[derive(Debug, Clone)]
pub(super) struct Dateline {
    /// The dateline as written, without the dash ("Xinhua News Agency, Beijing, November 24").
    pub(super) text: String,
    /// The agency it names, if it names one.
    pub(super) agency: Option<String>,
    pub(super) date: FoundDate,
}

/// The dateline a paragraph opens with, if any.
pub(super) fn dateline(text: &str) -> Option<Dateline> {
    english_dateline(text).or_else(|| cjk_dateline(text))
}

fn english_dateline(text: &str) -> Option<Dateline> {
    let head: String = text.chars().take(160).collect();
    let dash = [" — ", "—", " -- ", " – ", " - "]
        .iter()
        .filter_map(|d| head.find(d))
        .min()?;
    let prefix = head[..dash].trim();
    if !prefix.contains(',') || prefix.split_whitespace().count() > 12 {
        return None;
    }
    // "BEIJING, Nov. 24 (Xinhua)": the agency in parentheses.
    let (plain, paren_agency) = match (prefix.find('('), prefix.rfind(')')) {
        (Some(open), Some(close)) if open < close => (
            format!("{}{}", &prefix[..open], &prefix[close + 1..]),
            Some(prefix[open + 1..close].trim().to_string()),
        ),
        _ => (prefix.to_string(), None),
    };
    let parts: Vec<&str> = plain
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // The date ends the dateline: "…, November 24", "…, March 5, 2025".
    let date = english_dates(&plain, 0).into_iter().last()?;
    if !plain.trim_end().ends_with(&date.text) {
        return None;
    }
    let date_parts = date.text.matches(',').count() + 1;
    let agency = paren_agency.filter(|a| !a.is_empty()).or_else(|| {
        (parts.len() >= 2 + date_parts)
            .then(|| parts[0].to_string())
            .filter(|a| a.chars().next().is_some_and(char::is_uppercase))
    });
    Some(Dateline {
        text: prefix.to_string(),
        agency,
        date,
    })
}

fn cjk_dateline(text: &str) -> Option<Dateline> {
    let head: String = text.chars().take(40).collect();
    let date = cjk_dates(&head, 0).into_iter().find(|d| {
        head.get(d.span.1..)
            .is_some_and(|rest| rest.starts_with('电'))
    })?;
    let end = date.span.1 + '电'.len_utf8();
    let prefix = head.get(..end)?.to_string();
    let agency = tables()
        .publishers
        .iter()
        .flat_map(|k| k.aliases.iter())
        .find(|a| a.chars().any(is_han) && prefix.starts_with(a.as_str()))
        .cloned();
    Some(Dateline {
        text: prefix,
        agency,
        date,
    })
}
