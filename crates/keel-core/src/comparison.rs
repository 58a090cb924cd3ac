//! Year-on-year comparison of assessments of one organisation against one framework: per node
//! and per criterion deltas, the total change, the most improved parts and the areas of
//! concern, each stakeholder group's change, the balance over time with a *lurch* flag (one
//! group gains while another loses), and the improvement actions completed in between.
//!
//! Nodes are matched by id. A node that is not in every assessment (another framework version)
//! is listed in `unmatched`, never silently dropped.

use std::collections::BTreeMap;

use chrono::NaiveDate;
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::exchange::{ActionDoc, ActionStatus};
use crate::scoring::{round_shown, shown_change, ScoreReport};
use crate::StakeholderGroup;

/// How many most-improved parts and areas of concern are listed.
pub const TOP: usize = 5;

/// A group's move between consecutive assessments, in percentage points, beyond which a gain
/// against a loss counts as a lurch.
pub const LURCH_THRESHOLD: f64 = 5.0;

/// One assessment to compare: its label (usually the period), its result, and its actions.
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    pub label: &'a str,
    pub report: &'a ScoreReport,
    /// The assessment's actions; those completed after the previous assessment's period are
    /// linked to the changes.
    pub actions: &'a [ActionDoc],
    /// The last day of the period assessed (e.g. 31 December of the year).
    pub period_end: Option<NaiveDate>,
}

/// The comparison of two or more assessments, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub labels: Vec<String>,
    /// Total points per assessment.
    pub totals: Vec<f64>,
    pub max_points: f64,
    /// Latest total minus the one before it.
    pub total_change: f64,
    /// Criteria (top-level nodes) in framework order.
    pub criteria: Vec<NodeChange>,
    /// Every node present in all assessments, in framework order.
    pub nodes: Vec<NodeChange>,
    /// Up to [`TOP`] scored parts that rose most (latest against the one before), best first.
    pub most_improved: Vec<NodeChange>,
    /// Up to [`TOP`] scored parts that fell most, worst first.
    pub concerns: Vec<NodeChange>,
    pub groups: Vec<GroupChange>,
    /// The balance index per assessment.
    pub balance: Vec<Option<f64>>,
    pub lurches: Vec<Lurch>,
    /// Nodes not found in every assessment.
    pub unmatched: Vec<Unmatched>,
    /// Earlier assessments of another framework edition, carried through version maps.
    #[serde(default)]
    pub version_maps: Vec<VersionMapping>,
}

/// How an earlier assessment of another edition was brought onto the current framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionMapping {
    pub label: String,
    /// The framework it was made against.
    pub from: String,
    /// The version maps it went through, in order.
    pub through: Vec<String>,
    /// Its scored nodes that feed nothing in the newer edition.
    pub dropped: Vec<String>,
    /// Nodes of the current framework with no counterpart in it (not compared for that year).
    pub uncovered: Vec<String>,
}

/// One node across the assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NodeChange {
    pub id: String,
    pub number: String,
    pub title: String,
    pub depth: usize,
    pub points: Vec<f64>,
    pub percents: Vec<Option<f64>>,
    /// Latest points minus the one before.
    pub points_change: f64,
    /// Latest % minus the one before, when both are scored.
    pub percent_change: Option<f64>,
    /// Improvement actions on this node (or below it) completed since the previous assessment.
    pub completed_actions: Vec<String>,
}

/// One stakeholder group across the assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupChange {
    pub group: StakeholderGroup,
    pub percents: Vec<Option<f64>>,
    /// Latest % minus the one before, when both are known.
    pub change: Option<f64>,
}

/// Between two consecutive assessments one group gained and another lost, both by more than
/// [`LURCH_THRESHOLD`] points: attention moved instead of growing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Lurch {
    pub from: String,
    pub to: String,
    pub gained: StakeholderGroup,
    pub gain: f64,
    pub lost: StakeholderGroup,
    pub loss: f64,
}

/// A node that is not in every assessment compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unmatched {
    pub id: String,
    pub title: String,
    /// Labels of the assessments that have it.
    pub present_in: Vec<String>,
}

/// Why assessments cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    #[error("comparing needs at least two assessments; {0} given")]
    TooFew(usize),
    #[error("cannot carry the {label} assessment through the version map: {message}")]
    VersionMap { label: String, message: String },
    #[error(
        "the {label} assessment ({framework}) cannot be compared with the {latest_label} one ({latest_framework}): \
         no version map connects the two models; look at them side by side instead"
    )]
    NotComparable { label: String, framework: String, latest_label: String, latest_framework: String },
}

/// Whether assessments against frameworks `a` and `b` can be compared year on year: the same
/// framework, or editions of one model that the built-in version maps connect (either way).
/// Different models (EFQM next to ISO 9001) belong to the side-by-side view alone.
pub fn comparable(a: &str, b: &str) -> bool {
    a == b || crate::crosswalk::version_path(a, b).is_some() || crate::crosswalk::version_path(b, a).is_some()
}

/// In a list of assessments to compare (given by their framework ids, oldest first), the odd
/// one: the first whose model cannot be compared with the one most of the list shares (on a tie,
/// the newest's). Returns (odd index, index of the assessment it was measured against).
pub fn odd_one_out(frameworks: &[&str]) -> Option<(usize, usize)> {
    // `max_by_key` keeps the last of equals: the newest.
    let reference =
        (0..frameworks.len()).max_by_key(|&i| frameworks.iter().filter(|f| comparable(f, frameworks[i])).count())?;
    frameworks.iter().position(|f| !comparable(f, frameworks[reference])).map(|odd| (odd, reference))
}

/// Compares `assessments`, oldest first.
pub fn compare(assessments: &[Compared<'_>]) -> Result<Comparison, CompareError> {
    if assessments.len() < 2 {
        return Err(CompareError::TooFew(assessments.len()));
    }
    let n = assessments.len();
    let (latest, previous) = (n - 1, n - 2);
    let labels: Vec<String> = assessments.iter().map(|a| a.label.to_owned()).collect();
    let last = assessments[latest].report;
    if let Some(odd) = assessments.iter().find(|a| !comparable(&a.report.framework_id, &last.framework_id)) {
        return Err(CompareError::NotComparable {
            label: odd.label.to_owned(),
            framework: odd.report.framework_id.clone(),
            latest_label: labels[latest].clone(),
            latest_framework: last.framework_id.clone(),
        });
    }

    // Nodes of the latest assessment present in all; the rest are unmatched.
    let lookup: Vec<BTreeMap<&str, &crate::scoring::NodeResult>> =
        assessments.iter().map(|a| a.report.nodes.iter().map(|r| (r.id.as_str(), r)).collect()).collect();
    let mut unmatched = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for a in assessments {
        for node in &a.report.nodes {
            if !seen.insert(node.id.clone()) {
                continue;
            }
            let present_in: Vec<String> = lookup
                .iter()
                .zip(&labels)
                .filter(|(map, _)| map.contains_key(node.id.as_str()))
                .map(|(_, label)| label.clone())
                .collect();
            if present_in.len() < n {
                unmatched.push(Unmatched { id: node.id.clone(), title: node.title.clone(), present_in });
            }
        }
    }

    let completed = completed_between(&assessments[previous], &assessments[latest]);
    let tree = Tree::of(last);
    let nodes: Vec<NodeChange> = last
        .nodes
        .iter()
        .filter(|node| lookup.iter().all(|map| map.contains_key(node.id.as_str())))
        .map(|node| {
            let rows: Vec<&crate::scoring::NodeResult> = lookup.iter().map(|map| map[node.id.as_str()]).collect();
            let points: Vec<f64> = rows.iter().map(|r| round_shown(r.points)).collect();
            let percents: Vec<Option<f64>> = rows.iter().map(|r| r.percent.map(round_shown)).collect();
            let percent_change = match (percents[previous], percents[latest]) {
                (Some(before), Some(now)) => Some(shown_change(before, now)),
                _ => None,
            };
            NodeChange {
                id: node.id.clone(),
                number: node.number.clone(),
                title: node.title.clone(),
                depth: node.depth,
                points_change: shown_change(points[previous], points[latest]),
                points,
                percents,
                percent_change,
                completed_actions: completed
                    .iter()
                    .filter(|(action_node, _)| tree.is_within(action_node, &node.id))
                    .map(|(_, title)| title.clone())
                    .collect(),
            }
        })
        .collect();

    let criteria: Vec<NodeChange> = nodes.iter().filter(|c| c.depth == 0).cloned().collect();
    let assessable: Vec<&NodeChange> =
        nodes.iter().filter(|c| tree.is_leaf(&c.id) && c.percent_change.is_some()).collect();
    let mut improved: Vec<NodeChange> =
        assessable.iter().filter(|c| c.percent_change.is_some_and(|d| d > 0.0)).map(|c| (*c).clone()).collect();
    improved.sort_by(|a, b| b.percent_change.unwrap_or(0.0).total_cmp(&a.percent_change.unwrap_or(0.0)));
    improved.truncate(TOP);
    let mut concerns: Vec<NodeChange> =
        assessable.iter().filter(|c| c.percent_change.is_some_and(|d| d < 0.0)).map(|c| (*c).clone()).collect();
    concerns.sort_by(|a, b| a.percent_change.unwrap_or(0.0).total_cmp(&b.percent_change.unwrap_or(0.0)));
    concerns.truncate(TOP);

    let groups: Vec<GroupChange> = StakeholderGroup::ALL
        .into_iter()
        .map(|group| {
            let percents: Vec<Option<f64>> = assessments
                .iter()
                .map(|a| a.report.stakeholders.iter().find(|g| g.group == group).and_then(|g| g.percent))
                .map(|p| p.map(round_shown))
                .collect();
            let change = match (percents[previous], percents[latest]) {
                (Some(before), Some(now)) => Some(shown_change(before, now)),
                _ => None,
            };
            GroupChange { group, percents, change }
        })
        .collect();

    let mut lurches = Vec::new();
    for step in 1..n {
        let moves: Vec<(StakeholderGroup, f64)> = groups
            .iter()
            .filter_map(|g| match (g.percents[step - 1], g.percents[step]) {
                (Some(a), Some(b)) => Some((g.group, shown_change(a, b))),
                _ => None,
            })
            .collect();
        let gainer = moves.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
        let loser = moves.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some((gained, gain)), Some((lost, loss))) = (gainer, loser) {
            if gain > LURCH_THRESHOLD && loss < -LURCH_THRESHOLD {
                lurches.push(Lurch {
                    from: labels[step - 1].clone(),
                    to: labels[step].clone(),
                    gained,
                    gain,
                    lost,
                    loss: -loss,
                });
            }
        }
    }

    // Every figure rounded as shown and every change the difference of the shown figures, so
    // the window, the CLI and the exports print "422.22 → 434.17" beside "+11.95".
    let totals: Vec<f64> = assessments.iter().map(|a| round_shown(a.report.total_points)).collect();
    Ok(Comparison {
        total_change: shown_change(totals[previous], totals[latest]),
        totals,
        max_points: last.max_points,
        criteria,
        nodes,
        most_improved: improved,
        concerns,
        groups,
        balance: assessments.iter().map(|a| a.report.balance_index.map(round_shown)).collect(),
        lurches,
        unmatched,
        labels,
        version_maps: Vec::new(),
    })
}

/// The node tree of a report, rebuilt from its pre-order and depths.
struct Tree {
    /// Node id → its parent's id.
    parent: BTreeMap<String, String>,
    leaves: std::collections::BTreeSet<String>,
}

impl Tree {
    fn of(report: &ScoreReport) -> Tree {
        let mut parent = BTreeMap::new();
        let mut leaves = std::collections::BTreeSet::new();
        let mut path: Vec<&str> = Vec::new();
        for (i, node) in report.nodes.iter().enumerate() {
            path.truncate(node.depth);
            if let Some(&up) = path.last() {
                parent.insert(node.id.clone(), up.to_owned());
            }
            path.push(&node.id);
            if report.nodes.get(i + 1).is_none_or(|next| next.depth <= node.depth) {
                leaves.insert(node.id.clone());
            }
        }
        Tree { parent, leaves }
    }

    /// Whether `node` is `ancestor` or below it.
    fn is_within(&self, node: &str, ancestor: &str) -> bool {
        let mut at = Some(node);
        while let Some(id) = at {
            if id == ancestor {
                return true;
            }
            at = self.parent.get(id).map(String::as_str);
        }
        false
    }

    fn is_leaf(&self, id: &str) -> bool {
        self.leaves.contains(id)
    }
}

/// Actions (node, title) completed after the earlier assessment's period ended and no later
/// than the later one's; without period ends, every action done in the later assessment.
fn completed_between(earlier: &Compared<'_>, later: &Compared<'_>) -> Vec<(String, String)> {
    later
        .actions
        .iter()
        .chain(earlier.actions.iter())
        .filter(|a| a.status == ActionStatus::Done)
        .filter(|a| match (a.completed_on, earlier.period_end, later.period_end) {
            (Some(on), Some(start), Some(end)) => on > start && on <= end,
            _ => true,
        })
        .filter_map(|a| a.node.clone().map(|node| (node, a.title.clone())))
        .fold(Vec::new(), |mut out, item| {
            if !out.contains(&item) {
                out.push(item);
            }
            out
        })
}
