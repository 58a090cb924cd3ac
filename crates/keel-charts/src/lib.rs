//! Keel's charts. Every chart is data ([`Chart`]) drawn by one function generic over the plotters
//! backend ([`draw`]), so the SVG the window shows and the SVG or PNG the user exports come from
//! the same code. Text is set in the embedded DejaVu Sans (see `fonts/LICENSE`), so a PNG looks
//! the same on every machine.
//!
//! [`build`] turns keel-core results (score reports, exchange files, KPIs) into chart data.

pub mod build;
mod canvas;
mod charts;
mod data;
pub mod print;
mod theme;

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

pub use data::{
    BarRow, Bars, Chart, ChartKind, Footer, GroupedBars, Heatmap, HeatmapRow, Kpi, Radar, RadarAxis, Series, Spread,
    SpreadRow, Trend,
};
pub use theme::Theme;

/// The family name charts use; an SVG names DejaVu Sans first, then look-alikes.
pub const FONT_FAMILY: &str = "sans-serif";
const SVG_FONT_FAMILY: &str = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";
static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Why a chart could not be drawn or encoded.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("cannot draw the {chart} chart: {message}")]
    Draw { chart: &'static str, message: String },
    #[error("cannot encode the {chart} chart as PNG: {message}")]
    Encode { chart: &'static str, message: String },
    #[error("a chart must be at least 200 × 150 pixels; asked for {width} × {height}")]
    TooSmall { width: u32, height: u32 },
}

/// Screen size of a chart, in CSS pixels: what the window shows and the default export.
pub const SCREEN: (u32, u32) = (960, 600);

/// Scale from [`SCREEN`] to A4 width (210 mm) at 300 dpi: 2480 pixels wide.
pub const PRINT_SCALE: f32 = 2480.0 / 960.0;

fn register_fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        // The bytes are compiled in and known to be valid TrueType; a failure is caught by the
        // tests, and drawing would then report FontUnavailable rather than panic.
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, BOLD);
    });
}

/// Draws `chart` on any plotters drawing area.
pub fn draw<DB: DrawingBackend>(
    chart: &Chart,
    area: &DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), ChartError> {
    register_fonts();
    charts::draw(chart, area).map_err(|e| ChartError::Draw { chart: chart.kind().id(), message: e.0 })
}

fn check_size((width, height): (u32, u32)) -> Result<(), ChartError> {
    if width < 200 || height < 150 {
        return Err(ChartError::TooSmall { width, height });
    }
    Ok(())
}

/// The chart as a standalone SVG document of `size` pixels, in the light theme (what every
/// exported file uses unless asked otherwise).
pub fn render_svg(chart: &Chart, size: (u32, u32)) -> Result<String, ChartError> {
    render_svg_themed(chart, size, Theme::Light)
}

/// The chart as an SVG in `theme`: the dark theme changes only background, text and grid
/// colours, so each series keeps its colour.
pub fn render_svg_themed(chart: &Chart, size: (u32, u32), theme: Theme) -> Result<String, ChartError> {
    let svg = render_light_svg(chart, size)?;
    Ok(theme::apply(svg, theme))
}

/// Smallest text of a chart shown in the window, in SVG pixels at [`SCREEN`] size: the results
/// show charts about 880 px wide at a 1280-pixel window, so this is body-sized text (16 px) there.
pub const WINDOW_MIN_TEXT: f64 = 18.0;

/// The size (SVG pixels) a chart of `kind` is drawn at for the window: [`SCREEN`], taller for
/// charts with a row per area, which get the height their larger text needs. The window gives
/// its image this size before it loads, so nothing moves when a lazily loaded chart arrives.
pub fn window_size(kind: ChartKind) -> (u32, u32) {
    match kind {
        ChartKind::Coverage | ChartKind::AssessorSpread | ChartKind::Conformity => (SCREEN.0, SCREEN.1 * 3 / 2),
        _ => SCREEN,
    }
}

/// The chart as the window shows it: [`SCREEN`] wide (taller for a row per area), no text below
/// [`WINDOW_MIN_TEXT`], in `theme`. Exported files keep [`render_svg`]'s design sizes.
pub fn render_svg_for_window(chart: &Chart, theme: Theme) -> Result<String, ChartError> {
    let svg = render_light_svg_with(chart, window_size(chart.kind()), WINDOW_MIN_TEXT)?;
    Ok(theme::apply(svg, theme))
}

fn render_light_svg(chart: &Chart, size: (u32, u32)) -> Result<String, ChartError> {
    render_light_svg_with(chart, size, 0.0)
}

fn render_light_svg_with(chart: &Chart, size: (u32, u32), min_text: f64) -> Result<String, ChartError> {
    check_size(size)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        register_fonts();
        charts::draw_readable(chart, &root, min_text)
            .map_err(|e| ChartError::Draw { chart: chart.kind().id(), message: e.0 })?;
        root.present().map_err(|e| ChartError::Draw { chart: chart.kind().id(), message: e.to_string() })?;
    }
    Ok(svg.replace(&format!("font-family=\"{FONT_FAMILY}\""), &format!("font-family=\"{SVG_FONT_FAMILY}\"")))
}

/// The fonts charts are set in, for anything that renders Keel's SVGs (PNG export, PDF).
pub fn fonts() -> [&'static [u8]; 2] {
    [REGULAR, BOLD]
}

/// A font database holding only the embedded fonts, with every generic family mapped to them.
pub fn font_database() -> resvg::usvg::fontdb::Database {
    let mut db = resvg::usvg::fontdb::Database::new();
    for font in fonts() {
        db.load_font_data(font.to_vec());
    }
    db.set_sans_serif_family("DejaVu Sans");
    db.set_serif_family("DejaVu Sans");
    db.set_monospace_family("DejaVu Sans");
    db
}

/// The SVG parser, for renderers of Keel's SVGs (the PDF report).
pub use resvg::usvg;

/// Options to parse Keel's SVGs with the embedded fonts only.
pub fn svg_options() -> usvg::Options<'static> {
    usvg::Options { fontdb: std::sync::Arc::new(font_database()), ..Default::default() }
}

/// The chart as a PNG: the SVG of `layout` CSS pixels (what the window shows), rasterised
/// `scale` times larger and tagged with `dpi` for printing. [`SCREEN`] at scale 1 and 96 dpi
/// is the screen export; [`PRINT_SCALE`] and 300 dpi make an A4-wide print image.
pub fn render_png(chart: &Chart, layout: (u32, u32), scale: f32, dpi: u32) -> Result<Vec<u8>, ChartError> {
    let svg = render_svg(chart, layout)?;
    let encode = |message: String| ChartError::Encode { chart: chart.kind().id(), message };
    let options = svg_options();
    let tree = resvg::usvg::Tree::from_str(&svg, &options).map_err(|e| encode(e.to_string()))?;
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let width = (layout.0 as f32 * scale).round() as u32;
    let height = (layout.1 as f32 * scale).round() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| encode(format!("cannot allocate {width} × {height} pixels")))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    // The background is opaque white, so the premultiplied RGBA is plain RGB plus alpha 255.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let per_metre = (f64::from(dpi.max(1)) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
        let mut writer = encoder.write_header().map_err(|e| encode(e.to_string()))?;
        writer.write_image_data(&rgb).map_err(|e| encode(e.to_string()))?;
        writer.finish().map_err(|e| encode(e.to_string()))?;
    }
    Ok(out)
}
