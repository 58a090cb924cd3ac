//! The drawing of each chart kind, generic over the plotters backend. Every label is measured
//! first and wrapped or shortened to the room it has; long names live in a key beside the chart.

use std::f64::consts::PI;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{
    band_colour, colour, err, number, tick_step, Canvas, Drawn, BANDS, CELL_INK, CELL_WHITE, EMPTY, GRID, INK, MUTED,
    TRACK,
};
use crate::data::{Bars, Chart, GroupedBars, Heatmap, Kpi, Radar, Spread, Trend};

pub fn draw<DB: DrawingBackend>(chart: &Chart, area: &DrawingArea<DB, Shift>) -> Drawn {
    draw_on(chart, &Canvas::new(area))
}

/// Draws `chart` for reading in the window: laid out as on screen, but no text below `min_text`
/// pixels.
pub fn draw_readable<DB: DrawingBackend>(chart: &Chart, area: &DrawingArea<DB, Shift>, min_text: f64) -> Drawn {
    let mut canvas = Canvas::new(area);
    canvas.min_text = min_text;
    draw_on(chart, &canvas)
}

/// Draws `chart` on a prepared canvas (screen or paper).
pub fn draw_on<DB: DrawingBackend>(chart: &Chart, c: &Canvas<'_, DB>) -> Drawn {
    match chart {
        Chart::CriteriaRadar(r) | Chart::StakeholderBalance(r) => radar(c, r),
        Chart::CriterionPoints(b) | Chart::Conformity(b) => bars(c, b),
        Chart::Coverage(h) => heatmap(c, h),
        Chart::YearOnYear(g) => grouped_bars(c, g),
        Chart::Trend(t) => trend(c, t),
        Chart::AssessorSpread(s) => spread(c, s),
        Chart::KpiTrend(k) => kpi(c, k),
    }
}

fn no_data<DB: DrawingBackend>(c: &Canvas<'_, DB>, (l, t, r, b): (i32, i32, i32, i32), what: &str) -> Drawn {
    let font = c.font(15.0, false, MUTED);
    c.text(&c.fit(what, &font, r - l), ((l + r) / 2, (t + b) / 2), &font, HPos::Center, VPos::Center)
}

/// A value as shown beside a bar or in a key.
fn shown(v: Option<f64>, suffix: &str) -> String {
    v.map(|v| format!("{}{suffix}", number(v))).unwrap_or_else(|| "not scored".to_owned())
}

fn radar<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &Radar) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, t, r, b) = plot;
    let n = chart.axes.len();
    if n < 3 {
        return no_data(c, plot, "A radar needs at least three scored areas.");
    }
    let key_w = ((r - l) as f64 * 0.42) as i32;
    let key_x = r - key_w;
    let axis_font = c.font(13.0, true, INK);
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    // Labels left or right of the rim need horizontal room; those above and below, vertical.
    let widest_key = (0..n)
        .filter(|&i| angle(i).cos().abs() > 0.25)
        .map(|i| c.text_width(&chart.axes[i].key, &axis_font))
        .max()
        .unwrap_or(0);
    let room_x = (key_x - c.px(16.0) - l) / 2 - widest_key - c.px(12.0);
    let room_y = (b - t) / 2 - c.px(26.0);
    let radius = room_x.min(room_y).max(c.px(40.0)) as f64;
    let centre = (l + (key_x - c.px(16.0) - l) / 2, t + (b - t) / 2);
    let at = |i: usize, v: f64| {
        let a = angle(i);
        let d = radius * v.clamp(0.0, 100.0) / 100.0;
        (centre.0 + (d * a.cos()).round() as i32, centre.1 + (d * a.sin()).round() as i32)
    };
    // Rings every 20 %, spokes, ring labels along the first spoke.
    let ring_font = c.font(11.0, false, MUTED);
    for ring in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let mut points: Vec<_> = (0..n).map(|i| at(i, ring)).collect();
        points.push(points[0]);
        c.area.draw(&PathElement::new(points, GRID.stroke_width(1))).map_err(err)?;
        let (x, y) = at(0, ring);
        c.text(&format!("{ring:.0}"), (x + c.px(4.0), y), &ring_font, HPos::Left, VPos::Center)?;
    }
    for (i, axis) in chart.axes.iter().enumerate() {
        c.area.draw(&PathElement::new(vec![centre, at(i, 100.0)], GRID.stroke_width(1))).map_err(err)?;
        let a = angle(i);
        let d = radius + c.px(10.0) as f64;
        let pos = (centre.0 + (d * a.cos()).round() as i32, centre.1 + (d * a.sin()).round() as i32);
        let h = if a.cos() > 0.25 {
            HPos::Left
        } else if a.cos() < -0.25 {
            HPos::Right
        } else {
            HPos::Center
        };
        let v = if a.sin() > 0.25 {
            VPos::Top
        } else if a.sin() < -0.25 {
            VPos::Bottom
        } else {
            VPos::Center
        };
        c.text(&axis.key, pos, &axis_font, h, v)?;
    }
    // Series: earlier ones first, the current one (index 0) on top.
    for (s, series) in chart.series.iter().enumerate().rev() {
        let colour = colour(s);
        let points: Vec<_> = (0..n).filter_map(|i| series.values.get(i).copied().flatten().map(|v| at(i, v))).collect();
        if points.len() >= 3 && s == 0 {
            c.area.draw(&Polygon::new(points.clone(), colour.mix(0.18).filled())).map_err(err)?;
        }
        let mut outline = points.clone();
        if points.len() >= 3 {
            outline.push(points[0]);
        }
        let width = if s == 0 { 3 } else { 2 };
        c.area
            .draw(&PathElement::new(outline, colour.stroke_width(c.px(f64::from(width)).max(1) as u32)))
            .map_err(err)?;
        for p in points {
            c.area.draw(&Circle::new(p, c.px(4.0).max(2), colour.filled())).map_err(err)?;
        }
    }
    // The key: series legend, then one row per axis with its full title and values.
    let mut y = t;
    if chart.series.len() > 1 {
        let items: Vec<_> = chart.series.iter().enumerate().map(|(i, s)| (s.name.clone(), colour(i))).collect();
        c.legend(&items, (key_x, y + c.px(8.0)), key_w)?;
        y += c.px(28.0);
    }
    let rows = n as i32;
    let row_h = ((b - y) / rows).min(c.px(if c.framed { 44.0 } else { 60.0 }));
    let lines = if c.framed {
        if row_h >= c.px(34.0) {
            2
        } else {
            1
        }
    } else {
        (row_h / c.line_height(13.0)).clamp(1, 3) as usize
    };
    let size = if row_h >= c.px(22.0) { 13.0 } else { 11.0 };
    let key_font = c.font(size, true, INK);
    let title_font = c.font(size, false, INK);
    let value_font = c.font(size, true, INK);
    let values_w = c.px(if chart.series.len() > 1 { 96.0 } else { 56.0 });
    let key_col = chart.axes.iter().map(|a| c.text_width(&a.key, &key_font)).max().unwrap_or(0) + c.px(8.0);
    // Long keys (group names) leave too little room beside them: the title goes below the key.
    let stacked = key_col > key_w * 2 / 5 && lines >= 2;
    for (i, axis) in chart.axes.iter().enumerate() {
        let row_top = y + i as i32 * row_h;
        c.text(&axis.key, (key_x, row_top), &key_font, HPos::Left, VPos::Top)?;
        let (title_x, title_top, title_w, title_lines) = if stacked {
            (key_x, row_top + c.line_height(size), key_w, lines - 1)
        } else {
            (key_x + key_col, row_top, key_w - key_col - values_w, lines)
        };
        for (j, line) in c.wrap(&axis.title, &title_font, title_w, title_lines).iter().enumerate() {
            let line_y = title_top + j as i32 * c.line_height(size);
            c.text(line, (title_x, line_y), &title_font, HPos::Left, VPos::Top)?;
        }
        let current = chart.series.first().and_then(|s| s.values.get(i).copied().flatten());
        let mut text = shown(current, " %");
        if let Some(previous) = chart.series.get(1) {
            let before = previous.values.get(i).copied().flatten();
            text = format!("{} ({})", shown(current, ""), before.map(number).unwrap_or_else(|| "–".into()));
        }
        let font = if current.is_some() { value_font.clone() } else { c.font(size, false, MUTED) };
        c.text(&text, (r, row_top), &font, HPos::Right, VPos::Top)?;
    }
    Ok(())
}

/// Vertical grid lines and their labels for a 0..max scale mapped to `x0..x1`.
fn x_axis<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    max: f64,
    (x0, x1): (i32, i32),
    (top, bottom): (i32, i32),
    unit: &str,
) -> Drawn {
    let step = tick_step(max, ((x1 - x0) / c.px(90.0)).max(2) as f64);
    let font = c.font(11.0, false, MUTED);
    let mut v = 0.0;
    while v <= max + 1e-9 {
        let x = x0 + ((x1 - x0) as f64 * v / max).round() as i32;
        c.area.draw(&PathElement::new(vec![(x, top), (x, bottom)], GRID.stroke_width(1))).map_err(err)?;
        c.text(&number(v), (x, bottom + c.px(4.0)), &font, HPos::Center, VPos::Top)?;
        v += step;
    }
    c.text(unit, (x1, bottom + c.px(20.0)), &font, HPos::Right, VPos::Top)
}

fn bars<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &Bars) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, t, r, mut b) = plot;
    if chart.rows.is_empty() {
        return no_data(c, plot, "Nothing to show yet.");
    }
    if chart.banded {
        let items = [
            ("below 50 %".to_owned(), BANDS[0]),
            ("50 to 80 %".to_owned(), BANDS[1]),
            ("80 % and above".to_owned(), BANDS[2]),
        ];
        c.legend(&items, (l, b - c.px(6.0)), r - l)?;
        b -= c.px(24.0);
    }
    let axis_h = c.px(36.0);
    let label_w = ((r - l) as f64 * 0.34) as i32;
    let value_w = c.px(110.0);
    let x0 = l + label_w + c.px(12.0);
    let x1 = r - value_w;
    let max = chart.rows.iter().map(|row| row.max).fold(0.0, f64::max).max(1e-9);
    let n = chart.rows.len() as i32;
    let row_h = ((b - axis_h - t) / n).min(c.px(52.0));
    let bottom = t + row_h * n;
    x_axis(c, max, (x0, x1), (t, bottom), &chart.unit)?;
    let size = if row_h >= c.px(26.0) {
        13.0
    } else if row_h >= c.px(16.0) {
        11.0
    } else {
        9.0
    };
    let lines = if row_h >= c.px(34.0) { 2 } else { 1 };
    let label_font = c.font(size, false, INK);
    let value_font = c.font(size, true, INK);
    let muted = c.font(size, false, MUTED);
    let scale = |v: f64| x0 + ((x1 - x0) as f64 * v.clamp(0.0, max) / max).round() as i32;
    for (i, row) in chart.rows.iter().enumerate() {
        let top = t + i as i32 * row_h;
        let mid = top + row_h / 2;
        let label = c.wrap(&row.label, &label_font, label_w, lines);
        let line_h = c.line_height(size);
        let first = mid - line_h * (label.len() as i32 - 1) / 2;
        for (j, line) in label.iter().enumerate() {
            c.text(line, (l, first + j as i32 * line_h), &label_font, HPos::Left, VPos::Center)?;
        }
        let half = ((row_h as f64) * 0.3).round().min(f64::from(c.px(13.0))) as i32;
        c.area.draw(&Rectangle::new([(x0, mid - half), (scale(row.max), mid + half)], TRACK.filled())).map_err(err)?;
        let end = scale(row.max) + c.px(8.0);
        match row.value {
            Some(v) => {
                let fill = if chart.banded { band_colour(v / row.max.max(1e-9)) } else { colour(0) };
                c.area.draw(&Rectangle::new([(x0, mid - half), (scale(v), mid + half)], fill.filled())).map_err(err)?;
                let text = if chart.banded {
                    format!("{} %", number(v / row.max * 100.0))
                } else {
                    format!("{} / {}", number(v), number(row.max))
                };
                c.text(&text, (end, mid), &value_font, HPos::Left, VPos::Center)?;
            }
            None => c.text("not scored", (end, mid), &muted, HPos::Left, VPos::Center)?,
        }
    }
    Ok(())
}

fn heat_colour(v: f64) -> RGBColor {
    // 0 is a clearly tinted cell, never mistaken for a blank one (EMPTY).
    let (from, to) = ((198.0, 219.0, 239.0), (8.0, 69.0, 148.0));
    let s = (v / 100.0).clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * s).round() as u8;
    RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

fn heatmap<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &Heatmap) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, t, r, b) = plot;
    if chart.rows.is_empty() || chart.columns.is_empty() {
        return no_data(c, plot, "Nothing to show yet.");
    }
    // Two legend lines: the colour scale, then what a blank cell means.
    let legend_h = c.px(62.0);
    let header_h = c.px(38.0);
    let label_w = ((r - l) as f64 * if c.framed { 0.34 } else { 0.30 }) as i32;
    let x0 = l + label_w + c.px(10.0);
    let cell_w = (r - x0) / chart.columns.len() as i32;
    let n = chart.rows.len() as i32;
    let row_h = ((b - legend_h - header_h - t) / n).min(c.px(30.0)).max(1);
    let y0 = t + header_h;
    let header_font = if c.framed { c.font(12.0, true, INK) } else { c.font(9.0, false, INK) };
    for (j, column) in chart.columns.iter().enumerate() {
        let cx = x0 + j as i32 * cell_w + cell_w / 2;
        let lines = c.wrap(column, &header_font, cell_w - c.px(6.0), 2);
        let line_h = c.px(15.0);
        for (k, line) in lines.iter().enumerate() {
            let y = y0 - c.px(6.0) - (lines.len() as i32 - 1 - k as i32) * line_h;
            c.text(line, (cx, y), &header_font, HPos::Center, VPos::Bottom)?;
        }
    }
    let size = if row_h >= c.px(20.0) {
        12.0
    } else if row_h >= c.px(13.0) {
        10.0
    } else {
        8.0
    };
    let label_font = c.font(size, false, INK);
    for (i, row) in chart.rows.iter().enumerate() {
        let top = y0 + i as i32 * row_h;
        let mid = top + row_h / 2;
        let label_lines = if row_h >= 2 * c.line_height(size) { 2 } else { 1 };
        let label = c.wrap(&row.label, &label_font, label_w, label_lines);
        let first = mid - c.line_height(size) * (label.len() as i32 - 1) / 2;
        for (j, line) in label.iter().enumerate() {
            c.text(line, (l, first + j as i32 * c.line_height(size)), &label_font, HPos::Left, VPos::Center)?;
        }
        for (j, cell) in row.cells.iter().enumerate() {
            let x = x0 + j as i32 * cell_w;
            let rect = [(x + 1, top + 1), (x + cell_w - 1, top + row_h - 1)];
            match cell {
                Some(v) => {
                    c.area.draw(&Rectangle::new(rect, heat_colour(*v).filled())).map_err(err)?;
                    if row_h >= c.px(13.0) {
                        let ink = if *v > 55.0 { CELL_WHITE } else { CELL_INK };
                        let font = c.font(size, false, RGBColor(ink.0, ink.1, ink.2));
                        c.text(&number(*v), (x + cell_w / 2, mid), &font, HPos::Center, VPos::Center)?;
                    }
                }
                None => c.area.draw(&Rectangle::new(rect, EMPTY.filled())).map_err(err)?,
            }
        }
    }
    // Legend: the colour scale and what a blank cell means.
    let ly = y0 + n * row_h + c.px(16.0);
    let font = c.font(11.0, false, MUTED);
    let scale_w = c.px(if c.framed { 200.0 } else { 120.0 });
    let steps = 20;
    for s in 0..steps {
        let x = x0 + scale_w * s / steps;
        let rect = [(x, ly), (x0 + scale_w * (s + 1) / steps, ly + c.px(10.0))];
        c.area
            .draw(&Rectangle::new(rect, heat_colour(100.0 * f64::from(s) / f64::from(steps - 1)).filled()))
            .map_err(err)?;
    }
    c.text("0", (x0, ly + c.px(12.0)), &font, HPos::Center, VPos::Top)?;
    c.text("100 %", (x0 + scale_w, ly + c.px(12.0)), &font, HPos::Center, VPos::Top)?;
    // What a blank cell means, on its own line with the whole width, never cut short.
    let (bx, by) = (x0, ly + c.px(34.0));
    c.area.draw(&Rectangle::new([(bx, by), (bx + c.px(18.0), by + c.px(10.0))], EMPTY.filled())).map_err(err)?;
    c.area.draw(&Rectangle::new([(bx, by), (bx + c.px(18.0), by + c.px(10.0))], GRID.stroke_width(1))).map_err(err)?;
    let lines = c.wrap(&format!("blank: {}", chart.blank_means), &font, r - bx - c.px(26.0), 2);
    for (k, line) in lines.iter().enumerate() {
        let y = by + c.px(5.0) + k as i32 * c.line_height(11.0);
        c.text(line, (bx + c.px(24.0), y), &font, HPos::Left, VPos::Center)?;
    }
    Ok(())
}

/// Horizontal grid lines and labels for `0..max` mapped to `bottom..top`; returns the left edge.
fn y_axis<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    (min, max): (f64, f64),
    (x0, x1): (i32, i32),
    (top, bottom): (i32, i32),
    unit: &str,
) -> Drawn {
    let font = c.font(11.0, false, MUTED);
    let step = tick_step(max - min, ((bottom - top) / c.px(60.0)).max(2) as f64);
    let mut v = (min / step).ceil() * step;
    while v <= max + 1e-9 {
        let y = bottom - ((bottom - top) as f64 * (v - min) / (max - min)).round() as i32;
        c.area.draw(&PathElement::new(vec![(x0, y), (x1, y)], GRID.stroke_width(1))).map_err(err)?;
        c.text(&number(v), (x0 - c.px(6.0), y), &font, HPos::Right, VPos::Center)?;
        v += step;
    }
    c.text(unit, (x0 - c.px(6.0), top - c.px(14.0)), &font, HPos::Right, VPos::Bottom)
}

fn grouped_bars<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &GroupedBars) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, mut t, r, b) = plot;
    if chart.categories.is_empty() || chart.series.is_empty() {
        return no_data(c, plot, "Nothing to compare yet.");
    }
    // Series are oldest first; the newest takes the first colour, as on the radar and trend.
    let year = |s: usize| colour(chart.series.len() - 1 - s);
    let items: Vec<_> = chart.series.iter().enumerate().map(|(i, s)| (s.name.clone(), year(i))).collect();
    let x0 = l + c.px(44.0);
    // The legend starts at the plot's left edge, clear of the axis unit above the tick labels.
    c.legend(&items, (x0, t + c.px(6.0)), r - x0)?;
    t += c.px(36.0);
    // The key below: "number title" entries in columns.
    let key_font = c.font(11.0, false, INK);
    let columns = if chart.categories.len() > 4 { 2 } else { 1 };
    let key_rows = chart.categories.len().div_ceil(columns) as i32;
    let key_line = c.px(15.0);
    let key_h = key_rows * key_line + c.px(8.0);
    let key_top = b - key_h + c.px(8.0);
    let col_w = (r - l) / columns as i32;
    for (i, category) in chart.categories.iter().enumerate() {
        let (col, row) = (i as i32 / key_rows, i as i32 % key_rows);
        let text = c.fit(&format!("{}  {}", category.key, category.title), &key_font, col_w - c.px(12.0));
        c.text(&text, (l + col * col_w, key_top + row * key_line), &key_font, HPos::Left, VPos::Top)?;
    }
    let bottom = b - key_h - c.px(28.0);
    y_axis(c, (0.0, 100.0), (x0, r), (t, bottom), "%")?;
    let n = chart.categories.len() as i32;
    let group_w = (r - x0) / n;
    let bar_w = ((group_w as f64 * 0.8) / chart.series.len() as f64).max(1.0) as i32;
    let value_font = c.font(10.0, false, MUTED);
    let label_font = c.font(12.0, true, INK);
    for (i, category) in chart.categories.iter().enumerate() {
        let gx = x0 + i as i32 * group_w + (group_w - bar_w * chart.series.len() as i32) / 2;
        for (s, series) in chart.series.iter().enumerate() {
            let x = gx + s as i32 * bar_w;
            if let Some(v) = series.values.get(i).copied().flatten() {
                let y = bottom - ((bottom - t) as f64 * v.clamp(0.0, 100.0) / 100.0).round() as i32;
                c.area.draw(&Rectangle::new([(x + 1, y), (x + bar_w - 1, bottom)], year(s).filled())).map_err(err)?;
                if bar_w >= c.px(24.0) {
                    c.text(&number(v), (x + bar_w / 2, y - c.px(3.0)), &value_font, HPos::Center, VPos::Bottom)?;
                }
            }
        }
        let key = c.fit(&category.key, &label_font, group_w);
        c.text(
            &key,
            (x0 + i as i32 * group_w + group_w / 2, bottom + c.px(6.0)),
            &label_font,
            HPos::Center,
            VPos::Top,
        )?;
    }
    Ok(())
}

fn trend<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &Trend) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, mut t, r, b) = plot;
    if chart.x_labels.is_empty() || chart.series.is_empty() {
        return no_data(c, plot, "Nothing to show yet.");
    }
    let x0 = l + c.px(52.0);
    if chart.series.len() > 1 {
        let items: Vec<_> = chart.series.iter().enumerate().map(|(i, s)| (s.name.clone(), colour(i))).collect();
        // From the plot's left edge, clear of the axis unit above the tick labels.
        c.legend(&items, (x0, t + c.px(6.0)), r - x0)?;
        t += c.px(28.0);
    }
    t += c.px(16.0);
    let bottom = b - c.px(28.0);
    let y_max = if chart.y_max > 0.0 { chart.y_max } else { 100.0 };
    y_axis(c, (0.0, y_max), (x0, r), (t, bottom), &chart.y_label)?;
    let n = chart.x_labels.len();
    let inner = c.px(30.0);
    let x_at = |i: usize| {
        if n == 1 {
            (x0 + r) / 2
        } else {
            x0 + inner + ((r - x0 - 2 * inner) as f64 * i as f64 / (n - 1) as f64).round() as i32
        }
    };
    let y_at = |v: f64| bottom - ((bottom - t) as f64 * v.clamp(0.0, y_max) / y_max).round() as i32;
    let label_font = c.font(12.0, false, INK);
    let every = label_every(n, r - x0, c.px(60.0));
    for (i, label) in chart.x_labels.iter().enumerate() {
        if labelled(i, n, every) {
            c.text(label, (x_at(i), bottom + c.px(6.0)), &label_font, HPos::Center, VPos::Top)?;
        }
    }
    let value_font = c.font(11.0, true, INK);
    for (s, series) in chart.series.iter().enumerate() {
        let points: Vec<_> =
            series.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x_at(i), y_at(v), v))).collect();
        let line: Vec<_> = points.iter().map(|&(x, y, _)| (x, y)).collect();
        c.area.draw(&PathElement::new(line, colour(s).stroke_width(c.px(3.0).max(1) as u32))).map_err(err)?;
        for (k, &(x, y, v)) in points.iter().enumerate() {
            c.area.draw(&Circle::new((x, y), c.px(5.0).max(2), colour(s).filled())).map_err(err)?;
            if chart.series.len() == 1 && (points.len() <= 12 || k == points.len() - 1) {
                c.text(&number(v), (x, y - c.px(9.0)), &value_font, HPos::Center, VPos::Bottom)?;
            }
        }
    }
    Ok(())
}

fn spread<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &Spread) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, mut t, r, b) = plot;
    if chart.rows.is_empty() {
        return no_data(c, plot, "No assessor has scored yet.");
    }
    let mut items: Vec<_> = chart.assessors.iter().enumerate().map(|(i, a)| (a.clone(), colour(i + 1))).collect();
    items.push(("agreed".to_owned(), INK));
    c.legend(&items, (l, t + c.px(6.0)), r - l)?;
    t += c.px(30.0);
    let axis_h = c.px(36.0);
    let label_w = ((r - l) as f64 * if c.framed { 0.30 } else { 0.40 }) as i32;
    let flag_w = c.px(96.0);
    let x0 = l + label_w + c.px(12.0);
    let x1 = r - flag_w;
    let n = chart.rows.len() as i32;
    let row_h = ((b - axis_h - t) / n).min(c.px(32.0)).max(1);
    let bottom = t + row_h * n;
    x_axis(c, 100.0, (x0, x1), (t, bottom), "%")?;
    let size = if row_h >= c.px(20.0) { 12.0 } else { 9.0 };
    let label_font = c.font(size, false, INK);
    let flag_font = c.font(size, true, BANDS[0]);
    let scale = |v: f64| x0 + ((x1 - x0) as f64 * v.clamp(0.0, 100.0) / 100.0).round() as i32;
    let dot = (row_h / 5).clamp(2, c.px(6.0).max(2));
    for (i, row) in chart.rows.iter().enumerate() {
        let mid = t + i as i32 * row_h + row_h / 2;
        let given: Vec<f64> = row.scores.iter().flatten().copied().collect();
        let range = given.iter().copied().reduce(f64::min).zip(given.iter().copied().reduce(f64::max));
        // One label per row: bold orange when the assessors disagree, regular otherwise.
        let flagged_row = range.is_some_and(|(lo, hi)| hi - lo > chart.threshold);
        let font = if flagged_row { &flag_font } else { &label_font };
        c.text(&c.fit(&row.label, font, label_w), (l, mid), font, HPos::Left, VPos::Center)?;
        if let Some((lo, hi)) = range {
            let band = (dot / 2).max(1);
            c.area
                .draw(&Rectangle::new([(scale(lo), mid - band), (scale(hi), mid + band)], TRACK.filled()))
                .map_err(err)?;
            c.area
                .draw(&Rectangle::new([(scale(lo), mid - band), (scale(hi), mid + band)], GRID.stroke_width(1)))
                .map_err(err)?;
            if flagged_row {
                c.text(
                    &format!("spread {}", number(keel_core::scoring::shown_change(lo, hi))),
                    (x1 + c.px(10.0), mid),
                    &flag_font,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
        }
        for (a, score) in row.scores.iter().enumerate() {
            if let Some(v) = score {
                c.area.draw(&Circle::new((scale(*v), mid), dot, colour(a + 1).filled())).map_err(err)?;
            }
        }
        if let Some(v) = row.consensus {
            let (x, d) = (scale(v), dot + 2);
            let diamond = vec![(x, mid - d), (x + d, mid), (x, mid + d), (x - d, mid)];
            c.area.draw(&Polygon::new(diamond, INK.filled())).map_err(err)?;
        }
    }
    Ok(())
}

fn kpi<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &Kpi) -> Drawn {
    let plot = c.frame(&chart.title, &chart.caption, &chart.footer)?;
    let (l, t, r, b) = plot;
    let given: Vec<f64> = chart.values.iter().flatten().copied().chain(chart.target).collect();
    if chart.periods.is_empty() || given.is_empty() {
        return no_data(c, plot, "No values recorded for this KPI yet.");
    }
    let (lo, hi) = given.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo).abs() * 0.15).max(hi.abs().max(1.0) * 0.05);
    let min = if lo >= 0.0 && lo - pad < 0.0 { 0.0 } else { lo - pad };
    let max = hi + pad;
    let step = tick_step(max - min, 5.0);
    let (min, max) = ((min / step).floor() * step, (max / step).ceil() * step);
    let top = t + c.px(16.0);
    let x0 = l + c.px(64.0);
    let right = r - c.px(110.0);
    let bottom = b - c.px(28.0);
    y_axis(c, (min, max), (x0, right), (top, bottom), &chart.unit)?;
    let n = chart.periods.len();
    let inner = c.px(30.0);
    let x_at = |i: usize| {
        if n == 1 {
            (x0 + right) / 2
        } else {
            x0 + inner + ((right - x0 - 2 * inner) as f64 * i as f64 / (n - 1) as f64).round() as i32
        }
    };
    let y_at = |v: f64| bottom - ((bottom - top) as f64 * (v - min) / (max - min)).round() as i32;
    let label_font = c.font(12.0, false, INK);
    let every = label_every(n, right - x0, c.px(60.0));
    for (i, period) in chart.periods.iter().enumerate() {
        if labelled(i, n, every) {
            c.text(period, (x_at(i), bottom + c.px(6.0)), &label_font, HPos::Center, VPos::Top)?;
        }
    }
    if let Some(target) = chart.target {
        let y = y_at(target);
        let dashed = DashedPathElement::new(
            vec![(x0, y), (right, y)],
            c.px(8.0),
            c.px(5.0),
            MUTED.stroke_width(c.px(2.0).max(1) as u32),
        );
        c.area.draw(&dashed).map_err(err)?;
        let font = c.font(12.0, true, MUTED);
        c.text(&format!("target {}", number(target)), (right + c.px(8.0), y), &font, HPos::Left, VPos::Center)?;
    }
    let meets = |v: f64| match chart.target {
        Some(target) if chart.higher_is_better => v >= target,
        Some(target) => v <= target,
        None => true,
    };
    let points: Vec<_> =
        chart.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x_at(i), y_at(v), v))).collect();
    let line: Vec<_> = points.iter().map(|&(x, y, _)| (x, y)).collect();
    c.area.draw(&PathElement::new(line, colour(0).stroke_width(c.px(3.0).max(1) as u32))).map_err(err)?;
    let value_font = c.font(11.0, true, INK);
    for &(x, y, v) in &points {
        let radius = c.px(5.0).max(2);
        if meets(v) {
            c.area.draw(&Circle::new((x, y), radius, colour(0).filled())).map_err(err)?;
        } else {
            c.area.draw(&Circle::new((x, y), radius, WHITE.filled())).map_err(err)?;
            c.area.draw(&Circle::new((x, y), radius, BANDS[0].stroke_width(c.px(2.0).max(1) as u32))).map_err(err)?;
        }
        c.text(&number(v), (x, y - c.px(9.0)), &value_font, HPos::Center, VPos::Bottom)?;
    }
    Ok(())
}

/// Every how many of `n` labels along `width` pixels one is written, each needing `room`.
fn label_every(n: usize, width: i32, room: i32) -> usize {
    (n as i32 * room / width.max(1) + 1).max(1) as usize
}

/// Whether label `i` of `n` is written when every `every`-th is: the first, each `every`-th and
/// the last (the newest year), leaving out one that would touch the last.
fn labelled(i: usize, n: usize, every: usize) -> bool {
    i + 1 == n || (i.is_multiple_of(every) && n - 1 - i >= every)
}

#[cfg(test)]
mod tests {
    use super::{label_every, labelled};

    #[test]
    fn year_labels_never_touch_and_the_newest_is_always_written() {
        // Twenty years on a 900-pixel axis, each label needing 60: every second one is written.
        let every = label_every(20, 900, 60);
        assert_eq!(every, 2);
        let written: Vec<usize> = (0..20).filter(|&i| labelled(i, 20, every)).collect();
        assert_eq!(written.first(), Some(&0));
        assert_eq!(written.last(), Some(&19), "the newest year is written");
        assert!(written.windows(2).all(|w| w[1] - w[0] >= every), "two labels touch: {written:?}");
        // Few years: every one.
        assert!((0..3).all(|i| labelled(i, 3, label_every(3, 900, 60))));
        for n in 1..40 {
            for width in [300, 600, 900] {
                let every = label_every(n, width, 60);
                let written: Vec<usize> = (0..n).filter(|&i| labelled(i, n, every)).collect();
                assert_eq!(written.last(), Some(&(n - 1)));
                assert!(written.windows(2).all(|w| w[1] - w[0] >= every), "n {n} width {width}: {written:?}");
            }
        }
    }
}
