//! A site kept in memory: the `Sink` for tests and for `dossier serve` (`src/serve/`).
//!
//! A site rendered into memory goes through the same writing code as `build`, so that what is
//! served is what a build would write: the same paths, refused for the same reasons. Nothing
//! touches the disk; `finish` hands back the files, by path.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use super::{Ledger, Sink, WriteError};

/// A site in memory: path (as in `OutputFile::path`) -> bytes.
#[derive(Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    ledger: Ledger,
}

impl Memory {
    /// An empty site.
    pub fn new() -> Memory {
        Memory::default()
    }
}

/// What errors of a site in memory name in place of a folder.
const SHOWN: &str = "(site in memory)";

impl Sink for Memory {
    /// The files, by path.
    type Finished = BTreeMap<String, Vec<u8>>;

    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.ledger.admit(Path::new(""), Path::new(SHOWN), path)?;
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn finish(self) -> Result<BTreeMap<String, Vec<u8>>, WriteError> {
        self.ledger.complete(Path::new(SHOWN))?;
        Ok(self.files.into_inner().unwrap_or_else(PoisonError::into_inner))
    }
}
