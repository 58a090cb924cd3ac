//! Tauri commands: thin calls into keel-core, keel-store and keel-export. Each one is declared
//! in `build.rs` and granted in `capabilities/main.json`. File paths come from dialogs opened
//! here, in Rust; the web view never names a file.

use std::path::PathBuf;
use std::sync::Mutex;

use keel_charts::ChartKind;
use keel_core::exchange::{AssessmentStatus, KpiDoc, NoteKind};
use keel_core::framework::builtin;
use keel_core::scoring::NodeScore;
use keel_core::{Framework, NewOrganisation, Organisation, OrganisationName, Sector};
use keel_export::{ChartFormat, Pack, Scored};
use keel_store::{NewAssessment, PackMembers, Store};
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::upkeep::actor;
use crate::views::{
    ActionInput, ActionView, AssessmentItem, AssessmentView, AssessorInput, AttachmentView, ChartFileFormat, ChartView,
    CompareView, ExportDone, ExportKind, FrameworkChoice, KpiInput, NewAssessmentInput, NoteView, Progress, ScoreSaved,
    SideBySideView,
};
use crate::{Database, DatabaseStatus, ErrorCode, FileChooser, IpcError};

/// Frameworks imported from files in this session, until an assessment keeps them in the store.
#[derive(Debug, Default)]
pub struct ImportedFrameworks(pub Mutex<Vec<Framework>>);

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
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
    db.with(|store| Ok(store.organisations()?))
}

/// Records a new organisation.
#[tauri::command]
pub async fn create_organisation(
    db: State<'_, Database>,
    name: String,
    sector: Sector,
) -> Result<Organisation, IpcError> {
    let new = NewOrganisation { name: OrganisationName::parse(&name)?, sector, sites: Vec::new() };
    db.with(|store| Ok(store.add_organisation(&new)?))
}

/// The frameworks an assessment can start from: built in, imported before, imported now.
#[tauri::command]
pub async fn list_frameworks(
    db: State<'_, Database>,
    imported: State<'_, ImportedFrameworks>,
) -> Result<Vec<FrameworkChoice>, IpcError> {
    let mut out: Vec<FrameworkChoice> = builtin().iter().map(|f| FrameworkChoice::new(f, false)).collect();
    let stored = db.with(|store| Ok(store.imported_frameworks()?))?;
    let session = lock(&imported.0)?.clone();
    for framework in stored.iter().chain(&session) {
        if !out.iter().any(|c| c.hash == framework.content_hash()) {
            out.push(FrameworkChoice::new(framework, true));
        }
    }
    Ok(out)
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
    let text = std::fs::read_to_string(&path)
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, format!("Cannot read {}: {e}", path.display())))?;
    let framework = Framework::parse(&text, &path.display().to_string())?;
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
    db.with(|store| Ok(store.assessments(organisation_id)?.into_iter().map(AssessmentItem::from).collect()))
}

/// Starts a draft assessment; returns its id.
#[tauri::command]
pub async fn create_assessment(
    db: State<'_, Database>,
    imported: State<'_, ImportedFrameworks>,
    input: NewAssessmentInput,
) -> Result<i64, IpcError> {
    let framework = match builtin().iter().find(|f| f.content_hash() == input.framework) {
        Some(f) => f.clone(),
        None => {
            let session = lock(&imported.0)?.iter().find(|f| f.content_hash() == input.framework).cloned();
            match session {
                Some(f) => f,
                None => db
                    .with(|store| Ok(store.imported_frameworks()?))?
                    .into_iter()
                    .find(|f| f.content_hash() == input.framework)
                    .ok_or_else(|| IpcError::new(ErrorCode::NotFound, "That framework is no longer available"))?,
            }
        }
    };
    let custom_profile = match &input.custom_points {
        Some(points) => Some(framework.reweighted(&input.profile, points, "new assessment")?),
        None => None,
    };
    let new = NewAssessment {
        organisation_id: input.organisation_id,
        framework: &framework,
        period: input.period,
        title: input.title.trim().to_owned(),
        scope: input.scope.trim().to_owned(),
        profile: input.profile.clone(),
        custom_profile,
        assessors: AssessorInput::docs(&input.assessors),
    };
    if !(1900..=2200).contains(&new.period) {
        return Err(IpcError::new(ErrorCode::InvalidInput, format!("Period {} is not a year", new.period)));
    }
    db.with(|store| Ok(store.create_assessment(&new, &actor())?))
}

/// Everything about one assessment for the walk-through and the results.
#[tauri::command]
pub async fn open_assessment(db: State<'_, Database>, id: i64) -> Result<AssessmentView, IpcError> {
    db.with(|store| {
        let summary = store.assessment(id)?;
        let scored = scored(store, id)?;
        Ok(AssessmentView::new(
            &summary,
            scored.file,
            &scored.framework,
            scored.report,
            store.notes(id)?,
            store.actions(id)?,
            store.attachments(id)?,
            store.resume_node(id)?,
        ))
    })
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
        store.set_score(id, assessor.as_deref(), &node, score.as_ref(), &rationale, &actor())?;
        let scored = scored(store, id)?;
        let spread =
            keel_core::consensus::spread(&scored.file, &scored.framework, keel_core::consensus::DISAGREEMENT_THRESHOLD);
        Ok(ScoreSaved { report: scored.report, spread, saved_at: now() })
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
    db.with(|store| {
        let note = store.add_note(id, &node, kind, text.trim(), &actor())?;
        store
            .notes(id)?
            .into_iter()
            .find(|n| n.id == note)
            .map(NoteView::from)
            .ok_or_else(|| IpcError::new(ErrorCode::Internal, "The note was saved but could not be read back"))
    })
}

#[tauri::command]
pub async fn delete_note(db: State<'_, Database>, id: i64, note: i64) -> Result<(), IpcError> {
    db.with(|store| Ok(store.delete_note(id, note, &actor())?))
}

/// Remembers where the user is in the walk-through.
#[tauri::command]
pub async fn set_resume_node(db: State<'_, Database>, id: i64, node: String) -> Result<(), IpcError> {
    db.with(|store| Ok(store.set_resume_node(id, &node)?))
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
    db.with(|store| Ok(Some(store.add_attachment(id, &node, &path, &actor())?.into())))
}

#[tauri::command]
pub async fn add_action(db: State<'_, Database>, id: i64, action: ActionInput) -> Result<ActionView, IpcError> {
    let doc = action.doc()?;
    db.with(|store| {
        let action_id = store.add_action(id, &doc, &actor())?;
        find_action(store, id, action_id)
    })
}

#[tauri::command]
pub async fn update_action(
    db: State<'_, Database>,
    id: i64,
    action_id: i64,
    action: ActionInput,
) -> Result<ActionView, IpcError> {
    let doc = action.doc()?;
    db.with(|store| {
        store.update_action(id, action_id, &doc, &actor())?;
        find_action(store, id, action_id)
    })
}

/// Locks the assessment for good.
#[tauri::command]
pub async fn finalise_assessment(db: State<'_, Database>, id: i64) -> Result<AssessmentItem, IpcError> {
    db.with(|store| {
        store.set_status(id, AssessmentStatus::Final, &actor())?;
        Ok(store.assessment(id)?.into())
    })
}

/// Starts next period's draft from an assessment; returns the new id.
#[tauri::command]
pub async fn duplicate_assessment(db: State<'_, Database>, id: i64, period: i32) -> Result<i64, IpcError> {
    db.with(|store| Ok(store.duplicate_as_draft(id, period, &actor())?))
}

/// The charts that say something about this assessment, as the SVGs keel-charts draws; in the
/// dark theme (same series colours) when `dark` is true.
#[tauri::command]
pub async fn assessment_charts(
    db: State<'_, Database>,
    id: i64,
    dark: Option<bool>,
) -> Result<Vec<ChartView>, IpcError> {
    let pack = db.with(|store| pack(store, id))?;
    pack.chart_kinds().into_iter().map(|kind| chart_view(&pack, kind, theme(dark))).collect()
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
    db.with(|store| {
        // Only the two assessments: no history is needed here.
        let Some(other) = store.pack_members(id, &[])?.counterpart else { return Ok(None) };
        let pack = pack_of(store, PackMembers { current: id, earlier: Vec::new(), counterpart: Some(other) })?;
        let Some(side) = pack.side_by_side() else { return Ok(None) };
        let (this, that): (AssessmentItem, AssessmentItem) =
            (store.assessment(id)?.into(), store.assessment(other)?.into());
        let (efqm, iso) = if pack.is_iso() { (that, this) } else { (this, that) };
        Ok(Some(SideBySideView { efqm, iso, side }))
    })
}

/// An organisation's KPIs with their values.
#[tauri::command]
pub async fn list_kpis(db: State<'_, Database>, organisation_id: i64) -> Result<Vec<KpiDoc>, IpcError> {
    db.with(|store| Ok(store.kpis(organisation_id)?))
}

/// Records one KPI value (creating the KPI when new); returns the organisation's KPIs.
#[tauri::command]
pub async fn save_kpi_value(
    db: State<'_, Database>,
    organisation_id: i64,
    input: KpiInput,
) -> Result<Vec<KpiDoc>, IpcError> {
    db.with(|store| {
        let doc = input.doc(&store.kpis(organisation_id)?)?;
        store.save_kpis(organisation_id, &[doc], &actor())?;
        Ok(store.kpis(organisation_id)?)
    })
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
    let text = std::fs::read_to_string(&path)
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, format!("Cannot read {}: {e}", path.display())))?;
    let kpis = keel_core::kpi::parse_csv(&text, &path.display().to_string())?;
    db.with(|store| {
        store.save_kpis(organisation_id, &kpis, &actor())?;
        Ok(Some(store.kpis(organisation_id)?))
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
    let (pack, assessments) = db.with(|store| {
        let members = store.pack_members(id, &others)?;
        let assessments = members
            .earlier
            .iter()
            .chain([&id])
            .map(|&i| Ok(store.assessment(i)?.into()))
            .collect::<Result<Vec<AssessmentItem>, IpcError>>()?;
        Ok((pack_of(store, members)?, assessments))
    })?;
    let comparison = pack
        .comparison()
        .map_err(|e| IpcError::new(ErrorCode::InvalidInput, crate::error::capitalise(&e.to_string())))?;
    let charts = [ChartKind::Trend, ChartKind::YearOnYear, ChartKind::StakeholderBalance]
        .into_iter()
        .map(|kind| chart_view(&pack, kind, theme(dark)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CompareView { comparison, assessments, charts })
}

fn chart_view(pack: &Pack, kind: ChartKind, theme: keel_charts::Theme) -> Result<ChartView, IpcError> {
    let chart = pack.chart(kind, None)?;
    let svg =
        keel_charts::render_svg_themed(&chart, keel_charts::SCREEN, theme).map_err(keel_export::ExportError::from)?;
    Ok(ChartView { kind: kind.id().to_owned(), title: chart.title().to_owned(), svg })
}

/// Saves one chart as SVG or PNG where the user chooses; `null` when cancelled.
#[tauri::command]
pub async fn export_chart<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    id: i64,
    kind: String,
    kpi: Option<String>,
    format: ChartFileFormat,
) -> Result<Option<ExportDone>, IpcError> {
    let kind = ChartKind::from_id(&kind)
        .ok_or_else(|| IpcError::new(ErrorCode::InvalidInput, format!("Unknown chart kind {kind:?}")))?;
    let (ext, filter, format) = match format {
        ChartFileFormat::Svg => ("svg", "SVG image", ChartFormat::Svg),
        ChartFileFormat::Png => ("png", "PNG image", ChartFormat::Png),
        ChartFileFormat::PrintPng => ("png", "PNG image", ChartFormat::PrintPng),
    };
    let pack = db.with(|store| pack(store, id))?;
    let suggested = file_name(&pack, kind.id(), ext);
    let Some(path) = save_file(&app, &chooser, &suggested, filter, ext)? else {
        return Ok(None);
    };
    let mut job = Job::new(&app, "chart", 2);
    job.step("Drawing the chart");
    let bytes = keel_export::chart_file(&pack.chart(kind, kpi.as_deref())?, format)?;
    job.step("Writing the file");
    write(&path, &bytes)
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
    let (what, ext, filter) = match kind {
        ExportKind::Report => ("management review", "pdf", "PDF document"),
        ExportKind::Workbook => ("workbook", "xlsx", "Excel workbook"),
        ExportKind::ScoresCsv => ("scores", "csv", "CSV file"),
        ExportKind::Exchange => ("assessment", "keel.json", "Keel assessment file"),
    };
    let pack = db.with(|store| pack(store, id))?;
    let suggested = file_name(&pack, what, ext);
    let Some(path) = save_file(&app, &chooser, &suggested, filter, ext.rsplit('.').next().unwrap_or(ext))? else {
        return Ok(None);
    };
    let mut job = Job::new(&app, what, 2);
    job.step(match kind {
        ExportKind::Report => "Drawing the charts and laying out the pages",
        ExportKind::Workbook => "Filling the sheets and charts",
        ExportKind::ScoresCsv | ExportKind::Exchange => "Collecting the scores",
    });
    let bytes = match kind {
        ExportKind::Report => keel_export::report_pdf(&pack)?,
        ExportKind::Workbook => keel_export::workbook_xlsx(&pack)?,
        ExportKind::ScoresCsv => keel_export::node_scores_csv(&pack)?,
        ExportKind::Exchange => serde_json::to_vec_pretty(&pack.current.file)
            .map_err(|e| IpcError::new(ErrorCode::ExportFailed, format!("Cannot write the exchange file: {e}")))?,
    };
    job.step("Writing the file");
    write(&path, &bytes)
}

/// The rolling backups of the user's database, with what each holds.
#[tauri::command]
pub async fn list_backups(db: State<'_, Database>) -> Result<crate::upkeep::BackupsView, IpcError> {
    Ok(crate::upkeep::backups(&db))
}

/// Saves a consistent copy of the database where the user chooses; `null` when cancelled.
#[tauri::command]
pub async fn back_up_now<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
) -> Result<Option<crate::upkeep::BackupView>, IpcError> {
    let suggested = format!("keel-backup-{}.sqlite3", chrono::Local::now().format("%Y-%m-%d"));
    save_file(&app, &chooser, &suggested, "Keel database", "sqlite3")?
        .map(|path| crate::upkeep::back_up(&db, &path))
        .transpose()
}

/// Asks for a backup file to restore (open dialog) and says what it holds; the restore itself
/// waits for `restore_backup`. `null` when cancelled.
#[tauri::command]
pub async fn choose_backup_file<R: Runtime>(
    app: AppHandle<R>,
    chooser: State<'_, FileChooser>,
    chosen: State<'_, crate::upkeep::ChosenBackup>,
) -> Result<Option<crate::upkeep::BackupView>, IpcError> {
    open_file(&app, &chooser, "Keel database", &["sqlite3", "db"])?
        .map(|path| crate::upkeep::choose_backup(&chosen, &path))
        .transpose()
}

/// Replaces the user's database with the rolling backup `name`, or with `null` the file chosen
/// by `choose_backup_file`; the current file is kept among the rolling backups first.
#[tauri::command]
pub async fn restore_backup(
    db: State<'_, Database>,
    chosen: State<'_, crate::upkeep::ChosenBackup>,
    name: Option<String>,
) -> Result<DatabaseStatus, IpcError> {
    crate::upkeep::restore(&db, &chosen, name.as_deref())
}

/// Asks for an exchange file (open dialog) and imports it, all or nothing; `null` when cancelled.
#[tauri::command]
pub async fn import_assessment_file<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
) -> Result<Option<AssessmentItem>, IpcError> {
    open_file(&app, &chooser, "Keel assessment file", &["json"])?
        .map(|path| crate::upkeep::import(&db, &path))
        .transpose()
}

/// Asks for assessors' own exchange files (open dialog, several at once) and merges them into
/// assessment `id`, all or none; `null` when cancelled.
#[tauri::command]
pub async fn merge_assessor_files<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Database>,
    chooser: State<'_, FileChooser>,
    id: i64,
) -> Result<Option<Vec<crate::upkeep::MergedView>>, IpcError> {
    open_files(&app, &chooser, "Keel assessment files", &["json"])?
        .map(|paths| crate::upkeep::merge(&db, id, &paths))
        .transpose()
}

#[tauri::command]
pub async fn rename_organisation(db: State<'_, Database>, id: i64, name: String) -> Result<Organisation, IpcError> {
    crate::upkeep::rename_organisation(&db, id, &name)
}

/// Changes the sector: only the default weighting of the organisation's future assessments follows.
#[tauri::command]
pub async fn set_organisation_sector(
    db: State<'_, Database>,
    id: i64,
    sector: Sector,
) -> Result<Organisation, IpcError> {
    crate::upkeep::set_organisation_sector(&db, id, sector)
}

#[tauri::command]
pub async fn set_organisation_sites(
    db: State<'_, Database>,
    id: i64,
    sites: Vec<String>,
) -> Result<Organisation, IpcError> {
    crate::upkeep::set_organisation_sites(&db, id, &sites)
}

/// Deletes an organisation that has no final assessment, with its drafts.
#[tauri::command]
pub async fn delete_organisation(db: State<'_, Database>, id: i64) -> Result<(), IpcError> {
    crate::upkeep::delete_organisation(&db, id)
}

/// Deletes an assessment that is not final.
#[tauri::command]
pub async fn delete_assessment(db: State<'_, Database>, id: i64) -> Result<AssessmentItem, IpcError> {
    crate::upkeep::delete_assessment(&db, id)
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<Option<ExportDone>, IpcError> {
    keel_export::write_atomically(path, bytes)?;
    Ok(Some(ExportDone { path: path.display().to_string(), bytes: bytes.len() as u64 }))
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

/// A file name suggestion: organisation, framework, period and what it is, safe on every system.
fn file_name(pack: &Pack, what: &str, ext: &str) -> String {
    let file = &pack.current.file;
    let raw = format!("{} {} {} {what}", file.organisation.name, pack.current.framework.id(), file.assessment.period);
    let safe: String = raw
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == ' ' { c } else { '-' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{safe}.{ext}")
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

/// Like [`open_file`], several files at once; the scripted chooser reads one path per line.
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

fn scored(store: &Store, id: i64) -> Result<Scored, IpcError> {
    let (file, framework) = store.export_with_framework(id)?;
    Ok(Scored::new(file, framework)?)
}

fn pack(store: &Store, id: i64) -> Result<Pack, IpcError> {
    pack_of(store, store.pack_members(id, &[])?)
}

fn pack_of(store: &Store, members: PackMembers) -> Result<Pack, IpcError> {
    Ok(Pack {
        current: scored(store, members.current)?,
        earlier: members.earlier.into_iter().map(|other| scored(store, other)).collect::<Result<_, _>>()?,
        counterpart: members.counterpart.map(|other| scored(store, other)).transpose()?,
        date: chrono::Local::now().date_naive().to_string(),
    })
}

fn find_action(store: &Store, id: i64, action_id: i64) -> Result<ActionView, IpcError> {
    store
        .actions(id)?
        .into_iter()
        .find(|a| a.id == action_id)
        .map(ActionView::from)
        .ok_or_else(|| IpcError::new(ErrorCode::Internal, "The action was saved but could not be read back"))
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, IpcError> {
    m.lock().map_err(|_| IpcError::new(ErrorCode::Internal, "An earlier operation failed midway; restart Keel"))
}
