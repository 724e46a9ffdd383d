use super::*;

/// The shipped file with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> String {
    assert!(
        IMPORT_TABLES.contains(from),
        "{from:?} not in the shipped file"
    );
    IMPORT_TABLES.replacen(from, to, 1)
}

/// The 1-based line of the first `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    text[..at].matches('\n').count() + 1
}

/// The error of loading `text`, which must start `t.toml:LINE: `.
fn error_at(text: &str, line: usize) -> String {
    let err = Tables::from_toml("t.toml", text)
        .map(|_| ())
        .expect_err("the edited tables must be refused")
        .to_string();
    let prefix = format!("t.toml:{line}: ");
    assert!(err.starts_with(&prefix), "want {prefix:?}, got {err:?}");
    err
}

#[test]
fn the_shipped_tables_load() {
    let t = tables();
    assert_eq!(t.version, VERSION);
    assert!(t.publishers.len() >= 19, "{}", t.publishers.len());
    assert_eq!(t.publisher("Xinhua News Agency").unwrap().slug, "xinhua");
    assert!(t.publisher(&t.roles.japan_foreign_ministry).is_some());
    assert_eq!(t.dates.months["sept"], 9);
    assert_eq!(t.language_name("zh-Hant"), "Chinese");
    assert_eq!(t.language_name("fr"), "original");
    assert_eq!(t.names.chinese_surnames.len(), 60);
}

#[test]
fn an_unknown_key_is_located() {
    let text = edited("slug = \"cnbc\"\n", "slug = \"cnbc\"\ncolour = \"blue\"\n");
    let err = error_at(&text, line_of(&text, "colour"));
    assert!(err.contains("unknown field `colour`"), "{err}");
    let text = edited("[us]\n", "[us]\nstate = \"DC\"\n");
    error_at(&text, line_of(&text, "state ="));
}

#[test]
fn a_duplicate_alias_is_located() {
    let text = edited("aliases = [\"CNN\"]", "aliases = [\"CNN\", \"xinhua\"]");
    let err = error_at(&text, line_of(&text, "\"CNN\", \"xinhua\""));
    assert!(err.contains("alias \"xinhua\" is listed twice"), "{err}");
    assert!(err.contains("Xinhua News Agency"), "{err}");
}

#[test]
fn a_bad_country_code_is_located() {
    let text = edited("country = \"GB\"", "country = \"UK\"");
    let err = error_at(&text, line_of(&text, "\"UK\""));
    assert!(err.contains("\"UK\" is not an ISO 3166-1"), "{err}");
    let text = edited(
        "country = \"US\"\nheading_words",
        "country = \"usa\"\nheading_words",
    );
    error_at(&text, line_of(&text, "\"usa\""));
}

#[test]
fn a_bad_language_tag_is_located() {
    let text = edited("ko = \"Korean\"", "korean = \"Korean\"");
    let err = error_at(&text, line_of(&text, "korean ="));
    assert!(err.contains("\"korean\" is not a language tag"), "{err}");
}

#[test]
fn empty_values_and_repeats_are_located() {
    let text = edited("slug = \"tass\"", "slug = \" \"");
    error_at(&text, line_of(&text, "slug = \" \""));
    let text = edited("excerpt = [\"clip\", \"excerpt\"]", "excerpt = []");
    error_at(&text, line_of(&text, "excerpt = []"));
    let text = edited("\"Mao\",", "\"Mao\", \"Xi\",");
    let err = error_at(&text, line_of(&text, "\"Mao\", \"Xi\""));
    assert!(
        err.contains("\"Xi\" is listed twice in `chinese_surnames`"),
        "{err}"
    );
    let text = edited("name = \"TASS\"", "name = \"CNN\"");
    error_at(&text, line_of(&text, "name = \"CNN\"\ncountry = \"RU\""));
}

#[test]
fn semantic_checks_are_located() {
    let text = edited("version = 1", "version = 2");
    error_at(&text, line_of(&text, "version = 2"));
    let text = edited(
        "us_white_house = \"The White House\"",
        "us_white_house = \"The Kremlin\"",
    );
    let err = error_at(&text, line_of(&text, "The Kremlin"));
    assert!(err.contains("is the name of no [[publisher]]"), "{err}");
    let text = edited("dec = 12", "dec = 13");
    error_at(&text, line_of(&text, "dec = 13"));
    let text = edited("slug = \"nhk\"", "slug = \"N-H-K\"");
    error_at(&text, line_of(&text, "N-H-K"));
    let text = edited("\"host\"", "\"Host\"");
    let err = error_at(&text, line_of(&text, "\"Host\""));
    assert!(err.contains("must be lower case"), "{err}");
    let text = edited("traditional = \"們", "traditional = \"们");
    error_at(&text, line_of(&text, "traditional ="));
}

#[test]
fn toml_syntax_and_type_errors_are_located() {
    let text = edited(
        "outlet = true\naliases = [\"CNN\"]",
        "outlet = yes\naliases = [\"CNN\"]",
    );
    error_at(&text, line_of(&text, "outlet = yes"));
    let text = edited("first_year = 1989", "first_year = \"1989\"");
    error_at(&text, line_of(&text, "first_year = \"1989\""));
    let text = edited("[roles]\n", "[roles]\nus_white_house = \"X\"\n");
    error_at(&text, line_of(&text, "us_white_house = \"X\"") + 4);
}
