//! The workbook as a quality manager prints and files it: every sheet has a print set-up (A4,
//! one page wide, landscape where wide, header row repeated), columns show their headers, the
//! points chart lists criterion 1 at the top, the period is a number, title and subject are set,
//! and the organisation's earlier years are on a Trend sheet (only when there are any).

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use keel_core::demo;
use keel_export::{workbook_xlsx, Pack, Scored};

mod support;
use support::{efqm_pack, scored};

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut file = archive.by_name(name).unwrap_or_else(|_| panic!("{name} in the package"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8");
    text
}

#[test]
fn every_sheet_prints_one_page_wide_with_its_header_repeated() {
    let bytes = workbook_xlsx(&efqm_pack(false)).expect("xlsx");
    let workbook = part(&bytes, "xl/workbook.xml");
    for sheet in 1..=6 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains("fitToPage=\"1\""), "sheet {sheet}: fit to page");
        assert!(xml.contains("paperSize=\"9\""), "sheet {sheet}: A4");
        assert!(xml.contains("orientation=\"landscape\""), "sheet {sheet}: landscape");
        assert!(xml.contains("fitToHeight=\"0\""), "sheet {sheet}: one page wide, as many long");
    }
    for name in ["Scores", "Evidence", "Actions", "KPIs", "Trend"] {
        assert!(workbook.contains(&format!("{name}!$1:$1")), "{name}: header row repeated\n{workbook}");
    }
}

#[test]
fn columns_show_their_headers_and_criterion_1_heads_the_bar_chart() {
    let bytes = workbook_xlsx(&efqm_pack(false)).expect("xlsx");
    let scores = part(&bytes, "xl/worksheets/sheet2.xml");
    // "Max points" (column 8) needs about 12 characters.
    let col = scores.split("<col ").find(|c| c.contains("min=\"8\"")).expect("column 8 width");
    let width: f64 =
        col.split("width=\"").nth(1).and_then(|w| w.split('"').next()).and_then(|w| w.parse().ok()).expect("width");
    assert!(width >= 12.0, "Max points column is {width} wide");
    let chart = part(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "the points chart is a bar chart");
    let axis = |name: &str| {
        chart
            .split(&format!("<c:{name}>"))
            .nth(1)
            .and_then(|a| a.split(&format!("</c:{name}>")).next())
            .expect(name)
            .to_owned()
    };
    let (categories, values) = (axis("catAx"), axis("valAx"));
    assert!(categories.contains("<c:orientation val=\"maxMin\"/>"), "criterion 1 at the top: {categories}");
    assert!(values.contains("<c:orientation val=\"minMax\"/>"), "values grow to the right: {values}");
}

#[test]
fn the_period_is_a_number_title_and_subject_are_set_and_the_trend_has_every_year() {
    let pack = efqm_pack(false);
    let bytes = workbook_xlsx(&pack).expect("xlsx");
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Management review — Northwind Castings Ltd"), "{core}");
    assert!(core.contains("<dc:subject>Self-assessment against"), "{core}");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let summary = book.worksheet_range("Summary").expect("summary");
    assert_eq!(summary.get_value((7, 0)), Some(&Data::String("Period".into())));
    assert_eq!(summary.get_value((7, 1)), Some(&Data::Float(2025.0)), "the period is a number");
    let trend = book.worksheet_range("Trend").expect("trend");
    let history = pack.history();
    // One number everywhere: the trend's totals, shown in "0.0" cells, read as Compare's
    // (`keel compare`'s) figures.
    let comparison = pack.comparison().expect("comparison");
    assert_eq!(comparison.totals.len(), history.len());
    for (i, s) in history.iter().enumerate() {
        let row = 1 + i as u32;
        assert_eq!(trend.get_value((row, 0)), Some(&Data::Float(f64::from(s.file.assessment.period))));
        match trend.get_value((row, 2)) {
            Some(Data::Float(total)) => {
                assert!((total - s.report.total_points).abs() < 1e-9, "the cell keeps the exact total");
                assert_eq!(keel_core::scoring::round_shown(*total), comparison.totals[i], "{}", s.label());
            }
            other => panic!("total of {}: {other:?}", s.label()),
        }
    }
    // No earlier years, no trend sheet.
    let mut alone = pack.clone();
    alone.earlier.clear();
    let book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook_xlsx(&alone).expect("xlsx"))).expect("opens");
    assert!(!book.sheet_names().contains(&"Trend".to_owned()));
}

#[test]
fn the_workbook_names_people_and_parts_as_the_window_does() {
    let mut files: Vec<Scored> = demo::assessments().into_iter().map(scored).collect();
    let iso = files.pop().expect("iso");
    let efqm = files.pop().expect("2025");
    for (current, part) in [(efqm, "Criterion"), (iso, "Clause")] {
        let file = current.file.clone();
        let pack = Pack { current, earlier: Vec::new(), date: "2026-11-24".into(), counterpart: None };
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(workbook_xlsx(&pack).expect("xlsx"))).expect("opens");
        let summary = book.worksheet_range("Summary").expect("summary");
        assert_eq!(summary.get_value((12, 1)), Some(&Data::String(part.into())), "{}", file.assessment.title);
        let scores = book.worksheet_range("Scores").expect("scores");
        let headers: Vec<String> = scores.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
        for assessor in &file.assessors {
            assert!(headers.contains(&format!("{} %", assessor.name)), "{} in {headers:?}", assessor.name);
            if assessor.key != assessor.name {
                assert!(!headers.contains(&format!("{} %", assessor.key)), "key {} shown", assessor.key);
            }
        }
        let kpis = book.worksheet_range("KPIs").expect("kpis");
        for (i, kpi) in file.kpis.iter().enumerate() {
            let shown = kpis.get_value((1 + i as u32, 6)).map(|c| c.to_string());
            assert_eq!(shown.as_deref(), Some(if kpi.financial { "yes" } else { "no" }), "{}", kpi.key);
            let direction = kpis.get_value((1 + i as u32, 4)).map(|c| c.to_string());
            assert_eq!(direction.as_deref(), Some(kpi.direction.label()), "{}", kpi.key);
        }
        // The status as the PDF says it: not final is said in words.
        let status = summary.get_value((6, 1)).map(|c| c.to_string()).unwrap_or_default();
        match file.assessment.status {
            keel_core::exchange::AssessmentStatus::Final => assert!(status.starts_with("final · seal"), "{status}"),
            _ => assert!(status.contains("not final"), "{status}"),
        }
    }
}
