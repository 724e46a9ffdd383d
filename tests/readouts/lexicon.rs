//! The open lexicon beneath the glossary (CC-CEDICT) and the per-term report:
//! a name no concept covers is found in both languages and marked, ranked
//! after what was written; an ambiguous entry says so; every search says
//! which languages each term reached, in text, JSON and on the web page.

use crate::util::*;
use crate::wire::Hit;

/// English and Chinese statements naming people and places the built-in
/// glossary has no concept for (the sentences are invented; the names are
/// CC-CEDICT headwords).
fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    let records = [
        Record::new("en-pelosi")
            .date("2022-08-01")
            .text("The Speaker Pelosi visit was raised by the other side."),
        Record::new("zh-pelosi")
            .lang("zh")
            .date("2022-08-02")
            .text("佩洛西窜访一事引起强烈反应。"),
        Record::new("zh-nansha")
            .lang("zh")
            .date("2023-04-02")
            .text("南沙群岛及其附近海域的情况得到讨论。"),
        Record::new("zh-vantongeren")
            .lang("zh")
            .date("2023-05-02")
            .text("会议讨论了双边合作。"),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

#[test]
fn a_dictionary_only_name_is_found_in_both_directions_and_marked() {
    let s = sandbox();
    let order = |hits: &[Hit]| -> Vec<String> { hits.iter().map(|h| h.doc_id.clone()).collect() };
    let hits = s.hits(&["Pelosi"]);
    assert_eq!(
        order(&hits),
        vec!["en-pelosi", "zh-pelosi"],
        "as written first"
    );
    assert_eq!(hits[0].matched[0].source, "written");
    let zh = &hits[1].matched[0];
    assert_eq!(
        (zh.form.as_str(), zh.source.as_str()),
        ("佩洛西", "dictionary")
    );
    assert!(zh.glossary, "an expansion");
    let back = s.hits(&["佩洛西"]);
    assert_eq!(order(&back), vec!["zh-pelosi", "en-pelosi"]);
    assert_eq!(back[1].matched[0].source, "dictionary");
    // --exact: the dictionary is not used either.
    assert_eq!(order(&s.hits(&["Pelosi", "--exact"])), vec!["en-pelosi"]);
}

#[test]
fn an_ambiguous_entry_is_reported_as_ambiguous() {
    let s = sandbox();
    let run = s.run(&["search", "Nansha"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("zh-nansha"), "{}", run.stdout);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("readouts: Nansha → 南沙 (dictionary)"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.contains("ambiguous"), "{line}");
    assert!(line.contains("Guangzhou"), "the district is named: {line}");
}

#[test]
fn every_term_says_which_languages_it_reached_in_text() {
    let s = sandbox();
    let run = s.run(&["search", "Pelosi OR vantongeren"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines.contains(&"readouts: Pelosi → 佩洛西 (dictionary)"),
        "{}",
        run.stderr
    );
    assert!(
        lines.contains(
            &"readouts: vantongeren: as written; no Chinese form known; Chinese statements were searched for it as written only"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_json_report_is_one_object_per_search() {
    let s = sandbox();
    let run = s.run(&["search", "Pelosi", "vantongeren", "--json"]);
    assert_eq!(run.code, 1, "no passage has both: {}", run.stderr);
    let objects: Vec<serde_json::Value> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 1, "{}", run.stderr);
    let coverage = &objects[0]["coverage"];
    assert_eq!(coverage["langs"], serde_json::json!(["en", "zh"]));
    let terms = coverage["terms"].as_array().unwrap();
    assert_eq!(terms.len(), 2);
    assert_eq!(terms[0]["term"], "Pelosi");
    assert_eq!(
        terms[0]["forms"][1],
        serde_json::json!({"form": "佩洛西", "lang": "zh", "source": "dictionary"})
    );
    assert_eq!(terms[0]["missing"], serde_json::json!([]));
    assert_eq!(terms[1]["missing"], serde_json::json!(["zh"]));
}

#[test]
fn count_reports_its_terms_too() {
    let s = sandbox();
    let run = s.run(&["count", "vantongeren", "--by", "lang"]);
    assert!(
        run.stderr
            .contains("vantongeren: as written; no Chinese form known"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_web_page_reports_each_term_above_the_hits() {
    let s = sandbox();
    let server = crate::http::Server::start(&s, &[]);
    let page = server.get("/search?q=Pelosi+OR+vantongeren");
    assert_eq!(page.status, 200, "{}", page.body);
    let report = page.body.find("id=\"coverage\"").expect("the report");
    let hits = page.body.find("class=\"hits\"").expect("the hits");
    assert!(report < hits, "the report stands above the hits");
    assert!(
        page.body.contains("Pelosi → 佩洛西 (dictionary)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(
            "no Chinese form known; Chinese statements were searched for it as written only"
        ),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("class=\"dictionary\""),
        "a dictionary hit is marked"
    );
}

#[test]
fn a_japanese_label_does_not_match_chinese_text() {
    let s = Sandbox::new();
    let records = [
        Record::new("zh-rounds")
            .lang("zh")
            .date("2022-03-01")
            .text("北约连续五轮东扩。"),
        Record::new("zh-games")
            .lang("zh")
            .date("2022-02-01")
            .text("北京冬奥运成功举办。"),
        Record::new("ja-games")
            .lang("ja")
            .date("2021-07-01")
            .text("東京五輪が開かれた。"),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 五輪 is a Japanese label of the Olympic Games: folded to 五轮 it stands in
    // the Chinese "five rounds" too, which is not the Games.
    assert_eq!(ids(&s.hits(&["Olympics"])), vec!["ja-games", "zh-games"]);
    assert_eq!(ids(&s.hits(&["奥运"])), vec!["ja-games", "zh-games"]);
    // Written by the user, a form matches wherever it stands.
    assert_eq!(
        ids(&s.hits(&["五轮", "--exact"])),
        vec!["ja-games", "zh-rounds"]
    );
    // Typed in Chinese, 五轮 is "five rounds": no concept, no Olympics.
    assert_eq!(ids(&s.hits(&["五轮"])), vec!["ja-games", "zh-rounds"]);
    let run = s.run(&["search", "五轮"]);
    let report: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("readouts: 五轮"))
        .collect();
    assert_eq!(report.len(), 1, "{}", run.stderr);
    assert!(
        !report[0].contains("Olympic") && !report[0].contains("奥运"),
        "{}",
        report[0]
    );
    // Typed as the Japanese label, 五輪 is the Games, in every language.
    assert_eq!(
        ids(&s.hits(&["五輪"])),
        vec!["ja-games", "zh-games", "zh-rounds"]
    );
    let run = s.run(&["search", "五輪"]);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("readouts: 五輪 → Olympic Games (concept)")),
        "{}",
        run.stderr
    );
}

#[test]
fn unilateralism_does_not_match_unilateral() {
    let s = Sandbox::new();
    let records = [
        Record::new("adjective")
            .date("2022-03-01")
            .text("Both sides discussed the unilateral sanctions imposed unilaterally."),
        Record::new("doctrine")
            .date("2022-03-02")
            .text("China opposes unilateralism and the unilateralisms of blocs."),
        Record::new("multilateral")
            .date("2022-03-03")
            .text("A multilateral meeting, for multilateralism."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&s.hits(&["unilateralism"])), vec!["doctrine"]);
    assert_eq!(ids(&s.hits(&["unilateral"])), vec!["adjective"]);
    assert_eq!(ids(&s.hits(&["multilateralism"])), vec!["multilateral"]);
    let hits = s.hits(&["multilateral"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].highlights.len(),
        1,
        "the adjective only: {:?}",
        hits[0]
    );
}

#[test]
fn us_in_capitals_is_the_united_states_and_us_is_not() {
    let s = Sandbox::new();
    let records = [
        Record::new("country")
            .date("2022-03-01")
            .text("The US side raised trade."),
        Record::new("pronoun")
            .date("2022-03-02")
            .text("Let us talk about trade with them."),
        Record::new("zh")
            .lang("zh")
            .date("2022-03-03")
            .text("美方提出了贸易问题。"),
        Record::new("who")
            .date("2022-03-04")
            .text("The WHO said who should be vaccinated."),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&s.hits(&["US"])), vec!["country", "zh"]);
    assert_eq!(ids(&s.hits(&["美国"])), vec!["country", "zh"]);
    assert_eq!(ids(&s.hits(&["United States"])), vec!["country", "zh"]);
    // Lower case is the word as written (the pronoun), no concept.
    let us = s.hits(&["us"]);
    assert!(ids(&us).contains(&"pronoun"), "{:?}", ids(&us));
    assert!(!ids(&us).contains(&"zh"));
    assert_eq!(ids(&s.hits(&["WHO", "--exact"])), vec!["who"]);
    assert_eq!(ids(&s.hits(&["World Health Organization"])), vec!["who"]);
}

#[test]
fn a_concept_added_in_one_line_applies_without_reindexing() {
    let s = Sandbox::new();
    let records = [
        Record::new("en-name")
            .date("2022-08-01")
            .text("Minister Vantongeren met the delegation."),
        Record::new("zh-name")
            .lang("zh")
            .date("2022-08-02")
            .text("范通格伦会见了代表团。"),
    ];
    let run = s.run_with_stdin(&["ingest", "-", "--quiet"], &json_lines(&records));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&s.hits(&["Vantongeren"])), vec!["en-name"]);
    let add = s.run(&["glossary", "add", "Vantongeren", "范通格伦"]);
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert!(add.stderr.contains("without reindexing"), "{}", add.stderr);
    let file = s.path("data").join("readouts").join("glossary.toml");
    assert!(std::fs::read_to_string(&file).unwrap().contains("范通格伦"));
    // The next search finds both, the Chinese one through the user's concept.
    let hits = s.hits(&["Vantongeren"]);
    assert_eq!(ids(&hits), vec!["en-name", "zh-name"]);
    let zh = hits.iter().find(|h| h.doc_id == "zh-name").unwrap();
    assert_eq!(zh.matched[0].source, "user");
    let run = s.run(&["search", "Vantongeren", "--json"]);
    let report: crate::wire::CoverageReport =
        parse_line(run.stderr.lines().find(|l| l.starts_with('{')).unwrap());
    let term = &report.coverage.terms[0];
    assert_eq!(term.concept.as_deref(), Some("vantongeren"));
    assert_eq!(
        (term.forms[1].form.as_str(), term.forms[1].source.as_str()),
        ("范通格伦", "user")
    );
    assert!(term.missing.is_empty());
    let text = s.run(&["search", "Vantongeren"]);
    assert!(
        text.stderr
            .contains("readouts: Vantongeren → 范通格伦 (user)"),
        "{}",
        text.stderr
    );
    // Listed, with its file.
    let show = s.run(&["glossary", "show"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout
            .contains("Vantongeren (vantongeren): Vantongeren · 范通格伦"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains(&file.display().to_string()),
        "{}",
        show.stdout
    );
    let one = s.run(&["glossary", "show", "范通格伦", "--json"]);
    let e: serde_json::Value = serde_json::from_str(one.stdout.trim()).unwrap();
    assert_eq!(e["user_file"], file.display().to_string());
    // The same labels again: refused, the file unchanged.
    let again = s.run(&["glossary", "add", "Vantongeren", "范通格伦"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("has these labels already"),
        "{}",
        again.stderr
    );
    // A file of one's own, given to later commands.
    let mine = s.path("mine.toml");
    let add = s.run(&[
        "glossary",
        "add",
        "zh:代表团",
        "delegation",
        "--file",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert!(add.stderr.contains("--glossary"), "{}", add.stderr);
    let with = s.hits(&["代表团", "--glossary", mine.to_str().unwrap()]);
    assert_eq!(ids(&with), vec!["en-name", "zh-name"]);
    // A user file broken by hand: every command names its line.
    std::fs::write(
        &file,
        "version = 2\n[[concept]]\nid = \"x\"\nen = [\"X\"]\nfrench = [\"x\"]\n",
    )
    .unwrap();
    let broken = s.run(&["search", "Vantongeren"]);
    assert_eq!(broken.code, 2, "{}", broken.stderr);
    assert!(
        broken.stderr.contains("glossary.toml:5"),
        "{}",
        broken.stderr
    );
}
