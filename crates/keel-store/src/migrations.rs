//! Append-only schema migrations tracked by `PRAGMA user_version`.
//!
//! Never edit a migration that has shipped: add a new one. Migration `n` (1-based) moves the
//! schema from version `n - 1` to `n`; each runs in its own transaction together with the
//! version bump, so a crash leaves the file at a whole version.

use std::path::Path;

use std::collections::BTreeSet;

use rusqlite::{Connection, TransactionBehavior};

use crate::{classify, StoreError, APPLICATION_ID};

const MIGRATIONS: &[&str] = &[
    // 1: organisations.
    "CREATE TABLE organisation (
         id         INTEGER PRIMARY KEY,
         name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
         sector     TEXT NOT NULL CHECK (sector IN ('commercial', 'public-sector')),
         created_at TEXT NOT NULL
     ) STRICT;
     CREATE UNIQUE INDEX organisation_name ON organisation (name COLLATE NOCASE);",
    // 2: assessments and everything in them, KPIs, the audit log.
    include_str!("migrations/0002_assessments.sql"),
    // 3: the walk-through's resume point per assessment.
    include_str!("migrations/0003_resume.sql"),
    // 4: the indexes the hot queries filter on.
    include_str!("migrations/0004_indexes.sql"),
    // 5: seals on final assessments, the audit log's hash chain.
    include_str!("migrations/0005_seals.sql"),
    // 6: drafts of typed text not yet committed (notes, reasons); action statuses stay
    // editable on final assessments.
    include_str!("migrations/0006_drafts_and_action_status.sql"),
    // 7: agreed scores carried into next year's draft, marked until confirmed or changed.
    include_str!("migrations/0007_carried_scores.sql"),
];

/// The schema version this build of Keel writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a database that is not Keel's or is newer than this build; reads only, in one read
/// transaction (so a concurrent process creating the file is seen before or after, never half).
pub(crate) fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e| classify(path, e);
    let autocommit = conn.is_autocommit();
    if autocommit {
        conn.execute_batch("BEGIN").map_err(err)?;
    }
    let result = check_identity_in(conn, path);
    if autocommit {
        let _ = conn.execute_batch("COMMIT");
    }
    result
}

fn check_identity_in(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e| classify(path, e);
    let version = user_version(conn).map_err(err)?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(err)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(err)?;
        // A new, empty file becomes ours; anything else with a foreign id is someone else's.
        if app_id != 0 || version != 0 || tables != 0 {
            return Err(StoreError::ForeignDatabase { path: path.to_path_buf() });
        }
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    Ok(())
}

/// Applies the migrations this file has not had yet, each with its version bump.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    migrate_to(conn, path, SCHEMA_VERSION)
}

/// Applies migrations up to `target` (tests build databases of every earlier version with it).
pub(crate) fn migrate_to(conn: &mut Connection, path: &Path, target: i64) -> Result<(), StoreError> {
    let err = |e| classify(path, e);
    let version = user_version(conn).map_err(err)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize).take((target - version).max(0) as usize) {
        let target = index as i64 + 1;
        // The write lock first, then the version again: another process creating or migrating
        // the same file at the same time has either done this step already or waits for us.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        check_identity_in(&tx, path)?;
        if user_version(&tx).map_err(err)? >= target {
            continue;
        }
        tx.execute_batch(sql).map_err(err)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(err)?;
        tx.pragma_update(None, "user_version", target).map_err(err)?;
        tx.commit().map_err(err)?;
    }
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// The tables, indexes, triggers and views of a database, as (type, name).
pub(crate) fn schema_objects(conn: &Connection) -> rusqlite::Result<BTreeSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect();
    rows
}

/// The schema objects a Keel database of `version` has (built in memory from the migrations).
pub(crate) fn schema_objects_at(version: i64) -> rusqlite::Result<BTreeSet<(String, String)>> {
    let mut conn = Connection::open_in_memory()?;
    for sql in MIGRATIONS.iter().take(version.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.commit()?;
    }
    schema_objects(&conn)
}
