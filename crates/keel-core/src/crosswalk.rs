//! Crosswalks between frameworks as data (which source node gives evidence for which target
//! node, how, and how strongly), and the projection of a scored assessment onto the target:
//! "what does our ISO 9001 assessment say about the EFQM criteria, and what does it leave out?"

use std::collections::BTreeMap;
use std::sync::OnceLock;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::{builtin_framework, Framework};
use crate::input::{parse_json, InputError, Problem};
use crate::scoring::{NodeScore, ScoreReport};
use crate::StakeholderGroup;

/// A group counts as left unassessed when less than this share (%) of its target points gets
/// any evidence through the crosswalk.
pub const UNCOVERED_GROUP_THRESHOLD: f64 = 50.0;

/// Largest crosswalk file accepted, in bytes.
pub const MAX_CROSSWALK_BYTES: usize = 8 * 1024 * 1024;

/// How a source node relates to a target node (NIST OLIR style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Equal,
    /// The source covers part of the target.
    Subset,
    /// The source covers the target and more.
    Superset,
    Intersects,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pair {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    /// 0–1: how much of the target the source gives evidence for.
    pub strength: f64,
}

/// A crosswalk file (format 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Crosswalk {
    pub format: u32,
    pub id: String,
    /// Source framework id.
    pub from: String,
    /// Target framework id.
    pub to: String,
    pub source: String,
    pub pairs: Vec<Pair>,
}

impl Crosswalk {
    /// Parses a crosswalk and checks every pair against the two frameworks.
    pub fn parse(json: &str, origin: &str, from: &Framework, to: &Framework) -> Result<Crosswalk, InputError> {
        let crosswalk: Crosswalk = parse_json(json, origin, MAX_CROSSWALK_BYTES)?;
        let mut problems = Vec::new();
        if crosswalk.from != from.id() || crosswalk.to != to.id() {
            problems.push(Problem {
                path: "from".into(),
                message: format!("maps {} → {}, not {} → {}", crosswalk.from, crosswalk.to, from.id(), to.id()),
            });
        }
        for (i, pair) in crosswalk.pairs.iter().enumerate() {
            if from.node(&pair.from).is_none() {
                problems.push(Problem {
                    path: format!("pairs[{i}].from"),
                    message: format!("no node {:?} in {}", pair.from, from.id()),
                });
            }
            match to.node(&pair.to) {
                None => problems.push(Problem {
                    path: format!("pairs[{i}].to"),
                    message: format!("no node {:?} in {}", pair.to, to.id()),
                }),
                Some(node) if !node.is_assessable() => problems.push(Problem {
                    path: format!("pairs[{i}].to"),
                    message: format!("{} is not assessable; map onto its parts", pair.to),
                }),
                Some(_) => {}
            }
            if !(pair.strength > 0.0 && pair.strength <= 1.0) {
                problems
                    .push(Problem { path: format!("pairs[{i}].strength"), message: "must be > 0 and ≤ 1".into() });
            }
        }
        if problems.is_empty() {
            Ok(crosswalk)
        } else {
            Err(InputError { origin: origin.to_owned(), problems })
        }
    }
}

/// The built-in ISO 9001:2015 → EFQM 2020 crosswalk.
pub fn iso_9001_to_efqm_2020() -> &'static Crosswalk {
    static CROSSWALK: OnceLock<Crosswalk> = OnceLock::new();
    CROSSWALK.get_or_init(|| {
        let name = "iso-9001-2015--efqm-2020.json";
        let json = include_str!("../crosswalks/iso-9001-2015--efqm-2020.json");
        let (Some(from), Some(to)) = (builtin_framework("iso-9001-2015"), builtin_framework("efqm-2020")) else {
            panic!("built-in frameworks of the crosswalk are missing");
        };
        // Shipped data, checked by `the_builtin_crosswalk_is_valid`; not user input.
        Crosswalk::parse(json, name, from, to).unwrap_or_else(|e| panic!("built-in crosswalk is invalid: {e}"))
    })
}

/// The built-in version maps between editions of one model (which old part feeds which new
/// one), kept as crosswalk data: EFQM 2013 → 2020 and 2020 → 2025.
pub fn version_maps() -> &'static [Crosswalk] {
    static MAPS: OnceLock<Vec<Crosswalk>> = OnceLock::new();
    MAPS.get_or_init(|| {
        [
            (
                "efqm-2013--efqm-2020.json",
                include_str!("../crosswalks/efqm-2013--efqm-2020.json"),
                "efqm-2013",
                "efqm-2020",
            ),
            (
                "efqm-2020--efqm-2025.json",
                include_str!("../crosswalks/efqm-2020--efqm-2025.json"),
                "efqm-2020",
                "efqm-2025",
            ),
        ]
        .into_iter()
        .map(|(name, json, from, to)| {
            let (Some(from), Some(to)) = (builtin_framework(from), builtin_framework(to)) else {
                panic!("built-in frameworks of the version map {name} are missing");
            };
            // Shipped data, checked by `the_version_maps_are_valid`; not user input.
            Crosswalk::parse(json, name, from, to).unwrap_or_else(|e| panic!("built-in version map is invalid: {e}"))
        })
        .collect()
    })
}

/// The version maps leading from framework `from` to framework `to`: one map, or a chain
/// through editions in between; `None` when there is no way.
pub fn version_path(from: &str, to: &str) -> Option<Vec<&'static Crosswalk>> {
    let maps = version_maps();
    let mut paths: Vec<Vec<&'static Crosswalk>> = maps.iter().filter(|m| m.from == from).map(|m| vec![m]).collect();
    for _ in 0..maps.len() {
        if let Some(found) = paths.iter().find(|p| p.last().is_some_and(|m| m.to == to)) {
            return Some(found.clone());
        }
        paths = paths
            .into_iter()
            .flat_map(|p| {
                let end = p.last().map(|m| m.to.clone()).unwrap_or_default();
                maps.iter().filter(move |m| m.from == end).map(move |m| {
                    let mut longer = p.clone();
                    longer.push(m);
                    longer
                })
            })
            .collect();
    }
    None
}

/// An assessment carried through a version map onto the newer framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    /// Scores on the target framework's scales: each mapped % rounded to the nearest step
    /// (5 points, a conformity answer, a maturity level).
    pub scores: BTreeMap<String, NodeScore>,
    /// Scored source nodes that feed no target node (their evidence is not compared).
    pub dropped: Vec<String>,
    /// Target nodes that get no score: nothing maps onto them, or nothing that does was scored.
    pub uncovered: Vec<String>,
}

/// Carries a scored source assessment onto the crosswalk's target framework.
pub fn carry(crosswalk: &Crosswalk, source: &ScoreReport, target: &Framework) -> Carried {
    let projection = project(crosswalk, source, target);
    let mut scores = BTreeMap::new();
    for node in &projection.nodes {
        let (Some(percent), Some(spec)) = (node.percent, target.node(&node.id)) else { continue };
        if let Some(scheme) = spec.scheme.map(|s| &target.schemes()[s]) {
            scores.insert(node.id.clone(), NodeScore::nearest(scheme, percent));
        }
    }
    let dropped = source
        .nodes
        .iter()
        .filter(|n| n.percent.is_some() && !crosswalk.pairs.iter().any(|p| p.from == n.id))
        .filter(|n| !crosswalk.pairs.iter().any(|p| source_is_below(source, &p.from, &n.id)))
        .map(|n| n.id.clone())
        .collect();
    let uncovered = projection.nodes.iter().filter(|n| n.percent.is_none()).map(|n| n.id.clone()).collect();
    Carried { scores, dropped, uncovered }
}

/// Whether `node` sits below `ancestor` in the report's tree (a mapped child covers its parent).
fn source_is_below(report: &ScoreReport, node: &str, ancestor: &str) -> bool {
    let Some(start) = report.nodes.iter().position(|n| n.id == ancestor) else { return false };
    let depth = report.nodes[start].depth;
    report.nodes[start + 1..].iter().take_while(|n| n.depth > depth).any(|n| n.id == node)
}

/// One target node seen through the crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProjectedNode {
    pub id: String,
    pub number: String,
    pub title: String,
    /// Strength-weighted mean % of the scored source nodes mapped onto this node.
    pub percent: Option<f64>,
    /// Source node ids mapped onto this node.
    pub sources: Vec<String>,
    /// Sum of the strengths mapped onto this node, capped at 1: how much evidence there is.
    pub coverage: f64,
}

/// How much of a stakeholder group's target points the source assessment reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GroupCoverage {
    pub group: StakeholderGroup,
    /// Σ(points × coverage) / Σ points over the target nodes tagged with the group, in %.
    pub coverage: f64,
    /// Target nodes tagged with the group that nothing maps onto.
    pub uncovered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub crosswalk: String,
    pub nodes: Vec<ProjectedNode>,
    /// Target nodes no source node maps onto.
    pub uncovered: Vec<String>,
    pub groups: Vec<GroupCoverage>,
    /// Groups with less than [`UNCOVERED_GROUP_THRESHOLD`] % coverage.
    pub uncovered_groups: Vec<StakeholderGroup>,
}

/// Projects a scored source assessment onto the crosswalk's target framework.
pub fn project(crosswalk: &Crosswalk, source: &ScoreReport, target: &Framework) -> Projection {
    let percent_of: BTreeMap<&str, f64> =
        source.nodes.iter().filter_map(|n| n.percent.map(|p| (n.id.as_str(), p))).collect();
    let mut nodes = Vec::new();
    let mut uncovered = Vec::new();
    let mut coverage_of = BTreeMap::new();
    for node in target.nodes().iter().filter(|n| n.is_assessable()) {
        let pairs: Vec<&Pair> = crosswalk.pairs.iter().filter(|p| p.to == node.id).collect();
        if pairs.is_empty() {
            uncovered.push(node.id.clone());
        }
        let scored: Vec<(f64, f64)> =
            pairs.iter().filter_map(|p| percent_of.get(p.from.as_str()).map(|&pct| (p.strength, pct))).collect();
        let weight: f64 = scored.iter().map(|(s, _)| s).sum();
        let coverage = pairs.iter().fold(0.0, |sum, p| sum + p.strength).min(1.0);
        coverage_of.insert(node.id.as_str(), coverage);
        nodes.push(ProjectedNode {
            id: node.id.clone(),
            number: node.number.clone(),
            title: node.title.clone(),
            percent: (weight > 0.0).then(|| scored.iter().map(|(s, p)| s * p).sum::<f64>() / weight),
            sources: pairs.iter().map(|p| p.from.clone()).collect(),
            coverage,
        });
    }
    let mut groups = Vec::new();
    let mut uncovered_groups = Vec::new();
    for group in StakeholderGroup::ALL {
        let tagged: Vec<_> =
            target.nodes().iter().filter(|n| n.is_assessable() && n.stakeholders.contains(&group)).collect();
        let total: f64 = tagged.iter().map(|n| n.points).sum();
        if total <= 0.0 {
            continue;
        }
        let covered = |id: &str| coverage_of.get(id).copied().unwrap_or(0.0);
        let reached: f64 = tagged.iter().map(|n| n.points * covered(&n.id)).sum();
        let coverage = reached / total * 100.0;
        if coverage < UNCOVERED_GROUP_THRESHOLD {
            uncovered_groups.push(group);
        }
        let uncovered = tagged.iter().filter(|n| covered(&n.id) == 0.0).map(|n| n.id.clone()).collect();
        groups.push(GroupCoverage { group, coverage, uncovered });
    }
    Projection { crosswalk: crosswalk.id.clone(), nodes, uncovered, groups, uncovered_groups }
}

/// An EFQM part or criterion next to what the ISO 9001 assessment says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SideRow {
    pub id: String,
    pub number: String,
    pub title: String,
    /// The EFQM score in %.
    pub efqm: Option<f64>,
    /// The ISO 9001 clauses' conformity carried through the crosswalk, in %.
    pub iso: Option<f64>,
    /// The ISO clauses that speak to it.
    pub clauses: Vec<String>,
    /// 0–1: how much of it the ISO assessment gives evidence for.
    pub coverage: f64,
}

/// A stakeholder group as each assessment sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SideGroup {
    pub group: StakeholderGroup,
    pub efqm: Option<f64>,
    /// The ISO 9001 assessment's own score for the clauses tagged with the group.
    pub iso: Option<f64>,
    /// Share (%) of the group's EFQM points the ISO assessment gives any evidence for.
    pub iso_coverage: f64,
}

/// EFQM criterion scores next to ISO 9001 clause conformity for one organisation and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SideBySide {
    pub criteria: Vec<SideRow>,
    pub parts: Vec<SideRow>,
    pub groups: Vec<SideGroup>,
    /// Groups the ISO 9001 assessment leaves unassessed (below the coverage threshold).
    pub unassessed_by_iso: Vec<StakeholderGroup>,
}

/// Puts an ISO 9001 result next to an EFQM 2020 result through `crosswalk`.
pub fn side_by_side(crosswalk: &Crosswalk, iso: &ScoreReport, efqm: &ScoreReport, target: &Framework) -> SideBySide {
    let projection = project(crosswalk, iso, target);
    let efqm_percent = |id: &str| efqm.nodes.iter().find(|n| n.id == id).and_then(|n| n.percent);
    let parts: Vec<SideRow> = projection
        .nodes
        .iter()
        .map(|p| SideRow {
            id: p.id.clone(),
            number: p.number.clone(),
            title: p.title.clone(),
            efqm: efqm_percent(&p.id),
            iso: p.percent,
            clauses: p.sources.clone(),
            coverage: p.coverage,
        })
        .collect();
    let nodes = target.nodes();
    let criteria = target
        .roots()
        .map(|root| {
            let node = &nodes[root];
            let below: Vec<&SideRow> = parts
                .iter()
                .filter(|row| {
                    let mut at = target.node_index(&row.id);
                    while let Some(i) = at {
                        if i == root {
                            return true;
                        }
                        at = nodes[i].parent;
                    }
                    false
                })
                .collect();
            let weighted: Vec<(f64, f64)> =
                below.iter().filter_map(|r| r.iso.map(|p| (target.node(&r.id).map_or(0.0, |n| n.points), p))).collect();
            let weight: f64 = weighted.iter().map(|(w, _)| w).sum();
            let points: f64 = below.iter().map(|r| target.node(&r.id).map_or(0.0, |n| n.points)).sum();
            let mut clauses: Vec<String> = below.iter().flat_map(|r| r.clauses.iter().cloned()).collect();
            clauses.sort();
            clauses.dedup();
            SideRow {
                id: node.id.clone(),
                number: node.number.clone(),
                title: node.title.clone(),
                efqm: efqm_percent(&node.id),
                iso: (weight > 0.0).then(|| weighted.iter().map(|(w, p)| w * p).sum::<f64>() / weight),
                clauses,
                coverage: if points > 0.0 {
                    below.iter().map(|r| target.node(&r.id).map_or(0.0, |n| n.points) * r.coverage).sum::<f64>()
                        / points
                } else {
                    0.0
                },
            }
        })
        .collect();
    let groups = StakeholderGroup::ALL
        .into_iter()
        .map(|group| SideGroup {
            group,
            efqm: efqm.stakeholders.iter().find(|g| g.group == group).and_then(|g| g.percent),
            iso: iso.stakeholders.iter().find(|g| g.group == group).and_then(|g| g.percent),
            iso_coverage: projection.groups.iter().find(|g| g.group == group).map_or(0.0, |g| g.coverage),
        })
        .collect();
    SideBySide { criteria, parts, groups, unassessed_by_iso: projection.uncovered_groups }
}

/// The framework a side-by-side view pairs with `framework`: ISO 9001 for EFQM 2020 and the
/// other way round (the two ends of the built-in crosswalk).
pub fn counterpart_framework(framework: &str) -> Option<&'static str> {
    let crosswalk = iso_9001_to_efqm_2020();
    if framework == crosswalk.from {
        Some(crosswalk.to.as_str())
    } else if framework == crosswalk.to {
        Some(crosswalk.from.as_str())
    } else {
        None
    }
}
