//! What the use cases hand to a shell: plain serialisable shapes built from keel-core and
//! keel-store types. The window receives them over IPC (TypeScript twins generated into
//! `ui/src/lib/bindings.ts` behind the `ts` feature); the `keel` command prints them.

use std::collections::BTreeMap;

use keel_core::exchange::{ActionStatus, AssessmentStatus, ExchangeFile, NoteKind};
use keel_core::framework::{Scheme, DEFAULT_PROFILE};
use keel_core::scoring::{NodeScore, ScoreReport};
use keel_core::{Framework, Sector, StakeholderGroup};
use keel_store::{Action, AssessmentSummary, Attachment, Note};
use serde::{Deserialize, Serialize};

/// A framework the user can start an assessment with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkChoice {
    /// The content hash: names this exact version.
    pub hash: String,
    pub id: String,
    pub title: String,
    pub edition: String,
    pub version: String,
    pub total_points: f64,
    /// Brought in from a file rather than built in.
    pub imported: bool,
    /// The top-level nodes, whose points a weighting profile sets.
    pub criteria: Vec<CriterionRef>,
    /// Its weighting profiles, the framework's own points first.
    pub profiles: Vec<ProfileWeights>,
    /// Sector id → the profile a new assessment of an organisation in that sector starts on
    /// (`Framework::sector_profile`).
    pub sector_profiles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CriterionRef {
    pub id: String,
    pub number: String,
    pub title: String,
}

/// A weighting profile and the points it gives each criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProfileWeights {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Criterion id → points.
    pub points: BTreeMap<String, f64>,
}

impl FrameworkChoice {
    pub fn new(framework: &Framework, imported: bool) -> FrameworkChoice {
        let roots: Vec<usize> = framework.roots().collect();
        let criteria = roots
            .iter()
            .map(|&i| {
                let n = &framework.nodes()[i];
                CriterionRef { id: n.id.clone(), number: n.number.clone(), title: n.title.clone() }
            })
            .collect();
        let weights_of = |id: &str, title: &str, description: &str| {
            framework.weights(id).map(|w| ProfileWeights {
                id: id.to_owned(),
                title: title.to_owned(),
                description: description.to_owned(),
                points: roots.iter().map(|&i| (framework.nodes()[i].id.clone(), w.points[i])).collect(),
            })
        };
        let mut profiles: Vec<ProfileWeights> =
            weights_of(DEFAULT_PROFILE, keel_core::framework::DEFAULT_PROFILE_TITLE, "").into_iter().collect();
        for p in framework.profiles() {
            profiles.extend(weights_of(&p.id, &p.title, &p.description));
        }
        let sector_profiles =
            Sector::ALL.iter().map(|&s| (s.id().to_owned(), framework.sector_profile(s).to_owned())).collect();
        FrameworkChoice {
            sector_profiles,
            hash: framework.content_hash().to_owned(),
            id: framework.id().to_owned(),
            title: framework.title().to_owned(),
            edition: framework.edition().to_owned(),
            version: framework.version().to_owned(),
            total_points: framework.total_points(),
            imported,
            criteria,
            profiles,
        }
    }
}

/// An assessment in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentItem {
    pub id: i64,
    /// Stable across databases: the same assessment exported and imported elsewhere keeps it.
    pub uid: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub framework: String,
    /// The model as people say it ("EFQM Model 2020 structure"); `framework` is its id.
    pub framework_title: String,
    pub period: i32,
    pub title: String,
    pub status: AssessmentStatus,
}

impl From<AssessmentSummary> for AssessmentItem {
    fn from(a: AssessmentSummary) -> AssessmentItem {
        AssessmentItem {
            id: a.id,
            uid: a.uid,
            organisation_id: a.organisation_id,
            organisation: a.organisation,
            framework: a.framework,
            framework_title: a.framework_title,
            period: a.period,
            title: a.title,
            status: a.status,
        }
    }
}

/// What the new-assessment form sends.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAssessmentInput {
    pub organisation_id: i64,
    /// The chosen framework's content hash.
    pub framework: String,
    pub period: i32,
    pub title: String,
    pub scope: String,
    /// The profile the weights started from.
    pub profile: String,
    /// Criterion id → points, when the user edited the profile's weights.
    pub custom_points: Option<BTreeMap<String, f64>>,
    pub assessors: Vec<keel_core::form::AssessorInput>,
}

/// Next year's draft as the dialog asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NextYearInput {
    pub period: i32,
    /// The new title; blank for next year's title made from last year's
    /// (`keel_core::form::next_years_title`).
    pub title: String,
    /// Start from last year's agreed scores and not-applicable decisions, each marked "from
    /// last year" until confirmed or changed.
    pub carry_scores: bool,
    /// Bring last year's notes (evidence, strengths, areas for improvement) too.
    pub carry_notes: bool,
}

/// What the next-year dialog offers: the suggested title and what could come along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NextYearOffer {
    pub period: i32,
    pub title: String,
    /// Agreed scores that would come along (not-applicable decisions not counted).
    pub scores: usize,
    pub not_applicable: usize,
    pub notes: usize,
    /// Open and in-progress actions, which always come along.
    pub open_actions: usize,
    pub assessors: usize,
}

/// One node of the framework tree as the walk-through shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OutlineNode {
    pub id: String,
    pub number: String,
    pub title: String,
    /// Keel's own guidance for the assessor.
    pub prompt: String,
    /// The id of its scheme in [`FrameworkOutline::schemes`] when it is scored.
    pub scheme: Option<String>,
    pub depth: usize,
    pub parent: Option<String>,
    pub stakeholders: Vec<StakeholderGroup>,
}

/// The framework an assessment was made against, flattened for the walk-through.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkOutline {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub version: String,
    pub total_points: f64,
    pub schemes: Vec<Scheme>,
    /// Framework order, parents before children.
    pub nodes: Vec<OutlineNode>,
}

impl From<&Framework> for FrameworkOutline {
    fn from(framework: &Framework) -> FrameworkOutline {
        let nodes = framework.nodes();
        FrameworkOutline {
            id: framework.id().to_owned(),
            title: framework.title().to_owned(),
            edition: framework.edition().to_owned(),
            version: framework.version().to_owned(),
            total_points: framework.total_points(),
            schemes: framework.schemes().to_vec(),
            nodes: nodes
                .iter()
                .map(|n| OutlineNode {
                    id: n.id.clone(),
                    number: n.number.clone(),
                    title: n.title.clone(),
                    prompt: n.prompt.clone(),
                    scheme: n.scheme.map(|s| framework.schemes()[s].id().to_owned()),
                    depth: n.depth,
                    parent: n.parent.map(|p| nodes[p].id.clone()),
                    stakeholders: n.stakeholders.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AssessorView {
    pub key: String,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    pub id: i64,
    pub node: String,
    pub kind: NoteKind,
    pub text: String,
    pub created_at: String,
}

impl From<Note> for NoteView {
    fn from(n: Note) -> NoteView {
        NoteView { id: n.id, node: n.node, kind: n.kind, text: n.text, created_at: n.created_at }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActionView {
    pub id: i64,
    pub title: String,
    pub owner: String,
    /// ISO date.
    pub due: Option<String>,
    pub status: ActionStatus,
    pub node: Option<String>,
    pub completed_on: Option<String>,
    /// Past its due date today and not done (`ActionDoc::is_overdue`).
    pub overdue: bool,
}

impl From<Action> for ActionView {
    fn from(a: Action) -> ActionView {
        ActionView {
            overdue: a.doc.is_overdue(chrono::Local::now().date_naive()),
            id: a.id,
            title: a.doc.title,
            owner: a.doc.owner,
            due: a.doc.due.map(|d| d.to_string()),
            status: a.doc.status,
            node: a.doc.node,
            completed_on: a.doc.completed_on.map(|d| d.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    pub id: i64,
    pub node: String,
    pub name: String,
    pub size: u64,
}

impl From<Attachment> for AttachmentView {
    fn from(a: Attachment) -> AttachmentView {
        AttachmentView { id: a.id, node: a.node, name: a.name, size: a.size }
    }
}

/// One assessment with everything the walk-through and the results need.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentView {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub sector: Sector,
    pub title: String,
    pub period: i32,
    pub scope: String,
    /// The weighting profile, or `custom` when the weights were edited.
    pub profile: String,
    pub status: AssessmentStatus,
    pub assessors: Vec<AssessorView>,
    pub framework: FrameworkOutline,
    /// The agreed scores: node id → score.
    pub agreed: BTreeMap<String, NodeScore>,
    /// Why each agreed score is what it is: node id → rationale.
    pub rationale: BTreeMap<String, String>,
    /// Per node someone scored: each assessor's %, the spread and the disagreement flag.
    pub spread: Vec<keel_core::consensus::NodeSpread>,
    /// For results parts (RADAR with Trends and Targets): what the organisation's KPIs suggest.
    pub suggestions: BTreeMap<String, keel_core::kpi::Suggestion>,
    /// Each assessor's own scores: assessor key → node id → score.
    pub own: BTreeMap<String, BTreeMap<String, NodeScore>>,
    pub notes: Vec<NoteView>,
    pub actions: Vec<ActionView>,
    pub attachments: Vec<AttachmentView>,
    pub report: ScoreReport,
    /// Where the user left off.
    pub resume_node: Option<String>,
    /// The seal made when the assessment was finalised; `null` until then.
    pub seal: Option<SealView>,
    /// Nodes whose agreed score came from last year and is not yet confirmed or changed.
    pub carried: Vec<String>,
}

/// A final assessment's seal as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SealView {
    /// The first hex digits of the SHA-256.
    pub short: String,
    /// The whole SHA-256 (hex).
    pub hash: String,
    /// When it was sealed (RFC 3339, UTC).
    pub sealed_at: String,
}

impl From<keel_store::Seal> for SealView {
    fn from(seal: keel_store::Seal) -> SealView {
        SealView { short: seal.short().to_owned(), hash: seal.hash.clone(), sealed_at: seal.sealed_at }
    }
}

impl AssessmentView {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        summary: &AssessmentSummary,
        file: ExchangeFile,
        framework: &Framework,
        report: ScoreReport,
        notes: Vec<Note>,
        actions: Vec<Action>,
        attachments: Vec<Attachment>,
        resume_node: Option<String>,
    ) -> Result<AssessmentView, keel_core::InputError> {
        let profile = match &file.assessment.custom_profile {
            Some(custom) => custom.id.clone(),
            None => file.assessment.profile.clone(),
        };
        Ok(AssessmentView {
            id: summary.id,
            organisation_id: summary.organisation_id,
            organisation: file.organisation.name.clone(),
            sector: file.organisation.sector,
            title: file.assessment.title.clone(),
            period: file.assessment.period,
            scope: file.assessment.scope.clone(),
            profile,
            status: file.assessment.status,
            assessors: file
                .assessors
                .iter()
                .map(|a| AssessorView { key: a.key.clone(), name: a.name.clone(), role: a.role.clone() })
                .collect(),
            framework: FrameworkOutline::from(framework),
            agreed: file.agreed_scores(),
            rationale: file.consensus.iter().map(|(node, c)| (node.clone(), c.rationale.clone())).collect(),
            spread: keel_core::consensus::spread(&file, framework, keel_core::limits::DISAGREEMENT_THRESHOLD)?,
            suggestions: keel_core::kpi::suggestions(framework, &file.kpis, file.assessment.period),
            own: file.scores,
            notes: notes.into_iter().map(NoteView::from).collect(),
            actions: actions.into_iter().map(ActionView::from).collect(),
            attachments: attachments.into_iter().map(AttachmentView::from).collect(),
            report,
            resume_node,
            seal: None,
            carried: Vec::new(),
        })
    }
}

/// A chart as the window shows it: the SVG keel-charts drew (shown as an image, never inlined).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChartView {
    pub kind: keel_charts::ChartKind,
    pub title: String,
    pub svg: String,
    /// The size the SVG is drawn at (pixels), for the image's place before it loads.
    pub width: u32,
    pub height: u32,
}

/// Which file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// The management-review report (PDF).
    Report,
    /// The workbook with native charts (XLSX).
    Workbook,
    /// Node scores (CSV).
    ScoresCsv,
    /// The assessment exchange file (JSON) to share or to score with `keel score`.
    Exchange,
}

/// A chart file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ChartFileFormat {
    Svg,
    Png,
    PrintPng,
}

impl ChartFileFormat {
    /// The file's extension and the save dialog's filter name.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            ChartFileFormat::Svg => ("svg", "SVG image"),
            ChartFileFormat::Png | ChartFileFormat::PrintPng => ("png", "PNG image"),
        }
    }
}

impl From<ChartFileFormat> for keel_export::ChartFormat {
    fn from(format: ChartFileFormat) -> keel_export::ChartFormat {
        match format {
            ChartFileFormat::Svg => keel_export::ChartFormat::Svg,
            ChartFileFormat::Png => keel_export::ChartFormat::Png,
            ChartFileFormat::PrintPng => keel_export::ChartFormat::PrintPng,
        }
    }
}

/// A finished export; commands return `null` instead when the user cancelled the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub path: String,
    pub bytes: u64,
}

/// Progress of a long operation, sent as the `progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// What is running, e.g. `report`.
    pub job: String,
    /// What it is doing now, for people.
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

/// The result of saving a score: the assessment's new result and when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ScoreSaved {
    pub report: ScoreReport,
    /// The assessors' spread after the change.
    pub spread: Vec<keel_core::consensus::NodeSpread>,
    pub saved_at: String,
}

/// The Compare view: the comparison and its trend charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CompareView {
    pub comparison: keel_core::comparison::Comparison,
    /// The assessments compared, oldest first.
    pub assessments: Vec<AssessmentItem>,
    pub charts: Vec<ChartView>,
}

/// EFQM and ISO 9001 side by side for one organisation and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SideBySideView {
    pub efqm: AssessmentItem,
    pub iso: AssessmentItem,
    pub side: keel_core::crosswalk::SideBySide,
}
