//! Frameworks: the criteria tree an assessment is made against, validated and indexed.
//!
//! A [`Framework`] is built only from a [`FrameworkFile`] that passed every check; the checks
//! report *all* problems, each with the JSON path of the bad field. A framework version is
//! identified by the SHA-256 of its canonical JSON, so an assessment can keep the exact
//! snapshot it was made with.

mod builtin;
mod file;
mod generated;
mod validate;

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

pub use builtin::{builtin, builtin_framework};
pub use file::{
    Band, FrameworkFile, Label, Level, NodeSpec, ProfileRule, ProfileSpec, RadarElement, Scheme, FORMAT_VERSION,
};
pub use generated::generated;

use crate::input::InputError;
use crate::StakeholderGroup;

/// The id of the weighting every framework has: its own points.
pub const DEFAULT_PROFILE: &str = "default";

/// How the window and the reports name [`DEFAULT_PROFILE`].
pub const DEFAULT_PROFILE_TITLE: &str = "The framework's own points";

/// Largest framework file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// What kind of model a framework is, read from how its parts are scored (see
/// [`Framework::kind`]), never from the spelling of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// An excellence model (EFQM, CAF): criteria scored on a scale of 0–100.
    Excellence,
    /// A management-system standard (ISO 9001): clauses judged conforming or by maturity.
    ManagementSystem,
}

impl ModelKind {
    /// What one top-level part is called, capitalised: "Clause" or "Criterion".
    pub fn part(self) -> &'static str {
        match self {
            ModelKind::Excellence => "Criterion",
            ModelKind::ManagementSystem => "Clause",
        }
    }

    /// The plural in running text: "clauses" or "criteria".
    pub fn parts(self) -> &'static str {
        match self {
            ModelKind::Excellence => "criteria",
            ModelKind::ManagementSystem => "clauses",
        }
    }
}

/// A validated framework.
#[derive(Debug, Clone)]
pub struct Framework {
    file: FrameworkFile,
    hash: String,
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
}

/// One node of a validated framework, flattened in framework (pre-)order.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub number: String,
    pub title: String,
    pub prompt: String,
    /// Index into [`Framework::schemes`] for assessable nodes.
    pub scheme: Option<usize>,
    pub stakeholders: Vec<StakeholderGroup>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub depth: usize,
    /// Points under the default profile (explicit, or an equal share of the parent's).
    pub points: f64,
    /// Whether the file gave this node's points explicitly (else it shares equally).
    pub explicit_points: bool,
}

impl Node {
    pub fn is_assessable(&self) -> bool {
        self.scheme.is_some()
    }
}

impl Framework {
    /// Parses and validates framework JSON; `origin` names the file in error messages.
    pub fn parse(json: &str, origin: &str) -> Result<Framework, InputError> {
        validate::parse(json, origin)
    }

    /// Validates an already-deserialised file.
    pub fn from_file(file: FrameworkFile, origin: &str) -> Result<Framework, InputError> {
        validate::check(file, origin)
    }

    pub(crate) fn build(file: FrameworkFile, nodes: Vec<Node>) -> Framework {
        let canonical = serde_json::to_vec(&file).unwrap_or_default();
        let hash = Sha256::digest(&canonical).iter().map(|b| format!("{b:02x}")).collect();
        let index = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        Framework { file, hash, nodes, index }
    }

    pub fn id(&self) -> &str {
        &self.file.id
    }

    pub fn title(&self) -> &str {
        &self.file.title
    }

    pub fn edition(&self) -> &str {
        &self.file.edition
    }

    pub fn version(&self) -> &str {
        &self.file.version
    }

    pub fn source(&self) -> &str {
        &self.file.source
    }

    pub fn total_points(&self) -> f64 {
        self.file.total_points
    }

    /// Hex SHA-256 of the canonical JSON: identifies this exact framework version.
    pub fn content_hash(&self) -> &str {
        &self.hash
    }

    /// The file this framework was read from (for snapshots and export).
    pub fn file(&self) -> &FrameworkFile {
        &self.file
    }

    pub fn schemes(&self) -> &[Scheme] {
        &self.file.schemes
    }

    /// A management-system standard when every part is judged by conformity or maturity (the
    /// ISO 9001 frameworks, and a custom file scored the same way); an excellence model otherwise.
    pub fn kind(&self) -> ModelKind {
        let judged = |s: &Scheme| matches!(s, Scheme::Conformity { .. } | Scheme::Maturity { .. });
        if !self.file.schemes.is_empty() && self.file.schemes.iter().all(judged) {
            ModelKind::ManagementSystem
        } else {
            ModelKind::Excellence
        }
    }

    /// All nodes in framework order (parents before children, siblings in file order).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Indices of the top-level nodes (criteria, clauses).
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes.iter().enumerate().filter(|(_, n)| n.parent.is_none()).map(|(i, _)| i)
    }

    pub fn assessable_count(&self) -> usize {
        self.nodes.iter().filter(|n| n.is_assessable()).count()
    }

    /// The framework's named profiles (not including [`DEFAULT_PROFILE`]).
    pub fn profiles(&self) -> &[ProfileSpec] {
        &self.file.profiles
    }

    /// Ids of every profile that can be used with this framework, default first.
    pub fn profile_ids(&self) -> Vec<&str> {
        std::iter::once(DEFAULT_PROFILE).chain(self.file.profiles.iter().map(|p| p.id.as_str())).collect()
    }

    /// The profile a new assessment of an organisation in `sector` starts on: the framework's
    /// profile named after the sector (EFQM's `commercial`, `public-sector`) where it has one,
    /// else the framework's own points.
    pub fn sector_profile(&self, sector: crate::Sector) -> &str {
        self.file.profiles.iter().find(|p| p.id == sector.id()).map_or(DEFAULT_PROFILE, |p| p.id.as_str())
    }

    /// Node points under the named profile, indexed like [`Framework::nodes`].
    pub fn weights(&self, profile: &str) -> Option<Weights> {
        if profile == DEFAULT_PROFILE {
            return Some(self.default_weights());
        }
        let spec = self.file.profiles.iter().find(|p| p.id == profile)?;
        Some(validate::apply_profile(self, spec))
    }

    /// Validates a user-defined profile against this framework and returns its weights.
    pub fn custom_weights(&self, spec: &ProfileSpec, origin: &str) -> Result<Weights, InputError> {
        validate::check_profile(self, spec, origin)
    }

    /// A custom profile: `base`'s weights with the criteria (top-level nodes) given new points,
    /// everything below a criterion scaled by the same factor so the tree stays consistent.
    /// Every node is listed, so [`Framework::custom_weights`] checks the whole tree; criteria
    /// not in `criteria` keep `base`'s points.
    pub fn reweighted(
        &self,
        base: &str,
        criteria: &BTreeMap<String, f64>,
        origin: &str,
    ) -> Result<ProfileSpec, InputError> {
        let weights = self.weights(base).ok_or_else(|| {
            let known = self.profile_ids().join(", ");
            InputError::one(origin, "profile", format!("unknown profile {base:?}; available: {known}"))
        })?;
        for id in criteria.keys() {
            if !self.roots().any(|r| self.nodes[r].id == *id) {
                return Err(InputError::one(origin, format!("points.{id}"), "is not a criterion of this framework"));
            }
        }
        let factor = |root: usize| {
            let old = weights.points[root];
            match criteria.get(&self.nodes[root].id) {
                Some(&new) if old > 0.0 => new / old,
                Some(_) | None => 1.0,
            }
        };
        let mut points = BTreeMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let mut root = i;
            while let Some(parent) = self.nodes[root].parent {
                root = parent;
            }
            let value = match criteria.get(&node.id) {
                Some(&given) => given,
                None => weights.points[i] * factor(root),
            };
            points.insert(node.id.clone(), value);
        }
        let spec = ProfileSpec {
            id: "custom".to_owned(),
            title: format!("Custom weights (from {})", weights.title),
            description: String::new(),
            rule: None,
            points,
        };
        self.custom_weights(&spec, origin)?;
        Ok(spec)
    }

    pub fn default_weights(&self) -> Weights {
        Weights {
            profile: DEFAULT_PROFILE.to_owned(),
            title: DEFAULT_PROFILE_TITLE.to_owned(),
            equal_leaves: false,
            points: self.nodes.iter().map(|n| n.points).collect(),
        }
    }
}

/// The points of every node under one profile, indexed like [`Framework::nodes`].
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub profile: String,
    /// The profile's title as a person reads it, e.g. "Every requirement equal".
    pub title: String,
    /// Every assessable node counts the same ([`ProfileRule::EqualLeaves`] with no listed
    /// points): a not-applicable one's share goes to every other, not to its siblings alone.
    pub equal_leaves: bool,
    pub points: Vec<f64>,
}
