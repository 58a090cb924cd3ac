//! Measuring and wrapping text in the report's embedded font (DejaVu Sans), so lines never run
//! past the margin. Sizes are in points, as the page layout is: a glyph's advance is its advance
//! in font units times the size over the font's units per em.

use ab_glyph::{Font, FontRef};

pub struct Measure {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// Words up to this many characters (dates, numbers, codes) are never cut across lines.
const UNBREAKABLE: usize = 16;

impl Measure {
    pub fn new() -> Option<Measure> {
        let [regular, bold] = keel_charts::fonts();
        Some(Measure { regular: FontRef::try_from_slice(regular).ok()?, bold: FontRef::try_from_slice(bold).ok()? })
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let Some(em) = font.units_per_em() else { return 0.0 };
        let mut units = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                units += font.kern_unscaled(p, id);
            }
            units += font.h_advance_unscaled(id);
            previous = Some(id);
        }
        units * size / em
    }

    /// `text` broken into lines no wider than `max` points. Only a word longer than a whole
    /// line and longer than [`UNBREAKABLE`] characters is cut; a shorter one (a date, an amount)
    /// stays whole and may run over, which callers avoid by giving such columns room.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if self.width(&candidate, size, bold) <= max || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_owned();
                }
                while self.width(&line, size, bold) > max
                    && line.chars().count() > 1
                    && line.rsplit(' ').next().is_some_and(|w| w.chars().count() > UNBREAKABLE)
                {
                    let mut head: String = line.clone();
                    while self.width(&head, size, bold) > max && head.chars().count() > 1 {
                        head.pop();
                    }
                    let rest = line[head.len()..].to_owned();
                    lines.push(head);
                    line = rest;
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_in_points_measures_the_em_in_points() {
        let m = Measure::new().expect("font");
        // DejaVu Sans: the digit advance is 1303 of 2048 units, "M" 1767.
        let digits = m.width("0000000000", 10.0, false);
        assert!((digits - 10.0 * 10.0 * 1303.0 / 2048.0).abs() < 0.01, "{digits}");
        assert!((m.width("M", 100.0, false) - 100.0 * 1767.0 / 2048.0).abs() < 0.01);
    }

    #[test]
    fn dates_and_short_tokens_are_never_cut() {
        let m = Measure::new().expect("font");
        let lines = m.wrap("due 2026-03-31", 9.0, false, 40.0);
        assert!(lines.iter().any(|l| l == "2026-03-31"), "{lines:?}");
        let lines = m.wrap("Northwind Castings Ltd", 28.0, true, 483.0);
        assert_eq!(lines, ["Northwind Castings Ltd"]);
    }
}
