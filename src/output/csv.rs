//! CSV for every command that prints rows (a header, then one line a row).

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};

/// Write `rows` as CSV with a header. A closed pipe surfaces as an I/O error
/// (the binary treats it as the end of output).
pub fn rows<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row).map_err(csv_error)?;
    }
    writer.flush().map_err(|e| Error::io("<stdout>", e))
}

/// A csv error as the I/O error inside it, when there is one.
pub fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("<stdout>", io),
        other => Error::Usage(format!("CSV: {other:?}")),
    }
}
