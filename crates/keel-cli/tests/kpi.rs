//! `keel kpi import` and `keel kpi list` through the real binary: all rows or none, errors by
//! line and column, values merged by period on a second import.

mod support;
use support::{keel, ok};

const HEADER: &str = "key,name,group,unit,direction,target,financial,period,value\n";

#[test]
fn kpis_import_from_csv_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("keel.sqlite3");
    ok(keel(&db, &["org", "add", "Acme", "--sector", "commercial"]));
    let file = dir.path().join("kpis.csv");
    std::fs::write(&file, format!("{HEADER}otd,On-time delivery,customers,%,higher-is-better,95,no,2024,91\notd,On-time delivery,customers,%,higher-is-better,95,no,2025,96\n")).expect("write");
    let said = ok(keel(&db, &["kpi", "import", file.to_str().expect("path"), "--org", "1"]));
    assert!(said.contains("saved 1 KPIs with 2 values"), "{said}");

    // A second file: a new period for otd and a broken row; nothing of it is saved.
    std::fs::write(&file, format!("{HEADER}otd,On-time delivery,customers,%,higher-is-better,95,no,2026,97\nsafety,Lost-time injuries,people,,down,,no,2025,2\n")).expect("write");
    let failed = keel(&db, &["kpi", "import", file.to_str().expect("path"), "--org", "1"]);
    assert!(!failed.status.success());
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(message.contains("line 3, column direction"), "{message}");
    let listed: serde_json::Value =
        serde_json::from_str(&ok(keel(&db, &["kpi", "list", "--org", "1", "--json"]))).expect("json");
    assert_eq!(listed[0]["values"], serde_json::json!({"2024": 91.0, "2025": 96.0}), "the bad file changed nothing");

    std::fs::write(&file, format!("{HEADER}otd,On-time delivery,customers,%,higher-is-better,95,no,2026,97\n"))
        .expect("write");
    ok(keel(&db, &["kpi", "import", file.to_str().expect("path"), "--org", "1"]));
    let table = ok(keel(&db, &["kpi", "list", "--org", "1"]));
    assert!(table.contains("2024: 91  2025: 96  2026: 97"), "values merged by period: {table}");
    let unknown = keel(&db, &["kpi", "import", file.to_str().expect("path"), "--org", "42"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no organisation with id 42"));
}
