//! A page's bytes as text: the charset of the `Content-Type` header, else a
//! byte-order mark, else `<meta charset>` or `<meta http-equiv>` in the first
//! 4 KB, else UTF-8 (`encoding_rs`; GBK, GB18030, Shift_JIS, EUC-JP,
//! windows-1251, … by their WHATWG labels).

use encoding_rs::{Encoding, UTF_8};

/// How far `<meta charset>` is looked for.
const SNIFF_BYTES: usize = 4096;

/// The page as text, and the encoding it was read in (and why).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, String) {
    let (encoding, why) = choose(bytes, content_type);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), format!("{} ({why})", encoding.name()))
}

fn choose(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, &'static str) {
    if let Some(e) = content_type.and_then(charset_param).and_then(label) {
        return (e, "Content-Type header");
    }
    if let Some((e, _)) = Encoding::for_bom(bytes) {
        return (e, "byte-order mark");
    }
    if let Some(e) = meta_charset(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return (e, "<meta charset>");
    }
    (UTF_8, "the default")
}

fn label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(
        name.trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .as_bytes(),
    )
}

/// `charset=…` in a `Content-Type` value.
fn charset_param(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|part| {
        let (k, v) = part.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then_some(v.trim())
    })
}

/// `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    // The head as ASCII: every byte over 0x7f stands for itself as '?'.
    let text: String = head
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { '?' })
        .collect::<String>()
        .to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..tag_end];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + 7..]
                .trim_start()
                .strip_prefix('=')
                .map(str::trim_start);
            if let Some(v) = value {
                let v = v.trim_start_matches(['"', '\'']);
                let end = v
                    .find(|c: char| {
                        c == '"'
                            || c == '\''
                            || c == ';'
                            || c.is_whitespace()
                            || c == '/'
                            || c == '>'
                    })
                    .unwrap_or(v.len());
                if let Some(e) = label(&v[..end]) {
                    // A page that says UTF-16 in ASCII is not UTF-16.
                    return Some(if e.name().starts_with("UTF-16") {
                        UTF_8
                    } else {
                        e
                    });
                }
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_by_meta_and_by_header() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>中方坚决反对。</p>");
        let page = [
            b"<html><head><meta charset=\"gbk\"></head><body>".as_slice(),
            &gbk,
        ]
        .concat();
        let (text, how) = decode(&page, None);
        assert!(text.contains("中方坚决反对。"), "{text}");
        assert!(how.starts_with("GBK"), "{how}");
        let (text, how) = decode(&gbk, Some("text/html; charset=GB2312"));
        assert!(
            text.contains("中方坚决反对。") && how.contains("header"),
            "{how}"
        );
        let old = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />"
                .as_slice(),
            &gbk,
        ]
        .concat();
        assert!(decode(&old, None).0.contains("中方坚决反对。"));
        assert_eq!(decode("<p>台湾</p>".as_bytes(), None).0, "<p>台湾</p>");
    }
}
