//! The management-review report as PDF (A4): cover, executive summary, the charts as vectors laid
//! out at print size, per-criterion (or per-clause) tables, stakeholder balance, open actions,
//! not-applicable decisions, a methods appendix and the evidence behind each part. Text is real
//! text in the embedded DejaVu Sans (selectable, searchable), pages are numbered "page n of N".
//!
//! The file is archival and accessible: PDF/A-2a and PDF/UA-1, checked by krilla's validators
//! (a report that would not conform is an error, never a silent non-conforming file), tagged
//! with a structure tree in reading order (headings, paragraphs, lists, tables with header
//! cells, figures with alternative text), with a bookmark for every section, the document
//! title shown and the language set.
//!
//! Pages are laid out first as a list of drawing operations, each belonging to an element of
//! the structure tree (or marked as an artifact: rules, shading, footers, repeated table
//! headers), then drawn, so every footer knows the page count.

use std::num::NonZeroU16;
use std::sync::Arc;

use keel_charts::{usvg, Chart, ChartKind};
use keel_core::exchange::{ActionStatus, AssessmentStatus, ExchangeFile, NoteKind};
use keel_core::scoring::{fmt_number, fmt_percent, fmt_points, fmt_whole_percent, ScoreReport, Status};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::text::Measure;
use crate::{ExportError, Pack, Scored};

const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;
/// The measure: the width of body text.
pub(crate) const WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE.1 - MARGIN - 18.0;
const INK: (u8, u8, u8) = (33, 37, 41);
const MUTED: (u8, u8, u8) = (96, 103, 112);
const ACCENT: (u8, u8, u8) = (0, 114, 178);
const RULE: (u8, u8, u8) = (222, 226, 230);
const SHADE: (u8, u8, u8) = (241, 243, 245);
/// Body text up to this size is justified: every line but a paragraph's last fills the measure.
const JUSTIFIED_UP_TO: f32 = 12.0;
/// Room a heading needs below it on the same page (at least a few lines of what follows).
const KEEP_WITH_NEXT: f32 = 48.0;

/// What an element of the structure tree is.
enum Role {
    Heading(u16, String),
    Paragraph,
    Figure(String),
    Table,
    Row,
    Header(TableHeaderScope),
    Cell,
    List,
    Item,
    Label,
    Body,
}

enum Child {
    Element(usize),
    Content(usize),
}

struct Element {
    role: Role,
    children: Vec<Child>,
}

/// One drawing operation; `content` is its slot in the structure tree, `None` an artifact.
enum Op {
    /// Runs of text on one baseline, each at its own x (a justified line has one per word).
    Text {
        y: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        runs: Vec<(f32, String)>,
        content: Option<usize>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: (u8, u8, u8),
    },
    Svg {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        svg: String,
        content: usize,
    },
}

/// A heading as a bookmark: level, title, page and top.
struct Mark {
    level: u16,
    title: String,
    page: usize,
    y: f32,
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    measure: Measure,
    elements: Vec<Element>,
    roots: Vec<usize>,
    contents: usize,
    marks: Vec<Mark>,
}

/// A table column: title, width in points, right-aligned.
type Column<'a> = (&'a str, f32, bool);

/// How a table is tagged: with a header row, and whether the first column heads its row.
#[derive(Clone, Copy)]
struct TableKind {
    header_row: bool,
    row_headers: bool,
}

const DATA: TableKind = TableKind { header_row: true, row_headers: false };
const FACTS: TableKind = TableKind { header_row: false, row_headers: true };

impl Layout {
    fn new(measure: Measure) -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            measure,
            elements: Vec::new(),
            roots: Vec::new(),
            contents: 0,
            marks: Vec::new(),
        }
    }

    /// A new element of the structure tree, under `parent` or at the top.
    fn element(&mut self, role: Role, parent: Option<usize>) -> usize {
        let id = self.elements.len();
        self.elements.push(Element { role, children: Vec::new() });
        match parent {
            Some(p) => self.elements[p].children.push(Child::Element(id)),
            None => self.roots.push(id),
        }
        id
    }

    /// A new piece of content belonging to `element`.
    fn content(&mut self, element: usize) -> usize {
        let id = self.contents;
        self.contents += 1;
        self.elements[element].children.push(Child::Content(id));
        id
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

    /// One run of text at `x` on the current line, belonging to `element` (or an artifact).
    fn text(&mut self, element: Option<usize>, x: f32, text: &str, size: f32, bold: bool, colour: (u8, u8, u8)) {
        let content = element.map(|e| self.content(e));
        let runs = vec![(x, text.to_owned())];
        self.push(Op::Text { y: self.y + size, size, bold, colour, runs, content });
    }

    /// A paragraph under `parent`, `width` wide from `x`; body sizes are justified.
    fn paragraph_at(
        &mut self,
        parent: Option<usize>,
        (x, width): (f32, f32),
        text: &str,
        (size, bold, colour): (f32, bool, (u8, u8, u8)),
    ) {
        let p = self.element(Role::Paragraph, parent);
        let lines = self.measure.wrap(text, size, bold, width);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            self.room(size * 1.4);
            let justify = size <= JUSTIFIED_UP_TO && i + 1 < count;
            let runs = if justify { self.justified(&line, x, width, size, bold) } else { vec![(x, line)] };
            let content = Some(self.content(p));
            self.push(Op::Text { y: self.y + size, size, bold, colour, runs, content });
            self.y += size * 1.4;
        }
        // Paragraphs stand apart from each other more than their lines do.
        self.y += size * 0.4;
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: (u8, u8, u8)) {
        self.paragraph_at(None, (MARGIN, WIDTH), text, (size, bold, colour));
    }

    /// `line` set word by word so it fills `width` exactly; each word but the last keeps its
    /// space, so the text reads with its word breaks.
    fn justified(&self, line: &str, x: f32, width: f32, size: f32, bold: bool) -> Vec<(f32, String)> {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() < 2 {
            return vec![(x, line.to_owned())];
        }
        let widths: Vec<f32> = words.iter().map(|w| self.measure.width(w, size, bold)).collect();
        let gap = (width - widths.iter().sum::<f32>()) / (words.len() - 1) as f32;
        let mut at = x;
        let mut runs = Vec::with_capacity(words.len());
        for (i, (word, w)) in words.iter().zip(&widths).enumerate() {
            let text = if i + 1 < words.len() { format!("{word} ") } else { (*word).to_owned() };
            runs.push((at, text));
            at += w + gap;
        }
        runs
    }

    /// A heading kept on one page with at least `keep` points of what follows.
    fn heading_keeping(&mut self, level: u16, text: &str, keep: f32) {
        let (size, before, after) = match level {
            1 => (16.0, 8.0, 32.0),
            2 => (12.0, 6.0, 20.0),
            _ => (10.5, 4.0, 16.0),
        };
        let lines = self.measure.wrap(text, size, true, WIDTH);
        let height = before + lines.len() as f32 * size * 1.3 + after - size * 1.3;
        self.room(height + keep);
        self.space(before);
        let h = self.element(Role::Heading(level, text.to_owned()), None);
        self.marks.push(Mark { level, title: text.to_owned(), page: self.pages.len() - 1, y: self.y });
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            self.text(Some(h), MARGIN, &line, size, true, INK);
            if i + 1 < count {
                self.y += size * 1.3;
            }
        }
        self.y += after - 10.0;
        if level == 1 {
            self.push(Op::Rect { x: MARGIN, y: self.y, w: WIDTH, h: 1.0, colour: RULE });
        }
        self.y += 10.0;
    }

    fn heading(&mut self, level: u16, text: &str) {
        self.heading_keeping(level, text, KEEP_WITH_NEXT);
    }

    fn list(&mut self) -> usize {
        self.element(Role::List, None)
    }

    fn bullet(&mut self, list: usize, text: &str) {
        let lines = self.measure.wrap(text, 10.0, false, WIDTH - 14.0);
        self.room(14.0 * lines.len().min(3) as f32);
        let item = self.element(Role::Item, Some(list));
        let label = self.element(Role::Label, Some(item));
        self.text(Some(label), MARGIN, "•", 10.0, false, ACCENT);
        let body = self.element(Role::Body, Some(item));
        self.paragraph_at(Some(body), (MARGIN + 14.0, WIDTH - 14.0), text, (10.0, false, INK));
    }

    /// A chart at print size under a level-2 heading with its title, split into parts when its
    /// rows need more than a page.
    fn chart(&mut self, chart: &Chart, title_level: u16) -> Result<(), ExportError> {
        let free = BOTTOM - MARGIN - 40.0;
        let parts = keel_charts::print::parts(chart, WIDTH, free);
        let count = parts.len();
        for (i, (part, height)) in parts.into_iter().enumerate() {
            let title =
                if count > 1 { format!("{} ({} of {count})", chart.title(), i + 1) } else { chart.title().to_owned() };
            self.heading_keeping(title_level, &title, height);
            let svg = keel_charts::print::render_svg(&part, (WIDTH, height))?;
            let figure = self.element(Role::Figure(keel_charts::print::alt_text(&part)), None);
            let content = self.content(figure);
            self.push(Op::Svg { x: MARGIN, y: self.y, w: WIDTH, h: height, svg, content });
            self.y += height + 10.0;
        }
        Ok(())
    }

    fn table(&mut self, columns: &[Column<'_>], rows: &[(bool, Vec<String>)], kind: TableKind) {
        let size = 9.0;
        let table = self.element(Role::Table, None);
        // The header row; repeated on a later page it is an artifact (the tree has it once).
        let header = |layout: &mut Layout, first: bool| {
            let row = first.then(|| layout.element(Role::Row, Some(table)));
            let mut x = MARGIN;
            layout.push(Op::Rect { x: MARGIN, y: layout.y, w: WIDTH, h: 16.0, colour: SHADE });
            for (title, width, right) in columns {
                let tx = if *right { x + width - 4.0 - layout.measure.width(title, size, true) } else { x + 4.0 };
                let cell = row.map(|r| layout.element(Role::Header(TableHeaderScope::Column), Some(r)));
                let content = cell.map(|c| layout.content(c));
                let runs = vec![(tx, (*title).to_owned())];
                layout.push(Op::Text { y: layout.y + 11.5, size, bold: true, colour: INK, runs, content });
                x += width;
            }
            layout.y += 18.0;
        };
        self.room(36.0);
        if kind.header_row {
            header(self, true);
        }
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
                if kind.header_row {
                    header(self, false);
                }
            }
            let row = self.element(Role::Row, Some(table));
            let mut x = MARGIN;
            for (c, ((_, width, right), cell_lines)) in columns.iter().zip(&wrapped).enumerate() {
                let role = if c == 0 && kind.row_headers { Role::Header(TableHeaderScope::Row) } else { Role::Cell };
                let cell = self.element(role, Some(row));
                for (i, line) in cell_lines.iter().enumerate() {
                    if line.is_empty() {
                        continue;
                    }
                    let tx = if *right { x + width - 4.0 - self.measure.width(line, size, *strong) } else { x + 4.0 };
                    let y = self.y + 10.0 + i as f32 * 12.0;
                    let content = Some(self.content(cell));
                    let runs = vec![(tx, line.clone())];
                    self.push(Op::Text { y, size, bold: *strong, colour: INK, runs, content });
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
    fmt_percent(v)
}

fn one(v: f64) -> String {
    // One decimal kept so columns line up, rounded as everywhere else.
    format!("{:.1}", keel_core::scoring::round_shown(v))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn fail(message: impl std::fmt::Display) -> ExportError {
    ExportError::Build { what: "PDF report", message: message.to_string() }
}

/// The report's bytes: PDF/A-2a and PDF/UA-1, or an error saying why it would not conform.
pub fn report_pdf(pack: &Pack) -> Result<Vec<u8>, ExportError> {
    let measure = Measure::new().ok_or_else(|| fail("the embedded font cannot be read"))?;
    let mut doc = Layout::new(measure);
    let report = Report::new(pack);
    for section in [
        Report::cover,
        Report::summary,
        Report::charts,
        Report::scores,
        Report::balance,
        Report::side_by_side,
        Report::actions,
        Report::not_applicable,
        Report::methods,
        Report::evidence,
    ] {
        section(&report, &mut doc)?;
    }
    render(doc, pack)
}

/// What every section of the report reads: the pack and the words for its model's parts.
struct Report<'a> {
    pack: &'a Pack,
    current: &'a Scored,
    file: &'a ExchangeFile,
    report: &'a ScoreReport,
    iso: bool,
    /// What a top-level part is called, capitalised ("Clause" for ISO 9001, else "Criterion").
    part: &'static str,
    /// Its plural, in running text.
    parts: &'static str,
}

impl<'a> Report<'a> {
    fn new(pack: &'a Pack) -> Self {
        let iso = pack.is_iso();
        // ISO 9001 is made of clauses, the EFQM models of criteria.
        let kind = pack.current.framework.kind();
        let (part, parts) = (kind.part(), kind.parts());
        Report {
            pack,
            current: &pack.current,
            file: &pack.current.file,
            report: &pack.current.report,
            iso,
            part,
            parts,
        }
    }

    /// The chart the summary leads with (and the chart section leaves out).
    fn headline(&self) -> ChartKind {
        if self.iso {
            ChartKind::Conformity
        } else {
            ChartKind::CriteriaRadar
        }
    }

    /// The cover: organisation, assessment and the facts a reader checks first.
    fn cover(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { pack, current, file, report, .. } = *self;
        doc.space(120.0);
        let kicker = doc.element(Role::Paragraph, None);
        let draft = file.assessment.status != AssessmentStatus::Final;
        let kicker_text = if draft { "Management review — draft" } else { "Management review" };
        doc.text(Some(kicker), MARGIN, kicker_text, 14.0, true, ACCENT);
        doc.space(28.0);
        doc.marks.push(Mark { level: 1, title: "Cover".into(), page: 0, y: MARGIN });
        let title = doc.element(Role::Heading(1, file.organisation.name.clone()), None);
        for line in doc.measure.wrap(&file.organisation.name, 28.0, true, WIDTH) {
            doc.text(Some(title), MARGIN, &line, 28.0, true, INK);
            doc.y += 28.0 * 1.3;
        }
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
            ("Status", crate::status_line(file)),
            ("Weighting", report.weighting().to_owned()),
            ("Report date", pack.date.clone()),
        ];
        let rows: Vec<(bool, Vec<String>)> =
            facts.iter().map(|(k, v)| (false, vec![(*k).to_owned(), v.clone()])).collect();
        doc.table(&[("Fact", 110.0, false), ("Value", WIDTH - 110.0, false)], &rows, FACTS);
        Ok(())
    }

    /// The executive summary: total, change, balance, the headline chart, strengths and areas for improvement.
    fn summary(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { pack, current, file, report, part, .. } = *self;
        doc.new_page();
        doc.heading(1, "Executive summary");
        let total = match report.percent {
            Some(p) => format!(
                "Total: {} of {} points ({} %).",
                fmt_points(report.total_points),
                fmt_points(report.max_points),
                fmt_points(p)
            ),
            None => format!(
                "Total so far: {} of {} points; {} not yet scored and count for nothing.",
                fmt_points(report.total_points),
                fmt_points(report.max_points),
                plural(report.missing.len(), "area is", "areas are")
            ),
        };
        doc.paragraph(&total, 12.0, true, INK);
        if let Some(previous) = pack.earlier.last() {
            let change = keel_core::scoring::shown_change(previous.report.total_points, report.total_points);
            doc.paragraph(
                &format!(
                    "Change since {}: {}{} points (then {}).",
                    previous.label(),
                    if change >= 0.0 { "+" } else { "−" },
                    fmt_points(change.abs()),
                    fmt_points(previous.report.total_points)
                ),
                11.0,
                false,
                INK,
            );
        }
        if let Some(index) = report.balance_index {
            let text = if report.complete {
                format!("Stakeholder balance index: {} (100 means every group fares alike).", fmt_points(index))
            } else {
                // As the window says it: a figure on part of the parts is provisional.
                let assessable: Vec<_> = report
                    .nodes
                    .iter()
                    .filter(|n| current.framework.node(&n.id).is_some_and(|node| node.is_assessable()))
                    .collect();
                let judged = assessable.iter().filter(|n| n.status == Status::Scored).count();
                let applicable = assessable.iter().filter(|n| n.status != Status::NotApplicable).count();
                format!(
                    "Stakeholder balance index: {} (100 means every group fares alike), provisional: it rests on the \
                     {judged} of {applicable} parts scored so far and will move as the rest are scored.",
                    fmt_points(index)
                )
            };
            doc.paragraph(&text, 11.0, false, INK);
        }
        doc.space(8.0);
        let headline = self.headline();
        doc.chart(&pack.chart(headline, None)?, 2)?;
        let mut roots: Vec<_> = report.nodes.iter().filter(|n| n.depth == 0 && n.percent.is_some()).collect();
        roots.sort_by(|a, b| b.percent.partial_cmp(&a.percent).unwrap_or(std::cmp::Ordering::Equal));
        let notes = |kind: NoteKind| -> Vec<String> {
            // Named as the tables name the area, not by its number alone.
            let area = |id: &str| {
                report.nodes.iter().find(|r| r.id == id).map_or(id.to_owned(), |r| format!("{} {}", r.number, r.title))
            };
            file.notes
                .iter()
                .filter(|n| n.kind == kind)
                .take(5)
                .map(|n| format!("{}: {}", area(&n.node), n.text))
                .collect()
        };
        doc.space(6.0);
        doc.heading(2, "Top strengths");
        let list = doc.list();
        for n in roots.iter().take(2) {
            doc.bullet(list, &format!("{part} {} {} scores {}.", n.number, n.title, percent(n.percent)));
        }
        for text in notes(NoteKind::Strength) {
            doc.bullet(list, &text);
        }
        doc.space(6.0);
        doc.heading(2, "Top areas for improvement");
        let list = doc.list();
        for n in roots.iter().rev().take(2) {
            doc.bullet(list, &format!("{part} {} {} scores {}.", n.number, n.title, percent(n.percent)));
        }
        for text in notes(NoteKind::Improvement) {
            doc.bullet(list, &text);
        }
        Ok(())
    }

    /// Every other chart that says something about this pack, once.
    fn charts(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { pack, .. } = *self;
        let headline = self.headline();
        let kinds: Vec<ChartKind> =
            pack.chart_kinds().into_iter().filter(|k| *k != headline && *k != ChartKind::KpiTrend).collect();
        if !kinds.is_empty() {
            let charts: Vec<Chart> = kinds.iter().map(|k| pack.chart(*k, None)).collect::<Result<_, _>>()?;
            let first = keel_charts::print::parts(&charts[0], WIDTH, BOTTOM - MARGIN - 40.0);
            let keep = first.first().map(|(_, h)| *h + 40.0).unwrap_or(KEEP_WITH_NEXT);
            doc.heading_keeping(1, "Results in charts", keep);
            // Like figures in a book: a chart that fits the rest of the page goes before one that
            // would leave it empty.
            let mut pending: Vec<&Chart> = charts.iter().collect();
            while !pending.is_empty() {
                let free = BOTTOM - doc.y - 40.0;
                let fits = |c: &&Chart| {
                    keel_charts::print::parts(c, WIDTH, BOTTOM - MARGIN - 40.0).first().is_some_and(|(_, h)| *h <= free)
                };
                let next = pending.iter().position(fits).unwrap_or(0);
                doc.chart(pending.remove(next), 2)?;
            }
        }
        Ok(())
    }

    /// Scores per criterion (clause) and their parts.
    fn scores(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { report, iso, part, .. } = *self;
        doc.heading(1, &format!("Scores per {}", part.to_lowercase()));
        let columns = [
            ("No.", 40.0, false),
            (if iso { "Clause" } else { "Criterion or part" }, WIDTH - 220.0, false),
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
                    Status::NotApplicable => "n/a".to_owned(),
                    _ => percent(n.percent),
                };
                (n.depth == 0, vec![n.number.clone(), n.title.clone(), status, one(n.points), one(n.max_points)])
            })
            .collect();
        doc.table(&columns, &rows, DATA);
        Ok(())
    }

    /// How each stakeholder group fares, and what the shares mean.
    fn balance(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { report, .. } = *self;
        doc.heading(1, "Stakeholder balance");
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
                        fmt_percent(Some(g.weight_share)),
                    ],
                )
            })
            .collect();
        doc.table(&columns, &rows, DATA);
        let shares: f64 = report.stakeholders.iter().map(|g| g.weight_share).sum();
        if shares > 100.5 {
            doc.paragraph(
                &format!(
                    "Share of weight is the share of all points that serve the group. An area usually serves several \
                     groups and then counts for each of them, so the shares add up to {shares:.1} % rather than 100 %."
                ),
                10.0,
                false,
                INK,
            );
        }
        if !report.unassessed_groups.is_empty() {
            let groups: Vec<&str> = report.unassessed_groups.iter().map(|g| g.label()).collect();
            doc.paragraph(&format!("No area serves these groups: {}.", groups.join(", ")), 10.0, false, INK);
        }
        Ok(())
    }

    /// EFQM and ISO 9001 side by side, when the organisation has both for this period.
    fn side_by_side(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { pack, .. } = *self;
        if let (Some(side), Some(other)) = (pack.side_by_side(), pack.counterpart.as_ref()) {
            doc.heading(1, "EFQM and ISO 9001 side by side");
            doc.paragraph(
                "ISO 9001 clause conformity carried onto the EFQM criteria through Keel's crosswalk; coverage is how much \
                 of each criterion the ISO assessment gives any evidence for.",
                10.0,
                false,
                INK,
            );
            // Say which other assessment this is, and whether its scores can still change.
            let assessment = &other.file.assessment;
            doc.paragraph(
                &format!(
                    "Compared with: {} ({}, {}, {}).",
                    assessment.title,
                    other.framework.title(),
                    assessment.period,
                    crate::status_line(&other.file)
                ),
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
            // A criterion thinly covered by ISO 9001 is starred and named, as in the window.
            let threshold = keel_core::crosswalk::UNCOVERED_GROUP_THRESHOLD;
            let thin = |coverage: f64| coverage * 100.0 < threshold;
            let rows: Vec<(bool, Vec<String>)> = side
                .criteria
                .iter()
                .map(|r| {
                    let coverage = fmt_whole_percent(r.coverage * 100.0);
                    let number = if thin(r.coverage) { format!("{}*", r.number) } else { r.number.clone() };
                    (false, vec![number, r.title.clone(), percent(r.efqm), percent(r.iso), coverage])
                })
                .collect();
            doc.table(&columns, &rows, DATA);
            let thin_criteria: Vec<String> = side
                .criteria
                .iter()
                .filter(|r| thin(r.coverage))
                .map(|r| format!("{} {}", r.number, r.title))
                .collect();
            if !thin_criteria.is_empty() {
                doc.paragraph(
                    &format!(
                        "* Thinly covered by ISO 9001: {}. ISO coverage is under {} %, so the ISO 9001 figure of {} \
                         rests on a few clauses.",
                        thin_criteria.join(", "),
                        fmt_number(threshold),
                        if thin_criteria.len() == 1 { "this criterion" } else { "these criteria" }
                    ),
                    10.0,
                    false,
                    INK,
                );
            }
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
                    let coverage = fmt_whole_percent(g.iso_coverage);
                    (false, vec![g.group.label().to_owned(), percent(g.efqm), percent(g.iso), coverage])
                })
                .collect();
            doc.table(&columns, &rows, DATA);
            if !side.unassessed_by_iso.is_empty() {
                let groups: Vec<&str> = side.unassessed_by_iso.iter().map(|g| g.label()).collect();
                doc.paragraph(
                    &format!(
                        "ISO coverage below {} % for {}: the ISO 9001 assessment gives evidence for less than {} % of \
                         the EFQM points that serve these groups, so their ISO 9001 scores above rest on that part only.",
                        fmt_number(keel_core::crosswalk::UNCOVERED_GROUP_THRESHOLD),
                        groups.join(", "),
                        fmt_number(keel_core::crosswalk::UNCOVERED_GROUP_THRESHOLD),
                    ),
                    10.0,
                    true,
                    INK,
                );
            }
        }
        Ok(())
    }

    /// Open improvement actions.
    fn actions(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { pack, file, .. } = *self;
        doc.heading(1, "Open improvement actions");
        // Overdue on the report's date: said in the status and counted above the table.
        let today = pack.date.parse::<chrono::NaiveDate>().ok();
        let overdue = |a: &keel_core::exchange::ActionDoc| today.is_some_and(|on| a.is_overdue(on));
        let open_actions: Vec<_> =
            file.actions.iter().filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress)).collect();
        let late = open_actions.iter().filter(|a| overdue(a)).count();
        if late > 0 {
            doc.paragraph(
                &format!(
                    "{} overdue on {}: past its due date and not done.",
                    plural(late, "action is", "actions are"),
                    pack.date
                ),
                10.0,
                true,
                INK,
            );
        }
        let open: Vec<(bool, Vec<String>)> = open_actions
            .iter()
            .map(|a| {
                let status =
                    if overdue(a) { format!("{}, overdue", a.status.label()) } else { a.status.label().to_owned() };
                (
                    overdue(a),
                    vec![
                        a.title.clone(),
                        a.owner.clone(),
                        a.due.map(|d| d.to_string()).unwrap_or_default(),
                        status,
                        a.node.clone().unwrap_or_default(),
                    ],
                )
            })
            .collect();
        if open.is_empty() {
            doc.paragraph("No open actions.", 10.0, false, MUTED);
        } else {
            let columns = [
                ("Action", WIDTH - 294.0, false),
                ("Owner", 92.0, false),
                ("Due", 72.0, false),
                ("Status", 74.0, false),
                ("Area", 56.0, false),
            ];
            doc.table(&columns, &open, DATA);
        }
        // What was done: the review follows up the actions of earlier reviews.
        let done: Vec<(bool, Vec<String>)> = file
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .map(|a| {
                let on = a.completed_on.map(|d| d.to_string()).unwrap_or_default();
                (false, vec![a.title.clone(), a.owner.clone(), on, a.node.clone().unwrap_or_default()])
            })
            .collect();
        if !done.is_empty() {
            doc.heading(2, "Actions completed");
            let columns = [
                ("Action", WIDTH - 220.0, false),
                ("Owner", 92.0, false),
                ("Done on", 72.0, false),
                ("Area", 56.0, false),
            ];
            doc.table(&columns, &done, DATA);
        }
        Ok(())
    }

    /// Not-applicable decisions, with their reasons.
    fn not_applicable(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { report, parts, .. } = *self;
        doc.heading(1, "Not-applicable decisions");
        let excluded: Vec<(bool, Vec<String>)> = report
            .nodes
            .iter()
            .filter(|n| n.status == Status::NotApplicable && n.not_applicable_reason.is_some())
            .map(|n| {
                (false, vec![n.number.clone(), n.title.clone(), n.not_applicable_reason.clone().unwrap_or_default()])
            })
            .collect();
        if excluded.is_empty() {
            doc.paragraph(
                &format!("Every area was assessed: none of the {parts} or their parts was marked not applicable."),
                10.0,
                false,
                INK,
            );
        } else {
            doc.paragraph(
                "These areas were marked not applicable; their points are shared among the others. Each decision and its \
                 reason should be confirmed by the review.",
                10.0,
                false,
                INK,
            );
            let columns = [("No.", 44.0, false), ("Area", 180.0, false), ("Reason", WIDTH - 224.0, false)];
            doc.table(&columns, &excluded, DATA);
        }
        Ok(())
    }

    /// Methods: how the total was computed.
    fn methods(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { current, report, .. } = *self;
        doc.heading(1, "Methods: how the total was computed");
        doc.paragraph(
            &format!(
                "Framework: {} (edition {}, data version {}), weighting profile \"{}\". Only agreed scores count; an unscored area adds nothing and is listed as missing; areas marked not applicable drop out and the remaining weights are scaled up to the full total.",
                current.framework.title(),
                current.framework.edition(),
                current.framework.version(),
                report.weighting()
            ),
            10.0,
            false,
            INK,
        );
        // Where the weighting departs from the model's own points, say so criterion by criterion:
        // a reader comparing with published figures must not be misled.
        let own = current.framework.default_weights();
        let moved: Vec<String> = current
            .framework
            .roots()
            .filter_map(|i| {
                let node = &report.nodes[i];
                let model = own.points.get(i).copied()?;
                ((node.max_points - model).abs() > 1e-6).then(|| {
                    format!(
                        "{} {}: {} (model {})",
                        node.number,
                        node.title,
                        fmt_points(node.max_points),
                        fmt_points(model)
                    )
                })
            })
            .collect();
        if !moved.is_empty() {
            doc.space(4.0);
            doc.paragraph(
                &format!(
                    "The weighting \"{}\" departs from the model's own points: {}. Totals are therefore not directly \
                     comparable with figures published under the model's own weighting.",
                    report.weighting(),
                    moved.join("; ")
                ),
                10.0,
                true,
                INK,
            );
        }
        doc.space(6.0);
        for line in &report.explanation {
            doc.paragraph(line, 9.0, false, INK);
        }
        doc.space(6.0);
        doc.paragraph(&format!("Source of the structure: {}", current.framework.source()), 9.0, false, MUTED);
        Ok(())
    }

    /// Evidence appendix: per criterion (clause), what the score rests on.
    fn evidence(&self, doc: &mut Layout) -> Result<(), ExportError> {
        let Report { file, report, part, .. } = *self;
        doc.heading(1, &format!("Appendix: evidence per {}", part.to_lowercase()));
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for (i, n) in report.nodes.iter().enumerate() {
            if n.depth == 0 {
                groups.push((i, i + 1));
            } else if let Some(last) = groups.last_mut() {
                last.1 = i + 1;
            }
        }
        for (start, end) in groups {
            let root = &report.nodes[start];
            let root_heading = format!("{} {} — {}", root.number, root.title, percent(root.percent));
            doc.heading(2, root_heading.trim());
            let mut any = false;
            for node in &report.nodes[start..end] {
                let said: Vec<_> = file.notes.iter().filter(|n| n.node == node.id).collect();
                let rationale = file.consensus.get(&node.id).map(|c| c.rationale.trim()).filter(|r| !r.is_empty());
                if said.is_empty() && rationale.is_none() {
                    continue;
                }
                any = true;
                // A criterion scored as a whole already has its heading above.
                if node.id != root.id {
                    doc.heading_keeping(
                        3,
                        &format!("{} {} — {}", node.number, node.title, percent(node.percent)),
                        28.0,
                    );
                }
                let list = doc.list();
                if let Some(rationale) = rationale {
                    doc.bullet(list, &format!("Why the agreed score is what it is: {rationale}"));
                }
                for note in said {
                    let kind = match note.kind {
                        NoteKind::Evidence => "Evidence",
                        NoteKind::Strength => "Strength",
                        NoteKind::Improvement => "Area for improvement",
                    };
                    let by = note
                        .assessor
                        .as_deref()
                        .map(|key| file.assessors.iter().find(|a| a.key == key).map_or(key, |a| a.name.as_str()))
                        .map(|name| format!(" ({name})"))
                        .unwrap_or_default();
                    doc.bullet(list, &format!("{kind}: {}{by}", note.text));
                }
            }
            if !any {
                doc.paragraph("No evidence, strengths or areas for improvement recorded.", 10.0, false, MUTED);
            }
        }
        Ok(())
    }
}

fn fill(colour: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The report's date as PDF metadata (PDF/A needs one); today's export date as written.
fn date(text: &str) -> Option<DateTime> {
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some(DateTime::new(u16::try_from(day.year()).ok()?).month(day.month() as u8).day(day.day() as u8))
}

fn tag_group(doc: &Layout, element: usize, ids: &mut [Option<Identifier>]) -> TagGroup {
    let e = &doc.elements[element];
    let kind: TagKind = match &e.role {
        Role::Heading(level, title) => {
            Tag::Hn(NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN), Some(title.clone())).into()
        }
        Role::Paragraph => Tag::P.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Table => Tag::Table.into(),
        Role::Row => Tag::TR.into(),
        Role::Header(scope) => Tag::TH(*scope).into(),
        Role::Cell => Tag::TD.into(),
        Role::List => Tag::L(ListNumbering::Disc).into(),
        Role::Item => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::Body => Tag::LBody.into(),
    };
    let mut group = TagGroup::new(kind);
    for child in &e.children {
        match child {
            Child::Element(c) => group.push(Node::Group(tag_group(doc, *c, ids))),
            Child::Content(c) => {
                if let Some(id) = ids.get_mut(*c).and_then(Option::take) {
                    group.push(Node::Leaf(id));
                }
            }
        }
    }
    group
}

fn outline(marks: &[Mark]) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for mark in marks.iter().filter(|m| m.level <= 2) {
        let node = OutlineNode::new(mark.title.clone(), XyzDestination::new(mark.page, Point::from_xy(0.0, mark.y)));
        if mark.level == 1 {
            if let Some(done) = section.replace(node) {
                outline.push_child(done);
            }
        } else if let Some(open) = section.as_mut() {
            open.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

fn render(doc: Layout, pack: &Pack) -> Result<Vec<u8>, ExportError> {
    let [regular, bold] = keel_charts::fonts();
    let regular =
        Font::new(Arc::new(regular.to_vec()).into(), 0).ok_or_else(|| fail("cannot load the regular font"))?;
    let bold = Font::new(Arc::new(bold.to_vec()).into(), 0).ok_or_else(|| fail("cannot load the bold font"))?;
    let options = keel_charts::svg_options();
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| fail(format!("{e:?}")))?;
    let settings = SerializeSettings { configuration, enable_tagging: true, ..Default::default() };
    let mut document = Document::new_with(settings);
    let file = &pack.current.file;
    let mut metadata = Metadata::new()
        .title(format!("Management review — {} — {}", file.organisation.name, file.assessment.title))
        .description(format!(
            "Self-assessment against {}, period {}",
            pack.current.framework.title(),
            file.assessment.period
        ))
        .creator("Keel".into())
        .language("en-GB".into());
    if let Some(day) = date(&pack.date) {
        metadata = metadata.creation_date(day);
    }
    document.set_metadata(metadata);
    let count = doc.pages.len();
    let footer_left = match file.assessment.status {
        AssessmentStatus::Final => format!("{} · {}", file.organisation.name, file.assessment.title),
        _ => format!("{} · {} · DRAFT, not final", file.organisation.name, file.assessment.title),
    };
    let page_settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or_else(|| fail("bad page size"))?;
    let mut ids: Vec<Option<Identifier>> = (0..doc.contents).map(|_| None).collect();
    let artifact = |kind| ContentTag::Artifact(Artifact::with_kind(kind));
    for (number, ops) in doc.pages.iter().enumerate() {
        let mut page = document.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        let text = |surface: &mut krilla::surface::Surface<'_>,
                    size: f32,
                    is_bold: bool,
                    colour,
                    runs: &[(f32, String)],
                    y| {
            surface.set_fill(Some(fill(colour)));
            let font = if is_bold { bold.clone() } else { regular.clone() };
            for (x, t) in runs {
                surface.draw_text(Point::from_xy(*x, y), font.clone(), size, t, false, TextDirection::Auto);
            }
        };
        for op in ops {
            match op {
                Op::Text { y, size, bold: b, colour, runs, content } => {
                    let id = surface.start_tagged(match content {
                        Some(_) => ContentTag::Other,
                        None => artifact(ArtifactType::PaginationOther),
                    });
                    text(&mut surface, *size, *b, *colour, runs, *y);
                    surface.end_tagged();
                    if let Some(slot) = content.and_then(|c| ids.get_mut(c)) {
                        *slot = Some(id);
                    }
                }
                Op::Rect { x, y, w, h, colour } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.start_tagged(artifact(ArtifactType::Layout));
                        surface.set_fill(Some(fill(*colour)));
                        surface.draw_path(&path);
                        surface.end_tagged();
                    }
                }
                Op::Svg { x, y, w, h, svg, content } => {
                    let tree = usvg::Tree::from_str(svg, &options).map_err(fail)?;
                    let id = surface.start_tagged(ContentTag::Other);
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    let size = Size::from_wh(*w, *h).ok_or_else(|| fail("bad chart size"))?;
                    let drawn = surface.draw_svg(&tree, size, SvgSettings::default());
                    surface.pop();
                    surface.end_tagged();
                    drawn.ok_or_else(|| fail("cannot draw a chart"))?;
                    if let Some(slot) = ids.get_mut(*content) {
                        *slot = Some(id);
                    }
                }
            }
        }
        let measure = &doc.measure;
        let label = format!("Page {} of {count}", number + 1);
        let y = PAGE.1 - MARGIN + 10.0;
        let left = measure.wrap(&footer_left, 8.0, false, WIDTH - 80.0).into_iter().next().unwrap_or_default();
        surface.start_tagged(artifact(ArtifactType::Footer));
        text(&mut surface, 8.0, false, MUTED, &[(MARGIN, left)], y);
        text(&mut surface, 8.0, false, MUTED, &[(PAGE.0 - MARGIN - measure.width(&label, 8.0, false), label)], y);
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    for root in &doc.roots {
        tree.push(Node::Group(tag_group(&doc, *root, &mut ids)));
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(&doc.marks));
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(problems) => ExportError::NotConforming {
            problems: problems.iter().map(|(p, _)| format!("{p:?}")).collect::<Vec<_>>().join("; "),
        },
        other => fail(format!("{other:?}")),
    })
}
