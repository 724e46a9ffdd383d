//! JSON Lines: one object per line, shapes documented on the types they
//! serialize ([`crate::query::Hit`], [`crate::query::documents::Document`], ...).

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};

/// Write one value as one line.
pub fn line(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::io("<stdout>", e.into()))?;
    out.write_all(b"\n").map_err(|e| Error::io("<stdout>", e))
}
