//! The real command wiring and capabilities, driven through Tauri's mock runtime (no window).

use std::path::Path;

use keel_app::bindings::{typescript, BINDINGS_PATH};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn app(db: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    launch(keel_app::Launch::new(db.to_path_buf()))
}

/// The app on `dir/keel.sqlite3` with file dialogs answered from `dir/answers` (returned).
fn scripted(dir: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>, std::path::PathBuf) {
    let answers = dir.join("answers");
    std::fs::create_dir_all(&answers).expect("answers dir");
    let (app, window) = launch(keel_app::Launch {
        database: dir.join("keel.sqlite3"),
        files: keel_app::FileChooser::Scripted(answers.clone()),
    });
    (app, window, answers)
}

fn launch(launch: keel_app::Launch) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = keel_app::build(mock_builder(), launch).expect("build app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    (app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("json body"))
}

#[test]
fn create_then_list_through_ipc() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let (_app, window) = app(&db);
    let status = invoke(&window, "database_status", json!({})).expect("status");
    assert_eq!(status["problem"], Value::Null);
    assert_eq!(status["path"], db.display().to_string());

    let created =
        invoke(&window, "create_organisation", json!({"name": " Northtown Council ", "sector": "public-sector"}))
            .expect("create");
    assert_eq!(created["name"], "Northtown Council");
    assert_eq!(created["sector"], "public-sector");
    let listed = invoke(&window, "list_organisations", json!({})).expect("list");
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["id"], created["id"]);
    // The audit log names the window as the one that added it, not the command line.
    let audit = keel_store::Store::open(&db).expect("open").audit_log(1).expect("audit");
    assert_eq!(audit[0].action, "add organisation");
    assert!(audit[0].actor.ends_with("keel app"), "{}", audit[0].actor);
    // Starting the app made today's rolling backup, on its background thread.
    let started = std::time::Instant::now();
    while invoke(&window, "database_status", json!({})).expect("status")["dailyCheckRunning"] == Value::Bool(true) {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the daily check never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(invoke(&window, "database_status", json!({})).expect("status")["dailyCheckProblem"], Value::Null);
    assert_eq!(keel_store::list_backups(&db).len(), 1);
}

#[test]
fn errors_reach_the_web_view_as_code_and_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window) = app(&dir.path().join("keel.sqlite3"));
    let long = "x".repeat(10_000);
    let err =
        invoke(&window, "create_organisation", json!({"name": long, "sector": "commercial"})).expect_err("too long");
    assert_eq!(
        err,
        json!({"code": "invalid_name", "message": "Organisation name is 10000 characters long; the limit is 200"})
    );
    invoke(&window, "create_organisation", json!({"name": "Acme", "sector": "commercial"})).expect("create");
    let err = invoke(&window, "create_organisation", json!({"name": "acme", "sector": "commercial"})).expect_err("dup");
    assert_eq!(err["code"], "duplicate_name");
    let listed = invoke(&window, "list_organisations", json!({})).expect("list");
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "nothing lost, nothing half-written");
}

#[test]
fn a_bad_database_file_is_reported_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    std::fs::write(&db, "not a database at all, just some text").expect("write");
    let (_app, window) = app(&db);
    let status = invoke(&window, "database_status", json!({})).expect("status");
    assert_eq!(status["problem"]["code"], "database_unavailable");
    let message = status["problem"]["message"].as_str().expect("message");
    assert!(message.contains("is not a SQLite database"), "{message}");
    let err = invoke(&window, "list_organisations", json!({})).expect_err("unavailable");
    assert_eq!(err["code"], "database_unavailable");
    assert_eq!(std::fs::read_to_string(&db).expect("read"), "not a database at all, just some text");
}

#[test]
fn an_unwritable_data_folder_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Root ignores permission bits, so block the folder with a regular file instead.
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "a file where the data folder should be").expect("write");
    let (_app, window) = app(&blocker.join("keel.sqlite3"));
    let status = invoke(&window, "database_status", json!({})).expect("status");
    assert_eq!(status["problem"]["code"], "database_unavailable");
    let message = status["problem"]["message"].as_str().expect("message");
    assert!(message.starts_with("Cannot write to"), "{message}");
    let err = invoke(&window, "create_organisation", json!({"name": "Acme", "sector": "commercial"}))
        .expect_err("nothing can be saved");
    assert_eq!(err["code"], "database_unavailable");
}

#[test]
fn commands_not_declared_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window) = app(&dir.path().join("keel.sqlite3"));
    assert!(invoke(&window, "delete_everything", json!({})).is_err());
    // The dialog plugin is registered for Rust-driven dialogs only; the web view may not open one.
    assert!(invoke(&window, "plugin:dialog|open", json!({"options": {}})).is_err());
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(BINDINGS_PATH);
    let expected = typescript();
    if std::env::var_os("KEEL_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{} is out of date with the Rust types; run `make bindings` and commit the result.\n--- generated ---\n{expected}",
        path.display()
    );
}

/// A radar score with every attribute of the EFQM 2020 scheme at `value`.
fn radar(value: u8) -> Value {
    let attributes: serde_json::Map<String, Value> = [
        "sound",
        "integrated",
        "implemented",
        "structured",
        "measurement",
        "learning-creativity",
        "improvement-innovation",
    ]
    .iter()
    .map(|a| ((*a).to_owned(), json!(value)))
    .collect();
    json!({"radar": {"attributes": attributes}})
}

#[test]
fn an_assessment_is_created_scored_exported_and_locked_through_ipc() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, answers) = scripted(dir.path());
    let org = invoke(&window, "create_organisation", json!({"name": "Acme", "sector": "commercial"})).expect("org");

    let frameworks = invoke(&window, "list_frameworks", json!({})).expect("frameworks");
    let efqm = frameworks.as_array().expect("list").iter().find(|f| f["id"] == "efqm-2020").expect("efqm 2020");
    let commercial =
        efqm["profiles"].as_array().expect("profiles").iter().find(|p| p["id"] == "commercial").expect("commercial");
    assert_eq!(commercial["points"]["7"], 220.0);
    let input = |custom: Value| {
        json!({"input": {
            "organisationId": org["id"], "framework": efqm["hash"], "period": 2026, "title": "Self-assessment 2026",
            "scope": "Whole company", "profile": "commercial", "customPoints": custom,
            "assessors": [{"name": "Priya Shah", "role": "Lead"}, {"name": "", "role": ""}]
        }})
    };
    // Weights that no longer add up to 1000 are refused with the reason; nothing is created.
    let bad = invoke(&window, "create_assessment", input(json!({"6": 150.0}))).expect_err("sum");
    assert_eq!(bad["code"], "invalid_input");
    assert!(bad["message"].as_str().expect("message").contains("must add up to 1000"), "{bad}");
    assert_eq!(invoke(&window, "list_assessments", json!({})).expect("list"), json!([]));
    let id = invoke(&window, "create_assessment", input(json!({"6": 160.0, "7": 240.0}))).expect("create");

    let view = invoke(&window, "open_assessment", json!({"id": id})).expect("open");
    assert_eq!(view["profile"], "custom");
    assert_eq!(view["assessors"].as_array().map(Vec::len), Some(1), "the blank assessor row is dropped");
    assert_eq!(view["resumeNode"], Value::Null);
    let criterion_1: Vec<&Value> =
        view["framework"]["nodes"].as_array().expect("nodes").iter().filter(|n| n["parent"] == "1").collect();
    assert_eq!(criterion_1.len(), 5);
    assert!(criterion_1.iter().all(|n| n["scheme"] == "radar-enablers"));

    for node in &criterion_1 {
        let saved = invoke(
            &window,
            "set_score",
            json!({"id": id, "assessor": null, "node": node["id"], "score": radar(60), "rationale": ""}),
        )
        .expect("score");
        assert!(saved["savedAt"].as_str().is_some());
    }
    let saved = invoke(
        &window,
        "set_score",
        json!({"id": id, "assessor": null, "node": "1.1", "score": radar(60), "rationale": ""}),
    )
    .expect("again");
    let result_1 =
        saved["report"]["nodes"].as_array().expect("nodes").iter().find(|n| n["id"] == "1").expect("1").clone();
    assert_eq!(result_1["status"], "scored");
    assert_eq!(result_1["percent"], 60.0);
    let bad_score = invoke(
        &window,
        "set_score",
        json!({"id": id, "assessor": null, "node": "1.2", "score": radar(61), "rationale": ""}),
    )
    .expect_err("steps of 5");
    assert_eq!(bad_score["code"], "invalid_input");

    let note = invoke(
        &window,
        "add_note",
        json!({"id": id, "node": "1.1", "kind": "improvement", "text": " No yearly review of purpose "}),
    )
    .expect("note");
    assert_eq!(note["text"], "No yearly review of purpose");
    let typo = invoke(&window, "add_note", json!({"id": id, "node": "1.2", "kind": "evidence", "text": "typo"}))
        .expect("second note");
    invoke(&window, "delete_note", json!({"id": id, "note": typo["id"]})).expect("delete");
    invoke(&window, "set_resume_node", json!({"id": id, "node": "1.3"})).expect("resume");
    // A draft of typed text is kept until it is emptied.
    invoke(&window, "set_draft", json!({"id": id, "field": "note:1.2", "text": "half a thought"})).expect("draft");
    assert_eq!(invoke(&window, "drafts", json!({"id": id})).expect("drafts")["note:1.2"], "half a thought");
    invoke(&window, "set_draft", json!({"id": id, "field": "note:1.2", "text": ""})).expect("forget");
    assert_eq!(invoke(&window, "drafts", json!({"id": id})).expect("drafts"), json!({}));
    let action = invoke(&window, "add_action", json!({"id": id, "action": {"title": "Review purpose yearly", "owner": "CEO", "due": "2027-01-31", "status": "open", "node": "1.1"}}))
        .expect("action");
    let started = invoke(
        &window,
        "update_action",
        json!({"id": id, "actionId": action["id"], "action": {"title": "Review purpose yearly", "owner": "Board", "due": "2027-01-31", "status": "in-progress", "node": "1.1"}}),
    )
    .expect("update");
    assert_eq!((started["owner"].as_str(), started["status"].as_str()), (Some("Board"), Some("in-progress")));
    assert_eq!(started["overdue"], false, "due in 2027: not late");
    let late = |due: &str| {
        invoke(
            &window,
            "update_action",
            json!({"id": id, "actionId": action["id"], "action": {"title": "Review purpose yearly", "owner": "Board", "due": due, "status": "in-progress", "node": "1.1"}}),
        )
        .expect("update")
    };
    assert_eq!(late("2020-01-31")["overdue"], true, "due in 2020 and still in progress: overdue, as keel_core says");
    assert_eq!(late("2027-01-31")["overdue"], false);
    let bad_date = invoke(
        &window,
        "add_action",
        json!({"id": id, "action": {"title": "x", "owner": "", "due": "31.1.2027", "status": "open", "node": null}}),
    )
    .expect_err("date");
    assert!(bad_date["message"].as_str().expect("message").contains("due"), "{bad_date}");

    // Evidence attached through the (scripted) open dialog; cancelled means nothing happens.
    let evidence = dir.path().join("board minutes 2026-03.pdf");
    std::fs::write(&evidence, b"%PDF-1.7 minutes").expect("evidence");
    std::fs::write(answers.join(keel_app::FileChooser::OPEN_NEXT), evidence.display().to_string()).expect("answer");
    let attached = invoke(&window, "add_attachment", json!({"id": id, "node": "1.1"})).expect("attach");
    assert_eq!(attached["name"], "board minutes 2026-03.pdf");
    assert_eq!(attached["size"], 16);
    assert_eq!(invoke(&window, "add_attachment", json!({"id": id, "node": "1.1"})).expect("cancelled"), Value::Null);

    let view = invoke(&window, "open_assessment", json!({"id": id})).expect("reopen");
    assert_eq!(view["resumeNode"], "1.3");
    assert_eq!(view["attachments"].as_array().map(Vec::len), Some(1));
    assert_eq!(view["notes"].as_array().map(Vec::len), Some(1));
    assert_eq!(view["actions"][0]["id"], action["id"]);
    assert_eq!(view["actions"][0]["owner"], "Board");

    let charts = invoke(&window, "assessment_charts", json!({"id": id})).expect("charts");
    let kinds: Vec<&str> = charts.as_array().expect("charts").iter().filter_map(|c| c["kind"].as_str()).collect();
    assert_eq!(kinds, ["criteria-radar", "criterion-points", "stakeholder-balance", "coverage"]);
    assert!(charts[0]["svg"].as_str().expect("svg").starts_with("<svg"));

    let done = invoke(&window, "export_file", json!({"id": id, "kind": "report"})).expect("report");
    let path = std::path::PathBuf::from(done["path"].as_str().expect("path"));
    assert_eq!(path.parent(), Some(answers.as_path()), "saved where the chooser said");
    assert_eq!(path.file_name().and_then(|n| n.to_str()), Some("Acme efqm-2020 2026 management review.pdf"));
    let bytes = std::fs::read(&path).expect("written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(done["bytes"], bytes.len() as u64);
    for kind in ["workbook", "scores-csv", "exchange"] {
        invoke(&window, "export_file", json!({"id": id, "kind": kind})).expect(kind);
    }
    let png =
        invoke(&window, "export_chart", json!({"id": id, "kind": "criteria-radar", "kpi": null, "format": "png"}))
            .expect("png");
    let png = std::fs::read(png["path"].as_str().expect("path")).expect("png file");
    assert!(png.starts_with(b"\x89PNG"));
    // Chart kinds are a typed enum: an unknown one is refused before the command runs.
    let wrong = invoke(&window, "export_chart", json!({"id": id, "kind": "pie", "kpi": null, "format": "svg"}))
        .expect_err("kind");
    assert!(wrong.to_string().contains("kind") && wrong.to_string().contains("pie"), "{wrong}");

    invoke(&window, "finalise_assessment", json!({"id": id})).expect("final");
    let locked = invoke(
        &window,
        "set_score",
        json!({"id": id, "assessor": null, "node": "1.1", "score": radar(80), "rationale": ""}),
    )
    .expect_err("locked");
    assert_eq!(locked["code"], "locked");
    let next = invoke(&window, "duplicate_assessment", json!({"id": id, "period": 2027})).expect("duplicate");
    let draft = invoke(&window, "open_assessment", json!({"id": next})).expect("draft");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["actions"].as_array().map(Vec::len), Some(1), "the open action is carried over");

    // Next year's draft from last year's scores: the offer, the draft with its marks, a confirmation.
    let offer = invoke(&window, "next_year_offer", json!({"id": id, "period": 2028})).expect("offer");
    assert!(offer["scores"].as_u64().is_some_and(|n| n > 0), "{offer}");
    let title = offer["title"].as_str().expect("title").to_owned();
    assert!(title.contains("2028"), "{offer}");
    let next = json!({"period": 2028, "title": "", "carryScores": true, "carryNotes": false});
    let carried = invoke(&window, "start_next_year", json!({"id": id, "next": next})).expect("next year");
    let draft = invoke(&window, "open_assessment", json!({"id": carried})).expect("draft");
    assert_eq!(draft["title"], title);
    let marks: Vec<String> = serde_json::from_value(draft["carried"].clone()).expect("marks");
    assert_eq!(
        marks.len() as u64,
        offer["scores"].as_u64().expect("scores") + offer["notApplicable"].as_u64().expect("n/a")
    );
    invoke(&window, "confirm_carried_score", json!({"id": carried, "node": marks[0]})).expect("confirm");
    let draft = invoke(&window, "open_assessment", json!({"id": carried})).expect("draft");
    assert_eq!(draft["carried"].as_array().map(Vec::len), Some(marks.len() - 1));
    let again = invoke(&window, "confirm_carried_score", json!({"id": carried, "node": marks[0]})).expect_err("done");
    assert_eq!(again["code"], "not_found", "{again}");
}

#[test]
fn the_demo_opens_in_its_own_database_and_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let (_app, window) = app(&db);
    invoke(&window, "create_organisation", json!({"name": "Mine", "sector": "commercial"})).expect("org");
    let status = invoke(&window, "open_demo", json!({})).expect("demo");
    assert_eq!(status["demo"], true);
    assert_eq!(status["path"], dir.path().join("keel-demo.sqlite3").display().to_string());
    let orgs = invoke(&window, "list_organisations", json!({})).expect("demo orgs");
    assert_eq!(orgs[0]["name"], keel_core::demo::ORGANISATION);
    let assessments = invoke(&window, "list_assessments", json!({"organisationId": orgs[0]["id"]})).expect("list");
    let latest = assessments.as_array().expect("list").iter().find(|a| a["framework"] == "efqm-2020").expect("efqm");
    assert_eq!(latest["period"], 2025);
    let charts = invoke(&window, "assessment_charts", json!({"id": latest["id"]})).expect("charts");
    let kinds: Vec<&str> = charts.as_array().expect("charts").iter().filter_map(|c| c["kind"].as_str()).collect();
    assert!(kinds.contains(&"trend") && kinds.contains(&"assessor-spread"), "{kinds:?}");
    // The Compare view: the three EFQM years, agreeing with each year's own result.
    let compared = invoke(&window, "compare_assessments", json!({"id": latest["id"], "others": []})).expect("compare");
    assert_eq!(compared["comparison"]["labels"], json!(["2023", "2024", "2025"]));
    assert_eq!(compared["assessments"].as_array().map(Vec::len), Some(3));
    let view = invoke(&window, "open_assessment", json!({"id": latest["id"]})).expect("2025");
    // Compare's figures are rounded as shown (two decimals), the same rule as every screen's.
    let total = view["report"]["totalPoints"].as_f64().expect("total");
    assert_eq!(compared["comparison"]["totals"][2].as_f64(), Some(keel_core::scoring::round_shown(total)));
    let chart_kinds: Vec<&str> =
        compared["charts"].as_array().expect("charts").iter().filter_map(|c| c["kind"].as_str()).collect();
    assert_eq!(chart_kinds, ["trend", "year-on-year", "stakeholder-balance"]);
    let alone = invoke(
        &window,
        "compare_assessments",
        json!({"id": assessments[assessments.as_array().expect("list").len() - 1]["id"], "others": []}),
    )
    .expect_err("the oldest has nothing earlier");
    assert_eq!(alone["code"], "nothing_to_compare");
    // EFQM 2025 next to ISO 9001 2025 through the crosswalk, from either side.
    // Compare offers the EFQM years, never the ISO assessment.
    let comparable = invoke(&window, "comparable_assessments", json!({"id": latest["id"]})).expect("comparable");
    let offered: Vec<&str> =
        comparable.as_array().expect("list").iter().filter_map(|a| a["framework"].as_str()).collect();
    assert_eq!(offered.len(), 2, "{offered:?}");
    assert!(offered.iter().all(|f| f.starts_with("efqm")), "{offered:?}");
    let side = invoke(&window, "side_by_side", json!({"id": latest["id"]})).expect("side by side");
    assert_eq!(side["efqm"]["id"], latest["id"]);
    assert_eq!(side["iso"]["framework"], "iso-9001-2015");
    assert_eq!(side["side"]["criteria"].as_array().map(Vec::len), Some(7));
    assert!(side["side"]["unassessedByIso"].as_array().is_some_and(|g| !g.is_empty()));
    let from_iso = invoke(&window, "side_by_side", json!({"id": side["iso"]["id"]})).expect("from ISO");
    assert_eq!(from_iso["side"], side["side"]);
    let y2023 = assessments.as_array().expect("list").iter().find(|a| a["period"] == 2023).expect("2023");
    assert_eq!(invoke(&window, "side_by_side", json!({"id": y2023["id"]})).expect("none"), Value::Null);
    // Opening it again installs nothing twice.
    invoke(&window, "open_demo", json!({})).expect("again");
    assert_eq!(invoke(&window, "list_assessments", json!({})).expect("list").as_array().map(Vec::len), Some(4));

    let status = invoke(&window, "open_own_database", json!({})).expect("back");
    assert_eq!(status["demo"], false);
    let orgs = invoke(&window, "list_organisations", json!({})).expect("own orgs");
    assert_eq!(orgs.as_array().map(|o| o.len()), Some(1));
    assert_eq!(orgs[0]["name"], "Mine", "the user's data never mixes with the demo");
}

#[test]
fn kpis_are_recorded_imported_and_suggest_trends_and_targets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, answers) = scripted(dir.path());
    invoke(&window, "open_demo", json!({})).expect("demo");
    let orgs = invoke(&window, "list_organisations", json!({})).expect("orgs");
    let org = orgs[0]["id"].clone();
    let before = invoke(&window, "list_kpis", json!({"organisationId": org})).expect("kpis");
    let count = before.as_array().map(Vec::len).expect("list");
    assert!(count >= 6, "the demo measures every group");

    // A results part of the demo's 2025 assessment gets a suggestion with its reason.
    let list = invoke(&window, "list_assessments", json!({"organisationId": org})).expect("list");
    let y2025 = list
        .as_array()
        .expect("list")
        .iter()
        .find(|a| a["framework"] == "efqm-2020" && a["period"] == 2025)
        .expect("2025");
    let view = invoke(&window, "open_assessment", json!({"id": y2025["id"]})).expect("open");
    let suggestion = &view["suggestions"]["6.1"];
    assert!(suggestion["reason"].as_str().is_some_and(|r| r.contains("KPIs")), "{suggestion}");
    assert!(view["suggestions"].get("1.1").is_none(), "enablers get no KPI suggestion");

    // Recorded in the window: a new KPI, then a second value for it.
    let value = |key: &str, period: &str, v: f64| {
        json!({"organisationId": org, "input": {"key": key, "name": "Energy per tonne", "group": "society", "unit": "kWh/t",
            "direction": "lower-is-better", "target": 500.0, "financial": false, "period": period, "value": v}})
    };
    let after = invoke(&window, "save_kpi_value", value("", "2024", 610.0)).expect("new KPI");
    let energy =
        after.as_array().expect("list").iter().find(|k| k["name"] == "Energy per tonne").expect("saved").clone();
    assert_eq!(energy["key"], "energy-per-tonne");
    let after = invoke(&window, "save_kpi_value", value("energy-per-tonne", "2025", 580.0)).expect("second value");
    let energy = after.as_array().expect("list").iter().find(|k| k["key"] == "energy-per-tonne").expect("kept").clone();
    assert_eq!(energy["values"], json!({"2024": 610.0, "2025": 580.0}));
    let again = invoke(&window, "save_kpi_value", value("", "2025", 1.0)).expect_err("same name again");
    assert_eq!(again["code"], "invalid_input");

    // Imported from CSV through the (scripted) open dialog; a bad file changes nothing.
    let csv = dir.path().join("kpis.csv");
    std::fs::write(&csv, "key,name,group,unit,direction,target,financial,period,value\nenergy-per-tonne,Energy per tonne,society,kWh/t,lower-is-better,500,no,2026,540\n").expect("csv");
    std::fs::write(answers.join(keel_app::FileChooser::OPEN_NEXT), csv.display().to_string()).expect("answer");
    let imported = invoke(&window, "import_kpis", json!({"organisationId": org})).expect("import");
    let energy =
        imported.as_array().expect("list").iter().find(|k| k["key"] == "energy-per-tonne").expect("kept").clone();
    assert_eq!(energy["values"].as_object().map(|v| v.len()), Some(3));
    std::fs::write(&csv, "key,name,group,unit,direction,target,financial,period,value\nx,X,planet,,up,,no,2026,1\n")
        .expect("bad csv");
    std::fs::write(answers.join(keel_app::FileChooser::OPEN_NEXT), csv.display().to_string()).expect("answer");
    let bad = invoke(&window, "import_kpis", json!({"organisationId": org})).expect_err("bad file");
    assert!(bad["message"].as_str().is_some_and(|m| m.contains("line 2, column group")), "{bad}");
    assert_eq!(
        invoke(&window, "list_kpis", json!({"organisationId": org})).expect("kpis").as_array().map(Vec::len),
        Some(count + 1)
    );
    // Cancelled (no answer): nothing happens.
    assert_eq!(invoke(&window, "import_kpis", json!({"organisationId": org})).expect("cancelled"), Value::Null);
}

#[test]
fn a_framework_file_is_imported_through_the_open_dialog_and_offered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, answers) = scripted(dir.path());
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/keel-core/frameworks/efqm-2020.json");
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(builtin).expect("read")).expect("json");
    file["id"] = json!("our-model");
    file["title"] = json!("Our own model");
    let path = dir.path().join("our model.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    std::fs::write(answers.join(keel_app::FileChooser::OPEN_NEXT), path.display().to_string()).expect("answer");
    let choice = invoke(&window, "import_framework", json!({})).expect("import");
    assert_eq!((choice["id"].as_str(), choice["imported"].as_bool()), (Some("our-model"), Some(true)));
    let offered = invoke(&window, "list_frameworks", json!({})).expect("frameworks");
    assert!(
        offered.as_array().expect("list").iter().any(|f| f["hash"] == choice["hash"]),
        "offered for new assessments"
    );
    // A broken file is refused with its path; a cancelled dialog imports nothing.
    std::fs::write(&path, "{\"id\": 1}").expect("broken");
    std::fs::write(answers.join(keel_app::FileChooser::OPEN_NEXT), path.display().to_string()).expect("answer");
    let err = invoke(&window, "import_framework", json!({})).expect_err("broken");
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().expect("message").contains("our model.json"), "{err}");
    assert_eq!(invoke(&window, "import_framework", json!({})).expect("cancelled"), Value::Null);
}

#[path = "../command_list.rs"]
mod command_list;

/// The Rust parameter names of command `name` that the web view passes (not the state or the
/// app handle), camelCased as Tauri expects them.
fn rust_arguments(source: &str, name: &str) -> Vec<String> {
    let start = source.find(&format!("fn {name}")).unwrap_or_else(|| panic!("no fn {name}"));
    let open = start + source[start..].find('(').expect("parameters");
    let (mut depth, mut end) = (0i32, open);
    for (i, c) in source[open..].char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' if depth > 0 => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            end = open + i;
            break;
        }
    }
    let mut params = Vec::new();
    let (mut depth, mut current) = (0i32, String::new());
    for c in source[open + 1..end].chars() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                params.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    params.push(current);
    params
        .iter()
        .filter_map(|p| p.split_once(':'))
        .filter(|(_, ty)| !ty.trim().starts_with("State<") && !ty.trim().starts_with("AppHandle<"))
        .map(|(name, _)| {
            let mut out = String::new();
            let mut upper = false;
            for c in name.trim().chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

/// The argument names the TypeScript wrapper of `name` sends: `call<T>('name', { a, b: x })`.
fn typescript_arguments(ipc: &str, name: &str) -> Option<Vec<String>> {
    let at = ipc.find(&format!("('{name}'"))?;
    let rest = &ipc[at + name.len() + 4..];
    let close = rest.find(')')?;
    let inside = rest[..close].trim().trim_start_matches(',').trim();
    let inside = inside.strip_prefix('{').and_then(|s| s.strip_suffix('}')).unwrap_or("");
    Some(
        inside
            .split(',')
            .map(|part| part.split(':').next().unwrap_or_default().trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

#[test]
fn one_list_of_commands_wired_granted_wrapped_and_called() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let source = read("src/commands.rs");
    let names = command_list::command_names(&source);
    assert!(names.len() >= 27 && names.contains(&"export_file".to_owned()), "{names:?}");
    // build.rs grants exactly these (and writes the file when they change).
    assert_eq!(read("capabilities/main.json"), command_list::capability(&names), "run cargo build -p keel-app");
    let ipc = read("../ui/src/lib/ipc.ts");
    let tests = read("tests/ipc.rs");
    for name in &names {
        let mut expected = rust_arguments(&source, name);
        let mut given = typescript_arguments(&ipc, name)
            .unwrap_or_else(|| panic!("ui/src/lib/ipc.ts has no wrapper calling '{name}'"));
        expected.sort();
        given.sort();
        assert_eq!(
            given, expected,
            "the TypeScript wrapper of {name} sends other arguments than the Rust command takes"
        );
        assert!(tests.contains(&format!("\"{name}\"")), "{name} is never called by these IPC tests");
    }
    // And no wrapper calls a command that is not there.
    let calls: Vec<&str> = ipc
        .split("call<")
        .filter_map(|part| part.split_once(">('").and_then(|(_, rest)| rest.split('\'').next()))
        .collect();
    assert_eq!(calls.len(), names.len(), "one wrapper per command: {calls:?}");
    for quoted in calls {
        assert!(names.iter().any(|n| n == quoted), "ipc.ts calls '{quoted}', which is not a command");
    }
}

#[test]
fn backups_imports_merges_and_managing_go_through_their_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, answers) = scripted(dir.path());
    let answer = |text: &str| std::fs::write(answers.join(keel_app::FileChooser::OPEN_NEXT), text).expect("answer");
    let org = invoke(&window, "create_organisation", json!({"name": "Acme", "sector": "commercial"})).expect("org");
    let id = &org["id"];
    let renamed = invoke(&window, "rename_organisation", json!({"id": id, "name": " Acme Castings "})).expect("rename");
    assert_eq!(renamed["name"], "Acme Castings");
    let public =
        invoke(&window, "set_organisation_sector", json!({"id": id, "sector": "public-sector"})).expect("sector");
    assert_eq!(public["sector"], "public-sector");
    let sited = invoke(&window, "set_organisation_sites", json!({"id": id, "sites": ["Leeds", " "]})).expect("sites");
    assert_eq!(sited["sites"], json!(["Leeds"]));
    let bad = invoke(&window, "rename_organisation", json!({"id": id, "name": ""})).expect_err("empty name");
    assert_eq!(bad["code"], "invalid_name");

    // Back up now through the (scripted) save dialog; the list says what the copy holds.
    let made = invoke(&window, "back_up_now", json!({})).expect("backup");
    let copy = std::path::PathBuf::from(made["path"].as_str().expect("path"));
    assert_eq!(copy.parent(), Some(answers.as_path()), "saved where the dialog said");
    assert_eq!((made["organisations"].as_i64(), made["assessments"].as_i64()), (Some(1), Some(0)));
    let listed = invoke(&window, "list_backups", json!({})).expect("list");
    assert!(
        listed["backups"].is_array() && listed["folder"].as_str().is_some_and(|f| f.ends_with("backups")),
        "{listed}"
    );

    // An exchange file imported through the open dialog; a file that is not one is refused.
    let file = keel_core::demo::assessments().swap_remove(2);
    let exchange = dir.path().join("northwind 2025.keel.json");
    std::fs::write(&exchange, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    answer(&exchange.display().to_string());
    let imported = invoke(&window, "import_assessment_file", json!({})).expect("import");
    assert_eq!((imported["period"].as_i64(), imported["status"].as_str()), (Some(2025), Some("consensus")));
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "minutes").expect("write");
    answer(&notes.display().to_string());
    let refused = invoke(&window, "import_assessment_file", json!({})).expect_err("not an exchange file");
    assert_eq!(refused["code"], "invalid_input");
    assert!(refused["message"].as_str().expect("message").contains("notes.txt"), "{refused}");
    // Merging: a wrong file merges nothing; a cancelled dialog changes nothing.
    answer(&format!("{}\n{}", exchange.display(), notes.display()));
    let wrong = invoke(&window, "merge_assessor_files", json!({"id": imported["id"]})).expect_err("one bad file");
    assert!(wrong["message"].as_str().expect("message").contains("notes.txt"), "{wrong}");
    assert_eq!(invoke(&window, "merge_assessor_files", json!({"id": imported["id"]})).expect("cancelled"), Value::Null);
    let deleted = invoke(&window, "delete_assessment", json!({"id": imported["id"]})).expect("delete a draft");
    assert_eq!(deleted["id"], imported["id"]);

    // Restore the copy made above, chosen through the open dialog and confirmed.
    invoke(&window, "create_organisation", json!({"name": "Made after the backup", "sector": "commercial"}))
        .expect("org");
    answer(&copy.display().to_string());
    let chosen = invoke(&window, "choose_backup_file", json!({})).expect("choose");
    assert_eq!(chosen["organisations"], 1);
    let status = invoke(&window, "restore_backup", json!({"name": null})).expect("restore");
    assert_eq!(status["problem"], Value::Null);
    let orgs = invoke(&window, "list_organisations", json!({})).expect("orgs");
    let names: Vec<&str> = orgs.as_array().expect("list").iter().filter_map(|o| o["name"].as_str()).collect();
    assert_eq!(names, ["Acme Castings"], "the database is as it was backed up");
    let again = invoke(&window, "restore_backup", json!({"name": null})).expect_err("chosen once");
    assert_eq!(again["code"], "invalid_input");
    invoke(&window, "delete_organisation", json!({"id": id})).expect("delete organisation");
    assert_eq!(invoke(&window, "list_organisations", json!({})).expect("orgs"), json!([]));
}
