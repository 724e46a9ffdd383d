//! What every command that reads or writes the index shares, built once per run.

use std::cell::OnceCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use readouts::error::{Error, Result};
use readouts::index::{data_index_dir, env_index_dir, open_for_reading, ReadoutsIndex};
use readouts::ingest::bundled;
use readouts::model::glossary::Glossary;
use readouts::output::{ColorChoice, Style};
use readouts::query::unmatched::unmatched_filters;
use readouts::query::{Filters, SearchRequest};

use super::args::GlobalArgs;

/// The index location, the glossary (parsed on first use, once), the style of
/// human output, and where results go.
pub struct Context<'o> {
    index_path: PathBuf,
    /// The index was named (`--index` or `$READOUTS_INDEX`), not the default.
    named: bool,
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
        let named = global.index.or_else(env_index_dir);
        let is_named = named.is_some();
        let index_path = named.or_else(data_index_dir).ok_or_else(|| {
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
            named: is_named,
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
        if let Some(data) = data_glossary() {
            if data.is_file() {
                files.push(data);
            }
        }
        for file in &self.glossary_files {
            if !files.contains(file) {
                files.push(file.clone());
            }
        }
        let cache = dirs::cache_dir().map(|d| d.join("readouts"));
        let loaded = Glossary::with_files_cached(&files, cache.as_deref())?;
        Ok(self.glossary.get_or_init(|| loaded))
    }

    /// The glossary a request expands through: none is loaded for `--exact`.
    pub fn glossary_for(&self, request: &SearchRequest) -> Result<&Glossary> {
        if request.expand {
            self.glossary()
        } else {
            Ok(no_glossary())
        }
    }

    /// The glossary a request expands through, the whole glossary (which
    /// aligns translations even for an exact search), and stdout, borrowed
    /// together (for streaming hits).
    pub fn glossaries_and_out(
        &mut self,
        request: &SearchRequest,
    ) -> Result<(&Glossary, &Glossary, &mut dyn Write)> {
        if request.expand || request.with_translation {
            self.glossary()?;
        }
        let whole = self.glossary.get().unwrap_or_else(|| no_glossary());
        let expansion = if request.expand { whole } else { no_glossary() };
        Ok((expansion, whole, &mut *self.out))
    }

    /// Open the index for reading; never creates or writes anything at a
    /// named index. A named index that does not exist is an error; when no
    /// index was named and the default one does not exist yet, the demo
    /// index of the bundled statements (in the cache folder) answers, and
    /// stderr says so.
    pub fn open_index(&self) -> Result<ReadoutsIndex> {
        if ReadoutsIndex::exists(&self.index_path) {
            return open_for_reading(&self.index_path);
        }
        if self.named {
            return Err(self.no_index());
        }
        let demo = bundled::demo_index_dir().ok_or_else(|| self.no_index())?;
        let (index, _) = bundled::open_demo(&demo)?;
        eprintln!(
            "readouts: no index yet; answering from the {} bundled demo statements ({}). \
             Ingest your own statements with `readouts ingest PATH`.",
            bundled::FIXTURES.len(),
            demo.display()
        );
        Ok(index)
    }

    /// Open the index for writing, creating it when there is none (in a new
    /// or empty folder only).
    pub fn open_or_create_index(&self) -> Result<ReadoutsIndex> {
        ReadoutsIndex::open_or_create(&self.index_path)
    }

    /// Open an existing index (to change it): never the demo, never created.
    pub fn open_existing_index(&self) -> Result<ReadoutsIndex> {
        if !ReadoutsIndex::exists(&self.index_path) {
            return Err(self.no_index());
        }
        ReadoutsIndex::open(&self.index_path)
    }

    /// After a search, count or timeline found nothing: say on stderr which
    /// filter values match no statement, and what the index holds instead.
    pub fn say_unmatched_filters(&self, index: &ReadoutsIndex, filters: &Filters) -> Result<()> {
        for miss in unmatched_filters(index, filters)? {
            eprintln!("readouts: {}", miss.message(8));
        }
        Ok(())
    }

    /// Never a silent miss: what each text term of `request` reached, on
    /// stderr after the results — one line per term, or with `json` one
    /// object for the whole search (`{"query": …, "coverage": {"langs": …,
    /// "terms": […]}}`).
    pub fn say_coverage(
        &self,
        index: &ReadoutsIndex,
        request: &SearchRequest,
        json: bool,
    ) -> Result<()> {
        let coverage = readouts::query::coverage(index, request, self.glossary_for(request)?)?;
        if json {
            let report = readouts::query::coverage::Report {
                query: request.query.clone(),
                coverage,
            };
            readouts::output::json::line(&mut std::io::stderr().lock(), &report)?;
        } else {
            for line in coverage.lines() {
                eprintln!("readouts: {line}");
            }
        }
        Ok(())
    }

    /// The error for a named index that does not exist.
    pub fn no_index(&self) -> Error {
        let path = self.index_path.display();
        let how = if self.named {
            format!("readouts --index {path} ingest …")
        } else {
            "readouts ingest …".to_string()
        };
        let near = readouts::index::location::nearby_indexes(&self.index_path);
        let hint = match near.as_slice() {
            [] => String::new(),
            paths => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!(" (did you mean {}?)", names.join(" or "))
            }
        };
        Error::Usage(format!("no index at {path}{hint}; create it with `{how}`"))
    }
}

/// The user glossary file of the data folder (`glossary add` writes it,
/// every command reads it).
pub fn data_glossary() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("readouts").join("glossary.toml"))
}

/// The empty glossary an exact request expands through.
fn no_glossary() -> &'static Glossary {
    static EMPTY: OnceLock<Glossary> = OnceLock::new();
    EMPTY.get_or_init(Glossary::default)
}
