use super::*;
use unicode_width::UnicodeWidthStr;

/// Real text: the first paragraph of the White House readout of 2021-02-03
/// (President Biden's call with President Moon Jae-in), as in
/// `fixtures/attribution/whitehouse-reported.raw` (public domain), with its
/// line breaks.
const MOON: &str = "President Joseph R. Biden, Jr. spoke today with President Moon Jae-in of\n\
the Republic of Korea to stress his commitment to strengthening the\n\
United States-ROK alliance, which is the linchpin for peace and\n\
prosperity in Northeast Asia.";

fn hit(id: &str, date: &str, text: &str, words: &[&str]) -> Hit {
    let text_matches = words
        .iter()
        .map(|w| {
            let at = text.find(w).unwrap();
            (at, at + w.len())
        })
        .collect();
    Hit {
        doc_id: id.into(),
        passage: 1,
        score: 1.0,
        publisher: "The White House".into(),
        country: "US".into(),
        kind: "readout".into(),
        lang: "en".into(),
        date: date.into(),
        title: String::new(),
        speaker: None,
        speaker_role: None,
        speaker_label: None,
        reported: Vec::new(),
        event: None,
        url: None,
        snippet: String::new(),
        highlights: Vec::new(),
        highlights_chars: Vec::new(),
        text: text.into(),
        text_matches,
        path: String::new(),
        inside: Vec::new(),
        matched: Vec::new(),
        translation: None,
        duplicates: None,
    }
}

#[test]
fn the_left_context_is_cut_from_its_start_and_ends_right_before_the_match() {
    let rows = rows(&hit("moon", "2021-02-03", MOON, &["alliance"]), 20);
    let r = &rows[0];
    assert_eq!(r.matched, "alliance");
    assert_eq!(
        r.left, " United States-ROK ",
        "the words next to the match are kept"
    );
    assert!(r.left_cut && r.right_cut);
    assert!(r.left.width() < 20 && r.right.width() < 20);
    assert_eq!(r.right, ", which is the linc");
    assert_eq!(r.offset, MOON.find("alliance").unwrap());
    assert_eq!((r.date.as_str(), r.passage), ("2021-02-03", 1));
}

#[test]
fn line_breaks_become_spaces_and_short_contexts_are_not_cut() {
    let rows = rows(&hit("moon", "2021-02-03", MOON, &["Republic"]), 200);
    let r = &rows[0];
    assert_eq!(
        r.left,
        "President Joseph R. Biden, Jr. spoke today with President Moon Jae-in of the "
    );
    assert!(!r.left_cut && !r.right_cut);
    assert!(r.right.ends_with("in Northeast Asia."), "{}", r.right);
    assert!(!r.right.contains('\n'));
}

#[test]
fn every_match_of_a_passage_is_a_row_in_text_order() {
    let h = hit(
        "moon",
        "2021-02-03",
        MOON,
        &["President Joseph", "President Moon"],
    );
    let rows = rows(&h, 10);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].left, "");
    assert_eq!(rows[1].matched, "President Moon");
    assert_eq!(rows[1].left, "day with ", "{:?}", rows[1]);
    assert!(rows[0].offset < rows[1].offset);
}

#[test]
fn chinese_contexts_count_two_columns_a_character_and_never_split_one() {
    let text = "中美两国元首通电话，就台湾问题深入交换意见。";
    let mut h = hit("zh", "2025-11-24", text, &["台湾"]);
    h.lang = "zh".into();
    let r = &rows(&h, 6)[0];
    assert_eq!(r.left, "，就");
    assert_eq!(r.right, "问题");
    assert!(r.left_cut && r.right_cut);
    assert_eq!(r.offset, 11);
    // An odd width leaves the column a wide character would overflow empty.
    let r = &rows(&h, 7)[0];
    assert_eq!((r.left.as_str(), r.right.as_str()), ("话，就", "问题深"));
}

#[test]
fn left_sorts_by_the_nearest_word_first_and_ties_go_by_date_then_id() {
    let texts = [
        ("b", "2022-01-01", "They raised the Taiwan Strait."),
        ("a", "2023-01-01", "We discussed the Taiwan Strait."),
        ("c", "2021-01-01", "We discussed the Taiwan Strait."),
        ("d", "2021-01-01", "A strait near Taiwan."),
    ];
    let mut all: Vec<Row> = texts
        .iter()
        .flat_map(|(id, date, text)| rows(&hit(id, date, text, &["Taiwan"]), 40))
        .collect();
    sort_rows(&mut all, KwicSort::Left);
    let ids: Vec<&str> = all.iter().map(|r| r.doc_id.as_str()).collect();
    // 1L: "near" < "the"; then 2L: "discussed" < "raised"; the two identical
    // contexts by date.
    assert_eq!(ids, ["d", "c", "a", "b"]);
    sort_rows(&mut all, KwicSort::Right);
    let ids: Vec<&str> = all.iter().map(|r| r.doc_id.as_str()).collect();
    assert_eq!(
        ids,
        ["d", "c", "b", "a"],
        "nothing before \"strait\"; ties by date"
    );
    sort_rows(&mut all, KwicSort::Date);
    let ids: Vec<&str> = all.iter().map(|r| r.doc_id.as_str()).collect();
    assert_eq!(ids, ["c", "d", "b", "a"]);
}

#[test]
fn a_hit_without_placed_matches_has_no_row_and_widths_are_checked() {
    assert!(rows(&hit("x", "2021-01-01", "text", &[]), 10).is_empty());
    assert!(check_width(0).is_err());
    assert!(check_width(MAX_WIDTH + 1).is_err());
    assert_eq!(check_width(1).unwrap(), 1);
}
