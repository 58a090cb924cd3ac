//! Comparing across editions of the EFQM model through the version maps: parts that moved are
//! matched to their new place, parts with no counterpart are listed, never silently dropped.

use std::collections::BTreeMap;

use keel_core::crosswalk::{version_maps, version_path};
use keel_core::exchange::{
    AssessmentDoc, AssessmentStatus, ConsensusDoc, ExchangeFile, OrganisationDoc, EXCHANGE_FORMAT, EXCHANGE_KIND,
};
use keel_core::framework::{builtin_framework, Scheme};
use keel_core::scoring::NodeScore;
use keel_core::{Framework, Sector};
use keel_export::{Pack, Scored};

/// Every part of `framework` scored `value` (RADAR: every attribute), except `special`.
fn assessment(framework_id: &str, period: i32, value: u8, special: &[(&str, u8)]) -> Scored {
    let framework: &Framework = builtin_framework(framework_id).expect("built in");
    let consensus = framework
        .nodes()
        .iter()
        .filter_map(|n| n.scheme.map(|s| (n, &framework.schemes()[s])))
        .map(|(n, scheme)| {
            let v = special.iter().find(|(id, _)| *id == n.id).map_or(value, |(_, v)| *v);
            assert!(matches!(scheme, Scheme::Radar { .. }), "EFQM parts are RADAR");
            (n.id.clone(), ConsensusDoc { score: NodeScore::nearest(scheme, f64::from(v)), rationale: String::new() })
        })
        .collect();
    let file = ExchangeFile {
        format: EXCHANGE_FORMAT,
        kind: EXCHANGE_KIND.into(),
        organisation: OrganisationDoc { name: "Acme".into(), sector: Sector::Commercial, sites: vec![] },
        assessment: AssessmentDoc {
            uid: format!("acme-{period}"),
            title: format!("Self-assessment {period}"),
            period,
            scope: String::new(),
            profile: "default".into(),
            custom_profile: None,
            status: AssessmentStatus::Final,
        },
        framework: framework.file().clone(),
        framework_hash: framework.content_hash().into(),
        assessors: vec![],
        scores: BTreeMap::new(),
        consensus,
        notes: vec![],
        actions: vec![],
        kpis: vec![],
    };
    Scored::new(file, framework.clone()).expect("scores")
}

#[test]
fn the_version_maps_are_valid_and_chain() {
    assert_eq!(version_maps().len(), 2);
    let ids = |from, to| version_path(from, to).map(|p| p.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
    assert_eq!(ids("efqm-2020", "efqm-2025"), Some(vec!["efqm-2020--efqm-2025".to_owned()]));
    assert_eq!(
        ids("efqm-2013", "efqm-2025"),
        Some(vec!["efqm-2013--efqm-2020".to_owned(), "efqm-2020--efqm-2025".to_owned()])
    );
    assert_eq!(ids("efqm-2025", "efqm-2013"), None, "maps go forward only");
    assert_eq!(ids("iso-9001-2015", "efqm-2025"), None);
}

#[test]
fn parts_that_moved_between_2020_and_2025_are_compared_in_their_new_place() {
    // 2020: 1.2 (stakeholders' needs) at 40, 1.3 (ecosystem) at 80; in 2025 they swapped numbers.
    let earlier = assessment("efqm-2020", 2024, 60, &[("1.2", 40), ("1.3", 80)]);
    let current = assessment("efqm-2025", 2025, 60, &[]);
    let pack = Pack { current, earlier: vec![earlier], date: "2026-11-24".into(), counterpart: None };
    let c = pack.comparison().expect("compare");
    assert_eq!(c.version_maps.len(), 1);
    let mapping = &c.version_maps[0];
    assert_eq!((mapping.label.as_str(), mapping.from.as_str()), ("2024", "efqm-2020"));
    assert_eq!(mapping.through, ["efqm-2020--efqm-2025"]);
    assert!(mapping.dropped.is_empty() && mapping.uncovered.is_empty(), "{mapping:?}");
    let node = |id: &str| c.nodes.iter().find(|n| n.id == id).expect("node");
    assert_eq!(node("1.3").percents, [Some(40.0), Some(60.0)], "2025's 1.3 is 2020's 1.2");
    assert_eq!(node("1.2").percents, [Some(80.0), Some(60.0)]);
    // 2020's single results criterion 7 feeds each of 2025's four results parts.
    assert_eq!(node("7.4").percents, [Some(60.0), Some(60.0)]);
    assert!(c.unmatched.is_empty());
    assert_eq!(c.most_improved[0].id, "1.3");
    assert_eq!(c.concerns[0].id, "1.2");
}

#[test]
fn a_2013_assessment_is_carried_through_2020_and_its_gaps_are_listed() {
    let earlier = assessment("efqm-2013", 2019, 50, &[]);
    let current = assessment("efqm-2025", 2025, 60, &[]);
    let pack = Pack { current, earlier: vec![earlier], date: "2026-11-24".into(), counterpart: None };
    let c = pack.comparison().expect("compare");
    let mapping = &c.version_maps[0];
    assert_eq!(mapping.through, ["efqm-2013--efqm-2020", "efqm-2020--efqm-2025"]);
    // Nothing in 2013 speaks for partner & supplier perceptions: listed, not compared.
    assert_eq!(mapping.uncovered, ["6.5"]);
    let partners = c.nodes.iter().find(|n| n.id == "6.5").expect("6.5");
    assert_eq!((partners.percents[0], partners.percent_change), (None, None));
    let customers = c.nodes.iter().find(|n| n.id == "6.1").expect("6.1");
    assert_eq!(customers.percents, [Some(50.0), Some(60.0)]);
    assert!(c.totals[0] > 0.0 && c.totals[0] < c.totals[1]);
}
