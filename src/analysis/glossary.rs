//! The bilingual glossary: concepts with their English, Simplified and
//! Traditional Chinese names, used to expand queries across languages
//! (`Taiwan` also finds 台湾, `乌克兰` also finds Ukraine).
//!
//! The built-in glossary is `index-schema/glossary.toml`; users add their own
//! files of the same format (`--glossary FILE`, or `glossary.toml` in the data
//! folder). Names are matched by their analysis key (stems for words, the
//! folded string for Chinese), so `Taiwan`, `TAIWAN` and `臺灣` are keys of the
//! same concept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use super::{query_pieces, QueryPiece};
use crate::error::{Error, Result};

/// The built-in glossary file.
pub const BUILTIN_GLOSSARY: &str = include_str!("../../index-schema/glossary.toml");

/// One concept and its names.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Unique slug.
    pub id: String,
    /// English names; the first is the display name.
    pub en: Vec<String>,
    /// Simplified Chinese names.
    pub zh: Vec<String>,
    /// Traditional Chinese names.
    #[serde(default)]
    pub zh_hant: Vec<String>,
    /// Where the pairing comes from.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Concept {
    /// The display name (first English name, else the first Chinese one).
    pub fn name(&self) -> &str {
        self.en
            .first()
            .or(self.zh.first())
            .map_or(self.id.as_str(), String::as_str)
    }

    /// Every name, English first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.en
            .iter()
            .chain(&self.zh)
            .chain(&self.zh_hant)
            .map(String::as_str)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    concept: Vec<Concept>,
}

/// A set of concepts with a lookup by analysis key.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    concepts: Vec<Concept>,
    by_key: HashMap<String, usize>,
}

/// The analysis key of a name or query text: its pieces, stemmed and folded,
/// joined by spaces (`"Taiwan Question"` → `"taiwan question"`, `臺灣` → `台湾`).
pub fn key(text: &str) -> String {
    query_pieces(text)
        .into_iter()
        .map(|p| match p {
            QueryPiece::Word(w) => w,
            QueryPiece::Cjk(c) => c,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Glossary {
    /// The built-in glossary.
    pub fn builtin() -> &'static Glossary {
        static BUILTIN: OnceLock<Glossary> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut g = Glossary::default();
            g.add_text(Path::new("index-schema/glossary.toml"), BUILTIN_GLOSSARY)
                .expect("the built-in glossary is valid (tested)");
            g
        })
    }

    /// The built-in glossary plus user files (later files override a
    /// concept's names by id, or add concepts).
    pub fn with_files(files: &[PathBuf]) -> Result<Glossary> {
        let mut g = Glossary::builtin().clone();
        for file in files {
            let text = std::fs::read(file).map_err(|e| Error::io(file, e))?;
            let text = crate::encoding::decode(file, &text)?;
            g.add_text(file, &text)?;
        }
        Ok(g)
    }

    /// Add the concepts of a glossary file's text.
    pub fn add_text(&mut self, path: &Path, text: &str) -> Result<()> {
        let file: GlossaryFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            Error::input(path, line, format!("glossary: {}", e.message()))
        })?;
        for concept in file.concept {
            if concept.id.trim().is_empty() || concept.names().next().is_none() {
                return Err(Error::File {
                    path: path.to_path_buf(),
                    reason: format!(
                        "glossary concept {:?} needs an id and at least one name",
                        concept.id
                    ),
                });
            }
            let index = match self.concepts.iter().position(|c| c.id == concept.id) {
                Some(i) => {
                    self.by_key.retain(|_, v| *v != i);
                    self.concepts[i] = concept;
                    i
                }
                None => {
                    self.concepts.push(concept);
                    self.concepts.len() - 1
                }
            };
            for name in self.concepts[index].names() {
                let k = key(name);
                if !k.is_empty() {
                    self.by_key.insert(k, index);
                }
            }
        }
        Ok(())
    }

    /// The concept one of whose names has the same analysis key as `text`.
    pub fn lookup(&self, text: &str) -> Option<&Concept> {
        self.by_key.get(&key(text)).map(|&i| &self.concepts[i])
    }

    /// A concept by id.
    pub fn get(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// All concepts, in file order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_builtin_glossary_is_valid_and_large_enough() {
        let g = Glossary::builtin();
        assert!(g.concepts().len() >= 80, "{} concepts", g.concepts().len());
        let mut ids = HashSet::new();
        for c in g.concepts() {
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
}
