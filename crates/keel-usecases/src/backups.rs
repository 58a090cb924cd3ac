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

/// The full check of the database at `path` (integrity, seals of final assessments, the audit
/// chain) on its own connection, with a rolling backup when the newest is older than a day (the
/// backup runs the check itself first). The app runs it on a background thread at every start.
pub fn daily_check(path: &Path) -> Result<(), Error> {
    let store = Store::open_deferring_check(path)?;
    if store.daily_backup_due(DAILY) {
        store.daily_backup(DAILY)?;
        return Ok(());
    }
    Ok(store.verify()?)
}

/// The audit log, newest first (at most `limit` entries).
pub fn audit_log(store: &Store, limit: usize) -> Result<Vec<keel_store::AuditEntry>, Error> {
    Ok(store.audit_log(limit)?)
}

/// The database's integrity and foreign keys.
pub fn check(store: &Store) -> Result<CheckReport, Error> {
    Ok(store.check()?)
}
