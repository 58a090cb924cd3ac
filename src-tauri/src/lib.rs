//! Keel's desktop shell: the only crate that knows Tauri.
//!
//! Commands are adapters: they take the state, call one use case of `keel_usecases`, and turn
//! its typed error into the one serialisable [`IpcError`]. [`build`] is generic over the runtime so tests can
//! run the real command wiring and capabilities on `tauri::test::mock_builder()`.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod state;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

pub use error::{ErrorCode, IpcError};
pub use state::{Database, DatabaseStatus, FileChooser};

/// What the app starts with: its database and how file dialogs are answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    pub database: PathBuf,
    pub files: FileChooser,
}

impl Launch {
    /// The database at `database`, with the system's file dialogs.
    pub fn new(database: PathBuf) -> Launch {
        Launch { database, files: FileChooser::Native }
    }
}

/// A command line the app cannot start with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LaunchError {
    #[error("{0} needs a path")]
    MissingValue(&'static str),
    #[error(transparent)]
    DefaultDatabase(#[from] StoreErrorText),
}

/// The default database location could not be worked out (the store's message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StoreErrorText(String);

/// Builds the app (the database is opened here; a failure is kept and shown in the window
/// instead of stopping the app).
pub fn build<R: tauri::Runtime>(builder: tauri::Builder<R>, launch: Launch) -> tauri::Result<tauri::App<R>> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(Database::open(launch.database))
        .manage(launch.files)
        .manage(commands::ImportedFrameworks::default())
        .manage(commands::ChosenBackup::default())
        // Every `#[tauri::command]` in commands.rs, listed by build.rs: one place to add one.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
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
    let launch = match launch_from(std::env::args_os().skip(1)) {
        Ok(launch) => launch,
        Err(e) => {
            eprintln!("keel-app: {e}");
            return ExitCode::from(2);
        }
    };
    match build(tauri::Builder::default(), launch) {
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

/// The launch from the command line: `--db PATH` (else `$KEEL_DB`, else the default location
/// shared with the `keel` CLI) and, for scripted runs such as the end-to-end tests,
/// `--scripted-dialogs DIR` (see [`FileChooser::Scripted`]).
pub fn launch_from(mut args: impl Iterator<Item = OsString>) -> Result<Launch, LaunchError> {
    let mut database = None;
    let mut files = FileChooser::Native;
    while let Some(arg) = args.next() {
        let text = arg.to_str().unwrap_or_default();
        for (flag, inline) in
            [("--db", text.strip_prefix("--db=")), ("--scripted-dialogs", text.strip_prefix("--scripted-dialogs="))]
        {
            let value = match inline {
                Some(v) => Some(OsString::from(v)),
                None if arg == flag => args.next(),
                None => continue,
            };
            let path = value.filter(|p| !p.is_empty()).map(PathBuf::from).ok_or(LaunchError::MissingValue(flag))?;
            if flag == "--db" {
                database = Some(path);
            } else {
                files = FileChooser::Scripted(path);
            }
        }
    }
    let database = match database {
        Some(path) => path,
        None => keel_store::default_database_path().map_err(|e| StoreErrorText(e.to_string()))?,
    };
    Ok(Launch { database, files })
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
/// (Accelerated compositing stays on: turning it off too made the first screen ~50 ms slower
/// and saved no memory, measured under Xvfb for issue 17.)
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
    fn launch_argument_forms() {
        let db = |list: &[&str]| launch_from(args(list)).map(|l| l.database);
        assert_eq!(db(&["--db", "/x/k.sqlite3"]), Ok(PathBuf::from("/x/k.sqlite3")));
        assert_eq!(db(&["--db=/y.sqlite3"]), Ok(PathBuf::from("/y.sqlite3")));
        assert_eq!(db(&["--db"]), Err(LaunchError::MissingValue("--db")));
        assert_eq!(db(&["--db="]), Err(LaunchError::MissingValue("--db")));
        let launch = launch_from(args(&["--scripted-dialogs", "/tmp/answers", "--db", "/k.sqlite3"])).expect("both");
        assert_eq!(launch.files, FileChooser::Scripted(PathBuf::from("/tmp/answers")));
        assert_eq!(launch.database, PathBuf::from("/k.sqlite3"));
        assert_eq!(
            launch_from(args(&["--db=/k", "--scripted-dialogs"])),
            Err(LaunchError::MissingValue("--scripted-dialogs"))
        );
        assert_eq!(launch_from(args(&["--db=/k"])).map(|l| l.files), Ok(FileChooser::Native));
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
