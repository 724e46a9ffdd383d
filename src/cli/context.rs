//! What every command that reads or writes the index shares, built once per run.

use std::cell::OnceCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use readouts::error::{Error, Result};
use readouts::index::{default_index_dir, ReadoutsIndex};
use readouts::ingest::bundled;
use readouts::model::glossary::Glossary;
use readouts::output::{ColorChoice, Style};
use readouts::query::SearchRequest;

use super::args::GlobalArgs;

/// The index location, the glossary (parsed on first use, once), the style of
/// human output, and where results go.
pub struct Context<'o> {
    index_path: PathBuf,
    glossary_files: Vec<PathBuf>,
    glossary: OnceCell<Glossary>,
    /// Styles for human output on stdout: colour on a terminal without NO_COLOR.
    pub style: Style,
    /// Results: stdout (buffered) in the binary.
    pub out: &'o mut dyn Write,
}

impl<'o> Context<'o> {
    /// Resolve the index folder: `--index`, else `$READOUTS_INDEX`, else the data folder.
    pub fn new(global: GlobalArgs, out: &'o mut dyn Write) -> Result<Context<'o>> {
        let index_path = global.index.or_else(default_index_dir).ok_or_else(|| {
            Error::Usage("no index location: pass --index DIR or set READOUTS_INDEX".into())
        })?;
        // Persons: the shipped table, the data folder's, then --persons files.
        let mut persons = Vec::new();
        if let Some(data) = dirs::data_dir().map(|d| d.join("readouts").join("persons.toml")) {
            if data.is_file() {
                persons.push(data);
            }
        }
        persons.extend(global.persons.iter().cloned());
        readouts::model::attribution::install(&persons)?;
        Ok(Context {
            index_path,
            glossary_files: global.glossary,
            glossary: OnceCell::new(),
            style: Style::new(ColorChoice::Auto.enabled()),
            out,
        })
    }

    /// The index folder.
    pub fn index_path(&self) -> &Path {
        &self.index_path
    }

    /// The built-in glossary, the data folder's `glossary.toml`, and `--glossary` files.
    pub fn glossary(&self) -> Result<&Glossary> {
        if let Some(g) = self.glossary.get() {
            return Ok(g);
        }
        let mut files = Vec::new();
        if let Some(data) = dirs::data_dir().map(|d| d.join("readouts").join("glossary.toml")) {
            if data.is_file() {
                files.push(data);
            }
        }
        files.extend(self.glossary_files.iter().cloned());
        let cache = dirs::cache_dir().map(|d| d.join("readouts"));
        let loaded = Glossary::with_files_cached(&files, cache.as_deref())?;
        Ok(self.glossary.get_or_init(|| loaded))
    }

    /// The glossary a request expands through: none is loaded for `--exact`.
    pub fn glossary_for(&self, request: &SearchRequest) -> Result<&Glossary> {
        static EMPTY: OnceLock<Glossary> = OnceLock::new();
        if request.expand {
            self.glossary()
        } else {
            Ok(EMPTY.get_or_init(Glossary::default))
        }
    }

    /// The glossary for `request` and the output, borrowed together (for
    /// streaming hits while expanding through the glossary).
    pub fn glossary_and_out(
        &mut self,
        request: &SearchRequest,
    ) -> Result<(&Glossary, &mut dyn Write)> {
        self.glossary_for(request)?;
        static EMPTY: OnceLock<Glossary> = OnceLock::new();
        let glossary = match (request.expand, self.glossary.get()) {
            (true, Some(g)) => g,
            _ => EMPTY.get_or_init(Glossary::default),
        };
        Ok((glossary, &mut *self.out))
    }

    /// Open the index for reading; build it from the bundled seed statements
    /// (saying so on stderr) when there is none.
    pub fn open_index(&self) -> Result<ReadoutsIndex> {
        let (index, seeded) = bundled::open_or_seed(&self.index_path)?;
        if seeded {
            eprintln!(
                "readouts: no index at {}; building it from the {} bundled seed statements",
                self.index_path.display(),
                bundled::FIXTURES.len()
            );
        }
        Ok(index)
    }
}
