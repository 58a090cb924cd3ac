//! The dark theme of every chart: only background, text and grid colours change, each series
//! keeps its colour, every piece of text stays readable on the dark background, and exports
//! stay light. Dark renders land in `target/charts/` for a look.

mod support;

use std::collections::BTreeSet;

use keel_charts::{render_svg, render_svg_themed, Theme, SCREEN};

/// Every colour used as `attribute` in `svg`.
fn colours(svg: &str, attribute: &str) -> Vec<String> {
    let needle = format!("{attribute}=\"#");
    svg.match_indices(&needle).map(|(i, _)| svg[i + needle.len() - 1..i + needle.len() + 6].to_owned()).collect()
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The light theme's background, text and grid colours (and empty cells, tracks).
const THEME_COLOURS: [&str; 6] = ["#FFFFFF", "#212529", "#606770", "#DEE2E6", "#E9ECEF", "#F8F9FA"];

#[test]
fn the_dark_theme_keeps_series_colours_and_readable_text() {
    let demo = support::demo();
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/charts");
    std::fs::create_dir_all(&out).expect("target/charts");
    for (name, chart) in support::every_chart(&demo) {
        let light = render_svg(&chart, SCREEN).expect("light svg");
        assert_eq!(
            render_svg_themed(&chart, SCREEN, Theme::Light).expect("light"),
            light,
            "{name}: light is the default"
        );
        let dark = render_svg_themed(&chart, SCREEN, Theme::Dark).expect("dark svg");
        std::fs::write(out.join(format!("{name}-dark.svg")), &dark).expect("write");
        let background = colours(&dark, "fill").first().cloned().expect("a background");
        assert!(luminance(&background) < 0.05, "{name}: dark background, got {background}");
        for theme_colour in THEME_COLOURS {
            assert!(!dark.contains(&format!("=\"{theme_colour}\"")), "{name}: {theme_colour} left in the dark theme");
        }
        // Series colours: everything that is not a theme colour, light and dark alike.
        let series = |svg: &str, theme: &[String]| -> BTreeSet<String> {
            ["fill", "stroke"].iter().flat_map(|a| colours(svg, a)).filter(|c| !theme.contains(c)).collect()
        };
        let light_theme: Vec<String> = THEME_COLOURS.iter().map(|c| (*c).to_owned()).collect();
        let dark_theme: Vec<String> = ["#1B2129", "#E6EAF0", "#A3ADBB", "#3E4856", "#26303C", "#222A33"]
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        assert_eq!(series(&light, &light_theme), series(&dark, &dark_theme), "{name}: series keep their colours");
        // Text drawn on the background (not on heat-map cells) stays readable.
        for text in dark.split("<text").skip(1) {
            let fill = colours(text, "fill").into_iter().next().expect("text has a fill");
            if ["#212528", "#FFFFFE"].contains(&fill.as_str()) {
                continue;
            }
            // Theme text at AA (4.5); text in a series' colour (a flag, a legend) at 3, the
            // floor for graphics, since the series keeps its colour.
            let floor = if dark_theme.contains(&fill) { 4.5 } else { 3.0 };
            assert!(contrast(&fill, &background) >= floor, "{name}: text {fill} on {background}");
        }
    }
}
