//! Tests of the `keel` binary as a user runs it: real process, real database file.

use std::process::Output;

mod support;
use support::keel;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn add_then_list_as_table_and_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let added = keel(&db, &["org", "add", "Acme Castings", "--sector", "commercial"]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(stdout(&added).contains("\"Acme Castings\" (Commercial)"), "{}", stdout(&added));
    let added = keel(
        &db,
        &["org", "add", "Northtown Council", "--sector", "public-sector", "--site", "Town Hall", "--site", "Depot"],
    );
    assert!(added.status.success(), "{}", stderr(&added));

    let table = keel(&db, &["org", "list"]);
    assert!(table.status.success());
    let lines: Vec<String> = stdout(&table).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].ends_with("commercial     Acme Castings"), "{lines:?}");
    assert!(lines[2].ends_with("public-sector  Northtown Council  (sites: Depot, Town Hall)"), "{lines:?}");

    let json = keel(&db, &["org", "list", "--json"]);
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    let names: Vec<&str> =
        parsed.as_array().expect("array").iter().map(|o| o["name"].as_str().expect("name")).collect();
    assert_eq!(names, ["Acme Castings", "Northtown Council"]);
    assert_eq!(parsed[1]["sector"], "public-sector");
    assert_eq!(parsed[1]["sites"], serde_json::json!(["Depot", "Town Hall"]));
    let bad_site = keel(&db, &["org", "add", "Third", "--sector", "commercial", "--site", " "]);
    assert_eq!(stderr(&bad_site).trim(), "keel: error: site name is empty");
}

#[test]
fn bad_names_are_refused_with_a_clear_message_and_no_database_is_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let long = "x".repeat(10_000);
    for (name, message) in [
        ("", "organisation name is empty"),
        ("   ", "organisation name is empty"),
        (long.as_str(), "organisation name is 10000 characters long; the limit is 200"),
    ] {
        let out = keel(&db, &["org", "add", name, "--sector", "commercial"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(&out).trim(), format!("keel: error: {message}"));
    }
    assert!(!db.exists(), "a refused name must not create the database");
}

#[test]
fn duplicate_and_unknown_sector_are_refused_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    assert!(keel(&db, &["org", "add", "Acme", "--sector", "commercial"]).status.success());
    let dup = keel(&db, &["org", "add", "acme", "--sector", "commercial"]);
    assert_eq!(dup.status.code(), Some(1));
    assert!(stderr(&dup).contains("an organisation named \"acme\" already exists"), "{}", stderr(&dup));
    let bad_sector = keel(&db, &["org", "add", "Beta", "--sector", "charity"]);
    assert_eq!(bad_sector.status.code(), Some(2), "usage error");
    assert!(stderr(&bad_sector).contains("charity"));
    let list = keel(&db, &["org", "list", "--json"]);
    let parsed: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(parsed.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_file_that_is_not_a_database_is_reported_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("budget.xlsx");
    std::fs::write(&db, b"PK\x03\x04 definitely a spreadsheet").expect("write");
    let out = keel(&db, &["org", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("budget.xlsx is not a SQLite database"), "{err}");
    assert!(err.contains("left it untouched"), "{err}");
    assert_eq!(std::fs::read(&db).expect("read"), b"PK\x03\x04 definitely a spreadsheet");
}

#[test]
fn empty_database_says_how_to_add_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = keel(&dir.path().join("k.sqlite3"), &["org", "list"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("keel org add"), "{}", stdout(&out));
}

#[test]
fn the_audit_log_lists_changes_newest_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    for name in ["First Ltd", "Second Ltd"] {
        assert!(keel(&db, &["org", "add", name, "--sector", "commercial"]).status.success());
    }
    let json = keel(&db, &["audit", "--json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let entries: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    let details: Vec<&str> =
        entries.as_array().expect("array").iter().map(|e| e["detail"].as_str().expect("detail")).collect();
    assert_eq!(details, ["Second Ltd", "First Ltd"]);
    assert_eq!(entries[0]["action"], "add organisation");
    let one = keel(&db, &["audit", "--limit", "1"]);
    let lines: Vec<String> = stdout(&one).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].ends_with("add organisation  organisation 2  Second Ltd"), "{lines:?}");
    // To the second, as people read a log: "2026-12-06 23:49:58 UTC  keel  …".
    let at = lines[0].split("  ").next().expect("time");
    assert!(chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S UTC").is_ok(), "{at}");

    // An assessment is named once: its title says the year already.
    let demo = keel(&db, &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let log = stdout(&keel(&db, &["audit", "--limit", "1"]));
    assert!(log.trim_end().ends_with("ISO 9001 internal assessment 2025"), "{log}");
}
