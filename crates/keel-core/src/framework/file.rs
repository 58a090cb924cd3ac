//! The framework file format (version 1), as it is read and written: see
//! `docs/framework-format.md` and `docs/framework.schema.json`.
//!
//! These types only mirror the JSON; [`super::Framework::parse`] validates them.

use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The framework file format this Keel reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole framework file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameworkFile {
    pub format: u32,
    /// Stable identifier, e.g. `efqm-2020`.
    pub id: String,
    pub title: String,
    /// The edition of the published model this structure follows, e.g. `2020`.
    pub edition: String,
    /// Version of this data file; bump it when the data changes.
    pub version: String,
    /// Where the structure comes from and what is unverified.
    pub source: String,
    /// Points of the whole framework: 1000 for EFQM, 100 where scores are percentages.
    pub total_points: f64,
    pub schemes: Vec<Scheme>,
    pub nodes: Vec<NodeSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<ProfileSpec>,
}

/// A node of the criteria tree: a criterion, a part, a clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSpec {
    pub id: String,
    /// The number shown to users, e.g. `4.2` or `1a`.
    pub number: String,
    pub title: String,
    /// Keel's own short guidance for the assessor (never the standard's text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prompt: String,
    /// Points of this node; all siblings give points or none do (then they share equally), and
    /// given points add up to the parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// The scoring scheme of an assessable node; nodes without one aggregate their children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// Stakeholder groups this node serves (ids of [`crate::StakeholderGroup`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeSpec>,
}

/// A named set of point overrides: the same tree, weighted for another orientation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileSpec {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// How the points start before `points` applies: the framework's own points (no rule), or
    /// every assessable node (leaf) worth the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<ProfileRule>,
    /// Node id → points; nodes not listed keep their share of their parent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub points: BTreeMap<String, f64>,
}

/// A rule that sets every node's points at once, before a profile's listed points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProfileRule {
    /// Every assessable node (requirement, leaf) is worth `totalPoints / number of assessable
    /// nodes`; a parent is worth the sum of its children.
    EqualLeaves,
}

/// A labelled item of a scheme: a RADAR attribute or element, a PDCA phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Label {
    pub id: String,
    pub title: String,
}

/// A RADAR element and the attributes scored under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RadarElement {
    pub id: String,
    pub title: String,
    pub attributes: Vec<Label>,
}

/// A named range of a 0–100 scale, inclusive at both ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Band {
    pub min: u8,
    pub max: u8,
    pub title: String,
}

/// One level of a maturity scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Level {
    pub level: u8,
    pub title: String,
}

/// How an assessable node is scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Scheme {
    /// Attributes 0–100 in steps of 5 → element % = mean of attributes → part % = mean of
    /// elements (the assessor may override the part % with a reason).
    Radar { id: String, title: String, elements: Vec<RadarElement>, bands: Vec<Band> },
    /// Conforming 100 %, partially 50 %, not conforming 0 %, or not applicable.
    Conformity { id: String, title: String },
    /// Levels 1..n → (level − 1) / (n − 1) × 100 %.
    Maturity { id: String, title: String, levels: Vec<Level> },
    /// One 0–100 score read against bands (CAF classical panels).
    Panel { id: String, title: String, bands: Vec<Band> },
    /// One 0–100 score per phase; the node's % is their mean (CAF fine-tuned panels).
    Phases { id: String, title: String, phases: Vec<Label> },
}

impl Scheme {
    pub fn id(&self) -> &str {
        match self {
            Scheme::Radar { id, .. }
            | Scheme::Conformity { id, .. }
            | Scheme::Maturity { id, .. }
            | Scheme::Panel { id, .. }
            | Scheme::Phases { id, .. } => id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Scheme::Radar { title, .. }
            | Scheme::Conformity { title, .. }
            | Scheme::Maturity { title, .. }
            | Scheme::Panel { title, .. }
            | Scheme::Phases { title, .. } => title,
        }
    }
}
