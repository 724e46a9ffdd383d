//! Which source holds each statement id: one id has one source at a time.
//!
//! Built from the manifest when a run begins (within a run, the run's own
//! list of ids read refuses a second claim), so a second file claiming an
//! id that another existing file holds is refused by name instead of
//! silently replacing its statement (which the first file's "unchanged"
//! would then never restore).

use std::collections::HashMap;
use std::sync::Arc;

use crate::index::Manifest;

/// Statement id → the manifest key of the source that holds it.
#[derive(Debug, Default)]
pub struct Owners {
    by_id: HashMap<String, Arc<str>>,
}

impl Owners {
    /// The owners a manifest records. An id that an older index lists under
    /// two files (before ids had one source) goes to the first whose file
    /// still exists, else to the first.
    pub fn of(manifest: &Manifest) -> Owners {
        let mut by_id: HashMap<String, Arc<str>> = HashMap::new();
        for (key, record) in manifest {
            let key: Arc<str> = Arc::from(key.as_str());
            let exists = crate::index::manifest::key_path(&key).exists();
            for id in &record.ids {
                match by_id.get(id) {
                    Some(first) if !exists || crate::index::manifest::key_path(first).exists() => {}
                    _ => {
                        by_id.insert(id.clone(), key.clone());
                    }
                }
            }
        }
        Owners { by_id }
    }

    /// The manifest key of the source holding `id`, if any.
    pub fn owner(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|k| &**k)
    }

    /// `key` no longer holds `id` (nothing changes if another source does).
    pub fn release(&mut self, id: &str, key: &str) {
        if self.owner(id) == Some(key) {
            self.by_id.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::SourceRecord;

    fn record(ids: &[&str]) -> SourceRecord {
        SourceRecord {
            hash: String::new(),
            ids: ids.iter().map(|s| s.to_string()).collect(),
            ..SourceRecord::default()
        }
    }

    #[test]
    fn an_id_two_files_list_goes_to_the_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("b.md");
        std::fs::write(&real, "").unwrap();
        let gone = dir.path().join("a.md").to_string_lossy().into_owned();
        let real = real.to_string_lossy().into_owned();
        let manifest: Manifest = [
            (gone.clone(), record(&["same", "only-a"])),
            (real.clone(), record(&["same"])),
        ]
        .into_iter()
        .collect();
        let mut owners = Owners::of(&manifest);
        assert_eq!(owners.owner("same"), Some(real.as_str()));
        assert_eq!(owners.owner("only-a"), Some(gone.as_str()));
        owners.release("same", &gone);
        assert_eq!(
            owners.owner("same"),
            Some(real.as_str()),
            "only the owner releases"
        );
        owners.release("same", &real);
        assert_eq!(owners.owner("same"), None);
    }
}
