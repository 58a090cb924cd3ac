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

/// The check and backup a start of the app owes: the full check (integrity, seals of final
/// assessments, the audit chain) after an unclean shutdown, and once a day the check with a
/// rolling backup. On its own connection, fixed at the moment [`StartCheck::due`] returns (a
/// snapshot), so it may run later, beside the window and its writes, and still check and copy
/// the database as it was at start.
#[derive(Debug)]
pub struct StartCheck {
    store: Store,
    backup: bool,
}

impl StartCheck {
    /// What the start that opened `opened` (with [`crate::database::open_deferring_check`])
    /// owes, with the snapshot taken on a connection of its own; `None` when nothing is owed (a
    /// clean shutdown and a backup less than a day old): a start costs nothing in proportion to
    /// the database's size.
    pub fn due(opened: &Store) -> Result<Option<StartCheck>, Error> {
        let unclean = opened.check_owed();
        let backup = opened.daily_backup_due(DAILY);
        if !backup && !unclean {
            return Ok(None);
        }
        let mut store = Store::open_deferring_check(opened.path())?;
        store.begin_snapshot()?;
        Ok(Some(StartCheck { store, backup }))
    }

    /// Whether this check ends with the day's rolling backup.
    pub fn backs_up(&self) -> bool {
        self.backup
    }

    /// Runs the check, then the backup when one is due, on the snapshot; a damaged or changed
    /// database is reported with the newest good backup and pushes no good backup out of the
    /// rotation.
    pub fn run(mut self) -> Result<(), Error> {
        let result = if self.backup { self.store.daily_backup(DAILY).map(|_| ()) } else { self.store.verify() };
        self.store.end_snapshot()?;
        Ok(result?)
    }
}

/// The audit log, newest first (at most `limit` entries).
pub fn audit_log(store: &Store, limit: usize) -> Result<Vec<keel_store::AuditEntry>, Error> {
    Ok(store.audit_log(limit)?)
}

/// The database's integrity and foreign keys.
pub fn check(store: &Store) -> Result<CheckReport, Error> {
    Ok(store.check()?)
}
