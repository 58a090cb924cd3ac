//! The management-review pack from the command line, on the demo database: every file is read
//! back with a real parser and its numbers agree with `keel score` on the exported exchange file.

use calamine::{Data, Reader, Xlsx};

mod support;
use support::{keel, ok};

#[test]
fn the_demo_pack_agrees_with_keel_score() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.sqlite3");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    ok(keel(&db, &["demo"]));
    assert!(ok(keel(&db, &["demo"])).contains("already there"), "a second run adds nothing");
    let list = ok(keel(&db, &["assessments", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&list).expect("json");
    let id = list
        .as_array()
        .and_then(|a| a.iter().find(|x| x["title"] == "EFQM self-assessment 2025"))
        .and_then(|x| x["id"].as_i64())
        .expect("2025 assessment")
        .to_string();

    ok(keel(&db, &["export", "assessment", &id, "-o", &p("a.json")]));
    let scored: serde_json::Value =
        serde_json::from_str(&ok(keel(&db, &["score", &p("a.json"), "--json"]))).expect("json");
    let total = scored["totalPoints"].as_f64().expect("total");

    ok(keel(&db, &["export", "xlsx", &id, "-o", &p("w.xlsx")]));
    let mut book: Xlsx<_> = calamine::open_workbook(p("w.xlsx")).expect("xlsx opens");
    let summary = book.worksheet_range("Summary").expect("summary");
    match summary.get_value((8, 1)) {
        Some(Data::Float(v)) => assert!((v - total).abs() < 1e-9, "{v} = {total}"),
        other => panic!("total is not a number: {other:?}"),
    }

    ok(keel(&db, &["report", &id, "-o", &p("r.pdf")]));
    let pdf = lopdf::Document::load(p("r.pdf")).expect("pdf parses");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).expect("text");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Northwind Castings Ltd"));
    assert!(
        flat.contains(&format!("Total: {} of 1000 points", keel_core::scoring::fmt_points(total))),
        "total {total}"
    );
    assert!(flat.contains("Change since 2024"), "the earlier years were found");

    ok(keel(&db, &["chart", &id, "--kind", "year-on-year", "--format", "png", "-o", &p("y.png")]));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(p("y.png")).expect("png")));
    let info = decoder.read_info().expect("png header").info().clone();
    assert_eq!((info.width, info.height), (960, 600));
    ok(keel(&db, &["chart", &id, "--kind", "criteria-radar", "-o", &p("r.svg")]));
    let svg = std::fs::read_to_string(p("r.svg")).expect("svg");
    assert!(svg.contains("Purpose, Vision &amp; Strategy"));

    let csv = ok(keel(&db, &["export", "csv", &id, "-o", &p("n.csv")]));
    assert!(csv.contains("n.csv"));
    ok(keel(&db, &["export", "csv", &id, "--convention", "european", "-o", &p("e.csv")]));
    let european = std::fs::read(p("e.csv")).expect("csv");
    assert!(european.starts_with(b"\xEF\xBB\xBFnode;number;title;"), "BOM and semicolons");
    let refused = keel(&db, &["chart", &id, "--kind", "conformity", "-o", &p("c.svg")]);
    assert!(!refused.status.success(), "no conformity chart for an EFQM assessment");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("charts that fit it: criteria-radar"), "{message}");
    assert!(!dir.path().join("c.svg").exists(), "nothing written on refusal");
    let bad = keel(&db, &["chart", &id, "--kind", "kpi-trend", "--kpi", "nope", "-o", &p("k.svg")]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"nope\" is not one"));
    assert!(!dir.path().join("k.svg").exists(), "nothing written on error");
}
