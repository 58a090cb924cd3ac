//! Year-on-year comparison checked against a small example worked out by hand.

use std::collections::BTreeMap;

use keel_core::comparison::{compare, CompareError, Compared};
use keel_core::exchange::{ActionDoc, ActionStatus};
use keel_core::framework::Framework;
use keel_core::scoring::{score, Conformity, NodeScore, ScoreReport};
use keel_core::StakeholderGroup;
use serde_json::json;

/// Criterion a (60 points: a1 serves customers, a2 nobody) and b (40 points, serves people).
fn framework(extra_node: bool) -> Framework {
    let mut b = json!({"id": "b", "number": "2", "title": "B", "points": 40, "prompt": "B?", "scheme": "conformity", "stakeholders": ["people"]});
    if extra_node {
        b = json!({"id": "b", "number": "2", "title": "B", "points": 40, "children": [
            {"id": "b1", "number": "2.1", "title": "B1", "prompt": "B1?", "scheme": "conformity", "stakeholders": ["people"]}
        ]});
    }
    let file = json!({
        "format": 1, "id": "tiny", "title": "Tiny", "edition": "1", "version": "1.0.0", "source": "test",
        "totalPoints": 100,
        "schemes": [{"kind": "conformity", "id": "conformity", "title": "Conformity"}],
        "nodes": [
            {"id": "a", "number": "1", "title": "A", "points": 60, "children": [
                {"id": "a1", "number": "1.1", "title": "A1", "prompt": "A1?", "scheme": "conformity", "stakeholders": ["customers"]},
                {"id": "a2", "number": "1.2", "title": "A2", "prompt": "A2?", "scheme": "conformity"}
            ]},
            b
        ]
    });
    Framework::parse(&file.to_string(), "tiny.json").expect("valid")
}

fn report(framework: &Framework, answers: &[(&str, Conformity)]) -> ScoreReport {
    let scores: BTreeMap<String, NodeScore> =
        answers.iter().map(|(node, c)| ((*node).to_owned(), NodeScore::Conformity(*c))).collect();
    score(framework, &framework.default_weights(), &scores).expect("scores")
}

fn done(node: &str, title: &str, on: &str) -> ActionDoc {
    ActionDoc {
        title: title.into(),
        owner: String::new(),
        due: None,
        status: ActionStatus::Done,
        node: Some(node.into()),
        completed_on: Some(on.parse().expect("date")),
    }
}

fn year_end(year: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, 12, 31)
}

#[test]
fn two_years_compare_as_worked_out_by_hand() {
    use Conformity::*;
    let f = framework(false);
    // 2024: a1 100 % (30 pts), a2 50 % (15), b 0 % → 45 points.
    let y2024 = report(&f, &[("a1", Conforming), ("a2", Partially), ("b", NotConforming)]);
    // 2025: a1 50 % (15), a2 100 % (30), b 100 % (40) → 85 points.
    let y2025 = report(&f, &[("a1", Partially), ("a2", Conforming), ("b", Conforming)]);
    let actions = [
        done("a2", "Write the A2 procedure", "2025-05-01"),
        done("a1", "Old fix, before the 2024 assessment", "2024-06-01"),
    ];
    let c = compare(&[
        Compared { label: "2024", report: &y2024, actions: &[], period_end: year_end(2024) },
        Compared { label: "2025", report: &y2025, actions: &actions, period_end: year_end(2025) },
    ])
    .expect("compare");

    assert_eq!(c.totals, [45.0, 85.0]);
    assert_eq!(c.total_change, 40.0);
    let criterion = |id: &str| c.criteria.iter().find(|n| n.id == id).expect("criterion");
    // a: (30·100 + 30·50) / 60 = 75 % both years; points 45 both years.
    assert_eq!(criterion("a").percents, [Some(75.0), Some(75.0)]);
    assert_eq!(criterion("a").points_change, 0.0);
    assert_eq!(criterion("b").percent_change, Some(100.0));
    assert_eq!(criterion("b").points_change, 40.0);

    let ids = |list: &[keel_core::comparison::NodeChange]| list.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&c.most_improved), ["b", "a2"], "b +100, a2 +50; parents are not parts");
    assert_eq!(ids(&c.concerns), ["a1"]);

    // Customers: a1 only, 100 → 50; people: b only, 0 → 100.
    let group = |g: StakeholderGroup| c.groups.iter().find(|x| x.group == g).expect("group");
    assert_eq!(group(StakeholderGroup::Customers).change, Some(-50.0));
    assert_eq!(group(StakeholderGroup::People).change, Some(100.0));
    assert_eq!(group(StakeholderGroup::Owners).change, None, "no part serves owners");
    // Balance index: 100 − (best − worst): 100 − 100 = 0, then 100 − 50 = 50.
    assert_eq!(c.balance, [Some(0.0), Some(50.0)]);
    assert_eq!(c.lurches.len(), 1);
    let lurch = &c.lurches[0];
    assert_eq!(
        (lurch.gained, lurch.gain, lurch.lost, lurch.loss),
        (StakeholderGroup::People, 100.0, StakeholderGroup::Customers, 50.0)
    );

    // Only the action completed between the two assessments is linked, to its part and criterion.
    let node = |id: &str| c.nodes.iter().find(|n| n.id == id).expect("node");
    assert_eq!(node("a2").completed_actions, ["Write the A2 procedure"]);
    assert_eq!(node("a").completed_actions, ["Write the A2 procedure"]);
    assert!(node("a1").completed_actions.is_empty());
    assert!(c.unmatched.is_empty());
}

#[test]
fn nodes_missing_from_an_assessment_are_listed_not_dropped() {
    use Conformity::*;
    let old = framework(false);
    let new = framework(true);
    let before = report(&old, &[("a1", Conforming), ("a2", Conforming), ("b", Conforming)]);
    let after = report(&new, &[("a1", Conforming), ("a2", Conforming), ("b1", Partially)]);
    let c = compare(&[
        Compared { label: "2024", report: &before, actions: &[], period_end: None },
        Compared { label: "2025", report: &after, actions: &[], period_end: None },
    ])
    .expect("compare");
    let unmatched: Vec<(&str, Vec<String>)> =
        c.unmatched.iter().map(|u| (u.id.as_str(), u.present_in.clone())).collect();
    assert_eq!(unmatched, [("b1", vec!["2025".to_owned()])]);
    assert!(c.nodes.iter().any(|n| n.id == "b"), "b is in both and compared");
    assert!(c.lurches.is_empty(), "no group lost");
}

#[test]
fn one_assessment_is_not_a_comparison() {
    let f = framework(false);
    let r = report(&f, &[]);
    let err = compare(&[Compared { label: "2025", report: &r, actions: &[], period_end: None }]).expect_err("one");
    assert_eq!(err, CompareError::TooFew(1));
}

#[test]
fn only_models_a_version_map_connects_are_comparable() {
    use keel_core::comparison::{comparable, odd_one_out};
    assert!(comparable("efqm-2020", "efqm-2020"));
    assert!(comparable("efqm-2013", "efqm-2025"), "through 2020");
    assert!(comparable("efqm-2025", "efqm-2013"), "either way");
    assert!(!comparable("efqm-2020", "iso-9001-2015"));
    assert!(!comparable("iso-9001-2015", "iso-9001-2015-maturity"));
    assert!(comparable("iso-9001-2015", "iso-9001-2015"));
    assert_eq!(odd_one_out(&["efqm-2020", "efqm-2020"]), None);
    assert_eq!(odd_one_out(&["efqm-2020", "efqm-2025", "iso-9001-2015"]), Some((2, 1)));
    assert_eq!(odd_one_out(&["iso-9001-2015", "efqm-2020", "efqm-2025"]), Some((0, 2)));
}

/// One number everywhere: every figure of a comparison is rounded as shown (one decimal,
/// `fmt_points`) and every change is the difference of the shown figures. Unrounded, 422.24 →
/// 434.16 gives a change of 11.92, shown "+11.9" beside "422.2 → 434.2" (issue 16).
#[test]
fn a_change_is_the_difference_of_the_figures_as_shown() {
    use keel_core::scoring::fmt_points as fmt_number;
    use Conformity::*;
    let f = framework(false);
    let mut before = report(&f, &[("a1", Conforming), ("a2", Partially), ("b", NotConforming)]);
    let mut now = report(&f, &[("a1", Conforming), ("a2", Conforming), ("b", Partially)]);
    before.total_points = 422.24;
    now.total_points = 434.16;
    let a = before.nodes.iter().position(|n| n.id == "a").expect("a");
    before.nodes[a].points = 10.04;
    now.nodes[a].points = 20.06;
    before.nodes[a].percent = Some(33.34);
    now.nodes[a].percent = Some(66.76);
    let c = compare(&[
        Compared { label: "2025", report: &before, actions: &[], period_end: year_end(2025) },
        Compared { label: "2026", report: &now, actions: &[], period_end: year_end(2026) },
    ])
    .expect("compares");
    let shown = |v: f64| fmt_number(v).parse::<f64>().expect("number");
    let diff = |a: f64, b: f64| ((b - a) * 10.0).round() / 10.0;
    assert_eq!(c.totals, vec![422.2, 434.2]);
    assert_eq!(fmt_number(c.total_change), "12");
    assert_eq!(shown(c.total_change), diff(shown(c.totals[0]), shown(c.totals[1])));
    for n in &c.nodes {
        assert_eq!(shown(n.points_change), diff(shown(n.points[0]), shown(n.points[1])), "{}", n.id);
        if let (Some(x), Some(y), Some(d)) = (n.percents[0], n.percents[1], n.percent_change) {
            assert_eq!(shown(d), diff(shown(x), shown(y)), "{} %", n.id);
        }
    }
    let node_a = c.nodes.iter().find(|n| n.id == "a").expect("a");
    assert_eq!(fmt_number(node_a.points_change), "10.1", "20.1 − 10 (unrounded 10.02 shows 10)");
    assert_eq!(
        node_a.percent_change.map(fmt_number).as_deref(),
        Some("33.5"),
        "66.8 − 33.3 (unrounded 33.42 shows 33.4)"
    );
    for g in &c.groups {
        if let (Some(x), Some(y), Some(d)) = (g.percents[0], g.percents[1], g.change) {
            assert_eq!(shown(d), diff(shown(x), shown(y)), "{:?}", g.group);
        }
    }
}
