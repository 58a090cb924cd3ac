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
pub fn build<R: tauri::Runtime>(builder: tauri::Builder<R>, database_path: PathBuf) -> tauri::Result<tauri::App<R>> {
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
    let env = |name| std::env::var_os(name);
    if let Some(message) = missing_display(env("DISPLAY"), env("WAYLAND_DISPLAY")) {
        eprintln!("keel-app: {message}");
        return ExitCode::from(2);
    }
    if let Some(value) = dmabuf_renderer_default(env(DMABUF_VAR)) {
        // First thing in main, before any thread exists.
        std::env::set_var(DMABUF_VAR, value);
    }
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
            return args
                .next()
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .ok_or_else(|| "--db needs a file path".to_owned());
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            if path.is_empty() {
                return Err("--db needs a file path".to_owned());
            }
            return Ok(PathBuf::from(path));
        }
    }
    keel_store::default_database_path().map_err(|e| e.to_string())
}

/// GTK aborts with an obscure panic when there is no display; this says so plainly instead.
/// Returns the message to print, or `None` when a display is set (always `None` off Linux).
fn missing_display(display: Option<OsString>, wayland: Option<OsString>) -> Option<String> {
    let set = |v: &Option<OsString>| v.as_ref().is_some_and(|v| !v.is_empty());
    if !cfg!(target_os = "linux") || set(&display) || set(&wayland) {
        return None;
    }
    Some(
        "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Keel is a desktop app: \
         run it in a graphical session, or on a virtual screen with: xvfb-run -a keel-app"
            .to_owned(),
    )
}

const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// WebKitGTK's DMA-BUF renderer shows a blank window on many Linux GPU/driver combinations, so
/// Keel turns it off — unless the user has set the variable themselves, either way.
fn dmabuf_renderer_default(current: Option<OsString>) -> Option<&'static str> {
    (cfg!(target_os = "linux") && current.is_none()).then_some("1")
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> {
        list.iter().map(OsString::from).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn db_argument_forms() {
        assert_eq!(database_path_from(args(&["--db", "/x/k.sqlite3"])), Ok(PathBuf::from("/x/k.sqlite3")));
        assert_eq!(database_path_from(args(&["--db=/y.sqlite3"])), Ok(PathBuf::from("/y.sqlite3")));
        assert_eq!(database_path_from(args(&["--db"])), Err("--db needs a file path".to_owned()));
        assert_eq!(database_path_from(args(&["--db="])), Err("--db needs a file path".to_owned()));
    }

    #[test]
    fn no_display_is_explained() {
        let message = missing_display(None, Some(OsString::new())).expect("no display");
        assert!(message.contains("xvfb-run"), "{message}");
        assert_eq!(missing_display(Some(":0".into()), None), None);
        assert_eq!(missing_display(None, Some("wayland-0".into())), None);
    }

    #[test]
    fn dmabuf_renderer_is_disabled_unless_the_user_chose() {
        assert_eq!(dmabuf_renderer_default(None), Some("1"));
        assert_eq!(dmabuf_renderer_default(Some("0".into())), None);
        assert_eq!(dmabuf_renderer_default(Some("1".into())), None);
    }
}
