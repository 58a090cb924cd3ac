//! The management-review pack and what is made from it: an assessment scored with its earlier
//! years and its counterpart against the other model, charts, the comparison, the side-by-side
//! view and the exported files.

use std::path::Path;

use keel_charts::{ChartKind, Theme};
use keel_core::comparison::{CompareError, Comparison};
use keel_export::{ChartFormat, Pack, Scored};
use keel_store::{PackMembers, Store};

use crate::views::{AssessmentItem, ChartView, CompareView, ExportDone, ExportKind, SideBySideView};
use crate::Error;

/// One assessment with its framework and agreed result.
pub fn scored(store: &Store, id: i64) -> Result<Scored, Error> {
    let (file, framework) = store.export_with_framework(id)?;
    Ok(Scored::new(file, framework)?)
}

/// Assessment `id` with the earlier ones to compare with (`compare`, else the organisation's
/// earlier ones against the same model) and its counterpart (see [`Store::pack_members`]).
pub fn pack(store: &Store, id: i64, compare: &[i64]) -> Result<Pack, Error> {
    pack_of(store, store.pack_members(id, compare)?)
}

fn pack_of(store: &Store, members: PackMembers) -> Result<Pack, Error> {
    Ok(Pack {
        current: scored(store, members.current)?,
        earlier: members.earlier.into_iter().map(|other| scored(store, other)).collect::<Result<_, _>>()?,
        counterpart: members.counterpart.map(|other| scored(store, other)).transpose()?,
        date: chrono::Local::now().date_naive().to_string(),
    })
}

/// The charts that say something about this assessment, as the SVGs the window shows, in
/// `theme` (the dark one keeps every series' colour).
pub fn charts(pack: &Pack, theme: Theme) -> Result<Vec<ChartView>, Error> {
    chart_views(pack, &pack.chart_kinds(), theme)
}

/// Draws `kinds` of `pack` for the window, in that order, on every core: each chart takes tens
/// of milliseconds to lay out and draw with twenty years, and Results draws six or more.
fn chart_views(pack: &Pack, kinds: &[ChartKind], theme: Theme) -> Result<Vec<ChartView>, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(kinds.len());
    if threads <= 1 {
        return kinds.iter().map(|&kind| chart_view(pack, kind, theme)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut drawn: Vec<(usize, Result<ChartView, Error>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&kind) = kinds.get(at) else { return mine };
                        mine.push((at, chart_view(pack, kind, theme)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    drawn.sort_by_key(|(at, _)| *at);
    drawn.into_iter().map(|(_, view)| view).collect()
}

fn chart_view(pack: &Pack, kind: ChartKind, theme: Theme) -> Result<ChartView, Error> {
    let chart = pack.chart(kind, None)?;
    let svg = keel_charts::render_svg_for_window(&chart, theme).map_err(keel_export::ExportError::from)?;
    let (width, height) = keel_charts::window_size(kind);
    Ok(ChartView { kind, title: chart.title().to_owned(), svg, width, height })
}

/// The comparison of a pack's assessments, each failure with its own cause.
pub fn comparison(pack: &Pack) -> Result<Comparison, Error> {
    pack.comparison().map_err(|e| match e {
        CompareError::TooFew(_) => Error::NothingToCompare(e.to_string()),
        CompareError::VersionMap { .. } | CompareError::NotComparable { .. } => Error::NotComparable(e.to_string()),
    })
}

/// Comparing assessment `id` with `others` (else the organisation's earlier assessments
/// against the same model), the part that reads the database: the pack and the assessments
/// compared (oldest first). The rest ([`compare_view`]: the comparison and trend charts) needs
/// no database, so a shell can let go of it meanwhile.
pub fn compared(store: &Store, id: i64, others: &[i64]) -> Result<(Pack, Vec<AssessmentItem>), Error> {
    let members = store.pack_members(id, others)?;
    let assessments = members
        .earlier
        .iter()
        .chain([&id])
        .map(|&i| Ok(store.assessment(i)?.into()))
        .collect::<Result<Vec<AssessmentItem>, Error>>()?;
    Ok((pack_of(store, members)?, assessments))
}

/// The comparison and trend charts of what [`compared`] read (no database needed).
pub fn compare_view((pack, assessments): (Pack, Vec<AssessmentItem>), theme: Theme) -> Result<CompareView, Error> {
    let comparison = comparison(&pack)?;
    let charts = chart_views(&pack, &[ChartKind::Trend, ChartKind::YearOnYear, ChartKind::StakeholderBalance], theme)?;
    Ok(CompareView { comparison, assessments, charts })
}

/// Compares assessments given in any order: all of one organisation; the newest period is
/// compared against the rest. Returns the pack (the newest as its current) and the comparison.
pub fn compare_ids(store: &Store, ids: &[i64]) -> Result<(Pack, Comparison), Error> {
    if ids.len() < 2 {
        return Err(Error::NothingToCompare("give at least two assessment ids".into()));
    }
    let mut summaries = ids.iter().map(|&id| store.assessment(id)).collect::<Result<Vec<_>, _>>()?;
    if let Some(other) = summaries.iter().find(|s| s.organisation_id != summaries[0].organisation_id) {
        return Err(Error::NotComparable(format!(
            "assessment {} is of {:?}, assessment {} of {:?}; compare assessments of one organisation",
            summaries[0].id, summaries[0].organisation, other.id, other.organisation
        )));
    }
    summaries.sort_by_key(|s| (s.period, s.id));
    let frameworks: Vec<&str> = summaries.iter().map(|s| s.framework.as_str()).collect();
    if let Some((odd, reference)) = keel_core::comparison::odd_one_out(&frameworks) {
        let (odd, reference) = (&summaries[odd], &summaries[reference]);
        return Err(Error::NotComparable(format!(
            "assessment {} ({:?}, {}) is against {}, which no version map connects with {} (assessment {}); \
             compare assessments of one model, or look at different models side by side in the window",
            odd.id, odd.title, odd.period, odd.framework, reference.framework, reference.id
        )));
    }
    let latest = summaries.last().map(|s| s.id).unwrap_or_default();
    let others: Vec<i64> = summaries.iter().map(|s| s.id).filter(|&id| id != latest).collect();
    let pack = pack(store, latest, &others)?;
    let comparison = comparison(&pack)?;
    Ok((pack, comparison))
}

/// The assessment next to the same period's assessment against the other model (EFQM 2020 and
/// ISO 9001) through the crosswalk; `None` when there is none.
pub fn side_by_side(store: &Store, id: i64) -> Result<Option<SideBySideView>, Error> {
    // Only the two assessments: no history is needed here.
    let Some(other) = store.pack_members(id, &[])?.counterpart else { return Ok(None) };
    let pack = pack_of(store, PackMembers { current: id, earlier: Vec::new(), counterpart: Some(other) })?;
    let Some(side) = pack.side_by_side() else { return Ok(None) };
    let (this, that): (AssessmentItem, AssessmentItem) =
        (store.assessment(id)?.into(), store.assessment(other)?.into());
    let (efqm, iso) = if pack.is_iso() { (that, this) } else { (this, that) };
    Ok(Some(SideBySideView { efqm, iso, side }))
}

/// How a save dialog names an export: organisation, framework, period and what it is, safe
/// on every system.
pub fn file_name(pack: &Pack, what: &str, extension: &str) -> String {
    let file = &pack.current.file;
    let period = file.assessment.period.to_string();
    keel_core::slug::file_name(&[&file.organisation.name, pack.current.framework.id(), &period, what], extension)
}

impl ExportKind {
    /// What the file is called in messages and suggested names, its extension, and the save
    /// dialog's filter name.
    pub fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ExportKind::Report => ("management review", "pdf", "PDF document"),
            ExportKind::Workbook => ("workbook", "xlsx", "Excel workbook"),
            ExportKind::ScoresCsv => ("scores", "csv", "CSV file"),
            ExportKind::Exchange => ("assessment", "keel.json", "Keel assessment file"),
        }
    }

    /// What making it is doing, for a progress bar.
    pub fn stage(self) -> &'static str {
        match self {
            ExportKind::Report => "Drawing the charts and laying out the pages",
            ExportKind::Workbook => "Filling the sheets and charts",
            ExportKind::ScoresCsv | ExportKind::Exchange => "Collecting the scores",
        }
    }
}

/// The bytes of an export of `pack`.
pub fn export_bytes(pack: &Pack, kind: ExportKind) -> Result<Vec<u8>, Error> {
    Ok(match kind {
        ExportKind::Report => keel_export::report_pdf(pack)?,
        ExportKind::Workbook => keel_export::workbook_xlsx(pack)?,
        ExportKind::ScoresCsv => keel_export::node_scores_csv(pack)?,
        ExportKind::Exchange => (serde_json::to_string_pretty(&pack.current.file)? + "\n").into_bytes(),
    })
}

/// The node scores of `pack` as CSV in `convention`.
pub fn scores_csv(pack: &Pack, convention: keel_export::CsvConvention) -> Result<Vec<u8>, Error> {
    Ok(keel_export::node_scores_csv_with(pack, convention)?)
}

/// The bytes of one chart of `pack` (`kpi`: the KPI of a KPI trend chart; default the first).
pub fn chart_bytes(pack: &Pack, kind: ChartKind, kpi: Option<&str>, format: ChartFormat) -> Result<Vec<u8>, Error> {
    Ok(keel_export::chart_file(&pack.chart(kind, kpi)?, format)?)
}

/// Writes an export atomically: a failed write leaves the old file and no partial one.
pub fn write(path: &Path, bytes: &[u8]) -> Result<ExportDone, Error> {
    keel_export::write_atomically(path, bytes)?;
    Ok(ExportDone { path: path.display().to_string(), bytes: bytes.len() as u64 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drawn on several threads, the charts are those drawn one by one, in the same order, for
    /// Results and Compare alike.
    #[test]
    fn charts_drawn_in_parallel_are_the_serial_ones_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
        store.install_demo("test").expect("demo");
        let newest = store
            .assessments(None)
            .expect("list")
            .into_iter()
            .filter(|a| a.framework == "efqm-2020")
            .max_by_key(|a| a.period)
            .expect("an EFQM assessment");
        let pack = pack(&store, newest.id, &[]).expect("pack");
        let kinds = pack.chart_kinds();
        assert!(kinds.len() >= 6, "{kinds:?}");
        let serial: Vec<ChartView> =
            kinds.iter().map(|&k| chart_view(&pack, k, Theme::Light).expect("chart")).collect();
        let drawn = charts(&pack, Theme::Light).expect("charts");
        assert_eq!(drawn.iter().map(|c| c.kind).collect::<Vec<_>>(), kinds);
        // The window reserves each image's place from its size: the size the SVG says it is.
        for chart in &drawn {
            let declared = format!("width=\"{}\" height=\"{}\"", chart.width, chart.height);
            assert!(chart.svg[..200.min(chart.svg.len())].contains(&declared), "{:?}: {declared}", chart.kind);
        }
        assert!(drawn.iter().any(|c| c.height > c.width * 3 / 4), "the coverage chart is taller");
        assert!(drawn.iter().zip(&serial).all(|(a, b)| a.svg == b.svg && a.title == b.title));
        let compared = compare_view(compared(&store, newest.id, &[]).expect("read"), Theme::Light).expect("compare");
        let kinds: Vec<ChartKind> = compared.charts.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChartKind::Trend, ChartKind::YearOnYear, ChartKind::StakeholderBalance]);
    }
}
