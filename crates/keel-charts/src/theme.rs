//! Light and dark chart themes. A theme changes only the background, text and grid colours;
//! series, bands and heat-map cells keep their colours, so the same series looks the same in
//! both. The dark SVG is the light one with those colours swapped, so both come from the same
//! drawing code.

use plotters::style::RGBColor;

use crate::canvas::{CELL_INK, CELL_WHITE, EMPTY, GRID, INK, MUTED, TRACK};

/// The colours a chart is drawn on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white: the window in light mode, and every exported file unless asked.
    #[default]
    Light,
    /// Light text on the window's dark surface.
    Dark,
}

/// Each light theme colour and the dark theme's replacement (the window's dark palette).
const DARK: [(RGBColor, RGBColor); 6] = [
    (RGBColor(255, 255, 255), RGBColor(27, 33, 41)), // background: the dark surface
    (INK, RGBColor(230, 234, 240)),                  // text
    (MUTED, RGBColor(163, 173, 187)),                // secondary text
    (GRID, RGBColor(62, 72, 86)),                    // grid lines and frames
    (TRACK, RGBColor(38, 48, 60)),                   // bar tracks
    (EMPTY, RGBColor(34, 42, 51)),                   // empty heat-map cells and their key
];

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// `svg` (drawn in the light theme) in `theme`.
pub(crate) fn apply(svg: String, theme: Theme) -> String {
    match theme {
        Theme::Light => svg,
        Theme::Dark => {
            // Text on heat-map cells is drawn against the cell, not the background: it keeps its colour.
            debug_assert!(![CELL_INK, CELL_WHITE].iter().any(|c| DARK.iter().any(|(from, _)| from == c)));
            let mut out = svg;
            for (from, to) in DARK {
                for attribute in ["fill", "stroke"] {
                    out =
                        out.replace(&format!("{attribute}=\"{}\"", hex(from)), &format!("{attribute}=\"{}\"", hex(to)));
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_theme_colours_are_swapped() {
        let svg = format!(
            r##"<rect fill="#FFFFFF"/><text fill="{}">a</text><path stroke="{}"/><rect fill="#0072B2"/><text fill="{}">9</text>"##,
            hex(INK),
            hex(GRID),
            hex(CELL_INK)
        );
        let dark = apply(svg.clone(), Theme::Dark);
        assert_eq!(
            dark,
            format!(
                r##"<rect fill="#1B2129"/><text fill="#E6EAF0">a</text><path stroke="#3E4856"/><rect fill="#0072B2"/><text fill="{}">9</text>"##,
                hex(CELL_INK)
            )
        );
        assert_eq!(apply(svg.clone(), Theme::Light), svg);
    }
}
