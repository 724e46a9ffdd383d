//! What to read: the paths given to `ingest` expanded into sources (folders
//! recursively, `-` for standard input), and each source's statements read
//! one at a time.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::formats::{format_of, jsonl, statement_file, SourceFormat, EXTENSIONS};
use crate::model::{Statement, MAX_STATEMENT_BYTES};

/// One input to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// File path, or `-` for standard input.
    pub path: PathBuf,
    /// How to read it.
    pub format: SourceFormat,
}

impl Source {
    /// Is this standard input?
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// What [`discover`] found: the sources to read, the paths that could not be
/// read (errors), and what was passed over on purpose, with the reason.
#[derive(Debug, Default)]
pub struct Discovered {
    /// The sources, each file once (a file reached through several links or
    /// named twice is read once).
    pub sources: Vec<Source>,
    /// Paths named or found that cannot be read.
    pub errors: Vec<Error>,
    /// Entries passed over, with the reason (a link back into a folder being
    /// read, a link to nothing): said on stderr, never a silent nothing.
    pub skipped: Vec<String>,
}

/// Expand paths into sources: files as given, folders recursively (sorted;
/// hidden entries, READMEs and files of other types skipped; symbolic links
/// to files and folders followed, a link back into a folder already being
/// walked skipped and said), `-` as standard input.
///
/// A named file of an unknown type, or a path that does not exist, is an error
/// for that path only; it is returned beside the sources found.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    let mut files = std::collections::HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.sources.push(Source {
                path: path.clone(),
                format: SourceFormat::JsonLines,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => found.errors.push(Error::io(path, e)),
            Ok(meta) if meta.is_file() => match format_of(path) {
                Some(format) => found.push_file(&mut files, path.clone(), format),
                None => found.errors.push(Error::File {
                    path: path.clone(),
                    reason: format!("unsupported file type: expected {EXTENSIONS}"),
                }),
            },
            Ok(_) => walk(path, &mut found, &mut files),
        }
    }
    found
}

impl Discovered {
    /// Add a file unless the same file (by its real path) is already there.
    fn push_file(
        &mut self,
        files: &mut std::collections::HashSet<PathBuf>,
        path: PathBuf,
        format: SourceFormat,
    ) {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if files.insert(real) {
            self.sources.push(Source { path, format });
        }
    }
}

fn walk(folder: &Path, found: &mut Discovered, files: &mut std::collections::HashSet<PathBuf>) {
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && !is_project_file(e.path()) => {
                if let Some(format) = format_of(e.path()) {
                    found.push_file(files, e.path().to_path_buf(), format);
                }
            }
            Ok(_) => {}
            Err(e) if e.loop_ancestor().is_some() => {
                let link = e.path().unwrap_or(folder).display().to_string();
                let target = e.loop_ancestor().unwrap_or(folder).display().to_string();
                found.skipped.push(format!(
                    "{link}: a link back to {target}, which is being read already"
                ));
            }
            Err(e) => {
                let p = e.path().unwrap_or(folder).to_path_buf();
                let dangling = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_symlink())
                    && std::fs::metadata(&p).is_err();
                if dangling {
                    found
                        .skipped
                        .push(format!("{}: a link to nothing", p.display()));
                    continue;
                }
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot be read"));
                found.errors.push(Error::io(p, source));
            }
        }
    }
}

/// READMEs, changelogs and licences found while walking a folder are not
/// statements and are skipped (a file named on the command line is always read).
pub fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    ["README", "CHANGELOG", "LICENSE", "LICENCE", "CONTRIBUTING"].contains(&stem.as_str())
}

/// The bytes of a statement file, refused unread when over the size cap.
pub fn read_statement_file(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_STATEMENT_BYTES as u64 {
        return Err(statement_file::too_large(path, size as usize));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// The statements of a source, one at a time: a statement file gives one
/// result, a JSON Lines file or standard input one per record, read as the
/// iterator advances (never the whole stream in memory).
pub fn statements<'a>(source: &'a Source) -> Box<dyn Iterator<Item = Result<Statement>> + 'a> {
    statements_counted(source, &Arc::new(AtomicU64::new(0)))
}

/// [`statements`], adding the bytes read from the source to `read` as it
/// goes (what the progress bar shows within a large file).
pub fn statements_counted<'a>(
    source: &'a Source,
    read: &Arc<AtomicU64>,
) -> Box<dyn Iterator<Item = Result<Statement>> + 'a> {
    match source.format {
        SourceFormat::StatementFile => Box::new(std::iter::once(
            read_statement_file(&source.path)
                .and_then(|bytes| statement_file::parse_bytes(&source.path, &bytes)),
        )),
        SourceFormat::JsonLines if source.is_stdin() => Box::new(jsonl::records(
            &source.path,
            BufReader::with_capacity(1 << 16, Counted(std::io::stdin(), read.clone())),
        )),
        SourceFormat::JsonLines => match std::fs::File::open(&source.path) {
            Ok(file) => Box::new(jsonl::records(
                &source.path,
                BufReader::with_capacity(1 << 16, Counted(file, read.clone())),
            )),
            Err(e) => Box::new(std::iter::once(Err(Error::io(&source.path, e)))),
        },
    }
}

/// A reader that adds what it reads to a shared count.
struct Counted<R>(R, Arc<AtomicU64>);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
