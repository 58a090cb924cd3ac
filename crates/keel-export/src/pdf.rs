//! The management-review report as PDF (A4): cover, executive summary, the charts as vectors,
//! per-criterion tables, stakeholder balance, open actions and a methods appendix. Text is real
//! text in the embedded DejaVu Sans (selectable, searchable), pages are numbered "page n of N".
//!
//! Pages are laid out first as a list of drawing operations, then drawn, so every footer knows
//! the page count.

use std::sync::Arc;

use keel_charts::{usvg, ChartKind};
use keel_core::exchange::{ActionStatus, NoteKind};
use keel_core::scoring::fmt_number;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::text::Measure;
use crate::{ExportError, Pack};

const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;
const WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE.1 - MARGIN - 18.0;
const INK: (u8, u8, u8) = (33, 37, 41);
const MUTED: (u8, u8, u8) = (96, 103, 112);
const ACCENT: (u8, u8, u8) = (0, 114, 178);
const RULE: (u8, u8, u8) = (222, 226, 230);

enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, colour: (u8, u8, u8), text: String },
    Rect { x: f32, y: f32, w: f32, h: f32, colour: (u8, u8, u8) },
    Svg { x: f32, y: f32, w: f32, h: f32, svg: String },
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    measure: Measure,
}

/// A table column: title, width in points, right-aligned.
type Column<'a> = (&'a str, f32, bool);

impl Layout {
    fn new(measure: Measure) -> Layout {
        Layout { pages: vec![Vec::new()], y: MARGIN, measure }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    fn space(&mut self, h: f32) {
        self.y += h;
    }

    fn line(&mut self, x: f32, text: &str, size: f32, bold: bool, colour: (u8, u8, u8)) {
        self.push(Op::Text { x, y: self.y + size, size, bold, colour, text: text.to_owned() });
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: (u8, u8, u8)) {
        for line in self.measure.wrap(text, size, bold, WIDTH) {
            self.room(size * 1.4);
            self.line(MARGIN, &line, size, bold, colour);
            self.y += size * 1.4;
        }
    }

    fn heading(&mut self, text: &str) {
        self.room(60.0);
        self.space(8.0);
        self.line(MARGIN, text, 16.0, true, INK);
        self.y += 22.0;
        self.push(Op::Rect { x: MARGIN, y: self.y, w: WIDTH, h: 1.0, colour: RULE });
        self.y += 10.0;
    }

    fn bullet(&mut self, text: &str) {
        let lines = self.measure.wrap(text, 10.0, false, WIDTH - 14.0);
        self.room(14.0 * lines.len() as f32);
        self.line(MARGIN, "•", 10.0, false, ACCENT);
        for line in lines {
            self.line(MARGIN + 14.0, &line, 10.0, false, INK);
            self.y += 14.0;
        }
    }

    fn chart(&mut self, svg: String) {
        let (w, h) = (WIDTH, WIDTH * 600.0 / 960.0);
        self.room(h + 8.0);
        self.push(Op::Svg { x: MARGIN, y: self.y, w, h, svg });
        self.y += h + 12.0;
    }

    fn table(&mut self, columns: &[Column<'_>], rows: &[(bool, Vec<String>)]) {
        let size = 9.0;
        let header = |layout: &mut Layout| {
            let mut x = MARGIN;
            layout.push(Op::Rect { x: MARGIN, y: layout.y, w: WIDTH, h: 16.0, colour: (241, 243, 245) });
            for (title, width, right) in columns {
                let tx = if *right { x + width - 4.0 - layout.measure.width(title, size, true) } else { x + 4.0 };
                layout.push(Op::Text {
                    x: tx,
                    y: layout.y + 11.5,
                    size,
                    bold: true,
                    colour: INK,
                    text: (*title).to_owned(),
                });
                x += width;
            }
            layout.y += 18.0;
        };
        self.room(36.0);
        header(self);
        for (strong, cells) in rows {
            let wrapped: Vec<Vec<String>> = columns
                .iter()
                .zip(cells)
                .map(|((_, width, _), cell)| self.measure.wrap(cell, size, *strong, width - 8.0))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * 12.0 + 4.0;
            if self.y + height > BOTTOM {
                self.new_page();
                header(self);
            }
            let mut x = MARGIN;
            for ((_, width, right), cell_lines) in columns.iter().zip(&wrapped) {
                for (i, line) in cell_lines.iter().enumerate() {
                    let tx = if *right { x + width - 4.0 - self.measure.width(line, size, *strong) } else { x + 4.0 };
                    let y = self.y + 10.0 + i as f32 * 12.0;
                    self.push(Op::Text { x: tx, y, size, bold: *strong, colour: INK, text: line.clone() });
                }
                x += width;
            }
            self.y += height;
            self.push(Op::Rect { x: MARGIN, y: self.y - 1.0, w: WIDTH, h: 0.5, colour: RULE });
        }
        self.y += 8.0;
    }
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1} %")).unwrap_or_else(|| "not scored".into())
}

fn one(v: f64) -> String {
    format!("{v:.1}")
}

fn fail(message: impl std::fmt::Display) -> ExportError {
    ExportError::Build { what: "PDF report", message: message.to_string() }
}

/// The report's bytes.
pub fn report_pdf(pack: &Pack) -> Result<Vec<u8>, ExportError> {
    let measure = Measure::new().ok_or_else(|| fail("the embedded font cannot be read"))?;
    let mut doc = Layout::new(measure);
    let current = &pack.current;
    let file = &current.file;
    let report = &current.report;
    let svg = |kind: ChartKind| -> Result<String, ExportError> {
        Ok(keel_charts::render_svg(&pack.chart(kind, None)?, keel_charts::SCREEN)?)
    };

    // Cover.
    doc.space(120.0);
    doc.line(MARGIN, "Management review", 14.0, true, ACCENT);
    doc.space(28.0);
    doc.paragraph(&file.organisation.name, 28.0, true, INK);
    doc.space(6.0);
    doc.paragraph(&file.assessment.title, 16.0, false, INK);
    doc.space(30.0);
    let assessors = file
        .assessors
        .iter()
        .map(|a| if a.role.is_empty() { a.name.clone() } else { format!("{} ({})", a.name, a.role) })
        .collect::<Vec<_>>()
        .join("; ");
    let facts = [
        ("Framework", format!("{} — version {}", current.framework.title(), current.framework.version())),
        ("Period", file.assessment.period.to_string()),
        ("Scope", file.assessment.scope.clone()),
        ("Assessors", assessors),
        ("Status", status_line(file)),
        ("Weighting", report.profile.clone()),
        ("Report date", pack.date.clone()),
    ];
    let rows: Vec<(bool, Vec<String>)> = facts.iter().map(|(k, v)| (false, vec![(*k).to_owned(), v.clone()])).collect();
    doc.table(&[("", 110.0, false), ("", WIDTH - 110.0, false)], &rows);

    // Executive summary.
    doc.new_page();
    doc.heading("Executive summary");
    let total = match report.percent {
        Some(p) => format!(
            "Total: {} of {} points ({} %).",
            fmt_number(report.total_points),
            fmt_number(report.max_points),
            fmt_number(p)
        ),
        None => format!(
            "Total so far: {} of {} points; {} areas are not yet scored and count for nothing.",
            fmt_number(report.total_points),
            fmt_number(report.max_points),
            report.missing.len()
        ),
    };
    doc.paragraph(&total, 12.0, true, INK);
    if let Some(previous) = pack.earlier.last() {
        let change = report.total_points - previous.report.total_points;
        doc.paragraph(
            &format!(
                "Change since {}: {}{} points (then {}).",
                previous.label(),
                if change >= 0.0 { "+" } else { "−" },
                fmt_number(change.abs()),
                fmt_number(previous.report.total_points)
            ),
            11.0,
            false,
            INK,
        );
    }
    if let Some(index) = report.balance_index {
        doc.paragraph(
            &format!("Stakeholder balance index: {} (100 means every group fares alike).", fmt_number(index)),
            11.0,
            false,
            INK,
        );
    }
    let mut roots: Vec<_> = report.nodes.iter().filter(|n| n.depth == 0 && n.percent.is_some()).collect();
    roots.sort_by(|a, b| b.percent.partial_cmp(&a.percent).unwrap_or(std::cmp::Ordering::Equal));
    let notes = |kind: NoteKind| -> Vec<String> {
        file.notes.iter().filter(|n| n.kind == kind).take(5).map(|n| format!("{}: {}", n.node, n.text)).collect()
    };
    doc.space(6.0);
    doc.paragraph("Top strengths", 12.0, true, INK);
    for n in roots.iter().take(2) {
        doc.bullet(&format!("Criterion {} {} scores {}.", n.number, n.title, percent(n.percent)));
    }
    for text in notes(NoteKind::Strength) {
        doc.bullet(&text);
    }
    doc.space(6.0);
    doc.paragraph("Top areas for improvement", 12.0, true, INK);
    for n in roots.iter().rev().take(2) {
        doc.bullet(&format!("Criterion {} {} scores {}.", n.number, n.title, percent(n.percent)));
    }
    for text in notes(NoteKind::Improvement) {
        doc.bullet(&text);
    }
    doc.space(8.0);
    doc.chart(svg(ChartKind::CriteriaRadar)?);

    // Charts.
    doc.heading("Results in charts");
    let mut kinds = vec![ChartKind::CriterionPoints, ChartKind::StakeholderBalance];
    if pack.is_iso() {
        kinds.insert(0, ChartKind::Conformity);
        kinds.push(ChartKind::Coverage);
    }
    if !pack.earlier.is_empty() {
        kinds.extend([ChartKind::YearOnYear, ChartKind::Trend]);
    }
    if file.assessors.len() > 1 && !file.scores.is_empty() {
        kinds.push(ChartKind::AssessorSpread);
    }
    for kind in kinds {
        doc.chart(svg(kind)?);
    }

    // Per-criterion tables.
    doc.new_page();
    doc.heading("Scores per criterion");
    let columns = [
        ("No.", 36.0, false),
        ("Area", WIDTH - 216.0, false),
        ("Score", 64.0, true),
        ("Points", 58.0, true),
        ("Max", 58.0, true),
    ];
    let rows: Vec<(bool, Vec<String>)> = report
        .nodes
        .iter()
        .filter(|n| n.depth <= 1)
        .map(|n| {
            let status = match n.status {
                keel_core::scoring::Status::NotApplicable => "n/a".to_owned(),
                _ => percent(n.percent),
            };
            (n.depth == 0, vec![n.number.clone(), n.title.clone(), status, one(n.points), one(n.max_points)])
        })
        .collect();
    doc.table(&columns, &rows);

    // Stakeholder balance.
    doc.heading("Stakeholder balance");
    let columns = [
        ("Group", 170.0, false),
        ("Score", 80.0, true),
        ("Areas scored", 110.0, true),
        ("Share of weight", WIDTH - 360.0, true),
    ];
    let rows: Vec<(bool, Vec<String>)> = report
        .stakeholders
        .iter()
        .map(|g| {
            (
                false,
                vec![
                    g.group.label().to_owned(),
                    percent(g.percent),
                    format!("{} of {}", g.scored, g.nodes),
                    format!("{:.1} %", g.weight_share),
                ],
            )
        })
        .collect();
    doc.table(&columns, &rows);
    if !report.unassessed_groups.is_empty() {
        let groups: Vec<&str> = report.unassessed_groups.iter().map(|g| g.label()).collect();
        doc.paragraph(&format!("Not assessed by any area: {}.", groups.join(", ")), 10.0, false, INK);
    }

    // EFQM and ISO 9001 side by side, when the organisation has both for this period.
    if let Some(side) = pack.side_by_side() {
        doc.heading("EFQM and ISO 9001 side by side");
        doc.paragraph(
            "ISO 9001 clause conformity carried onto the EFQM criteria through Keel's crosswalk; coverage is how much \
             of each criterion the ISO assessment gives any evidence for.",
            10.0,
            false,
            INK,
        );
        let columns = [
            ("No.", 36.0, false),
            ("Criterion", WIDTH - 276.0, false),
            ("EFQM", 80.0, true),
            ("ISO 9001", 80.0, true),
            ("Coverage", 80.0, true),
        ];
        let rows: Vec<(bool, Vec<String>)> = side
            .criteria
            .iter()
            .map(|r| {
                let coverage = format!("{:.0} %", r.coverage * 100.0);
                (false, vec![r.number.clone(), r.title.clone(), percent(r.efqm), percent(r.iso), coverage])
            })
            .collect();
        doc.table(&columns, &rows);
        let columns = [
            ("Group", WIDTH - 270.0, false),
            ("EFQM", 80.0, true),
            ("ISO 9001", 80.0, true),
            ("ISO coverage", 110.0, true),
        ];
        let rows: Vec<(bool, Vec<String>)> = side
            .groups
            .iter()
            .map(|g| {
                let coverage = format!("{:.0} %", g.iso_coverage);
                (false, vec![g.group.label().to_owned(), percent(g.efqm), percent(g.iso), coverage])
            })
            .collect();
        doc.table(&columns, &rows);
        if !side.unassessed_by_iso.is_empty() {
            let groups: Vec<&str> = side.unassessed_by_iso.iter().map(|g| g.label()).collect();
            doc.paragraph(
                &format!("The ISO 9001 assessment leaves these groups unassessed: {}.", groups.join(", ")),
                10.0,
                true,
                INK,
            );
        }
    }

    // Open actions.
    doc.heading("Open improvement actions");
    let open: Vec<(bool, Vec<String>)> = file
        .actions
        .iter()
        .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress))
        .map(|a| {
            (
                false,
                vec![
                    a.title.clone(),
                    a.owner.clone(),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    a.status.id().to_owned(),
                    a.node.clone().unwrap_or_default(),
                ],
            )
        })
        .collect();
    if open.is_empty() {
        doc.paragraph("No open actions.", 10.0, false, MUTED);
    } else {
        let columns = [
            ("Action", WIDTH - 260.0, false),
            ("Owner", 90.0, false),
            ("Due", 70.0, false),
            ("Status", 60.0, false),
            ("Area", 40.0, false),
        ];
        doc.table(&columns, &open);
    }

    // Methods appendix.
    doc.new_page();
    doc.heading("Methods: how the total was computed");
    doc.paragraph(
        &format!(
            "Framework: {} (edition {}, data version {}), weighting profile \"{}\". Only agreed scores count; an unscored area adds nothing and is listed as missing; areas marked not applicable drop out and the remaining weights are scaled up to the full total.",
            current.framework.title(),
            current.framework.edition(),
            current.framework.version(),
            report.profile
        ),
        10.0,
        false,
        INK,
    );
    doc.space(6.0);
    for line in &report.explanation {
        doc.paragraph(line, 9.0, false, INK);
    }
    doc.space(6.0);
    doc.paragraph(&format!("Source of the structure: {}", current.framework.source()), 9.0, false, MUTED);

    render(doc, pack)
}

fn fill(colour: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn render(doc: Layout, pack: &Pack) -> Result<Vec<u8>, ExportError> {
    let [regular, bold] = keel_charts::fonts();
    let regular =
        Font::new(Arc::new(regular.to_vec()).into(), 0).ok_or_else(|| fail("cannot load the regular font"))?;
    let bold = Font::new(Arc::new(bold.to_vec()).into(), 0).ok_or_else(|| fail("cannot load the bold font"))?;
    let options = keel_charts::svg_options();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!(
                "Management review — {} — {}",
                pack.current.file.organisation.name, pack.current.file.assessment.title
            ))
            .creator("Keel".into())
            .language("en-GB".into()),
    );
    let count = doc.pages.len();
    let footer_left = format!("{} · {}", pack.current.file.organisation.name, pack.current.file.assessment.title);
    let settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or_else(|| fail("bad page size"))?;
    for (number, ops) in doc.pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let text =
            |surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32, size: f32, is_bold: bool, colour, t: &str| {
                surface.set_fill(Some(fill(colour)));
                let font = if is_bold { bold.clone() } else { regular.clone() };
                surface.draw_text(Point::from_xy(x, y), font, size, t, false, TextDirection::Auto);
            };
        for op in ops {
            match op {
                Op::Text { x, y, size, bold: b, colour, text: t } => text(&mut surface, *x, *y, *size, *b, *colour, t),
                Op::Rect { x, y, w, h, colour } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(*colour)));
                        surface.draw_path(&path);
                    }
                }
                Op::Svg { x, y, w, h, svg } => {
                    let tree = usvg::Tree::from_str(svg, &options).map_err(fail)?;
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    let size = Size::from_wh(*w, *h).ok_or_else(|| fail("bad chart size"))?;
                    surface.draw_svg(&tree, size, SvgSettings::default()).ok_or_else(|| fail("cannot draw a chart"))?;
                    surface.pop();
                }
            }
        }
        let measure = &doc.measure;
        let label = format!("Page {} of {count}", number + 1);
        let y = PAGE.1 - MARGIN + 10.0;
        let left = measure.wrap(&footer_left, 8.0, false, WIDTH - 80.0).into_iter().next().unwrap_or_default();
        text(&mut surface, MARGIN, y, 8.0, false, MUTED, &left);
        text(&mut surface, PAGE.0 - MARGIN - measure.width(&label, 8.0, false), y, 8.0, false, MUTED, &label);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| fail(format!("{e:?}")))
}

/// The status; a final assessment with its seal (the short SHA-256 of its record, as Keel's
/// check verifies it), so a printed report can be matched to the sealed record.
fn status_line(file: &keel_core::exchange::ExchangeFile) -> String {
    match file.assessment.status {
        keel_core::exchange::AssessmentStatus::Final => {
            format!("final · seal {}", keel_core::seal::short(&keel_core::seal::seal(file)))
        }
        other => other.id().to_owned(),
    }
}
