//! HTML to text: the paragraphs of an element (block elements and `<br>`
//! end a paragraph; boilerplate elements are skipped; white space collapses,
//! and disappears between two CJK characters), and single values (a title,
//! a date, an attribute).

use std::collections::HashSet;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::profiles::ValueSelector;
use crate::analysis::is_cjk;

/// Elements whose content is never text.
const NEVER_TEXT: [&str; 6] = ["script", "style", "noscript", "template", "svg", "select"];

/// Elements that begin and end a paragraph.
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "pre",
    "figure",
    "br",
    "hr",
    "center",
    "header",
];

/// Collapse white space and trim. Between two CJK characters a line break
/// (the source's hard wrap) or an ideographic space is dropped; a space as
/// written (`黄鹤朋友遍天下 伯牙琴台有知音`) is kept as one space.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut wrapped = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{200b}' {
            pending_space = !out.is_empty();
            wrapped |= matches!(c, '\n' | '\r' | '\u{3000}' | '\u{200b}');
            continue;
        }
        if pending_space {
            let before_cjk = out.chars().next_back().is_some_and(is_cjk_or_cjk_punct);
            if !(wrapped && before_cjk && is_cjk_or_cjk_punct(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        wrapped = false;
        out.push(c);
    }
    out
}

fn is_cjk_or_cjk_punct(c: char) -> bool {
    is_cjk(c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Every element under `root` that one of `selectors` matches (to skip).
pub fn matched_ids<'a>(
    root: ElementRef<'_>,
    selectors: impl IntoIterator<Item = &'a Selector>,
) -> HashSet<NodeId> {
    selectors
        .into_iter()
        .flat_map(|s| root.select(s).map(|e| e.id()).collect::<Vec<_>>())
        .collect()
}

/// The paragraphs of `root`, skipping the elements in `skip`.
pub fn paragraphs(root: ElementRef<'_>, skip: &HashSet<NodeId>) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut skipping: Option<NodeId> = None;
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        let text = clean_text(buf);
        if !text.is_empty() {
            out.push(text);
        }
        buf.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        if skip.contains(&node.id()) || NEVER_TEXT.contains(&e.name()) {
                            skipping = Some(node.id());
                        } else if BLOCKS.contains(&e.name()) {
                            flush(&mut buf, &mut out);
                        }
                    }
                    Node::Text(t) => buf.push_str(t),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    if BLOCKS.contains(&e.name()) {
                        flush(&mut buf, &mut out);
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// The first non-empty value one of `selectors` gives, and the selector.
pub fn first_value<'s>(
    doc: &Html,
    selectors: &'s [ValueSelector],
) -> Option<(String, &'s ValueSelector)> {
    selectors.iter().find_map(|vs| {
        doc.select(&vs.selector).find_map(|e| {
            let text = match &vs.attribute {
                Some(a) => clean_text(e.value().attr(a)?),
                None => clean_text(&e.text().collect::<String>()),
            };
            (!text.is_empty()).then_some((text, vs))
        })
    })
}

/// How a selector is shown in a note: `<h1.entry-title>`, `meta[...]@content`.
pub fn describe(vs: &ValueSelector) -> String {
    match &vs.attribute {
        Some(a) => format!("{}@{a}", vs.css),
        None => format!("<{}>", vs.css),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_come_from_blocks_and_breaks() {
        let doc = Html::parse_document(
            "<div id=a><p>One <b>two</b>\n three.</p>二<br>三<script>x()</script><div class=s>Share</div>\
             <p>中方\n  坚决反对。</p><p>\u{3000}\u{3000}第二段。</p></div>",
        );
        let root = doc.select(&Selector::parse("#a").unwrap()).next().unwrap();
        let skip = matched_ids(root, [&Selector::parse(".s").unwrap()]);
        assert_eq!(
            paragraphs(root, &skip),
            ["One two three.", "二", "三", "中方坚决反对。", "第二段。"]
        );
    }

    #[test]
    fn a_space_written_between_cjk_words_is_kept_a_hard_wrap_is_not() {
        // The title of a real fmprc.gov.cn page (2020-02-27, t1750023).
        assert_eq!(
            clean_text(" 黄鹤朋友遍天下 伯牙琴台有知音 "),
            "黄鹤朋友遍天下 伯牙琴台有知音"
        );
        assert_eq!(clean_text("中方\n  坚决反对。"), "中方坚决反对。");
        assert_eq!(clean_text("中方\u{3000}坚决"), "中方坚决");
    }
}
