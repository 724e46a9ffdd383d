//! Reading a stored document from a damaged index: tantivy trusts the bytes
//! of a doc-store block, and a flipped byte can make it index out of bounds
//! (a panic) instead of returning an error. [`read_doc`] turns that into a
//! [`tantivy::TantivyError::DataCorruption`] that names `readouts verify` (as
//! does any other error reading a stored document), and keeps the panic's own
//! message off stderr.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use tantivy::{DocAddress, Searcher, TantivyDocument, TantivyError};

thread_local! {
    /// Set while this thread reads through [`read_doc`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Install, once per process, a panic hook that stays silent for panics
/// inside [`read_doc`] and hands every other panic to the previous hook.
fn install_quiet_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// The stored document at `address`, or an error if its block is damaged.
pub fn read_doc(searcher: &Searcher, address: DocAddress) -> tantivy::Result<TantivyDocument> {
    install_quiet_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let read = catch_unwind(AssertUnwindSafe(|| searcher.doc(address)));
    GUARDED.with(|g| g.set(was));
    let why = match read {
        Ok(Ok(doc)) => return Ok(doc),
        Ok(Err(e)) => e.to_string(),
        Err(_) => "a damaged doc-store block".to_string(),
    };
    Err(TantivyError::DataCorruption(
        tantivy::error::DataCorruption::comment_only(format!(
            "a stored passage cannot be read ({why}); the index may be damaged: run `readouts verify`"
        )),
    ))
}
