//! End-to-end tests of the real Keel app in a real WebKit window, through tauri-driver.
//!
//! Ignored in a plain `cargo test` because they need a display, tauri-driver and a built app;
//! `make test` runs them under Xvfb with `--ignored`, where a missing piece fails the run.

use keel_e2e::{TauriDriver, ENTER};

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
