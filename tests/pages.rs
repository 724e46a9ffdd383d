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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages").join(file);
    let html = std::fs::read_to_string(&path).unwrap();
    let source = path.display().to_string();
    read_page(&Page { url: None, source: &source, html: &html }, None)
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
            assert!(f.note.as_deref().is_some_and(|n| n.starts_with("inferred: ")), "{file}: {} has no `# inferred`", f.key);
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
    for boilerplate in ["Home", "Share", "Print", "Copyright", "Related", "打印", "分享", "责任编辑", "纠错", "Back to Top", "ページのトップへ戻る", "Версия для печати", "Facebook", "Top of Page"] {
        assert!(!d.body.contains(boilerplate), "{file}: boilerplate {boilerplate:?} in the text:\n{}", d.body);
    }
    assert!(is_language_tag(d.value("lang").unwrap()));
}

const ASKS: Option<Role> = Some(Role::Asks);
const ANSWERS: Option<Role> = Some(Role::Answers);

#[test]
fn dump() {
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".html") {
            let d = draft(&name);
            let s = statement_file::parse(Path::new(&d.file_name), &d.render()).map(|s| s.passages.iter().map(|p| format!("{:?}/{:?}", p.role, p.speaker)).collect::<Vec<_>>());
            println!("=== {name}\n{}\n{:?}", d.render(), s);
        }
    }
}
