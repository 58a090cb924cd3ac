//! Restore as one operation, writers under concurrency, and sealed final assessments: every
//! refusal leaves the database exactly as it was (a dump compared before and after).

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use keel_core::exchange::{AssessmentStatus, AssessorDoc};
use keel_core::framework::builtin;
use keel_core::scoring::NodeScore;
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{list_backups, restore, NewAssessment, Store, StoreError};

fn add(store: &mut Store, name: &str) -> i64 {
    let new = NewOrganisation {
        name: OrganisationName::parse(name).expect("name"),
        sector: Sector::Commercial,
        sites: vec![],
    };
    store.add_organisation(&new).expect("add").id
}

fn names(db: &Path) -> Vec<String> {
    Store::open(db).expect("open").organisations().expect("list").into_iter().map(|o| o.name).collect()
}

/// A logical dump of the database (every row, sorted).
fn dump(db: &Path) -> String {
    keel_store::logical_dump(db).expect("dump")
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let good = dir.path().join("good.sqlite3");
    let mut store = Store::open(&db).expect("open");
    add(&mut store, "In The Backup Ltd");
    store.backup_to(&good).expect("backup");
    add(&mut store, "Only Live Ltd");
    (dir, db, good)
}

#[test]
fn a_target_that_is_not_a_keel_database_is_refused_and_unchanged() {
    let (dir, _db, good) = setup();
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "list\n").expect("write");
    let err = restore(&notes, &good).expect_err("a text file is not a database");
    assert!(err.to_string().contains("notes.txt") && err.to_string().contains("not a SQLite database"), "{err}");
    assert_eq!(fs::read(&notes).expect("read"), b"list\n");

    let foreign = dir.path().join("other-app.db");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("foreign");
    let before = fs::read(&foreign).expect("read");
    let err = restore(&foreign, &good).expect_err("another application's database");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err:?}");
    assert_eq!(fs::read(&foreign).expect("read"), before);
}

#[test]
fn sources_that_are_missing_folders_pipes_or_not_keel_schemas_are_refused_and_nothing_changes() {
    let (dir, db, _good) = setup();
    let before = dump(&db);
    let missing = dir.path().join("missing.sqlite3");
    let err = restore(&db, &missing).expect_err("missing");
    assert!(matches!(err, StoreError::Missing { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&format!("there is no file {}", missing.display())), "{err}");

    let folder = dir.path().join("a-folder");
    fs::create_dir(&folder).expect("mkdir");
    let err = restore(&db, &folder).expect_err("folder");
    assert!(err.to_string().contains("is a folder, not a file"), "{err}");

    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let err = restore(&db, &fifo).expect_err("a FIFO is refused before it is opened (no hang)");
    assert!(err.to_string().contains("named pipe"), "{err}");

    // Keel's mark without Keel's tables.
    let hollow = dir.path().join("hollow.sqlite3");
    rusqlite::Connection::open(&hollow)
        .and_then(|c| {
            c.execute_batch("CREATE TABLE t (x); PRAGMA application_id = 1262830924; PRAGMA user_version = 3;")
        })
        .expect("hollow");
    let err = restore(&db, &hollow).expect_err("no Keel tables");
    assert!(matches!(err, StoreError::UnknownSchema { .. }), "{err:?}");
    assert!(err.to_string().contains("missing"), "{err}");

    let err = restore(&db, &db).expect_err("onto itself");
    assert!(matches!(err, StoreError::RestoreOntoItself { .. }), "{err:?}");

    assert_eq!(dump(&db), before, "the database is unchanged");
    assert!(list_backups(&db).is_empty(), "nothing was replaced, so nothing was kept");
}

#[test]
fn restore_keeps_wal_commits_in_the_before_restore_copy_and_an_open_store_sees_the_result() {
    let (_dir, db, good) = setup();
    // The store stays open: its last commits are still in the WAL, not the main file.
    let mut open = Store::open(&db).expect("open");
    add(&mut open, "Still In The Wal Ltd");
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 0, "the test needs a WAL with content");
    let live = dump(&db);

    let restored = restore(&db, &good).expect("restore");
    let kept = restored.kept.expect("a copy was kept");
    assert!(kept.to_string_lossy().contains("before-restore"), "{kept:?}");
    assert_eq!(dump(&kept), live, "the before-restore copy is the live content, WAL included");
    assert_eq!(names(&kept), ["In The Backup Ltd", "Only Live Ltd", "Still In The Wal Ltd"]);
    // The store that was open all along reads the restored content.
    let seen: Vec<String> = open.organisations().expect("list").into_iter().map(|o| o.name).collect();
    assert_eq!(seen, ["In The Backup Ltd"]);
    drop(open);
    assert_eq!(names(&db), ["In The Backup Ltd"]);
    assert!(Store::open(&db).expect("open").check().expect("check").is_ok());
    // Restoring the kept copy brings everything back.
    restore(&db, &kept).expect("restore back");
    assert_eq!(names(&db), ["In The Backup Ltd", "Only Live Ltd", "Still In The Wal Ltd"]);
}

#[test]
fn restore_onto_a_missing_database_creates_it_with_the_backup_content() {
    let (dir, _db, good) = setup();
    let fresh = dir.path().join("new/keel.sqlite3");
    let restored = restore(&fresh, &good).expect("restore");
    assert_eq!(restored.kept, None);
    assert_eq!(names(&fresh), ["In The Backup Ltd"]);
}

#[test]
fn a_restore_waits_for_a_writer_and_writers_during_restores_lose_nothing() {
    let (dir, db, good) = setup();
    let stop = Arc::new(AtomicBool::new(false));
    let reported = Arc::new(Mutex::new(Vec::<String>::new()));
    let writer = {
        let (db, stop, reported) = (db.clone(), stop.clone(), reported.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db).expect("writer open");
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let name = format!("Concurrent {n:04}");
                match store.add_organisation(&NewOrganisation {
                    name: OrganisationName::parse(&name).expect("name"),
                    sector: Sector::Commercial,
                    sites: vec![],
                }) {
                    Ok(_) => {
                        reported.lock().expect("lock").push(name);
                        // A brisk writer, not a spinning one (people type slower than this).
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    Err(StoreError::Busy { .. }) => {}
                    Err(e) => panic!("writer: {e}"),
                }
            }
        })
    };
    let mut kept = Vec::new();
    for _ in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(40));
        kept.push(restore(&db, &good).unwrap_or_else(|e| panic!("restore: {e:?}")).kept.expect("kept"));
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().expect("writer");
    let reported = reported.lock().expect("lock").clone();
    assert!(!reported.is_empty(), "the writer got to write");
    let mut everywhere: Vec<String> = names(&db);
    for copy in &kept {
        everywhere.extend(names(copy));
    }
    let lost: Vec<&String> = reported.iter().filter(|n| !everywhere.contains(n)).collect();
    assert!(lost.is_empty(), "reported commits lost: {lost:?}");
    assert!(Store::open(&db).expect("open").check().expect("check").is_ok());
    drop(dir);
}

#[test]
fn two_writers_at_once_both_succeed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    drop(Store::open(&db).expect("create"));
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).expect("open");
                for i in 0..25 {
                    let org = add(&mut store, &format!("Writer {t} org {i}"));
                    // Reads then writes inside one transaction: the case that failed with
                    // "locked" when a read lock had to be upgraded.
                    let new = NewAssessment {
                        organisation_id: org,
                        framework: support::efqm(),
                        period: 2025,
                        title: format!("T{t}-{i}"),
                        scope: String::new(),
                        profile: "default".into(),
                        custom_profile: None,
                        assessors: vec![AssessorDoc { key: "a".into(), name: "A".into(), role: String::new() }],
                    };
                    store.create_assessment(&new, "test").expect("every write succeeds");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer thread");
    }
    assert_eq!(Store::open(&db).expect("open").assessments(None).expect("list").len(), 50);
}

#[test]
fn many_processes_creating_one_new_database_at_once_all_succeed() {
    for round in 0..5 {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("new.sqlite3");
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || Store::open(&db).map(|s| s.schema_version().expect("version")))
            })
            .collect();
        for t in threads {
            let version = t.join().expect("thread").unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert_eq!(version, keel_store::SCHEMA_VERSION);
        }
    }
}

/// A final assessment of `framework` with one agreed score (for every built-in framework).
fn final_assessment(store: &mut Store, framework: &'static keel_core::Framework, n: usize) -> i64 {
    let org = add(store, &format!("Sealed {n} Ltd"));
    let new = NewAssessment {
        organisation_id: org,
        framework,
        period: 2025,
        title: format!("{} review", framework.id()),
        scope: String::new(),
        profile: "default".into(),
        custom_profile: None,
        assessors: vec![AssessorDoc { key: "a".into(), name: "A".into(), role: String::new() }],
    };
    let id = store.create_assessment(&new, "test").expect("create");
    let node = framework.nodes().iter().find(|n| n.scheme.is_some()).expect("a scored node");
    let value = NodeScore::nearest(&framework.schemes()[node.scheme.expect("scheme")], 60.0);
    store.set_score(id, None, &node.id, Some(&value), "why", "test").expect("score");
    store.set_status(id, AssessmentStatus::Final, "test").expect("finalise");
    id
}

#[test]
fn finalising_seals_every_framework_and_check_names_a_changed_assessment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let mut store = Store::open(&db).expect("open");
    let ids: Vec<i64> =
        builtin().iter().enumerate().map(|(n, framework)| final_assessment(&mut store, framework, n)).collect();
    assert_eq!(ids.len(), 7, "every built-in framework");
    for &id in &ids {
        let seal = store.seal(id).expect("seal").expect("sealed at finalisation");
        assert_eq!(seal.hash.len(), 64);
        assert_eq!(seal.short().len(), 12);
    }
    let report = store.check().expect("check");
    assert!(report.is_ok(), "{report:?}");
    drop(store);

    // Change one agreed score behind Keel's back (the lock trigger removed, as a tamperer would).
    let victim = ids[3];
    let raw = rusqlite::Connection::open(&db).expect("raw");
    raw.execute_batch("DROP TRIGGER score_update_final_locked").expect("drop trigger");
    raw.execute("UPDATE score SET rationale = 'edited' WHERE assessment_id = ?1", [victim]).expect("tamper");
    drop(raw);
    let report = Store::open(&db).expect("open").check().expect("check");
    assert_eq!(report.changed_assessments.len(), 1, "{report:?}");
    assert!(report.changed_assessments[0].starts_with(&format!("assessment {victim} ")), "{report:?}");
    assert!(report.changed_assessments[0].contains("changed since it was finalised"), "{report:?}");
}

#[test]
fn the_audit_chain_names_an_edited_or_removed_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let mut store = Store::open(&db).expect("open");
    for i in 0..5 {
        add(&mut store, &format!("Audited {i} Ltd"));
    }
    assert!(store.check().expect("check").audit_chain.is_empty());
    drop(store);
    let raw = rusqlite::Connection::open(&db).expect("raw");
    raw.execute_batch(
        "DROP TRIGGER audit_append_only_update; UPDATE audit SET detail = 'Someone Else Ltd' WHERE id = 3;",
    )
    .expect("tamper");
    drop(raw);
    let report = Store::open(&db).expect("open").check().expect("check");
    assert_eq!(report.audit_chain.len(), 1, "{report:?}");
    assert!(report.audit_chain[0].starts_with("audit entry 3 "), "{report:?}");

    let raw = rusqlite::Connection::open(&db).expect("raw");
    raw.execute_batch("DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id = 2;").expect("tamper");
    drop(raw);
    let report = Store::open(&db).expect("open").check().expect("check");
    assert!(report.audit_chain.iter().any(|l| l.starts_with("audit entry 3 ")), "{report:?}");
}
