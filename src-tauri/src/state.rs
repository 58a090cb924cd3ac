//! The app's state: the database behind the window (the user's own or the demo's), why it could
//! not be opened if so, and how file dialogs are answered.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

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
    daily: Arc<Mutex<DailyCheck>>,
}

/// The daily check and backup, which runs on its own thread and connection so it never holds
/// the window.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DailyCheck {
    Running,
    Done(Option<IpcError>),
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
    /// Whether the daily check and backup (full integrity check, seals, audit chain, then a
    /// rolling backup) is still running in the background.
    pub daily_check_running: bool,
    /// What the daily check or backup found wrong, with the newest good backup when there is
    /// one; `null` when all is well (or it is still running).
    pub daily_check_problem: Option<IpcError>,
    /// When the user's database is damaged: the newest sound rolling backup, which the window
    /// offers to restore right there; `null` otherwise.
    pub newest_backup: Option<keel_usecases::upkeep::BackupView>,
}

impl Database {
    /// Opens the user's database (cheap: no whole-file check) and starts the daily check and
    /// backup on a background thread: the full integrity check, seals and audit chain, then, at
    /// most once a day, a rolling backup next to it (the newest seven are kept). A failure is
    /// kept for the window ([`DatabaseStatus::daily_check_problem`]), not fatal.
    pub fn open(path: PathBuf) -> Database {
        let opened = keel_usecases::database::open_deferring_check(&path).map_err(IpcError::from);
        let daily = Arc::new(Mutex::new(DailyCheck::Done(None)));
        if opened.is_ok() {
            if let Ok(mut state) = daily.lock() {
                *state = DailyCheck::Running;
            }
            spawn_daily_check(path.clone(), Arc::clone(&daily));
        }
        Database { user_path: path.clone(), open: Mutex::new(Opened { path, demo: false, store: opened }), daily }
    }

    /// The demo's database: beside the user's, never the user's.
    pub fn demo_path(&self) -> PathBuf {
        keel_usecases::database::demo_path(&self.user_path)
    }

    pub fn status(&self) -> Result<DatabaseStatus, IpcError> {
        let guard = self.lock()?;
        let daily = self.daily.lock().map(|d| d.clone()).unwrap_or(DailyCheck::Done(None));
        let problem = guard.store.as_ref().err().cloned();
        let daily_check_problem = match &daily {
            DailyCheck::Done(problem) => problem.clone(),
            DailyCheck::Running => None,
        };
        // Only a damaged file is worth replacing (found on opening, or by the daily check);
        // another program's file, or one from a newer Keel, is left for the user to move aside.
        let damaged =
            [&problem, &daily_check_problem].into_iter().flatten().any(|p| p.code == ErrorCode::DatabaseDamaged);
        let newest_backup =
            if damaged && !guard.demo { keel_usecases::upkeep::newest_sound_backup(&self.user_path) } else { None };
        Ok(DatabaseStatus {
            path: guard.path.display().to_string(),
            demo: guard.demo,
            problem,
            daily_check_running: daily == DailyCheck::Running,
            daily_check_problem,
            newest_backup,
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
            match keel_usecases::upkeep::restore_and_record(&self.user_path, from, actor) {
                Ok((restored, _)) => {
                    guard.store = Ok(restored);
                    // The restore checked the backup it came from: what the day's check found
                    // about the replaced content no longer holds.
                    if let Ok(mut daily) = self.daily.lock() {
                        *daily = DailyCheck::Done(None);
                    }
                }
                Err(e) => {
                    guard.store = keel_usecases::database::open(&self.user_path).map_err(IpcError::from);
                    return Err(e.into());
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

/// Runs the daily check and backup on its own thread and connection.
fn spawn_daily_check(path: PathBuf, state: Arc<Mutex<DailyCheck>>) {
    let spawned = std::thread::Builder::new().name("keel-daily-check".into()).spawn({
        let state = Arc::clone(&state);
        move || {
            let problem = keel_usecases::backups::daily_check(&path).err().map(|e| {
                let e = IpcError::from(e);
                IpcError::new(e.code, format!("Today's check and backup failed: {}", e.message))
            });
            if let Ok(mut s) = state.lock() {
                *s = DailyCheck::Done(problem);
            }
        }
    });
    if let Err(e) = spawned {
        if let Ok(mut s) = state.lock() {
            *s = DailyCheck::Done(Some(IpcError::new(
                ErrorCode::Internal,
                format!("Today's check and backup could not start: {e}"),
            )));
        }
    }
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
    use keel_core::{NewOrganisation, OrganisationName, Sector};

    #[test]
    fn a_failed_daily_check_is_reported_to_the_window_which_opens_regardless() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("keel.sqlite3");
        let backup = {
            let mut store = Store::open(&db).expect("open");
            for i in 0..30 {
                let name = OrganisationName::parse(&format!("Organisation {i:02}")).expect("name");
                store
                    .add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] })
                    .expect("add");
            }
            store.rolling_backup("good").expect("backup")
        };
        // One letter of the audit log changed on disk, at each place the text is stored.
        let mut bytes = std::fs::read(&db).expect("read");
        let places: Vec<usize> =
            bytes.windows(16).enumerate().filter(|(_, w)| *w == b"add organisation").map(|(i, _)| i).collect();
        for at in places {
            bytes[at + 2] = b'c';
        }
        std::fs::write(&db, bytes).expect("write");

        let database = Database::open(db);
        let first = database.status().expect("status");
        assert!(first.problem.is_none(), "the window opens: {first:?}");
        let started = std::time::Instant::now();
        let status = loop {
            let status = database.status().expect("status");
            if !status.daily_check_running {
                break status;
            }
            assert!(started.elapsed() < std::time::Duration::from_secs(60), "the daily check never finished");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let problem = status.daily_check_problem.expect("the failure reaches the window");
        assert!(problem.message.starts_with("Today's check and backup failed"), "{}", problem.message);
        assert!(problem.message.contains("audit entry"), "{}", problem.message);
        assert!(problem.message.contains(&backup.display().to_string()), "offers the good backup: {}", problem.message);
        // The window still works while the check runs or after it failed.
        assert_eq!(database.with(|s| Ok(s.organisations()?.len())).expect("list"), 30);
    }

    #[test]
    fn the_window_and_a_cli_batch_on_one_database_both_work() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("keel.sqlite3");
        let window = Database::open(db.clone());
        // A batch job (as `keel` would run it) on its own connection, at the same time.
        let batch = {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).expect("batch open");
                for i in 0..40 {
                    let name = OrganisationName::parse(&format!("Batch {i:02}")).expect("name");
                    store
                        .add_organisation(&NewOrganisation { name, sector: Sector::PublicSector, sites: vec![] })
                        .expect("every batch write succeeds");
                }
            })
        };
        for i in 0..40 {
            let name = OrganisationName::parse(&format!("Window {i:02}")).expect("name");
            window
                .with(|s| {
                    Ok(s.add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] })?)
                })
                .expect("every window write succeeds");
        }
        batch.join().expect("batch");
        assert_eq!(window.with(|s| Ok(s.organisations()?.len())).expect("list"), 80);
    }

    /// The status once the daily check has finished.
    fn settled(database: &Database) -> DatabaseStatus {
        let started = std::time::Instant::now();
        loop {
            let status = database.status().expect("status");
            if !status.daily_check_running {
                return status;
            }
            assert!(started.elapsed() < std::time::Duration::from_secs(60), "the daily check never finished");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

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
        // Opening does not read the whole file; the daily check finds the damage in the background.
        let damaged = settled(&Database::open(path.clone()));
        assert_eq!(damaged.daily_check_problem.map(|p| p.code), Some(ErrorCode::DatabaseDamaged));
        let offered = damaged.newest_backup.expect("a backup is offered");
        assert_eq!(offered.organisations, Some(300));

        // A file of another kind at the same place is left alone: no offer to replace it.
        std::fs::write(&path, "minutes of the management review").expect("write");
        let foreign = Database::open(path).status().expect("status");
        assert_eq!(foreign.problem.map(|p| p.code), Some(ErrorCode::DatabaseUnavailable));
        assert_eq!(foreign.newest_backup, None);
    }
}
