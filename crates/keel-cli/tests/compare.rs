//! `keel compare` on the demo database: its JSON agrees with each year's `keel score`, the
//! table names the years and the change, and bad requests are refused with the reason.

use std::path::Path;

mod support;
use support::{fails, keel, ok};

/// Ids of the demo's EFQM assessments, oldest first, and of its ISO one.
fn demo(db: &Path) -> (Vec<String>, String) {
    ok(keel(db, &["demo"]));
    let list: serde_json::Value = serde_json::from_str(&ok(keel(db, &["assessments", "--json"]))).expect("json");
    let list = list.as_array().expect("list");
    let mut efqm: Vec<(i64, String)> = list
        .iter()
        .filter(|a| a["framework"] == "efqm-2020")
        .map(|a| (a["period"].as_i64().expect("period"), a["id"].to_string()))
        .collect();
    efqm.sort();
    let iso = list.iter().find(|a| a["framework"] == "iso-9001-2015").expect("iso")["id"].to_string();
    (efqm.into_iter().map(|(_, id)| id).collect(), iso)
}

#[test]
fn the_comparison_agrees_with_each_years_score() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.sqlite3");
    let (efqm, _) = demo(&db);
    // Any order on the command line; the newest period is compared against the others.
    let json = ok(keel(&db, &["compare", &efqm[2], &efqm[0], &efqm[1], "--json"]));
    let c: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(c["labels"], serde_json::json!(["2023", "2024", "2025"]));
    for (i, id) in efqm.iter().enumerate() {
        let file = dir.path().join(format!("{id}.keel.json"));
        ok(keel(&db, &["export", "assessment", id, "-o", file.to_str().expect("path")]));
        let scored: serde_json::Value =
            serde_json::from_str(&ok(keel(&db, &["score", "--json", file.to_str().expect("path")]))).expect("score");
        // Rounded as shown (one decimal, keel_core::scoring::round_shown, as fmt_points prints).
        let shown = |v: &serde_json::Value| keel_core::scoring::round_shown(v.as_f64().expect("number"));
        assert_eq!(c["totals"][i].as_f64(), Some(shown(&scored["totalPoints"])), "total of {id}");
        let criterion_1 = scored["nodes"].as_array().expect("nodes").iter().find(|n| n["id"] == "1").expect("1");
        assert_eq!(c["criteria"][0]["points"][i].as_f64(), Some(shown(&criterion_1["points"])));
    }
    // The change is the difference of the shown figures.
    let change = c["totals"][2].as_f64().expect("2025") - c["totals"][1].as_f64().expect("2024");
    assert_eq!(c["totalChange"].as_f64(), Some((change * 10.0).round() / 10.0));
    assert!(c["mostImproved"].as_array().is_some_and(|l| !l.is_empty() && l.len() <= 5));
    assert_eq!(c["groups"].as_array().map(Vec::len), Some(6));

    let table = ok(keel(&db, &["compare", &efqm[1], &efqm[2]]));
    // The table prints "Total: a → b of 1000 points (+c since 2024)" with c exactly b − a as printed.
    let line = table.lines().find(|l| l.starts_with("Total: ")).expect("a total line");
    let shown: Vec<f64> = line["Total: ".len()..line.find(" of ").expect("of")]
        .split(" → ")
        .map(|v| v.parse().expect("figure"))
        .collect();
    let printed = &line[line.find('(').expect("(") + 1..line.find(" since").expect("since")];
    let printed: f64 = printed.replace('−', "-").replace(['+', '±'], "").parse().expect("change");
    assert_eq!(printed, ((shown[1] - shown[0]) * 10.0).round() / 10.0, "{line}");
    assert!(table.contains("Northwind Castings Ltd — efqm-2020: 2024 → 2025"), "{table}");
    assert!(table.contains("since 2024"), "{table}");
    assert!(table.contains("Areas of concern"), "{table}");
}

#[test]
fn bad_requests_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.sqlite3");
    let (efqm, _) = demo(&db);
    assert!(fails(keel(&db, &["compare", &efqm[0]])).contains("2"), "one id is not a comparison");
    assert!(fails(keel(&db, &["compare", &efqm[0], "999"])).contains("999"));
    // The same assessment copied to another organisation cannot be compared with the demo's.
    let other = dir.path().join("other.keel.json");
    ok(keel(&db, &["export", "assessment", &efqm[0], "-o", other.to_str().expect("path")]));
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&other).expect("read")).expect("json");
    file["organisation"]["name"] = "Other Ltd".into();
    file["assessment"]["uid"] = "other-ltd-2023".into();
    std::fs::write(&other, file.to_string()).expect("write");
    ok(keel(&db, &["import", other.to_str().expect("path")]));
    let list: serde_json::Value = serde_json::from_str(&ok(keel(&db, &["assessments", "--json"]))).expect("json");
    let copy = list.as_array().expect("list").iter().find(|a| a["organisation"] == "Other Ltd").expect("copy")["id"]
        .to_string();
    let err = fails(keel(&db, &["compare", &efqm[2], &copy]));
    assert!(err.contains("compare assessments of one organisation"), "{err}");
}

#[test]
fn a_mixed_list_is_refused_naming_the_odd_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.sqlite3");
    let (efqm, iso) = demo(&db);
    for list in [vec![&efqm[0], &efqm[1], &efqm[2], &iso], vec![&iso, &efqm[1], &efqm[2]]] {
        let args: Vec<&str> = std::iter::once("compare").chain(list.iter().map(|s| s.as_str())).collect();
        let err = fails(keel(&db, &args));
        assert!(err.contains(&format!("assessment {iso} ")), "names the ISO assessment: {err}");
        assert!(err.contains("iso-9001-2015") && err.contains("efqm-2020"), "{err}");
        assert!(err.contains("no version map connects"), "{err}");
    }
}
