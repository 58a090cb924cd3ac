//! Charts laid out for paper and the rules every medium shares: a printed chart sets no text
//! below 8 pt and has no title or footer of its own (the page has them); a chart too long for a
//! page is split; the assessor spread labels each row once; the same year has the same colour in
//! every chart; every chart has alternative text naming its values.

mod support;

use keel_charts::{print, render_svg, Chart, SCREEN};

/// Every `font-size` in an SVG, in its own pixels.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.match_indices("font-size=\"")
        .filter_map(|(i, m)| svg[i + m.len()..].split('"').next().and_then(|v| v.parse().ok()))
        .collect()
}

/// The text of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_owned()))
        .collect()
}

#[test]
fn printed_charts_set_no_text_below_8_pt_and_leave_title_and_footer_to_the_page() {
    let demo = support::demo();
    for (name, chart) in support::every_chart(&demo) {
        for (part, height) in print::parts(&chart, 483.0, 670.0) {
            assert!(height <= 670.0, "{name}: part of {height} pt fits the page");
            let svg = print::render_svg(&part, (483.0, height)).expect("svg");
            // The SVG is twice the size in points: 2 pixels per point.
            let smallest = font_sizes(&svg).into_iter().fold(f64::INFINITY, f64::min) / 2.0;
            assert!(smallest >= 7.99, "{name}: text at {smallest:.2} pt");
            let all = texts(&svg).join(" ");
            assert!(!all.contains("2026-11-24"), "{name}: no footer inside the chart");
            assert!(
                !all.contains(chart.title().split(' ').take(3).collect::<Vec<_>>().join(" ").as_str())
                    || name == "kpi-trend",
                "{name}: no title inside the chart"
            );
        }
    }
}

#[test]
fn a_chart_longer_than_a_page_is_split_into_parts_that_keep_every_row() {
    let demo = support::demo();
    let charts = support::every_chart(&demo);
    let coverage = charts.iter().find(|(n, _)| n == "coverage").map(|(_, c)| c).expect("coverage");
    let Chart::Coverage(whole) = coverage else { panic!("heat map") };
    let parts = print::parts(coverage, 483.0, 400.0);
    assert!(parts.len() >= 2, "split: {}", parts.len());
    let rows: Vec<String> = parts
        .iter()
        .flat_map(|(p, _)| match p {
            Chart::Coverage(h) => h.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>(),
            _ => vec![],
        })
        .collect();
    assert_eq!(rows, whole.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>(), "every row once, in order");
}

#[test]
fn the_assessor_spread_labels_each_row_once() {
    let demo = support::demo();
    let charts = support::every_chart(&demo);
    let spread = charts.iter().find(|(n, _)| n == "assessor-spread").map(|(_, c)| c).expect("spread");
    let Chart::AssessorSpread(data) = spread else { panic!("spread") };
    for svg in [render_svg(spread, SCREEN).expect("svg"), print::render_svg(spread, (483.0, 700.0)).expect("svg")] {
        let all = texts(&svg);
        for row in &data.rows {
            let number = row.label.split(' ').next().expect("number");
            let count = all.iter().filter(|t| t.starts_with(&format!("{number} "))).count();
            assert_eq!(count, 1, "{}: labelled {count} times", row.label);
        }
    }
}

#[test]
fn the_same_year_has_the_same_colour_in_every_chart() {
    let demo = support::demo();
    let charts = support::every_chart(&demo);
    let svg = |name: &str| {
        render_svg(charts.iter().find(|(n, _)| n == name).map(|(_, c)| c).expect(name), SCREEN).expect("svg")
    };
    // The legend swatch drawn just before each year's label: its fill colour.
    let swatch = |svg: &str, year: &str| -> String {
        let pieces: Vec<&str> = svg.split("</text>").collect();
        let at =
            pieces.iter().position(|p| p.rsplit('>').next().map(str::trim) == Some(year)).expect("year in the legend");
        let before = pieces[..=at].join("</text>");
        let rect = before.rfind("<rect").expect("swatch");
        before[rect..].split("fill=\"").nth(1).and_then(|f| f.split('"').next()).expect("fill").to_owned()
    };
    let (radar, bars) = (svg("criteria-radar"), svg("year-on-year"));
    for year in ["2025", "2024"] {
        assert_eq!(swatch(&radar, year), swatch(&bars, year), "{year}");
    }
    assert_ne!(swatch(&bars, "2025"), swatch(&bars, "2024"));
}

#[test]
fn every_chart_has_alternative_text_with_its_values() {
    let demo = support::demo();
    for (name, chart) in support::every_chart(&demo) {
        let alt = print::alt_text(&chart);
        assert!(alt.starts_with("Chart: ") && alt.contains(chart.title()), "{name}: {alt}");
        assert!(alt.chars().filter(char::is_ascii_digit).count() >= 3, "{name}: values in words: {alt}");
    }
}
