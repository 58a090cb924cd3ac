//! Measuring and wrapping text in the report's embedded font (DejaVu Sans), so lines never run
//! past the margin.

use ab_glyph::{Font, FontRef, ScaleFont};

pub struct Measure {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

impl Measure {
    pub fn new() -> Option<Measure> {
        let [regular, bold] = keel_charts::fonts();
        Some(Measure { regular: FontRef::try_from_slice(regular).ok()?, bold: FontRef::try_from_slice(bold).ok()? })
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let Some(scale) = font.pt_to_px_scale(size) else { return 0.0 };
        let scaled = font.as_scaled(scale);
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                width += scaled.kern(p, id);
            }
            width += scaled.h_advance(id);
            previous = Some(id);
        }
        // pt_to_px_scale assumes 72 dpi, where a point is a pixel.
        width
    }

    /// `text` broken into lines no wider than `max` points; a word longer than a line is cut.
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
                while self.width(&line, size, bold) > max && line.chars().count() > 1 {
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
