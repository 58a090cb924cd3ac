//! Build script: generates Tauri's context and declares every app command in the app manifest,
//! so each one needs an explicit permission in `capabilities/` before the web view may call it.

/// Must list exactly the commands in `keel_app::commands` (the `ipc` test calls each one).
const COMMANDS: &[&str] = &["database_status", "list_organisations", "create_organisation"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
