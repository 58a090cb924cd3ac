//! Frameworks shipped inside Keel: JSON data files compiled into the binary, parsed on first use.

use std::sync::OnceLock;

use super::Framework;

/// (file name, contents) of every built-in framework.
const FILES: &[(&str, &str)] = &[
    ("efqm-2020.json", include_str!("../../frameworks/efqm-2020.json")),
    ("efqm-2025.json", include_str!("../../frameworks/efqm-2025.json")),
    ("efqm-2013.json", include_str!("../../frameworks/efqm-2013.json")),
    ("iso-9001-2015.json", include_str!("../../frameworks/iso-9001-2015.json")),
    ("iso-9001-2015-maturity.json", include_str!("../../frameworks/iso-9001-2015-maturity.json")),
    ("caf-2020.json", include_str!("../../frameworks/caf-2020.json")),
    ("caf-2020-fine.json", include_str!("../../frameworks/caf-2020-fine.json")),
];

/// Every built-in framework, in a stable order.
pub fn builtin() -> &'static [Framework] {
    static FRAMEWORKS: OnceLock<Vec<Framework>> = OnceLock::new();
    FRAMEWORKS.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, json)| {
                // Shipped data, checked by `every_builtin_framework_is_valid`; not user input.
                Framework::parse(json, name).unwrap_or_else(|e| panic!("built-in framework is invalid: {e}"))
            })
            .collect()
    })
}

/// The built-in framework with this id.
pub fn builtin_framework(id: &str) -> Option<&'static Framework> {
    builtin().iter().find(|f| f.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_framework_is_valid() {
        for (name, json) in FILES {
            if let Err(e) = Framework::parse(json, name) {
                panic!("{e}");
            }
        }
        let ids: Vec<&str> = builtin().iter().map(Framework::id).collect();
        assert_eq!(
            ids,
            [
                "efqm-2020",
                "efqm-2025",
                "efqm-2013",
                "iso-9001-2015",
                "iso-9001-2015-maturity",
                "caf-2020",
                "caf-2020-fine"
            ]
        );
    }

    #[test]
    fn efqm_2020_has_the_published_structure() {
        let efqm = builtin_framework("efqm-2020").expect("efqm-2020");
        assert_eq!(efqm.total_points(), 1000.0);
        let criteria: Vec<(String, f64)> =
            efqm.roots().map(|i| (efqm.nodes()[i].number.clone(), efqm.nodes()[i].points)).collect();
        let expected =
            [("1", 100.0), ("2", 100.0), ("3", 100.0), ("4", 200.0), ("5", 100.0), ("6", 200.0), ("7", 200.0)];
        assert_eq!(criteria, expected.map(|(n, p)| (n.to_owned(), p)));
        // Parts weigh equally within a criterion: 4.x are 50 points each.
        assert_eq!(efqm.node("4.2").map(|n| n.points), Some(50.0));
        assert_eq!(efqm.profile_ids(), ["default", "commercial", "public-sector"]);
    }

    #[test]
    fn efqm_2013_has_nine_criteria_with_500_for_enablers_and_500_for_results() {
        let efqm = builtin_framework("efqm-2013").expect("efqm-2013");
        let points: Vec<f64> = efqm.roots().map(|i| efqm.nodes()[i].points).collect();
        assert_eq!(points, [100.0, 100.0, 100.0, 100.0, 100.0, 150.0, 100.0, 100.0, 150.0]);
        assert_eq!(points[..5].iter().sum::<f64>(), 500.0);
        assert_eq!(efqm.node("6a").map(|n| n.points), Some(112.5), "6a is 75 % of 150");
    }

    #[test]
    fn efqm_2025_splits_results_by_stakeholder_and_by_kind() {
        let efqm = builtin_framework("efqm-2025").expect("efqm-2025");
        let seven: Vec<&str> =
            efqm.node("7").expect("7").children.iter().map(|&c| efqm.nodes()[c].title.as_str()).collect();
        assert_eq!(
            seven,
            [
                "Fulfilment of stakeholder expectations",
                "Economics & financials",
                "Performance & transformation",
                "Sustainability"
            ]
        );
        assert_eq!(
            efqm.node("1.2").map(|n| n.title.as_str()),
            Some("Understand the ecosystem, own capabilities & major challenges")
        );
    }

    #[test]
    fn caf_2020_has_9_criteria_and_28_sub_criteria_in_both_panels() {
        for id in ["caf-2020", "caf-2020-fine"] {
            let caf = builtin_framework(id).expect("caf");
            assert_eq!(caf.roots().count(), 9, "{id}");
            assert_eq!(caf.assessable_count(), 28, "{id}");
        }
    }

    #[test]
    fn iso_9001_has_clauses_4_to_10() {
        let iso = builtin_framework("iso-9001-2015").expect("iso");
        let clauses: Vec<&str> = iso.roots().map(|i| iso.nodes()[i].number.as_str()).collect();
        assert_eq!(clauses, ["4", "5", "6", "7", "8", "9", "10"]);
        assert!(iso.node("8.5.5").is_some_and(|n| n.is_assessable()));
        assert!(iso.node("5.1").is_some_and(|n| !n.is_assessable()));
        // Equal clause weights: each clause is a seventh of 100.
        assert!((iso.node("7").map(|n| n.points).unwrap_or_default() - 100.0 / 7.0).abs() < 1e-9);
    }
}
