//! The app's state: the database behind the window (the user's own or the demo's), why it could
//! not be opened if so, and how file dialogs are answered.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

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
    first_screen: Arc<FirstScreen>,
}

/// Whether the window has had the data of its first screen. The check a start owes (after an
/// unclean shutdown, and with the day's backup) reads the whole file; run beside WebKit's first
/// paint on a machine with few cores it held a 10,000-assessment database's first screen (issue
/// 17). It waits for the first screen, then [`FirstScreen::PAINT`] for the window to draw it,
/// or [`FirstScreen::AT_MOST`] when no window asks. It checks and copies a snapshot taken at
/// start, so edits made meanwhile are neither in the day's backup nor held up by it.
#[derive(Debug, Default)]
struct FirstScreen {
    served: Mutex<bool>,
    signal: Condvar,
}

impl FirstScreen {
    const PAINT: Duration = Duration::from_millis(1000);
    const AT_MOST: Duration = Duration::from_secs(3);

    fn serve(&self) {
        if let Ok(mut served) = self.served.lock() {
            *served = true;
            self.signal.notify_all();
        }
    }

    /// Blocks until the first screen was served and had time to paint, or `AT_MOST` passed.
    fn wait(&self) {
        let Ok(served) = self.served.lock() else { return };
        match self.signal.wait_timeout_while(served, Self::AT_MOST, |served| !*served) {
            Ok((_, timeout)) if !timeout.timed_out() => std::thread::sleep(Self::PAINT),
            _ => {}
        }
    }
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
    /// Opens the user's database (cheap: no whole-file check) and, when the start owes one,
    /// the check and backup ([`keel_usecases::backups::StartCheck`]): the full check after an
    /// unclean shutdown, and at most once a day the check and a rolling backup next to it (the
    /// newest seven are kept). It runs on a background thread once the first screen is drawn,
    /// on a snapshot of the database as it was at start. A failure is kept for the window
    /// ([`DatabaseStatus::daily_check_problem`]), not fatal.
    pub fn open(path: PathBuf) -> Database {
        let opened = keel_usecases::database::open_deferring_check(&path).map_err(IpcError::from);
        let first_screen = Arc::new(FirstScreen::default());
        let (daily, due) = match &opened {
            Err(_) => (DailyCheck::Done(None), None),
            Ok(store) => match keel_usecases::backups::StartCheck::due(store) {
                Ok(None) => (DailyCheck::Done(None), None),
                Ok(Some(check)) => (DailyCheck::Running, Some(check)),
                Err(e) => (DailyCheck::Done(Some(daily_problem(e.into()))), None),
            },
        };
        let daily = Arc::new(Mutex::new(daily));
        if let Some(check) = due {
            spawn_daily_check(check, Arc::clone(&daily), Arc::clone(&first_screen));
        }
        Database {
            user_path: path.clone(),
            open: Mutex::new(Opened { path, demo: false, store: opened }),
            daily,
            first_screen,
        }
    }

    /// The window has the data of its first screen: the check a start owes may begin once it
    /// is drawn.
    pub fn first_screen_served(&self) {
        self.first_screen.serve();
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

/// What the day's check found, as the window says it.
fn daily_problem(e: IpcError) -> IpcError {
    IpcError::new(e.code, format!("Today's check and backup failed: {}", e.message))
}

/// Runs the check a start owes on its own thread and connection, once the first screen is drawn.
fn spawn_daily_check(
    check: keel_usecases::backups::StartCheck,
    state: Arc<Mutex<DailyCheck>>,
    first_screen: Arc<FirstScreen>,
) {
    let spawned = std::thread::Builder::new().name("keel-daily-check".into()).spawn({
        let state = Arc::clone(&state);
        move || {
            first_screen.wait();
            let problem = check.run().err().map(|e| daily_problem(e.into()));
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
        // Yesterday's: today's start owes the check and backup.
        age(&backup);
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
        database.first_screen_served();
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

    /// Makes `file` two days old: a start after it owes the day's backup.
    fn age(file: &Path) {
        let two_days = std::time::SystemTime::now() - Duration::from_secs(2 * 24 * 60 * 60);
        std::fs::File::options().write(true).open(file).and_then(|f| f.set_modified(two_days)).expect("age");
    }

    fn add(store: &mut Store, name: &str) {
        let name = OrganisationName::parse(name).expect("name");
        store.add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] }).expect("add");
    }

    fn organisations_in(file: &Path) -> usize {
        Store::open(file).expect("open").organisations().expect("list").len()
    }

    #[test]
    fn a_clean_start_with_a_backup_from_today_owes_no_check() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keel.sqlite3");
        {
            let mut store = Store::open(&path).expect("open");
            add(&mut store, "Harbour Foods Ltd");
            store.rolling_backup("daily").expect("backup");
        }
        let database = Database::open(path.clone());
        let status = database.status().expect("status");
        assert!(!status.daily_check_running, "nothing runs: {status:?}");
        assert_eq!(status.daily_check_problem, None);
        assert_eq!(keel_store::list_backups(&path).len(), 1, "no second backup today");
    }

    #[test]
    fn the_days_backup_waits_for_the_first_screen_and_holds_the_database_as_it_was_at_start() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keel.sqlite3");
        {
            let mut store = Store::open(&path).expect("open");
            add(&mut store, "Harbour Foods Ltd");
        }
        // No backup yet: this start owes the check and the day's backup.
        let database = Database::open(path.clone());
        assert!(database.status().expect("status").daily_check_running);
        // The user is quicker than the check: a write before the first screen is even drawn.
        let written_at = chrono::Utc::now().format("keel-%Y%m%dT%H%M%S%.3fZ").to_string();
        database
            .with(|s| {
                add(s, "Quayside Dairy Ltd");
                Ok(())
            })
            .expect("write while the check waits");
        std::thread::sleep(FirstScreen::AT_MOST / 3);
        assert!(keel_store::list_backups(&path).is_empty(), "backed up before the first screen");
        database.first_screen_served();
        let status = settled(&database);
        assert_eq!(status.daily_check_problem, None);
        let backups = keel_store::list_backups(&path);
        assert_eq!(backups.len(), 1, "the day's backup once the first screen is drawn");
        assert_eq!(organisations_in(&backups[0]), 1, "the backup is the database as it was at start");
        // Named by the moment its content is from: before the write it does not hold.
        let name = backups[0].file_name().and_then(|n| n.to_str()).expect("name").to_owned();
        let stamp = &name[..written_at.len()];
        assert!(stamp <= written_at.as_str(), "{name} is named after the write at {written_at}");
        assert_eq!(database.with(|s| Ok(s.organisations()?.len())).expect("list"), 2, "the write is kept");
    }

    #[test]
    fn an_unclean_shutdown_owes_the_whole_check_even_with_a_backup_from_today() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keel.sqlite3");
        let crashed = dir.path().join("crashed");
        std::fs::create_dir(&crashed).expect("folder");
        let copy = crashed.join("keel.sqlite3");
        {
            let mut store = Store::open(&path).expect("open");
            add(&mut store, "Harbour Foods Ltd");
            let backup = store.rolling_backup("daily").expect("backup");
            let kept = keel_store::backups_dir(&copy);
            std::fs::create_dir_all(&kept).expect("backups folder");
            std::fs::copy(&backup, kept.join(backup.file_name().expect("name"))).expect("copy backup");
            add(&mut store, "Quayside Dairy Ltd");
            // The files as a machine losing power would leave them: the last write only in the WAL.
            std::fs::copy(&path, &copy).expect("copy");
            let wal = |db: &Path| PathBuf::from(format!("{}-wal", db.display()));
            std::fs::copy(wal(&path), wal(&copy)).expect("copy wal");
        }
        let database = Database::open(copy.clone());
        assert!(database.status().expect("status").daily_check_running, "the check is owed");
        database.first_screen_served();
        let status = settled(&database);
        assert_eq!(status.daily_check_problem, None);
        assert_eq!(keel_store::list_backups(&copy).len(), 1, "checked, and no second backup today");
        assert_eq!(database.with(|s| Ok(s.organisations()?.len())).expect("list"), 2);
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
            age(&store.rolling_backup("daily").expect("backup"));
        }
        let healthy = settled(&Database::open(path.clone()));
        assert_eq!(healthy.daily_check_problem, None);
        // Made a backup today: the next start owes no check.
        for backup in keel_store::list_backups(&path) {
            age(&backup);
        }
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
