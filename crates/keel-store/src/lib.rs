//! Keel's database: the only code in the workspace that speaks SQL.
//!
//! A [`Store`] is one SQLite file opened with the settings Keel relies on (foreign keys, WAL,
//! `synchronous=FULL`, a busy timeout) and migrated to the current schema. Opening never
//! overwrites a file that is not a Keel database: such files are reported and left untouched.

mod assessments;
mod attachments;
mod backup;
mod catalogue;
mod error;
mod exchange;
mod location;
mod merge;
mod migrations;
mod organisations;
mod worksheet;

pub use assessments::{AssessmentSummary, AuditEntry, NewAssessment};
pub use attachments::{attachments_dir, Attachment, MAX_ATTACHMENT_BYTES};
pub use backup::{backups_dir, list_backups, restore, CheckReport, KEPT_BACKUPS};
pub use catalogue::{backup_summaries, describe_backup, newest_sound_backup, BackupContents, BackupSummary};
pub use error::StoreError;
pub use location::{default_database_path, DATABASE_ENV_VAR, DATABASE_FILE_NAME};
pub use merge::MergedAssessor;
pub use migrations::SCHEMA_VERSION;
pub use worksheet::{Action, DemoAssessment, Note, PackMembers, DEMO_DATABASE_FILE_NAME};

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

/// `PRAGMA application_id` of a Keel database: "KEEL" in ASCII. Marks the file as ours so a
/// foreign SQLite database is never migrated by mistake.
pub const APPLICATION_ID: i32 = 0x4B45_454C;

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open Keel database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The per-connection settings Keel depends on, as SQLite reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    pub foreign_keys: bool,
    pub journal_mode: String,
    /// 0 = OFF, 1 = NORMAL, 2 = FULL, 3 = EXTRA.
    pub synchronous: i64,
    pub busy_timeout_ms: i64,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) when missing, and migrates it
    /// to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        check_existing_file(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .map_err(|source| StoreError::Unwritable { path: dir.to_path_buf(), source: source.into() })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(|e| classify(path, e))? {
            return Err(StoreError::Unwritable { path: path.to_path_buf(), source: "the file is read-only".into() });
        }
        // Identify the file before changing anything in it (switching to WAL rewrites the header).
        migrations::check_identity(&conn, path)?;
        backup::quick_check(&conn, path)?;
        configure(&conn, path)?;
        let mut store = Store { conn, path: path.to_path_buf() };
        let version = store.schema_version()?;
        if version > 0 && version < SCHEMA_VERSION {
            // Keep the file as it was before changing its schema.
            store.rolling_backup(&format!("before-migration-v{version}"))?;
        }
        migrations::migrate(&mut store.conn, path)?;
        Ok(store)
    }

    /// Creates a database at schema `version` (for upgrade tests of every earlier version).
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> Result<(), StoreError> {
        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        configure(&conn, path)?;
        migrations::migrate_to(&mut conn, path, version)
    }

    /// The file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The settings of this store's connection, read back from SQLite.
    pub fn connection_settings(&self) -> Result<ConnectionSettings, StoreError> {
        let read = |conn: &Connection| -> rusqlite::Result<ConnectionSettings> {
            Ok(ConnectionSettings {
                foreign_keys: conn.pragma_query_value(None, "foreign_keys", |r| r.get::<_, i64>(0))? == 1,
                journal_mode: conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?,
                synchronous: conn.pragma_query_value(None, "synchronous", |r| r.get(0))?,
                busy_timeout_ms: conn.pragma_query_value(None, "busy_timeout", |r| r.get(0))?,
            })
        };
        read(&self.conn).map_err(|e| self.error(e))
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.error(e))
    }

    fn error(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }
}

/// The version of the SQLite library compiled into Keel, e.g. `"3.50.4"`.
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

/// Refuses a path that exists but cannot be a SQLite database, before SQLite touches it.
fn check_existing_file(path: &Path) -> Result<(), StoreError> {
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        // Missing, or below something that is not a folder: creating it will report the problem.
        Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => return Ok(()),
        Err(e) => return Err(StoreError::Unreadable { path: path.to_path_buf(), source: e }),
    };
    if !metadata.is_file() {
        return Err(StoreError::NotADatabase { path: path.to_path_buf(), detail: "it is not a regular file".into() });
    }
    if metadata.len() == 0 {
        // SQLite treats an empty file as a new database; nothing can be lost.
        return Ok(());
    }
    let mut header = [0u8; 16];
    let read = fs::File::open(path)
        .and_then(|mut f| f.read(&mut header))
        .map_err(|source| StoreError::Unreadable { path: path.to_path_buf(), source })?;
    if read < header.len() || &header != SQLITE_HEADER {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            detail: "it does not start with the SQLite 3 file header".into(),
        });
    }
    Ok(())
}

/// Applies the settings every Keel connection must have (see [`ConnectionSettings`]).
fn configure(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e| classify(path, e);
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    conn.pragma_update(None, "foreign_keys", true).map_err(err)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0)).map_err(err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::WalUnavailable { path: path.to_path_buf(), mode });
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
    Ok(())
}

/// Turns a SQLite error into a [`StoreError`] that says what it means for the user's file.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path, detail: e.to_string() },
        Some(ErrorCode::DatabaseCorrupt) => {
            let newest_backup = backup::newest_good_backup(&path);
            StoreError::Corrupt { path, detail: e.to_string(), newest_backup }
        }
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            StoreError::Unwritable { path, source: Box::new(e) }
        }
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        _ => StoreError::Sqlite { path, source: e },
    }
}
