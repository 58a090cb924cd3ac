//! Keel's desktop shell: the only crate that knows Tauri.
//!
//! Commands are thin: they take the state, call keel-core / keel-store, and turn typed errors
//! into the one serialisable [`IpcError`]. [`build`] is generic over the runtime so tests can
//! run the real command wiring and capabilities on `tauri::test::mock_builder()`.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod state;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

pub use error::{ErrorCode, IpcError};
pub use state::{Database, DatabaseStatus};

/// Builds the app around the database at `database_path` (opened here; a failure is kept and
/// shown in the window instead of stopping the app).
pub fn build<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    database_path: PathBuf,
) -> tauri::Result<tauri::App<R>> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(Database::open(database_path))
        .invoke_handler(tauri::generate_handler![
            commands::database_status,
            commands::list_organisations,
            commands::create_organisation,
        ])
        .build(tauri::generate_context!())
}

/// Runs the app; returns when the last window closes.
pub fn main() -> ExitCode {
    if let Err(message) = check_display() {
        eprintln!("keel-app: {message}");
        return ExitCode::from(2);
    }
    work_around_webkit_dmabuf();
    let database_path = match database_path_from(std::env::args_os().skip(1)) {
        Ok(path) => path,
        Err(message) => {
            eprintln!("keel-app: {message}");
            return ExitCode::from(2);
        }
    };
    match build(tauri::Builder::default(), database_path) {
        Ok(app) => {
            app.run(|_, _| {});
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("keel-app: cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The database to open: `--db PATH` when given, else `$KEEL_DB`, else the default location
/// shared with the `keel` CLI.
pub fn database_path_from(mut args: impl Iterator<Item = OsString>) -> Result<PathBuf, String> {
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from).ok_or_else(|| "--db needs a file path".to_owned());
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Ok(PathBuf::from(path));
        }
    }
    keel_store::default_database_path().map_err(|e| e.to_string())
}

/// GTK aborts with an obscure panic when there is no display; say so plainly instead.
fn check_display() -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        Ok(())
    } else {
        Err("no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Keel is a desktop app: \
             run it in a graphical session, or without a screen under a virtual one: \
             xvfb-run -a target/debug/keel-app"
            .to_owned())
    }
}

/// WebKitGTK's DMA-BUF renderer shows a blank window on many Linux GPU/driver combinations;
/// turn it off unless the user decided otherwise.
fn work_around_webkit_dmabuf() {
    const VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
    if cfg!(target_os = "linux") && std::env::var_os(VAR).is_none() {
        // Called first thing in main, before any thread exists.
        std::env::set_var(VAR, "1");
    }
}
