//! The cross-lingual glossary: concepts with labels in English, Chinese
//! (Simplified and Traditional), Japanese and Russian, linked as broader /
//! narrower / related (SKOS-like), used to expand queries across languages.
//!
//! A concept's labels are equivalents, so by default a term expands to its own
//! concept's labels only (`"Taiwan question"` ⇄ 台湾问题, never all of 台湾);
//! with `broader` expansion a term also takes the labels of the concepts
//! narrower than its own (Taiwan → Taiwan question, Taiwan region). Related
//! concepts are shown, never expanded.
//!
//! The built-in concepts are `index-schema/glossary.toml` plus one concept per
//! person of `index-schema/persons.toml`; users add files of the same format
//! (`--glossary FILE`, `glossary.toml` in the data folder). Labels match by
//! their analysis key (stems for words, the folded string for Chinese), so
//! `Taiwan`, `TAIWAN` and `臺灣` are keys of one concept.

mod lint;
mod load;
mod mentions;
pub mod user;

pub use lint::{lint_words, Conflict, Explanation, Finding};
pub use mentions::{canonical, LabelScope, Mentions};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::analysis::acronym::is_acronym;
use crate::analysis::{query_pieces, QueryPiece};
use crate::error::{Error, Result};

/// The built-in glossary file.
pub const BUILTIN_GLOSSARY: &str = include_str!("../../../index-schema/glossary.toml");

/// The glossary format versions this build reads.
pub const VERSIONS: [u32; 2] = [1, 2];

/// One concept and its labels.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Unique slug.
    pub id: String,
    /// English labels; the first is the preferred one (the display name).
    #[serde(default)]
    pub en: Vec<String>,
    /// Simplified Chinese labels.
    #[serde(default)]
    pub zh: Vec<String>,
    /// Traditional Chinese labels.
    #[serde(default)]
    pub zh_hant: Vec<String>,
    /// Japanese labels.
    #[serde(default)]
    pub ja: Vec<String>,
    /// Russian labels.
    #[serde(default)]
    pub ru: Vec<String>,
    /// Ids of broader concepts.
    #[serde(default)]
    pub broader: Vec<String>,
    /// Ids of related concepts (shown, never expanded).
    #[serde(default)]
    pub related: Vec<String>,
    /// Where the labels come from.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Concept {
    /// The display name (first English label, else the first other one).
    pub fn name(&self) -> &str {
        self.labels().next().unwrap_or(self.id.as_str())
    }

    /// Every label, English first.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.en
            .iter()
            .chain(&self.zh)
            .chain(&self.zh_hant)
            .chain(&self.ja)
            .chain(&self.ru)
            .map(String::as_str)
    }

    /// Every label (the name kept from version 1).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.labels()
    }
}

/// A label that stands in two concepts (the later file's concept keeps it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clash {
    /// The label's analysis key.
    pub key: String,
    /// The concept that had it.
    pub first: String,
    /// The concept that took it.
    pub second: String,
}

/// A set of concepts with a lookup by analysis key.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Glossary {
    concepts: Vec<Concept>,
    by_key: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    clashes: Vec<Clash>,
    /// The concepts a user file gave (by id): the file.
    user: HashMap<String, PathBuf>,
    /// The labels' automaton, built on first use; emptied by every change.
    #[serde(skip)]
    mentions: OnceLock<Arc<Mentions>>,
}

/// The bytes of every file, named by its path.
fn read_all(files: &[PathBuf]) -> Result<Vec<(&PathBuf, Vec<u8>)>> {
    files
        .iter()
        .map(|f| Ok((f, std::fs::read(f).map_err(|e| Error::io(f, e))?)))
        .collect()
}

/// The analysis key of a label or query text: its pieces, stemmed and folded,
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
    /// The built-in glossary: `index-schema/glossary.toml` and the persons.
    pub fn builtin() -> &'static Glossary {
        static BUILTIN: OnceLock<Glossary> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut g = Glossary::default();
            g.add_persons(crate::model::attribution::Attribution::builtin());
            g.add_text(Path::new("index-schema/glossary.toml"), BUILTIN_GLOSSARY)
                .expect("the built-in glossary is valid (tested)");
            g
        })
    }

    /// The built-in glossary plus user files (a concept with an id already
    /// there replaces it; new ids are added).
    pub fn with_files(files: &[PathBuf]) -> Result<Glossary> {
        Glossary::with_read_files(&read_all(files)?)
    }

    /// The built-in glossary plus files already read.
    fn with_read_files(files: &[(&PathBuf, Vec<u8>)]) -> Result<Glossary> {
        let mut g = Glossary::builtin().clone();
        for (file, bytes) in files {
            let text = crate::encoding::decode(file, bytes)?;
            g.add_user_text(file, &text)?;
        }
        Ok(g)
    }

    /// Like [`Glossary::with_files`], through a cache in `cache_dir`: the
    /// compiled glossary (every label's analysis key worked out) is kept in a
    /// file named by a hash of its inputs and this build's version, so a
    /// search does not re-parse and re-analyse thousands of labels. A cache
    /// that cannot be read or written is simply not used.
    pub fn with_files_cached(files: &[PathBuf], cache_dir: Option<&Path>) -> Result<Glossary> {
        let mut inputs: Vec<u8> = Vec::new();
        inputs.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        // The cache's own format: user concepts are remembered with their file.
        inputs.extend_from_slice(b"glossary cache 2");
        inputs.extend_from_slice(&crate::analysis::ANALYSIS_VERSION.to_le_bytes());
        inputs.extend_from_slice(BUILTIN_GLOSSARY.as_bytes());
        inputs.extend_from_slice(crate::model::attribution::tables::PERSONS_TOML.as_bytes());
        // Each user file is read once: for the cache's name and, on a miss, to load.
        let read = read_all(files)?;
        for (file, bytes) in &read {
            inputs.extend_from_slice(file.as_os_str().as_encoded_bytes());
            inputs.extend_from_slice(bytes);
        }
        let Some(dir) = cache_dir else {
            return Glossary::with_read_files(&read);
        };
        let cached = dir.join(format!(
            "glossary-{:032x}.bin",
            xxhash_rust::xxh3::xxh3_128(&inputs)
        ));
        if let Some(g) = std::fs::read(&cached)
            .ok()
            .and_then(|b| postcard::from_bytes::<Glossary>(&b).ok())
        {
            return Ok(g);
        }
        let g = Glossary::with_read_files(&read)?;
        if let Ok(bytes) = postcard::to_stdvec(&g) {
            let temp = dir.join(format!(".glossary-{}.tmp", std::process::id()));
            let written = std::fs::create_dir_all(dir)
                .and_then(|_| std::fs::write(&temp, bytes))
                .and_then(|_| std::fs::rename(&temp, &cached));
            if written.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
        }
        Ok(g)
    }

    /// Add the concepts of a glossary file's text (validated; see `load`).
    pub fn add_text(&mut self, path: &Path, text: &str) -> Result<()> {
        for concept in load::parse(path, text)? {
            self.insert(concept);
        }
        load::check_links(path, text, self)
    }

    /// Add a user file's concepts (validated), remembered as the user's:
    /// their labels are reported with source `user`.
    pub fn add_user_text(&mut self, path: &Path, text: &str) -> Result<()> {
        let concepts = load::parse(path, text)?;
        for concept in concepts {
            self.user.insert(concept.id.clone(), path.to_path_buf());
            self.insert(concept);
        }
        load::check_links(path, text, self)
    }

    /// The user file a concept comes from (`None`: built in).
    pub fn user_file(&self, id: &str) -> Option<&Path> {
        self.user.get(id).map(PathBuf::as_path)
    }

    /// The concepts user files gave, in glossary order.
    pub fn user_concepts(&self) -> Vec<&Concept> {
        self.concepts
            .iter()
            .filter(|c| self.user.contains_key(&c.id))
            .collect()
    }

    /// One concept per person of the persons table (names split by script).
    pub fn add_persons(&mut self, attribution: &crate::model::attribution::Attribution) {
        for concept in load::person_concepts(attribution) {
            self.insert(concept);
        }
    }

    fn insert(&mut self, concept: Concept) {
        self.mentions = OnceLock::new();
        let index = match self.by_id.get(&concept.id) {
            Some(&i) => {
                self.by_key.retain(|_, v| *v != i);
                self.concepts[i] = concept;
                i
            }
            None => {
                self.concepts.push(concept);
                self.by_id.insert(
                    self.concepts[self.concepts.len() - 1].id.clone(),
                    self.concepts.len() - 1,
                );
                self.concepts.len() - 1
            }
        };
        let keys: Vec<String> = self.concepts[index].labels().map(key).collect();
        for k in keys.into_iter().filter(|k| !k.is_empty()) {
            if let Some(&other) = self.by_key.get(&k) {
                if other != index {
                    self.clashes.push(Clash {
                        key: k.clone(),
                        first: self.concepts[other].id.clone(),
                        second: self.concepts[index].id.clone(),
                    });
                }
            }
            self.by_key.insert(k, index);
        }
    }

    /// The concept one of whose labels has the same analysis key as `text`.
    /// An acronym label (`US`, `UN`, `WHO`: capitals, [`is_acronym`]) is
    /// case-sensitive: `us` is not the United States. A concept found only
    /// through acronym labels is found only when `text` is one of them.
    ///
    /// A label applies only to queries of its own language too: a concept
    /// found only through labels that stand among its Japanese labels alone
    /// (五輪, whose key is the Chinese 五轮 "five rounds") is found only when
    /// `text` is one of them as written — `五輪`, never `五轮`.
    pub fn lookup(&self, text: &str) -> Option<&Concept> {
        let k = key(text);
        let concept = &self.concepts[*self.by_key.get(&k)?];
        let written = text.trim();
        let same: Vec<&str> = concept.labels().filter(|l| key(l) == k).collect();
        let cased_only = same.iter().all(|l| is_acronym(l));
        if cased_only {
            return same.contains(&written).then_some(concept);
        }
        let chinese = concept.zh.iter().chain(&concept.zh_hant);
        let japanese_only = !chinese.map(|l| key(l)).any(|z| z == k)
            && same.iter().all(|l| concept.ja.iter().any(|j| j == l));
        // Written as a Japanese label: NFKC (half-width kana) but not folded
        // from Traditional to Simplified.
        let nfkc = |t: &str| t.nfkc().collect::<String>();
        (!japanese_only || same.iter().any(|l| nfkc(l) == nfkc(written))).then_some(concept)
    }

    /// The concepts `text` mentions, as positions in [`Glossary::concepts`]
    /// (sorted, each once): a label of the concept stands in the text, whole
    /// words for word scripts, anywhere for Chinese. One automaton over all
    /// labels, built once per glossary.
    pub fn mentioned(&self, text: &str) -> Vec<usize> {
        self.mentioned_in(text, None)
    }

    /// Like [`Glossary::mentioned`], for a text in `lang`: a label only
    /// among a concept's Japanese labels applies to Japanese text only, a
    /// Chinese label of a concept with Japanese labels of its own to any
    /// text but Japanese (`None`: every label applies).
    pub fn mentioned_in(&self, text: &str, lang: Option<&str>) -> Vec<usize> {
        self.mentions
            .get_or_init(|| {
                Arc::new(Mentions::scoped(self.concepts.iter().enumerate().flat_map(
                    |(i, c)| c.labels().map(move |l| (i, l, label_scope(c, l))),
                )))
            })
            .in_text_of(text, lang)
    }

    /// A concept by id.
    pub fn get(&self, id: &str) -> Option<&Concept> {
        self.by_id.get(id).map(|&i| &self.concepts[i])
    }

    /// All concepts, persons first, then in file order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// Labels that stood in two concepts while loading.
    pub fn clashes(&self) -> &[Clash] {
        &self.clashes
    }

    /// The concepts whose `broader` names `id`.
    pub fn narrower(&self, id: &str) -> Vec<&Concept> {
        self.concepts
            .iter()
            .filter(|c| c.broader.iter().any(|b| b == id))
            .collect()
    }

    /// `id` and every concept below it (narrower, transitively), `id` first.
    pub fn with_descendants(&self, id: &str) -> Vec<&Concept> {
        let mut out: Vec<&Concept> = self.get(id).into_iter().collect();
        let mut i = 0;
        while i < out.len() {
            let below = self.narrower(&out[i].id);
            for c in below {
                if !out.iter().any(|o| o.id == c.id) {
                    out.push(c);
                }
            }
            i += 1;
        }
        out
    }
}

/// The texts a concept's label applies to (see [`LabelScope`]).
fn label_scope(c: &Concept, label: &str) -> LabelScope {
    let k = key(label);
    let has = |labels: &[String]| labels.iter().any(|l| key(l) == k);
    let zh = has(&c.zh) || has(&c.zh_hant);
    match (zh, has(&c.ja)) {
        (false, true) => LabelScope::Japanese,
        (true, false) if !c.ja.is_empty() => LabelScope::NotJapanese,
        _ => LabelScope::Any,
    }
}

#[cfg(test)]
mod tests;
