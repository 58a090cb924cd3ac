//! Charts laid out for paper: drawn at the size they are printed (in points), with text no
//! smaller than [`MIN_TEXT_PT`], their title and footer left to the page. A chart whose rows do
//! not fit one page is split into parts rather than shrunk; a long assessor spread shows only
//! the areas the assessors disagree on, with a note of how many agreed. [`alt_text`] says in
//! words what each chart shows, for readers who cannot see it.

use plotters::prelude::*;

use crate::canvas::{number, Canvas};
use crate::data::{Chart, Spread};
use crate::{check_size, register_fonts, ChartError, SVG_FONT_FAMILY};

/// The smallest text on a printed chart, in points.
pub const MIN_TEXT_PT: f64 = 8.0;
/// Points per design pixel (the screen design is 960 pixels wide).
const PT_PER_DESIGN: f64 = 0.9;
/// plotters sizes text by its line height: an SVG's font size is the plotters size / 1.24.
const PLOTTERS_EM: f64 = 1.24;
/// SVG pixels per point, for a finer grid than whole points.
const PX_PER_PT: f64 = 2.0;

/// Design height of the caption of a printed chart, `width` design pixels wide.
fn caption_height(caption: &str, width: f64) -> f64 {
    if caption.is_empty() {
        return 0.0;
    }
    // DejaVu Sans averages about 0.55 em per character; 14-pixel caption, 3 lines at most.
    let lines = ((caption.chars().count() as f64 * 14.0 * 0.58) / (width - 16.0)).ceil().clamp(1.0, 3.0);
    lines * (14.0_f64 * 1.15).max(MIN_TEXT_PT * PLOTTERS_EM / PT_PER_DESIGN * 1.15)
}

/// The rows a chart has (bars, heat map, spread), for splitting.
fn rows(chart: &Chart) -> Option<usize> {
    match chart {
        Chart::CriterionPoints(b) | Chart::Conformity(b) => Some(b.rows.len()),
        Chart::Coverage(h) => Some(h.rows.len()),
        Chart::AssessorSpread(s) => Some(s.rows.len()),
        _ => None,
    }
}

/// Design height of everything but the rows, and of one row.
fn design_heights(chart: &Chart, width: f64) -> (f64, f64) {
    let frame = 8.0 + caption_height(caption(chart), width) + 12.0 + 8.0;
    match chart {
        Chart::CriteriaRadar(r) | Chart::StakeholderBalance(r) => {
            let legend = if r.series.len() > 1 { 28.0 } else { 0.0 };
            (frame + (r.axes.len() as f64 * 60.0 + legend).max(280.0), 0.0)
        }
        Chart::CriterionPoints(b) | Chart::Conformity(b) => {
            (frame + 36.0 + if b.banded { 24.0 } else { 0.0 } + 4.0, 34.0)
        }
        Chart::Coverage(_) => (frame + 62.0 + 38.0 + 24.0, 26.0),
        Chart::AssessorSpread(_) => (frame + 30.0 + 36.0 + 4.0, 20.0),
        Chart::YearOnYear(g) => {
            let key_rows = g.categories.len().div_ceil(if g.categories.len() > 4 { 2 } else { 1 });
            (frame + 36.0 + key_rows as f64 * 15.0 + 8.0 + 28.0 + 200.0, 0.0)
        }
        Chart::Trend(t) => (frame + if t.series.len() > 1 { 28.0 } else { 0.0 } + 16.0 + 28.0 + 200.0, 0.0),
        Chart::KpiTrend(_) => (frame + 16.0 + 28.0 + 200.0, 0.0),
    }
}

fn caption(chart: &Chart) -> &str {
    match chart {
        Chart::CriteriaRadar(c) | Chart::StakeholderBalance(c) => &c.caption,
        Chart::CriterionPoints(c) | Chart::Conformity(c) => &c.caption,
        Chart::Coverage(c) => &c.caption,
        Chart::YearOnYear(c) => &c.caption,
        Chart::Trend(c) => &c.caption,
        Chart::AssessorSpread(c) => &c.caption,
        Chart::KpiTrend(c) => &c.caption,
    }
}

/// The height in points `chart` needs at `width` points.
pub fn height(chart: &Chart, width: f32) -> f32 {
    let design_width = f64::from(width) / PT_PER_DESIGN;
    let (fixed, row) = design_heights(chart, design_width);
    ((fixed + row * rows(chart).unwrap_or(0) as f64) * PT_PER_DESIGN) as f32
}

/// A spread too long for a page cut to the rows that need attention, with a note of how many
/// agreed.
fn flagged_only(spread: &Spread, width: f32, max_height: f32) -> Option<Spread> {
    if height(&Chart::AssessorSpread(spread.clone()), width) <= max_height {
        return None;
    }
    let differs = |row: &&crate::data::SpreadRow| {
        let given: Vec<f64> = row.scores.iter().flatten().copied().collect();
        let lo = given.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = given.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        !given.is_empty() && hi - lo > spread.threshold
    };
    let rows: Vec<_> = spread.rows.iter().filter(differs).cloned().collect();
    if rows.is_empty() {
        return None;
    }
    let agreed = spread.rows.len() - rows.len();
    let mut cut = spread.clone();
    cut.caption = format!(
        "{} The {} {} where the assessors differ by more than {} points are shown; the other {agreed} agreed within it.",
        spread.caption.trim_end_matches('.').to_owned() + ".",
        rows.len(),
        if rows.len() == 1 { "area" } else { "areas" },
        number(spread.threshold),
    );
    cut.rows = rows;
    Some(cut)
}

/// `chart` as printed at `width` points on pages with `max_height` points free: one chart with
/// its height, or several parts when its rows need more than a page.
pub fn parts(chart: &Chart, width: f32, max_height: f32) -> Vec<(Chart, f32)> {
    let chart = match chart {
        Chart::AssessorSpread(s) => {
            flagged_only(s, width, max_height).map(Chart::AssessorSpread).unwrap_or_else(|| chart.clone())
        }
        _ => chart.clone(),
    };
    let whole = height(&chart, width);
    let Some(count) = rows(&chart).filter(|_| whole > max_height) else { return vec![(chart, whole)] };
    let design_width = f64::from(width) / PT_PER_DESIGN;
    let (fixed, row) = design_heights(&chart, design_width);
    let most = (((f64::from(max_height) / PT_PER_DESIGN - fixed - 40.0) / row).floor() as usize).max(3);
    // Parts of even length rather than full pages and a stub.
    let total = count.div_ceil(most);
    let per_part = count.div_ceil(total);
    (0..total)
        .map(|i| {
            let range = i * per_part..((i + 1) * per_part).min(count);
            let mut part = chart.clone();
            match &mut part {
                Chart::CriterionPoints(b) | Chart::Conformity(b) => b.rows = b.rows[range].to_vec(),
                Chart::Coverage(h) => h.rows = h.rows[range].to_vec(),
                Chart::AssessorSpread(s) => s.rows = s.rows[range].to_vec(),
                _ => {}
            }
            let h = height(&part, width);
            (part, h)
        })
        .collect()
}

/// The chart as an SVG laid out for `size` points on paper (the SVG is twice as many pixels,
/// for a finer grid): no text below [`MIN_TEXT_PT`], no title or footer.
pub fn render_svg(chart: &Chart, (width, height): (f32, f32)) -> Result<String, ChartError> {
    let size = ((f64::from(width) * PX_PER_PT).round() as u32, (f64::from(height) * PX_PER_PT).round() as u32);
    check_size(size)?;
    register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let canvas = Canvas::print(&root, PT_PER_DESIGN * PX_PER_PT, MIN_TEXT_PT * PLOTTERS_EM * PX_PER_PT);
        crate::charts::draw_on(chart, &canvas)
            .map_err(|e| ChartError::Draw { chart: chart.kind().id(), message: e.0 })?;
        root.present().map_err(|e| ChartError::Draw { chart: chart.kind().id(), message: e.to_string() })?;
    }
    Ok(svg.replace(&format!("font-family=\"{}\"", crate::FONT_FAMILY), &format!("font-family=\"{SVG_FONT_FAMILY}\"")))
}

/// What the chart shows, in words: its title, caption and every value it plots.
pub fn alt_text(chart: &Chart) -> String {
    let value = |v: Option<f64>| v.map(number).unwrap_or_else(|| "not scored".into());
    let body: Vec<String> = match chart {
        Chart::CriteriaRadar(r) | Chart::StakeholderBalance(r) => r
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let values: Vec<String> = r
                    .series
                    .iter()
                    .map(|s| format!("{} {}", s.name, value(s.values.get(i).copied().flatten())))
                    .collect();
                format!("{} {}: {}", a.key, a.title, values.join(", "))
            })
            .collect(),
        Chart::CriterionPoints(b) | Chart::Conformity(b) => {
            b.rows.iter().map(|r| format!("{}: {} of {}", r.label, value(r.value), number(r.max))).collect()
        }
        Chart::Coverage(h) => h
            .rows
            .iter()
            .map(|r| {
                let cells: Vec<String> = h
                    .columns
                    .iter()
                    .zip(&r.cells)
                    .filter_map(|(c, v)| v.map(|v| format!("{c} {}", number(v))))
                    .collect();
                format!("{}: {}", r.label, if cells.is_empty() { "none".into() } else { cells.join(", ") })
            })
            .collect(),
        Chart::YearOnYear(g) => g
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let values: Vec<String> = g
                    .series
                    .iter()
                    .map(|s| format!("{} {}", s.name, value(s.values.get(i).copied().flatten())))
                    .collect();
                format!("{} {}: {}", c.key, c.title, values.join(", "))
            })
            .collect(),
        Chart::Trend(t) => t
            .series
            .iter()
            .map(|s| {
                let points: Vec<String> =
                    t.x_labels.iter().zip(&s.values).map(|(x, v)| format!("{x} {}", value(*v))).collect();
                format!("{}: {}", s.name, points.join(", "))
            })
            .collect(),
        Chart::AssessorSpread(s) => s
            .rows
            .iter()
            .map(|r| {
                let given: Vec<String> =
                    s.assessors.iter().zip(&r.scores).map(|(a, v)| format!("{a} {}", value(*v))).collect();
                format!("{}: {}; agreed {}", r.label, given.join(", "), value(r.consensus))
            })
            .collect(),
        Chart::KpiTrend(k) => {
            k.periods.iter().zip(&k.values).map(|(p, v)| format!("{p}: {} {}", value(*v), k.unit)).collect()
        }
    };
    let mut text = chart.title().to_owned();
    if !caption(chart).is_empty() {
        text = format!("{text}. {}", caption(chart));
    }
    format!("Chart: {text}. {}.", body.join("; "))
}
