//! Every check a framework file must pass, collecting all problems with their JSON paths.

use std::collections::{HashMap, HashSet};

use super::{
    Framework, FrameworkFile, Node, NodeSpec, ProfileRule, ProfileSpec, Scheme, Weights, DEFAULT_PROFILE,
    FORMAT_VERSION, MAX_FILE_BYTES,
};
use crate::input::{parse_json, InputError, Problem};
use crate::StakeholderGroup;

/// Deepest nesting of nodes accepted (criterion → part → sub-part … ).
const MAX_DEPTH: usize = 8;

/// Relative tolerance when checking that points add up.

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { path: path.into(), message: message.into() });
    }

    fn into_error(self, origin: &str) -> InputError {
        InputError { origin: origin.to_owned(), problems: self.0 }
    }
}

pub(super) fn parse(json: &str, origin: &str) -> Result<Framework, InputError> {
    check(parse_json(json, origin, MAX_FILE_BYTES)?, origin)
}

pub(super) fn check(file: FrameworkFile, origin: &str) -> Result<Framework, InputError> {
    let mut p = Problems::default();
    if file.format != FORMAT_VERSION {
        p.add("format", format!("unknown format version {}; this Keel reads version {FORMAT_VERSION}", file.format));
    }
    check_id(&mut p, "id", &file.id);
    for (field, value) in [("title", &file.title), ("edition", &file.edition), ("version", &file.version)] {
        if value.trim().is_empty() {
            p.add(field, "must not be empty");
        }
    }
    if !(file.total_points.is_finite() && file.total_points > 0.0) {
        p.add("totalPoints", "must be > 0");
    }
    check_schemes(&mut p, &file.schemes);

    let mut walk = Walk { p: &mut p, schemes: &file.schemes, seen: HashMap::new(), nodes: Vec::new() };
    if file.nodes.is_empty() {
        walk.p.add("nodes", "a framework needs at least one node");
    }
    let total = if file.total_points > 0.0 { file.total_points } else { 1.0 };
    walk.siblings(&file.nodes, "nodes", total, None, 0);
    let nodes = walk.nodes;

    if p.0.is_empty() {
        let framework = Framework::build(file, nodes);
        let mut p = Problems::default();
        let mut ids = HashSet::new();
        for (i, spec) in framework.file.profiles.iter().enumerate() {
            let path = format!("profiles[{i}]");
            if !ids.insert(spec.id.as_str()) {
                p.add(format!("{path}.id"), format!("duplicate profile id {:?}", spec.id));
            }
            profile_problems(&framework, spec, &path, &mut p);
        }
        return if p.0.is_empty() { Ok(framework) } else { Err(p.into_error(origin)) };
    }
    Err(p.into_error(origin))
}

fn check_id(p: &mut Problems, path: &str, id: &str) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_'));
    if !ok {
        p.add(path, format!("{id:?} is not a valid id (1-64 characters: a-z, 0-9, '-', '.', '_')"));
    }
}

fn check_schemes(p: &mut Problems, schemes: &[Scheme]) {
    let mut ids = HashSet::new();
    for (i, scheme) in schemes.iter().enumerate() {
        let path = format!("schemes[{i}]");
        check_id(p, &format!("{path}.id"), scheme.id());
        if !ids.insert(scheme.id()) {
            p.add(format!("{path}.id"), format!("duplicate scheme id {:?}", scheme.id()));
        }
        if scheme.title().trim().is_empty() {
            p.add(format!("{path}.title"), "must not be empty");
        }
        match scheme {
            Scheme::Radar { elements, bands, .. } => {
                if elements.is_empty() {
                    p.add(format!("{path}.elements"), "a RADAR scheme needs at least one element");
                }
                let mut attribute_ids = HashSet::new();
                for (e, element) in elements.iter().enumerate() {
                    if element.attributes.is_empty() {
                        p.add(format!("{path}.elements[{e}].attributes"), "an element needs at least one attribute");
                    }
                    for (a, attribute) in element.attributes.iter().enumerate() {
                        if !attribute_ids.insert(attribute.id.as_str()) {
                            p.add(
                                format!("{path}.elements[{e}].attributes[{a}].id"),
                                format!("duplicate attribute id {:?}", attribute.id),
                            );
                        }
                    }
                }
                check_bands(p, &format!("{path}.bands"), bands);
            }
            Scheme::Panel { bands, .. } => check_bands(p, &format!("{path}.bands"), bands),
            Scheme::Maturity { levels, .. } => {
                if levels.len() < 2 {
                    p.add(format!("{path}.levels"), "a maturity scale needs at least two levels");
                }
                for (l, level) in levels.iter().enumerate() {
                    if usize::from(level.level) != l + 1 {
                        p.add(
                            format!("{path}.levels[{l}].level"),
                            format!("must be {} (levels count up from 1)", l + 1),
                        );
                    }
                }
            }
            Scheme::Phases { phases, .. } => {
                if phases.is_empty() {
                    p.add(format!("{path}.phases"), "needs at least one phase");
                }
            }
            Scheme::Conformity { .. } => {}
        }
    }
}

/// Bands must tile 0–100 without gaps or overlaps.
fn check_bands(p: &mut Problems, path: &str, bands: &[super::Band]) {
    let mut next = 0u16;
    for (b, band) in bands.iter().enumerate() {
        if u16::from(band.min) != next || band.max < band.min || band.max > 100 {
            p.add(
                format!("{path}[{b}]"),
                format!("bands must cover 0-100 in order without gaps; expected one starting at {next}"),
            );
            return;
        }
        next = u16::from(band.max) + 1;
    }
    if !bands.is_empty() && next != 101 {
        p.add(path, "bands must end at 100");
    }
}

struct Walk<'a> {
    p: &'a mut Problems,
    schemes: &'a [Scheme],
    seen: HashMap<String, String>,
    nodes: Vec<Node>,
}

impl Walk<'_> {
    fn siblings(&mut self, specs: &[NodeSpec], path: &str, parent_points: f64, parent: Option<usize>, depth: usize) {
        if depth >= MAX_DEPTH {
            self.p.add(path, format!("nodes are nested more than {MAX_DEPTH} levels deep"));
            return;
        }
        let given = specs.iter().filter(|s| s.points.is_some()).count();
        if given != 0 && given != specs.len() {
            self.p
                .add(path, format!("either every node here gives points or none does ({given} of {} do)", specs.len()));
        } else if given == specs.len() && given > 0 {
            let sum: f64 = specs.iter().filter_map(|s| s.points).sum();
            if !close(sum, parent_points) {
                let whose = if parent.is_some() { "the parent's points" } else { "totalPoints" };
                self.p.add(
                    path,
                    format!(
                        "points add up to {}; they must add up to {} ({whose})",
                        fmt_num(sum),
                        fmt_num(parent_points)
                    ),
                );
            }
        }
        let equal_share = parent_points / specs.len().max(1) as f64;
        let mut indices = Vec::with_capacity(specs.len());
        for (i, spec) in specs.iter().enumerate() {
            let here = format!("{path}[{i}]");
            indices.push(self.node(spec, &here, equal_share, parent, depth));
        }
        if let Some(parent) = parent {
            self.nodes[parent].children = indices;
        }
    }

    fn node(&mut self, spec: &NodeSpec, here: &str, equal_share: f64, parent: Option<usize>, depth: usize) -> usize {
        check_id(self.p, &format!("{here}.id"), &spec.id);
        if let Some(first) = self.seen.get(&spec.id) {
            self.p.add(format!("{here}.id"), format!("duplicate node id {:?} (first used at {first})", spec.id));
        } else {
            self.seen.insert(spec.id.clone(), here.to_owned());
        }
        if spec.number.trim().is_empty() {
            self.p.add(format!("{here}.number"), "must not be empty");
        }
        if spec.title.trim().is_empty() {
            self.p.add(format!("{here}.title"), "must not be empty");
        }
        let points = match spec.points {
            Some(v) if v.is_finite() && v > 0.0 => v,
            Some(_) => {
                self.p.add(format!("{here}.points"), "must be > 0");
                equal_share
            }
            None => equal_share,
        };
        let scheme = spec.scheme.as_ref().and_then(|wanted| {
            let found = self.schemes.iter().position(|s| s.id() == wanted);
            if found.is_none() {
                let known: Vec<&str> = self.schemes.iter().map(Scheme::id).collect();
                self.p.add(format!("{here}.scheme"), format!("unknown scheme {wanted:?}; known: {}", known.join(", ")));
            }
            found
        });
        if spec.scheme.is_some() {
            if !spec.children.is_empty() {
                self.p.add(format!("{here}.children"), "an assessable node (one with a scheme) cannot have children");
            }
            if spec.prompt.trim().is_empty() {
                self.p.add(format!("{here}.prompt"), "an assessable node needs a guidance prompt");
            }
        } else if spec.children.is_empty() {
            self.p.add(here, "a node without a scheme must have children, or it scores nothing");
        }
        let mut stakeholders = Vec::new();
        for (s, id) in spec.stakeholders.iter().enumerate() {
            match StakeholderGroup::from_id(id) {
                Some(group) if stakeholders.contains(&group) => {
                    self.p.add(format!("{here}.stakeholders[{s}]"), format!("{id:?} is listed twice"));
                }
                Some(group) => stakeholders.push(group),
                None => {
                    let known: Vec<&str> = StakeholderGroup::ALL.iter().map(|g| g.id()).collect();
                    self.p.add(
                        format!("{here}.stakeholders[{s}]"),
                        format!("unknown stakeholder group {id:?}; known: {}", known.join(", ")),
                    );
                }
            }
        }
        let index = self.nodes.len();
        self.nodes.push(Node {
            id: spec.id.clone(),
            number: spec.number.clone(),
            title: spec.title.clone(),
            prompt: spec.prompt.clone(),
            scheme,
            stakeholders,
            parent,
            children: Vec::new(),
            depth,
            points,
            explicit_points: spec.points.is_some(),
        });
        self.siblings(&spec.children, &format!("{here}.children"), points, Some(index), depth + 1);
        index
    }
}

fn close(a: f64, b: f64) -> bool {
    crate::limits::adds_up(a, b)
}

fn fmt_num(v: f64) -> String {
    let rounded = (v * 1000.0).round() / 1000.0;
    format!("{rounded}")
}

/// Points of every node before a profile's listed points: the framework's own, or those its
/// rule sets (equal leaves: each assessable node `total / count`, a parent the sum of its
/// children).
fn base_points(framework: &Framework, rule: Option<ProfileRule>) -> Vec<f64> {
    let nodes = framework.nodes();
    match rule {
        None => nodes.iter().map(|n| n.points).collect(),
        Some(ProfileRule::EqualLeaves) => {
            let count = framework.assessable_count().max(1) as f64;
            let each = framework.total_points() / count;
            let mut points = vec![0.0; nodes.len()];
            // Children come after their parent: walk back so a parent sums finished children.
            for i in (0..nodes.len()).rev() {
                points[i] =
                    if nodes[i].is_assessable() { each } else { nodes[i].children.iter().map(|&c| points[c]).sum() };
            }
            points
        }
    }
}

/// Points of every node with the profile's overrides: a listed node takes its listed points;
/// an unlisted one keeps its share of its parent under the rule's (or the framework's) points,
/// so its points scale with the parent's.
fn profile_points(framework: &Framework, spec: &ProfileSpec) -> Vec<f64> {
    let nodes = framework.nodes();
    let base = base_points(framework, spec.rule);
    let mut points = vec![0.0; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let (base_parent, new_parent) = match node.parent {
            Some(parent) => (base[parent], points[parent]),
            None => (framework.total_points(), framework.total_points()),
        };
        points[i] = match spec.points.get(&node.id) {
            Some(&listed) => listed,
            None if base_parent > 0.0 => base[i] / base_parent * new_parent,
            None => 0.0,
        };
    }
    points
}

fn profile_problems(framework: &Framework, spec: &ProfileSpec, path: &str, p: &mut Problems) {
    check_id(p, &format!("{path}.id"), &spec.id);
    if spec.id == DEFAULT_PROFILE {
        p.add(format!("{path}.id"), "\"default\" is reserved for the framework's own points");
    }
    if spec.title.trim().is_empty() {
        p.add(format!("{path}.title"), "must not be empty");
    }
    for (id, &value) in &spec.points {
        if framework.node(id).is_none() {
            p.add(format!("{path}.points.{id}"), "no node has this id");
        } else if !(value.is_finite() && value > 0.0) {
            p.add(format!("{path}.points.{id}"), "must be > 0");
        }
    }
    if !p.0.is_empty() {
        return;
    }
    let points = profile_points(framework, spec);
    let nodes = framework.nodes();
    let roots: Vec<usize> = framework.roots().collect();
    let mut groups: Vec<(Option<usize>, &[usize])> = vec![(None, &roots)];
    groups.extend(
        nodes.iter().enumerate().filter(|(_, n)| !n.children.is_empty()).map(|(i, n)| (Some(i), n.children.as_slice())),
    );
    for (parent, children) in groups {
        if !children.iter().any(|&c| spec.points.contains_key(&nodes[c].id)) {
            continue;
        }
        let sum: f64 = children.iter().map(|&c| points[c]).sum();
        let (target, whose) = match parent {
            Some(parent) => (points[parent], format!("node {:?}", nodes[parent].id)),
            None => (framework.total_points(), "totalPoints".to_owned()),
        };
        if !close(sum, target) {
            let listed: Vec<&str> = children.iter().map(|&c| nodes[c].id.as_str()).collect();
            p.add(
                format!("{path}.points"),
                format!(
                    "the points of {} add up to {}; they must add up to {} ({whose})",
                    listed.join(", "),
                    fmt_num(sum),
                    fmt_num(target)
                ),
            );
        }
    }
}

pub(super) fn apply_profile(framework: &Framework, spec: &ProfileSpec) -> Weights {
    Weights {
        profile: spec.id.clone(),
        title: spec.title.clone(),
        equal_leaves: spec.rule == Some(ProfileRule::EqualLeaves) && spec.points.is_empty(),
        points: profile_points(framework, spec),
    }
}

pub(super) fn check_profile(framework: &Framework, spec: &ProfileSpec, origin: &str) -> Result<Weights, InputError> {
    let mut p = Problems::default();
    profile_problems(framework, spec, "profile", &mut p);
    if p.0.is_empty() {
        Ok(apply_profile(framework, spec))
    } else {
        Err(p.into_error(origin))
    }
}
