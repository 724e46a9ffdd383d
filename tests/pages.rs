//! Every page profile, field by field: a saved or structure-faithful page
//! (fixtures/pages/, origins in its README) becomes the statement a person
//! would have written — title, date, publisher, country, language, kind,
//! paragraphs and turns — with no boilerplate, and the draft parses back.

use std::path::Path;

use readouts::acquire::{read_page, Draft, Page};
use readouts::formats::statement_file;
use readouts::model::codes::is_language_tag;
use readouts::model::Role;

fn draft(file: &str) -> Draft {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pages")
        .join(file);
    let html = std::fs::read_to_string(&path).unwrap();
    let source = path.display().to_string();
    read_page(
        &Page {
            url: None,
            source: &source,
            html: &html,
        },
        None,
    )
    .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Check the fields, the paragraphs and their turns; parse the draft back.
fn check(file: &str, fields: &[(&str, &str)], paragraphs: &[&str], roles: &[Option<Role>]) {
    let d = draft(file);
    for (key, want) in fields {
        assert_eq!(d.value(key), Some(*want), "{file}: {key}\n{}", d.render());
    }
    for f in &d.fields {
        if f.key != "url" {
            assert!(
                f.note
                    .as_deref()
                    .is_some_and(|n| n.starts_with("inferred: ")),
                "{file}: {} has no `# inferred`",
                f.key
            );
        }
    }
    let body: Vec<&str> = d.body.split("\n\n").collect();
    assert_eq!(body, paragraphs, "{file}: paragraphs");
    let statement = statement_file::parse(Path::new(&d.file_name), &d.render())
        .unwrap_or_else(|e| panic!("{file}: the draft does not parse: {e}\n{}", d.render()));
    assert_eq!(statement.passages.len(), paragraphs.len(), "{file}");
    if !roles.is_empty() {
        let got: Vec<Option<Role>> = statement.passages.iter().map(|p| p.role).collect();
        assert_eq!(got, roles, "{file}: roles of the turns");
    }
    for boilerplate in [
        "Home",
        "Share",
        "Print",
        "Copyright",
        "Related",
        "打印",
        "分享",
        "责任编辑",
        "纠错",
        "Back to Top",
        "ページのトップへ戻る",
        "Версия для печати",
        "Facebook",
        "Top of Page",
    ] {
        assert!(
            !d.body.contains(boilerplate),
            "{file}: boilerplate {boilerplate:?} in the text:\n{}",
            d.body
        );
    }
    assert!(is_language_tag(d.value("lang").unwrap()));
}

const ASKS: Option<Role> = Some(Role::Asks);
const ANSWERS: Option<Role> = Some(Role::Answers);

#[test]
fn prc_mfa_chinese_press_conference() {
    check(
        "prc-mfa-zh-press-conference.html",
        &[
            (
                "publisher",
                "Ministry of Foreign Affairs of the People's Republic of China",
            ),
            ("country", "CN"),
            ("lang", "zh"),
            ("kind", "press-conference"),
            ("date", "2025-11-24"),
            ("title", "2025年11月24日外交部发言人毛宁主持例行记者会"),
            ("speaker", "Mao Ning"),
        ],
        &[
            "总台央视记者：据报道，双方昨天举行了会谈。中方对此有何评论？",
            "毛宁：我们注意到有关报道。中方的立场是一贯的、明确的。",
            "中方愿同各方一道，推动局势缓和。",
            "法新社记者：你能否证实有关访问的消息？",
            "毛宁：关于你提到的问题，我目前没有可以发布的信息。",
        ],
        &[ASKS, ANSWERS, ANSWERS, ASKS, ANSWERS],
    );
}

#[test]
fn prc_mfa_english_press_conference_and_qa() {
    check(
        "prc-mfa-en-press-conference.html",
        &[("publisher", "Ministry of Foreign Affairs of the People's Republic of China"), ("lang", "en"), ("kind", "press-conference"), ("date", "2025-11-24"), ("speaker", "Mao Ning"), ("url", "https://www.mfa.gov.cn/eng/xw/fyrbt/lxjzh/202511/t20251124_11700002.html")],
        &["CCTV: It is reported that the two sides held talks yesterday. What is China's comment?", "Mao Ning: We noted the reports. China's position is consistent and clear.", "China stands ready to work with all parties to ease the situation.", "AFP: Can you confirm the reports about the visit?", "Mao Ning: On your question, I have no information to release at the moment."],
        &[ASKS, ANSWERS, ANSWERS, ASKS, ANSWERS],
    );
    check(
        "prc-mfa-en-qa.html",
        &[
            ("kind", "spokesperson-qa"),
            ("date", "2025-11-25"),
            ("lang", "en"),
            (
                "title",
                "Foreign Ministry Spokesperson's Answer to a Media Question on the Recent Remarks",
            ),
        ],
        &[
            "Q: Recently, an official made remarks on the question. What is China's response?",
            "A: China firmly opposes the remarks and has lodged stern representations.",
        ],
        &[ASKS, ANSWERS],
    );
}

#[test]
fn xinhua_chinese_and_english() {
    check(
        "xinhua-zh-readout.html",
        &[
            ("publisher", "Xinhua News Agency"),
            ("country", "CN"),
            ("lang", "zh"),
            ("kind", "readout"),
            ("date", "2025-11-24"),
            ("title", "习近平同美国总统特朗普通电话"),
        ],
        &[
            "新华社北京11月24日电 11月24日晚，国家主席习近平同美国总统特朗普通电话。",
            "习近平指出，双方应当保持势头，坚持正确方向。",
            "特朗普表示，美方理解有关问题对中方的重要性。",
        ],
        &[],
    );
    check(
        "xinhua-en-readout.html",
        &[("publisher", "Xinhua News Agency"), ("lang", "en"), ("kind", "readout"), ("date", "2025-11-24"), ("title", "Xi, Trump hold phone talks"), ("id", "xinhua-2025-11-24-xi-trump-hold-phone-talks")],
        &["BEIJING, Nov. 24 (Xinhua) -- Chinese President Xi Jinping spoke with U.S. President Donald Trump over the phone on Monday evening.", "Xi said the two sides should maintain the momentum and keep to the right direction.", "Trump said the U.S. side understands the importance of the question to China."],
        &[],
    );
}

#[test]
fn white_house_remarks() {
    check(
        "whitehouse-remarks.html",
        &[
            ("publisher", "The White House"),
            ("country", "US"),
            ("lang", "en"),
            ("kind", "remarks"),
            ("date", "2025-11-24"),
            (
                "title",
                "Remarks by President Trump Before Marine One Departure",
            ),
        ],
        &[
            "South Lawn",
            "THE PRESIDENT: Thank you very much. We had a very good call today.",
            "Q: Mr. President, did you discuss trade on the call?",
            "THE PRESIDENT: We discussed many things, including trade.",
        ],
        &[None, ANSWERS, ASKS, ANSWERS],
    );
}

#[test]
fn state_department_readout() {
    check(
        "state-department-readout.html",
        &[("publisher", "U.S. Department of State"), ("country", "US"), ("lang", "en"), ("kind", "readout"), ("date", "2025-11-25"), ("title", "Secretary Rubio’s Call with Japanese Foreign Minister Motegi")],
        &["The below is attributable to Spokesperson Tammy Bruce:", "Secretary of State Marco Rubio spoke with Japanese Foreign Minister Motegi Toshimitsu today.", "The Secretary and the Foreign Minister reaffirmed the strength of the alliance."],
        &[],
    );
}

#[test]
fn mofa_japan_english_and_japanese() {
    check(
        "mofa-japan-en-readout.html",
        &[("publisher", "Ministry of Foreign Affairs of Japan"), ("country", "JP"), ("lang", "en"), ("kind", "readout"), ("date", "2025-11-25"), ("title", "Japan-U.S. Summit Telephone Talk")],
        &["On November 25, commencing at 10:00 a.m. for approximately 25 minutes, Ms. TAKAICHI Sanae, Prime Minister of Japan, held a summit telephone talk with the Honorable Donald J. Trump, President of the United States.", "The two leaders confirmed that they would continue to work closely together.", "The two leaders also exchanged views on regional affairs."],
        &[],
    );
    check(
        "mofa-japan-ja-press-conference.html",
        &[
            ("publisher", "Ministry of Foreign Affairs of Japan"),
            ("lang", "ja"),
            ("kind", "press-conference"),
            ("date", "2025-11-25"),
            ("title", "茂木外務大臣会見記録"),
        ],
        &[
            "茂木大臣：本日は冒頭発言はございません。",
            "記者：日米首脳電話会談について伺います。",
            "茂木大臣：両首脳は緊密に連携していくことを確認しました。",
        ],
        &[],
    );
}

#[test]
fn kantei_english_and_japanese() {
    check(
        "kantei-en-press-conference.html",
        &[("publisher", "Prime Minister's Office of Japan"), ("country", "JP"), ("lang", "en"), ("kind", "press-conference"), ("date", "2025-11-25"), ("speaker", "Takaichi Sanae")],
        &["Reporter: I am with a newspaper. Could you tell us about the call?", "Prime Minister Takaichi: I have just concluded my summit telephone talk with the President.", "As this was a diplomatic exchange, I will refrain from divulging the specifics."],
        &[ASKS, ANSWERS, ANSWERS],
    );
    check(
        "kantei-ja-press-conference.html",
        &[
            ("publisher", "Prime Minister's Office of Japan"),
            ("lang", "ja"),
            ("kind", "press-conference"),
            ("date", "2025-11-25"),
            ("title", "高市内閣総理大臣記者会見"),
        ],
        &[
            "記者：電話会談について伺います。",
            "高市総理：先ほど、首脳電話会談を行いました。",
        ],
        &[ASKS, ANSWERS],
    );
}

#[test]
fn kremlin_english_and_russian() {
    check(
        "kremlin-en-readout.html",
        &[("publisher", "President of Russia"), ("country", "RU"), ("lang", "en"), ("kind", "readout"), ("date", "2025-11-24"), ("title", "Telephone conversation with President of the United States Donald Trump"), ("url", "http://en.kremlin.ru/events/president/news/78500")],
        &["Vladimir Putin had a telephone conversation with President of the United States Donald Trump.", "The two presidents discussed the situation in Ukraine.", "They agreed to stay in contact."],
        &[],
    );
    check(
        "kremlin-ru-press-conference.html",
        &[
            ("publisher", "President of Russia"),
            ("lang", "ru"),
            ("kind", "press-conference"),
            ("date", "2025-11-27"),
            ("title", "Пресс-конференция по итогам визита"),
            ("id", "kremlin-2025-11-27-78501"),
        ],
        &[
            "Вопрос: Как вы оцениваете итоги визита?",
            "В.Путин: Итоги визита мы оцениваем положительно.",
        ],
        // Who "В.Путин" is belongs to the Russian name analysis, not to pages.
        &[],
    );
}

#[test]
fn the_generic_reader_marks_what_it_cannot_know() {
    let d = draft("generic-article.html");
    assert_eq!(d.value("title"), Some("Ministry statement on the talks"));
    assert_eq!(d.value("date"), Some("2025-11-26"));
    assert_eq!(
        d.value("publisher"),
        Some("Example Ministry of Foreign Affairs")
    );
    assert_eq!(d.value("lang"), Some("en"));
    assert_eq!(d.unresolved(), ["country"]);
    assert_eq!(d.body.split("\n\n").count(), 2, "{}", d.body);
    assert!(!d.body.contains("Share") && !d.body.contains("Related") && !d.body.contains("Home"));
    assert!(d
        .render()
        .contains("country = \"\"  # could not infer: fill in"));
}

#[path = "pages/real.rs"]
mod real;

#[test]
fn a_saved_mfa_page_without_its_address_is_known_by_its_site_name() {
    let d = draft("prc-mfa-zh-pubdate-no-address.html");
    let why = d.fields.iter().find(|f| f.key == "publisher").unwrap();
    let why = why.note.as_deref().unwrap();
    assert!(
        why.contains("profile prc-mfa-zh") && why.contains("none of its layouts"),
        "{why}"
    );
    assert_eq!(d.value("date"), Some("2022-11-17"), "{}", d.render());
    assert_eq!(
        d.value("title"),
        Some("2022年11月17日外交部发言人赵立坚主持例行记者会")
    );
    assert_eq!(d.value("lang"), Some("zh"));
    assert_eq!(d.body.split("\n\n").count(), 4, "{}", d.body);
    assert!(d.body.starts_with("法新社记者：有报道称"), "{}", d.body);
}
