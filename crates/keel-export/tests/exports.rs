//! Every export of the demo organisation's 2025 EFQM assessment (compared with 2023 and 2024)
//! read back with real parsers: the PDF with lopdf, the workbook with calamine, the CSV with csv.
//! Files land in `target/exports/` for a look.

use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use keel_charts::ChartKind;
use keel_core::demo;
use keel_core::scoring::fmt_points;
use keel_export::{chart_file, node_scores_csv, report_pdf, workbook_xlsx, write_atomically, ChartFormat, Pack};

mod support;
use support::{efqm_pack, iso_pack, scored};

fn out(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/exports");
    std::fs::create_dir_all(&dir).expect("dir");
    dir.join(name)
}

fn pdf_text(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text extracts");
    (pages.len(), text)
}

#[test]
fn the_pdf_report_has_real_text_with_the_organisation_the_total_and_page_numbers() {
    let pack = efqm_pack(true);
    let bytes = report_pdf(&pack).expect("pdf");
    write_atomically(&out("report.pdf"), &bytes).expect("write");
    let (pages, text) = pdf_text(&bytes);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pages >= 6, "cover, summary, charts, tables, appendix: {pages} pages");
    assert!(flat.contains(demo::ORGANISATION), "organisation name in the text");
    let total = fmt_points(pack.current.report.total_points);
    assert!(flat.contains(&format!("Total: {total} of 1000 points")), "total {total} in the text");
    assert!(flat.contains(&format!("Page {pages} of {pages}")), "pages are numbered");
    assert!(flat.contains("Change since 2024"), "change since the previous assessment");
    assert!(flat.contains("EFQM and ISO 9001 side by side"), "the side-by-side section");
    assert!(flat.contains("ISO coverage below 50 %"), "and its gaps, with the threshold");
    let other = pack.counterpart.as_ref().expect("the ISO assessment").file.assessment.title.clone();
    assert!(flat.contains(&format!("Compared with: {other}")), "says which ISO assessment it is");
    // Criteria thinly covered by ISO 9001 are named, as in the window.
    assert!(flat.contains("* Thinly covered by ISO 9001:"), "thin criteria named");
    assert!(flat.contains("Purpose, Vision & Strategy"), "criterion names as text");
    // Not final: said on the cover, in the facts and on every page's footer.
    assert_ne!(pack.current.file.assessment.status, keel_core::exchange::AssessmentStatus::Final);
    assert!(flat.contains("Management review — draft"), "the cover says draft");
    assert!(flat.contains("not final, scores can still change"), "the status says so");
    assert_eq!(flat.matches("DRAFT, not final").count(), pages, "every page's footer says draft");
    // The board sees what is late and what was done: the demo's 3.1 action was due 2026-03-31.
    assert!(flat.contains("1 action is overdue on 2026-11-24"), "overdue counted");
    assert!(flat.contains("Open, overdue"), "and marked in the table");
    assert!(flat.contains("Actions completed"), "done actions listed");
    // The commercial profile moves points from criteria 6 and 7: said, with the model's own.
    assert!(flat.contains("departs from the model's own points"), "profile departure said");
    assert!(flat.contains("(model 200)"), "with the model's points");
    assert!(flat.contains("Why the agreed score is what it is:"), "the rationale is labelled as such");
    // Strengths and areas for improvement name their area, not its number alone.
    assert!(flat.contains("1.1 Define purpose & vision: Purpose statement"), "strength named by its area");
    assert!(
        flat.contains("Joint improvement projects") || flat.contains("Customer complaint root-cause"),
        "open actions listed"
    );
}

#[test]
fn the_iso_report_shows_conformity_and_what_iso_leaves_uncovered() {
    let pack = iso_pack();
    let bytes = report_pdf(&pack).expect("pdf");
    write_atomically(&out("report-iso.pdf"), &bytes).expect("write");
    let (_, text) = pdf_text(&bytes);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let total = fmt_points(pack.current.report.total_points);
    assert!(flat.contains(&format!("Total: {total} of 100 points")), "ISO total {total} in the text");
    assert!(flat.contains("ISO 9001:2015"), "framework named");
}

fn cell_number(data: &Data) -> Option<f64> {
    match data {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_workbook_reads_back_with_the_same_numbers_and_native_charts() {
    let pack = efqm_pack(true);
    let bytes = workbook_xlsx(&pack).expect("xlsx");
    write_atomically(&out("workbook.xlsx"), &bytes).expect("write");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("opens");
    assert_eq!(book.sheet_names(), ["Summary", "Scores", "Evidence", "Actions", "KPIs", "Trend"]);
    let summary = book.worksheet_range("Summary").expect("summary");
    let total = summary.get_value((8, 1)).and_then(cell_number).expect("total is a number");
    assert!((total - pack.current.report.total_points).abs() < 1e-9);
    let scores = book.worksheet_range("Scores").expect("scores");
    for (i, node) in pack.current.report.nodes.iter().enumerate() {
        let row = 1 + i as u32;
        let id = scores.get_value((row, 0)).map(|d| d.to_string()).unwrap_or_default();
        assert_eq!(id, node.id);
        let agreed = scores.get_value((row, 5)).and_then(cell_number);
        assert_eq!(agreed.is_some(), node.percent.is_some(), "{}: a number exactly when scored", node.id);
        if let (Some(a), Some(p)) = (agreed, node.percent) {
            assert!((a - p).abs() < 1e-9, "{}: {a} = {p}", node.id);
        }
    }
    let kpis = book.worksheet_range("KPIs").expect("kpis");
    assert!(matches!(kpis.get_value((1, 7)), Some(Data::Float(_))), "KPI values are numbers");
    let actions = book.worksheet_range("Actions").expect("actions");
    assert!(matches!(actions.get_value((1, 2)), Some(Data::DateTime(_))), "due dates are dates");
    // Native charts: the package holds chart parts (names are stored uncompressed in a zip).
    let names = String::from_utf8_lossy(&bytes);
    assert!(names.contains("xl/charts/chart1.xml") && names.contains("xl/charts/chart3.xml"), "chart parts");
}

#[test]
fn the_csv_has_one_row_per_node_with_numbers() {
    let pack = efqm_pack(true);
    let bytes = node_scores_csv(&pack).expect("csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[5], "percent");
    assert!(headers.iter().any(|h| h == "percent_priya"), "per-assessor columns");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), pack.current.report.nodes.len());
    for (row, node) in rows.iter().zip(&pack.current.report.nodes) {
        assert_eq!(&row[0], node.id);
        let points: f64 = row[6].parse().expect("points are a plain number");
        assert!((points - node.points).abs() < 1e-3);
    }
}

#[test]
fn chart_files_are_the_window_svg_or_its_rasterisation() {
    let pack = efqm_pack(true);
    for kind in pack.chart_kinds() {
        let chart = pack.chart(kind, None).expect("chart");
        let svg = chart_file(&chart, ChartFormat::Svg).expect("svg");
        assert!(svg.starts_with(b"<svg"), "{}", kind.id());
        let png = chart_file(&chart, ChartFormat::Png).expect("png");
        assert!(png.starts_with(b"\x89PNG"), "{}", kind.id());
    }
    let e = pack.chart(ChartKind::KpiTrend, Some("nope")).expect_err("unknown KPI");
    assert!(e.to_string().contains("otd"), "lists known KPIs: {e}");
}

#[test]
fn a_failed_write_leaves_the_existing_file_and_no_temporary_files() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("report.pdf");
    std::fs::write(&target, b"old report").expect("old");
    write_atomically(&target, b"new report").expect("replaced");
    assert_eq!(std::fs::read(&target).expect("read"), b"new report");
    // A directory in the way: the rename fails, nothing else changes.
    let blocked = dir.path().join("blocked");
    std::fs::create_dir(&blocked).expect("dir");
    std::fs::write(blocked.join("inside"), b"keep").expect("inside");
    let e = write_atomically(&blocked, b"x").expect_err("cannot replace a directory");
    assert!(e.to_string().contains("blocked"), "{e}");
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
    assert!(write_atomically(&dir.path().join("missing/report.pdf"), b"x").is_err());
}

#[test]
fn the_results_show_only_charts_that_say_something() {
    use ChartKind::*;
    let efqm = efqm_pack(true);
    assert_eq!(
        efqm.chart_kinds(),
        [CriteriaRadar, CriterionPoints, StakeholderBalance, Coverage, YearOnYear, Trend, AssessorSpread, KpiTrend]
    );
    let mut alone = efqm_pack(true);
    alone.earlier.clear();
    alone.current.file.scores.clear();
    alone.current.file.kpis.clear();
    assert_eq!(alone.chart_kinds(), [CriteriaRadar, CriterionPoints, StakeholderBalance, Coverage]);
    let iso = iso_pack();
    assert!(iso.chart_kinds().contains(&Conformity) && !iso.chart_kinds().contains(&CriteriaRadar));
    // Every kind offered draws.
    for kind in efqm.chart_kinds() {
        efqm.chart(kind, None).unwrap_or_else(|e| panic!("{}: {e}", kind.id()));
    }
}

#[test]
fn a_final_assessments_pdf_shows_its_seal() {
    let mut pack = iso_pack();
    pack.current.file.assessment.status = keel_core::exchange::AssessmentStatus::Final;
    let seal = keel_core::seal::seal(&pack.current.file);
    let (_, text) = pdf_text(&report_pdf(&pack).expect("pdf"));
    assert!(text.contains(&format!("seal {}", &seal[..12])), "the short seal is printed");
    assert!(!text.contains("DRAFT") && !text.contains("review — draft"), "a final report is not marked draft");
    let mut draft = iso_pack();
    draft.current.file.assessment.status = keel_core::exchange::AssessmentStatus::Draft;
    let (_, draft) = pdf_text(&report_pdf(&draft).expect("pdf"));
    assert!(!draft.contains(&seal[..12]) && !draft.contains("final · seal"), "only a final assessment has one");
}

/// The report says which weighting was used, by its title: "Every requirement equal" for an ISO
/// assessment on that profile; and its change line is the difference of the totals it prints.
#[test]
fn the_report_names_the_weighting_and_its_change_is_the_difference_of_shown_totals() {
    let mut iso = demo::assessments().pop().expect("iso");
    iso.assessment.profile = "equal-requirements".into();
    let equal = Pack { current: scored(iso), earlier: vec![], date: "2026-11-24".into(), counterpart: None };
    assert_eq!(equal.current.report.profile_title, "Every requirement equal");
    let (_, text) = pdf_text(&report_pdf(&equal).expect("pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Weighting Every requirement equal"), "facts table: {flat}");
    assert!(flat.contains("weighting profile \"Every requirement equal\""), "methods appendix");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook_xlsx(&equal).expect("xlsx"))).expect("opens");
    let summary = book.worksheet_range("Summary").expect("summary");
    let weighting = summary.rows().find(|r| r.first() == Some(&Data::String("Weighting".into()))).expect("row");
    assert_eq!(weighting.get(1), Some(&Data::String("Every requirement equal".into())));

    // The demo's 2025 EFQM assessment after 2023 and 2024.
    let pack = efqm_pack(true);
    let (_, text) = pdf_text(&report_pdf(&pack).expect("pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let fmt = keel_core::scoring::fmt_points;
    let shown = |v: f64| fmt(v).parse::<f64>().expect("number");
    let now = shown(pack.current.report.total_points);
    let then = shown(pack.earlier.last().expect("2024").report.total_points);
    let change = ((now - then) * 10.0).round() / 10.0;
    let sign = if change >= 0.0 { "+" } else { "−" };
    let line = format!("Change since 2024: {sign}{} points (then {})", fmt(change.abs()), fmt(then));
    assert!(flat.contains(&line), "{line:?} in {flat}");
    let comparison = pack.comparison().expect("comparison");
    assert_eq!(comparison.total_change, change, "the report's change is Compare's");
}

#[test]
fn a_partly_scored_reports_balance_index_is_called_provisional_with_what_it_rests_on() {
    let mut file = demo::assessments().into_iter().nth(2).expect("2025");
    // Keep the agreed scores of criterion 1 only.
    file.consensus.retain(|node, _| node.starts_with("1."));
    let kept = file.consensus.len();
    let current = scored(file);
    assert!(!current.report.complete && current.report.balance_index.is_some());
    let parts = current.framework.nodes().iter().filter(|n| n.is_assessable()).count();
    let pack = Pack { current, earlier: vec![], date: "2026-11-24".into(), counterpart: None };
    let (_, text) = pdf_text(&report_pdf(&pack).expect("pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("provisional: it rests on the {kept} of {parts} parts scored so far")), "{flat}");
}
