//! The year-on-year chart with 20 years (issue 17): the newest five drawn, each in its own
//! colour, the years left out named in the caption, and the chart still renders.

// Only the demo fixtures are used here.
#[allow(dead_code)]
mod support;

use keel_charts::build::{self, Assessed, YEAR_ON_YEAR_MAX};
use keel_charts::Chart;

#[test]
fn twenty_years_draw_the_newest_five_in_distinct_colours() {
    let d = support::demo();
    let labels: Vec<String> = (2006..=2025).map(|y| y.to_string()).collect();
    // The demo's three EFQM years stand in for twenty (the chart only reads their reports).
    let assessed: Vec<Assessed<'_>> =
        labels.iter().enumerate().map(|(i, label)| Assessed { label, report: &d.files[i % 3].2 }).collect();
    let chart = build::year_on_year(&assessed, support::footer("test"));
    let Chart::YearOnYear(bars) = &chart else { panic!("not a year-on-year chart") };
    let names: Vec<&str> = bars.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["2021", "2022", "2023", "2024", "2025"]);
    assert_eq!(YEAR_ON_YEAR_MAX, 5);
    assert!(bars.caption.contains("2006 to 2020"), "{}", bars.caption);
    let svg = keel_charts::render_svg(&chart, (960, 600)).expect("svg");
    for year in &names {
        assert!(svg.contains(year), "legend lacks {year}");
    }
    assert!(!svg.contains("2019"), "a left-out year is drawn");

    // Up to five years: every one, as before.
    let few = build::year_on_year(&assessed[..3], support::footer("test"));
    let Chart::YearOnYear(bars) = &few else { panic!("not a year-on-year chart") };
    assert_eq!(bars.series.len(), 3);
    assert_eq!(bars.caption, "3 assessments");
}
