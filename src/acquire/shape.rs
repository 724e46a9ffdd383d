//! A cheap look at a page's tags before the HTML parser sees it: the parser
//! (html5ever) takes time that grows with the nesting depth for every
//! element (10⁵ nested `<div>`, 1.1 MB, took 253 s) and memory that grows
//! with the element count (20 MB of `x<br>` took 1.45 GB), so a page over
//! [`MAX_DEPTH`] levels or [`MAX_ELEMENTS`] elements is refused, located,
//! before it is parsed.
//!
//! The count is of start tags outside comments and raw text (`<script>`,
//! `<style>`, …); the depth counts elements that need an end tag and are
//! not closed yet (void elements and those whose end tag may be left out,
//! such as `<p>` and `<li>`, do not add a level), so it is an estimate of
//! what the parser builds, never above the tags written.

use crate::error::{Error, Result};

/// The most elements a page may have (real publishers' pages have a few
/// thousand).
pub const MAX_ELEMENTS: usize = 100_000;

/// The deepest nesting a page may have (real pages: under 50 levels).
pub const MAX_DEPTH: usize = 256;

/// Elements without an end tag, or whose end tag may be left out: they add
/// no level.
const FLAT: [&str; 31] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound", "p", "li", "dt", "dd", "tr", "td",
    "th", "option", "optgroup", "rp", "rt", "thead", "tbody",
];

/// Elements whose content is text, not tags.
const RAW: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Refuse a page over the element or depth cap, naming the line.
pub fn check(html: &str, source: &str) -> Result<()> {
    let bytes = html.as_bytes();
    let (mut at, mut elements, mut depth) = (0usize, 0usize, 0usize);
    while let Some(lt) = memchr(b'<', &bytes[at..]) {
        let start = at + lt;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name = tag_name(&bytes[name_at..]);
        if name.is_empty() {
            at = start + 1;
            continue;
        }
        let end = tag_end(bytes, name_at + name.len());
        let flat = FLAT.contains(&name.as_str()) || bytes[..end].ends_with(b"/>");
        if closing {
            if !flat {
                depth = depth.saturating_sub(1);
            }
        } else {
            elements += 1;
            if !flat {
                depth += 1;
            }
            let refuse = |what: String| Error::Extract {
                page: source.to_string(),
                reason: format!(
                    "line {}: {what}; refused unparsed (a broken or hostile page)",
                    line_at(bytes, start)
                ),
            };
            if elements > MAX_ELEMENTS {
                return Err(refuse(format!("more than {MAX_ELEMENTS} elements")));
            }
            if depth > MAX_DEPTH {
                return Err(refuse(format!(
                    "elements nested more than {MAX_DEPTH} deep"
                )));
            }
            if RAW.contains(&name.as_str()) {
                let close = format!("</{name}");
                at = find_ignore_case(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
                continue;
            }
        }
        at = end;
    }
    Ok(())
}

/// The lower-case tag name at the start of `bytes` (empty when none).
fn tag_name(bytes: &[u8]) -> String {
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return String::new();
    }
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Just past the `>` ending a tag whose attributes start at `from` (quoted
/// values may hold `>`).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, b) in bytes.iter().enumerate().skip(from) {
        match (quote, *b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| from + i)
}

fn line_at(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at].iter().filter(|b| **b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_and_many_elements_are_refused_with_their_line() {
        let deep = format!("<html>\n<body>\n{}", "<div>".repeat(MAX_DEPTH + 10));
        let e = check(&deep, "deep.html").unwrap_err().to_string();
        assert!(e.contains("deep.html") && e.contains("line 3"), "{e}");
        assert!(
            e.contains(&format!("nested more than {MAX_DEPTH} deep")),
            "{e}"
        );
        let flat_divs = "<div>x</div>\n".repeat(MAX_DEPTH * 4);
        check(&flat_divs, "flat.html").unwrap();
        let many = "x<br>".repeat(MAX_ELEMENTS + 1);
        let e = check(&many, "br.html").unwrap_err().to_string();
        assert!(
            e.contains(&format!("more than {MAX_ELEMENTS} elements")),
            "{e}"
        );
        check(&"x<br>".repeat(MAX_ELEMENTS), "br.html").unwrap();
    }

    #[test]
    fn comments_scripts_and_unclosed_optional_tags_add_no_depth() {
        let many_p = "<p>para".repeat(MAX_DEPTH * 2);
        check(&many_p, "p.html").unwrap();
        let script = format!(
            "<script>var s = \"{}\";</script>",
            "<div>".repeat(MAX_DEPTH * 2)
        );
        check(&script, "script.html").unwrap();
        let comment = format!("<!-- {} -->", "<div>".repeat(MAX_DEPTH * 2));
        check(&comment, "comment.html").unwrap();
        let quoted = format!(
            "<a title=\"a > b\">{}",
            "<span></span>".repeat(MAX_DEPTH * 2)
        );
        check(&quoted, "quoted.html").unwrap();
        for name in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pages"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
        {
            let bytes = std::fs::read(&name).unwrap();
            check(&String::from_utf8_lossy(&bytes), "real page")
                .unwrap_or_else(|e| panic!("{}: {e}", name.display()));
        }
    }
}
