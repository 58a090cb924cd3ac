//! Hand-worked scoring examples (arithmetic in the comments) and property tests of the engine.

use std::collections::BTreeMap;

use keel_core::framework::{builtin_framework, Framework, Scheme};
use keel_core::scoring::{score, Conformity, NodeScore, NotApplicable, Override, RadarScore, Status};
use proptest::prelude::*;

fn efqm() -> &'static Framework {
    builtin_framework("efqm-2020").expect("built-in efqm-2020")
}

/// A RADAR score giving every attribute of the node's scheme the same value.
fn uniform(framework: &Framework, node: &str, value: u8) -> NodeScore {
    let scheme = framework.node(node).and_then(|n| n.scheme).expect("assessable node");
    let Scheme::Radar { elements, .. } = &framework.schemes()[scheme] else { panic!("{node} is not RADAR") };
    let attributes = elements.iter().flat_map(|e| &e.attributes).map(|a| (a.id.clone(), value)).collect();
    NodeScore::Radar(RadarScore { attributes, assessor_override: None })
}

fn radar(pairs: &[(&str, u8)]) -> NodeScore {
    NodeScore::Radar(RadarScore {
        attributes: pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        assessor_override: None,
    })
}

/// The worked EFQM 2020 example, complete, default profile.
fn efqm_example() -> BTreeMap<String, NodeScore> {
    let f = efqm();
    let mut s = BTreeMap::new();
    // 1.1: Approach (60 + 50) / 2 = 55; Deployment (70 + 60) / 2 = 65;
    //      Assessment & Refinement (40 + 45 + 50) / 3 = 45; part = (55 + 65 + 45) / 3 = 55 %.
    s.insert(
        "1.1".into(),
        radar(&[
            ("sound", 60),
            ("integrated", 50),
            ("implemented", 70),
            ("structured", 60),
            ("measurement", 40),
            ("learning-creativity", 45),
            ("improvement-innovation", 50),
        ]),
    );
    // 1.2-1.5 at 55 % → criterion 1 = 55 % × 100 = 55 points.
    for part in ["1.2", "1.3", "1.4", "1.5"] {
        s.insert(part.into(), uniform(f, part, 55));
    }
    // Criterion 2 at 40 % → 40 points; criterion 3 at 50 % → 50 points; criterion 5 at 45 % → 45.
    for part in ["2.1", "2.2", "2.3", "2.4"] {
        s.insert(part.into(), uniform(f, part, 40));
    }
    for part in ["3.1", "3.2", "3.3", "3.4", "3.5"] {
        s.insert(part.into(), uniform(f, part, 50));
    }
    for part in ["5.1", "5.2", "5.3", "5.4", "5.5"] {
        s.insert(part.into(), uniform(f, part, 45));
    }
    // Criterion 4: (60 + 70 + 50 + 70) / 4 = 62.5 % × 200 = 125 points.
    for (part, v) in [("4.1", 60), ("4.2", 70), ("4.3", 50), ("4.4", 70)] {
        s.insert(part.into(), uniform(f, part, v));
    }
    // 6.1: Relevance & Usability (60 + 60 + 60) / 3 = 60; Performance (50 + 40 + 30 + 40) / 4 = 40;
    //      part = (60 + 40) / 2 = 50 %. 6.2-6.5 at 50 % → criterion 6 = 50 % × 200 = 100 points.
    s.insert(
        "6.1".into(),
        radar(&[
            ("scope-relevance", 60),
            ("integrity", 60),
            ("segmentation", 60),
            ("trends", 50),
            ("targets", 40),
            ("comparisons", 30),
            ("confidence", 40),
        ]),
    );
    for part in ["6.2", "6.3", "6.4", "6.5"] {
        s.insert(part.into(), uniform(f, part, 50));
    }
    // Criterion 7 at 35 % → 70 points.
    s.insert("7".into(), uniform(f, "7", 35));
    s
}

#[test]
fn efqm_2020_worked_example() {
    let f = efqm();
    let report = score(f, &f.default_weights(), &efqm_example()).expect("valid scores");
    let points = |id: &str| report.nodes.iter().find(|n| n.id == id).map(|n| (n.percent, n.points)).expect("node");
    assert_eq!(points("1.1"), (Some(55.0), 11.0), "55 % of the part's 20 points");
    assert_eq!(points("1"), (Some(55.0), 55.0));
    assert_eq!(points("4"), (Some(62.5), 125.0));
    assert_eq!(points("6.1").0, Some(50.0));
    assert_eq!(points("7"), (Some(35.0), 70.0));
    // 55 + 40 + 50 + 125 + 45 + 100 + 70 = 485 of 1000.
    assert!((report.total_points - 485.0).abs() < 1e-9, "{}", report.total_points);
    assert_eq!(report.percent.map(|p| (p * 1000.0).round() / 1000.0), Some(48.5));
    assert!(report.complete && report.missing.is_empty());
    assert_eq!(report.explanation[3], "4 Creating Sustainable Value: 62.5 % × 200 = 125 points");
    assert_eq!(report.explanation.last().map(String::as_str), Some("Total: 485 of 1000 points (48.5 %)"));
}

#[test]
fn an_override_replaces_the_part_score_and_keeps_the_computed_one() {
    let f = efqm();
    let mut scores = efqm_example();
    let Some(NodeScore::Radar(r)) = scores.get_mut("7") else { panic!("7 is RADAR") };
    r.assessor_override = Some(Override { percent: 40.0, reason: "Targets met a year early".into() });
    let report = score(f, &f.default_weights(), &scores).expect("valid");
    let seven = report.nodes.iter().find(|n| n.id == "7").expect("7");
    // 40 % × 200 = 80 points instead of 70: total 485 + 10 = 495.
    assert_eq!((seven.percent, seven.computed_percent, seven.points), (Some(40.0), Some(35.0), 80.0));
    assert_eq!(seven.override_reason.as_deref(), Some("Targets met a year early"));
    assert!((report.total_points - 495.0).abs() < 1e-9);
}

#[test]
fn not_applicable_parts_drop_out_and_the_rest_renormalise() {
    let f = efqm();
    let mut scores = efqm_example();
    // 3.4 does not apply: 3.1, 3.2, 3.3 and 3.5 now share criterion 3's 100 points, 25 each.
    scores.insert("3.4".into(), NodeScore::NotApplicable(NotApplicable { reason: "No local community".into() }));
    scores.insert("3.5".into(), uniform(f, "3.5", 70));
    let report = score(f, &f.default_weights(), &scores).expect("valid");
    let node = |id: &str| report.nodes.iter().find(|n| n.id == id).expect("node").clone();
    assert_eq!(node("3.4").status, Status::NotApplicable);
    assert_eq!(node("3.1").max_points, 25.0);
    // (50 + 50 + 50 + 70) / 4 = 55 % × 100 = 55 points; total 485 - 50 + 55 = 490.
    assert_eq!((node("3").percent, node("3").points), (Some(55.0), 55.0));
    assert!((report.total_points - 490.0).abs() < 1e-9);
    assert_eq!(report.max_points, 1000.0);
}

#[test]
fn unscored_parts_are_reported_missing_never_counted() {
    let f = efqm();
    let mut scores = efqm_example();
    scores.remove("5.5");
    // 5.3 has only some attributes scored: still missing.
    scores.insert("5.3".into(), radar(&[("sound", 80)]));
    let report = score(f, &f.default_weights(), &scores).expect("valid");
    assert_eq!(report.missing, ["5.3", "5.5"]);
    assert!(!report.complete);
    assert_eq!(report.percent, None, "no overall % while parts are missing");
    let five = report.nodes.iter().find(|n| n.id == "5").expect("5");
    // 5.1, 5.2, 5.4 at 45 % earn 9 points each = 27; 5.3 and 5.5 earn nothing yet.
    assert_eq!((five.status, five.percent, five.points), (Status::Partial, Some(45.0), 27.0));
    assert!((report.total_points - (485.0 - 45.0 + 27.0)).abs() < 1e-9);
    assert!(
        report.explanation[4].contains("partly scored (45 % so far); 27 of 100 points"),
        "{}",
        report.explanation[4]
    );
    assert!(report.explanation.last().is_some_and(|l| l.ends_with("so far; 2 node(s) still to score")));
}

#[test]
fn iso_9001_worked_example() {
    let iso = builtin_framework("iso-9001-2015").expect("iso");
    let mut scores: BTreeMap<String, NodeScore> = iso
        .nodes()
        .iter()
        .filter(|n| n.is_assessable())
        .map(|n| (n.id.clone(), NodeScore::Conformity(Conformity::Conforming)))
        .collect();
    scores.insert("4.3".into(), NodeScore::NotApplicable(NotApplicable { reason: "Scope fixed by the group".into() }));
    scores.insert("7.5.3".into(), NodeScore::Conformity(Conformity::Partially));
    scores.insert("8.5.1".into(), NodeScore::Conformity(Conformity::Partially));
    scores.insert("8.5.5".into(), NodeScore::Conformity(Conformity::NotConforming));
    let report = score(iso, &iso.default_weights(), &scores).expect("valid");
    let pct = |id: &str| report.nodes.iter().find(|n| n.id == id).and_then(|n| n.percent).expect("scored");
    // Clause 4: 4.3 does not apply; 4.1, 4.2, 4.4 conform → 100 %.
    assert_eq!(pct("4"), 100.0);
    // 7.5: (100 + 100 + 50) / 3 = 83.33 %; clause 7: (100 × 4 + 83.33) / 5 = 96.67 %.
    assert!((pct("7.5") - 250.0 / 3.0).abs() < 1e-9);
    assert!((pct("7") - (400.0 + 250.0 / 3.0) / 5.0).abs() < 1e-9);
    // 8.5: (50 + 100 + 100 + 100 + 0 + 100) / 6 = 75 %; clause 8: (100 × 6 + 75) / 7 = 96.43 %.
    assert!((pct("8.5") - 75.0).abs() < 1e-9);
    assert!((pct("8") - 675.0 / 7.0).abs() < 1e-9);
    // Overall: clauses weigh equally: (100 × 5 + 96.67 + 96.43) / 7 = 98.44 %.
    let expected = (500.0 + (400.0 + 250.0 / 3.0) / 5.0 + 675.0 / 7.0) / 7.0;
    assert!((report.percent.expect("complete") - expected).abs() < 1e-9);
    assert!((report.total_points - expected).abs() < 1e-9, "ISO totals are out of 100");
}

#[test]
fn a_profile_moves_points_between_results_and_the_stakeholder_view_shows_it() {
    let f = efqm();
    let scores = efqm_example();
    let public = f.weights("public-sector").expect("public-sector profile");
    let report = score(f, &public, &scores).expect("valid");
    let node = |id: &str| report.nodes.iter().find(|n| n.id == id).expect("node").clone();
    // Public sector: criterion 6 is worth 240 and 7 is worth 160; 6.1 customers 80.
    assert_eq!(node("6").max_points, 240.0);
    assert_eq!(node("7").max_points, 160.0);
    assert_eq!(node("6.1").max_points, 80.0);
    // 485 - 100 - 70 + 50 % × 240 + 35 % × 160 = 315 + 120 + 56 = 491.
    assert!((report.total_points - 491.0).abs() < 1e-9, "{}", report.total_points);
    let society = report.stakeholders.iter().find(|g| g.group.id() == "society").expect("society");
    assert!(society.nodes > 0 && society.percent.is_some());
    assert!(report.balance_index.is_some_and(|b| (0.0..=100.0).contains(&b)));
    // The coverage matrix: 6.4 serves society only; criterion 3's parts one group each.
    assert_eq!(node("6.4").stakeholders, [keel_core::StakeholderGroup::Society]);
    let groups_in_3: Vec<&str> = ["3.1", "3.2", "3.4", "3.5"].iter().map(|id| node(id).stakeholders[0].id()).collect();
    assert_eq!(groups_in_3, ["customers", "people", "society", "partners"]);
}

#[test]
fn iso_leaves_no_group_unassessed_but_weighs_customers_most() {
    let iso = builtin_framework("iso-9001-2015").expect("iso");
    let report = score(iso, &iso.default_weights(), &BTreeMap::new()).expect("empty is valid");
    let share =
        |id: &str| report.stakeholders.iter().find(|g| g.group.id() == id).map(|g| g.weight_share).unwrap_or(0.0);
    assert!(share("customers") > 60.0, "customers {}", share("customers"));
    // Society only through 4.1 and 4.2: 2 × (1/4 of clause 4's 1/7) = 7.14 %.
    assert!((share("society") - 200.0 / 28.0).abs() < 1e-9, "society {}", share("society"));
    assert_eq!(report.missing.len(), iso.assessable_count());
    assert_eq!(report.total_points, 0.0);
}

#[test]
fn scores_that_do_not_fit_are_refused_with_their_paths() {
    let f = efqm();
    let mut scores = BTreeMap::new();
    scores.insert("9.9".into(), NodeScore::Panel(50));
    scores.insert("4".into(), NodeScore::Panel(50));
    scores.insert("4.1".into(), radar(&[("sound", 63), ("charisma", 50)]));
    scores.insert("4.2".into(), NodeScore::Conformity(Conformity::Conforming));
    scores.insert("4.3".into(), NodeScore::NotApplicable(NotApplicable { reason: " ".into() }));
    let err = score(f, &f.default_weights(), &scores).expect_err("must refuse");
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "scores.4",
            "scores.4.1.radar.attributes.charisma",
            "scores.4.1.radar.attributes.sound",
            "scores.4.2",
            "scores.4.3.notApplicable.reason",
            "scores.9.9"
        ]
    );
    assert!(err.to_string().contains("63 is not a score from 0 to 100 in steps of 5"), "{err}");
}

fn all_efqm_parts() -> Vec<String> {
    efqm().nodes().iter().filter(|n| n.is_assessable()).map(|n| n.id.clone()).collect()
}

prop_compose! {
    /// Every EFQM 2020 part scored with uniform attributes (0-100 in steps of 5), some N/A.
    fn efqm_scores()(values in proptest::collection::vec((0u8..=20, any::<bool>()), 24)) -> BTreeMap<String, NodeScore> {
        let f = efqm();
        all_efqm_parts().iter().zip(values).map(|(id, (v, na))| {
            let score = if na && id != "7" {
                NodeScore::NotApplicable(NotApplicable { reason: "generated".into() })
            } else {
                uniform(f, id, v * 5)
            };
            (id.clone(), score)
        }).collect()
    }
}

proptest! {
    #[test]
    fn totals_stay_within_the_maximum(scores in efqm_scores(), profile in prop_oneof!["default", "commercial", "public-sector"]) {
        let f = efqm();
        let weights = f.weights(&profile).expect("profile");
        let report = score(f, &weights, &scores).expect("valid");
        prop_assert!(report.total_points >= -1e-9 && report.total_points <= 1000.0 + 1e-9, "{}", report.total_points);
        let roots: f64 = f.roots().map(|r| report.nodes[r].max_points).sum();
        prop_assert!((roots - 1000.0).abs() < 1e-6, "N/A renormalisation keeps the maximum at 1000: {roots}");
    }

    #[test]
    fn raising_any_attribute_never_lowers_the_total(scores in efqm_scores(), which in 0usize..24, attribute in 0usize..7) {
        let f = efqm();
        let weights = f.default_weights();
        let before = score(f, &weights, &scores).expect("valid").total_points;
        let id = &all_efqm_parts()[which];
        let mut raised = scores.clone();
        if let Some(NodeScore::Radar(r)) = raised.get_mut(id) {
            if let Some((_, v)) = r.attributes.iter_mut().nth(attribute) {
                *v = (*v + 5).min(100);
            }
        }
        let after = score(f, &weights, &raised).expect("valid").total_points;
        prop_assert!(after >= before - 1e-9, "{before} → {after}");
    }
}

#[test]
fn every_profile_sums_to_the_framework_total() {
    for framework in keel_core::framework::builtin() {
        for profile in framework.profile_ids() {
            let weights = framework.weights(profile).expect("profile");
            let roots: f64 = framework.roots().map(|r| weights.points[r]).sum();
            assert!((roots - framework.total_points()).abs() < 1e-9, "{} {profile}: {roots}", framework.id());
            for (i, node) in framework.nodes().iter().enumerate() {
                if !node.children.is_empty() {
                    let sum: f64 = node.children.iter().map(|&c| weights.points[c]).sum();
                    assert!((sum - weights.points[i]).abs() < 1e-9, "{} {profile} {}: {sum}", framework.id(), node.id);
                }
            }
        }
    }
}

/// Every assessable node of `framework` scored by `f(node id)`.
fn all_scored(framework: &Framework, f: impl Fn(&str) -> NodeScore) -> BTreeMap<String, NodeScore> {
    framework.nodes().iter().filter(|n| n.is_assessable()).map(|n| (n.id.clone(), f(&n.id))).collect()
}

#[test]
fn efqm_2013_worked_example() {
    let f = builtin_framework("efqm-2013").expect("efqm-2013");
    let value = |id: &str| match id {
        "6a" => 60,
        "6b" => 40,
        "8a" => 30,
        "9a" => 70,
        _ => 50,
    };
    let scores = all_scored(f, |id| uniform(f, id, value(id)));
    let report = score(f, &f.default_weights(), &scores).expect("valid");
    let points = |id: &str| report.nodes.iter().find(|n| n.id == id).map(|n| n.points).expect("node");
    // Enablers: five criteria × 100 × 50 % = 250.
    // 6: 6a 112.5 × 60 % = 67.5, 6b 37.5 × 40 % = 15 → 82.5 (55 %).
    assert!((points("6") - 82.5).abs() < 1e-9);
    // 8: 8a 75 × 30 % = 22.5, 8b 25 × 50 % = 12.5 → 35.
    assert!((points("8") - 35.0).abs() < 1e-9);
    // 9: 9a 75 × 70 % = 52.5, 9b 75 × 50 % = 37.5 → 90.
    assert!((points("9") - 90.0).abs() < 1e-9);
    // Total: 250 + 82.5 + 50 + 35 + 90 = 507.5.
    assert!((report.total_points - 507.5).abs() < 1e-9, "{}", report.total_points);
}

#[test]
fn efqm_2025_worked_example_with_the_commercial_profile() {
    let f = builtin_framework("efqm-2025").expect("efqm-2025");
    let scores = all_scored(f, |id| uniform(f, id, if id == "7.2" { 70 } else { 50 }));
    let default = score(f, &f.default_weights(), &scores).expect("valid");
    // 7: (50 + 70 + 50 + 50) / 4 = 55 % × 200 = 110; the other 800 points at 50 % = 400 → 510.
    assert!((default.total_points - 510.0).abs() < 1e-9, "{}", default.total_points);
    let commercial = score(f, &f.weights("commercial").expect("commercial"), &scores).expect("valid");
    // 7 = 220: 7.1 55 × 50 % + 7.2 80 × 70 % + 7.3 50 × 50 % + 7.4 35 × 50 % = 27.5 + 56 + 25 + 17.5 = 126;
    // 6 = 180 × 50 % = 90; criteria 1-5 = 600 × 50 % = 300 → 516.
    assert!((commercial.total_points - 516.0).abs() < 1e-9, "{}", commercial.total_points);
}

#[test]
fn caf_2020_classical_worked_example() {
    let f = builtin_framework("caf-2020").expect("caf");
    let value = |id: &str| match id {
        "3.1" => 70,
        "3.2" => 55,
        "6.1" => 60,
        "6.2" => 40,
        "7.1" | "7.2" => 50,
        "8.1" | "8.2" => 30,
        "9.1" => 80,
        "9.2" => 60,
        _ => 40,
    };
    let scores = all_scored(f, |id| NodeScore::Panel(value(id)));
    let report = score(f, &f.default_weights(), &scores).expect("valid");
    let pct = |id: &str| report.nodes.iter().find(|n| n.id == id).and_then(|n| n.percent).expect("scored");
    // 3: (70 + 55 + 40) / 3 = 55; 6: (60 + 40) / 2 = 50; 9: (80 + 60) / 2 = 70.
    assert!((pct("3") - 55.0).abs() < 1e-9);
    assert!((pct("9") - 70.0).abs() < 1e-9);
    // Criteria weigh equally: (40 + 40 + 55 + 40 + 40 + 50 + 50 + 30 + 70) / 9 = 415 / 9 = 46.11 %.
    assert!((report.percent.expect("complete") - 415.0 / 9.0).abs() < 1e-9);
}

#[test]
fn caf_2020_fine_tuned_worked_example() {
    let f = builtin_framework("caf-2020-fine").expect("caf fine");
    let scores = all_scored(f, |id| {
        let results = id.starts_with(['6', '7', '8', '9']);
        let phases: &[(&str, u8)] = if results {
            &[("trends", 70), ("targets", 50)]
        } else {
            &[("plan", 80), ("do", 60), ("check", 40), ("act", 20)]
        };
        NodeScore::Phases(phases.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect())
    });
    let report = score(f, &f.default_weights(), &scores).expect("valid");
    // Enablers: (80 + 60 + 40 + 20) / 4 = 50 %; results: (70 + 50) / 2 = 60 %.
    // Overall: (5 × 50 + 4 × 60) / 9 = 490 / 9 = 54.44 %.
    assert!((report.percent.expect("complete") - 490.0 / 9.0).abs() < 1e-9);
    // A phase left out makes the sub-criterion missing, not zero.
    let mut partial = scores.clone();
    partial.insert("1.1".into(), NodeScore::Phases([("plan".to_owned(), 80)].into()));
    let report = score(f, &f.default_weights(), &partial).expect("valid");
    assert_eq!(report.missing, ["1.1"]);
}

/// Issue 16: in a three-level tree a partly scored child counts only with its scored part.
#[test]
fn percent_so_far_counts_a_partly_scored_child_by_its_scored_part_only() {
    let iso = builtin_framework("iso-9001-2015").expect("ISO");
    let weights = iso.weights("default").expect("default");
    let mut scores = BTreeMap::new();
    scores.insert("5.1.1".to_owned(), NodeScore::Conformity(Conformity::Conforming));
    scores.insert("5.3".to_owned(), NodeScore::Conformity(Conformity::NotConforming));
    let report = score(iso, &weights, &scores).expect("score");
    let five = report.nodes.iter().find(|n| n.id == "5").expect("clause 5");
    let five_one = report.nodes.iter().find(|n| n.id == "5.1").expect("5.1");
    assert_eq!(five.status, Status::Partial);
    // 5.1.1 is worth half of 5.1 (a third of 5): 100/7/3/2 points, earned in full; 5.3 is worth a
    // third of 5 and earned nothing. Scored parts: 100/7 × (1/6 + 1/3) = 7.14 points, 2.38 earned.
    let scored_points = 100.0 / 7.0 * (1.0 / 6.0 + 1.0 / 3.0);
    assert!((five.points - 100.0 / 7.0 / 6.0).abs() < 1e-9, "{}", five.points);
    let so_far = five.percent.expect("a % so far");
    assert!((so_far - five.points / scored_points * 100.0).abs() < 1e-9, "{so_far}");
    assert!((so_far - 100.0 / 3.0).abs() < 1e-9, "{so_far}");
    assert_eq!(five_one.percent, Some(100.0), "5.1's own scored part is fully conforming");
    let line = report.explanation.iter().find(|l| l.starts_with("5 ")).expect("line for 5");
    assert!(line.contains("33.3 % so far"), "{line}");
}

/// "% so far" at every depth equals points earned over the points of the scored parts, for
/// every built-in framework with every other part scored.
#[test]
fn percent_so_far_is_earned_over_scored_points_in_every_framework() {
    for framework in keel_core::framework::builtin() {
        let weights = framework.weights("default").expect("default");
        let mut scores = BTreeMap::new();
        for (i, node) in framework.nodes().iter().enumerate().filter(|(_, n)| n.is_assessable()) {
            if i % 2 == 0 {
                let scheme = &framework.schemes()[node.scheme.expect("scheme")];
                scores.insert(node.id.clone(), NodeScore::nearest(scheme, (i * 37 % 101) as f64));
            }
        }
        let report = score(framework, &weights, &scores).expect("score");
        // The points of the scored leaves under each node, from the leaves' own max points.
        for (i, result) in report.nodes.iter().enumerate() {
            let Some(p) = result.percent else { continue };
            let under: Vec<&keel_core::scoring::NodeResult> = report.nodes[i..]
                .iter()
                .enumerate()
                .take_while(|(k, r)| *k == 0 || r.depth > result.depth)
                .map(|(_, r)| r)
                .filter(|r| framework.node(&r.id).is_some_and(|n| n.is_assessable()) && r.percent.is_some())
                .collect();
            let scored_points: f64 = under.iter().map(|r| r.max_points).sum();
            if scored_points > 0.0 {
                let expected = result.points / scored_points * 100.0;
                assert!((p - expected).abs() < 1e-6, "{} {}: {p} vs {expected}", framework.id(), result.id);
            }
        }
    }
}

#[test]
fn a_sheet_with_everything_not_applicable_says_so() {
    let iso = builtin_framework("iso-9001-2015").expect("ISO");
    let weights = iso.weights("default").expect("default");
    let scores: BTreeMap<String, NodeScore> = iso
        .nodes()
        .iter()
        .filter(|n| n.is_assessable())
        .map(|n| (n.id.clone(), NodeScore::NotApplicable(NotApplicable { reason: "outside the scope".into() })))
        .collect();
    let report = score(iso, &weights, &scores).expect("score");
    let total = report.explanation.last().expect("a total line");
    assert_eq!(total, "Total: nothing to score; every part is marked not applicable");
    assert!(!report.explanation.iter().any(|l| l.contains("so far")), "{:?}", report.explanation);
}

/// Under "Every requirement equal" one nonconforming requirement costs 100/56 points wherever
/// it sits; under the default a requirement costs its clause's share (4.1: 100/7/4).
#[test]
fn under_every_requirement_equal_each_requirement_costs_the_same() {
    let f = builtin_framework("iso-9001-2015").expect("built in");
    let leaves: Vec<&str> = f.nodes().iter().filter(|n| n.is_assessable()).map(|n| n.id.as_str()).collect();
    let equal = f.weights("equal-requirements").expect("profile");
    let all = |bad: &str| -> BTreeMap<String, NodeScore> {
        leaves
            .iter()
            .map(|&id| {
                let c = if id == bad { Conformity::NotConforming } else { Conformity::Conforming };
                (id.to_owned(), NodeScore::Conformity(c))
            })
            .collect()
    };
    let full = score(f, &equal, &all("")).expect("scores");
    assert!((full.total_points - 100.0).abs() < 1e-9, "{}", full.total_points);
    assert_eq!(full.profile, "equal-requirements");
    assert_eq!(full.profile_title, "Every requirement equal");
    let each = 100.0 / leaves.len() as f64;
    for bad in ["4.1", "8.5.1", "10.3"] {
        let report = score(f, &equal, &all(bad)).expect("scores");
        assert!((100.0 - report.total_points - each).abs() < 1e-9, "{bad}: {}", report.total_points);
    }
    // A not-applicable requirement drops out of the count: the other 55 are worth 100/55 each,
    // wherever they sit (not only its siblings in clause 4).
    let mut with_na = all("8.5.1");
    with_na.insert("4.3".into(), NodeScore::NotApplicable(NotApplicable { reason: "No QMS scope exclusions".into() }));
    let report = score(f, &equal, &with_na).expect("scores");
    let each = 100.0 / (leaves.len() - 1) as f64;
    assert!((100.0 - report.total_points - each).abs() < 1e-9, "{}", report.total_points);
    for node in report.nodes.iter().filter(|r| f.node(&r.id).is_some_and(|n| n.is_assessable())) {
        let expected = if node.id == "4.3" { 0.0 } else { each };
        assert!((node.max_points - expected).abs() < 1e-9, "{}: {}", node.id, node.max_points);
    }
    let default = score(f, &f.default_weights(), &all("4.1")).expect("scores");
    assert_eq!(default.profile_title, "The framework's own points");
    assert!((100.0 - default.total_points - 100.0 / 7.0 / 4.0).abs() < 1e-9, "{}", default.total_points);
}

#[test]
fn when_rounded_parts_do_not_add_up_to_the_total_the_explanation_says_so() {
    let iso = builtin_framework("iso-9001-2015").expect("iso");
    let weights = iso.default_weights();
    // Every requirement conforming: seven clauses of 14.2857 points, shown as 14.3 each (100.1).
    let all: BTreeMap<String, NodeScore> = iso
        .nodes()
        .iter()
        .filter(|n| n.is_assessable())
        .map(|n| (n.id.clone(), NodeScore::Conformity(Conformity::Conforming)))
        .collect();
    let report = score(iso, &weights, &all).expect("score");
    let note = report.explanation.iter().find(|l| l.starts_with("Each figure is rounded"));
    assert_eq!(
        note.map(String::as_str),
        Some("Each figure is rounded to one decimal on its own: the parts as shown add up to 100.1, the total is 100.")
    );
    // Where they do add up, nothing is said.
    let report = score(efqm(), &efqm().default_weights(), &efqm_example()).expect("score");
    let roots: f64 = report.nodes.iter().filter(|n| n.depth == 0).map(|n| (n.points * 10.0).round() / 10.0).sum();
    let adds_up = ((roots * 10.0).round() - (report.total_points * 10.0).round()).abs() < 1e-6;
    assert_eq!(report.explanation.iter().any(|l| l.starts_with("Each figure is rounded")), !adds_up);
}
