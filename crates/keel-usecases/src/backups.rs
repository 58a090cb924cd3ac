//! Copies of the database: one made now, the daily rolling backup, restore, and the check.

use std::path::Path;
use std::time::Duration;

use keel_store::{CheckReport, Store};

use crate::Error;

/// How old the newest rolling backup may be before the app makes a new one.
pub const DAILY: Duration = Duration::from_secs(24 * 60 * 60);

/// Writes a consistent copy of the database to `to` (safe while Keel is running).
pub fn backup_to(store: &Store, to: &Path) -> Result<(), Error> {
    Ok(store.backup_to(to)?)
}

/// Replaces the database at `database` with the backup at `from`; the replaced content is kept
/// among the rolling backups.
pub fn restore(database: &Path, from: &Path) -> Result<(), Error> {
    Ok(keel_store::restore(database, from)?)
}

/// A rolling backup when the newest is older than a day; `None` when one is recent enough.
pub fn daily(store: &Store) -> Result<Option<std::path::PathBuf>, Error> {
    Ok(store.daily_backup(DAILY)?)
}

/// The database's integrity and foreign keys.
pub fn check(store: &Store) -> Result<CheckReport, Error> {
    Ok(store.check()?)
}
