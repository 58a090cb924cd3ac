//! The XLSX workbook: summary (with native Excel charts the user can restyle), every node's
//! scores per assessor and agreed, evidence, actions, KPIs and, when there are earlier years, the
//! trend. Numbers are written as numbers (the period too), dates as dates. Every sheet prints on
//! A4 one page wide (landscape where wide) with its header row repeated; columns are wide enough
//! for their headers; the title and subject are set.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartType, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use crate::{ExportError, Pack};

fn ymd(d: &NaiveDate) -> Option<(u16, u8, u8)> {
    Some((u16::try_from(d.year()).ok()?, d.month() as u8, d.day() as u8))
}

fn fail(e: XlsxError) -> ExportError {
    ExportError::Build { what: "XLSX workbook", message: e.to_string() }
}

fn header(sheet: &mut Worksheet, row: u32, titles: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (col, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *title, bold)?;
    }
    Ok(())
}

/// Print set-up: A4, one page wide, `landscape` for wide sheets, the rows up to `header_row`
/// repeated on every page.
fn print_setup(sheet: &mut Worksheet, landscape: bool, header_row: Option<u32>) -> Result<(), XlsxError> {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    if let Some(row) = header_row {
        sheet.set_repeat_rows(row, row)?;
    }
    Ok(())
}

/// Widths (in characters) that show every header in bold, at least `min`.
fn fit_headers(sheet: &mut Worksheet, titles: &[&str], min: f64) -> Result<(), XlsxError> {
    for (col, title) in titles.iter().enumerate() {
        sheet.set_column_width(col as u16, (title.chars().count() as f64 * 1.2 + 2.0).max(min))?;
    }
    Ok(())
}

fn maybe_number(sheet: &mut Worksheet, row: u32, col: u16, v: Option<f64>, format: &Format) -> Result<(), XlsxError> {
    if let Some(v) = v {
        sheet.write_number_with_format(row, col, v, format)?;
    }
    Ok(())
}

/// The workbook's bytes.
pub fn workbook_xlsx(pack: &Pack) -> Result<Vec<u8>, ExportError> {
    build(pack).map_err(fail)
}

/// The cell formats every sheet shares.
struct Formats {
    bold: Format,
    title: Format,
    one_decimal: Format,
    date: Format,
}

fn build(pack: &Pack) -> Result<Vec<u8>, XlsxError> {
    let current = &pack.current;
    let file = &current.file;
    let formats = Formats {
        bold: Format::new().set_bold(),
        title: Format::new().set_bold().set_font_size(16),
        one_decimal: Format::new().set_num_format("0.0"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Management review — {} — {}", file.organisation.name, file.assessment.title))
            .set_subject(format!(
                "Self-assessment against {}, period {}",
                current.framework.title(),
                file.assessment.period
            ))
            .set_author("Keel"),
    );
    summary_sheet(&mut workbook, pack, &formats)?;
    scores_sheet(&mut workbook, pack, &formats)?;
    evidence_sheet(&mut workbook, pack, &formats)?;
    actions_sheet(&mut workbook, pack, &formats)?;
    kpi_sheet(&mut workbook, pack, &formats)?;
    if !pack.earlier.is_empty() {
        trend_sheet(&mut workbook, pack, &formats.bold, &formats.one_decimal)?;
    }
    workbook.save_to_buffer()
}

/// An assessor's name as people know it (the key when the file names no such assessor).
fn assessor_name<'a>(pack: &'a Pack, key: &'a str) -> &'a str {
    pack.current.file.assessors.iter().find(|a| a.key == key).map_or(key, |a| a.name.as_str())
}

/// The facts, the total, points per criterion (clause) and the stakeholder groups, with native
/// charts of each.
fn summary_sheet(workbook: &mut Workbook, pack: &Pack, formats: &Formats) -> Result<(), XlsxError> {
    let Formats { bold, title, one_decimal, .. } = formats;
    let current = &pack.current;
    let report = &current.report;
    let file = &current.file;
    let part = current.framework.kind().part();
    let summary = workbook.add_worksheet();
    summary.set_name("Summary")?;
    summary.write_string_with_format(0, 0, format!("{} — {}", file.organisation.name, file.assessment.title), title)?;
    let facts: [(&str, String); 5] = [
        ("Framework", format!("{} ({})", current.framework.title(), current.framework.version())),
        ("Scope", file.assessment.scope.clone()),
        ("Weighting", report.weighting().to_owned()),
        ("Assessors", file.assessors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")),
        // Said as the PDF says it: a workbook of an assessment that is not final is marked so.
        ("Status", crate::status_line(file)),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        summary.write_string_with_format(2 + i as u32, 0, *label, bold)?;
        summary.write_string(2 + i as u32, 1, value)?;
    }
    summary.write_string_with_format(7, 0, "Period", bold)?;
    summary.write_number(7, 1, f64::from(file.assessment.period))?;
    summary.write_string_with_format(8, 0, "Total points", bold)?;
    summary.write_number_with_format(8, 1, report.total_points, one_decimal)?;
    summary.write_string_with_format(9, 0, "Maximum", bold)?;
    summary.write_number(9, 1, report.max_points)?;
    summary.write_string_with_format(10, 0, "Balance index", bold)?;
    maybe_number(summary, 10, 1, report.balance_index, one_decimal)?;

    let top = 12u32;
    header(summary, top, &["Number", part, "Points", "Max points", "%"], bold)?;
    let roots: Vec<_> = report.nodes.iter().filter(|n| n.depth == 0).collect();
    for (i, node) in roots.iter().enumerate() {
        let row = top + 1 + i as u32;
        summary.write_string(row, 0, &node.number)?;
        summary.write_string(row, 1, &node.title)?;
        summary.write_number_with_format(row, 2, node.points, one_decimal)?;
        summary.write_number_with_format(row, 3, node.max_points, one_decimal)?;
        maybe_number(summary, row, 4, node.percent, one_decimal)?;
    }
    let last = top + roots.len() as u32;
    let groups_top = last + 2;
    header(summary, groups_top, &["Stakeholder group", "%", "Areas", "Scored", "Weight share %"], bold)?;
    for (i, g) in report.stakeholders.iter().enumerate() {
        let row = groups_top + 1 + i as u32;
        summary.write_string(row, 0, g.group.label())?;
        maybe_number(summary, row, 1, g.percent, one_decimal)?;
        summary.write_number(row, 2, g.nodes as f64)?;
        summary.write_number(row, 3, g.scored as f64)?;
        summary.write_number_with_format(row, 4, g.weight_share, one_decimal)?;
    }
    let groups_last = groups_top + report.stakeholders.len() as u32;
    summary.set_column_width(0, 22)?;
    summary.set_column_width(1, 44)?;
    summary.set_column_width(2, 12)?;
    summary.set_column_width(3, 12)?;
    summary.set_column_width(4, 16)?;
    print_setup(summary, true, None)?;

    let mut points = Chart::new(ChartType::Bar);
    points.title().set_name(format!("Points per {}", part.to_lowercase()).as_str());
    for (name, col) in [("Points", 2), ("Maximum", 3)] {
        points.add_series().set_name(name).set_categories(("Summary", top + 1, 1, last, 1)).set_values((
            "Summary",
            top + 1,
            col,
            last,
            col,
        ));
    }
    // The first criterion at the top, the value axis below.
    // (In a bar chart the y axis is the category axis, drawn upright.)
    points.y_axis().set_reverse().set_crossing(ChartAxisCrossing::Max);
    summary.insert_chart(1, 7, &points)?;
    let mut radar = Chart::new(ChartType::RadarWithMarkers);
    radar.title().set_name(format!("Score per {} (%)", part.to_lowercase()).as_str());
    radar
        .add_series()
        .set_name(file.assessment.period.to_string().as_str())
        .set_categories(("Summary", top + 1, 0, last, 0))
        .set_values(("Summary", top + 1, 4, last, 4));
    summary.insert_chart(17, 7, &radar)?;
    let mut balance = Chart::new(ChartType::RadarFilled);
    balance.title().set_name("Stakeholder groups (%)");
    balance.add_series().set_name("Score").set_categories(("Summary", groups_top + 1, 0, groups_last, 0)).set_values((
        "Summary",
        groups_top + 1,
        1,
        groups_last,
        1,
    ));
    summary.insert_chart(33, 7, &balance)?;
    Ok(())
}

/// Every node: agreed %, points and each assessor's own %, with the agreed score's rationale.
fn scores_sheet(workbook: &mut Workbook, pack: &Pack, formats: &Formats) -> Result<(), XlsxError> {
    let Formats { bold, one_decimal, .. } = formats;
    let current = &pack.current;
    let file = &current.file;
    let assessors = file.assessor_percents(&current.framework);
    let scores = workbook.add_worksheet();
    scores.set_name("Scores")?;
    let mut titles = vec!["Node", "Number", "Title", "Level", "Status", "Agreed %", "Points", "Max points"];
    let names: Vec<String> = assessors.iter().map(|(key, _)| format!("{} %", assessor_name(pack, key))).collect();
    titles.extend(names.iter().map(String::as_str));
    titles.push("Rationale");
    header(scores, 0, &titles, bold)?;
    for (i, node) in current.report.nodes.iter().enumerate() {
        let row = 1 + i as u32;
        scores.write_string(row, 0, &node.id)?;
        scores.write_string(row, 1, &node.number)?;
        scores.write_string(row, 2, &node.title)?;
        scores.write_number(row, 3, (node.depth + 1) as f64)?;
        scores.write_string(row, 4, format!("{:?}", node.status).to_lowercase())?;
        maybe_number(scores, row, 5, node.percent, one_decimal)?;
        scores.write_number_with_format(row, 6, node.points, one_decimal)?;
        scores.write_number_with_format(row, 7, node.max_points, one_decimal)?;
        for (a, (_, percents)) in assessors.iter().enumerate() {
            maybe_number(scores, row, 8 + a as u16, percents.get(&node.id).copied(), one_decimal)?;
        }
        if let Some(agreed) = file.consensus.get(&node.id) {
            scores.write_string(row, 8 + assessors.len() as u16, &agreed.rationale)?;
        }
    }
    fit_headers(scores, &titles, 8.0)?;
    scores.set_column_width(2, 48)?;
    scores.set_column_width(8 + assessors.len() as u16, 60)?;
    scores.set_freeze_panes(1, 0)?;
    print_setup(scores, true, Some(0))
}

/// Evidence, strengths and areas for improvement, with who wrote each.
fn evidence_sheet(workbook: &mut Workbook, pack: &Pack, formats: &Formats) -> Result<(), XlsxError> {
    let evidence = workbook.add_worksheet();
    evidence.set_name("Evidence")?;
    let titles = ["Node", "Kind", "Text", "Assessor"];
    header(evidence, 0, &titles, &formats.bold)?;
    fit_headers(evidence, &titles, 12.0)?;
    for (i, note) in pack.current.file.notes.iter().enumerate() {
        let row = 1 + i as u32;
        evidence.write_string(row, 0, &note.node)?;
        evidence.write_string(row, 1, note.kind.label())?;
        evidence.write_string(row, 2, &note.text)?;
        evidence.write_string(row, 3, note.assessor.as_deref().map_or("", |key| assessor_name(pack, key)))?;
    }
    evidence.set_column_width(1, 22)?;
    evidence.set_column_width(2, 80)?;
    evidence.set_column_width(3, 24)?;
    print_setup(evidence, true, Some(0))
}

/// Improvement actions, dates as dates.
fn actions_sheet(workbook: &mut Workbook, pack: &Pack, formats: &Formats) -> Result<(), XlsxError> {
    let actions = workbook.add_worksheet();
    actions.set_name("Actions")?;
    let titles = ["Title", "Owner", "Due", "Status", "Node", "Completed"];
    header(actions, 0, &titles, &formats.bold)?;
    fit_headers(actions, &titles, 12.0)?;
    for (i, action) in pack.current.file.actions.iter().enumerate() {
        let row = 1 + i as u32;
        actions.write_string(row, 0, &action.title)?;
        actions.write_string(row, 1, &action.owner)?;
        for (col, day) in [(2u16, action.due), (5u16, action.completed_on)] {
            if let Some((y, m, d)) = day.as_ref().and_then(ymd) {
                actions.write_datetime_with_format(row, col, ExcelDateTime::from_ymd(y, m, d)?, &formats.date)?;
            }
        }
        actions.write_string(row, 3, action.status.label())?;
        actions.write_string(row, 4, action.node.as_deref().unwrap_or(""))?;
    }
    actions.set_column_width(0, 56)?;
    actions.set_column_width(1, 24)?;
    print_setup(actions, true, Some(0))
}

/// KPIs: one row per KPI, one column per period, a line chart each below the table.
fn kpi_sheet(workbook: &mut Workbook, pack: &Pack, formats: &Formats) -> Result<(), XlsxError> {
    let file = &pack.current.file;
    let kpis = workbook.add_worksheet();
    kpis.set_name("KPIs")?;
    let periods: BTreeSet<&str> = file.kpis.iter().flat_map(|k| k.values.keys().map(String::as_str)).collect();
    let periods: Vec<&str> = periods.into_iter().collect();
    let mut titles = vec!["Key", "Name", "Group", "Unit", "Direction", "Target", "Financial"];
    titles.extend(periods.iter().copied());
    header(kpis, 0, &titles, &formats.bold)?;
    fit_headers(kpis, &titles, 8.0)?;
    print_setup(kpis, true, Some(0))?;
    for (i, kpi) in file.kpis.iter().enumerate() {
        let row = 1 + i as u32;
        kpis.write_string(row, 0, &kpi.key)?;
        kpis.write_string(row, 1, &kpi.name)?;
        kpis.write_string(row, 2, kpi.group.label())?;
        kpis.write_string(row, 3, &kpi.unit)?;
        kpis.write_string(row, 4, kpi.direction.label())?;
        maybe_number(kpis, row, 5, kpi.target, &Format::new())?;
        kpis.write_string(row, 6, if kpi.financial { "yes" } else { "no" })?;
        for (p, period) in periods.iter().enumerate() {
            maybe_number(kpis, row, 7 + p as u16, kpi.values.get(*period).copied(), &Format::new())?;
        }
    }
    kpis.set_column_width(1, 40)?;
    kpis.set_column_width(2, 20)?;
    if !periods.is_empty() {
        let last_col = 6 + periods.len() as u16;
        for (i, kpi) in file.kpis.iter().enumerate() {
            let row = 1 + i as u32;
            let mut chart = Chart::new(ChartType::Line);
            chart.title().set_name(kpi.name.as_str());
            chart
                .add_series()
                .set_name(kpi.name.as_str())
                .set_categories(("KPIs", 0, 7, 0, last_col))
                .set_values(("KPIs", row, 7, row, last_col));
            kpis.insert_chart(file.kpis.len() as u32 + 3 + 16 * (i as u32 / 2), 8 * (i as u16 % 2), &chart)?;
        }
    }
    Ok(())
}

/// The organisation's earlier years and this one: total and % per criterion (clause), oldest
/// first, with a line chart of the total.
fn trend_sheet(workbook: &mut Workbook, pack: &Pack, bold: &Format, one_decimal: &Format) -> Result<(), XlsxError> {
    let history = pack.history();
    let roots: Vec<_> = pack.current.report.nodes.iter().filter(|n| n.depth == 0).collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Trend")?;
    let mut titles: Vec<String> = vec!["Period".into(), "Framework".into(), "Total points".into(), "Max points".into()];
    titles.extend(roots.iter().map(|n| format!("{} %", if n.number.is_empty() { &n.title } else { &n.number })));
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    header(sheet, 0, &refs, bold)?;
    fit_headers(sheet, &refs, 10.0)?;
    sheet.set_column_width(1, 34)?;
    for (i, scored) in history.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_number(row, 0, f64::from(scored.file.assessment.period))?;
        sheet.write_string(row, 1, scored.framework.title())?;
        sheet.write_number_with_format(row, 2, scored.report.total_points, one_decimal)?;
        sheet.write_number_with_format(row, 3, scored.report.max_points, one_decimal)?;
        for (c, root) in roots.iter().enumerate() {
            let percent = scored.report.nodes.iter().find(|n| n.id == root.id).and_then(|n| n.percent);
            maybe_number(sheet, row, 4 + c as u16, percent, one_decimal)?;
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    print_setup(sheet, true, Some(0))?;
    let last = history.len() as u32;
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name("Total points over time");
    chart
        .add_series()
        .set_name("Total points")
        .set_categories(("Trend", 1, 0, last, 0))
        .set_values(("Trend", 1, 2, last, 2));
    chart.legend().set_hidden();
    sheet.insert_chart(last + 3, 0, &chart)?;
    Ok(())
}
