//! Which database a shell works on: the one named on its command line, else `$KEEL_DB`, else
//! the default in the user's data folder; the demo lives in its own file beside it.

use std::path::{Path, PathBuf};

use keel_store::{DemoAssessment, Store};

use crate::Error;

/// The database a shell uses: `explicit` when given, else Keel's default location (shared by
/// the app and the `keel` command).
pub fn path(explicit: Option<PathBuf>) -> Result<PathBuf, Error> {
    match explicit {
        Some(path) => Ok(path),
        None => Ok(keel_store::default_database_path()?),
    }
}

/// The demo's database: beside the user's, never the user's.
pub fn demo_path(user: &Path) -> PathBuf {
    user.with_file_name(keel_store::DEMO_DATABASE_FILE_NAME)
}

/// Opens (creating and migrating when new) the database at `path`.
pub fn open(path: &Path) -> Result<Store, Error> {
    Ok(Store::open(path)?)
}

/// Opens the database at `path` without the whole-file check, for a window that must appear at
/// once: the check runs afterwards ([`crate::backups::daily_check`]).
pub fn open_deferring_check(path: &Path) -> Result<Store, Error> {
    Ok(Store::open_deferring_check(path)?)
}

/// Opens the database at `path` and installs the demo organisation when it is not there yet;
/// returns what it added or found.
pub fn open_demo(path: &Path, actor: &str) -> Result<(Store, Vec<DemoAssessment>), Error> {
    let mut store = Store::open(path)?;
    let installed = store.install_demo(actor)?;
    Ok((store, installed))
}
