//! Typed errors. Every variant that concerns input carries the file (and where
//! known the line) so that a message reads like
//! `fixtures/bad/x.md:3: unknown key "dat"`.

use std::path::PathBuf;

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in `readouts`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A statement or record that cannot be accepted, located by file and line.
    #[error("{}:{line}: {reason}", path.display())]
    Input {
        /// The source file (`-` for standard input).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong, naming the key where there is one.
        reason: String,
    },
    /// A file that cannot be read as a whole (encoding, size, type).
    #[error("{}: {reason}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// An operating-system error on a file or folder.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A query that cannot be parsed or is refused by the guard.
    #[error("invalid query: {reason} (at character {column})\n  {query}\n  {caret}", caret = caret(*column))]
    Query {
        /// The query as given.
        query: String,
        /// 1-based character column of the problem.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// The index was built with another schema version.
    #[error("{}: index has schema version {found}, this readouts needs version {expected}; run `readouts reindex` to rebuild it", path.display())]
    SchemaVersion {
        /// The index folder.
        path: PathBuf,
        /// Version recorded in the index.
        found: String,
        /// Version this build uses.
        expected: u32,
    },
    /// Another process holds the index writer lock.
    #[error("{}: index is being written by another readouts process (use --wait to wait for it)", path.display())]
    Locked {
        /// The index folder.
        path: PathBuf,
    },
    /// A tantivy failure while opening, reading or writing the index.
    #[error("{}: {source}", path.display())]
    Index {
        /// The index folder.
        path: PathBuf,
        /// The underlying tantivy error.
        source: tantivy::TantivyError,
    },
    /// The embedded schema definition is inconsistent (a build defect).
    #[error("index schema: {0}")]
    Schema(String),
    /// A requested document does not exist.
    #[error("no document with id {0:?} in the index")]
    NotFound(String),
    /// A page that could not be fetched (network, HTTP status, size, robots.txt).
    #[error("{url}: {reason}")]
    Fetch {
        /// The address asked for.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// A page that was read but holds no statement a profile can find.
    #[error("{page}: {reason}")]
    Extract {
        /// The page's address or file.
        page: String,
        /// What is missing.
        reason: String,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
}

fn caret(column: usize) -> String {
    format!("{}^", " ".repeat(column.saturating_sub(1)))
}

impl Error {
    /// Wrap an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Wrap a tantivy error with the index path it concerns.
    pub fn index(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Self {
        Error::Index {
            path: path.into(),
            source,
        }
    }

    /// A located input error.
    pub fn input(path: impl Into<PathBuf>, line: usize, reason: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            line,
            reason: reason.into(),
        }
    }
}
