//! Integration tests of keel-store against real SQLite files in temporary folders.

use std::fs;
use std::path::Path;

use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{Store, StoreError, SCHEMA_VERSION};

fn new_org(name: &str, sector: Sector) -> NewOrganisation {
    NewOrganisation { name: OrganisationName::parse(name).expect("valid test name"), sector, sites: vec![] }
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

#[test]
fn bundled_sqlite_has_the_wal_reset_fix() {
    // SQLite 3.51.3 fixed a WAL-reset bug that could corrupt databases under concurrent use.
    let parts: Vec<u32> =
        keel_store::sqlite_version().split('.').map(|p| p.parse().expect("numeric version part")).collect();
    assert!(parts >= vec![3, 51, 3], "bundled SQLite {} is older than 3.51.3", keel_store::sqlite_version());
}

#[test]
fn every_connection_has_keels_settings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/folder/keel.sqlite3");
    for _ in 0..2 {
        // First open creates the file and folders, second reopens it.
        let store = open(&path);
        let settings = store.connection_settings().expect("settings");
        assert!(settings.foreign_keys, "foreign_keys must be ON");
        assert_eq!(settings.journal_mode, "wal");
        assert_eq!(settings.synchronous, 2, "synchronous must be FULL");
        assert!(settings.busy_timeout_ms >= 1000, "busy timeout {} ms", settings.busy_timeout_ms);
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    }
}

#[test]
fn organisations_survive_reopening_sorted_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keel.sqlite3");
    {
        let mut store = open(&path);
        let city = store.add_organisation(&new_org("  Northtown City Council ", Sector::PublicSector)).expect("add");
        assert_eq!(city.name, "Northtown City Council");
        store.add_organisation(&new_org("Acme Castings", Sector::Commercial)).expect("add");
    }
    let store = open(&path);
    let orgs = store.organisations().expect("list");
    let summary: Vec<(&str, Sector)> = orgs.iter().map(|o| (o.name.as_str(), o.sector)).collect();
    assert_eq!(summary, vec![("Acme Castings", Sector::Commercial), ("Northtown City Council", Sector::PublicSector)]);
    assert!(orgs[0].id != orgs[1].id);
}

#[test]
fn duplicate_names_are_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = open(&dir.path().join("keel.sqlite3"));
    store.add_organisation(&new_org("Acme", Sector::Commercial)).expect("add");
    let err = store.add_organisation(&new_org("ACME", Sector::PublicSector)).expect_err("duplicate");
    assert!(matches!(err, StoreError::DuplicateOrganisation { ref name } if name == "ACME"), "{err:?}");
    assert_eq!(store.organisations().expect("list").len(), 1);
}

#[test]
fn a_file_that_is_not_sqlite_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.sqlite3");
    let content = b"Quarterly review notes - not a database\n".repeat(50);
    fs::write(&path, &content).expect("write");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("notes.sqlite3"), "error names the file: {err}");
    assert_eq!(fs::read(&path).expect("read back"), content, "file must be untouched");
    assert!(!dir.path().join("notes.sqlite3-wal").exists());
}

#[test]
fn a_directory_in_place_of_the_file_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = Store::open(dir.path()).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotAFile { kind: "a folder", .. }), "{err:?}");
    assert!(err.to_string().contains("is a folder, not a file"), "{err}");
}

#[test]
fn a_foreign_sqlite_database_is_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (7);")
            .expect("create");
    }
    let before = fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err:?}");
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn a_database_from_a_newer_keel_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keel.sqlite3");
    drop(open(&path));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5).expect("bump");
    }
    let err = Store::open(&path).expect_err("must refuse");
    match err {
        StoreError::TooNew { found, supported, .. } => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 5, SCHEMA_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn an_unwritable_location_is_reported_not_panicked() {
    // Root ignores file permissions, so use a place no one can create folders in: a path below
    // a regular file.
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, b"x").expect("write");
    let err = Store::open(&blocker.join("keel/keel.sqlite3")).expect_err("must refuse");
    assert!(matches!(err, StoreError::Unwritable { .. }), "{err:?}");
    assert!(err.to_string().starts_with("cannot write to"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_reported_when_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).expect("mkdir");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root can write regardless of mode bits; then there is nothing to observe here.
    let probe = fs::write(ro.join("probe"), b"x");
    if probe.is_ok() {
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).expect("chmod back");
        return;
    }
    let err = Store::open(&ro.join("keel.sqlite3")).expect_err("must refuse");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert!(matches!(err, StoreError::Unwritable { .. }), "{err:?}");
}
