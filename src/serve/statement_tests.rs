//! A statement a window at a time ([`crate::query::window`]) gives what the
//! whole document gives; the links to statements and their pages.

use crate::ingest::bundled;
use crate::query::documents;
use crate::query::window::{outline, passages, passages_at};
use crate::serve::html::{compare_href, passage_href, statement_href, unseg};

#[test]
fn windows_of_a_statement_are_its_paragraphs_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = bundled::open_demo(&dir.path().join("index")).unwrap();
    let id = "xinhua-2025-11-24-xi-trump-call-en";
    let mut whole = documents::document(&index, id).unwrap();
    assert!(whole.passages.len() > 3);
    // A window carries no `reported_by` (the words that report a person are
    // worked out over the whole statement: `show --json` gives them).
    assert!(whole.passages.iter().any(|p| !p.reported_by.is_empty()));
    for p in &mut whole.passages {
        p.reported_by.clear();
    }
    let searcher = index.searcher().unwrap();
    let outline = outline(&index, &searcher, id).unwrap();
    assert_eq!(outline.passages(), whole.passages.len());
    let mut head = outline.document.clone();
    head.passages = whole.passages.clone();
    assert_eq!(head, whole, "the same metadata");
    let a = passages_at(&index, &searcher, &outline, 0..2).unwrap();
    let b = passages_at(&index, &searcher, &outline, 2..usize::MAX).unwrap();
    assert_eq!([a, b].concat(), whole.passages);
    let by_number = passages(&index, &searcher, &outline, 2, 3).unwrap();
    assert_eq!(by_number, whole.passages[1..3].to_vec());
    assert!(matches!(
        crate::query::window::outline(&index, &searcher, "nope"),
        Err(crate::error::Error::NotFound(_))
    ));
}

#[test]
fn ids_of_any_shape_get_an_address_that_decodes_to_them() {
    for id in [
        "x.json",
        "a/b",
        "%",
        "with space",
        "台湾 问题",
        "x.csv",
        "...",
        "plain-id_1",
    ] {
        let href = statement_href(id, "");
        let segment = href.strip_prefix("/statements/").unwrap();
        assert!(!segment.contains(['.', '/', ' ']), "{href}");
        assert_eq!(unseg(segment).as_deref(), Some(id));
    }
    assert_eq!(statement_href("..", ".json"), "/statement.json?id=%2E%2E");
    assert_eq!(statement_href(".", ""), "/statement?id=%2E");
    assert_eq!(passage_href("a", 3), "/statements/a#p3");
    assert_eq!(passage_href("a", 501), "/statements/a?page=2#p501");
    assert_eq!(
        passage_href("..", 1001),
        "/statement?id=%2E%2E&page=3#p1001"
    );
    assert_eq!(compare_href("a/b", "", ""), "/events/a%2Fb/compare");
    assert_eq!(
        compare_href("e", ".csv", "terms=x"),
        "/events/e/compare.csv?terms=x"
    );
    assert_eq!(
        compare_href("..", ".json", "terms=x"),
        "/compare.json?event=%2E%2E&terms=x"
    );
    assert_eq!(unseg("%E5%8F"), None, "not UTF-8");
    assert_eq!(unseg("%4"), None);
}
