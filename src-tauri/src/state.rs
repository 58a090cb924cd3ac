//! The app's state: the database behind the window (the user's own or the demo's), why it could
//! not be opened if so, and how file dialogs are answered.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use keel_store::Store;
use serde::Serialize;

use crate::{ErrorCode, IpcError};

/// The database behind the window. A failure to open is kept, not fatal: the window shows it
/// and the user's file is left untouched. The user's database is fixed at start; the demo opens
/// in its own file beside it, so the two never mix.
#[derive(Debug)]
pub struct Database {
    user_path: PathBuf,
    open: Mutex<Opened>,
}

#[derive(Debug)]
struct Opened {
    path: PathBuf,
    demo: bool,
    store: Result<Store, IpcError>,
}

/// What the window shows about the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseStatus {
    /// The database file in use.
    pub path: String,
    /// Whether it is the demo's database rather than the user's own.
    pub demo: bool,
    /// Why the database could not be opened; `null` when it is ready.
    pub problem: Option<IpcError>,
}

impl Database {
    /// Opens the user's database and, at most once a day, adds a rolling backup next to it (the
    /// newest seven are kept). A failed backup is reported but does not stop the app.
    pub fn open(path: PathBuf) -> Database {
        let store = open_with_backup(&path);
        Database { user_path: path.clone(), open: Mutex::new(Opened { path, demo: false, store }) }
    }

    /// The demo's database: beside the user's, never the user's.
    pub fn demo_path(&self) -> PathBuf {
        keel_usecases::database::demo_path(&self.user_path)
    }

    pub fn status(&self) -> Result<DatabaseStatus, IpcError> {
        let guard = self.lock()?;
        Ok(DatabaseStatus {
            path: guard.path.display().to_string(),
            demo: guard.demo,
            problem: guard.store.as_ref().err().cloned(),
        })
    }

    /// Switches to the demo database, installing the demo organisation when it is not there.
    pub fn open_demo(&self, actor: &str) -> Result<DatabaseStatus, IpcError> {
        let path = self.demo_path();
        let (store, _) = keel_usecases::database::open_demo(&path, actor)?;
        *self.lock()? = Opened { path, demo: true, store: Ok(store) };
        self.status()
    }

    /// Switches back to the user's own database.
    pub fn open_own(&self) -> Result<DatabaseStatus, IpcError> {
        let store = keel_usecases::database::open(&self.user_path).map_err(IpcError::from);
        *self.lock()? = Opened { path: self.user_path.clone(), demo: false, store };
        self.status()
    }

    /// Runs `f` with the open store; one caller at a time.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let mut guard = self.lock()?;
        match guard.store.as_mut() {
            Ok(store) => f(store),
            Err(problem) => Err(problem.clone()),
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Opened>, IpcError> {
        self.open
            .lock()
            .map_err(|_| IpcError::new(ErrorCode::Internal, "An earlier operation failed midway; restart Keel"))
    }
}

fn open_with_backup(path: &Path) -> Result<Store, IpcError> {
    let store = keel_usecases::database::open(path)?;
    if let Err(e) = keel_usecases::backups::daily(&store) {
        eprintln!("keel-app: could not make today's backup: {e}");
    }
    Ok(store)
}

/// How file dialogs are answered: by the user in the system's dialog, or — for scripted runs
/// such as the end-to-end tests, which cannot reach a native dialog — from a folder given on
/// the command line. Either way the path comes from Rust, never from the web view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChooser {
    Native,
    /// Saves go to `DIR/<suggested name>`; an open dialog picks the path written in
    /// `DIR/open-next.txt` (and nothing when that file is missing).
    Scripted(PathBuf),
}

impl FileChooser {
    /// The file the scripted chooser reads the next "open" answer from.
    pub const OPEN_NEXT: &'static str = "open-next.txt";
}
