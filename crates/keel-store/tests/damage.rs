//! The damaged-file suite: header bits, the page-size bytes, an index page, a WAL frame, a final
//! assessment's score byte and an audit entry, each damaged on disk as bit rot or an editor
//! would; each is detected (on open, or by the full check `keel check` and the app's daily
//! check run) and the newest good backup is offered. The damaged file itself is never changed.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use keel_core::exchange::{AssessmentStatus, AssessorDoc};
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{backups_dir, NewAssessment, Store, StoreError};

const PAGE: usize = 4096;

/// A closed database with organisations, a final (sealed) assessment with scores, and one good
/// rolling backup; returns the folder, database and backup.
fn pristine() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let mut store = Store::open(&db).expect("open");
    let mut org = 0;
    for i in 0..30 {
        let name = OrganisationName::parse(&format!("Organisation {i:02} Ltd")).expect("name");
        org = store
            .add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] })
            .expect("add")
            .id;
    }
    let new = NewAssessment {
        organisation_id: org,
        framework: support::efqm(),
        period: 2025,
        title: "Final review".into(),
        scope: String::new(),
        profile: "default".into(),
        custom_profile: None,
        assessors: vec![AssessorDoc { key: "a".into(), name: "A".into(), role: String::new() }],
    };
    let id = store.create_assessment(&new, "test").expect("create");
    for node in ["1.1", "1.2", "2.1"] {
        store.set_score(id, None, node, Some(&support::radar(60)), "", "test").expect("score");
    }
    store.set_status(id, AssessmentStatus::Final, "test").expect("finalise");
    let backup = store.rolling_backup("good").expect("backup");
    assert!(store.check().expect("check").is_ok());
    drop(store);
    (dir, db, backup)
}

/// What Keel says about the file: an error on open, or the full check's findings. Returns the
/// problem in words and the backup offered.
fn detect(db: &Path) -> (String, Option<PathBuf>) {
    let found = Store::open(db).and_then(|store| store.check());
    match found {
        Err(StoreError::Corrupt { detail, newest_backup, .. }) => (detail, newest_backup),
        Err(other) => panic!("expected the damage to be reported as such, got: {other}"),
        Ok(report) => {
            assert!(!report.is_ok(), "the damage went unnoticed");
            let words = [&report.integrity, &report.foreign_keys, &report.changed_assessments, &report.audit_chain]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join("; ");
            (words, report.newest_good_backup)
        }
    }
}

/// Flips `mask` in the byte at `offset` of `file`.
fn flip(file: &Path, offset: usize, mask: u8) {
    let mut bytes = fs::read(file).expect("read");
    bytes[offset] ^= mask;
    fs::write(file, bytes).expect("write");
}

/// The offset of the first occurrence of `needle` in `file` at or after `from`.
fn find(file: &Path, needle: &[u8], from: usize) -> usize {
    let bytes = fs::read(file).expect("read");
    bytes[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from).expect("found")
}

fn root_page(db: &Path, name: &str) -> usize {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = ?1", [name], |r| r.get::<_, i64>(0))
        .expect("root page") as usize
}

/// Damages a copy, checks it is detected with `expect` in the words and `backup` offered, and
/// that the damaged file is left as it was.
fn assert_detected(db: &Path, backup: &Path, expect: &str, results: &mut Vec<String>, case: &str) {
    let damaged = fs::read(db).expect("read");
    let (words, offered) = detect(db);
    assert!(words.contains(expect), "{case}: expected {expect:?} in {words:?}");
    assert_eq!(offered.as_deref(), Some(backup), "{case}: the newest good backup is offered");
    assert_eq!(fs::read(db).expect("read"), damaged, "{case}: the damaged file is left untouched");
    // The offered backup brings the records back.
    keel_store::restore(db, backup).unwrap_or_else(|e| panic!("{case}: restore the offered backup: {e}"));
    assert!(Store::open(db).and_then(|s| s.check()).expect("check").is_ok(), "{case}: sound after restore");
    results.push(format!("{case}: detected ({}), backup offered", keel_core::input::cut(&words, 90)));
}

#[test]
fn every_kind_of_damage_is_detected_and_the_newest_good_backup_offered() {
    let mut results = Vec::new();

    let (_dir, db, backup) = pristine();
    flip(&db, 3, 0x01); // "SQLite format 3": one bit of the magic.
    assert_detected(&db, &backup, "header is damaged", &mut results, "header bit");

    let (_dir, db, backup) = pristine();
    flip(&db, 16, 0xFF); // The page size (bytes 16-17) no longer a power of two.
    flip(&db, 17, 0x03);
    assert_detected(&db, &backup, "not a database", &mut results, "page-size bytes");

    let (_dir, db, backup) = pristine();
    // One key in the unique name index changed: quick_check passes this; integrity_check does not.
    let page = root_page(&db, "organisation_name") - 1;
    let at = find(&db, b"Organisation 17 Ltd", page * PAGE);
    assert!(at < (page + 1) * PAGE, "the key is on the index page");
    flip(&db, at + 13, 0x01);
    assert_detected(&db, &backup, "organisation_name", &mut results, "index page");

    let (_dir, db, backup) = pristine();
    // Commits still in the write-ahead log (a store killed before it could checkpoint), then
    // damage to the page data of an early frame: SQLite would drop the later commits silently.
    {
        let mut store = Store::open(&db).expect("open");
        for i in 0..3 {
            let name = OrganisationName::parse(&format!("In The Wal {i}")).expect("name");
            store
                .add_organisation(&NewOrganisation { name, sector: Sector::PublicSector, sites: vec![] })
                .expect("add");
        }
        let wal_copy = db.with_extension("wal-copy");
        fs::copy(format!("{}-wal", db.display()), &wal_copy).expect("copy wal");
        drop(store);
        fs::rename(&wal_copy, format!("{}-wal", db.display())).expect("put the WAL back");
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    flip(&wal, 32 + 24 + 100, 0x10);
    let wal_before = fs::read(&wal).expect("read");
    assert_detected(&db, &backup, "write-ahead log is damaged", &mut results, "WAL frame");
    assert!(fs::read(&wal).map(|w| w != wal_before).unwrap_or(true), "the restore replaced the damaged log");

    let (_dir, db, backup) = pristine();
    // A digit of a stored score of the final assessment ("sound":60 → "sound":70).
    let at = find(&db, b"\"sound\":60", 0);
    flip(&db, at + 8, b'6' ^ b'7');
    assert_detected(&db, &backup, "has changed since it was finalised", &mut results, "final assessment's score byte");

    let (_dir, db, backup) = pristine();
    // One letter of the audit entries' action ("add organisation" → "adc organisation"), at
    // every place it is on disk (free space may hold stale copies of it).
    let bytes = fs::read(&db).expect("read");
    let places: Vec<usize> =
        bytes.windows(16).enumerate().filter(|(_, w)| *w == b"add organisation").map(|(i, _)| i).collect();
    assert!(!places.is_empty());
    let at = places[places.len() / 2];
    flip(&db, at + 2, b'd' ^ b'c');
    assert_detected(&db, &backup, "audit entry", &mut results, "audit entry");

    assert_eq!(results.len(), 6);
    for line in &results {
        eprintln!("{line}");
    }
    assert!(backups_dir(&db).exists());
}
