//! `keel frameworks`, `keel framework validate` and `keel score` run as a user runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn keel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keel")).args(args).env_remove("KEEL_DB").output().expect("run keel")
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn frameworks_lists_the_builtins() {
    let out = keel(&["frameworks", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = rows.as_array().expect("array").iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["efqm-2020", "efqm-2025", "efqm-2013", "iso-9001-2015", "iso-9001-2015-maturity", "caf-2020", "caf-2020-fine"]
    );
    assert_eq!(rows[0]["maxPoints"], 1000.0);
    assert_eq!(rows[0]["assessable"], 29);
}

#[test]
fn frameworks_lists_imported_frameworks_from_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let db = db.to_str().expect("path");
    // An exchange file whose framework is a user's own copy of EFQM 2020, renamed.
    let example = std::fs::read_to_string(repo("docs/examples/acme-2025.keel.json")).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&example).expect("json");
    doc["framework"]["version"] = serde_json::json!("1.0.0-acme");
    let text = doc.to_string();
    let framework = keel_core::Framework::parse(&doc["framework"].to_string(), "x").expect("valid");
    doc["frameworkHash"] = serde_json::json!(framework.content_hash());
    let file = dir.path().join("own.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    assert_ne!(text, doc.to_string());
    assert!(keel(&["--db", db, "import", file.to_str().expect("path")]).status.success());
    let out = keel(&["--db", db, "frameworks", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let last = rows.as_array().and_then(|r| r.last()).expect("rows");
    assert_eq!(
        (last["id"].as_str(), last["version"].as_str(), last["origin"].as_str()),
        (Some("efqm-2020"), Some("1.0.0-acme"), Some("imported"))
    );
    // Listing never creates a database.
    let none = dir.path().join("none.sqlite3");
    assert!(keel(&["--db", none.to_str().expect("path"), "frameworks"]).status.success());
    assert!(!none.exists());
}

#[test]
fn score_reproduces_the_worked_example_in_text_and_json() {
    let sheet = repo("docs/examples/efqm-2020-scores.json");
    let sheet = sheet.to_str().expect("utf-8 path");
    let out = keel(&["score", sheet]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("4 Creating Sustainable Value: 62.5 % × 200 = 125 points"), "{stdout}");
    assert!(stdout.contains("Total: 485 of 1000 points (48.5 %)"), "{stdout}");

    let out = keel(&["score", sheet, "--json", "--profile", "public-sector"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // 485 − 100 − 70 + 50 % × 240 + 35 % × 160 = 491 (see keel-core's scoring tests).
    assert!((report["totalPoints"].as_f64().expect("number") - 491.0).abs() < 1e-9);
    assert_eq!(report["profile"], "public-sector");

    let iso = repo("docs/examples/iso-9001-2015-scores.json");
    let out = keel(&["score", iso.to_str().expect("path"), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let expected = (500.0 + (400.0 + 250.0 / 3.0) / 5.0 + 675.0 / 7.0) / 7.0;
    assert!((report["percent"].as_f64().expect("number") - expected).abs() < 1e-9);
    assert_eq!(report["profileTitle"], "The framework's own points");

    // "Every requirement equal": the total is the plain mean of the requirements' %, and
    // the table says which weighting it used.
    let out = keel(&["score", iso.to_str().expect("path"), "--json", "--profile", "equal-requirements"]);
    let equal: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (&equal["profile"], &equal["profileTitle"]),
        (&"equal-requirements".into(), &"Every requirement equal".into())
    );
    let framework = keel_core::framework::builtin_framework("iso-9001-2015").expect("built in");
    let leaves: Vec<f64> = equal["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| framework.node(n["id"].as_str().expect("id")).is_some_and(|f| f.is_assessable()))
        .filter(|n| n["status"] != "not-applicable")
        .map(|n| n["percent"].as_f64().expect("every applicable requirement is scored in the example"))
        .collect();
    assert!(leaves.len() > 50, "{}", leaves.len());
    // Not-applicable requirements drop out; the rest still count the same.
    let mean = leaves.iter().sum::<f64>() / leaves.len() as f64;
    assert!((equal["percent"].as_f64().expect("number") - mean).abs() < 1e-9);
    assert!((mean - expected).abs() > 0.1, "the two weightings differ on this example");
    let out = keel(&["score", iso.to_str().expect("path"), "--profile", "equal-requirements"]);
    assert!(text(&out.stdout).contains("profile equal-requirements: Every requirement equal"), "{}", text(&out.stdout));
}

#[test]
fn bad_sheets_are_refused_with_file_and_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8], &str); 5] = [
        ("unknown-profile.json", br#"{"format":1,"framework":"efqm-2020","profile":"charity","scores":{}}"#,
         "unknown-profile.json: profile: unknown profile \"charity\" for efqm-2020; available: default, commercial, public-sector"),
        ("bad-value.json", br#"{"format":1,"framework":"efqm-2020","scores":{"4.1":{"radar":{"attributes":{"sound":63}}}}}"#,
         "bad-value.json: scores.4.1.radar.attributes.sound: 63 is not a score from 0 to 100 in steps of 5"),
        ("wrong-type.json", br#"{"format":1,"framework":"efqm-2020","scores":{"4.1":{"maturity":"high"}}}"#,
         "wrong-type.json: scores.4.1.maturity: invalid type: string \"high\", expected u8"),
        ("unknown-framework.json", br#"{"format":1,"framework":"baldrige","scores":{}}"#,
         "unknown-framework.json: framework: unknown framework \"baldrige\""),
        ("latin1.json", b"{\"format\":1,\"framework\":\"caf\xe9\"}", "latin1.json is not UTF-8 text (invalid byte at offset 28)"),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        let out = keel(&["score", path.to_str().expect("path")]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn score_reports_a_too_deep_file_plainly() {
    let deep = repo("tests/corpus/exchange/028-nested-in-scores.json");
    let out = keel(&["score", deep.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("028-nested-in-scores.json: recursion limit exceeded at line"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn validate_reports_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("mine.json");
    std::fs::write(
        &bad,
        r#"{"format":1,"id":"mine","title":"","edition":"1","version":"1","source":"","totalPoints":100,
            "schemes":[{"kind":"conformity","id":"c","title":"C"}],
            "nodes":[{"id":"a","number":"1","title":"A","points":60,"prompt":"?","scheme":"c"},
                     {"id":"a","number":"2","title":"B","points":30,"prompt":"?","scheme":"c","stakeholders":["martians"]}]}"#,
    )
    .expect("write");
    let good = repo("crates/keel-core/frameworks/efqm-2020.json");
    let out = keel(&["framework", "validate", good.to_str().expect("path"), bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("efqm-2020.json: valid: efqm-2020 1.0.0 (35 nodes, 29 assessable, 1000 points"));
    let stderr = text(&out.stderr);
    for expected in [
        "mine.json: 4 problems",
        "  title: must not be empty",
        "  nodes: points add up to 90; they must add up to 100 (totalPoints)",
        "  nodes[1].id: duplicate node id \"a\" (first used at nodes[0])",
        "  nodes[1].stakeholders[0]: unknown stakeholder group \"martians\"",
        "keel: error: 1 of 2 file(s) invalid",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
}

#[test]
fn project_lists_what_iso_leaves_out_and_refuses_other_frameworks() {
    let iso = repo("docs/examples/iso-9001-2015-scores.json");
    let out = keel(&["project", iso.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("EFQM parts this assessment says nothing about: 2.2, 3.3, 3.4, 6.2, 6.3, 6.4, 6.5"),
        "{stdout}"
    );
    // Coverage is a whole percentage, as the window and the PDF show it (48.72 → 49 %).
    assert!(
        stdout.lines().any(|l| l.trim_start().starts_with("Society") && l.ends_with(" 49 %; nothing on 3.4, 6.4")),
        "{stdout}"
    );

    let efqm = repo("docs/examples/efqm-2020-scores.json");
    let out = keel(&["project", efqm.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("framework: is \"efqm-2020\"; the crosswalk projects iso-9001-2015 onto efqm-2020")
    );
}

#[test]
fn framework_show_prints_profile_points() {
    let out = keel(&["framework", "show", "efqm-2020", "--profile", "public-sector"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("6.1 ")).expect("6.1 line");
    assert!(line.contains(" 80  radar-results    customers"), "{line}");
    let out = keel(&["framework", "show", "baldrige"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown framework \"baldrige\"; built in: efqm-2020"));
}

#[test]
fn import_export_backup_restore_and_check_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let db = db.to_str().expect("path");
    let example = repo("docs/examples/acme-2025.keel.json");
    let example = example.to_str().expect("path");

    let out = keel(&["--db", db, "import", example]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "imported \"Self-assessment 2025\" (2025) for Acme Castings Ltd as assessment 1"
    );
    let again = keel(&["--db", db, "import", example]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already in this database"), "{}", text(&again.stderr));

    let list = keel(&["--db", db, "assessments", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(rows[0]["status"], "consensus");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));

    // Export is lossless: the exported file says exactly what the imported one said.
    let exported = dir.path().join("out/acme.json");
    std::fs::create_dir_all(exported.parent().expect("dir")).expect("mkdir");
    let out = keel(&["--db", db, "export", "assessment", "1", "-o", exported.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let read = |p: &str| {
        let text = std::fs::read_to_string(p).expect("read");
        keel_core::exchange::ExchangeFile::parse(&text, p).expect("valid exchange file").0
    };
    assert!(read(exported.to_str().expect("path")) == read(example), "the exported file differs from the imported one");
    // Its agreed scores are the worked example, weighted with the assessment's commercial profile:
    // 485 − 100 − 70 + 50 % × 180 + 35 % × 220 = 315 + 90 + 77 = 482.
    let out = keel(&["score", exported.to_str().expect("path"), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!((report["totalPoints"].as_f64().expect("number") - 482.0).abs() < 1e-9, "{}", report["totalPoints"]);
    assert_eq!(report["profile"], "commercial");

    let backup = dir.path().join("backup.sqlite3");
    assert!(keel(&["--db", db, "backup", "-o", backup.to_str().expect("path")]).status.success());
    let check = keel(&["--db", db, "check"]);
    assert!(text(&check.stdout).contains("integrity ok, foreign keys ok"), "{}", text(&check.stdout));
    assert!(keel(&["--db", db, "org", "add", "Later Ltd", "--sector", "commercial"]).status.success());
    let out = keel(&["--db", db, "restore", backup.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let orgs = keel(&["--db", db, "org", "list", "--json"]);
    let orgs: serde_json::Value = serde_json::from_slice(&orgs.stdout).expect("json");
    assert_eq!(orgs.as_array().map(Vec::len), Some(1), "Later Ltd came after the backup");
    // The restore is in the restored database's audit log, as a restore from the window is.
    let audit = keel(&["--db", db, "audit", "--json", "--limit", "1"]);
    let audit: serde_json::Value = serde_json::from_slice(&audit.stdout).expect("json");
    assert_eq!(audit[0]["action"], "restore backup", "{audit}");
    assert!(audit[0]["actor"].as_str().is_some_and(|a| a.contains("keel")), "{audit}");
    assert!(text(&keel(&["--db", db, "check"]).stdout).contains("audit chain ok"), "the chain holds");
}
