//! Looking after what was made: the rolling backups (listed with what they hold, made now,
//! restored and recorded), and managing organisations and assessments (rename, sector, sites,
//! delete what may be deleted). Each change is one store transaction with its audit entry.

use std::path::{Path, PathBuf};

use keel_core::{Organisation, OrganisationName, Sector};
use keel_store::{BackupSummary, MergedAssessor, Store};
use serde::Serialize;

use crate::views::AssessmentItem;
use crate::Error;

/// One backup as the Backups screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// The file name; a rolling backup is restored by this name.
    pub name: String,
    pub path: String,
    /// When it was made (UTC, RFC 3339), when known.
    pub made_at: Option<String>,
    /// Why it was made: "daily", "before-restore", "before-migration-v2", "manual"…
    pub reason: String,
    pub bytes: u64,
    pub organisations: Option<i64>,
    pub assessments: Option<i64>,
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
            problem: b.contents.as_ref().err().map(|e| keel_core::input::sentence(e)),
        }
    }
}

/// The Backups screen: the database they belong to, where they are, and the rolling backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupsView {
    pub database: String,
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupView>,
}

/// What merging one assessor from one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergedView {
    /// The file's name.
    pub file: String,
    pub key: String,
    pub name: String,
    /// The assessor was not on the assessment before.
    pub new: bool,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
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

/// The rolling backups of the database at `database`, newest first, with what each holds.
pub fn backups(database: &Path) -> BackupsView {
    BackupsView {
        database: database.display().to_string(),
        folder: keel_store::backups_dir(database).display().to_string(),
        backups: keel_store::backup_summaries(database).into_iter().map(BackupView::from).collect(),
    }
}

/// The newest rolling backup that is a sound Keel database, offered when the database is damaged.
pub fn newest_sound_backup(database: &Path) -> Option<BackupView> {
    keel_store::newest_sound_backup(database).map(Into::into)
}

/// Writes a consistent copy of the open database to `to` (chosen in a save dialog) and says
/// what it holds.
pub fn back_up(store: &Store, to: &Path) -> Result<BackupView, Error> {
    store.backup_to(to)?;
    Ok(keel_store::describe_backup(to).into())
}

/// What the backup file at `file` holds, or why it cannot be restored (nothing is changed).
pub fn describe(file: &Path) -> Result<BackupView, Error> {
    let view = BackupView::from(keel_store::describe_backup(file));
    match &view.problem {
        Some(problem) => Err(Error::Input(keel_core::InputError::one(
            &file.display().to_string(),
            "",
            format!("{problem}. Nothing was restored."),
        ))),
        None => Ok(view),
    }
}

/// The rolling backup called `name` of the database at `database`: a plain file name of one
/// listed backup, never a path.
pub fn rolling_backup(database: &Path, name: &str) -> Result<PathBuf, Error> {
    keel_store::list_backups(database)
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == name))
        .ok_or_else(|| Error::NotFound(format!("There is no backup called {name:?}")))
}

/// Restores `from` over the database at `database` and records the restore in the restored
/// database's audit log (the window and `keel restore` alike); returns the restored store and
/// where the replaced content was kept.
pub fn restore_and_record(database: &Path, from: &Path, actor: &str) -> Result<(Store, keel_store::Restored), Error> {
    let restored = keel_store::restore(database, from)?;
    let mut store = Store::open(database)?;
    store.record_restore(from, actor)?;
    Ok((store, restored))
}

pub fn rename_organisation(store: &mut Store, id: i64, name: &str, actor: &str) -> Result<Organisation, Error> {
    let name = OrganisationName::parse(name)?;
    Ok(store.rename_organisation(id, &name, actor)?)
}

/// Changes the sector: only the default weighting of the organisation's future assessments follows.
pub fn set_organisation_sector(store: &mut Store, id: i64, sector: Sector, actor: &str) -> Result<Organisation, Error> {
    Ok(store.set_organisation_sector(id, sector, actor)?)
}

/// Replaces an organisation's sites with the non-empty lines of `sites`.
pub fn set_organisation_sites(
    store: &mut Store,
    id: i64,
    sites: &[String],
    actor: &str,
) -> Result<Organisation, Error> {
    let sites = sites
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| OrganisationName::parse_site(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(store.set_organisation_sites(id, &sites, actor)?)
}

/// Deletes an organisation that has no final assessment, with its drafts.
pub fn delete_organisation(store: &mut Store, id: i64, actor: &str) -> Result<(), Error> {
    Ok(store.delete_organisation(id, actor)?)
}

/// Deletes an assessment that is not final.
pub fn delete_assessment(store: &mut Store, id: i64, actor: &str) -> Result<AssessmentItem, Error> {
    Ok(store.delete_assessment(id, actor)?.into())
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
            assert!(matches!(err, Error::NotFound(_)), "{bad}");
        }
    }
}
