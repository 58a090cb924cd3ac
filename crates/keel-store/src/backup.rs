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

use crate::{classify, migrations, Store, StoreError};

/// How many rolling backups are kept.
pub const KEPT_BACKUPS: usize = 7;

/// Result of `integrity_check` and `foreign_key_check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Problems `integrity_check` found; empty when the file is sound.
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_keys: Vec<String>,
    /// Final assessments changed since they were sealed, each named.
    pub changed_assessments: Vec<String>,
    /// Breaks in the audit log's hash chain, each naming the entry.
    pub audit_chain: Vec<String>,
    /// The newest backup that passes every check, offered when something is wrong.
    pub newest_good_backup: Option<PathBuf>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.changed_assessments.is_empty()
            && self.audit_chain.is_empty()
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

/// The newest rolling backup that passes every check of a restore source.
pub(crate) fn newest_good_backup(database: &Path) -> Option<PathBuf> {
    list_backups(database).into_iter().find(|b| verify_backup(b).is_ok())
}

/// Refuses a damaged file: SQLite's full `integrity_check` (indexes against their tables too)
/// must say "ok". It reads the whole file, so it runs where it matters (after an unclean
/// shutdown, before a migration, with the daily backup, in `keel check`), not on every open.
pub(crate) fn integrity_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt { path: path.to_path_buf(), detail: result, newest_backup: newest_good_backup(path) })
    }
}

/// Opens `file` read-only and checks that it is a sound Keel database this Keel can open: Keel's
/// mark, a schema version this Keel knows with exactly that version's tables, indexes and
/// triggers, and clean `integrity_check` and `foreign_key_check`.
pub(crate) fn verify_backup(file: &Path) -> Result<(), StoreError> {
    check_regular_file(file)?;
    crate::check_existing_file(file)?;
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| classify(file, e))?;
    let err = |e| classify(file, e);
    migrations::check_identity(&conn, file)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
    if version == 0 {
        return Err(StoreError::NotADatabase { path: file.to_path_buf(), detail: "it is an empty database".into() });
    }
    let expected = migrations::schema_objects_at(version).map_err(err)?;
    let found = migrations::schema_objects(&conn).map_err(err)?;
    if found != expected {
        let missing: Vec<&str> = expected.difference(&found).map(|(_, n)| n.as_str()).collect();
        let extra: Vec<&str> = found.difference(&expected).map(|(_, n)| n.as_str()).collect();
        return Err(StoreError::UnknownSchema {
            path: file.to_path_buf(),
            version,
            detail: match (missing.is_empty(), extra.is_empty()) {
                (false, _) => format!("missing {}", crate::cut(&missing.join(", "), 200)),
                (true, _) => format!("unexpected {}", crate::cut(&extra.join(", "), 200)),
            },
        });
    }
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(err)?;
    if result != "ok" {
        return Err(StoreError::Corrupt { path: file.to_path_buf(), detail: result, newest_backup: None });
    }
    let orphans: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).map_err(err)?;
    if orphans > 0 {
        return Err(StoreError::Corrupt {
            path: file.to_path_buf(),
            detail: format!("{orphans} rows point at rows that do not exist"),
            newest_backup: None,
        });
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
            // In one step, without pauses: the database is in WAL mode, so a reader holds up no
            // writer, and one step is one consistent read (pausing every 256 pages made a
            // 290 MB database's backup before a migration take three seconds of sleep, issue 17).
            backup.run_to_completion(i32::MAX, Duration::ZERO, None).map_err(|e| classify(to, e))?;
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
        // Named by when its content is from: now, or the start of a snapshot being copied.
        let at = self.snapshot_at.unwrap_or_else(Utc::now);
        let name = format!("keel-{}-{reason}.sqlite3", at.format("%Y%m%dT%H%M%S%.3fZ"));
        let to = backups_dir(&self.path).join(name);
        self.backup_to(&to)?;
        prune_backups(&self.path);
        Ok(to)
    }

    /// Whether [`Store::daily_backup`] would make a backup now.
    pub fn daily_backup_due(&self, max_age: Duration) -> bool {
        list_backups(&self.path)
            .into_iter()
            .next()
            .and_then(|b| fs::metadata(b).and_then(|m| m.modified()).ok())
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age >= max_age)
    }

    /// A rolling backup when the newest one is older than `max_age` (or there is none), after
    /// the full check ([`Store::check`]): a database with problems is reported as
    /// [`StoreError::Corrupt`] with the newest good backup, and no backup is made of it.
    pub fn daily_backup(&self, max_age: Duration) -> Result<Option<PathBuf>, StoreError> {
        if !self.daily_backup_due(max_age) {
            return Ok(None);
        }
        // Check first: a damaged or changed database must not push good backups out of the
        // rotation.
        self.verify()?;
        self.rolling_backup("daily").map(Some)
    }

    /// [`Store::check`] as one result: anything wrong is [`StoreError::Corrupt`] naming every
    /// problem (cut to a readable length) and the newest good backup.
    pub fn verify(&self) -> Result<(), StoreError> {
        let report = self.check()?;
        if report.is_ok() {
            return Ok(());
        }
        let problems: Vec<String> =
            [&report.integrity, &report.foreign_keys, &report.changed_assessments, &report.audit_chain]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
        Err(StoreError::Corrupt {
            path: self.path.clone(),
            detail: problems.join("; "),
            newest_backup: report.newest_good_backup,
        })
    }

    /// Runs `integrity_check` and `foreign_key_check`, verifies every final assessment's seal
    /// and the audit chain, and names the newest good backup when anything is wrong.
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
        // Seals and chain are read only from a file SQLite calls sound.
        let (changed_assessments, audit_chain) =
            if integrity.is_empty() { self.verify_records()? } else { (Vec::new(), Vec::new()) };
        let mut report =
            CheckReport { integrity, foreign_keys, changed_assessments, audit_chain, newest_good_backup: None };
        if !report.is_ok() {
            report.newest_good_backup = newest_good_backup(&self.path);
        }
        Ok(report)
    }
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The copy of the replaced database kept in `backups/` (`None` when there was none).
    pub kept: Option<PathBuf>,
    /// The replaced database was damaged: `kept` is a byte-for-byte copy of it (and its WAL,
    /// as `<kept>-wal`) rather than a copy through SQLite.
    pub replaced_damaged: bool,
}

/// Replaces the content of the database at `database` with the Keel backup `from`, as one
/// operation that cannot half-happen.
///
/// The backup is checked first (a regular file, a Keel database of a schema this Keel knows,
/// `integrity_check` and `foreign_key_check` clean); the target must be a Keel database (or
/// missing). Then, holding the database's write lock (writers wait, up to the busy timeout, or
/// get [`StoreError::Busy`]), the current content is copied to `backups/` through SQLite's backup
/// API (committed WAL content included) and the backup's content is written into the live
/// database in one SQLite transaction: a kill at any point leaves either the old or the new
/// content, and every commit a writer reported is in one of the two. A damaged target that
/// SQLite cannot read is kept byte for byte and replaced by a file rename, after its WAL is
/// removed (so an old WAL can never be replayed onto the restored file).
pub fn restore(database: &Path, from: &Path) -> Result<Restored, StoreError> {
    check_regular_file(from)?;
    verify_backup(from)?;
    if let (Ok(a), Ok(b)) = (fs::canonicalize(database), fs::canonicalize(from)) {
        if a == b {
            return Err(StoreError::RestoreOntoItself { path: from.to_path_buf() });
        }
    }
    let kept = match target_state(database)? {
        Target::Missing => {
            drop(Store::open(database)?);
            restore_live(database, from)?;
            Restored { kept: None, replaced_damaged: false }
        }
        Target::Keel => match restore_live(database, from) {
            Ok(kept) => Restored { kept: Some(kept), replaced_damaged: false },
            Err(StoreError::Corrupt { .. }) | Err(StoreError::NotADatabase { .. }) => {
                Restored { kept: Some(restore_damaged(database, from)?), replaced_damaged: true }
            }
            Err(e) => return Err(e),
        },
        Target::Damaged => Restored { kept: Some(restore_damaged(database, from)?), replaced_damaged: true },
    };
    // Bring an older backup up to this Keel's schema (with its own before-migration backup).
    drop(Store::open(database)?);
    Ok(kept)
}

/// What the file a restore is about to replace is.
enum Target {
    Missing,
    Keel,
    /// Keel's mark is in its header, but SQLite cannot read it.
    Damaged,
}

fn target_state(database: &Path) -> Result<Target, StoreError> {
    match fs::metadata(database) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(e) => return Err(StoreError::Unreadable { path: database.to_path_buf(), source: e }),
        Ok(m) if m.is_file() && m.len() == 0 => return Ok(Target::Missing),
        Ok(_) => {}
    }
    check_regular_file(database)?;
    if let Err(e) = crate::check_existing_file(database) {
        return if crate::has_keel_mark(database) { Ok(Target::Damaged) } else { Err(e) };
    }
    let conn =
        Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| classify(database, e))?;
    conn.busy_timeout(crate::BUSY_TIMEOUT).map_err(|e| classify(database, e))?;
    match migrations::check_identity(&conn, database) {
        Ok(()) => Ok(Target::Keel),
        Err(StoreError::NotADatabase { .. }) | Err(StoreError::Corrupt { .. }) if crate::has_keel_mark(database) => {
            Ok(Target::Damaged)
        }
        Err(e) => Err(e),
    }
}

/// Refuses a path that is missing, a folder, or anything but a regular file (a FIFO would
/// block the reader forever), before anything opens it.
pub fn check_regular_file(path: &Path) -> Result<(), StoreError> {
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        Err(e) => return Err(StoreError::Unreadable { path: path.to_path_buf(), source: e }),
    };
    if metadata.is_file() {
        return Ok(());
    }
    Err(StoreError::NotAFile { path: path.to_path_buf(), kind: crate::file_kind_name(&metadata) })
}

/// The current content, kept as `backups/keel-<time>-before-restore.sqlite3`.
fn before_restore_path(database: &Path, suffix: &str) -> PathBuf {
    backups_dir(database)
        .join(format!("keel-{}-before-restore{suffix}.sqlite3", Utc::now().format("%Y%m%dT%H%M%S%.3fZ")))
}

/// Restore into a database SQLite can read: one write transaction does it all.
fn restore_live(database: &Path, from: &Path) -> Result<PathBuf, StoreError> {
    let err = |e| classify(database, e);
    let mut conn = Connection::open_with_flags(
        database,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(err)?;
    // Wait for the write lock by polling every millisecond for up to the busy timeout (SQLite's
    // own back-off sleeps up to 100 ms at a time, so a busy writer could starve the restore).
    conn.busy_handler(Some(poll_for_lock)).map_err(err)?;
    // Rows are copied table by table; the whole is checked with foreign_key_check before commit.
    conn.pragma_update(None, "foreign_keys", false).map_err(err)?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
    conn.execute("ATTACH DATABASE ?1 AS src", [from.to_string_lossy()]).map_err(|e| classify(from, e))?;
    conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
    let result = (|| {
        let keep = before_restore_path(database, "");
        // Inside the write lock: nothing can commit between this copy and the restore. The copy
        // reads through a second connection (a WAL reader is not blocked by our write lock, and
        // sees every commit made before it, WAL included).
        let reader =
            Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(err)?;
        reader.busy_timeout(crate::BUSY_TIMEOUT).map_err(err)?;
        copy_database(&reader, &keep)?;
        drop(reader);
        replace_content(&conn).map_err(err)?;
        let orphans = {
            let mut stmt = conn.prepare("PRAGMA main.foreign_key_check").map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            let mut n = 0;
            while rows.next().map_err(err)?.is_some() {
                n += 1;
            }
            n
        };
        if orphans > 0 {
            return Err(StoreError::Corrupt {
                path: from.to_path_buf(),
                detail: format!("{orphans} rows point at rows that do not exist"),
                newest_backup: None,
            });
        }
        conn.execute_batch("COMMIT").map_err(err)?;
        Ok(keep)
    })();
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    let keep = result?;
    let _ = conn.execute_batch("DETACH DATABASE src");
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    prune_backups(database);
    Ok(keep)
}

fn poll_for_lock(attempt: i32) -> bool {
    std::thread::sleep(Duration::from_millis(1));
    i64::from(attempt) < crate::BUSY_TIMEOUT.as_millis() as i64
}

/// Drops every table, index, trigger and view of `main` and recreates them, rows included,
/// from the attached `src`; part of the caller's transaction.
fn replace_content(conn: &Connection) -> rusqlite::Result<()> {
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let objects = |schema: &str| -> rusqlite::Result<Vec<(String, String, Option<String>)>> {
        let mut stmt = conn.prepare(&format!(
            "SELECT type, name, sql FROM {schema}.sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect();
        rows
    };
    let old = objects("main")?;
    for kind in ["trigger", "view", "table"] {
        for (_, name, _) in old.iter().filter(|(t, _, _)| t == kind) {
            conn.execute_batch(&format!("DROP {} main.{}", kind.to_uppercase(), quote(name)))?;
        }
    }
    let new = objects("src")?;
    for (_, name, sql) in new.iter().filter(|(t, _, _)| t == "table") {
        let Some(sql) = sql else { continue };
        conn.execute_batch(sql)?;
        conn.execute_batch(&format!("INSERT INTO main.{0} SELECT * FROM src.{0}", quote(name)))?;
    }
    for kind in ["index", "trigger", "view"] {
        for (_, _, sql) in new.iter().filter(|(t, _, _)| t == kind) {
            if let Some(sql) = sql {
                conn.execute_batch(sql)?;
            }
        }
    }
    let has_sequence = |schema: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            &format!("SELECT count(*) FROM {schema}.sqlite_schema WHERE name = 'sqlite_sequence'"),
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )
    };
    if has_sequence("src")? && has_sequence("main")? {
        conn.execute_batch(
            "DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM src.sqlite_sequence;",
        )?;
    }
    let version: i64 = conn.query_row("PRAGMA src.user_version", [], |r| r.get(0))?;
    conn.execute_batch(&format!(
        "PRAGMA main.user_version = {version}; PRAGMA main.application_id = {};",
        crate::APPLICATION_ID
    ))?;
    Ok(())
}

/// Restore over a damaged file SQLite cannot read: keep it (and its WAL) byte for byte, remove
/// its WAL and shared-memory files, then rename a checked copy of the backup into place.
fn restore_damaged(database: &Path, from: &Path) -> Result<PathBuf, StoreError> {
    let dir = database.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let unwritable = |path: &Path| {
        let path = path.to_path_buf();
        move |e: std::io::Error| StoreError::Unwritable { path, source: e.into() }
    };
    let keep = before_restore_path(database, "-damaged");
    fs::create_dir_all(backups_dir(database)).map_err(unwritable(&backups_dir(database)))?;
    copy_file_durably(database, &keep)?;
    let wal = side_file(database, "-wal");
    if wal.exists() {
        copy_file_durably(&wal, &side_file(&keep, "-wal"))?;
    }
    // The restored content, complete and synced, beside the database.
    let temp =
        tempfile::Builder::new().prefix(".keel-restore-").suffix(".tmp").tempfile_in(dir).map_err(unwritable(dir))?;
    {
        let source =
            Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| classify(from, e))?;
        let mut dest = Connection::open(temp.path()).map_err(|e| classify(database, e))?;
        Backup::new(&source, &mut dest)
            .and_then(|b| b.run_to_completion(i32::MAX, Duration::ZERO, None))
            .map_err(|e| classify(database, e))?;
        let _: String =
            dest.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| classify(database, e))?;
    }
    temp.as_file().sync_all().map_err(unwritable(temp.path()))?;
    // The old WAL goes first: a kill after this leaves the damaged file (kept above) without
    // it, never an old WAL beside restored content.
    for suffix in ["-wal", "-shm"] {
        match fs::remove_file(side_file(database, suffix)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(unwritable(database)(e)),
        }
    }
    temp.persist(database).map_err(|e| unwritable(database)(e.error))?;
    sync_dir(dir);
    prune_backups(database);
    Ok(keep)
}

/// `path` with `suffix` appended to its file name (`keel.sqlite3` → `keel.sqlite3-wal`).
pub(crate) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies a file byte for byte through a synced temporary file and a rename.
fn copy_file_durably(from: &Path, to: &Path) -> Result<(), StoreError> {
    let dir = to.parent().unwrap_or(Path::new("."));
    let unwritable = |e: std::io::Error| StoreError::Unwritable { path: to.to_path_buf(), source: e.into() };
    let mut temp =
        tempfile::Builder::new().prefix(".keel-copy-").suffix(".tmp").tempfile_in(dir).map_err(unwritable)?;
    let mut source =
        fs::File::open(from).map_err(|e| StoreError::Unreadable { path: from.to_path_buf(), source: e })?;
    std::io::copy(&mut source, temp.as_file_mut()).map_err(unwritable)?;
    temp.as_file().sync_all().map_err(unwritable)?;
    temp.persist(to).map_err(|e| unwritable(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename in `dir` durable (best effort: not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Keeps the newest [`KEPT_BACKUPS`] rolling backups.
fn prune_backups(database: &Path) {
    for old in list_backups(database).into_iter().skip(KEPT_BACKUPS) {
        let _ = fs::remove_file(side_file(&old, "-wal"));
        let _ = fs::remove_file(old);
    }
    remove_leftovers(database);
}

/// How old a half-written copy must be before it counts as left behind by an interrupted backup
/// or restore (one still being written by another process is younger).
const LEFTOVER_AGE: Duration = Duration::from_secs(10 * 60);

/// Removes what a backup or restore cut short (the app closed or killed while it copied) left:
/// hidden `.keel-backup-*` files in the backups folder and `.keel-restore-*` files beside the
/// database, each the size of the database, which nothing else would ever remove.
fn remove_leftovers(database: &Path) {
    let folders = [
        (backups_dir(database), ".keel-backup-"),
        (
            database.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf(),
            ".keel-restore-",
        ),
    ];
    for (folder, prefix) in folders {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let left_behind = entry.file_name().to_str().is_some_and(|name| name.starts_with(prefix))
                && entry
                    .metadata()
                    .ok()
                    .and_then(|m| m.modified().ok())
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age >= LEFTOVER_AGE);
            if left_behind {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Every row of every table and every schema entry, sorted, as text, with the schema version:
/// a logical dump for tests that compare a database before and after (read-only).
#[doc(hidden)]
pub fn logical_dump(database: &Path) -> Result<String, StoreError> {
    let err = |e| classify(database, e);
    let conn =
        Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(err)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
    let mut out = format!("user_version {version}\n");
    let objects: Vec<(String, Option<String>)> = {
        let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema ORDER BY name").map_err(err)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(err)?.collect::<Result<_, _>>();
        rows.map_err(err)?
    };
    for (name, sql) in objects {
        out.push_str(&format!("{name}: {}\n", sql.clone().unwrap_or_default()));
        if !sql.is_some_and(|s| s.starts_with("CREATE TABLE")) {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{}\"", name.replace('"', "\"\""))).map_err(err)?;
        let columns = stmt.column_count();
        let mut lines: Vec<String> = stmt
            .query_map([], |r| {
                (0..columns)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|v| v.join("|"))
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        lines.sort();
        for line in lines {
            out.push_str(&format!("  {line}\n"));
        }
    }
    Ok(out)
}
