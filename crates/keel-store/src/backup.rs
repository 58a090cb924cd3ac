//! Backups through SQLite's online backup API, restore, and integrity checks.
//!
//! Rolling backups live in a `backups` folder next to the database; the newest
//! [`KEPT_BACKUPS`] are kept. Every backup is written to a temporary file in the target folder,
//! synced, and renamed into place, so an interrupted backup never leaves a truncated file.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::{classify, migrations, Store, StoreError, SCHEMA_VERSION};

/// How many rolling backups are kept.
pub const KEPT_BACKUPS: usize = 7;

/// Result of `integrity_check` and `foreign_key_check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Problems `integrity_check` found; empty when the file is sound.
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_keys: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty()
    }
}

/// The folder rolling backups of the database at `database` go to.
pub fn backups_dir(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Rolling backups of `database`, newest first.
pub fn list_backups(database: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(backups_dir(database)) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "sqlite3")
                && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("keel-"))
        })
        .collect();
    // Names start with a sortable UTC time stamp.
    files.sort();
    files.reverse();
    files
}

/// The newest rolling backup that passes `quick_check`.
pub(crate) fn newest_good_backup(database: &Path) -> Option<PathBuf> {
    list_backups(database).into_iter().find(|b| verify_backup(b).is_ok())
}

/// Refuses a damaged file: SQLite's `quick_check` must say "ok".
pub(crate) fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let result: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt { path: path.to_path_buf(), detail: result, newest_backup: newest_good_backup(path) })
    }
}

/// Opens `file` read-only and checks that it is a sound Keel database this Keel can open.
fn verify_backup(file: &Path) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| classify(file, e))?;
    migrations::check_identity(&conn, file)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| classify(file, e))?;
    if version == 0 {
        return Err(StoreError::NotADatabase { path: file.to_path_buf(), detail: "it is an empty database".into() });
    }
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| classify(file, e))?;
    if result != "ok" {
        return Err(StoreError::Corrupt { path: file.to_path_buf(), detail: result, newest_backup: None });
    }
    Ok(())
}

/// Copies `from` into a new file at `to` with the online backup API: temporary file in the
/// target folder, fsync, rename. An existing `to` is replaced only on success.
fn copy_database(from: &Connection, to: &Path) -> Result<(), StoreError> {
    let dir = to.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| StoreError::Unwritable { path: dir.to_path_buf(), source: e.into() })?;
    let temp = tempfile::Builder::new()
        .prefix(".keel-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| StoreError::Unwritable { path: dir.to_path_buf(), source: e.into() })?;
    {
        let mut dest = Connection::open(temp.path()).map_err(|e| classify(to, e))?;
        {
            let backup = Backup::new(from, &mut dest).map_err(|e| classify(to, e))?;
            backup.run_to_completion(256, Duration::from_millis(10), None).map_err(|e| classify(to, e))?;
        }
        // A backup is one self-contained file: no WAL beside it.
        dest.pragma_update(None, "journal_mode", "DELETE").map_err(|e| classify(to, e))?;
    }
    temp.as_file().sync_all().map_err(|e| StoreError::Unwritable { path: to.to_path_buf(), source: e.into() })?;
    temp.persist(to).map_err(|e| StoreError::Unwritable { path: to.to_path_buf(), source: e.error.into() })?;
    Ok(())
}

impl Store {
    /// Writes a consistent copy of the database to `to` (atomically, see [`copy_database`]).
    pub fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        copy_database(&self.conn, to)
    }

    /// Adds a rolling backup named `keel-<UTC time>-<reason>.sqlite3` and keeps the newest
    /// [`KEPT_BACKUPS`].
    pub fn rolling_backup(&self, reason: &str) -> Result<PathBuf, StoreError> {
        let name = format!("keel-{}-{reason}.sqlite3", Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        let to = backups_dir(&self.path).join(name);
        self.backup_to(&to)?;
        for old in list_backups(&self.path).into_iter().skip(KEPT_BACKUPS) {
            let _ = fs::remove_file(old);
        }
        Ok(to)
    }

    /// A rolling backup when the newest one is older than `max_age` (or there is none).
    pub fn daily_backup(&self, max_age: Duration) -> Result<Option<PathBuf>, StoreError> {
        let newest = list_backups(&self.path).into_iter().next();
        let fresh = newest
            .and_then(|b| fs::metadata(b).and_then(|m| m.modified()).ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < max_age);
        if fresh {
            Ok(None)
        } else {
            self.rolling_backup("daily").map(Some)
        }
    }

    /// Runs `integrity_check` and `foreign_key_check`.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").map_err(|e| self.error(e))?;
        let integrity: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.error(e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.error(e))?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check").map_err(|e| self.error(e))?;
        let foreign_keys = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{} row {} → {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    r.get::<_, String>(2)?
                ))
            })
            .map_err(|e| self.error(e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.error(e))?;
        Ok(CheckReport { integrity, foreign_keys })
    }
}

/// Replaces the database at `database` with the backup `from`, after checking the backup and
/// keeping the current file as a rolling backup. Nothing changes if any step fails.
pub fn restore(database: &Path, from: &Path) -> Result<(), StoreError> {
    verify_backup(from)?;
    let version: i64 = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.pragma_query_value(None, "user_version", |r| r.get(0)))
        .map_err(|e| classify(from, e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: from.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if database.exists() {
        // The current file may be the damaged one; keep it whatever its state, by plain copy.
        let keep = backups_dir(database)
            .join(format!("keel-{}-before-restore.sqlite3", Utc::now().format("%Y%m%dT%H%M%S%.3fZ")));
        fs::create_dir_all(backups_dir(database))
            .map_err(|e| StoreError::Unwritable { path: backups_dir(database), source: e.into() })?;
        fs::copy(database, &keep).map_err(|e| StoreError::Unwritable { path: keep.clone(), source: e.into() })?;
    }
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| classify(from, e))?;
    // Restore into a temporary file first, then swap it in and drop the old WAL and index files.
    copy_database(&source, database)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = database.as_os_str().to_owned();
        side.push(suffix);
        let _ = fs::remove_file(PathBuf::from(side));
    }
    Ok(())
}
