//! The real command wiring and capabilities, driven through Tauri's mock runtime (no window).

use std::path::Path;

use keel_app::bindings::{typescript, BINDINGS_PATH};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn app(db: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = keel_app::build(mock_builder(), db.to_path_buf()).expect("build app");
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
    // Starting the app made today's rolling backup.
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
