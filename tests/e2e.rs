//! End-to-end tests of the real Keel app in a real WebKit window, through tauri-driver.
//!
//! Ignored in a plain `cargo test` because they need a display, tauri-driver and a built app;
//! `make test` runs them under Xvfb with `--ignored`, where a missing piece fails the run.

use std::path::Path;
use std::process::Command;

use keel_e2e::{workspace_root, Session, TauriDriver, ARROW_RIGHT, ENTER, HOME, TAB};

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn an_organisation_created_in_the_window_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let driver = TauriDriver::start();

    let app = driver.launch(&db);
    app.wait_for_text("main#home", |t| t.contains("No organisations yet"));
    // Type the name, pick the public sector, submit with Enter from the name field.
    let name = app.wait_for("#org-name");
    app.send_keys(&name, "Acme Castings Ltd");
    app.click(&app.wait_for("input[value='public-sector']"));
    app.send_keys(&name, ENTER);
    app.wait_for_text("[role='status']", |t| t.contains("Created “Acme Castings Ltd”"));
    assert_eq!(app.texts(".org-name"), ["Acme Castings Ltd"]);
    app.screenshot("01-organisation-created");
    app.close();

    let app = driver.launch(&db);
    assert_eq!(app.texts(".org-name"), ["Acme Castings Ltd"], "still there after a restart");
    assert_eq!(app.texts(".org .badge"), ["Public sector"]);
    app.screenshot("02-after-restart");
    app.close();

    // The window wrote through keel-store: the same file reads back headless.
    let store = keel_store::Store::open(&db).expect("open the app's database");
    let orgs = store.organisations().expect("list");
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].name, "Acme Castings Ltd");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn bad_names_are_refused_next_to_the_field_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    // The app as users get it, with its own WebKit defaults (so no screenshots here).
    let driver = TauriDriver::start_as_user();
    let app = driver.launch(&db);

    let name = app.wait_for("#org-name");
    app.send_keys(&name, "Northtown Council");
    app.send_keys(&name, ENTER);
    app.wait_for_text(".org-list", |t| t.contains("Northtown Council"));

    // 10,000 characters, pasted in one go (typing them key by key would take minutes).
    app.execute(
        "const input = document.querySelector('#org-name'); input.value = 'x'.repeat(10000); \
         input.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    app.send_keys(&name, ENTER);
    let message = app.wait_for_text("#org-name-error", |t| !t.is_empty());
    assert_eq!(message, "Organisation name is 10000 characters long; the limit is 200");

    app.clear(&name);
    app.send_keys(&name, ENTER);
    app.wait_for_text("#org-name-error", |t| t == "Organisation name is empty");

    app.send_keys(&name, "NORTHTOWN COUNCIL");
    app.send_keys(&name, ENTER);
    app.wait_for_text("#org-name-error", |t| t.contains("already exists"));

    assert_eq!(app.texts(".org-name"), ["Northtown Council"], "nothing lost, nothing added");
    app.close();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_file_that_is_not_a_database_is_explained_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("minutes.sqlite3");
    let content = "Management review minutes, 2026 - a text file, not a database\n".repeat(20);
    std::fs::write(&db, &content).expect("write");
    let driver = TauriDriver::start();
    let app = driver.launch(&db);

    let message = app.wait_for_text(".banner .db-problem", |t| !t.is_empty());
    assert!(message.contains("minutes.sqlite3 is not a SQLite database"), "{message}");
    assert!(app.find("#org-name").is_none(), "no form to type into a broken database");
    app.screenshot("03-not-a-database");
    app.close();
    assert_eq!(std::fs::read_to_string(&db).expect("read"), content, "the file is untouched");
}

/// A temporary folder with the database path in it and a folder for the dialogs' answers.
fn scratch() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = dir.path().join("saved");
    std::fs::create_dir_all(&dialogs).expect("dialogs dir");
    let db = dir.path().join("keel.sqlite3");
    (dir, db, dialogs)
}

/// The `keel` CLI built next to the app.
fn keel_cli() -> std::path::PathBuf {
    let path = workspace_root().join("target/debug/keel");
    assert!(path.exists(), "{} is missing: `cargo test --workspace` (make test) builds it", path.display());
    path
}

/// Scores the part on screen by keyboard: every RADAR attribute of it to `value` (Home, then
/// ArrowRight in steps of 5, then Tab to the next attribute); waits until it is saved.
fn score_part_by_keyboard(app: &Session, value: u8) {
    let attributes = app.find_all(".scale input[type='range']").len();
    assert_eq!(attributes, 7, "an EFQM 2020 enabler part has seven RADAR attributes");
    app.focus(".scale input[type='range']");
    let steps = ARROW_RIGHT.repeat(usize::from(value / 5));
    for _ in 0..attributes {
        app.press(&format!("{HOME}{steps}{TAB}"));
    }
    app.wait_for_text(".save-state", |t| t.starts_with("Saved"));
}

fn open_first_organisation(app: &Session) {
    app.activate(".org-open");
    app.wait_for("#organisation[data-loaded='true']");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_quality_manager_walks_an_efqm_assessment_from_start_to_final() {
    let (_dir, db, dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch_with(&db, Some(&dialogs));

    // Organisation, by keyboard.
    let name = app.wait_for("#org-name");
    app.send_keys(&name, "Harbour Foods Ltd");
    app.send_keys(&name, ENTER);
    app.wait_for_text(".org-list", |t| t.contains("Harbour Foods Ltd"));
    open_first_organisation(&app);
    app.screenshot("10-organisation");

    // New EFQM 2020 assessment with the commercial weights.
    let efqm = app.execute(
        "return [...document.querySelectorAll('#na-framework option')].find(o => o.textContent.startsWith('EFQM') && o.textContent.includes('2020'))?.value;",
    );
    app.choose("#na-framework", efqm.as_str().expect("EFQM 2020 is offered"));
    app.choose("#na-profile", "commercial");
    app.wait_for_text("#weights-sum", |t| t == "1000 of 1000");
    let title = app.wait_for("#na-title");
    app.clear(&title);
    app.send_keys(&title, "Self-assessment 2026");
    let assessor = app.wait_for("#assessor-name-0");
    app.send_keys(&assessor, "Priya Shah");
    app.screenshot("11-new-assessment");
    app.activate("#start-assessment");

    // Walk-through: criterion 1, every part by keyboard.
    app.wait_for_text("#node-heading", |t| t.starts_with("1.1"));
    app.screenshot("12-walkthrough-start");
    // At 1024×768 nothing spills sideways.
    app.set_window_size(1024, 768);
    let overflow = app.execute(
        "return new Promise(r => requestAnimationFrame(() => r(document.documentElement.scrollWidth - window.innerWidth)));",
    );
    assert!(overflow.as_i64().is_some_and(|o| o <= 0), "horizontal overflow at 1024×768: {overflow}");
    app.screenshot("12b-walkthrough-1024x768");
    let parts = app.find_all(".tree-node[data-node^='1.']").len();
    assert_eq!(parts, 5, "criterion 1 has five parts");
    for part in 1..=parts {
        app.wait_for_text("#node-heading", |t| t.starts_with(&format!("1.{part}")));
        score_part_by_keyboard(&app, 60);
        assert_eq!(app.attribute("#attr-sound", "aria-valuetext"), "60 · Able");
        if part == 1 {
            // Evidence and an area for improvement on 1.1.
            app.choose("#note-kind", "evidence");
            let note = app.wait_for("#note-text");
            app.send_keys(&note, "Purpose statement reviewed by the board in March");
            app.activate(".note-form button[type='submit']");
            app.wait_for_text(".note-list", |t| t.contains("reviewed by the board"));
            app.choose("#note-kind", "improvement");
            app.send_keys(&note, "Staff survey shows the purpose is not known on the night shift");
            app.activate(".note-form button[type='submit']");
            app.wait_for_text(".note-list", |t| t.contains("night shift"));
            app.screenshot("13-part-scored-with-notes");
        }
        app.activate("#next-node");
    }
    // Now on 2.1; criterion 1 shows as scored in the tree.
    app.wait_for_text("#node-heading", |t| t.starts_with("2.1"));
    app.wait_for_text("#node-percent", |t| t == "—");
    assert_eq!(app.attribute(".tree-node[data-node='1.5']", "data-status"), "scored");
    app.wait_for_text("#walk-progress-label", |t| t.starts_with("5 of "));
    app.close();

    // Restart: the walk-through resumes where the user left off, with the scores kept.
    let app = driver.launch_with(&db, Some(&dialogs));
    open_first_organisation(&app);
    app.activate(".assessment button");
    app.wait_for_text("#node-heading", |t| t.starts_with("2.1"));
    app.activate(".tree-node[data-node='1.3']");
    app.wait_for_text("#node-heading", |t| t.starts_with("1.3"));
    assert_eq!(app.attribute("#attr-sound", "aria-valuetext"), "60 · Able");
    app.screenshot("14-resumed-after-restart");

    // Priya scores 1.3 as herself: her own score shows in the spread; the agreed one is kept.
    app.choose("#scorer", "priya-shah");
    app.wait_for_text(".widget-heading", |t| t == "Priya Shah's own score");
    assert_eq!(app.attribute("#attr-sound", "aria-valuetext"), "Not scored");
    score_part_by_keyboard(&app, 40);
    app.wait_for_text(".spread tbody", |t| t.contains("40 %"));
    app.choose("#scorer", "");
    app.wait_for_text(".widget-heading", |t| t == "Agreed score");
    assert_eq!(app.attribute("#attr-sound", "aria-valuetext"), "60 · Able");
    app.screenshot("14b-own-score-and-spread");

    // Results: the total agrees with `keel score` on the exported exchange file.
    app.activate("#tab-results");
    let total = app.wait_for_text("#total-points", |t| !t.is_empty());
    app.wait_for("figure.chart[data-kind='criteria-radar'] img");
    app.screenshot("15-results");
    app.activate("#export-exchange");
    app.wait_for_text("#export-message", |t| t.starts_with("Saved the assessment file"));
    let exchange = std::fs::read_dir(&dialogs)
        .expect("saved files")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".keel.json"))
        .expect("the exchange file was saved where the dialog said");
    let output = Command::new(keel_cli()).args(["score", "--json"]).arg(&exchange).output().expect("run keel score");
    assert!(output.status.success(), "keel score failed: {}", String::from_utf8_lossy(&output.stderr));
    let scored: serde_json::Value = serde_json::from_slice(&output.stdout).expect("keel score --json");
    let expected = scored["totalPoints"].as_f64().expect("totalPoints");
    assert_eq!(total.parse::<f64>().expect("a number on screen"), (expected * 10.0).round() / 10.0);
    assert!(expected > 0.0);

    // The management-review report, through the save dialog.
    app.activate("#export-report");
    let message = app.wait_for_text("#export-message", |t| t.starts_with("Saved the management-review report"));
    let pdf = message.rsplit(" to ").next().expect("path in the message");
    assert!(std::fs::read(pdf).expect("report written").starts_with(b"%PDF-"));

    // Finalise (with confirmation); edits are refused afterwards.
    app.activate("#finalise");
    app.wait_for("dialog[open] #confirm-ok");
    app.screenshot("16-finalise-confirmation");
    app.activate("#confirm-ok");
    app.wait_for_text("#final-notice", |t| t.contains("final"));
    app.activate("#tab-walk");
    app.wait_for_text(".node .notice", |t| t.contains("final and locked"));
    assert_eq!(app.attribute("#attr-sound", "disabled"), "");
    assert!(app.find(".note-form").is_none(), "no note form on a final assessment");
    let refused = app.execute_async(
        "window.__TAURI_INTERNALS__.invoke('add_note', { id: Number(document.querySelector('.walk').dataset.assessment), \
         node: '1.1', kind: 'evidence', text: 'late edit' }).then(() => done('accepted'), (e) => done(e));",
    );
    assert_eq!(refused["code"], "locked", "{refused}");
    app.screenshot("17-final-locked");
    app.close();
    assert_saved_total(&db, expected);
}

/// The database holds the one final assessment with the same total.
fn assert_saved_total(db: &Path, expected: f64) {
    let store = keel_store::Store::open(db).expect("open the app's database");
    let list = store.assessments(None).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status.id(), "final");
    let file = store.export_assessment(list[0].id).expect("export");
    let framework = store.assessment_framework(list[0].id).expect("framework");
    let report = file.score(&framework, None, "e2e").expect("score");
    assert!((report.total_points - expected).abs() < 1e-9);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn the_demo_opens_apart_from_the_users_data_and_exports_its_charts() {
    let (dir, db, dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch_with(&db, Some(&dialogs));
    app.activate("#open-demo");
    app.wait_for_text(".org-list", |t| t.contains("Northwind Castings"));
    assert!(app.find(".demo-badge").is_some(), "the window says it is demo data");
    open_first_organisation(&app);
    app.wait_for_text(".assessment-list", |t| t.contains("2025"));
    // KPIs for every stakeholder group, by period.
    let groups = app.execute(
        "return [...document.querySelectorAll('#kpi-table tbody td:nth-of-type(1)')].map(td => td.textContent);",
    );
    let groups: std::collections::BTreeSet<&str> =
        groups.as_array().expect("rows").iter().filter_map(|g| g.as_str()).collect();
    assert_eq!(groups.len(), 6, "every stakeholder group has a KPI: {groups:?}");
    let efqm_2025 = app.execute(
        "return [...document.querySelectorAll('.assessment')].find(a => a.textContent.includes('2025 · efqm-2020'))?.dataset.id;",
    );
    let efqm_2025 = efqm_2025.as_str().expect("the demo's EFQM 2025 assessment is listed");
    app.activate(&format!(".assessment[data-id='{efqm_2025}'] button:nth-of-type(2)"));
    app.wait_for("figure.chart[data-kind='trend'] img");
    let kinds = app.execute("return [...document.querySelectorAll('figure.chart')].map(f => f.dataset.kind);");
    assert!(kinds.as_array().is_some_and(|k| k.len() >= 6), "{kinds}");
    // The charts are images (data URLs), never inline SVG markup.
    assert!(app.find(".results svg").is_none());
    app.screenshot("20-demo-results");

    app.activate("figure.chart[data-kind='trend'] .chart-exports button:nth-of-type(2)");
    let message = app.wait_for_text("#export-message", |t| t.starts_with("Saved the"));
    let png = message.rsplit(" to ").next().expect("path");
    let bytes = std::fs::read(png).expect("PNG written");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    // Width and height from the IHDR chunk: the screen size.
    assert_eq!(u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]), 960);
    app.activate("#export-workbook");
    let message = app.wait_for_text("#export-message", |t| t.starts_with("Saved the workbook"));
    let xlsx = message.rsplit(" to ").next().expect("path");
    assert!(std::fs::read(xlsx).expect("XLSX written").starts_with(b"PK"), "an XLSX (zip) file");

    // Part 4.3, where the demo's three assessors disagree: their own scores and the flag.
    app.activate("#tab-walk");
    app.activate(".tree-node[data-node='4.3']");
    app.wait_for_text("#node-heading", |t| t.starts_with("4.3"));
    app.wait_for(".spread[data-disagreement='true'] .disagreement");
    assert_eq!(app.find_all(".spread tbody td").len(), 3 + 3, "three assessors, lowest, highest, std dev");
    app.screenshot("22-demo-disagreement");
    // A results part: what the KPIs suggest for Trends and Targets, and the reason.
    app.activate(".tree-node[data-node='6.1']");
    app.wait_for_text("#suggestion-heading + p", |t| t.contains("Trends") && t.contains("Targets"));
    app.wait_for_text(".suggestion .hint", |t| t.contains("KPIs improved over 2023–2025"));
    app.screenshot("23-demo-kpi-suggestion");

    // The Compare view on the demo: 2023 → 2024 → 2025, its trend chart exported.
    app.activate("#tab-compare");
    let totals = app.wait_for_text("#compare-totals", |t| t.matches('→').count() == 2);
    app.wait_for("#compare-charts-heading ~ .charts figure.chart[data-kind='trend'] img");
    let gaps = app.wait_for_text("#unassessed-by-iso", |t| !t.is_empty());
    assert!(gaps.contains("Thinly covered by ISO 9001") && gaps.contains("under 50 %"), "{gaps}");
    assert_eq!(app.find_all("#side-criteria tbody tr").len(), 7);
    app.screenshot("21-demo-compare");
    app.activate("figure.chart[data-kind='trend'] .chart-exports button:nth-of-type(2)");
    let message = app.wait_for_text("#compare-export-message", |t| t.starts_with("Saved the trend chart"));
    let png = std::fs::read(message.rsplit(" to ").next().expect("path")).expect("trend PNG");
    assert!(png.starts_with(b"\x89PNG"));

    app.activate("#go-home");
    app.activate("#open-own");
    app.wait_for("#open-demo");
    app.wait_for_text("main#home", |t| t.contains("No organisations yet"));
    app.close();
    let store = keel_store::Store::open(&db).expect("the user's database");
    assert!(store.organisations().expect("list").is_empty(), "the demo never touched the user's database");

    // `keel compare` on the demo's database says what the Compare view showed.
    let demo_db = dir.path().join("keel-demo.sqlite3");
    let list = keel_store::Store::open(&demo_db).expect("demo database").assessments(None).expect("list");
    let ids: Vec<String> = list.iter().filter(|a| a.framework == "efqm-2020").map(|a| a.id.to_string()).collect();
    let output = Command::new(keel_cli())
        .arg("--db")
        .arg(&demo_db)
        .arg("compare")
        .args(&ids)
        .arg("--json")
        .output()
        .expect("keel compare");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let compared: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let expected: Vec<String> = compared["totals"]
        .as_array()
        .expect("totals")
        .iter()
        .map(|t| format!("{:.1}", t.as_f64().expect("number")))
        .collect();
    assert!(totals.starts_with(&expected.join(" → ")), "window {totals:?}, keel compare {expected:?}");
}

/// Measures, in the real window on the demo, how long switching node and saving a score take
/// (median and worst of 20 each) and prints the figures. A measuring run, not a pass/fail
/// timing: `make bench` runs it.
#[test]
#[ignore = "a measurement: run with `make bench`"]
fn measure_walkthrough_latency() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = TauriDriver::start();
    let app = driver.launch(&dir.path().join("keel.sqlite3"));
    app.activate("#open-demo");
    app.wait_for_text(".org-list", |t| t.contains("Northwind"));
    open_first_organisation(&app);
    let id = app.execute(
        "return [...document.querySelectorAll('.assessment')].find(a => a.textContent.includes('2025 · efqm-2020'))?.dataset.id;",
    );
    // 2025 is in consensus: still editable.
    app.activate(&format!(".assessment[data-id='{}'] button", id.as_str().expect("EFQM 2025")));
    app.wait_for("#node-heading");
    // Node switch: from the click to the next frame showing the new heading.
    let switches = app.execute_async(
        "const times = []; const nodes = [...document.querySelectorAll('.tree-node')]; let i = 0; \
         const next = () => { if (i === 20) return done(times); const button = nodes[(i + 1) % nodes.length]; \
           const want = button.dataset.node; const start = performance.now(); button.click(); \
           const check = () => document.querySelector('#node-heading')?.textContent.startsWith(want) \
             ? requestAnimationFrame(() => { times.push(performance.now() - start); i++; setTimeout(next, 20); }) \
             : requestAnimationFrame(check); check(); }; next();",
    );
    // Save: the set_score round trip (store write, rescoring, answer) the window waits for.
    let saves = app.execute_async(&format!(
        "const times = []; const invoke = window.__TAURI_INTERNALS__.invoke; let i = 0; \
         const once = () => {{ if (i === 20) return done(times); const start = performance.now(); \
           invoke('set_score', {{ id: {id}, assessor: null, node: '1.1', rationale: '', \
             score: {{ radar: {{ attributes: {{ sound: 5 * (i % 20), integrated: 50, implemented: 50, structured: 50, \
               measurement: 50, 'learning-creativity': 50, 'improvement-innovation': 50 }} }} }} }}) \
           .then(() => {{ times.push(performance.now() - start); i++; once(); }}, (e) => done(e)); }}; once();",
        id = id.as_str().expect("id")
    ));
    let summary = |name: &str, values: &serde_json::Value| {
        let mut v: Vec<f64> =
            values.as_array().expect("timings").iter().filter_map(serde_json::Value::as_f64).collect();
        assert_eq!(v.len(), 20, "{name}: {values}");
        v.sort_by(f64::total_cmp);
        println!("{name}: median {:.1} ms, worst {:.1} ms (20 runs)", v[10], v[19]);
    };
    summary("switch node", &switches);
    summary("save a score", &saves);
    app.close();
}

/// Runs the `keel` CLI and parses its JSON output.
fn keel_json(args: &[&str]) -> serde_json::Value {
    let output = Command::new(keel_cli()).args(args).output().expect("run keel");
    assert!(output.status.success(), "keel {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("keel {args:?} --json: {e}"))
}

/// One node of a framework as `keel framework show --json` lists it.
#[derive(Debug, Clone)]
struct ShownNode {
    id: String,
    number: String,
    scored: bool,
}

fn shown_nodes(shown: &serde_json::Value) -> Vec<ShownNode> {
    shown["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| ShownNode {
            id: n["id"].as_str().expect("id").to_owned(),
            number: n["number"].as_str().expect("number").to_owned(),
            scored: !n["scheme"].is_null(),
        })
        .collect()
}

/// The scored node a click on `nodes[at]` should open: itself, or its first scored descendant.
fn first_scored_under(nodes: &[ShownNode], depths: &[u64], at: usize) -> String {
    nodes[at..]
        .iter()
        .zip(&depths[at..])
        .enumerate()
        .take_while(|(i, (_, d))| *i == 0 || **d > depths[at])
        .find(|(_, (n, _))| n.scored)
        .map(|(_, (n, _))| n.id.clone())
        .expect("every group has a scored descendant")
}

/// Scores whatever part is on screen, whatever its scheme: each 0–100 scale by keyboard (Home,
/// then `k` steps right, `k` varying with the scale) or the `k`-th choice; waits for the save.
fn score_any_part(app: &Session, k: usize) {
    let scales = app.find_all(".score-widget input[type='range']").len();
    let choices = app.find_all(".score-widget .choices input[type='radio']");
    assert!(scales > 0 || !choices.is_empty(), "the part on screen has no scoring control");
    for s in 0..scales {
        app.execute(&format!("document.querySelectorAll(\".score-widget input[type='range']\")[{s}].focus();"));
        app.press(&format!("{HOME}{}", ARROW_RIGHT.repeat(1 + (k + s) % 19)));
    }
    if !choices.is_empty() {
        app.click(&choices[k % choices.len()]);
    }
    app.wait_for_text(".save-state", |t| t.starts_with("Saved"));
}

/// Scrolls the part list to a row, as the user would, and clicks it.
fn click_row(app: &Session, id: &str) {
    let css = format!(".tree-node[data-node='{id}']");
    app.execute(&format!("document.querySelector({css:?}).scrollIntoView({{ block: 'center' }});"));
    app.click(&app.find(&css).expect("row"));
}

/// The scored node on screen, with its row in the tree highlighted and in view.
fn current_node(app: &Session) -> String {
    let state = app.execute(
        "const row = document.querySelector(\".tree-node[aria-current='step']\"); \
         const tree = document.querySelector('.tree').getBoundingClientRect(); \
         if (!row) return null; const r = row.getBoundingClientRect(); \
         return { node: document.querySelector('section.node')?.dataset.node ?? null, row: row.dataset.node, \
           visible: r.top >= tree.top - 1 && r.bottom <= tree.bottom + 1, rows: document.querySelectorAll(\".tree-node[aria-current='step']\").length };",
    );
    assert!(!state.is_null(), "no row of the part list is highlighted");
    assert_eq!(state["rows"], 1, "exactly one highlighted row: {state}");
    assert_eq!(state["node"], state["row"], "the highlighted row is the part on screen: {state}");
    assert_eq!(state["visible"], true, "the highlighted row is scrolled into view: {state}");
    state["node"].as_str().expect("node").to_owned()
}

/// Walks the assessment on screen: the offered steps are exactly the scored nodes of `nodes`;
/// every row is clicked (a group opens its first scored part), every part is reached by Next
/// and scored; then the results total equals `keel score` on the exported exchange file.
fn walk_every_part(app: &Session, nodes: &[ShownNode], depths: &[u64], label: &str) {
    let scored: Vec<&ShownNode> = nodes.iter().filter(|n| n.scored).collect();
    app.wait_for("section.node[data-node]");
    let rows = app.execute("return [...document.querySelectorAll('.tree-node')].map(r => r.dataset.node);");
    let all: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        rows.as_array().expect("rows").iter().filter_map(|r| r.as_str()).collect::<Vec<_>>(),
        all,
        "{label}: every node of every depth is in the part list"
    );
    let step_count = app.wait_for_text(".step-count", |t| t.starts_with("Step "));
    assert!(
        step_count.contains(&format!(" of {}", scored.len())),
        "{label}: {step_count:?} offers {} steps",
        scored.len()
    );

    // Every row by clicking (a real pointer click through WebDriver).
    for (at, node) in nodes.iter().enumerate() {
        click_row(app, &node.id);
        let want = first_scored_under(nodes, depths, at);
        app.wait_for(&format!("section.node[data-node='{want}']"));
        assert_eq!(current_node(app), want, "{label}: clicking {} opens {want}", node.number);
    }

    // Every part by Next from the first, scored on the way.
    click_row(app, &scored[0].id);
    for (i, node) in scored.iter().enumerate() {
        app.wait_for(&format!("section.node[data-node='{}']", node.id));
        assert_eq!(current_node(app), node.id, "{label}: Next reaches {}", node.number);
        let heading = app.execute("return document.activeElement?.id ?? '';");
        if i > 0 {
            assert_eq!(heading, "node-heading", "{label}: after Next the focus is on the new part's heading");
            let top = app.execute("return window.scrollY;");
            assert_eq!(top.as_f64(), Some(0.0), "{label}: after Next the view is at the top");
        }
        score_any_part(app, i);
        if i + 1 < scored.len() {
            app.activate("#next-node");
        }
    }
    let done = app.wait_for_text("#walk-progress-label", |t| t.starts_with(&format!("{} of", scored.len())));
    assert_eq!(done, format!("{} of {} scored", scored.len(), scored.len()), "{label}");
    let scored_rows = app.find_all(".tree-node[data-status='scored']").len();
    assert_eq!(scored_rows, scored.len(), "{label}: every row shows as scored");

    app.activate("#to-results");
    let total = app.wait_for_text("#total-points", |t| !t.is_empty());
    app.activate("#export-exchange");
    let message = app.wait_for_text("#export-message", |t| t.starts_with("Saved the assessment file"));
    let exchange = message.rsplit(" to ").next().expect("path in the message").to_owned();
    let scored_file = keel_json(&["score", "--json", &exchange]);
    let expected = scored_file["totalPoints"].as_f64().expect("totalPoints");
    assert!(expected > 0.0, "{label}");
    assert_eq!(
        total.parse::<f64>().expect("a number on screen"),
        (expected * 10.0).round() / 10.0,
        "{label}: window and `keel score` agree"
    );
}

/// Starts a new assessment of the framework with content hash `hash` in the organisation on
/// screen.
fn start_assessment(app: &Session, hash: &str, title: &str) {
    app.activate("#go-organisation");
    app.wait_for("#organisation[data-loaded='true']");
    app.choose("#na-framework", hash);
    let field = app.wait_for("#na-title");
    app.clear(&field);
    app.send_keys(&field, title);
    app.activate("#start-assessment");
    app.wait_for("section.node[data-node]");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn every_built_in_framework_is_walked_to_the_end() {
    let (_dir, db, dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch_with(&db, Some(&dialogs));
    let name = app.wait_for("#org-name");
    app.send_keys(&name, "Riverside Health Trust");
    app.send_keys(&name, ENTER);
    app.wait_for_text(".org-list", |t| t.contains("Riverside Health Trust"));
    open_first_organisation(&app);

    let frameworks = keel_json(&["frameworks", "--json"]);
    let builtin: Vec<&serde_json::Value> =
        frameworks.as_array().expect("list").iter().filter(|f| f["origin"] == "built-in").collect();
    assert_eq!(builtin.len(), 7, "Keel ships seven frameworks");
    let mut first = true;
    for framework in builtin {
        let id = framework["id"].as_str().expect("id");
        let shown = keel_json(&["framework", "show", id, "--json"]);
        let nodes = shown_nodes(&shown);
        let depths: Vec<u64> =
            shown["nodes"].as_array().expect("nodes").iter().map(|n| n["depth"].as_u64().expect("depth")).collect();
        assert_eq!(
            nodes.iter().filter(|n| n.scored).count() as u64,
            framework["assessable"].as_u64().expect("assessable")
        );
        if first {
            app.choose("#na-framework", framework["hash"].as_str().expect("hash"));
            app.activate("#start-assessment");
            app.wait_for("section.node[data-node]");
            first = false;
        } else {
            start_assessment(&app, framework["hash"].as_str().expect("hash"), &format!("Walk {id}"));
        }
        walk_every_part(&app, &nodes, &depths, id);
        if id.starts_with("iso-9001-2015") && !id.ends_with("maturity") {
            // Conformity, not only points: the counts add up to every clause, the nonconformities
            // are listed and marked in the part list.
            let count = |css: &str| app.wait_for_text(css, |t| !t.is_empty()).parse::<usize>().expect("a count");
            let (yes, partly, not) =
                (count("#count-conforming"), count("#count-partly"), count("#count-nonconforming"));
            assert_eq!(yes + partly + not, nodes.iter().filter(|n| n.scored).count(), "{id}: every clause is counted");
            assert!(not > 0 && yes > 0 && partly > 0, "{id}: the walk gave every answer");
            assert_eq!(app.find_all("#nonconformities li").len(), not);
            app.screenshot("32-iso-conformity");
            app.activate("#tab-walk");
            app.wait_for("section.node[data-node]");
            assert_eq!(app.find_all(".tree-node[data-conformity='not']").len(), not, "{id}: marked in the part list");
            click_row(&app, "7.1");
            app.wait_for("section.node[data-node='7.1.1']");
            app.screenshot("30-iso-walkthrough-sub-clauses");
        }
    }
    app.close();
}

/// A framework file four levels deep, with scored parts at every depth below the top.
fn deep_framework() -> serde_json::Value {
    // Ids are lower case; the numbers people see are not.
    let leaf = |number: &str, title: &str| serde_json::json!({"id": number.to_lowercase(), "number": number, "title": title, "prompt": "How well is this done?", "scheme": "panel", "stakeholders": ["customers"]});
    serde_json::json!({
        "format": 1, "id": "deep-test", "title": "Deep test model", "edition": "2026", "version": "1.0.0",
        "source": "Written for Keel's end-to-end tests.", "totalPoints": 100,
        "schemes": [{"kind": "panel", "id": "panel", "title": "Panel", "bands": [
            {"min": 0, "max": 49, "title": "Low"}, {"min": 50, "max": 100, "title": "High"}]}],
        "nodes": [
            {"id": "a", "number": "A", "title": "Area A", "children": [
                leaf("A.1", "Shallow part"),
                {"id": "a.2", "number": "A.2", "title": "Group A.2", "children": [
                    {"id": "a.2.1", "number": "A.2.1", "title": "Group A.2.1", "children": [
                        leaf("A.2.1.1", "Deepest part one"), leaf("A.2.1.2", "Deepest part two")]},
                    leaf("A.2.2", "Middle part")]}]},
            {"id": "b", "number": "B", "title": "Area B", "children": [
                {"id": "b.1", "number": "B.1", "title": "Group B.1", "children": [
                    {"id": "b.1.1", "number": "B.1.1", "title": "Group B.1.1", "children": [
                        leaf("B.1.1.1", "Deep part")]}]}]}
        ]
    })
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_custom_framework_four_levels_deep_is_walked_to_the_end() {
    let (dir, db, dialogs) = scratch();
    let file = dir.path().join("deep.json");
    std::fs::write(&file, serde_json::to_string_pretty(&deep_framework()).expect("json")).expect("write");
    std::fs::write(dialogs.join("open-next.txt"), file.to_string_lossy().as_bytes()).expect("answer");
    let driver = TauriDriver::start();
    let app = driver.launch_with(&db, Some(&dialogs));
    let name = app.wait_for("#org-name");
    app.send_keys(&name, "Deep Co");
    app.send_keys(&name, ENTER);
    app.wait_for_text(".org-list", |t| t.contains("Deep Co"));
    open_first_organisation(&app);
    app.activate(".new-assessment .inline-form button");
    app.wait_for_text("#na-framework", |t| t.contains("Deep test model"));
    app.activate("#start-assessment");
    app.screenshot("31-custom-framework-four-levels");

    // Framework order: depth first, parents before children.
    fn flatten(list: &serde_json::Value, depth: u64, out: &mut Vec<(ShownNode, u64)>) {
        for n in list.as_array().into_iter().flatten() {
            let node = ShownNode {
                id: n["id"].as_str().expect("id").to_owned(),
                number: n["number"].as_str().expect("number").to_owned(),
                scored: n.get("scheme").is_some(),
            };
            out.push((node, depth));
            flatten(&n["children"], depth + 1, out);
        }
    }
    let mut flat = Vec::new();
    flatten(&deep_framework()["nodes"], 0, &mut flat);
    let (nodes, depths): (Vec<ShownNode>, Vec<u64>) = flat.into_iter().unzip();
    assert_eq!(depths.iter().max(), Some(&3), "four levels");
    walk_every_part(&app, &nodes, &depths, "deep-test");
    app.close();
}

/// An organisation with a new EFQM 2020 assessment, open in the walk-through on 1.1.
fn efqm_assessment_on_screen(app: &Session, organisation: &str) {
    let name = app.wait_for("#org-name");
    app.send_keys(&name, organisation);
    app.send_keys(&name, ENTER);
    app.wait_for_text(".org-list", |t| t.contains(organisation));
    open_first_organisation(app);
    let efqm = app.execute(
        "return [...document.querySelectorAll('#na-framework option')].find(o => o.textContent.startsWith('EFQM') && o.textContent.includes('2020'))?.value;",
    );
    app.choose("#na-framework", efqm.as_str().expect("EFQM 2020 is offered"));
    app.activate("#start-assessment");
    app.wait_for("section.node[data-node='1.1']");
}

/// Reopens the app's only assessment in the walk-through after a restart.
fn reopen_walkthrough(app: &Session) {
    open_first_organisation(app);
    app.activate(".assessment button");
    app.wait_for("section.node[data-node]");
}

/// Waits until the database holds a draft of `field` with `text` in it: what the window kept
/// while the user typed, before the window is closed.
fn wait_for_draft(db: &Path, field: &str, text: &str) {
    let start = std::time::Instant::now();
    loop {
        let store = keel_store::Store::open(db).expect("open the app's database");
        let id = store.assessments(None).expect("list")[0].id;
        if store.drafts(id).expect("drafts").get(field).is_some_and(|d| d.contains(text)) {
            return;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "no draft of {field} with {text:?}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The value of a form field.
fn value_of(app: &Session, css: &str) -> String {
    app.wait_for(css);
    let value = app.execute(&format!("return document.querySelector({css:?}).value;"));
    value.as_str().unwrap_or_default().to_owned()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_typed_override_reason_survives_closing_the_window() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    efqm_assessment_on_screen(&app, "Override Ltd");
    score_part_by_keyboard(&app, 50);
    app.activate(".override summary");
    let percent = app.wait_for("#override-percent");
    app.send_keys(&percent, "65");
    let reason = app.wait_for("#override-reason");
    app.send_keys(&reason, "The site visit showed more than the documents say");
    wait_for_draft(&db, "override:1.1:", "more than the documents say");
    app.close();

    let app = driver.launch(&db);
    reopen_walkthrough(&app);
    app.wait_for("section.node[data-node='1.1']");
    assert_eq!(value_of(&app, "#override-reason"), "The site visit showed more than the documents say");
    assert_eq!(value_of(&app, "#override-percent"), "65");
    app.wait_for_text("#override-error", |t| t.contains("Not saved yet"));
    app.screenshot("40-override-draft-after-restart");
    // Saving it makes it the part's score and forgets the draft.
    app.activate("#override-save");
    app.wait_for_text("#node-percent", |t| t == "65 %");
    app.wait_for_text(".save-state", |t| t.starts_with("Saved"));
    app.close();
    let store = keel_store::Store::open(&db).expect("open");
    let id = store.assessments(None).expect("list")[0].id;
    assert!(store.drafts(id).expect("drafts").is_empty(), "a saved override leaves no draft");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_note_typed_but_not_added_survives_next_and_a_restart() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    efqm_assessment_on_screen(&app, "Notes Ltd");
    app.choose("#note-kind", "strength");
    let note = app.wait_for("#note-text");
    app.send_keys(&note, "Board minutes show the vision reviewed yearly");
    app.activate("#next-node");
    app.wait_for("section.node[data-node='1.2']");
    assert_eq!(value_of(&app, "#note-text"), "", "the draft belongs to 1.1, not to 1.2");
    click_row(&app, "1.1");
    app.wait_for("section.node[data-node='1.1']");
    assert_eq!(value_of(&app, "#note-text"), "Board minutes show the vision reviewed yearly");
    wait_for_draft(&db, "note:1.1", "vision reviewed yearly");
    app.close();

    let app = driver.launch(&db);
    reopen_walkthrough(&app);
    assert_eq!(value_of(&app, "#note-text"), "Board minutes show the vision reviewed yearly");
    assert_eq!(value_of(&app, "#note-kind"), "strength");
    app.wait_for("#note-draft-hint");
    app.screenshot("41-unadded-note-after-restart");
    app.activate(".note-form button[type='submit']");
    app.wait_for_text(".note-list", |t| t.contains("vision reviewed yearly"));
    assert_eq!(value_of(&app, "#note-text"), "");
    app.close();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_pending_not_applicable_is_kept_with_its_message() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    efqm_assessment_on_screen(&app, "Pending Ltd");
    app.click(&app.wait_for("#not-applicable"));
    app.wait_for_text("#na-reason-error", |t| t.contains("Not saved yet"));
    app.activate("#next-node");
    app.wait_for("section.node[data-node='1.2']");
    click_row(&app, "1.1");
    app.wait_for("section.node[data-node='1.1']");
    assert_eq!(app.execute("return document.querySelector('#not-applicable').checked;"), true);
    app.wait_for_text("#na-reason-error", |t| t.contains("say why this does not apply"));
    let reason = app.wait_for("#na-reason");
    app.send_keys(&reason, "We have no");
    wait_for_draft(&db, "na:1.1:", "We have no");
    app.close();

    let app = driver.launch(&db);
    reopen_walkthrough(&app);
    assert_eq!(app.execute("return document.querySelector('#not-applicable').checked;"), true);
    assert_eq!(value_of(&app, "#na-reason"), "We have no");
    app.wait_for_text("#na-reason-error", |t| t.contains("Not saved yet"));
    app.screenshot("42-pending-not-applicable-after-restart");
    let reason = app.wait_for("#na-reason");
    app.send_keys(&reason, " board: a public body");
    app.activate(".na-switch ~ .field button");
    app.wait_for_text(".save-state", |t| t.starts_with("Saved"));
    assert_eq!(app.attribute(".tree-node[data-node='1.1']", "data-status"), "not-applicable");
    app.close();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_deleted_note_can_be_undone_and_stays() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    efqm_assessment_on_screen(&app, "Undo Ltd");
    let note = app.wait_for("#note-text");
    app.send_keys(&note, "Customer panel minutes, May");
    app.activate(".note-form button[type='submit']");
    app.wait_for_text(".note-list", |t| t.contains("Customer panel minutes"));
    app.activate(".note-list button.link");
    app.wait_for_text("#note-deleted", |t| t.contains("Customer panel minutes"));
    assert!(app.find(".note-list").is_none(), "deleted from the list");
    app.screenshot("43-note-deleted-undo");
    app.activate("#undo-delete");
    app.wait_for_text(".note-list", |t| t.contains("Customer panel minutes"));
    app.close();

    let app = driver.launch(&db);
    reopen_walkthrough(&app);
    app.wait_for_text(".note-list", |t| t.contains("Customer panel minutes, May"));
    app.close();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn compare_offers_only_assessments_of_the_same_model() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    app.activate("#open-demo");
    app.wait_for_text(".org-list", |t| t.contains("Northwind"));
    open_first_organisation(&app);
    let ids = app.execute(
        "const rows = [...document.querySelectorAll('.assessment')]; \
         return { efqm: rows.find(a => a.textContent.includes('2025') && a.textContent.includes('EFQM'))?.dataset.id \
                  ?? rows.find(a => a.textContent.includes('2025 · efqm-2020'))?.dataset.id, \
                  iso: rows.find(a => a.textContent.includes('ISO') || a.textContent.includes('iso-9001'))?.dataset.id };",
    );
    let efqm = ids["efqm"].as_str().expect("the demo's EFQM 2025 assessment").to_owned();
    let iso = ids["iso"].as_str().expect("the demo's ISO assessment").to_owned();
    app.activate(&format!(".assessment[data-id='{efqm}'] button"));
    app.wait_for("section.node[data-node]");
    app.activate("#tab-compare");
    app.wait_for_text("#compare-totals", |t| t.contains('→'));
    let offered = app.execute(
        "return [...document.querySelectorAll('.choose input[type=checkbox]')].map(i => i.dataset.framework);",
    );
    let offered: Vec<&str> = offered.as_array().expect("list").iter().filter_map(|f| f.as_str()).collect();
    assert_eq!(offered, ["efqm-2020", "efqm-2020"], "the two earlier EFQM years, no ISO assessment");
    assert!(app.find("#compare-empty").is_none());
    app.screenshot("50-compare-efqm");

    // The ISO assessment has nothing to compare with: the empty state says what to do, no error.
    app.activate("#go-organisation");
    app.wait_for("#organisation[data-loaded='true']");
    app.activate(&format!(".assessment[data-id='{iso}'] button"));
    app.wait_for("section.node[data-node]");
    app.activate("#tab-compare");
    app.wait_for_text("#compare-empty", |t| t.contains("Nothing to compare with yet"));
    assert!(app.find(".results > .error").is_none(), "no error for an empty comparison");
    app.screenshot("51-compare-iso-empty");
    app.close();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn a_public_sector_organisation_starts_efqm_on_the_public_sector_profile() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    let name = app.wait_for("#org-name");
    app.send_keys(&name, "Northtown Council");
    app.click(&app.wait_for("input[value='public-sector']"));
    app.send_keys(&name, ENTER);
    app.wait_for_text(".org-list", |t| t.contains("Northtown Council"));
    open_first_organisation(&app);
    let efqm = app.execute(
        "return [...document.querySelectorAll('#na-framework option')].find(o => o.textContent.startsWith('EFQM') && o.textContent.includes('2020'))?.value;",
    );
    app.choose("#na-framework", efqm.as_str().expect("EFQM 2020 is offered"));
    assert_eq!(value_of(&app, "#na-profile"), "public-sector");
    app.wait_for_text("#profile-in-use", |t| {
        t.contains("Public-sector orientation") && t.contains("the default for public-sector organisations")
    });
    app.screenshot("60-public-sector-profile");
    // Editing a weight makes it "Custom"; putting it back returns to the profile.
    let weight = app.wait_for("#weight-6");
    let before = value_of(&app, "#weight-6");
    app.clear(&weight);
    app.send_keys(&weight, "250");
    app.wait_for_text("#profile-in-use", |t| t.contains("Custom"));
    app.wait_for_text("#weights-sum", |t| t == "1010 of 1000");
    app.clear(&weight);
    app.send_keys(&weight, &before);
    app.wait_for_text("#profile-in-use", |t| !t.contains("Custom") && t.contains("Public-sector orientation"));
    app.wait_for_text("#weights-sum", |t| t == "1000 of 1000");
    app.activate("#start-assessment");
    app.wait_for("section.node[data-node]");
    app.close();
    let store = keel_store::Store::open(&db).expect("open");
    let id = store.assessments(None).expect("list")[0].id;
    let file = store.export_assessment(id).expect("export");
    assert_eq!(file.assessment.profile, "public-sector");
    assert!(file.assessment.custom_profile.is_none());
}

/// Loads axe-core (the npm package in ui/node_modules) into the page once.
fn load_axe(app: &Session) {
    let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci` in ui/, which installs axe-core)", path.display()));
    app.execute(&format!("if (!window.axe) {{ {source} }} return typeof window.axe;"));
}

/// Runs axe-core on the page and returns its serious and critical violations, readably.
fn serious_violations(app: &Session) -> Vec<String> {
    load_axe(app);
    let found = app.execute_async(
        "window.axe.run(document).then(r => done({ passes: r.passes.length, serious: r.violations \
           .filter(v => v.impact === 'serious' || v.impact === 'critical') \
           .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ')}`) }), \
           e => done({ passes: 0, serious: [`axe failed: ${e}`] }));",
    );
    // axe really ran: it checked the page against its rules (tens of them pass on any page).
    assert!(found["passes"].as_u64().is_some_and(|p| p >= 10), "axe-core did not run: {found}");
    let found = &found["serious"];
    found.as_array().expect("a list").iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// The rules of the built UI's `prefers-color-scheme: dark` blocks (from ui/dist), unwrapped.
fn dark_rules() -> String {
    let assets = workspace_root().join("ui/dist/assets");
    let mut css = String::new();
    for entry in std::fs::read_dir(&assets).expect("ui/dist/assets: build the UI first").filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "css") {
            css.push_str(&std::fs::read_to_string(entry.path()).expect("read CSS"));
        }
    }
    let mut rules = String::new();
    let mut rest = css.as_str();
    while let Some(at) = rest.find("prefers-color-scheme:dark").or_else(|| rest.find("prefers-color-scheme: dark")) {
        let open = at + rest[at..].find('{').expect("a block");
        let mut depth = 0;
        let mut end = open;
        for (i, c) in rest[open..].char_indices() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            if depth == 0 {
                end = open + i;
                break;
            }
        }
        rules.push_str(&rest[open + 1..end]);
        rest = &rest[end..];
    }
    assert!(!rules.is_empty(), "the UI has dark colours");
    rules
}

/// Turns the page's dark colours on (or off) by adding the UI's own `prefers-color-scheme:
/// dark` rules at the top level, as a system in dark mode applies them.
fn set_dark(app: &Session, dark: bool) {
    // The native controls follow `color-scheme`, as they do when the system is in dark mode.
    let css = if dark { format!(":root {{ color-scheme: dark; }}\n{}", dark_rules()) } else { String::new() };
    app.execute(&format!(
        // A constructed style sheet: the app's content security policy refuses inline <style>.
        "const sheet = new CSSStyleSheet(); sheet.replaceSync({}); \
         document.adoptedStyleSheets = {dark} ? [sheet] : [];",
        serde_json::Value::from(css)
    ));
    let background = app.execute("return getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();");
    assert_eq!(background == "#12161c", dark, "dark colours {}: --bg is {background}", if dark { "on" } else { "off" });
}

/// Screenshots of one screen at both sizes in light and dark, and axe-core on it in both
/// themes; collects the violations.
fn look_at(app: &Session, name: &str, problems: &mut Vec<String>) {
    for dark in [false, true] {
        set_dark(app, dark);
        let theme = if dark { "dark" } else { "light" };
        for (w, h) in [(1024, 768), (1920, 1080)] {
            app.set_window_size(w, h);
            app.screenshot(&format!("70-{name}-{w}x{h}-{theme}"));
        }
        problems.extend(serious_violations(app).into_iter().map(|v| format!("{name} ({theme}): {v}")));
    }
    set_dark(app, false);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn every_main_screen_passes_axe_in_light_and_dark() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    let mut problems = Vec::new();
    app.activate("#open-demo");
    app.wait_for_text(".org-list", |t| t.contains("Northwind"));
    look_at(&app, "home", &mut problems);
    open_first_organisation(&app);
    look_at(&app, "organisation", &mut problems);
    let efqm = app.execute(
        "return [...document.querySelectorAll('.assessment')].find(a => a.textContent.includes('2025') && !/ISO/.test(a.textContent))?.dataset.id;",
    );
    app.activate(&format!(".assessment[data-id='{}'] button", efqm.as_str().expect("the demo's 2025 EFQM assessment")));
    app.wait_for("section.node[data-node]");
    look_at(&app, "walkthrough", &mut problems);
    app.activate("#tab-results");
    app.wait_for_text("#total-points", |t| !t.is_empty());
    look_at(&app, "results", &mut problems);
    app.activate("#tab-compare");
    app.wait_for_text("#compare-totals", |t| t.contains('→'));
    look_at(&app, "compare", &mut problems);
    app.activate("#tab-actions");
    std::thread::sleep(std::time::Duration::from_millis(500));
    look_at(&app, "actions", &mut problems);
    app.close();
    assert!(problems.is_empty(), "serious or critical accessibility problems:\n{}", problems.join("\n"));
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and a built keel-app: run `make test`"]
fn finalising_warns_of_unscored_parts_and_action_statuses_stay_editable() {
    let (_dir, db, _dialogs) = scratch();
    let driver = TauriDriver::start();
    let app = driver.launch(&db);
    efqm_assessment_on_screen(&app, "Action Plan Ltd");
    score_part_by_keyboard(&app, 50);
    app.activate("#tab-actions");
    let title = app.wait_for("#action-title");
    app.send_keys(&title, "Brief the night shift on the purpose");
    app.activate(".action-form button[type='submit']");
    app.wait_for("tr[data-action] select");
    app.activate("#tab-results");
    app.activate("#finalise");
    let warning = app.wait_for_text("dialog[open]", |t| t.contains("still unscored"));
    assert!(warning.contains("28 parts are still unscored"), "{warning}");
    app.activate("#confirm-ok");
    app.wait_for_text("#final-notice", |t| t.contains("final"));
    app.activate("#tab-actions");
    app.wait_for("#actions-final-hint");
    app.choose("tr[data-action] select", "done");
    app.screenshot("44-final-action-status");
    // Saved: after a restart the status is still "done".
    let start = std::time::Instant::now();
    loop {
        let store = keel_store::Store::open(&db).expect("open");
        let id = store.assessments(None).expect("list")[0].id;
        if store.actions(id).expect("actions")[0].doc.status.id() == "done" {
            break;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the status change was not saved");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.close();
}
