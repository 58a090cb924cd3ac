//! Keel rounds a shown figure one way: the cases in `rounding.json`, which the window's Vitest
//! reads too, so the window, the CLI and the PDF agree to the last digit.

use keel_core::scoring::{fmt_percent, fmt_points, fmt_whole_percent};

#[test]
fn every_shown_figure_is_rounded_by_the_shared_cases() {
    let cases: serde_json::Value = serde_json::from_str(include_str!("rounding.json")).expect("json");
    let cases = cases["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let value = case["value"].as_f64().expect("value");
        assert_eq!(fmt_points(value), case["points"].as_str().expect("points"), "points of {value}");
        assert_eq!(fmt_percent(Some(value)), case["percent"].as_str().expect("percent"), "percent of {value}");
        assert_eq!(fmt_whole_percent(value), case["whole"].as_str().expect("whole"), "whole of {value}");
    }
    assert_eq!(fmt_percent(None), "not scored");
}
