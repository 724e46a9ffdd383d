//! Lines are copied from CC-CEDICT (MDBG, CC BY-SA 4.0; data/cc-cedict/).

use super::*;

const LINES: &str = "\
# CC-CEDICT
佩洛西 佩洛西 [Pei4 luo4 xi1] /Nancy Pelosi (1940-), US Democrat politician from California, speaker of US House of Representatives 2007-2011 and 2019-/
南沙 南沙 [Nan2 sha1] /Nansha Islands, aka Spratly Islands/Nansha District of Guangzhou City 廣州市|广州市[Guang3 zhou1 Shi4], Guangdong/
南沙群島 南沙群岛 [Nan2 sha1 Qun2 dao3] /Spratly Islands, disputed between China, Malaysia, the Philippines, Taiwan and Vietnam/
西沙 西沙 [Xi1 sha1] /see 西沙群島|西沙群岛[Xi1 sha1 Qun2 dao3]/
西沙群島 西沙群岛 [Xi1 sha1 Qun2 dao3] /Paracel Islands, in the South China Sea/
美國 美国 [Mei3 guo2] /United States/USA/US/
安全 安全 [an1 quan2] /safe; secure; safety; security/
軍售 军售 [jun1 shou4] /arms sales/
";

#[test]
fn a_name_is_found_in_both_directions() {
    let l = Lexicon::from_text(LINES);
    assert_eq!(l.chinese_for("Pelosi").unwrap().forms, vec!["佩洛西"]);
    assert_eq!(l.chinese_for("nancy pelosi").unwrap().forms, vec!["佩洛西"]);
    let english = l.english_for("佩洛西").unwrap();
    assert_eq!(english.forms, vec!["Pelosi", "Nancy Pelosi"]);
    assert!(english.ambiguous.is_empty());
    assert_eq!(l.chinese_for("arms sales").unwrap().forms, vec!["军售"]);
}

#[test]
fn an_ambiguous_entry_says_so() {
    let l = Lexicon::from_text(LINES);
    let nansha = l.chinese_for("Nansha").unwrap();
    assert_eq!(nansha.forms, vec!["南沙"]);
    assert_eq!(nansha.ambiguous.len(), 2, "{:?}", nansha.ambiguous);
    assert!(nansha.ambiguous[1].contains("Guangzhou"));
    // The islands by their other name: both headwords, and 南沙 also names
    // the district.
    let spratly = l.chinese_for("Spratly Islands").unwrap();
    assert_eq!(spratly.forms, vec!["南沙", "南沙群岛"]);
    assert!(spratly.ambiguous.iter().any(|a| a.contains("District")));
    let back = l.english_for("南沙").unwrap();
    assert!(back.forms.contains(&"Nansha Islands".to_string()));
    assert_eq!(back.ambiguous.len(), 2);
}

#[test]
fn a_reference_takes_the_labels_it_points_to() {
    let l = Lexicon::from_text(LINES);
    assert_eq!(
        l.english_for("西沙").unwrap().forms,
        vec!["Paracel Islands"],
        "西沙 is `see 西沙群岛`"
    );
    assert_eq!(
        l.chinese_for("Paracel Islands").unwrap().forms,
        vec!["西沙", "西沙群岛"]
    );
}

#[test]
fn acronyms_match_in_capitals_and_common_words_not_at_all() {
    let l = Lexicon::from_text(LINES);
    assert_eq!(l.chinese_for("US").unwrap().forms, vec!["美国"]);
    assert!(
        l.chinese_for("us").is_none(),
        "the pronoun is not the country"
    );
    assert!(l.chinese_for("security").is_none());
    assert!(l.english_for("安全").is_none());
}

#[test]
fn the_shipped_dictionary_loads() {
    let l = Lexicon::builtin();
    assert!(l.len() > 20_000, "{} entries with labels", l.len());
    for (en, zh) in [
        ("Pelosi", "佩洛西"),
        ("Wuhan", "武汉"),
        ("Security Council", "安理会"),
        ("Diaoyu", "钓鱼岛"),
        ("Paracel Islands", "西沙群岛"),
    ] {
        let found = l.chinese_for(en).unwrap_or_else(|| panic!("{en}"));
        assert!(
            found.forms.iter().any(|f| f == zh),
            "{en}: {:?}",
            found.forms
        );
    }
    assert!(l
        .english_for("武汉")
        .unwrap()
        .forms
        .contains(&"Wuhan".to_string()));
}
