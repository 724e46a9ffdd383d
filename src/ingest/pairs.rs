//! Translation pairs from a pairs file (`readouts ingest --pairs FILE`):
//! the `translation_of` link of statements already in the index or ingested
//! in the same run, without editing their files.
//!
//! The pairs file is a source in the manifest (its byte hash, no statement
//! ids, and the pairs it set), so an unchanged pairs file is skipped like an
//! unchanged statement file, and every later write of a paired translation
//! (its file re-ingested changed, `reindex` re-reading it) gets the link
//! again from the manifest. A statement's own `translation_of` and a pair
//! agree or the statement is refused, both named: a conflict is never
//! settled silently. Within a run, the translations a new pairs file names
//! are held back until every source was read, so that both ids and their
//! languages are known before the link is written.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::stored::StoredStatements;
use super::Ingest;
use crate::error::{Error, Result};
use crate::formats::pairs::{self, Pair};
use crate::index::manifest::{file_hash, key_path, manifest_key, PairRecord};
use crate::index::{Manifest, SourceRecord};
use crate::model::Statement;

/// Where a translation's link comes from: a pairs file's line.
#[derive(Debug, Clone)]
struct Link {
    original: String,
    file: String,
    line: usize,
}

/// The pairs of a run: those the manifest holds, and the new pairs file's.
#[derive(Default)]
pub(super) struct Pairs {
    /// Translation id → its link, from the pairs files of earlier runs.
    links: HashMap<String, Link>,
    /// The pairs file of this run, if one was given and has changed.
    run: Option<RunPairs>,
    /// Statements refused for a conflict with a pair: their indexed
    /// version stays.
    kept: HashSet<String>,
}

struct RunPairs {
    key: String,
    path: PathBuf,
    hash: String,
    clean: bool,
    pairs: Vec<Pair>,
    /// The links this file set before (replaced by `pairs`), by translation.
    old: Vec<(String, Link)>,
    /// The statements of `old` written in this run (their old link not applied).
    touched: HashSet<String>,
    /// Every id of `pairs`.
    ids: HashSet<String>,
    /// The language of each id of `pairs` read in this run.
    langs: HashMap<String, String>,
    /// The translations of `pairs` read in this run, written at the end.
    held: HashMap<String, Statement>,
}

impl Pairs {
    /// The links the manifest's pairs files set.
    pub(super) fn of(manifest: &Manifest) -> Pairs {
        let mut links = HashMap::new();
        for (key, record) in manifest {
            for p in &record.pairs {
                let link = Link {
                    original: p.original.clone(),
                    file: key.clone(),
                    line: p.line,
                };
                links.insert(p.translation.clone(), link);
            }
        }
        Pairs {
            links,
            ..Pairs::default()
        }
    }

    /// Keep the indexed version of a statement refused for a conflict.
    pub(super) fn keep(&mut self, id: String) {
        self.kept.insert(id);
    }

    /// Was this statement refused for a conflict (its indexed version kept)?
    pub(super) fn kept(&self, id: &str) -> bool {
        self.kept.contains(id)
    }
}

impl Ingest<'_> {
    /// Read a pairs file for this run (skipped when its bytes are those last
    /// ingested); its bad lines are rejected, located.
    pub fn add_pairs(&mut self, path: &Path) -> Result<()> {
        let Some(key) = manifest_key(path) else {
            return Err(Error::Usage(
                "--pairs reads a file, not standard input".into(),
            ));
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.reject(Error::io(path, e));
                return Ok(());
            }
        };
        let hash = file_hash(&bytes);
        if self.manifest.get(&key).is_some_and(|r| r.hash == hash) {
            return Ok(());
        }
        let text = match crate::encoding::decode(path, &bytes) {
            Ok(text) => text,
            Err(e) => {
                self.reject(e);
                return Ok(());
            }
        };
        let (found, errors) = pairs::parse(path, &text);
        let mut clean = errors.is_empty();
        for e in errors {
            self.reject(e);
        }
        let old: Vec<(String, Link)> = self
            .pairs
            .links
            .iter()
            .filter(|(_, l)| l.file == key)
            .map(|(t, l)| (t.clone(), l.clone()))
            .collect();
        self.pairs.links.retain(|_, l| l.file != key);
        let mut kept = Vec::new();
        for pair in found {
            match self.pairs.links.get(&pair.translation) {
                Some(other) => {
                    clean = false;
                    let reason = format!(
                        "{:?} is paired twice (also in {}:{})",
                        pair.translation,
                        key_path(&other.file).display(),
                        other.line
                    );
                    self.reject(located(path, pair.line, reason));
                }
                None => kept.push(pair),
            }
        }
        let ids = kept
            .iter()
            .flat_map(|p| [p.original.clone(), p.translation.clone()])
            .collect();
        self.pairs.run = Some(RunPairs {
            key,
            path: path.to_path_buf(),
            hash,
            clean,
            pairs: kept,
            old,
            touched: HashSet::new(),
            ids,
            langs: HashMap::new(),
            held: HashMap::new(),
        });
        Ok(())
    }

    /// A statement about to be written, with its link: `None` when it is a
    /// translation of this run's pairs file (written at the end), an error
    /// when its own `translation_of` contradicts a pair.
    pub(super) fn link(&mut self, mut statement: Statement) -> Result<Option<Statement>> {
        let id = &statement.meta.id;
        if let Some(run) = self.pairs.run.as_mut() {
            if run.old.iter().any(|(t, _)| t == id) {
                run.touched.insert(id.clone());
            }
        }
        if let Some(run) = self.pairs.run.as_mut().filter(|r| r.ids.contains(id)) {
            run.langs.insert(id.clone(), statement.meta.lang.clone());
            if run.pairs.iter().any(|p| &p.translation == id) {
                run.held.insert(id.clone(), statement);
                return Ok(None);
            }
        }
        let Some(link) = self.pairs.links.get(id) else {
            return Ok(Some(statement));
        };
        match &statement.meta.translation_of {
            Some(own) if *own != link.original => Err(conflict(
                &statement,
                own,
                &key_path(&link.file),
                link.line,
                &link.original,
            )),
            _ => {
                statement.meta.translation_of = Some(link.original.clone());
                Ok(Some(statement))
            }
        }
    }

    /// Write the links of this run's pairs file (both ids known, two
    /// languages, no conflict), the translations held back, the links it no
    /// longer sets undone, and record it in the manifest.
    pub(super) fn finish_pairs(&mut self) -> Result<()> {
        let Some(mut run) = self.pairs.run.take() else {
            return Ok(());
        };
        let stored = StoredStatements::open(&self.store.index().index, &self.store.index().path)?;
        let mut records = Vec::new();
        for pair in std::mem::take(&mut run.pairs) {
            match self.resolve(&mut run, &stored, &pair)? {
                Ok(mut statement) => {
                    statement.meta.translation_of = Some(pair.original.clone());
                    self.put_counted(&statement)?;
                    self.summary.linked += 1;
                    records.push(PairRecord {
                        original: pair.original,
                        translation: pair.translation,
                        line: pair.line,
                    });
                }
                Err(e) => {
                    run.clean = false;
                    self.reject(e);
                }
            }
        }
        for statement in std::mem::take(&mut run.held).into_values() {
            self.put_counted(&statement)?;
        }
        self.unlink(&run, &stored, &records)?;
        let hash = if run.clean { run.hash } else { String::new() };
        let record = SourceRecord {
            hash,
            ids: Vec::new(),
            pairs: records,
            held_out: Vec::new(),
        };
        self.manifest.insert(run.key, record);
        self.manifest_changed = true;
        Ok(())
    }

    /// The translation of `pair`, ready to link, or why the pair is refused.
    fn resolve(
        &self,
        run: &mut RunPairs,
        stored: &StoredStatements,
        pair: &Pair,
    ) -> Result<std::result::Result<Statement, Error>> {
        let path = run.path.clone();
        let fail = |reason: String| located(&path, pair.line, reason);
        let (translation, from_store) = match run.held.remove(&pair.translation) {
            Some(s) => (s, false),
            None => match stored.load(&pair.translation)? {
                Some(s) => (s, true),
                None => return Ok(Err(fail(unknown(&pair.translation)))),
            },
        };
        let original_lang = match run.langs.get(&pair.original) {
            Some(lang) => lang.clone(),
            None => match stored.load(&pair.original)? {
                Some(s) => s.meta.lang,
                None => {
                    if !from_store {
                        run.held.insert(pair.translation.clone(), translation);
                    }
                    return Ok(Err(fail(unknown(&pair.original))));
                }
            },
        };
        let lang = translation.meta.lang.clone();
        let mut outcome = Ok(());
        if lang == original_lang {
            outcome = Err(fail(format!(
                "{:?} and {:?} are both in language {lang:?}: a pair is a statement and its \
                 translation into another language",
                pair.original, pair.translation
            )));
        }
        // A link the store holds from this file's earlier pairs is not the
        // statement's own.
        let own = translation
            .meta
            .translation_of
            .as_ref()
            .filter(|o| !(from_store && run.old.iter().any(|(_, l)| &l.original == *o)));
        if let (Some(own), true) = (own, outcome.is_ok()) {
            if *own != pair.original {
                outcome = Err(conflict(
                    &translation,
                    own,
                    &run.path,
                    pair.line,
                    &pair.original,
                ));
            }
        }
        match outcome {
            Ok(()) => Ok(Ok(translation)),
            Err(e) => {
                if !from_store {
                    run.held.insert(pair.translation.clone(), translation);
                }
                Ok(Err(e))
            }
        }
    }

    /// Undo the links this pairs file set before and sets no more.
    fn unlink(
        &mut self,
        run: &RunPairs,
        stored: &StoredStatements,
        now: &[PairRecord],
    ) -> Result<()> {
        for (translation, link) in &run.old {
            if run.touched.contains(translation)
                || now.iter().any(|p| &p.translation == translation)
            {
                continue;
            }
            let Some(mut statement) = stored.load(translation)? else {
                continue;
            };
            if statement.meta.translation_of.as_ref() == Some(&link.original) {
                statement.meta.translation_of = None;
                self.put_counted(&statement)?;
                self.summary.unlinked += 1;
            }
        }
        Ok(())
    }
}

fn located(path: &Path, line: usize, reason: String) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        line,
        reason,
    }
}

fn unknown(id: &str) -> String {
    format!("unknown id {id:?}: no statement with this id is in the index or in this run")
}

/// A statement's own `translation_of` against a pair's original.
fn conflict(statement: &Statement, own: &str, pairs: &Path, line: usize, original: &str) -> Error {
    Error::File {
        path: statement.path.clone(),
        reason: format!(
            "statement {:?} has translation_of = {own:?}, but {}:{line} pairs it with {original:?}: \
             remove one of the two",
            statement.meta.id,
            pairs.display()
        ),
    }
}
