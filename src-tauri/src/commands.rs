//! Tauri commands: one adapter per use case in `keel_usecases`, nothing else. Each is
//! registered by being here: `build.rs` reads this file, so the handler list, the app manifest
//! and `capabilities/main.json` follow it (the `ipc` test checks the TypeScript wrappers in
//! `ui/src/lib/ipc.ts` and that every command is called). File paths come from dialogs opened
//! here, in Rust; the web view never names a file.

use std::path::PathBuf;
use std::sync::Mutex;

use keel_charts::ChartKind;
use keel_core::exchange::{KpiDoc, NoteKind};
use keel_core::form::{ActionInput, KpiInput};
use keel_core::scoring::NodeScore;
use keel_core::{Framework, Organisation, Sector};
use keel_usecases::upkeep::{self, BackupView, BackupsView, MergedView};
use keel_usecases::views::{
    ActionView, AssessmentItem, AssessmentView, AttachmentView, ChartFileFormat, ChartView, CompareView, ExportDone,
    ExportKind, FrameworkChoice, NewAssessmentInput, NextYearInput, NextYearOffer, NoteView, Progress, ScoreSaved,
    SideBySideView,
};
use keel_usecases::{assessments, consensus, frameworks, kpis, organisations, packs, Shell};
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::{Database, DatabaseStatus, ErrorCode, FileChooser, IpcError};

/// Frameworks imported from files in this session, until an assessment keeps them in the store.
#[derive(Debug, Default)]
pub struct ImportedFrameworks(pub Mutex<Vec<Framework>>);

/// A backup file picked in the open dialog, kept here until the user confirms the restore, so
/// the path never comes from the web view.
#[derive(Debug, Default)]
pub struct ChosenBackup(pub Mutex<Option<PathBuf>>);

fn actor() -> String {
    Shell::App.actor()
}

/// Which database the app is using and whether it opened.
#[tauri::command]
pub async fn database_status(db: State<'_, Database>) -> Result<DatabaseStatus, IpcError> {
    db.status()
}

/// Opens the demo organisation in its own database (installed on first use).
#[tauri::command]
pub async fn open_demo(db: State<'_, Database>) -> Result<DatabaseStatus, IpcError> {
    db.open_demo(&actor())
}

/// Goes back to the user's own database.
#[tauri::command]
pub async fn open_own_database(db: State<'_, Database>) -> Result<DatabaseStatus, IpcError> {
    db.open_own()
}

/// All organisations, sorted by name.
#[tauri::command]
pub async fn list_organisations(db: State<'_, Database>) -> Result<Vec<Organisation>, IpcError> {
    let list = db.with(|store| Ok(organisations::list(store)?));
    // The home screen has its data: the check a start owes may begin once it is drawn.
    db.first_screen_served();
    list
}

/// Records a new organisation.
#[tauri::command]
pub async fn create_organisation(
    db: State<'_, Database>,
    name: String,
    sector: Sector,
) -> Result<Organisation, IpcError> {
    let new = organisations::new(&name, sector, &[])?;
    db.with(|store| Ok(organisations::add(store, &new, &actor())?))
}

/// The frameworks an assessment can start from: built in, imported before, imported now.
#[tauri::command]
pub async fn list_frameworks(
    db: State<'_, Database>,
    imported: State<'_, ImportedFrameworks>,
) -> Result<Vec<FrameworkChoice>, IpcError> {
    let session = lock(&imported.0)?.clone();
    db.with(|store| Ok(frameworks::choices(store, &session)?))
}

/// Asks for a framework file (open dialog), validates it and offers it for new assessments.
/// `null` when the user cancelled.
#[tauri::command]
pub async fn import_framework<R: Runtime>(
    app: AppHandle<R>,
    chooser: State<'_, FileChooser>,
    imported: State<'_, ImportedFrameworks>,
) -> Result<Option<FrameworkChoice>, IpcError> {
    let Some(path) = open_file(&app, &chooser, "Framework file", &["json"])? else {
        return Ok(None);
    };
    let framework = frameworks::read(&path)?;
    let choice = FrameworkChoice::new(&framework, true);
    let mut list = lock(&imported.0)?;
    if !list.iter().any(|f| f.content_hash() == framework.content_hash()) {
        list.push(framework);
    }
    Ok(Some(choice))
}

/// Assessments, newest period first; of one organisation when given.
#[tauri::command]
pub async fn list_assessments(
    db: State<'_, Database>,
    organisation_id: Option<i64>,
) -> Result<Vec<AssessmentItem>, IpcError> {
    db.with(|store| Ok(assessments::list(store, organisation_id)?))
}

/// The same organisation's other assessments that can be compared year on year with `id`
/// (the same model, or editions a version map connects; see `keel_core::comparison::comparable`).
#[tauri::command]
pub async fn comparable_assessments(db: State<'_, Database>, id: i64) -> Result<Vec<AssessmentItem>, IpcError> {
    db.with(|store| Ok(assessments::comparable(store, id)?))
}

/// Starts a draft assessment; returns its id.
#[tauri::command]
pub async fn create_assessment(
    db: State<'_, Database>,
    imported: State<'_, ImportedFrameworks>,
    input: NewAssessmentInput,
) -> Result<i64, IpcError> {
    let session = lock(&imported.0)?.clone();
    db.with(|store| Ok(assessments::create(store, &session, &input, &actor())?))
}

/// Everything about one assessment for the walk-through and the results.
#[tauri::command]
pub async fn open_assessment(db: State<'_, Database>, id: i64) -> Result<AssessmentView, IpcError> {
    db.with(|store| Ok(assessments::open(store, id)?))
}

/// Saves (or with `null` clears) a score — the agreed one, or an assessor's own — and returns
/// the assessment's new result.
#[tauri::command]
pub async fn set_score(
    db: State<'_, Database>,
    id: i64,
    assessor: Option<String>,
    node: String,
    score: Option<NodeScore>,
    rationale: String,
) -> Result<ScoreSaved, IpcError> {
    db.with(|store| {
        Ok(assessments::set_score(store, id, assessor.as_deref(), &node, score.as_ref(), &rationale, &actor())?)
    })
}

/// Adds evidence, a strength or an area for improvement to a node.
#[tauri::command]
pub async fn add_note(
    db: State<'_, Database>,
    id: i64,
    node: String,
    kind: NoteKind,
    text: String,
) -> Result<NoteView, IpcError> {
    db.with(|store| Ok(assessments::add_note(store, id, &node, kind, &text, &actor())?))
}

/// Deletes a note.
#[tauri::command]
pub async fn delete_note(db: State<'_, Database>, id: i64, note: i64) -> Result<(), IpcError> {
    db.with(|store| Ok(assessments::delete_note(store, id, note, &actor())?))
}

/// Remembers where the user is in the walk-through.
#[tauri::command]
pub async fn set_resume_node(db: State<'_, Database>, id: i64, node: String) -> Result<(), IpcError> {
    db.with(|store| Ok(assessments::set_resume_node(store, id, &node)?))
}

/// Keeps the draft of a typed field (empty text forgets it), so closing the window loses nothing.
#[tauri::command]
pub async fn set_draft(db: State<'_, Database>, id: i64, field: String, text: String) -> Result<(), IpcError> {
    db.with(|store| Ok(assessments::set_draft(store, id, &field, &text)?))
}

/// The drafts of an assessment's typed fields, by field.
#[tauri::command]
pub async fn drafts(db: State<'_, Database>, id: i64) -> Result<std::collections::BTreeMap<String, String>, IpcError> {
    db.with(|store| Ok(assessments::drafts(store, id)?))
}

/// Asks for a file (open dialog) and attaches a copy of it to a node; `null` when cancelled.
#[tauri::command]
pub async fn add_attachment<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    id: i64,
    node: String,
) -> Result<Option<AttachmentView>, IpcError> {
    let Some(path) = open_file(&app, &chooser, "Evidence", &[])? else {
        return Ok(None);
    };
    db.with(|store| Ok(Some(assessments::add_attachment(store, id, &node, &path, &actor())?)))
}

/// Adds an improvement action.
#[tauri::command]
pub async fn add_action(db: State<'_, Database>, id: i64, action: ActionInput) -> Result<ActionView, IpcError> {
    db.with(|store| Ok(assessments::add_action(store, id, &action, &actor())?))
}

/// Changes an improvement action.
#[tauri::command]
pub async fn update_action(
    db: State<'_, Database>,
    id: i64,
    action_id: i64,
    action: ActionInput,
) -> Result<ActionView, IpcError> {
    db.with(|store| Ok(assessments::update_action(store, id, action_id, &action, &actor())?))
}

/// Locks the assessment for good.
#[tauri::command]
pub async fn finalise_assessment(db: State<'_, Database>, id: i64) -> Result<AssessmentItem, IpcError> {
    db.with(|store| Ok(assessments::finalise(store, id, &actor())?))
}

/// Starts next period's draft from an assessment; returns the new id.
#[tauri::command]
pub async fn duplicate_assessment(db: State<'_, Database>, id: i64, period: i32) -> Result<i64, IpcError> {
    db.with(|store| Ok(assessments::duplicate(store, id, period, &actor())?))
}

/// What next year's draft of an assessment would be called and could bring along.
#[tauri::command]
pub async fn next_year_offer(db: State<'_, Database>, id: i64, period: i32) -> Result<NextYearOffer, IpcError> {
    db.with(|store| Ok(assessments::next_year_offer(store, id, period)?))
}

/// Starts next year's draft, optionally from last year's scores (marked) and notes.
#[tauri::command]
pub async fn start_next_year(db: State<'_, Database>, id: i64, next: NextYearInput) -> Result<i64, IpcError> {
    db.with(|store| Ok(assessments::start_next_year(store, id, &next, &actor())?))
}

/// Confirms a score carried from last year as this year's.
#[tauri::command]
pub async fn confirm_carried_score(db: State<'_, Database>, id: i64, node: String) -> Result<(), IpcError> {
    db.with(|store| Ok(assessments::confirm_carried_score(store, id, &node, &actor())?))
}

/// The charts that say something about this assessment, as the SVGs keel-charts draws; in the
/// dark theme (same series colours) when `dark` is true.
#[tauri::command]
pub async fn assessment_charts(
    db: State<'_, Database>,
    id: i64,
    dark: Option<bool>,
) -> Result<Vec<ChartView>, IpcError> {
    // Read under the database's lock; drawn without it, so a score saved meanwhile does not wait.
    let pack = db.with(|store| Ok(packs::pack(store, id, &[])?))?;
    Ok(packs::charts(&pack, theme(dark))?)
}

fn theme(dark: Option<bool>) -> keel_charts::Theme {
    if dark == Some(true) {
        keel_charts::Theme::Dark
    } else {
        keel_charts::Theme::Light
    }
}

/// The assessment next to the same period's assessment against the other model (EFQM 2020 and
/// ISO 9001) through the crosswalk; `null` when there is none.
#[tauri::command]
pub async fn side_by_side(db: State<'_, Database>, id: i64) -> Result<Option<SideBySideView>, IpcError> {
    db.with(|store| Ok(packs::side_by_side(store, id)?))
}

/// An organisation's KPIs with their values.
#[tauri::command]
pub async fn list_kpis(db: State<'_, Database>, organisation_id: i64) -> Result<Vec<KpiDoc>, IpcError> {
    db.with(|store| Ok(kpis::list(store, organisation_id)?))
}

/// Records one KPI value (creating the KPI when new); returns the organisation's KPIs.
#[tauri::command]
pub async fn save_kpi_value(
    db: State<'_, Database>,
    organisation_id: i64,
    input: KpiInput,
) -> Result<Vec<KpiDoc>, IpcError> {
    db.with(|store| Ok(kpis::record(store, organisation_id, &input, &actor())?))
}

/// Asks for a KPI CSV file and imports it (all rows or none); `null` when cancelled.
#[tauri::command]
pub async fn import_kpis<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    organisation_id: i64,
) -> Result<Option<Vec<KpiDoc>>, IpcError> {
    let Some(path) = open_file(&app, &chooser, "KPI table (CSV)", &["csv"])? else {
        return Ok(None);
    };
    let read = kpis::read_csv(&path)?;
    db.with(|store| {
        kpis::save(store, organisation_id, &read, &actor())?;
        Ok(Some(kpis::list(store, organisation_id)?))
    })
}

/// Compares an assessment with earlier ones: `others` when given, else the organisation's
/// earlier assessments against the same framework.
#[tauri::command]
pub async fn compare_assessments(
    db: State<'_, Database>,
    id: i64,
    others: Vec<i64>,
    dark: Option<bool>,
) -> Result<CompareView, IpcError> {
    let compared = db.with(|store| Ok(packs::compared(store, id, &others)?))?;
    Ok(packs::compare_view(compared, theme(dark))?)
}

/// Saves one chart as SVG or PNG where the user chooses; `null` when cancelled.
#[tauri::command]
pub async fn export_chart<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    id: i64,
    kind: ChartKind,
    kpi: Option<String>,
    format: ChartFileFormat,
) -> Result<Option<ExportDone>, IpcError> {
    let (ext, filter) = format.describe();
    let pack = db.with(|store| Ok(packs::pack(store, id, &[])?))?;
    let Some(path) = save_file(&app, &chooser, &packs::file_name(&pack, kind.id(), ext), filter, ext)? else {
        return Ok(None);
    };
    let mut job = Job::new(&app, "chart", 2);
    job.step("Drawing the chart");
    let bytes = packs::chart_bytes(&pack, kind, kpi.as_deref(), format.into())?;
    job.step("Writing the file");
    Ok(Some(packs::write(&path, &bytes)?))
}

/// Saves the report, workbook, CSV or exchange file where the user chooses; reports progress as
/// `progress` events; `null` when cancelled.
#[tauri::command]
pub async fn export_file<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    id: i64,
    kind: ExportKind,
) -> Result<Option<ExportDone>, IpcError> {
    let (what, ext, filter) = kind.describe();
    let pack = db.with(|store| Ok(packs::pack(store, id, &[])?))?;
    let last = ext.rsplit('.').next().unwrap_or(ext);
    let Some(path) = save_file(&app, &chooser, &packs::file_name(&pack, what, ext), filter, last)? else {
        return Ok(None);
    };
    let mut job = Job::new(&app, what, 2);
    job.step(kind.stage());
    let bytes = packs::export_bytes(&pack, kind)?;
    job.step("Writing the file");
    Ok(Some(packs::write(&path, &bytes)?))
}

/// The rolling backups of the user's database, with what each holds.
#[tauri::command]
pub async fn list_backups(db: State<'_, Database>) -> Result<BackupsView, IpcError> {
    Ok(upkeep::backups(db.user_path()))
}

/// Saves a consistent copy of the database where the user chooses; `null` when cancelled.
#[tauri::command]
pub async fn back_up_now<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
) -> Result<Option<BackupView>, IpcError> {
    let suggested = format!("keel-backup-{}.sqlite3", chrono::Local::now().format("%Y-%m-%d"));
    let Some(path) = save_file(&app, &chooser, &suggested, "Keel database", "sqlite3")? else { return Ok(None) };
    db.with(|store| Ok(Some(upkeep::back_up(store, &path)?)))
}

/// Asks for a backup file to restore (open dialog) and says what it holds; the restore itself
/// waits for `restore_backup`, and the path stays here. `null` when cancelled.
#[tauri::command]
pub async fn choose_backup_file<R: Runtime>(
    app: AppHandle<R>,
    chooser: State<'_, FileChooser>,
    chosen: State<'_, ChosenBackup>,
) -> Result<Option<BackupView>, IpcError> {
    let Some(path) = open_file(&app, &chooser, "Keel database", &["sqlite3", "db"])? else { return Ok(None) };
    *lock(&chosen.0)? = None;
    let view = upkeep::describe(&path)?;
    *lock(&chosen.0)? = Some(path);
    Ok(Some(view))
}

/// Replaces the user's database with the rolling backup `name`, or with `null` the file chosen
/// by `choose_backup_file`; the current content is kept among the rolling backups first.
#[tauri::command]
pub async fn restore_backup(
    db: State<'_, Database>,
    chosen: State<'_, ChosenBackup>,
    name: Option<String>,
) -> Result<DatabaseStatus, IpcError> {
    let from = match name {
        Some(name) => upkeep::rolling_backup(db.user_path(), &name)?,
        None => lock(&chosen.0)?.take().ok_or_else(|| {
            IpcError::new(ErrorCode::InvalidInput, "Choose the backup file again; nothing was restored")
        })?,
    };
    db.restore(&from, &actor())
}

/// Asks for an exchange file (open dialog) and imports it, all or nothing; `null` when cancelled.
#[tauri::command]
pub async fn import_assessment_file<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
) -> Result<Option<AssessmentItem>, IpcError> {
    let Some(path) = open_file(&app, &chooser, "Keel assessment file", &["json"])? else { return Ok(None) };
    let input = assessments::read_exchange(&path)?;
    db.with(|store| Ok(Some(assessments::import_listed(store, &input, &actor())?)))
}

/// Asks for assessors' own exchange files (open dialog, several at once) and merges them into
/// assessment `id`, all or none; `null` when cancelled.
#[tauri::command]
pub async fn merge_assessor_files<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    id: i64,
) -> Result<Option<Vec<MergedView>>, IpcError> {
    let Some(paths) = open_files(&app, &chooser, "Keel assessment files", &["json"])? else { return Ok(None) };
    let files = consensus::read_files(&paths)?;
    db.with(|store| {
        Ok(Some(consensus::merge(store, &files, id, &actor())?.into_iter().map(MergedView::from).collect()))
    })
}

/// Renames an organisation.
#[tauri::command]
pub async fn rename_organisation(db: State<'_, Database>, id: i64, name: String) -> Result<Organisation, IpcError> {
    db.with(|store| Ok(upkeep::rename_organisation(store, id, &name, &actor())?))
}

/// Changes the sector: only the default weighting of the organisation's future assessments follows.
#[tauri::command]
pub async fn set_organisation_sector(
    db: State<'_, Database>,
    id: i64,
    sector: Sector,
) -> Result<Organisation, IpcError> {
    db.with(|store| Ok(upkeep::set_organisation_sector(store, id, sector, &actor())?))
}

/// Replaces an organisation's sites.
#[tauri::command]
pub async fn set_organisation_sites(
    db: State<'_, Database>,
    id: i64,
    sites: Vec<String>,
) -> Result<Organisation, IpcError> {
    db.with(|store| Ok(upkeep::set_organisation_sites(store, id, &sites, &actor())?))
}

/// Deletes an organisation that has no final assessment, with its drafts.
#[tauri::command]
pub async fn delete_organisation(db: State<'_, Database>, id: i64) -> Result<(), IpcError> {
    db.with(|store| Ok(upkeep::delete_organisation(store, id, &actor())?))
}

/// Deletes an assessment that is not final.
#[tauri::command]
pub async fn delete_assessment(db: State<'_, Database>, id: i64) -> Result<AssessmentItem, IpcError> {
    db.with(|store| Ok(upkeep::delete_assessment(store, id, &actor())?))
}

/// Sends `progress` events for one export.
struct Job<'a, R: Runtime> {
    app: &'a AppHandle<R>,
    name: String,
    total: u32,
    done: u32,
}

impl<'a, R: Runtime> Job<'a, R> {
    fn new(app: &'a AppHandle<R>, name: &str, total: u32) -> Job<'a, R> {
        Job { app, name: name.to_owned(), total, done: 0 }
    }

    fn step(&mut self, stage: &str) {
        let progress = Progress { job: self.name.clone(), stage: stage.to_owned(), done: self.done, total: self.total };
        self.done += 1;
        // Progress is a courtesy: a window that went away does not fail the export.
        let _ = self.app.emit("progress", progress);
    }
}

impl<R: Runtime> Drop for Job<'_, R> {
    fn drop(&mut self) {
        let done = Progress { job: self.name.clone(), stage: "Done".into(), done: self.total, total: self.total };
        let _ = self.app.emit("progress", done);
    }
}

fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    chooser: &FileChooser,
    suggested: &str,
    filter: &str,
    ext: &str,
) -> Result<Option<PathBuf>, IpcError> {
    match chooser {
        FileChooser::Scripted(dir) => Ok(Some(dir.join(suggested))),
        FileChooser::Native => app
            .dialog()
            .file()
            .set_title("Save as")
            .set_file_name(suggested)
            .add_filter(filter, &[ext])
            .blocking_save_file()
            .map(|p| p.into_path().map_err(|e| IpcError::new(ErrorCode::DialogFailed, format!("Unusable path: {e}"))))
            .transpose(),
    }
}

fn open_file<R: Runtime>(
    app: &AppHandle<R>,
    chooser: &FileChooser,
    filter: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, IpcError> {
    match chooser {
        FileChooser::Scripted(dir) => {
            let answer = dir.join(FileChooser::OPEN_NEXT);
            let Ok(text) = std::fs::read_to_string(&answer) else { return Ok(None) };
            let _ = std::fs::remove_file(&answer);
            Ok(Some(PathBuf::from(text.trim())))
        }
        FileChooser::Native => {
            let mut dialog = app.dialog().file().set_title("Open");
            if !extensions.is_empty() {
                dialog = dialog.add_filter(filter, extensions);
            }
            dialog
                .blocking_pick_file()
                .map(|p| {
                    p.into_path().map_err(|e| IpcError::new(ErrorCode::DialogFailed, format!("Unusable path: {e}")))
                })
                .transpose()
        }
    }
}

fn open_files<R: Runtime>(
    app: &AppHandle<R>,
    chooser: &FileChooser,
    filter: &str,
    extensions: &[&str],
) -> Result<Option<Vec<PathBuf>>, IpcError> {
    match chooser {
        FileChooser::Scripted(dir) => {
            let answer = dir.join(FileChooser::OPEN_NEXT);
            let Ok(text) = std::fs::read_to_string(&answer) else { return Ok(None) };
            let _ = std::fs::remove_file(&answer);
            let paths: Vec<PathBuf> =
                text.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from).collect();
            Ok((!paths.is_empty()).then_some(paths))
        }
        FileChooser::Native => {
            let mut dialog = app.dialog().file().set_title("Open");
            if !extensions.is_empty() {
                dialog = dialog.add_filter(filter, extensions);
            }
            dialog
                .blocking_pick_files()
                .map(|picked| {
                    picked
                        .into_iter()
                        .map(|p| {
                            p.into_path()
                                .map_err(|e| IpcError::new(ErrorCode::DialogFailed, format!("Unusable path: {e}")))
                        })
                        .collect()
                })
                .transpose()
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, IpcError> {
    m.lock().map_err(|_| IpcError::new(ErrorCode::Internal, "An earlier operation failed midway; restart Keel"))
}
