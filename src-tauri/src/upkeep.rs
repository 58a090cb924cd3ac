//! The whole job in the window: backups and restore, importing an exchange file, merging
//! assessors' own files, and managing organisations and assessments. Plain functions of the
//! state and already-chosen paths, so each command is one call (file dialogs stay in
//! `commands.rs`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use keel_core::exchange::ExchangeFile;
use keel_core::{Organisation, OrganisationName, Sector};
use keel_store::{BackupSummary, MergedAssessor, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::views::AssessmentItem;
use crate::{Database, ErrorCode, IpcError};

/// Largest exchange file the window reads (the same limit as the `keel` command).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// One backup as the Backups screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// The file name; a rolling backup is restored by this name.
    pub name: String,
    pub path: String,
    /// When it was made (UTC, RFC 3339), when known.
    pub made_at: Option<String>,
    /// Why it was made: "daily", "before-restore", "before-migration-v2", "manual"…
    pub reason: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number | null")]
    pub organisations: Option<i64>,
    #[ts(type = "number | null")]
    pub assessments: Option<i64>,
    #[ts(type = "number | null")]
    pub final_assessments: Option<i64>,
    /// Why it cannot be restored; `null` when it is a sound Keel database.
    pub problem: Option<String>,
}

impl From<BackupSummary> for BackupView {
    fn from(b: BackupSummary) -> BackupView {
        let contents = b.contents.as_ref().ok();
        BackupView {
            name: b.name.clone(),
            path: b.path.display().to_string(),
            made_at: b.made_at.map(|t| t.to_rfc3339()),
            reason: b.reason.clone(),
            bytes: b.bytes,
            organisations: contents.map(|c| c.organisations),
            assessments: contents.map(|c| c.assessments),
            final_assessments: contents.map(|c| c.final_assessments),
            problem: b.contents.as_ref().err().map(|e| crate::error::capitalise(e)),
        }
    }
}

/// The Backups screen: the database they belong to, where they are, and the rolling backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupsView {
    pub database: String,
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupView>,
}

/// What merging one assessor from one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergedView {
    /// The file's name.
    pub file: String,
    pub key: String,
    pub name: String,
    /// The assessor was not on the assessment before.
    pub new: bool,
    #[ts(type = "number")]
    pub added: usize,
    #[ts(type = "number")]
    pub changed: usize,
    #[ts(type = "number")]
    pub unchanged: usize,
    #[ts(type = "number")]
    pub notes_added: usize,
}

impl From<MergedAssessor> for MergedView {
    fn from(m: MergedAssessor) -> MergedView {
        MergedView {
            file: Path::new(&m.origin).file_name().map_or(m.origin.clone(), |n| n.to_string_lossy().into_owned()),
            key: m.key,
            name: m.name,
            new: m.new,
            added: m.added,
            changed: m.changed,
            unchanged: m.unchanged,
            notes_added: m.notes_added,
        }
    }
}

/// A backup file picked in the open dialog, kept here until the user confirms the restore, so
/// the path never comes from the web view.
#[derive(Debug, Default)]
pub struct ChosenBackup(pub Mutex<Option<PathBuf>>);

/// Who the audit log records for changes made in the window.
pub fn actor() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .map_or_else(|| "keel app".to_owned(), |u| format!("{u} (keel app)"))
}

/// The rolling backups of the user's database.
pub fn backups(db: &Database) -> BackupsView {
    let database = db.user_path();
    BackupsView {
        database: database.display().to_string(),
        folder: keel_store::backups_dir(database).display().to_string(),
        backups: keel_store::backup_summaries(database).into_iter().map(BackupView::from).collect(),
    }
}

/// Writes a consistent copy of the open database to `to` (chosen in the save dialog).
pub fn back_up(db: &Database, to: &Path) -> Result<BackupView, IpcError> {
    db.with(|store| Ok(store.backup_to(to)?))?;
    Ok(keel_store::describe_backup(to).into())
}

/// Describes a backup file picked in the open dialog and keeps it for [`restore`].
pub fn choose_backup(chosen: &ChosenBackup, file: &Path) -> Result<BackupView, IpcError> {
    let summary = keel_store::describe_backup(file);
    *lock(&chosen.0)? = summary.is_good().then(|| file.to_path_buf());
    let view = BackupView::from(summary);
    match &view.problem {
        Some(problem) => Err(IpcError::new(ErrorCode::InvalidInput, format!("{problem}. Nothing was restored."))),
        None => Ok(view),
    }
}

/// Replaces the user's database with a rolling backup (by its file name) or, with `None`, the
/// file picked by [`choose_backup`]; the replaced file is kept among the rolling backups and
/// the restore is recorded in the restored database's audit log.
pub fn restore(db: &Database, chosen: &ChosenBackup, name: Option<&str>) -> Result<crate::DatabaseStatus, IpcError> {
    let from = match name {
        Some(name) => rolling_backup(db.user_path(), name)?,
        None => lock(&chosen.0)?.take().ok_or_else(|| {
            IpcError::new(ErrorCode::InvalidInput, "Choose the backup file again; nothing was restored")
        })?,
    };
    db.restore(&from, &actor())
}

/// The rolling backup called `name`: a plain file name of one listed backup, never a path.
fn rolling_backup(database: &Path, name: &str) -> Result<PathBuf, IpcError> {
    keel_store::list_backups(database)
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == name))
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, format!("There is no backup called {name:?}")))
}

/// Imports one exchange file into the open database, all or nothing, with the same checks and
/// messages as `keel import`.
pub fn import(db: &Database, file: &Path) -> Result<AssessmentItem, IpcError> {
    let origin = file.display().to_string();
    let (parsed, framework) = ExchangeFile::parse(&read_text(file)?, &origin)?;
    db.with(|store| {
        let id = store.import_assessment(&parsed, &framework, &actor())?;
        Ok(store.assessment(id)?.into())
    })
}

/// Merges assessors' own exchange files into assessment `into`: every file is read and checked
/// first, and all are merged in one transaction or none is (as `keel merge`).
pub fn merge(db: &Database, into: i64, files: &[PathBuf]) -> Result<Vec<MergedView>, IpcError> {
    let mut parsed = Vec::new();
    for path in files {
        let origin = path.display().to_string();
        let (file, _) = ExchangeFile::parse(&read_text(path)?, &origin)?;
        parsed.push((origin, file));
    }
    let named: Vec<(&str, &ExchangeFile)> = parsed.iter().map(|(o, f)| (o.as_str(), f)).collect();
    db.with(|store| Ok(store.merge_assessors(into, &named, &actor())?.into_iter().map(MergedView::from).collect()))
}

pub fn rename_organisation(db: &Database, id: i64, name: &str) -> Result<Organisation, IpcError> {
    let name = OrganisationName::parse(name)?;
    db.with(|store| Ok(store.rename_organisation(id, &name, &actor())?))
}

pub fn set_organisation_sector(db: &Database, id: i64, sector: Sector) -> Result<Organisation, IpcError> {
    db.with(|store| Ok(store.set_organisation_sector(id, sector, &actor())?))
}

/// Replaces an organisation's sites with the non-empty lines of `sites`.
pub fn set_organisation_sites(db: &Database, id: i64, sites: &[String]) -> Result<Organisation, IpcError> {
    let sites = sites
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| OrganisationName::parse_site(s))
        .collect::<Result<Vec<_>, _>>()?;
    db.with(|store| Ok(store.set_organisation_sites(id, &sites, &actor())?))
}

pub fn delete_organisation(db: &Database, id: i64) -> Result<(), IpcError> {
    db.with(|store| Ok(store.delete_organisation(id, &actor())?))
}

pub fn delete_assessment(db: &Database, id: i64) -> Result<AssessmentItem, IpcError> {
    db.with(|store| Ok(store.delete_assessment(id, &actor())?.into()))
}

/// Reads a UTF-8 text file of at most [`MAX_INPUT_BYTES`], with the `keel` command's messages.
fn read_text(path: &Path) -> Result<String, IpcError> {
    let invalid = |message: String| IpcError::new(ErrorCode::InvalidInput, message);
    let file = std::fs::File::open(path).map_err(|e| invalid(format!("Cannot read {}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| invalid(format!("Cannot read {}: {e}", path.display())))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(invalid(format!(
            "{} is larger than {MAX_INPUT_BYTES} bytes; Keel does not read files that big",
            path.display()
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        invalid(format!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Restores `from` over the store's file (the store must be closed: see [`Database::restore`]).
pub(crate) fn restore_file(database: &Path, from: &Path, actor: &str) -> Result<Store, IpcError> {
    keel_store::restore(database, from)?;
    let mut store = Store::open(database)?;
    store.record_restore(from, actor)?;
    Ok(store)
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, IpcError> {
    m.lock().map_err(|_| IpcError::new(ErrorCode::Internal, "An earlier operation failed midway; restart Keel"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rolling_backup_is_named_never_pathed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let database = dir.path().join("keel.sqlite3");
        let made = Store::open(&database).and_then(|s| s.rolling_backup("daily")).expect("backup");
        let name = made.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(rolling_backup(&database, name).expect("listed"), made);
        // Anything else, including a path that leads to the same file, is refused.
        for bad in [made.display().to_string(), format!("../backups/{name}"), "keel.sqlite3".to_owned(), String::new()]
        {
            let err = rolling_backup(&database, &bad).expect_err("not a listed name");
            assert_eq!(err.code, ErrorCode::NotFound, "{bad}");
        }
    }
}
