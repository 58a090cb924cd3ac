//! The assessment exchange file (format 1): one assessment with its framework snapshot,
//! assessors, every assessor's scores, the agreed scores, notes, actions and the organisation's
//! KPIs. Used to share an assessment, to let each assessor work on their own machine, and to back
//! one up. See `docs/exchange-format.md`. Pure: parsing and validation only; keel-store reads and
//! writes the database.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::{Framework, FrameworkFile, ProfileSpec, DEFAULT_PROFILE};
use crate::input::{parse_json, InputError, Problem};
use crate::scoring::{score, NodeScore};
use crate::{OrganisationName, Sector, StakeholderGroup};

/// The exchange-file format this Keel reads and writes.
pub const EXCHANGE_FORMAT: u32 = 1;

/// Largest exchange file accepted, in bytes.
pub const MAX_EXCHANGE_BYTES: usize = 64 * 1024 * 1024;

/// What an exchange file says it holds; guards against feeding Keel another JSON file.
pub const EXCHANGE_KIND: &str = "keel-assessment";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExchangeFile {
    pub format: u32,
    /// Always `keel-assessment`.
    pub kind: String,
    pub organisation: OrganisationDoc,
    pub assessment: AssessmentDoc,
    /// The framework exactly as the assessment was made against it.
    pub framework: FrameworkFile,
    /// Its content hash; must match the snapshot.
    pub framework_hash: String,
    #[serde(default)]
    pub assessors: Vec<AssessorDoc>,
    /// Each assessor's own scores: assessor key → node id → score.
    #[serde(default)]
    pub scores: BTreeMap<String, BTreeMap<String, NodeScore>>,
    /// The agreed scores: node id → score and rationale.
    #[serde(default)]
    pub consensus: BTreeMap<String, ConsensusDoc>,
    #[serde(default)]
    pub notes: Vec<NoteDoc>,
    #[serde(default)]
    pub actions: Vec<ActionDoc>,
    #[serde(default)]
    pub kpis: Vec<KpiDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisationDoc {
    pub name: String,
    pub sector: Sector,
    #[serde(default)]
    pub sites: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentStatus {
    Draft,
    Consensus,
    /// Locked: nothing can change; duplicate it as next period's draft instead.
    Final,
}

impl AssessmentStatus {
    pub fn id(self) -> &'static str {
        match self {
            AssessmentStatus::Draft => "draft",
            AssessmentStatus::Consensus => "consensus",
            AssessmentStatus::Final => "final",
        }
    }

    pub fn from_id(id: &str) -> Option<AssessmentStatus> {
        [AssessmentStatus::Draft, AssessmentStatus::Consensus, AssessmentStatus::Final]
            .into_iter()
            .find(|s| s.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessmentDoc {
    /// Globally unique id: the same assessment keeps it across machines (merging relies on it).
    pub uid: String,
    pub title: String,
    /// The period assessed, usually a year.
    pub period: i32,
    #[serde(default)]
    pub scope: String,
    /// A profile of the framework (default `default`), unless `customProfile` is given.
    #[serde(default = "default_profile")]
    pub profile: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_profile: Option<ProfileSpec>,
    pub status: AssessmentStatus,
}

/// How an assessment is named to people: its title, with the period added only when the title
/// does not already say it ("EFQM self-assessment 2025", "Internal audit (2025)").
pub fn assessment_name(title: &str, period: i32) -> String {
    if title.contains(&period.to_string()) {
        title.to_owned()
    } else {
        format!("{title} ({period})")
    }
}

fn default_profile() -> String {
    DEFAULT_PROFILE.to_owned()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessorDoc {
    /// Short key used in `scores`, unique in the file.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsensusDoc {
    pub score: NodeScore,
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    Evidence,
    Strength,
    /// An area for improvement.
    Improvement,
}

impl NoteKind {
    pub fn id(self) -> &'static str {
        match self {
            NoteKind::Evidence => "evidence",
            NoteKind::Strength => "strength",
            NoteKind::Improvement => "improvement",
        }
    }

    pub const ALL: [NoteKind; 3] = [NoteKind::Evidence, NoteKind::Strength, NoteKind::Improvement];

    pub fn from_id(id: &str) -> Option<NoteKind> {
        NoteKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// How the window and the reports name the kind.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Evidence => "Evidence",
            NoteKind::Strength => "Strength",
            NoteKind::Improvement => "Area for improvement",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteDoc {
    pub node: String,
    pub kind: NoteKind,
    pub text: String,
    /// The assessor who wrote it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::Open, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Cancelled];

    pub fn from_id(id: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    /// How the window and the reports name the status.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Cancelled => "Cancelled",
        }
    }

    /// Still to be done: carried over to next period's draft.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionDoc {
    pub title: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// The node the action improves, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<NaiveDate>,
}

impl ActionDoc {
    /// Past its due date on `on` and still open or in progress: what the window and the review
    /// pack mark as overdue.
    pub fn is_overdue(&self, on: NaiveDate) -> bool {
        matches!(self.status, ActionStatus::Open | ActionStatus::InProgress) && self.due.is_some_and(|due| due < on)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn id(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher-is-better",
            Direction::LowerIsBetter => "lower-is-better",
        }
    }

    pub fn from_id(id: &str) -> Option<Direction> {
        [Direction::HigherIsBetter, Direction::LowerIsBetter].into_iter().find(|d| d.id() == id)
    }

    /// How the window and the reports say it.
    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher is better",
            Direction::LowerIsBetter => "lower is better",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KpiDoc {
    /// Short key, unique within the organisation.
    pub key: String,
    pub name: String,
    pub group: StakeholderGroup,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Financial (true) or non-financial (false) measure.
    #[serde(default)]
    pub financial: bool,
    /// Period (e.g. `2025`) → value.
    #[serde(default)]
    pub values: BTreeMap<String, f64>,
}

impl ExchangeFile {
    /// The agreed (consensus) scores: what the assessment's result is computed from.
    pub fn agreed_scores(&self) -> BTreeMap<String, NodeScore> {
        self.consensus.iter().map(|(node, agreed)| (node.clone(), agreed.score.clone())).collect()
    }

    /// Scores the agreed scores with the assessment's weighting (or `profile_override`).
    pub fn score(
        &self,
        framework: &Framework,
        profile_override: Option<&str>,
        origin: &str,
    ) -> Result<crate::scoring::ScoreReport, InputError> {
        let weights = match (profile_override, &self.assessment.custom_profile) {
            (None, Some(custom)) => framework.custom_weights(custom, origin)?,
            (id, _) => {
                let id = id.unwrap_or(&self.assessment.profile);
                framework.weights(id).ok_or_else(|| {
                    let known = framework.profile_ids().join(", ");
                    InputError::one(origin, "--profile", format!("unknown profile {id:?}; available: {known}"))
                })?
            }
        };
        score(framework, &weights, &self.agreed_scores())
            .map_err(|e| InputError { origin: origin.to_owned(), problems: e.problems })
    }

    /// Each assessor's own result (node id → %), in the order of [`ExchangeFile::assessors`],
    /// scored with the framework's default weights; an assessor with no scores gets an empty map.
    pub fn assessor_percents(&self, framework: &Framework) -> Vec<(String, BTreeMap<String, f64>)> {
        let weights = framework.default_weights();
        self.assessors
            .iter()
            .map(|a| {
                let percents = self
                    .scores
                    .get(&a.key)
                    .and_then(|own| score(framework, &weights, own).ok())
                    .map(|r| r.nodes.into_iter().filter_map(|n| n.percent.map(|p| (n.id, p))).collect())
                    .unwrap_or_default();
                (a.key.clone(), percents)
            })
            .collect()
    }

    /// Parses and fully validates an exchange file; `origin` names the file in errors. A file
    /// that passes can be imported without any further check failing.
    pub fn parse(json: &str, origin: &str) -> Result<(ExchangeFile, Framework), InputError> {
        let file: ExchangeFile = parse_json(json, origin, MAX_EXCHANGE_BYTES)?;
        let framework = file.validate(origin)?;
        Ok((file, framework))
    }

    /// Checks everything the types cannot: known format, the framework and its hash, ids that
    /// exist and are unique, scores that fit their nodes' schemes. Reports every problem.
    pub fn validate(&self, origin: &str) -> Result<Framework, InputError> {
        let mut problems = Vec::new();
        let mut add = |path: String, message: String| problems.push(Problem { path, message });
        if self.format != EXCHANGE_FORMAT {
            let message = format!("unknown format version {}; this Keel reads version {EXCHANGE_FORMAT}", self.format);
            return Err(InputError::one(origin, "format", message));
        }
        if self.kind != EXCHANGE_KIND {
            return Err(InputError::one(
                origin,
                "kind",
                format!("is {:?}; a Keel assessment says {EXCHANGE_KIND:?}", self.kind),
            ));
        }
        if let Err(e) = OrganisationName::parse(&self.organisation.name) {
            add("organisation.name".into(), e.to_string());
        }
        // The same rule as `keel org add --site`.
        for (i, site) in self.organisation.sites.iter().enumerate() {
            if let Err(e) = OrganisationName::parse_site(site) {
                add(format!("organisation.sites[{i}]"), e.to_string());
            }
        }
        let framework = Framework::from_file(self.framework.clone(), origin).map_err(|mut e| {
            for p in &mut e.problems {
                p.path = if p.path.is_empty() { "framework".into() } else { format!("framework.{}", p.path) };
            }
            e
        })?;
        if framework.content_hash() != self.framework_hash {
            add(
                "frameworkHash".into(),
                format!("does not match the framework snapshot (its hash is {})", framework.content_hash()),
            );
        }
        let a = &self.assessment;
        if a.uid.trim().is_empty() || a.uid.len() > 100 {
            add("assessment.uid".into(), "must be 1-100 characters".into());
        }
        if let Err(e) = crate::limits::check_assessment(origin, a.period, &a.title) {
            for p in e.problems {
                add(format!("assessment.{}", p.path), p.message);
            }
        }
        match &a.custom_profile {
            Some(custom) => {
                if let Err(e) = framework.custom_weights(custom, origin) {
                    for p in e.problems {
                        add(p.path.replacen("profile", "assessment.customProfile", 1), p.message);
                    }
                }
            }
            None if framework.weights(&a.profile).is_none() => add(
                "assessment.profile".into(),
                format!("unknown profile {:?}; available: {}", a.profile, framework.profile_ids().join(", ")),
            ),
            None => {}
        }
        let mut keys = HashSet::new();
        for (i, assessor) in self.assessors.iter().enumerate() {
            if assessor.key.trim().is_empty() {
                add(format!("assessors[{i}].key"), "must not be empty".into());
            } else if !keys.insert(assessor.key.as_str()) {
                add(format!("assessors[{i}].key"), format!("duplicate assessor key {:?}", assessor.key));
            }
            if assessor.name.trim().is_empty() {
                add(format!("assessors[{i}].name"), "must not be empty".into());
            }
        }
        let weights = framework.default_weights();
        for (assessor, scores) in &self.scores {
            if !keys.contains(assessor.as_str()) {
                add(format!("scores.{assessor}"), format!("no assessor with key {assessor:?}"));
            }
            if let Err(e) = score(&framework, &weights, scores) {
                for p in e.problems {
                    add(p.path.replacen("scores.", &format!("scores.{assessor}."), 1), p.message);
                }
            }
        }
        let agreed: BTreeMap<String, NodeScore> =
            self.consensus.iter().map(|(k, v)| (k.clone(), v.score.clone())).collect();
        if let Err(e) = score(&framework, &weights, &agreed) {
            for p in e.problems {
                add(p.path.replacen("scores.", "consensus.", 1), p.message);
            }
        }
        let node_exists = |id: &str| framework.node(id).is_some();
        for (i, note) in self.notes.iter().enumerate() {
            if !node_exists(&note.node) {
                add(format!("notes[{i}].node"), format!("no node {:?} in {}", note.node, framework.id()));
            }
            if note.text.trim().is_empty() {
                add(format!("notes[{i}].text"), "must not be empty".into());
            }
            if let Some(key) = &note.assessor {
                if !keys.contains(key.as_str()) {
                    add(format!("notes[{i}].assessor"), format!("no assessor with key {key:?}"));
                }
            }
        }
        for (i, action) in self.actions.iter().enumerate() {
            if action.title.trim().is_empty() {
                add(format!("actions[{i}].title"), "must not be empty".into());
            }
            if let Some(node) = &action.node {
                if !node_exists(node) {
                    add(format!("actions[{i}].node"), format!("no node {node:?} in {}", framework.id()));
                }
            }
        }
        let mut kpi_keys = HashSet::new();
        for (i, kpi) in self.kpis.iter().enumerate() {
            if kpi.key.trim().is_empty() || !kpi_keys.insert(kpi.key.as_str()) {
                add(format!("kpis[{i}].key"), format!("{:?} is empty or used twice", kpi.key));
            }
            if kpi.name.trim().is_empty() {
                add(format!("kpis[{i}].name"), "must not be empty".into());
            }
            if kpi.target.is_some_and(|t| !t.is_finite()) {
                add(format!("kpis[{i}].target"), "must be a finite number".into());
            }
            for (period, value) in &kpi.values {
                if !value.is_finite() {
                    add(format!("kpis[{i}].values.{period}"), "must be a finite number".into());
                }
            }
        }
        if problems.is_empty() {
            Ok(framework)
        } else {
            Err(InputError { origin: origin.to_owned(), problems })
        }
    }
}
