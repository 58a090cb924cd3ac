//! The frameworks an assessment can start from: built in, imported earlier (kept with their
//! assessments in the store) and imported in this session.

use std::path::Path;

use keel_core::framework::builtin;
use keel_core::Framework;
use keel_store::Store;

use crate::views::FrameworkChoice;
use crate::{files, Error};

/// Reads and validates a framework file.
pub fn read(path: &Path) -> Result<Framework, Error> {
    Ok(Framework::parse(&files::read_text(path)?, &path.display().to_string())?)
}

/// Frameworks imported into the database at `path` earlier; none when there is no database
/// there yet (looking must not create one).
pub fn stored(path: &Path) -> Result<Vec<Framework>, Error> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    Ok(Store::open(path)?.imported_frameworks()?)
}

/// Every framework to offer: built in first, then imported ones (stored, then `session`), each
/// version once.
pub fn choices(store: &Store, session: &[Framework]) -> Result<Vec<FrameworkChoice>, Error> {
    let mut out: Vec<FrameworkChoice> = builtin().iter().map(|f| FrameworkChoice::new(f, false)).collect();
    for framework in store.imported_frameworks()?.iter().chain(session) {
        if !out.iter().any(|c| c.hash == framework.content_hash()) {
            out.push(FrameworkChoice::new(framework, true));
        }
    }
    Ok(out)
}

/// The framework with content hash `hash`: built in, imported in this session or stored.
pub fn find(store: &Store, session: &[Framework], hash: &str) -> Result<Framework, Error> {
    if let Some(f) = builtin().iter().chain(session).find(|f| f.content_hash() == hash) {
        return Ok(f.clone());
    }
    store
        .imported_frameworks()?
        .into_iter()
        .find(|f| f.content_hash() == hash)
        .ok_or_else(|| Error::NotFound("That framework is no longer available".into()))
}

/// Whether `framework` is one of Keel's built-in frameworks (this exact version).
pub fn is_builtin(framework: &Framework) -> bool {
    builtin().iter().any(|b| b.content_hash() == framework.content_hash())
}
