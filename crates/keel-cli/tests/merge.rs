//! `keel merge` and `keel consensus` through the real binary: the demo's three assessors'
//! scores merged into an empty lead assessment, the known disagreement (part 4.3) flagged,
//! a second merge changing nothing, another framework version refused.

mod support;
use support::{keel, ok};

#[test]
fn assessors_files_merge_and_the_disagreement_is_flagged() {
    let dir = tempfile::tempdir().expect("dir");
    let demo_db = dir.path().join("demo.sqlite3");
    let db = dir.path().join("lead.sqlite3");
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    ok(keel(&demo_db, &["demo"]));
    let list: serde_json::Value = serde_json::from_str(&ok(keel(&demo_db, &["assessments", "--json"]))).expect("json");
    let id_2025 =
        list.as_array().expect("list").iter().find(|a| a["title"] == "EFQM self-assessment 2025").expect("2025")["id"]
            .to_string();
    ok(keel(&demo_db, &["export", "assessment", &id_2025, "-o", &path("assessors.keel.json")]));

    // The lead's own copy: same assessment, no scores yet.
    let mut lead: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path("assessors.keel.json")).expect("read")).expect("json");
    lead["scores"] = serde_json::json!({});
    lead["consensus"] = serde_json::json!({});
    lead["assessors"] = serde_json::json!([]);
    lead["notes"] = serde_json::json!([]);
    lead["assessment"]["status"] = "draft".into();
    std::fs::write(path("lead.keel.json"), lead.to_string()).expect("write");
    ok(keel(&db, &["import", &path("lead.keel.json")]));
    let into = "1";

    let merged = ok(keel(&db, &["merge", &path("assessors.keel.json"), "--into", into]));
    assert_eq!(merged.matches("new assessor").count(), 3, "{merged}");
    assert!(merged.contains("parts disagree"), "{merged}");
    let rows: serde_json::Value = serde_json::from_str(&ok(keel(&db, &["consensus", into, "--json"]))).expect("json");
    let flagged: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["disagreement"] == true)
        .filter_map(|r| r["node"].as_str())
        .collect();
    assert_eq!(flagged, ["4.3"], "the demo's known disagreement");
    let row = rows.as_array().expect("rows").iter().find(|r| r["node"] == "4.3").expect("4.3");
    let given: Vec<f64> = row["percents"].as_array().expect("percents").iter().filter_map(|p| p.as_f64()).collect();
    assert_eq!(given.len(), 3);
    let (min, max) = (given.iter().copied().fold(f64::MAX, f64::min), given.iter().copied().fold(f64::MIN, f64::max));
    assert_eq!((row["min"].as_f64(), row["max"].as_f64()), (Some(min), Some(max)));
    assert!(max - min > 15.0);
    let table = ok(keel(&db, &["consensus", into]));
    assert!(table.contains("DISAGREE") && table.contains("1 part(s)"), "{table}");

    let again = ok(keel(&db, &["merge", &path("assessors.keel.json"), "--into", into]));
    assert!(again.contains("nothing changed"), "{again}");

    // A file made for another framework version is refused, naming the file.
    lead["framework"]["title"] = "EFQM 2020 (edited)".into();
    std::fs::write(path("edited.keel.json"), lead.to_string()).expect("write");
    let refused = keel(&db, &["merge", &path("edited.keel.json"), "--into", into]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("edited.keel.json"), "{message}");
}
