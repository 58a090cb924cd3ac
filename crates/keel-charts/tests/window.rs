//! Charts as the window shows them: every kind laid out at screen size with no text below the
//! window's minimum, so that shown one per row across the results it reads at body size.
//! PNG renders land in `target/charts/window-*.png` for a look.

mod support;

use keel_charts::{render_svg, render_svg_for_window, svg_options, Theme, WINDOW_MIN_TEXT};

/// Every `font-size` in `svg`.
fn font_sizes(svg: &str) -> Vec<f64> {
    let needle = "font-size=\"";
    svg.match_indices(needle)
        .filter_map(|(i, _)| svg[i + needle.len()..].split('"').next().and_then(|v| v.parse().ok()))
        .collect()
}

#[test]
fn every_chart_in_the_window_sets_no_text_below_the_minimum() {
    let demo = support::demo();
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/charts");
    std::fs::create_dir_all(&out).expect("target/charts");
    for (name, chart) in support::every_chart(&demo) {
        let svg = render_svg_for_window(&chart, Theme::Light).expect("window svg");
        let sizes = font_sizes(&svg);
        assert!(!sizes.is_empty(), "{name}: no text found");
        let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        // plotters writes a font of size s as font-size s / 1.24 (its em); the glyphs are s high.
        assert!(smallest * 1.24 >= WINDOW_MIN_TEXT - 0.05, "{name}: text of {smallest} px in the window");
        // The export keeps its design sizes: smaller text than the window's, in the same layout.
        let export = font_sizes(&render_svg(&chart, keel_charts::SCREEN).expect("export svg"));
        assert!(export.iter().copied().fold(f64::INFINITY, f64::min) < smallest, "{name}: export unchanged");
        let tree = keel_charts::usvg::Tree::from_str(&svg, &svg_options()).expect("the SVG parses");
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        pixmap.save_png(out.join(format!("window-{name}.png"))).expect("png");
    }
}

/// Every text of a rendered SVG with its box on the drawing, in document order.
fn text_boxes(svg: &str) -> Vec<(String, keel_charts::usvg::Rect)> {
    fn walk(group: &keel_charts::usvg::Group, out: &mut Vec<(String, keel_charts::usvg::Rect)>) {
        for node in group.children() {
            match node {
                keel_charts::usvg::Node::Group(g) => walk(g, out),
                keel_charts::usvg::Node::Text(t) => {
                    let text: String = t.chunks().iter().map(|c| c.text()).collect();
                    out.push((text, t.abs_bounding_box()));
                }
                _ => {}
            }
        }
    }
    let tree = keel_charts::usvg::Tree::from_str(svg, &svg_options()).expect("the SVG parses");
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out
}

#[test]
fn axis_units_keep_clear_of_the_legend_in_the_window() {
    let demo = support::demo();
    for (name, chart) in support::every_chart(&demo) {
        let legend: Vec<String> = match &chart {
            keel_charts::Chart::YearOnYear(g) => g.series.iter().map(|s| s.name.clone()).collect(),
            keel_charts::Chart::Trend(t) if t.series.len() > 1 => t.series.iter().map(|s| s.name.clone()).collect(),
            _ => continue,
        };
        let unit = match &chart {
            keel_charts::Chart::Trend(t) => t.y_label.clone(),
            _ => "%".to_owned(),
        };
        for svg in [
            render_svg_for_window(&chart, Theme::Light).expect("window svg"),
            render_svg(&chart, keel_charts::SCREEN).expect("svg"),
        ] {
            let boxes = text_boxes(&svg);
            let (_, at) = boxes.iter().find(|(t, _)| *t == unit).unwrap_or_else(|| panic!("{name}: no {unit:?} label"));
            let mut checked = 0;
            for (text, b) in boxes.iter().filter(|(t, _)| legend.iter().any(|l| l.starts_with(t.trim_end_matches('…'))))
            {
                checked += 1;
                // At least 4 px apart one way or the other.
                let apart = b.left() >= at.right() + 4.0
                    || at.left() >= b.right() + 4.0
                    || b.top() >= at.bottom() + 4.0
                    || at.top() >= b.bottom() + 4.0;
                assert!(apart, "{name}: the unit {unit:?} at {at:?} touches the legend's {text:?} at {b:?}");
            }
            assert!(
                checked >= legend.len(),
                "{name}: legend entries not found among {:?}",
                boxes.iter().map(|b| &b.0).collect::<Vec<_>>()
            );
        }
    }
}
