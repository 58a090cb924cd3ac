//! Backups, restore and integrity checks on real files, including a deliberately damaged one.

use std::fs;
use std::io::{Seek, SeekFrom, Write};

use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{list_backups, restore, Store, StoreError, KEPT_BACKUPS};

fn add(store: &mut Store, name: &str) {
    let new = NewOrganisation {
        name: OrganisationName::parse(name).expect("name"),
        sector: Sector::Commercial,
        sites: vec![],
    };
    store.add_organisation(&new).expect("add");
}

fn names(store: &Store) -> Vec<String> {
    store.organisations().expect("list").into_iter().map(|o| o.name).collect()
}

#[test]
fn backup_and_restore_round_trip_and_keep_the_replaced_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let copy = dir.path().join("elsewhere/copy.sqlite3");
    {
        let mut store = Store::open(&db).expect("open");
        add(&mut store, "Before Backup Ltd");
        store.backup_to(&copy).expect("backup");
        add(&mut store, "After Backup Ltd");
        assert!(store.check().expect("check").is_ok());
    }
    restore(&db, &copy).expect("restore");
    let store = Store::open(&db).expect("reopen");
    assert_eq!(names(&store), ["Before Backup Ltd"]);
    let kept = list_backups(&db);
    assert_eq!(kept.len(), 1, "the replaced file is kept: {kept:?}");
    assert!(kept[0].to_string_lossy().contains("before-restore"));
}

#[test]
fn restore_refuses_a_bad_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    {
        let mut store = Store::open(&db).expect("open");
        add(&mut store, "Keep Me Ltd");
    }
    let text = dir.path().join("notes.txt");
    fs::write(&text, "not a backup").expect("write");
    assert!(matches!(restore(&db, &text), Err(StoreError::NotADatabase { .. })));
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).and_then(|c| c.execute_batch("CREATE TABLE t (x)")).expect("foreign");
    assert!(matches!(restore(&db, &foreign), Err(StoreError::ForeignDatabase { .. })));
    assert_eq!(names(&Store::open(&db).expect("open")), ["Keep Me Ltd"]);
    assert!(list_backups(&db).is_empty(), "nothing was replaced, so nothing was kept");
}

#[test]
fn a_damaged_file_is_reported_with_the_newest_good_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let backup = {
        let mut store = Store::open(&db).expect("open");
        for i in 0..400 {
            add(&mut store, &format!("Organisation number {i:04} with a name long enough to fill pages"));
        }
        store.rolling_backup("test").expect("rolling backup")
    };
    // Scribble over the middle of the file (the store was closed, so the WAL is checkpointed).
    let len = fs::metadata(&db).expect("meta").len();
    assert!(len > 8 * 4096, "the test needs several pages, got {len} bytes");
    let mut file = fs::OpenOptions::new().write(true).open(&db).expect("open for damage");
    file.seek(SeekFrom::Start(2 * 4096)).expect("seek");
    file.write_all(&[0xA5; 4096 * 3]).expect("damage");
    drop(file);
    let damaged = fs::read(&db).expect("read");

    // Opening does not read the whole file; the full check finds the damage either way.
    let found = Store::open(&db).and_then(|store| store.check());
    match found {
        Err(err) => {
            match &err {
                StoreError::Corrupt { newest_backup, .. } => assert_eq!(newest_backup.as_ref(), Some(&backup)),
                other => panic!("expected Corrupt, got {other:?}"),
            }
            let message = err.to_string();
            assert!(message.contains("is damaged") && message.contains("keel restore"), "{message}");
        }
        Ok(report) => {
            assert!(!report.integrity.is_empty(), "the damage is found: {report:?}");
            assert_eq!(report.newest_good_backup.as_ref(), Some(&backup));
        }
    }
    assert_eq!(fs::read(&db).expect("read"), damaged, "a damaged file is never overwritten");

    restore(&db, &backup).expect("restore the offered backup");
    assert_eq!(Store::open(&db).expect("open").organisations().expect("list").len(), 400);
}

#[test]
fn a_migration_is_preceded_by_a_backup_and_only_seven_rolling_backups_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    Store::create_at_version(&db, 1).expect("v1");
    let store = Store::open(&db).expect("upgrade");
    let backups = list_backups(&db);
    assert_eq!(backups.len(), 1);
    assert!(backups[0].to_string_lossy().contains("before-migration-v1"), "{backups:?}");
    for i in 0..9 {
        store.rolling_backup(&format!("n{i}")).expect("backup");
    }
    let backups = list_backups(&db);
    assert_eq!(backups.len(), KEPT_BACKUPS);
    assert!(backups[0].to_string_lossy().ends_with("-n8.sqlite3"), "newest first: {backups:?}");
    assert!(
        store.daily_backup(std::time::Duration::from_secs(3600)).expect("daily").is_none(),
        "a fresh backup exists"
    );
}

#[test]
fn copies_left_by_an_interrupted_backup_or_restore_are_removed_by_the_next_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let store = Store::open(&db).expect("open");
    store.rolling_backup("daily").expect("first backup");
    let backups = keel_store::backups_dir(&db);
    // What a backup or restore killed midway leaves: a hidden copy and its journal.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60 * 60);
    let left = [
        backups.join(".keel-backup-Xa1b2C.tmp"),
        backups.join(".keel-backup-Xa1b2C.tmp-journal"),
        dir.path().join(".keel-restore-Qz9y8W.tmp"),
    ];
    for file in &left {
        fs::write(file, vec![0u8; 4096]).expect("leftover");
        fs::File::options().write(true).open(file).and_then(|f| f.set_modified(an_hour_ago)).expect("age");
    }
    // One being written right now (by another process) is left alone.
    let writing = backups.join(".keel-backup-Fresh1.tmp");
    fs::write(&writing, b"in progress").expect("fresh");
    let unrelated = backups.join("notes.txt");
    fs::write(&unrelated, b"mine").expect("unrelated");

    store.rolling_backup("daily").expect("next backup");
    for file in &left {
        assert!(!file.exists(), "{} left behind", file.display());
    }
    assert!(writing.exists() && unrelated.exists(), "only leftovers go");
    assert_eq!(list_backups(&db).len(), 2);
}
