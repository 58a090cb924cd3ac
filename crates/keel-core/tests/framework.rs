//! Framework files: a valid one round-trips with a stable hash; a bad one reports every
//! problem with the JSON path of the field.

use keel_core::framework::{builtin_framework, Framework};
use serde_json::json;

fn small() -> serde_json::Value {
    json!({
        "format": 1, "id": "tiny", "title": "Tiny", "edition": "1", "version": "1.0.0", "source": "test",
        "totalPoints": 100,
        "schemes": [{"kind": "conformity", "id": "conformity", "title": "Conformity"}],
        "nodes": [
            {"id": "a", "number": "1", "title": "A", "points": 60, "children": [
                {"id": "a1", "number": "1.1", "title": "A1", "prompt": "Is A1 done?", "scheme": "conformity", "stakeholders": ["customers"]},
                {"id": "a2", "number": "1.2", "title": "A2", "prompt": "Is A2 done?", "scheme": "conformity"}
            ]},
            {"id": "b", "number": "2", "title": "B", "points": 40, "prompt": "Is B done?", "scheme": "conformity", "stakeholders": ["people"]}
        ]
    })
}

#[test]
fn a_valid_file_parses_with_shares_and_a_stable_hash() {
    let text = small().to_string();
    let f = Framework::parse(&text, "tiny.json").expect("valid");
    assert_eq!(f.node("a1").map(|n| n.points), Some(30.0), "equal share of 60");
    assert_eq!(f.content_hash().len(), 64);
    let again = Framework::parse(&serde_json::to_string_pretty(&small()).expect("json"), "other.json").expect("valid");
    assert_eq!(f.content_hash(), again.content_hash(), "whitespace does not change the version");
    let mut changed = small();
    changed["nodes"][0]["children"][0]["prompt"] = json!("Is A1 really done?");
    let changed = Framework::parse(&changed.to_string(), "tiny.json").expect("valid");
    assert_ne!(f.content_hash(), changed.content_hash(), "any edit is a new version");
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let mut bad = small();
    bad["format"] = json!(7);
    bad["nodes"][0]["points"] = json!(70); // 70 + 40 = 110, not 100
    bad["nodes"][0]["children"][1]["id"] = json!("a1"); // duplicate
    bad["nodes"][0]["children"][0]["stakeholders"] = json!(["clients"]);
    bad["nodes"][0]["children"][1]["scheme"] = json!("radar");
    bad["nodes"][1]["title"] = json!(" ");
    bad["nodes"][1]["prompt"] = json!("");
    let err = Framework::parse(&bad.to_string(), "bad.json").expect_err("must refuse");
    let found: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "format: unknown format version 7; this Keel reads version 1",
            "nodes: points add up to 110; they must add up to 100 (totalPoints)",
            "nodes[0].children[0].stakeholders[0]: unknown stakeholder group \"clients\"; known: customers, people, owners, partners, society, regulators",
            "nodes[0].children[1].id: duplicate node id \"a1\" (first used at nodes[0].children[0])",
            "nodes[0].children[1].scheme: unknown scheme \"radar\"; known: conformity",
            "nodes[1].title: must not be empty",
            "nodes[1].prompt: an assessable node needs a guidance prompt",
        ]
    );
    assert!(err.to_string().starts_with("bad.json: 7 problems"), "{err}");
}

#[test]
fn structural_errors_name_the_path_and_the_line() {
    let mut bad = small();
    bad["nodes"][0]["children"][1]["points"] = json!("ten");
    let err = Framework::parse(&serde_json::to_string_pretty(&bad).expect("json"), "bad.json").expect_err("refuse");
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].path, "nodes[0].children[1].points");
    assert!(err.problems[0].message.contains("line"), "{}", err.problems[0].message);

    let err = Framework::parse("{\"format\": 1,", "cut.json").expect_err("refuse");
    assert!(err.to_string().starts_with("cut.json: "), "{err}");
    let err = Framework::parse("[]", "array.json").expect_err("refuse");
    assert!(err.to_string().contains("expected struct FrameworkFile"), "{err}");
}

#[test]
fn mixed_and_non_positive_points_and_leaves_without_schemes_are_refused() {
    let mut bad = small();
    bad["nodes"][0]["children"][0]["points"] = json!(-5);
    bad["nodes"][0]["children"][1]["scheme"] = serde_json::Value::Null;
    let err = Framework::parse(&bad.to_string(), "bad.json").expect_err("refuse");
    let found: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "nodes[0].children: either every node here gives points or none does (1 of 2 do)",
            "nodes[0].children[0].points: must be > 0",
            "nodes[0].children[1]: a node without a scheme must have children, or it scores nothing",
        ]
    );
}

#[test]
fn profiles_must_keep_the_sums() {
    let mut bad = small();
    bad["profiles"] = json!([
        {"id": "lean", "title": "Lean", "points": {"a": 50, "b": 40}},
        {"id": "default", "title": "Mine", "points": {"zz": 10}}
    ]);
    let err = Framework::parse(&bad.to_string(), "bad.json").expect_err("refuse");
    let found: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "profiles[0].points: the points of a, b add up to 90; they must add up to 100 (totalPoints)",
            "profiles[1].id: \"default\" is reserved for the framework's own points",
            "profiles[1].points.zz: no node has this id",
        ]
    );
}

#[test]
fn builtin_profiles_are_listed_and_public_sector_weighs_customers_higher() {
    let f = builtin_framework("efqm-2020").expect("efqm");
    let index = f.node_index("6.1").expect("6.1");
    let points = |profile: &str| f.weights(profile).map(|w| w.points[index]);
    assert_eq!(points("default"), Some(40.0));
    assert_eq!(points("commercial"), Some(50.0));
    assert_eq!(points("public-sector"), Some(80.0));
    assert_eq!(points("nonsense"), None);
}

#[test]
fn reweighting_criteria_scales_their_parts_and_keeps_the_tree_consistent() {
    let efqm = keel_core::framework::builtin_framework("efqm-2020").expect("efqm");
    let commercial = efqm.weights("commercial").expect("profile");
    let criteria: std::collections::BTreeMap<String, f64> =
        [("6".to_owned(), 160.0), ("7".to_owned(), 240.0)].into_iter().collect();
    let spec = efqm.reweighted("commercial", &criteria, "test").expect("valid");
    let weights = efqm.custom_weights(&spec, "test").expect("checks");
    let at = |id: &str| efqm.node_index(id).expect("node");
    assert_eq!(weights.points[at("6")], 160.0);
    assert_eq!(weights.points[at("7")], 240.0);
    // 6.1 was 50 of 180 under the commercial profile: it keeps its share of the new 160.
    assert!((weights.points[at("6.1")] - 50.0 * 160.0 / 180.0).abs() < 1e-9);
    assert_eq!(weights.points[at("1")], commercial.points[at("1")], "untouched criteria keep the base points");

    let short: std::collections::BTreeMap<String, f64> = [("6".to_owned(), 150.0)].into_iter().collect();
    let err = efqm.reweighted("commercial", &short, "new assessment").expect_err("no longer 1000");
    assert!(err.to_string().contains("must add up to 1000"), "{err}");
    let part: std::collections::BTreeMap<String, f64> = [("6.1".to_owned(), 10.0)].into_iter().collect();
    let err = efqm.reweighted("commercial", &part, "new assessment").expect_err("not a criterion");
    assert!(err.to_string().contains("points.6.1"), "{err}");
    assert!(efqm.reweighted("nonesuch", &criteria, "x").is_err());
}

#[test]
fn the_sector_sets_the_starting_profile_where_the_model_has_one() {
    use keel_core::Sector;
    for framework in keel_core::framework::builtin() {
        for sector in Sector::ALL {
            let profile = framework.sector_profile(sector);
            if framework.profile_ids().contains(&sector.id()) {
                assert_eq!(profile, sector.id(), "{}", framework.id());
            } else {
                assert_eq!(profile, "default", "{}", framework.id());
            }
            assert!(framework.weights(profile).is_some());
        }
    }
    let efqm = keel_core::framework::builtin_framework("efqm-2020").expect("EFQM");
    assert_eq!(efqm.sector_profile(Sector::PublicSector), "public-sector");
    let iso = keel_core::framework::builtin_framework("iso-9001-2015").expect("ISO");
    assert_eq!(iso.sector_profile(Sector::PublicSector), "default");
}

#[test]
fn a_public_body_sees_its_own_words_for_the_same_six_groups() {
    use keel_core::{Sector, StakeholderGroup};
    assert_eq!(StakeholderGroup::Customers.label_for(Sector::PublicSector), "Citizens & service users");
    assert_eq!(StakeholderGroup::Owners.label_for(Sector::PublicSector), "Funders & governing bodies");
    for group in StakeholderGroup::ALL {
        assert_eq!(group.label_for(Sector::Commercial), group.label(), "commercial words are the labels");
        assert!(!group.label_for(Sector::PublicSector).is_empty());
    }
    let public: std::collections::BTreeSet<&str> =
        StakeholderGroup::ALL.iter().map(|g| g.label_for(Sector::PublicSector)).collect();
    assert_eq!(public.len(), 6, "six distinct names");
}

/// Both ISO 9001 built-ins keep Keel's rule by default (clauses 4–10 equal, a clause split among
/// its sub-clauses) and offer "Every requirement equal": each scorable requirement the same.
#[test]
fn iso_every_requirement_equal_gives_each_requirement_the_same_points() {
    for id in ["iso-9001-2015", "iso-9001-2015-maturity"] {
        let f = builtin_framework(id).expect("built in");
        let leaves: Vec<usize> = (0..f.nodes().len()).filter(|&i| f.nodes()[i].is_assessable()).collect();
        assert_eq!(leaves.len(), f.assessable_count());

        // Default: each clause 100/7, so requirements differ (4.1 is worth more than 8.5.1).
        let default = f.weights("default").expect("default");
        for r in f.roots() {
            assert!((default.points[r] - 100.0 / 7.0).abs() < 1e-9, "{id}: clause {} is 100/7", f.nodes()[r].id);
        }
        let (lo, hi) = leaves
            .iter()
            .fold((f64::MAX, 0.0_f64), |(lo, hi), &i| (lo.min(default.points[i]), hi.max(default.points[i])));
        assert!(hi > lo * 2.0, "{id}: under the default requirements weigh differently ({lo} – {hi})");

        let equal = f.weights("equal-requirements").expect("the profile is built in");
        assert_eq!(equal.title, "Every requirement equal");
        let each = 100.0 / leaves.len() as f64;
        for &i in &leaves {
            assert!((equal.points[i] - each).abs() < 1e-9, "{id}: {} gets {}", f.nodes()[i].id, equal.points[i]);
        }
        let total: f64 = f.roots().map(|r| equal.points[r]).sum();
        assert!((total - 100.0).abs() < 1e-9, "{id}: the clauses add up to {total}");
        for (i, node) in f.nodes().iter().enumerate().filter(|(_, n)| !n.children.is_empty()) {
            let sum: f64 = node.children.iter().map(|&c| equal.points[c]).sum();
            assert!((sum - equal.points[i]).abs() < 1e-9, "{id}: {} is the sum of its requirements", node.id);
        }
        let seven = f.node_index("7").expect("clause 7");
        let four = f.node_index("4").expect("clause 4");
        assert!(equal.points[seven] > equal.points[four], "{id}: clause 7 has more requirements than clause 4");
    }
}

/// The rule works on any framework and a profile's listed points still apply on top of it.
#[test]
fn the_equal_leaves_rule_is_a_profile_rule_any_framework_can_use() {
    let mut doc = small();
    doc["profiles"] = json!([
        {"id": "flat", "title": "Flat", "rule": "equalLeaves"},
        {"id": "flat-b", "title": "Flat, B heavier", "rule": "equalLeaves", "points": {"a": 40, "b": 60}}
    ]);
    let f = Framework::parse(&doc.to_string(), "tiny.json").expect("valid");
    let at = |id: &str| f.node_index(id).expect("node");
    let flat = f.weights("flat").expect("flat");
    for leaf in ["a1", "a2", "b"] {
        assert!((flat.points[at(leaf)] - 100.0 / 3.0).abs() < 1e-9, "{leaf}: {}", flat.points[at(leaf)]);
    }
    assert!((flat.points[at("a")] - 200.0 / 3.0).abs() < 1e-9);
    let heavier = f.weights("flat-b").expect("flat-b");
    assert_eq!(heavier.points[at("b")], 60.0);
    assert!((heavier.points[at("a1")] - 20.0).abs() < 1e-9, "a1 keeps its equal share of a");

    doc["profiles"][1]["points"] = json!({"a": 50, "b": 60});
    let err = Framework::parse(&doc.to_string(), "tiny.json").expect_err("110 points");
    assert!(err.to_string().contains("profiles[1].points"), "{err}");
    doc["profiles"][1]["rule"] = json!("equalRoots");
    let err = Framework::parse(&doc.to_string(), "tiny.json").expect_err("unknown rule");
    assert!(err.to_string().contains("equalRoots") || err.to_string().contains("rule"), "{err}");
}

#[test]
fn a_framework_says_what_kind_of_model_it_is_by_how_it_is_scored() {
    use keel_core::ModelKind;
    for framework in keel_core::framework::builtin() {
        // The ISO 9001 files are judged by conformity and maturity; EFQM and CAF by 0–100 scales.
        let expected =
            if framework.title().starts_with("ISO 9001") { ModelKind::ManagementSystem } else { ModelKind::Excellence };
        assert_eq!(framework.kind(), expected, "{}", framework.id());
    }
    // A custom file is what its scoring says, whatever its id says.
    let mut file = small();
    file["id"] = json!("excellence-lookalike");
    let custom = Framework::parse(&file.to_string(), "custom.json").expect("valid");
    assert_eq!(custom.kind(), ModelKind::ManagementSystem);
    assert_eq!((custom.kind().part(), custom.kind().parts()), ("Clause", "clauses"));
    file["id"] = json!("iso-9001-lookalike");
    file["schemes"] = json!([{"kind": "panel", "id": "conformity", "title": "Panel", "bands": [
        {"min": 0, "max": 50, "title": "Low"}, {"min": 51, "max": 100, "title": "High"}]}]);
    let panel = Framework::parse(&file.to_string(), "panel.json").expect("valid");
    assert_eq!(panel.kind(), ModelKind::Excellence);
}
