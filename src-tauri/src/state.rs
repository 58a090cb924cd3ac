//! The app's state: the database it was started on, or why it could not be opened.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use keel_store::Store;
use serde::Serialize;

use crate::{ErrorCode, IpcError};

/// How old the newest rolling backup may be before the app makes a new one on start.
const DAILY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// The database behind the window. A failure to open is kept, not fatal: the window shows it
/// and the user's file is left untouched.
#[derive(Debug)]
pub struct Database {
    path: PathBuf,
    store: Mutex<Result<Store, IpcError>>,
}

/// What the window shows about the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseStatus {
    /// The database file in use.
    pub path: String,
    /// Why the database could not be opened; `null` when it is ready.
    pub problem: Option<IpcError>,
}

impl Database {
    /// Opens the database and, at most once a day, adds a rolling backup next to it (the
    /// newest seven are kept). A failed backup is reported but does not stop the app.
    pub fn open(path: PathBuf) -> Database {
        let store = Store::open(&path).map_err(IpcError::from);
        if let Ok(store) = &store {
            if let Err(e) = store.daily_backup(DAILY) {
                eprintln!("keel-app: could not make today's backup: {e}");
            }
        }
        Database { path, store: Mutex::new(store) }
    }

    pub fn status(&self) -> DatabaseStatus {
        DatabaseStatus { path: self.path.display().to_string(), problem: self.lock().err() }
    }

    /// Runs `f` with the open store; one caller at a time.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let mut guard = self.lock_guard()?;
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(problem) => Err(problem.clone()),
        }
    }

    fn lock(&self) -> Result<(), IpcError> {
        self.lock_guard()?.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    fn lock_guard(&self) -> Result<MutexGuard<'_, Result<Store, IpcError>>, IpcError> {
        self.store
            .lock()
            .map_err(|_| IpcError::new(ErrorCode::Internal, "An earlier operation failed midway; restart Keel"))
    }
}
