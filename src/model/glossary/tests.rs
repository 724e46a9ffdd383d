use std::collections::HashSet;

use super::*;

#[test]
fn the_builtin_glossary_is_valid_and_large_enough() {
    let g = Glossary::builtin();
    assert!(g.concepts().len() >= 80, "{} concepts", g.concepts().len());
    let mut ids = HashSet::new();
    // Person concepts come from persons.toml (some persons have no Chinese name).
    for c in g
        .concepts()
        .iter()
        .filter(|c| c.sources != ["index-schema/persons.toml"])
    {
        assert!(ids.insert(&c.id), "duplicate id {}", c.id);
        assert!(
            !c.en.is_empty() && !c.zh.is_empty(),
            "{} needs English and Chinese names",
            c.id
        );
        assert!(!c.sources.is_empty(), "{} needs a source", c.id);
    }
}

#[test]
fn names_in_any_script_or_case_find_their_concept() {
    let g = Glossary::builtin();
    for (name, id) in [
        ("Taiwan", "taiwan"),
        ("TAIWAN", "taiwan"),
        ("台湾", "taiwan"),
        ("臺灣", "taiwan"),
        ("乌克兰", "ukraine"),
        ("Soybeans", "soybeans"),
    ] {
        assert_eq!(g.lookup(name).map(|c| c.id.as_str()), Some(id), "{name}");
    }
    assert!(g.lookup("zebra").is_none());
}

#[test]
fn a_japanese_label_names_its_concept_only_as_written() {
    let g = Glossary::builtin();
    // 五輪 (the Olympics in Japanese) folds to 五轮, Chinese for "five rounds".
    assert_eq!(g.lookup("五輪").unwrap().id, "olympic-games");
    assert!(g.lookup("五轮").is_none(), "五轮 is Chinese, not the Games");
    assert_eq!(g.lookup("冬季五輪").unwrap().id, "winter-olympics");
    assert!(g.lookup("冬季五轮").is_none());
    // Text too: 五輪 stands in Chinese text only as 五轮, which is not the Games.
    let games = g.concepts().iter().position(|c| c.id == "olympic-games");
    let games = games.unwrap();
    assert!(!g
        .mentioned_in("北约连续五轮东扩", Some("zh"))
        .contains(&games));
    assert!(g
        .mentioned_in("東京五輪が開かれた", Some("ja"))
        .contains(&games));
    assert!(g.mentioned_in("北京奥运会", Some("zh")).contains(&games));
    // Kana: NFKC still applies (half-width katakana), and 奧運 is Chinese.
    assert_eq!(g.lookup("ｵﾘﾝﾋﾟｯｸ").unwrap().id, "olympic-games");
    assert_eq!(g.lookup("奧運").unwrap().id, "olympic-games");
    // A label that is Chinese and Japanese (中東) is found either way.
    let mut mine = Glossary::default();
    mine.add_text(
        Path::new("mine.toml"),
        "version = 2\n[[concept]]\nid = \"middle-east\"\nen = [\"Middle East\"]\nzh = [\"中东\"]\nzh_hant = [\"中東\"]\nja = [\"中東\"]\n",
    )
    .unwrap();
    assert_eq!(mine.lookup("中东").unwrap().id, "middle-east");
}

#[test]
fn user_files_add_and_override_concepts() {
    let mut g = Glossary::builtin().clone();
    g.add_text(
        Path::new("mine.toml"),
        "version = 1\n[[concept]]\nid = \"quad\"\nen = [\"Quad\"]\nzh = [\"四方安全对话\"]\n",
    )
    .unwrap();
    assert_eq!(g.lookup("四方安全对话").unwrap().id, "quad");
    let err = g
        .add_text(
            Path::new("bad.toml"),
            "version = 1\n[[concept]]\nid = \"x\"\nen = [\"X\"]\nzh = [\"叉\"]\nfrench = []\n",
        )
        .unwrap_err();
    assert!(err.to_string().starts_with("bad.toml:"), "{err}");
}

const V2: &str = r#"version = 2
[[concept]]
id = "taiwan"
en = ["Taiwan"]
zh = ["台湾"]

[[concept]]
id = "taiwan-question"
en = ["Taiwan question", "Taiwan issue"]
zh = ["台湾问题"]
broader = ["taiwan"]
related = ["one-china-principle"]

[[concept]]
id = "one-china-principle"
en = ["one-China principle"]
zh = ["一个中国原则"]
"#;

fn v2() -> Glossary {
    let mut g = Glossary::default();
    g.add_text(Path::new("v2.toml"), V2).unwrap();
    g
}

#[test]
fn a_term_expands_to_its_own_concept_only_unless_broader() {
    let g = v2();
    let e = g.explain("Taiwan question").unwrap();
    assert_eq!(e.concept, "taiwan-question");
    assert_eq!(e.expands_to, ["Taiwan issue", "台湾问题"]);
    let broad = g.explain("台湾").unwrap();
    assert_eq!(broad.expands_to, ["Taiwan"]);
    assert_eq!(
        broad.expands_to_broader,
        ["Taiwan", "Taiwan question", "Taiwan issue", "台湾问题"]
    );
    assert_eq!(broad.narrower, ["taiwan-question"]);
    // Related concepts are shown, never expanded.
    assert_eq!(e.related, ["one-china-principle"]);
    assert!(!e.expands_to_broader.iter().any(|l| l.contains("一个中国")));
}

#[test]
fn a_file_without_a_version_says_what_to_add_and_links_are_checked() {
    let mut g = Glossary::default();
    let err = g
        .add_text(
            Path::new("mine.toml"),
            "[[concept]]\nid = \"x\"\nen = [\"X\"]\n",
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("mine.toml:1:") && err.contains("add `version = 2`"),
        "{err}"
    );
    let bad = V2.replace("broader = [\"taiwan\"]", "broader = [\"taiwn\"]");
    let err = Glossary::default()
        .add_text(Path::new("v2.toml"), &bad)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("v2.toml:11:") && err.contains("\"taiwn\""),
        "{err}"
    );
    let cycle = V2.replace(
        "[[concept]]\nid = \"taiwan\"\n",
        "[[concept]]\nid = \"taiwan\"\nbroader = [\"taiwan-question\"]\n",
    );
    let err = Glossary::default()
        .add_text(Path::new("v2.toml"), &cycle)
        .unwrap_err()
        .to_string();
    assert!(err.contains("broader than itself"), "{err}");
}

#[test]
fn persons_are_concepts_with_names_in_every_script() {
    let g = Glossary::builtin();
    assert_eq!(g.lookup("耿爽").unwrap().id, "geng-shuang");
    assert_eq!(g.lookup("Geng Shuang").unwrap().id, "geng-shuang");
    assert!(g.concepts().len() >= 300);
}

#[test]
fn lint_names_labels_inside_longer_words_and_one_script_concepts() {
    let g = v2();
    // Lines from CC-CEDICT (MDBG, CC BY-SA 4.0), and one invented word.
    let words = crate::model::lexicon::headwords_of(
        "台灣人 台湾人 [Tai2 wan1 ren2] /Taiwanese person or people/\n\
         台灣問題研究 台湾问题研究 [x] /research institute for cross-strait affairs/\n\
         台灣問題 台湾问题 [Tai2 wan1 wen4 ti2] /the Taiwan issue/\n",
    );
    let conflicts = g.conflicts(&words, &[]);
    let found: Vec<(&str, &str)> = conflicts
        .iter()
        .map(|c| (c.concept.as_str(), c.word.as_str()))
        .collect();
    // 台湾人 names Taiwan (Taiwanese); 台湾问题 is a label of its own.
    assert_eq!(
        found,
        [
            ("taiwan", "台湾问题研究"),
            ("taiwan-question", "台湾问题研究")
        ]
    );
    assert!(g
        .conflicts(&words, &["台湾问题研究".to_string()])
        .is_empty());
    let findings = g.lint(&[(conflicts[0].clone(), 3)]);
    assert!(
        findings
            .iter()
            .any(|f| f.problem.contains("台湾问题研究") && f.problem.contains("in 3 passages")),
        "{findings:?}"
    );
}

#[test]
fn the_compiled_glossary_is_cached_and_a_damaged_cache_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("mine.toml");
    std::fs::write(&user, V2).unwrap();
    let cache = dir.path().join("cache");
    let first = Glossary::with_files_cached(std::slice::from_ref(&user), Some(&cache)).unwrap();
    let files: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let second = Glossary::with_files_cached(std::slice::from_ref(&user), Some(&cache)).unwrap();
    assert_eq!(first.concepts().len(), second.concepts().len());
    assert_eq!(second.lookup("台湾问题").unwrap().id, "taiwan-question");
    std::fs::write(&files[0], b"{ damaged").unwrap();
    let third = Glossary::with_files_cached(std::slice::from_ref(&user), Some(&cache)).unwrap();
    assert_eq!(third.lookup("台湾问题").unwrap().id, "taiwan-question");
    // Another user file is another cache entry, not a stale answer.
    std::fs::write(&user, V2.replace("台湾问题", "台海问题")).unwrap();
    let changed = Glossary::with_files_cached(std::slice::from_ref(&user), Some(&cache)).unwrap();
    assert_eq!(changed.lookup("台海问题").unwrap().id, "taiwan-question");
}
