//! Scoring: from the scores an assessor gave to per-node percentages, points, totals, the
//! line-by-line explanation of the total, and the stakeholder view.
//!
//! Rules (also in `docs/scoring.md`):
//! - RADAR: attributes 0–100 in steps of 5; element % = mean of its attributes; part % = mean
//!   of its elements; an assessor override replaces the part % but the computed value is kept.
//! - Conformity: conforming 100 %, partially 50 %, not conforming 0 %.
//! - Maturity: level l of n → (l − 1) / (n − 1) × 100 %.
//! - Panel: the 0–100 score itself. Phases: mean of the phase scores.
//! - Not applicable nodes drop out and their siblings' points are renormalised.
//! - An unscored node is *missing*: it is listed, its parent is *partial*, and it adds no
//!   points; nothing is ever extrapolated or silently counted as zero.

use std::collections::BTreeMap;
use std::fmt::Write as _;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::{Framework, Scheme, Weights};
use crate::{Problem, StakeholderGroup};

/// What an assessor recorded for one assessable node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum NodeScore {
    Radar(RadarScore),
    Conformity(Conformity),
    /// A maturity level, 1-based.
    Maturity(u8),
    /// A 0–100 panel score.
    Panel(u8),
    /// Phase id → 0–100.
    Phases(BTreeMap<String, u8>),
    NotApplicable(NotApplicable),
}

impl NodeScore {
    /// The score of `scheme` nearest to `percent`: every RADAR attribute, panel or phase at
    /// `percent` rounded to a step of 5; the conformity answer or maturity level closest to it.
    pub fn nearest(scheme: &Scheme, percent: f64) -> NodeScore {
        let step5 = ((percent / 5.0).round() * 5.0).clamp(0.0, 100.0) as u8;
        match scheme {
            Scheme::Radar { elements, .. } => NodeScore::Radar(RadarScore {
                attributes: elements.iter().flat_map(|e| e.attributes.iter().map(|a| (a.id.clone(), step5))).collect(),
                assessor_override: None,
            }),
            Scheme::Conformity { .. } => NodeScore::Conformity(if percent >= 75.0 {
                Conformity::Conforming
            } else if percent >= 25.0 {
                Conformity::Partially
            } else {
                Conformity::NotConforming
            }),
            Scheme::Maturity { levels, .. } => {
                let top = levels.len().max(1) as f64 - 1.0;
                NodeScore::Maturity(1 + (percent.clamp(0.0, 100.0) / 100.0 * top).round() as u8)
            }
            Scheme::Panel { .. } => NodeScore::Panel(step5),
            Scheme::Phases { phases, .. } => NodeScore::Phases(phases.iter().map(|p| (p.id.clone(), step5)).collect()),
        }
    }
}

/// RADAR attribute scores of one part, and the assessor's override if any.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RadarScore {
    /// Attribute id → 0–100 in steps of 5.
    pub attributes: BTreeMap<String, u8>,
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub assessor_override: Option<Override>,
}

/// An assessor's judgement replacing a computed part score; the reason is required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Override {
    pub percent: f64,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Conformity {
    Conforming,
    Partially,
    NotConforming,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotApplicable {
    pub reason: String,
}

/// Scores that do not fit the framework (unknown node, wrong scheme, value out of range).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct ScoreError {
    pub problems: Vec<Problem>,
}

/// How far a node has been assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Status {
    /// Fully scored (for a parent: every applicable child is scored).
    Scored,
    /// Some applicable children are scored, some are missing.
    Partial,
    /// Nothing scored yet (for a RADAR part: not every attribute scored).
    Missing,
    /// Marked not applicable (for a parent: every child is); drops out of the total.
    NotApplicable,
}

/// The result for one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NodeResult {
    pub id: String,
    pub number: String,
    pub title: String,
    pub depth: usize,
    pub status: Status,
    /// Points this node is worth after profile weighting and N/A renormalisation.
    pub max_points: f64,
    /// Score in % (for a partial parent: over its scored children only).
    pub percent: Option<f64>,
    /// Points earned by the scored part of this node.
    pub points: f64,
    /// For an overridden RADAR part: the computed % the assessor replaced.
    pub computed_percent: Option<f64>,
    pub override_reason: Option<String>,
    pub not_applicable_reason: Option<String>,
    /// The stakeholder groups this node serves: one row of the coverage matrix (node × group).
    pub stakeholders: Vec<StakeholderGroup>,
}

/// How one stakeholder group fares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupResult {
    pub group: StakeholderGroup,
    /// Points-weighted mean % of the scored assessable nodes tagged with this group.
    pub percent: Option<f64>,
    /// Assessable, applicable nodes tagged with this group.
    pub nodes: usize,
    /// Of those, how many are scored.
    pub scored: usize,
    /// Share of the framework's points that these nodes carry, in % (a node serving several
    /// groups counts for each).
    pub weight_share: f64,
}

/// The full result of scoring one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreReport {
    pub framework_id: String,
    pub framework_hash: String,
    pub profile: String,
    /// The weighting's title as a person reads it, e.g. "Every requirement equal".
    #[serde(default)]
    pub profile_title: String,
    /// The framework's maximum (1000 for EFQM).
    pub max_points: f64,
    /// Points earned so far: the sum over scored nodes; never extrapolated.
    pub total_points: f64,
    /// Total as % of the maximum; only when every applicable node is scored.
    pub percent: Option<f64>,
    pub complete: bool,
    /// Framework order, parents before children.
    pub nodes: Vec<NodeResult>,
    /// Ids of assessable, applicable nodes not (fully) scored yet.
    pub missing: Vec<String>,
    /// The total explained line by line.
    pub explanation: Vec<String>,
    pub stakeholders: Vec<GroupResult>,
    /// Groups not looked at by any applicable node.
    pub unassessed_groups: Vec<StakeholderGroup>,
    /// 100 − (best group % − worst group %): 100 when every scored group fares alike.
    pub balance_index: Option<f64>,
}

impl ScoreReport {
    /// The weighting as a person reads it: the profile's title (its id for a report read from
    /// a file that has none).
    pub fn weighting(&self) -> &str {
        if self.profile_title.trim().is_empty() {
            &self.profile
        } else {
            &self.profile_title
        }
    }
}

/// Scores `scores` (node id → score) against `framework` weighted by `weights`.
pub fn score(
    framework: &Framework,
    weights: &Weights,
    scores: &BTreeMap<String, NodeScore>,
) -> Result<ScoreReport, ScoreError> {
    let leaf = leaf_results(framework, scores)?;
    let nodes = framework.nodes();
    let n = nodes.len();

    // Bottom-up: status and % of every node. Children come after their parent, so walk back.
    // `covered` is the share (0–1) of a node's applicable weight that is scored, so a partly
    // scored child counts only with its scored part: a parent's "% so far" is the points earned
    // over the points of the scored parts, at any depth.
    let mut status = vec![Status::Missing; n];
    let mut percent: Vec<Option<f64>> = vec![None; n];
    let mut covered = vec![0.0_f64; n];
    for i in (0..n).rev() {
        if nodes[i].is_assessable() {
            status[i] = leaf[i].status;
            percent[i] = leaf[i].percent;
            covered[i] = if percent[i].is_some() { 1.0 } else { 0.0 };
            continue;
        }
        let applicable: Vec<usize> =
            nodes[i].children.iter().copied().filter(|&c| status[c] != Status::NotApplicable).collect();
        if applicable.is_empty() {
            status[i] = Status::NotApplicable;
            continue;
        }
        let scored: Vec<usize> = applicable.iter().copied().filter(|&c| percent[c].is_some()).collect();
        let applicable_weight: f64 = applicable.iter().map(|&c| weights.points[c]).sum();
        let weight: f64 = scored.iter().map(|&c| weights.points[c] * covered[c]).sum();
        if weight > 0.0 {
            percent[i] = Some(
                scored.iter().map(|&c| weights.points[c] * covered[c] * percent[c].unwrap_or(0.0)).sum::<f64>()
                    / weight,
            );
        }
        if applicable_weight > 0.0 {
            covered[i] = weight / applicable_weight;
        }
        status[i] = if applicable.iter().all(|&c| status[c] == Status::Scored) {
            Status::Scored
        } else if scored.is_empty() {
            Status::Missing
        } else {
            Status::Partial
        };
    }

    // Top-down: what each node is worth once N/A siblings have dropped out.
    let mut max_points = vec![0.0; n];
    let roots: Vec<usize> = framework.roots().collect();
    share_out(&roots, framework.total_points(), weights, &status, &mut max_points);
    for i in 0..n {
        let children = nodes[i].children.clone();
        share_out(&children, max_points[i], weights, &status, &mut max_points);
    }
    if weights.equal_leaves {
        // Every applicable requirement is worth the same, wherever a not-applicable one sits:
        // the total over the applicable leaves, each parent the sum of its children.
        let applicable = (0..n).filter(|&i| nodes[i].is_assessable() && status[i] != Status::NotApplicable).count();
        for i in (0..n).rev() {
            max_points[i] = if !nodes[i].is_assessable() {
                nodes[i].children.iter().map(|&c| max_points[c]).sum()
            } else if status[i] == Status::NotApplicable || applicable == 0 {
                0.0
            } else {
                framework.total_points() / applicable as f64
            };
        }
    }

    // Points: earned by scored leaves only, summed upwards.
    let mut points = vec![0.0; n];
    for i in (0..n).rev() {
        points[i] = if nodes[i].is_assessable() {
            percent[i].map_or(0.0, |p| p / 100.0 * max_points[i])
        } else {
            nodes[i].children.iter().map(|&c| points[c]).sum()
        };
    }

    let results: Vec<NodeResult> = (0..n)
        .map(|i| NodeResult {
            id: nodes[i].id.clone(),
            number: nodes[i].number.clone(),
            title: nodes[i].title.clone(),
            depth: nodes[i].depth,
            status: status[i],
            max_points: max_points[i],
            percent: percent[i],
            points: points[i],
            computed_percent: leaf[i].computed_percent,
            override_reason: leaf[i].override_reason.clone(),
            not_applicable_reason: leaf[i].not_applicable_reason.clone(),
            stakeholders: nodes[i].stakeholders.clone(),
        })
        .collect();

    let missing: Vec<String> = (0..n)
        .filter(|&i| nodes[i].is_assessable() && status[i] == Status::Missing)
        .map(|i| nodes[i].id.clone())
        .collect();
    let total_points: f64 = roots.iter().map(|&r| points[r]).sum();
    let complete = missing.is_empty();
    let applicable_max: f64 = roots.iter().map(|&r| max_points[r]).sum();
    let overall = (complete && applicable_max > 0.0).then(|| total_points / applicable_max * 100.0);

    let (stakeholders, unassessed_groups, balance_index) = stakeholder_view(framework, &results);
    let mut report = ScoreReport {
        framework_id: framework.id().to_owned(),
        framework_hash: framework.content_hash().to_owned(),
        profile: weights.profile.clone(),
        profile_title: weights.title.clone(),
        max_points: framework.total_points(),
        total_points,
        percent: overall,
        complete,
        nodes: results,
        missing,
        explanation: Vec::new(),
        stakeholders,
        unassessed_groups,
        balance_index,
    };
    report.explanation = explain(framework, &report);
    Ok(report)
}

/// Gives `parent_points` to the applicable nodes of `group` in proportion to their weights.
fn share_out(group: &[usize], parent_points: f64, weights: &Weights, status: &[Status], max_points: &mut [f64]) {
    let applicable_weight: f64 =
        group.iter().filter(|&&c| status[c] != Status::NotApplicable).map(|&c| weights.points[c]).sum();
    for &c in group {
        max_points[c] = if status[c] == Status::NotApplicable || applicable_weight <= 0.0 {
            0.0
        } else {
            parent_points * weights.points[c] / applicable_weight
        };
    }
}

#[derive(Debug, Clone)]
struct LeafResult {
    status: Status,
    percent: Option<f64>,
    computed_percent: Option<f64>,
    override_reason: Option<String>,
    not_applicable_reason: Option<String>,
}

impl LeafResult {
    fn missing() -> LeafResult {
        LeafResult {
            status: Status::Missing,
            percent: None,
            computed_percent: None,
            override_reason: None,
            not_applicable_reason: None,
        }
    }

    fn scored(percent: f64) -> LeafResult {
        LeafResult { status: Status::Scored, percent: Some(percent), ..LeafResult::missing() }
    }
}

/// Checks every score against its node's scheme and computes the leaf percentages.
fn leaf_results(framework: &Framework, scores: &BTreeMap<String, NodeScore>) -> Result<Vec<LeafResult>, ScoreError> {
    let mut problems = Vec::new();
    let mut add = |path: String, message: String| problems.push(Problem { path, message });
    let mut results = vec![LeafResult::missing(); framework.nodes().len()];
    for (id, node_score) in scores {
        let path = format!("scores.{id}");
        let Some(index) = framework.node_index(id) else {
            add(path, format!("no node {id:?} in framework {}", framework.id()));
            continue;
        };
        let node = &framework.nodes()[index];
        let Some(scheme) = node.scheme.map(|s| &framework.schemes()[s]) else {
            add(path, format!("node {id} is not assessable: it is scored through its children"));
            continue;
        };
        match leaf(scheme, node_score, &path) {
            Ok(result) => results[index] = result,
            Err(mut found) => problems_extend(&mut add, &mut found),
        }
    }
    if problems.is_empty() {
        Ok(results)
    } else {
        Err(ScoreError { problems })
    }
}

fn problems_extend(add: &mut impl FnMut(String, String), found: &mut Vec<Problem>) {
    for p in found.drain(..) {
        add(p.path, p.message);
    }
}

fn leaf(scheme: &Scheme, score: &NodeScore, path: &str) -> Result<LeafResult, Vec<Problem>> {
    let problem = |path: String, message: String| vec![Problem { path, message }];
    let check_0_100 = |path: String, v: u8| {
        if v > 100 {
            Err(problem(path, format!("{v} is above 100")))
        } else {
            Ok(())
        }
    };
    match (scheme, score) {
        (_, NodeScore::NotApplicable(na)) => {
            if na.reason.trim().is_empty() {
                return Err(problem(format!("{path}.notApplicable.reason"), "say why the node does not apply".into()));
            }
            Ok(LeafResult {
                status: Status::NotApplicable,
                not_applicable_reason: Some(na.reason.clone()),
                ..LeafResult::missing()
            })
        }
        (Scheme::Radar { elements, .. }, NodeScore::Radar(radar)) => {
            let mut problems = Vec::new();
            for (attribute, &value) in &radar.attributes {
                let here = format!("{path}.radar.attributes.{attribute}");
                if !elements.iter().any(|e| e.attributes.iter().any(|a| &a.id == attribute)) {
                    problems.push(Problem {
                        path: here,
                        message: format!("unknown attribute {attribute:?} for this scheme"),
                    });
                } else if value > 100 || value % 5 != 0 {
                    problems.push(Problem {
                        path: here,
                        message: format!("{value} is not a score from 0 to 100 in steps of 5"),
                    });
                }
            }
            if let Some(o) = &radar.assessor_override {
                if !(o.percent.is_finite() && (0.0..=100.0).contains(&o.percent)) {
                    problems.push(Problem {
                        path: format!("{path}.radar.override.percent"),
                        message: "must be from 0 to 100".into(),
                    });
                }
                if o.reason.trim().is_empty() {
                    problems.push(Problem {
                        path: format!("{path}.radar.override.reason"),
                        message: "an override needs a reason".into(),
                    });
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            let mut element_means = Vec::with_capacity(elements.len());
            for element in elements {
                let values: Option<Vec<f64>> =
                    element.attributes.iter().map(|a| radar.attributes.get(&a.id).map(|&v| f64::from(v))).collect();
                match values {
                    Some(values) => element_means.push(mean(&values)),
                    None => return Ok(LeafResult::missing()),
                }
            }
            let computed = mean(&element_means);
            Ok(match &radar.assessor_override {
                Some(o) => LeafResult {
                    status: Status::Scored,
                    percent: Some(o.percent),
                    computed_percent: Some(computed),
                    override_reason: Some(o.reason.clone()),
                    not_applicable_reason: None,
                },
                None => LeafResult::scored(computed),
            })
        }
        (Scheme::Conformity { .. }, NodeScore::Conformity(c)) => Ok(LeafResult::scored(match c {
            Conformity::Conforming => 100.0,
            Conformity::Partially => 50.0,
            Conformity::NotConforming => 0.0,
        })),
        (Scheme::Maturity { levels, .. }, NodeScore::Maturity(level)) => {
            let top = levels.len();
            if *level == 0 || usize::from(*level) > top {
                return Err(problem(format!("{path}.maturity"), format!("level {level} is not between 1 and {top}")));
            }
            Ok(LeafResult::scored(f64::from(level - 1) / (top - 1) as f64 * 100.0))
        }
        (Scheme::Panel { .. }, NodeScore::Panel(value)) => {
            check_0_100(format!("{path}.panel"), *value)?;
            Ok(LeafResult::scored(f64::from(*value)))
        }
        (Scheme::Phases { phases, .. }, NodeScore::Phases(given)) => {
            for (phase, &value) in given {
                if !phases.iter().any(|p| &p.id == phase) {
                    return Err(problem(format!("{path}.phases.{phase}"), format!("unknown phase {phase:?}")));
                }
                check_0_100(format!("{path}.phases.{phase}"), value)?;
            }
            let values: Option<Vec<f64>> = phases.iter().map(|p| given.get(&p.id).map(|&v| f64::from(v))).collect();
            Ok(values.map_or_else(LeafResult::missing, |v| LeafResult::scored(mean(&v))))
        }
        (scheme, _) => Err(problem(
            path.to_owned(),
            format!(
                "this node is scored with {:?} ({}); the score given is of another kind",
                scheme.id(),
                scheme.title()
            ),
        )),
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

type StakeholderView = (Vec<GroupResult>, Vec<StakeholderGroup>, Option<f64>);

fn stakeholder_view(framework: &Framework, results: &[NodeResult]) -> StakeholderView {
    let mut groups = Vec::new();
    let mut unassessed = Vec::new();
    for group in StakeholderGroup::ALL {
        let tagged: Vec<&NodeResult> = framework
            .nodes()
            .iter()
            .zip(results)
            .filter(|(node, result)| {
                node.is_assessable() && node.stakeholders.contains(&group) && result.status != Status::NotApplicable
            })
            .map(|(_, result)| result)
            .collect();
        if tagged.is_empty() {
            unassessed.push(group);
            continue;
        }
        let scored: Vec<&&NodeResult> = tagged.iter().filter(|r| r.percent.is_some()).collect();
        let weight: f64 = scored.iter().map(|r| r.max_points).sum();
        let percent = (weight > 0.0)
            .then(|| scored.iter().map(|r| r.max_points * r.percent.unwrap_or(0.0)).sum::<f64>() / weight);
        let weight_share = tagged.iter().map(|r| r.max_points).sum::<f64>() / framework.total_points() * 100.0;
        groups.push(GroupResult { group, percent, nodes: tagged.len(), scored: scored.len(), weight_share });
    }
    let scored: Vec<f64> = groups.iter().filter_map(|g| g.percent).collect();
    let balance = (scored.len() >= 2).then(|| {
        let best = scored.iter().copied().fold(f64::MIN, f64::max);
        let worst = scored.iter().copied().fold(f64::MAX, f64::min);
        100.0 - (best - worst)
    });
    (groups, unassessed, balance)
}

/// Decimals of points and percentages as every place shows them ([`fmt_points`]).
pub const SHOWN_DECIMALS: i32 = 1;

/// A figure rounded as it is shown ([`fmt_points`]: one decimal, half away from zero). A change
/// between shown figures is computed from the rounded figures, so "422.2 → 434.2" always sits
/// beside "+12", never "+11.9".
pub fn round_shown(v: f64) -> f64 {
    round_to(v, SHOWN_DECIMALS)
}

/// `v` to `decimals` places, half away from zero, never -0. Rounding the scaled value first makes
/// ties go away from zero in Rust as in JavaScript (`format!` alone rounds an exact tie to even).
fn round_to(v: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let r = (v * factor).round() / factor;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// The change from `before` to `now` as shown: the difference of the rounded figures.
pub fn shown_change(before: f64, now: f64) -> f64 {
    round_shown(round_shown(now) - round_shown(before))
}

/// Rounds for display: at most two decimals, no trailing zeros (weights and profiles, which the
/// user types and which must add up).
pub fn fmt_number(v: f64) -> String {
    rounded(v, 2)
}

/// Points and percentages earned, as every place shows them (the window, the CLI, the PDF; the
/// workbook's "0.0" cells round the same way): one decimal, half away from zero, no trailing
/// ".0" — 49.25 → "49.3", 39.96 → "40". The UI's `scoring.ts` follows the same rule, checked
/// against the same cases (`tests/rounding.json`).
pub fn fmt_points(v: f64) -> String {
    rounded(v, 1)
}

/// A percentage earned: [`fmt_points`] and " %", or "not scored".
pub fn fmt_percent(v: Option<f64>) -> String {
    v.map(|v| format!("{} %", fmt_points(v))).unwrap_or_else(|| "not scored".into())
}

/// A share shown as a whole percentage (coverage), half away from zero: 52.5 → "53 %".
pub fn fmt_whole_percent(v: f64) -> String {
    format!("{} %", rounded(v, 0))
}

fn rounded(v: f64, decimals: i32) -> String {
    let r = round_to(v, decimals);
    let text = format!("{r:.*}", decimals as usize);
    if decimals > 0 {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

fn explain(framework: &Framework, report: &ScoreReport) -> Vec<String> {
    let mut lines = Vec::new();
    for root in framework.roots() {
        let r = &report.nodes[root];
        let mut line = format!("{} {}: ", r.number, r.title);
        match (r.status, r.percent) {
            (Status::NotApplicable, _) => line.push_str("not applicable; its points are shared among the others"),
            (Status::Scored, Some(p)) => {
                let _ = write!(
                    line,
                    "{} % × {} = {} points",
                    fmt_points(p),
                    fmt_points(r.max_points),
                    fmt_points(r.points)
                );
            }
            (Status::Partial, Some(p)) => {
                let _ = write!(
                    line,
                    "partly scored ({} % so far); {} of {} points earned by the scored parts, the rest not yet assessed",
                    fmt_points(p),
                    fmt_points(r.points),
                    fmt_points(r.max_points)
                );
            }
            _ => {
                let _ = write!(line, "not scored yet (worth {} points)", fmt_points(r.max_points));
            }
        }
        lines.push(line);
    }
    if report.nodes.iter().all(|r| r.status == Status::NotApplicable) {
        lines.push("Total: nothing to score; every part is marked not applicable".to_owned());
        return lines;
    }
    let mut total = format!("Total: {} of {} points", fmt_points(report.total_points), fmt_points(report.max_points));
    match report.percent {
        Some(p) => {
            let _ = write!(total, " ({} %)", fmt_points(p));
        }
        None => {
            let _ = write!(total, " so far; {} node(s) still to score", report.missing.len());
        }
    }
    lines.push(total);
    // Each figure is rounded on its own, so the parts as shown may not add up to the total as
    // shown; say so rather than leave a reader to find a 0.1 gap.
    let shown: f64 = framework.roots().map(|r| round_shown(report.nodes[r].points)).sum();
    if (round_shown(shown) - round_shown(report.total_points)).abs() > 1e-6 {
        lines.push(format!(
            "Each figure is rounded to one decimal on its own: the parts as shown add up to {}, the total is {}.",
            fmt_points(shown),
            fmt_points(report.total_points)
        ));
    }
    lines
}
