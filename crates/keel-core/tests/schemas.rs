//! The JSON Schemas in docs/ are generated from the Rust types; this test fails when they drift
//! and rewrites them when run with `KEEL_UPDATE_SCHEMAS=1` (`make schemas`).

use std::path::Path;

use keel_core::crosswalk::{Crosswalk, Projection};
use keel_core::exchange::ExchangeFile;
use keel_core::framework::FrameworkFile;
use keel_core::scoring::ScoreReport;
use keel_core::sheet::ScoreSheet;

fn check(file: &str, schema: schemars::Schema) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(file);
    let expected = serde_json::to_string_pretty(&schema).expect("schema JSON") + "\n";
    if std::env::var_os("KEEL_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &expected).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == expected, "{} is out of date with the Rust types; run `make schemas`", path.display());
}

#[test]
fn schemas_match_the_rust_types() {
    check("framework.schema.json", schemars::schema_for!(FrameworkFile));
    check("score-sheet.schema.json", schemars::schema_for!(ScoreSheet));
    check("score-report.schema.json", schemars::schema_for!(ScoreReport));
    check("crosswalk.schema.json", schemars::schema_for!(Crosswalk));
    check("exchange.schema.json", schemars::schema_for!(ExchangeFile));
    check("projection.schema.json", schemars::schema_for!(Projection));
}

#[test]
fn the_example_sheets_and_builtin_frameworks_parse() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples");
    for name in ["efqm-2020-scores.json", "iso-9001-2015-scores.json"] {
        let text = std::fs::read_to_string(docs.join(name)).expect("example");
        let sheet = ScoreSheet::parse(&text, name).expect("example parses");
        let report = sheet.score(None, name).expect("example scores");
        assert!(report.complete, "{name} is a complete example");
    }
}
