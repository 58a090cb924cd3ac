//! Drawing helpers shared by every chart: the palette, text that is measured before it is placed
//! (wrapped, or shortened with an ellipsis, never cut by the edge), the title/caption/footer
//! frame, and tick steps. Sizes are given for a 960-pixel-wide chart and scale with the area.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use crate::data::Footer;
use crate::FONT_FAMILY;

/// A backend's drawing failure, as its message (backends' error types differ).
#[derive(Debug)]
pub struct DrawError(pub String);

pub type Drawn = Result<(), DrawError>;

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 0, 0),       // black
];
pub const INK: RGBColor = RGBColor(33, 37, 41);
pub const MUTED: RGBColor = RGBColor(96, 103, 112);
pub const GRID: RGBColor = RGBColor(222, 226, 230);
pub const TRACK: RGBColor = RGBColor(233, 236, 239);
/// Empty heat-map cells and their key.
pub const EMPTY: RGBColor = RGBColor(248, 249, 250);
/// Text on heat-map cells, drawn against the cell's colour (so a dark theme leaves it alone).
pub const CELL_INK: RGBColor = RGBColor(33, 37, 40);
pub const CELL_WHITE: RGBColor = RGBColor(255, 255, 254);
/// Low / middle / high bands of banded bars (vermillion, orange, blue: safe for colour blindness).
pub const BANDS: [RGBColor; 3] = [RGBColor(213, 94, 0), RGBColor(230, 159, 0), RGBColor(0, 114, 178)];

pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

pub fn band_colour(share: f64) -> RGBColor {
    if share < 0.5 {
        BANDS[0]
    } else if share < 0.8 {
        BANDS[1]
    } else {
        BANDS[2]
    }
}

/// A drawing area with its scale: 1.0 for a 960-pixel-wide chart.
pub struct Canvas<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    pub scale: f64,
    pub width: i32,
    pub height: i32,
    /// The smallest text size in pixels: no label is set smaller, whatever its design size.
    pub min_text: f64,
    /// Whether the frame draws the title and footer (the screen), or leaves them to the page
    /// the chart is printed on (the PDF report sets them as real text).
    pub framed: bool,
}

pub fn err<E: std::fmt::Display>(e: E) -> DrawError {
    DrawError(e.to_string())
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    pub fn new(area: &'a DrawingArea<DB, Shift>) -> Self {
        let (w, h) = area.dim_in_pixel();
        let scale = (f64::from(w) / 960.0).min(f64::from(h) / 540.0).max(0.2);
        Canvas { area, scale, width: w as i32, height: h as i32, min_text: 0.0, framed: true }
    }

    /// A canvas laid out for paper: `scale` pixels per design pixel whatever its size, no text
    /// below `min_text` pixels, no title or footer.
    pub fn print(area: &'a DrawingArea<DB, Shift>, scale: f64, min_text: f64) -> Self {
        let (w, h) = area.dim_in_pixel();
        Canvas { area, scale, width: w as i32, height: h as i32, min_text, framed: false }
    }

    /// A length in pixels for a design length at 960 px wide.
    pub fn px(&self, design: f64) -> i32 {
        (design * self.scale).round() as i32
    }

    pub fn font(&self, size: f64, bold: bool, colour: RGBColor) -> TextStyle<'static> {
        let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        TextStyle {
            font: (FONT_FAMILY, (size * self.scale).max(self.min_text), style).into_font(),
            color: colour.to_backend_color(),
            pos: Pos::new(HPos::Left, VPos::Top),
        }
    }

    pub fn text_width(&self, text: &str, font: &TextStyle<'_>) -> i32 {
        self.area.estimate_text_size(text, font).map(|(w, _)| w as i32).unwrap_or(0)
    }

    pub fn text(&self, text: &str, (x, y): (i32, i32), font: &TextStyle<'_>, h: HPos, v: VPos) -> Drawn {
        if text.is_empty() {
            return Ok(());
        }
        self.area.draw(&Text::new(text.to_owned(), (x, y), font.pos(Pos::new(h, v)))).map_err(err)
    }

    /// `text` shortened with an ellipsis to fit `max` pixels.
    pub fn fit(&self, text: &str, font: &TextStyle<'_>, max: i32) -> String {
        if self.text_width(text, font) <= max {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().collect::<String>().trim_end().to_owned() + "…";
            if self.text_width(&candidate, font) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        chars[..lo].iter().collect::<String>().trim_end().to_owned() + "…"
    }

    /// `text` broken into at most `max_lines` lines of at most `max` pixels; the last line is
    /// shortened with an ellipsis when the text does not fit.
    pub fn wrap(&self, text: &str, font: &TextStyle<'_>, max: i32, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut rest_from = words.len();
        for (i, word) in words.iter().enumerate() {
            let candidate = if current.is_empty() { (*word).to_owned() } else { format!("{current} {word}") };
            if current.is_empty() || self.text_width(&candidate, font) <= max {
                current = candidate;
                continue;
            }
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                rest_from = i;
                break;
            }
            current = (*word).to_owned();
        }
        if rest_from < words.len() {
            let last = lines.pop().unwrap_or_default();
            let rest = words[rest_from..].join(" ");
            lines.push(self.fit(&format!("{last} {rest}"), font, max));
        } else if !current.is_empty() {
            lines.push(current);
        }
        for line in &mut lines {
            if self.text_width(line, font) > max {
                *line = self.fit(line, font, max);
            }
        }
        lines
    }

    /// Draws the white background, title, caption and footer; returns the plot rectangle
    /// `(left, top, right, bottom)` left for the chart itself.
    pub fn frame(&self, title: &str, caption: &str, footer: &Footer) -> Result<(i32, i32, i32, i32), DrawError> {
        self.area.fill(&WHITE).map_err(err)?;
        let pad = self.px(24.0);
        let max = self.width - 2 * pad;
        let title_font = self.font(22.0, true, INK);
        let mut y = pad;
        if !self.framed {
            return self.frame_for_print(caption, max);
        }
        for line in self.wrap(title, &title_font, max, 2) {
            self.text(&line, (pad, y), &title_font, HPos::Left, VPos::Top)?;
            y += self.px(26.0);
        }
        if !caption.is_empty() {
            let caption_font = self.font(14.0, false, MUTED);
            y += self.px(2.0);
            for line in self.wrap(caption, &caption_font, max, 2) {
                self.text(&line, (pad, y), &caption_font, HPos::Left, VPos::Top)?;
                y += self.px(18.0);
            }
        }
        let footer_font = self.font(12.0, false, MUTED);
        let bottom = self.height - pad + self.px(8.0);
        let right_text = if footer.date.is_empty() { "Keel".to_owned() } else { format!("{} · Keel", footer.date) };
        let right_width = self.text_width(&right_text, &footer_font);
        let left_text = [footer.organisation.as_str(), footer.source.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        let left_text = self.fit(&left_text, &footer_font, max - right_width - self.px(24.0));
        self.text(&left_text, (pad, bottom), &footer_font, HPos::Left, VPos::Bottom)?;
        self.text(&right_text, (self.width - pad, bottom), &footer_font, HPos::Right, VPos::Bottom)?;
        let rule_y = bottom - self.px(22.0);
        self.area
            .draw(&PathElement::new(vec![(pad, rule_y), (self.width - pad, rule_y)], GRID.stroke_width(1)))
            .map_err(err)?;
        Ok((pad, y + self.px(16.0), self.width - pad, rule_y - self.px(12.0)))
    }

    /// The frame of a printed chart: the caption only; the page carries title and footer.
    fn frame_for_print(&self, caption: &str, max: i32) -> Result<(i32, i32, i32, i32), DrawError> {
        let pad = self.px(8.0);
        let mut y = pad;
        if !caption.is_empty() {
            let caption_font = self.font(14.0, false, MUTED);
            for line in self.wrap(caption, &caption_font, max, 3) {
                self.text(&line, (pad, y), &caption_font, HPos::Left, VPos::Top)?;
                y += self.line_height(14.0);
            }
        }
        Ok((pad, y + self.px(12.0), self.width - pad, self.height - pad))
    }

    /// The distance between lines of text of design size `size`, at least the printed size.
    pub fn line_height(&self, size: f64) -> i32 {
        if self.framed {
            return self.px(size + 3.0);
        }
        ((size * self.scale).max(self.min_text) * 1.15).round() as i32
    }

    /// A legend of coloured swatches in one row from `(x, y)`.
    pub fn legend(&self, items: &[(String, RGBColor)], (x, y): (i32, i32), max: i32) -> Drawn {
        let font = self.font(13.0, false, INK);
        let swatch = self.px(12.0);
        let gap = self.px(16.0);
        let mut cx = x;
        for (label, c) in items {
            let label = self.fit(label, &font, max / items.len().max(1) as i32 - swatch - gap);
            self.area
                .draw(&Rectangle::new([(cx, y - swatch / 2), (cx + swatch, y + swatch / 2)], c.filled()))
                .map_err(err)?;
            cx += swatch + self.px(6.0);
            self.text(&label, (cx, y), &font, HPos::Left, VPos::Center)?;
            cx += self.text_width(&label, &font) + gap;
        }
        Ok(())
    }
}

/// A tick step giving about `target` ticks over `0..max`: 1, 2 or 5 × a power of ten.
pub fn tick_step(max: f64, target: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / target.max(1.0);
    let power = 10f64.powf(raw.log10().floor());
    let unit = raw / power;
    let nice = if unit <= 1.0 {
        1.0
    } else if unit <= 2.0 {
        2.0
    } else if unit <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// A number as a chart label: Keel's one rounding of a shown figure (no trailing `.0`, at most
/// one decimal, as the window, the CLI and the PDF show it).
pub fn number(v: f64) -> String {
    keel_core::scoring::fmt_points(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(tick_step(100.0, 5.0), 20.0);
        assert_eq!(tick_step(1000.0, 5.0), 200.0);
        assert_eq!(tick_step(7.0, 5.0), 2.0);
        assert_eq!(tick_step(0.0, 5.0), 1.0);
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(62.5), "62.5");
        assert_eq!(number(40.0), "40");
        assert_eq!(number(33.333), "33.3");
    }
}
