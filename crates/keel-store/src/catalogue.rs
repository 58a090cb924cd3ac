//! What each backup holds: its date, size, organisations and assessments, and whether it is a
//! sound Keel database, read without changing a byte of it. Also the audit entry a restore
//! leaves in the restored database.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::{classify, migrations, Store, StoreError};

/// One backup file and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub path: PathBuf,
    /// The file name (how the window names a rolling backup when asking to restore it).
    pub name: String,
    /// When it was made: from a rolling backup's name, else the file's modification time.
    pub made_at: Option<DateTime<Utc>>,
    /// Why it was made ("daily", "before-restore", "before-migration-v2", …), from its name.
    pub reason: String,
    pub bytes: u64,
    /// What it holds; `None` when it cannot be read.
    pub contents: Result<BackupContents, String>,
}

/// The count of what a sound backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupContents {
    pub organisations: i64,
    pub assessments: i64,
    pub final_assessments: i64,
    pub schema_version: i64,
}

impl BackupSummary {
    /// Whether the file passed the checks and can be restored.
    pub fn is_good(&self) -> bool {
        self.contents.is_ok()
    }
}

/// Every rolling backup of `database`, newest first, with what each holds.
pub fn backup_summaries(database: &Path) -> Vec<BackupSummary> {
    crate::list_backups(database).iter().map(|p| describe_backup(p)).collect()
}

/// The newest rolling backup of `database` that is sound, with what it holds.
pub fn newest_sound_backup(database: &Path) -> Option<BackupSummary> {
    backup_summaries(database).into_iter().find(BackupSummary::is_good)
}

/// Describes one backup file. A file that is not a sound Keel database is described with the
/// reason in `contents`.
pub fn describe_backup(file: &Path) -> BackupSummary {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let metadata = fs::metadata(file).ok();
    let (stamp, reason) = parse_name(&name).map_or((None, String::new()), |(t, r)| (Some(t), r));
    let made_at = stamp.or_else(|| metadata.as_ref().and_then(|m| m.modified().ok()).map(DateTime::<Utc>::from));
    BackupSummary {
        path: file.to_path_buf(),
        name,
        made_at,
        reason,
        bytes: metadata.map_or(0, |m| m.len()),
        contents: contents(file).map_err(|e| e.to_string()),
    }
}

/// `keel-20261206T201431.123Z-daily.sqlite3` → its time and "daily".
fn parse_name(name: &str) -> Option<(DateTime<Utc>, String)> {
    let rest = name.strip_prefix("keel-")?.strip_suffix(".sqlite3")?;
    let (stamp, reason) = rest.split_once("Z-")?;
    let time = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.3f").ok()?;
    Some((time.and_utc(), reason.to_owned()))
}

/// Opens `file` read-only, checks it is a sound Keel database and counts what it holds.
fn contents(file: &Path) -> Result<BackupContents, StoreError> {
    crate::check_existing_file(file)?;
    if !file.is_file() {
        return Err(StoreError::NotADatabase { path: file.to_path_buf(), detail: "there is no such file".into() });
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| classify(file, e))?;
    migrations::check_identity(&conn, file)?;
    let err = |e| classify(file, e);
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
    if schema_version == 0 {
        return Err(StoreError::NotADatabase { path: file.to_path_buf(), detail: "it is an empty database".into() });
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(err)?;
    if check != "ok" {
        return Err(StoreError::Corrupt { path: file.to_path_buf(), detail: check, newest_backup: None });
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(err);
    let organisations = count("SELECT count(*) FROM organisation")?;
    let (assessments, final_assessments) = if schema_version >= 2 {
        (count("SELECT count(*) FROM assessment")?, count("SELECT count(*) FROM assessment WHERE status = 'final'")?)
    } else {
        (0, 0)
    };
    Ok(BackupContents { organisations, assessments, final_assessments, schema_version })
}

impl Store {
    /// Records in the audit log that this database was restored from `from` (called on the
    /// restored file, so the entry survives the restore).
    pub fn record_restore(&mut self, from: &Path, actor: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        crate::assessments::audit(&tx, actor, "restore backup", "database", &from.display().to_string())
            .map_err(err)?;
        tx.commit().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_backup_names_give_time_and_reason() {
        let (time, reason) = parse_name("keel-20261206T201431.123Z-before-restore.sqlite3").expect("parsed");
        assert_eq!(time.to_rfc3339(), "2026-12-06T20:14:31.123+00:00");
        assert_eq!(reason, "before-restore");
        assert_eq!(parse_name("copy.sqlite3"), None);
        assert_eq!(parse_name("keel-yesterday-daily.sqlite3"), None);
    }
}
