//! Every chart rendered from the demo data: PNGs decode at the asked size, SVGs parse and carry
//! their labels, and the screen-size PNGs match the committed golden images within a tolerance
//! (`KEEL_UPDATE_GOLDEN=1` rewrites them after an intended change). Renders land in
//! `target/charts/` for a look.

mod support;

use std::path::PathBuf;

use keel_charts::{render_png, render_svg, Chart, PRINT_SCALE, SCREEN};

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/charts");
    std::fs::create_dir_all(&dir).expect("target/charts");
    dir
}

fn decode(png_bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("image fits in memory")];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    buf.truncate(info.buffer_size());
    (info, buf)
}

fn assert_svg_parses(svg: &str) {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("the SVG parses");
    assert!(tree.size().width() > 0.0);
}

#[test]
fn every_chart_renders_as_svg_and_png_at_screen_and_print_size() {
    let demo = support::demo();
    for (name, chart) in support::every_chart(&demo) {
        let svg = render_svg(&chart, SCREEN).expect("svg");
        assert_svg_parses(&svg);
        assert!(svg.contains(chart.title().split(' ').next().unwrap_or_default()), "{name}: title in the SVG");
        std::fs::write(out_dir().join(format!("{name}.svg")), &svg).expect("write svg");
        for (scale, dpi, suffix, size) in [(1.0, 96, "", SCREEN), (PRINT_SCALE, 300, "-print", (2480, 1550))] {
            let bytes = render_png(&chart, SCREEN, scale, dpi).expect("png");
            let (info, _) = decode(&bytes);
            assert_eq!((info.width, info.height), size, "{name}{suffix}");
            std::fs::write(out_dir().join(format!("{name}{suffix}.png")), &bytes).expect("write png");
        }
    }
}

#[test]
fn criterion_labels_are_in_the_svg() {
    let demo = support::demo();
    let charts = support::every_chart(&demo);
    let radar = charts.iter().find(|(n, _)| n == "criteria-radar").map(|(_, c)| c).expect("radar");
    let svg = render_svg(radar, SCREEN).expect("svg");
    for title in ["Purpose, Vision &amp; Strategy", "Organisational Culture", "Stakeholder Perceptions"] {
        assert!(svg.contains(title), "criterion {title:?} is labelled");
    }
    let Chart::CriteriaRadar(data) = radar else { panic!("radar") };
    assert_eq!(data.axes.len(), 7);
}

#[test]
fn too_small_a_size_is_refused_with_a_clear_error() {
    let demo = support::demo();
    let (_, chart) = support::every_chart(&demo).remove(0);
    let e = render_png(&chart, (100, 80), 1.0, 96).expect_err("too small");
    assert!(e.to_string().contains("100 × 80"), "{e}");
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Share of pixels whose colour differs by more than 48 in any channel, and the mean channel
/// difference: anti-aliasing noise stays far below the limits, a moved label or bar does not.
fn difference(a: &[u8], b: &[u8]) -> (f64, f64) {
    let pixels = a.len() / 3;
    let mut differing = 0usize;
    let mut total = 0u64;
    for (pa, pb) in a.chunks_exact(3).zip(b.chunks_exact(3)) {
        let d = pa.iter().zip(pb).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        total += pa.iter().zip(pb).map(|(x, y)| u64::from(x.abs_diff(*y))).sum::<u64>();
        if d > 48 {
            differing += 1;
        }
    }
    (differing as f64 / pixels as f64, total as f64 / a.len() as f64)
}

#[test]
fn charts_match_their_golden_images() {
    let update = std::env::var_os("KEEL_UPDATE_GOLDEN").is_some();
    let demo = support::demo();
    let mut failures = Vec::new();
    for (name, chart) in support::every_chart(&demo) {
        let bytes = render_png(&chart, SCREEN, 1.0, 96).expect("png");
        let path = golden_dir().join(format!("{name}.png"));
        if update {
            std::fs::create_dir_all(golden_dir()).expect("golden dir");
            std::fs::write(&path, &bytes).expect("write golden");
            continue;
        }
        let golden =
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (KEEL_UPDATE_GOLDEN=1 makes it)", path.display()));
        let ((gi, gold), (ni, now)) = (decode(&golden), decode(&bytes));
        assert_eq!((gi.width, gi.height), (ni.width, ni.height), "{name}: size");
        let (share, mean) = difference(&gold, &now);
        if share > 0.002 || mean > 0.5 {
            std::fs::write(out_dir().join(format!("{name}-differs.png")), &bytes).expect("write");
            failures.push(format!("{name}: {:.3} % of pixels differ, mean difference {mean:.2}", share * 100.0));
        }
    }
    assert!(failures.is_empty(), "charts changed (see target/charts/*-differs.png):\n{}", failures.join("\n"));
}

#[test]
fn the_golden_comparison_catches_a_changed_chart() {
    let demo = support::demo();
    let charts = support::every_chart(&demo);
    let Some((_, Chart::CriterionPoints(bars))) = charts.iter().find(|(n, _)| n == "criterion-points") else {
        panic!("points chart")
    };
    let mut changed = bars.clone();
    changed.rows[0].value = changed.rows[0].value.map(|v| v / 2.0);
    let (_, a) = decode(&render_png(&Chart::CriterionPoints(bars.clone()), SCREEN, 1.0, 96).expect("png"));
    let (_, b) = decode(&render_png(&Chart::CriterionPoints(changed), SCREEN, 1.0, 96).expect("png"));
    let (share, _) = difference(&a, &b);
    assert!(share > 0.002, "halving one bar must exceed the tolerance, got {share}");
}

#[test]
fn every_chart_also_draws_on_the_bitmap_backend() {
    use plotters::prelude::*;
    let demo = support::demo();
    for (name, chart) in support::every_chart(&demo) {
        let mut pixels = vec![0u8; 960 * 600 * 3];
        {
            let root = BitMapBackend::with_buffer(&mut pixels, (960, 600)).into_drawing_area();
            keel_charts::draw(&chart, &root).expect("draws");
            root.present().expect("present");
        }
        let ink = pixels.chunks_exact(3).filter(|p| p.iter().any(|&c| c < 200)).count();
        assert!(ink > 2_000, "{name}: something was drawn ({ink} dark pixels)");
    }
}
