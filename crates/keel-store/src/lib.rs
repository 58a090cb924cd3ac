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
pub mod generated;
mod integrity;
mod location;
mod merge;
mod migrations;
mod organisations;
mod query_plans;
mod wal;
mod worksheet;

pub use assessments::{AssessmentSummary, AuditEntry, NewAssessment, NextYear};
pub use attachments::{attachments_dir, Attachment, MAX_ATTACHMENT_BYTES};
pub use backup::{
    backups_dir, check_regular_file, list_backups, logical_dump, restore, CheckReport, Restored, KEPT_BACKUPS,
};
pub use catalogue::{backup_summaries, describe_backup, newest_sound_backup, BackupContents, BackupSummary};
pub use error::StoreError;
pub use integrity::Seal;
pub use location::{default_database_path, DATABASE_ENV_VAR, DATABASE_FILE_NAME};
pub use merge::MergedAssessor;
pub use migrations::SCHEMA_VERSION;
pub use worksheet::{Action, DemoAssessment, Note, PackMembers, Worksheet, DEMO_DATABASE_FILE_NAME};

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

/// `PRAGMA application_id` of a Keel database: "KEEL" in ASCII. Marks the file as ours so a
/// foreign SQLite database is never migrated by mistake.
pub const APPLICATION_ID: i32 = 0x4B45_454C;

/// How long a writer waits for another connection's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open Keel database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened after an unclean shutdown without the whole-file check ([`Store::check_owed`]).
    check_owed: bool,
    /// When [`Store::begin_snapshot`] fixed what this connection reads: a rolling backup made
    /// meanwhile is named by that moment, the one its content is from.
    snapshot_at: Option<chrono::DateTime<chrono::Utc>>,
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
    ///
    /// Opening costs the same whatever the file's size: the whole-file `integrity_check` runs
    /// only after an unclean shutdown (a WAL left behind) and before a migration; the daily
    /// backup and `keel check` run it too.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    /// [`Store::open`] without the whole-file check after an unclean shutdown, for a caller
    /// that runs [`Store::check`] on a background thread instead (the app, so the window opens
    /// at once). The damaged-WAL check and the check before a migration still run.
    pub fn open_deferring_check(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, check_unclean: bool) -> Result<Store, StoreError> {
        // SQLite answers "busy" at once, without waiting, where waiting could deadlock (e.g.
        // several processes switching a brand-new file to WAL together): start again, within
        // the busy timeout.
        let started = std::time::Instant::now();
        loop {
            match Store::open_once(path, check_unclean) {
                Err(StoreError::Busy { .. }) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                result => return result,
            }
        }
    }

    fn open_once(path: &Path, check_unclean: bool) -> Result<Store, StoreError> {
        check_existing_file(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .map_err(|source| StoreError::Unwritable { path: dir.to_path_buf(), source: source.into() })?;
        }
        // A WAL with content beside the file means the last writer did not close cleanly (or
        // another program has it open right now): check the whole file in that case.
        let unclean = fs::metadata(backup::side_file(path, "-wal")).is_ok_and(|m| m.len() > 0);
        if unclean {
            if let Some(detail) = wal::damage(&backup::side_file(path, "-wal")) {
                return Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail,
                    newest_backup: backup::newest_good_backup(path),
                });
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(path, e))?;
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(|e| classify(path, e))? {
            return Err(StoreError::Unwritable { path: path.to_path_buf(), source: "the file is read-only".into() });
        }
        // Identify the file before changing anything in it (switching to WAL rewrites the header).
        migrations::check_identity(&conn, path)?;
        let mut conn = conn;
        configure(&mut conn, path)?;
        let mut store =
            Store { conn, path: path.to_path_buf(), check_owed: unclean && !check_unclean, snapshot_at: None };
        let version = store.schema_version()?;
        if version > 0 && version < SCHEMA_VERSION {
            // Keep the file as it was before changing its schema, and never migrate a damaged one.
            backup::integrity_check(&store.conn, path)?;
            store.rolling_backup(&format!("before-migration-v{version}"))?;
        } else if unclean && check_unclean {
            backup::integrity_check(&store.conn, path)?;
        }
        migrations::migrate(&mut store.conn, path)?;
        if (version > 0 && version < SCHEMA_VERSION) || unclean {
            store.backfill_records()?;
        }
        Ok(store)
    }

    /// Creates a database at schema `version` (for upgrade tests of every earlier version).
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> Result<(), StoreError> {
        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        configure(&mut conn, path)?;
        migrations::migrate_to(&mut conn, path, version)
    }

    /// Whether this store was opened after an unclean shutdown by
    /// [`Store::open_deferring_check`], which left the whole-file check to its caller.
    pub fn check_owed(&self) -> bool {
        self.check_owed
    }

    /// Fixes what this connection reads to the database as it is now, until
    /// [`Store::end_snapshot`]: other connections may write meanwhile (the file is in WAL
    /// mode), and a check or backup made on this connection still sees and copies this moment.
    /// A rolling backup made meanwhile is named by this moment.
    pub fn begin_snapshot(&mut self) -> Result<(), StoreError> {
        self.snapshot_at = Some(chrono::Utc::now());
        self.conn.execute_batch("BEGIN DEFERRED").map_err(|e| self.error(e))?;
        // A read transaction takes its snapshot at its first read.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Ends [`Store::begin_snapshot`]; this connection reads the database as it is again.
    pub fn end_snapshot(&mut self) -> Result<(), StoreError> {
        self.snapshot_at = None;
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.conn.execute_batch("COMMIT").map_err(|e| self.error(e))
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

    /// A stored value this version cannot read, named by table, row and column.
    fn invalid_row(&self, table: &'static str, row_id: i64, column: &'static str, value: String) -> StoreError {
        StoreError::InvalidRow { path: self.path.clone(), table, row_id, column, value }
    }
}

/// The version of the SQLite library compiled into Keel, e.g. `"3.50.4"`.
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

/// Whether the file's header carries Keel's `application_id` (bytes 68–71, "KEEL"), even when
/// the rest of the header is damaged.
pub(crate) fn has_keel_mark(path: &Path) -> bool {
    let mut header = [0u8; 72];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_ok() && header[68..72] == *b"KEEL"
}

/// `text` cut to at most `max` characters, with the length of what was left out.
pub(crate) fn cut(text: &str, max: usize) -> String {
    keel_core::input::cut(text, max)
}

/// What a path that is not a regular file is, in words (the store's refusals and the use cases'
/// file reading say it alike).
pub fn file_kind_name(metadata: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Refuses a path that exists but cannot be a SQLite database, before SQLite touches it.
pub(crate) fn check_existing_file(path: &Path) -> Result<(), StoreError> {
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        // Missing, or below something that is not a folder: creating it will report the problem.
        Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => return Ok(()),
        Err(e) => return Err(StoreError::Unreadable { path: path.to_path_buf(), source: e }),
    };
    if !metadata.is_file() {
        return Err(StoreError::NotAFile { path: path.to_path_buf(), kind: crate::file_kind_name(&metadata) });
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
        if has_keel_mark(path) {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: "its SQLite file header is damaged".into(),
                newest_backup: backup::newest_good_backup(path),
            });
        }
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            detail: "it does not start with the SQLite 3 file header".into(),
        });
    }
    Ok(())
}

/// Applies the settings every Keel connection must have (see [`ConnectionSettings`]).
fn configure(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e| classify(path, e);
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    // Every write transaction takes the write lock when it starts, so a writer waits its turn
    // (up to the busy timeout) instead of failing when it upgrades a read lock mid-transaction.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
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
        Some(ErrorCode::NotADatabase) if !has_keel_mark(&path) => {
            StoreError::NotADatabase { path, detail: e.to_string() }
        }
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            let newest_backup = backup::newest_good_backup(&path);
            StoreError::Corrupt { path, detail: e.to_string(), newest_backup }
        }
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            StoreError::Unwritable { path, source: Box::new(e) }
        }
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
        // SQLite reports some writes that failed for lack of space (growing the WAL index,
        // syncing) as I/O errors; the OS error it just saw says which.
        Some(ErrorCode::SystemIoFailure) if disk_is_full() => StoreError::DiskFull { path },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        _ => StoreError::Sqlite { path, source: e },
    }
}

/// Whether the last OS error of this thread says the disk (or the user's quota) is full.
fn disk_is_full() -> bool {
    let e = std::io::Error::last_os_error();
    e.kind() == std::io::ErrorKind::StorageFull || e.kind() == std::io::ErrorKind::QuotaExceeded
}
