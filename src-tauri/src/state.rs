//! The app's state: the database behind the window (the user's own or the demo's), why it could
//! not be opened if so, and how file dialogs are answered.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use keel_store::Store;
use serde::Serialize;

use crate::{ErrorCode, IpcError};

/// How old the newest rolling backup may be before the app makes a new one on start.
const DAILY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

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
    /// When the user's database is damaged: the newest sound rolling backup, which the window
    /// offers to restore right there; `null` otherwise.
    pub newest_backup: Option<crate::upkeep::BackupView>,
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
        self.user_path.with_file_name(keel_store::DEMO_DATABASE_FILE_NAME)
    }

    pub fn status(&self) -> Result<DatabaseStatus, IpcError> {
        let guard = self.lock()?;
        let problem = guard.store.as_ref().err().cloned();
        // Only a damaged file is worth replacing; another program's file, or one from a newer
        // Keel, is left for the user to move aside.
        let damaged = problem.as_ref().is_some_and(|p| p.code == ErrorCode::DatabaseDamaged);
        let newest_backup = if damaged && !guard.demo {
            keel_store::newest_sound_backup(&self.user_path).map(Into::into)
        } else {
            None
        };
        Ok(DatabaseStatus { path: guard.path.display().to_string(), demo: guard.demo, problem, newest_backup })
    }

    /// Switches to the demo database, installing the demo organisation when it is not there.
    pub fn open_demo(&self, actor: &str) -> Result<DatabaseStatus, IpcError> {
        let path = self.demo_path();
        let mut store = Store::open(&path)?;
        store.install_demo(actor)?;
        *self.lock()? = Opened { path, demo: true, store: Ok(store) };
        self.status()
    }

    /// Switches back to the user's own database.
    pub fn open_own(&self) -> Result<DatabaseStatus, IpcError> {
        let store = Store::open(&self.user_path).map_err(IpcError::from);
        *self.lock()? = Opened { path: self.user_path.clone(), demo: false, store };
        self.status()
    }

    /// The user's own database file (whichever database is open now).
    pub fn user_path(&self) -> &Path {
        &self.user_path
    }

    /// Replaces the user's database with the backup `from` and opens it (switching back from the
    /// demo). The open connection is closed first, under the lock, so nothing writes while the
    /// file is replaced; if the restore fails the database is opened again as it was.
    pub fn restore(&self, from: &Path, actor: &str) -> Result<DatabaseStatus, IpcError> {
        {
            let mut guard = self.lock()?;
            let closed = IpcError::new(ErrorCode::DatabaseUnavailable, "The database is being restored");
            *guard = Opened { path: self.user_path.clone(), demo: false, store: Err(closed) };
            match crate::upkeep::restore_file(&self.user_path, from, actor) {
                Ok(store) => guard.store = Ok(store),
                Err(e) => {
                    guard.store = Store::open(&self.user_path).map_err(IpcError::from);
                    return Err(e);
                }
            }
        }
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
    let store = Store::open(path).map_err(IpcError::from)?;
    if let Err(e) = store.daily_backup(DAILY) {
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

#[cfg(test)]
mod tests {
    use std::io::{Seek, SeekFrom, Write};

    use super::*;

    #[test]
    fn only_a_damaged_database_is_offered_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keel.sqlite3");
        {
            let mut store = Store::open(&path).expect("open");
            for i in 0..300 {
                let name = keel_core::OrganisationName::parse(&format!("Organisation {i:03} with a long enough name"))
                    .expect("name");
                let new = keel_core::NewOrganisation { name, sector: keel_core::Sector::Commercial, sites: vec![] };
                store.add_organisation(&new).expect("add");
            }
            store.rolling_backup("daily").expect("backup");
        }
        let healthy = Database::open(path.clone()).status().expect("status");
        assert_eq!((healthy.problem, healthy.newest_backup), (None, None));

        let mut file = std::fs::OpenOptions::new().write(true).open(&path).expect("open for damage");
        file.seek(SeekFrom::Start(2 * 4096)).expect("seek");
        file.write_all(&[0xA5; 3 * 4096]).expect("damage");
        drop(file);
        let damaged = Database::open(path.clone()).status().expect("status");
        assert_eq!(damaged.problem.map(|p| p.code), Some(ErrorCode::DatabaseDamaged));
        let offered = damaged.newest_backup.expect("a backup is offered");
        assert_eq!(offered.organisations, Some(300));

        // A file of another kind at the same place is left alone: no offer to replace it.
        std::fs::write(&path, "minutes of the management review").expect("write");
        let foreign = Database::open(path).status().expect("status");
        assert_eq!(foreign.problem.map(|p| p.code), Some(ErrorCode::DatabaseUnavailable));
        assert_eq!(foreign.newest_backup, None);
    }
}
