use super::*;

/// Real text: the White House readout of 2021-02-03 (President Biden's call
/// with President Moon Jae-in), `fixtures/attribution/whitehouse-reported.raw`.
const MOON: &str = "President Joseph R. Biden, Jr. spoke today with President Moon Jae-in of\n\
the Republic of Korea to stress his commitment to strengthening the\n\
United States-ROK alliance, which is the linchpin for peace and\n\
prosperity in Northeast Asia.";

#[test]
fn g2_is_dunnings_four_cell_log_likelihood() {
    // Computed apart, in Python: 2 Σ O ln(O/E) over the four cells.
    assert!((g2(10, 100, 20, 1000) - 21.176_963_409_905_998).abs() < 1e-9);
    assert!((g2(4, 60, 5, 10_000) - 36.206_376_970_985_22).abs() < 1e-9);
    // Observed as expected: no association.
    assert!(g2(1, 10, 10, 100).abs() < 1e-12);
}

#[test]
fn the_window_holds_the_tokens_next_to_each_match_but_not_the_match() {
    let mut t = Tally::default();
    let at = MOON.find("alliance").unwrap();
    window(&mut t, "en", MOON, &[(at, at + "alliance".len())], 2);
    let mut seen: Vec<(&str, u64)> = t.observed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    seen.sort();
    // States-ROK is two tokens; "States" is stemmed, "is" is not.
    assert_eq!(seen, [("is", 1), ("rok", 1), ("state", 1), ("which", 1)]);
    assert_eq!((t.matches, t.passages, t.window_tokens), (1, 1, 4));
    assert_eq!(best_form(&t.forms["state"]), "states");
}

#[test]
fn a_token_near_two_matches_counts_once() {
    let mut t = Tally::default();
    let text = "Taiwan and Taiwan";
    window(&mut t, "en", text, &[(0, 6), (11, 17)], 5);
    assert_eq!(t.observed["and"], 1);
    assert_eq!((t.matches, t.window_tokens), (2, 1));
}

#[test]
fn chinese_windows_count_jieba_words() {
    let mut t = Tally::default();
    let text = "美方理解台湾问题对于中国的重要性";
    let at = text.find("台湾").unwrap();
    window(&mut t, "zh", text, &[(at, at + "台湾".len())], 1);
    assert_eq!(t.window_tokens, 2, "{:?}", t.observed);
    assert!(
        t.observed.keys().all(|k| !k.contains("台湾")),
        "{:?}",
        t.observed
    );
}

#[test]
fn only_attracted_words_with_enough_occurrences_are_listed_best_first() {
    let mut t = Tally {
        window_tokens: 100,
        corpus_tokens: 1000,
        ..Tally::default()
    };
    for (token, observed, corpus) in [
        ("rok", 10, 20),
        ("the", 10, 100),
        ("peace", 2, 2),
        ("ally", 12, 20),
    ] {
        t.observed.insert(token.into(), observed);
        t.corpus.insert(token.into(), corpus);
        t.forms
            .insert(token.into(), HashMap::from([(token.to_string(), observed)]));
    }
    let settings = Settings {
        window: 5,
        min: 3,
        top: 10,
    };
    let r = rank("en".into(), t, settings);
    let words: Vec<&str> = r.rows.iter().map(|c| c.word.as_str()).collect();
    // "the": 10 seen, 10 expected: not attracted; "peace": under the minimum.
    assert_eq!(words, ["ally", "rok"]);
    assert!((r.rows[1].g2 - g2(10, 100, 20, 1000)).abs() < 1e-12);
    assert!((r.rows[1].expected - 2.0).abs() < 1e-12);
}
