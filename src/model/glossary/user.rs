//! A concept added in one line (`readouts glossary add Pelosi 佩洛西`): the
//! labels sorted into languages, the concept they extend (when one of them is
//! already a label), and the `[[concept]]` block appended to a user glossary
//! file — validated with the whole file before anything is written.
//!
//! Nothing in the index depends on the glossary (queries are expanded when
//! they run), so an added concept applies to the next search without reindexing.

use std::path::Path;

use super::{key, Concept, Glossary};
use crate::analysis::normalize;
use crate::analysis::script::{is_han, is_hangul, is_kana};
use crate::error::{Error, Result};

/// The first lines of a user glossary file `glossary add` creates.
const HEADER: &str = "# Concepts added by `readouts glossary add` (same format as index-schema/glossary.toml).\nversion = 2\n";

/// What `glossary add` will append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition {
    /// The concept as it will stand in the file (an extended concept with all
    /// its labels).
    pub concept: Concept,
    /// The concept it extends, when a label was already one of its labels.
    pub extends: Option<String>,
    /// The labels new to the concept.
    pub added: Vec<String>,
}

/// The language field of a label given as `lang:label` or by its script:
/// kana → `ja`, Hangul → refused (no Korean labels), Han → `zh` or, when it
/// folds to other (Simplified) characters, `zh_hant`, Cyrillic → `ru`, else `en`.
pub fn label_lang(arg: &str) -> Result<(&'static str, String)> {
    let langs = ["en", "zh", "zh_hant", "ja", "ru"];
    if let Some((prefix, label)) = arg.split_once(':') {
        let prefix = prefix.trim().to_lowercase().replace('-', "_");
        if let Some(lang) = langs.iter().find(|l| **l == prefix) {
            return Ok((lang, label.trim().to_string()));
        }
    }
    let label = arg.trim().to_string();
    let lang = if label.chars().any(is_kana) {
        "ja"
    } else if label.chars().any(is_hangul) {
        return Err(Error::Usage(format!(
            "{label:?}: the glossary has no Korean labels (en, zh, zh_hant, ja, ru)"
        )));
    } else if label.chars().any(is_han) {
        match normalize(&label) == label {
            true => "zh",
            false => "zh_hant",
        }
    } else if label.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c)) {
        "ru"
    } else {
        "en"
    };
    Ok((lang, label))
}

/// A concept id from a label: lower case ASCII letters and digits, the rest
/// as single hyphens (`Nancy Pelosi` → `nancy-pelosi`).
fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn list_of<'c>(c: &'c mut Concept, lang: &str) -> &'c mut Vec<String> {
    match lang {
        "zh" => &mut c.zh,
        "zh_hant" => &mut c.zh_hant,
        "ja" => &mut c.ja,
        "ru" => &mut c.ru,
        _ => &mut c.en,
    }
}

/// The id of the concept added: the extended one's, else `id`, else the
/// slug of the first English label; never another concept's.
fn concept_id(
    glossary: &Glossary,
    labels: &[(&str, String)],
    id: Option<&str>,
    extends: Option<&str>,
) -> Result<String> {
    let chosen = match (id, extends) {
        (Some(given), Some(found)) if given != found => {
            return Err(Error::Usage(format!(
                "glossary add: {found:?} already has one of these labels; leave out --id or give --id {found}"
            )))
        }
        (_, Some(found)) => return Ok(found.to_string()),
        (Some(given), None) => given.to_string(),
        (None, None) => {
            let first = labels.iter().find(|(l, _)| *l == "en").map(|(_, t)| slug(t));
            match first.filter(|s| !s.is_empty()) {
                Some(s) => s,
                None => {
                    return Err(Error::Usage(
                        "glossary add: no English label to name the concept by; give --id SLUG"
                            .into(),
                    ))
                }
            }
        }
    };
    if glossary.get(&chosen).is_some() {
        return Err(Error::Usage(format!(
            "glossary add: the id {chosen:?} is another concept's; give --id SLUG"
        )));
    }
    Ok(chosen)
}

/// The concept `labels` (`lang:label` or by script) add to `glossary`: a new
/// one (`id`, else the slug of its first English label), or the one concept
/// some of them already name, with the others added. Refused: no label, a
/// label without letters, labels of two concepts, an id already taken.
pub fn addition(glossary: &Glossary, labels: &[String], id: Option<&str>) -> Result<Addition> {
    let labels: Vec<(&str, String)> = labels
        .iter()
        .map(|l| label_lang(l))
        .collect::<Result<_>>()?;
    if labels.is_empty() {
        return Err(Error::Usage("glossary add: give at least one label".into()));
    }
    for (_, label) in &labels {
        if key(label).is_empty() {
            return Err(Error::Usage(format!(
                "glossary add: the label {label:?} has no letters, digits or CJK characters"
            )));
        }
    }
    let mut named: Vec<&Concept> = Vec::new();
    for (_, label) in &labels {
        if let Some(c) = glossary.lookup(label) {
            if !named.iter().any(|n| n.id == c.id) {
                named.push(c);
            }
        }
    }
    if named.len() > 1 {
        let ids: Vec<&str> = named.iter().map(|c| c.id.as_str()).collect();
        return Err(Error::Usage(format!(
            "glossary add: the labels name {} concepts already ({}); add labels to one concept at a time",
            ids.len(),
            ids.join(", ")
        )));
    }
    let extends = named.first().map(|c| c.id.clone());
    let mut concept = match named.first() {
        Some(c) => (*c).clone(),
        None => Concept::default(),
    };
    concept.id = concept_id(glossary, &labels, id, extends.as_deref())?;
    let mut added = Vec::new();
    for (lang, label) in labels {
        let k = key(&label);
        if concept.labels().any(|l| key(l) == k) && extends.is_some() {
            continue;
        }
        let list = list_of(&mut concept, lang);
        if !list.contains(&label) {
            list.push(label.clone());
            added.push(label);
        }
    }
    if added.is_empty() {
        return Err(Error::Usage(format!(
            "glossary add: {:?} has these labels already",
            concept.id
        )));
    }
    let today = chrono::Utc::now().date_naive();
    concept
        .sources
        .push(format!("added by `readouts glossary add` on {today}"));
    Ok(Addition {
        concept,
        extends,
        added,
    })
}

/// `name = ["a", "b"]` in TOML, nothing for an empty list.
fn toml_list(name: &str, values: &[String]) -> String {
    if values.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = values
        .iter()
        .map(|v| toml::Value::String(v.clone()).to_string())
        .collect();
    format!("{name} = [{}]\n", quoted.join(", "))
}

/// The `[[concept]]` block of a concept.
pub fn block(c: &Concept) -> String {
    let mut out = format!(
        "\n[[concept]]\nid = {}\n",
        toml::Value::String(c.id.clone())
    );
    for (name, values) in [
        ("en", &c.en),
        ("zh", &c.zh),
        ("zh_hant", &c.zh_hant),
        ("ja", &c.ja),
        ("ru", &c.ru),
        ("broader", &c.broader),
        ("related", &c.related),
        ("sources", &c.sources),
    ] {
        out.push_str(&toml_list(name, values));
    }
    out
}

/// Append the addition to the user glossary file `path` (created with a
/// version line when missing), after checking that the whole file, so
/// changed, loads over `glossary` (located errors, `FILE:LINE: reason`).
/// The file is replaced in one rename; `glossary` is updated too.
pub fn append(glossary: &mut Glossary, path: &Path, addition: &Addition) -> Result<()> {
    let old = match std::fs::read(path) {
        Ok(bytes) => crate::encoding::decode(path, &bytes)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_string(),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut text = old;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&block(&addition.concept));
    let mut checked = glossary.clone();
    checked.add_user_text(path, &text)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let temp = path.with_extension(format!("toml.{}.tmp", std::process::id()));
    std::fs::write(&temp, &text).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })?;
    *glossary = checked;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ls: &[&str]) -> Vec<String> {
        ls.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn labels_are_sorted_by_prefix_or_script() {
        assert_eq!(label_lang("Pelosi").unwrap(), ("en", "Pelosi".into()));
        assert_eq!(label_lang("佩洛西").unwrap(), ("zh", "佩洛西".into()));
        assert_eq!(label_lang("臺灣").unwrap(), ("zh_hant", "臺灣".into()));
        assert_eq!(label_lang("ペロシ").unwrap(), ("ja", "ペロシ".into()));
        assert_eq!(label_lang("ja:五輪").unwrap(), ("ja", "五輪".into()));
        assert_eq!(label_lang("Пелоси").unwrap(), ("ru", "Пелоси".into()));
        assert!(label_lang("펠로시").is_err(), "no Korean field");
        // A colon that names no language is part of the label.
        assert_eq!(label_lang("a:b").unwrap(), ("en", "a:b".into()));
    }

    #[test]
    fn a_new_concept_is_appended_and_applies_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        let mut g = Glossary::builtin().clone();
        assert!(g.lookup("范通格伦").is_none());
        let a = addition(&g, &labels(&["Vantongeren", "范通格伦"]), None).unwrap();
        assert_eq!(
            (a.concept.id.as_str(), a.extends.as_deref()),
            ("vantongeren", None)
        );
        append(&mut g, &path, &a).unwrap();
        assert_eq!(g.lookup("范通格伦").unwrap().id, "vantongeren");
        assert_eq!(g.user_file("vantongeren"), Some(path.as_path()));
        // The file, read again, gives the same concept.
        let again = Glossary::with_files(std::slice::from_ref(&path)).unwrap();
        assert_eq!(again.lookup("Vantongeren").unwrap().zh, ["范通格伦"]);
        assert_eq!(again.user_concepts().len(), 1);
        // A second addition extends a concept one label names.
        let b = addition(&again, &labels(&["Taiwan", "台湾省"]), None).unwrap();
        assert_eq!(b.extends.as_deref(), Some("taiwan"));
        assert_eq!(b.added, ["台湾省"]);
        assert!(
            b.concept.en.contains(&"Taiwan".to_string()),
            "all its labels kept"
        );
    }

    #[test]
    fn refusals_say_why() {
        let g = Glossary::builtin();
        let err =
            |ls: &[&str], id: Option<&str>| addition(g, &labels(ls), id).unwrap_err().to_string();
        assert!(err(&["Taiwan", "Japan"], None).contains("2 concepts already"));
        assert!(err(&["佩洛西"], None).contains("--id"));
        assert!(err(&["Pelosi", "佩洛西"], Some("taiwan")).contains("another concept"));
        assert!(err(&["Taiwan"], None).contains("already"));
        assert!(err(&["?"], None).contains("no letters"));
        // A file that does not load is named with its line, and left as it was.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(
            &path,
            "version = 2\n[[concept]]\nid = \"x\"\nen = [\"X\"]\nfrench = []\n",
        )
        .unwrap();
        let a = addition(g, &labels(&["Pelosi", "佩洛西"]), None).unwrap();
        let e = append(&mut g.clone(), &path, &a).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:", path.display())), "{e}");
        assert!(!std::fs::read_to_string(&path).unwrap().contains("Pelosi"));
    }
}
