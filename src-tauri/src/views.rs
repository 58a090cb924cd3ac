//! The shapes the window works with, built from keel-core and keel-store types: what crosses
//! IPC, with TypeScript twins generated into `ui/src/lib/bindings.ts`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keel_core::exchange::{ActionDoc, ActionStatus, AssessmentStatus, AssessorDoc, ExchangeFile, NoteKind};
use keel_core::framework::{Scheme, DEFAULT_PROFILE};
use keel_core::scoring::{NodeScore, ScoreReport};
use keel_core::{Framework, InputError, Sector, StakeholderGroup};
use keel_store::{Action, AssessmentSummary, Attachment, Note};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A framework the user can start an assessment with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
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

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CriterionRef {
    pub id: String,
    pub number: String,
    pub title: String,
}

/// A weighting profile and the points it gives each criterion.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
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
            weights_of(DEFAULT_PROFILE, "The framework's own points", "").into_iter().collect();
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
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub organisation_id: i64,
    pub organisation: String,
    pub framework: String,
    pub period: i32,
    pub title: String,
    pub status: AssessmentStatus,
}

impl From<AssessmentSummary> for AssessmentItem {
    fn from(a: AssessmentSummary) -> AssessmentItem {
        AssessmentItem {
            id: a.id,
            organisation_id: a.organisation_id,
            organisation: a.organisation,
            framework: a.framework,
            period: a.period,
            title: a.title,
            status: a.status,
        }
    }
}

/// What the new-assessment form sends.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAssessmentInput {
    #[ts(type = "number")]
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
    pub assessors: Vec<AssessorInput>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessorInput {
    pub name: String,
    pub role: String,
}

impl AssessorInput {
    /// Assessors with keys derived from their names (unique, lower-case); blank names are skipped.
    pub fn docs(list: &[AssessorInput]) -> Vec<AssessorDoc> {
        let mut out: Vec<AssessorDoc> = Vec::new();
        for a in list.iter().filter(|a| !a.name.trim().is_empty()) {
            let base: String = a
                .name
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect::<String>()
                .split('-')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let base = if base.is_empty() { "assessor".to_owned() } else { base };
            let mut key = base.clone();
            let mut n = 2;
            while out.iter().any(|d| d.key == key) {
                key = format!("{base}-{n}");
                n += 1;
            }
            out.push(AssessorDoc { key, name: a.name.trim().to_owned(), role: a.role.trim().to_owned() });
        }
        out
    }
}

/// One node of the framework tree as the walk-through shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutlineNode {
    pub id: String,
    pub number: String,
    pub title: String,
    /// Keel's own guidance for the assessor.
    pub prompt: String,
    /// The id of its scheme in [`FrameworkOutline::schemes`] when it is scored.
    pub scheme: Option<String>,
    #[ts(type = "number")]
    pub depth: usize,
    pub parent: Option<String>,
    pub stakeholders: Vec<StakeholderGroup>,
}

/// The framework an assessment was made against, flattened for the walk-through.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
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

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessorView {
    pub key: String,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    #[ts(type = "number")]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub owner: String,
    /// ISO date.
    pub due: Option<String>,
    pub status: ActionStatus,
    pub node: Option<String>,
    pub completed_on: Option<String>,
}

impl From<Action> for ActionView {
    fn from(a: Action) -> ActionView {
        ActionView {
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

/// What the action form sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionInput {
    pub title: String,
    pub owner: String,
    /// ISO date (YYYY-MM-DD) or empty.
    pub due: Option<String>,
    pub status: ActionStatus,
    pub node: Option<String>,
}

impl ActionInput {
    /// The action, with a bad due date named by its field.
    pub fn doc(&self) -> Result<ActionDoc, InputError> {
        let due = match self.due.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse::<NaiveDate>().map_err(|_| {
                InputError::one("action", "due", format!("{text:?} is not a date; use YYYY-MM-DD, e.g. 2026-03-31"))
            })?),
        };
        Ok(ActionDoc {
            title: self.title.trim().to_owned(),
            owner: self.owner.trim().to_owned(),
            due,
            status: self.status,
            node: self.node.clone().filter(|n| !n.is_empty()),
            completed_on: None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    #[ts(type = "number")]
    pub id: i64,
    pub node: String,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
}

impl From<Attachment> for AttachmentView {
    fn from(a: Attachment) -> AttachmentView {
        AttachmentView { id: a.id, node: a.node, name: a.name, size: a.size }
    }
}

/// One assessment with everything the walk-through and the results need.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
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
    ) -> AssessmentView {
        let profile = match &file.assessment.custom_profile {
            Some(custom) => custom.id.clone(),
            None => file.assessment.profile.clone(),
        };
        AssessmentView {
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
            spread: keel_core::consensus::spread(&file, framework, keel_core::consensus::DISAGREEMENT_THRESHOLD),
            suggestions: keel_core::kpi::suggestions(framework, &file.kpis, file.assessment.period),
            own: file.scores,
            notes: notes.into_iter().map(NoteView::from).collect(),
            actions: actions.into_iter().map(ActionView::from).collect(),
            attachments: attachments.into_iter().map(AttachmentView::from).collect(),
            report,
            resume_node,
        }
    }
}

/// A chart as the window shows it: the SVG keel-charts drew (shown as an image, never inlined).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartView {
    /// The chart kind's id, e.g. `criteria-radar`.
    pub kind: String,
    pub title: String,
    pub svg: String,
}

/// Which file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ChartFileFormat {
    Svg,
    Png,
    PrintPng,
}

/// A finished export; commands return `null` instead when the user cancelled the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Progress of a long operation, sent as the `progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreSaved {
    pub report: ScoreReport,
    /// The assessors' spread after the change.
    pub spread: Vec<keel_core::consensus::NodeSpread>,
    pub saved_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assessor_keys_are_unique_and_blank_names_skipped() {
        let input = |name: &str| AssessorInput { name: name.into(), role: String::new() };
        let docs = AssessorInput::docs(&[input("Priya Shah"), input("  "), input("priya shah"), input("Zoë O'Neil")]);
        let keys: Vec<&str> = docs.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(keys, ["priya-shah", "priya-shah-2", "zoë-o-neil"]);
        assert_eq!(docs[2].name, "Zoë O'Neil");
    }

    #[test]
    fn a_bad_due_date_names_the_field() {
        let input = ActionInput {
            title: "Fix".into(),
            owner: String::new(),
            due: Some("31/03/2026".into()),
            status: ActionStatus::Open,
            node: None,
        };
        let err = input.doc().expect_err("not ISO");
        assert!(err.to_string().contains("due") && err.to_string().contains("YYYY-MM-DD"), "{err}");
        let ok = ActionInput { due: Some("2026-03-31".into()), ..input }.doc().expect("ISO date");
        assert_eq!(ok.due.map(|d| d.to_string()).as_deref(), Some("2026-03-31"));
    }
}

/// The Compare view: the comparison and its trend charts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CompareView {
    pub comparison: keel_core::comparison::Comparison,
    /// The assessments compared, oldest first.
    pub assessments: Vec<AssessmentItem>,
    pub charts: Vec<ChartView>,
}

/// A KPI value the user records in the window (a new KPI when the key is not known yet).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiInput {
    /// An existing KPI's key; empty for a new KPI (the key is made from the name).
    pub key: String,
    pub name: String,
    pub group: StakeholderGroup,
    pub unit: String,
    pub direction: keel_core::exchange::Direction,
    pub target: Option<f64>,
    pub financial: bool,
    pub period: String,
    pub value: f64,
}

impl KpiInput {
    /// The KPI with this one value, checked; `known` are the organisation's KPIs.
    pub fn doc(&self, known: &[keel_core::exchange::KpiDoc]) -> Result<keel_core::exchange::KpiDoc, InputError> {
        let origin = "KPI";
        if !self.value.is_finite() {
            return Err(InputError::one(origin, "value", "must be a number"));
        }
        if self.period.trim().is_empty() {
            return Err(InputError::one(origin, "period", "must not be empty (e.g. 2025)"));
        }
        let mut doc = match known.iter().find(|k| !self.key.is_empty() && k.key == self.key) {
            Some(existing) => existing.clone(),
            None => {
                if self.name.trim().is_empty() {
                    return Err(InputError::one(origin, "name", "must not be empty"));
                }
                let key = keel_core::kpi::key_from(&self.name);
                if known.iter().any(|k| k.key == key) {
                    return Err(InputError::one(
                        origin,
                        "name",
                        format!("a KPI with the key {key:?} already exists; choose it from the list"),
                    ));
                }
                keel_core::exchange::KpiDoc {
                    key,
                    name: self.name.trim().to_owned(),
                    group: self.group,
                    unit: self.unit.trim().to_owned(),
                    direction: self.direction,
                    target: self.target,
                    financial: self.financial,
                    values: BTreeMap::new(),
                }
            }
        };
        doc.values = BTreeMap::from([(self.period.trim().to_owned(), self.value)]);
        Ok(doc)
    }
}

/// EFQM and ISO 9001 side by side for one organisation and period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SideBySideView {
    pub efqm: AssessmentItem,
    pub iso: AssessmentItem,
    pub side: keel_core::crosswalk::SideBySide,
}
