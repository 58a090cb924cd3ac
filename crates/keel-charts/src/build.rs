//! Chart data from keel-core results: a score report (and earlier ones), an exchange file's
//! individual scores, a crosswalk projection, a KPI. Only what is scored is plotted; unscored
//! areas show as "not scored", never as zero.

use keel_core::crosswalk::Projection;
use keel_core::exchange::{Direction, ExchangeFile, KpiDoc};
use keel_core::scoring::{NodeResult, ScoreReport};
use keel_core::{Framework, StakeholderGroup};

use crate::data::{
    BarRow, Bars, Chart, Footer, GroupedBars, Heatmap, HeatmapRow, Kpi, Radar, RadarAxis, Series, Spread, SpreadRow,
    Trend,
};

/// One scored assessment and how charts name it (usually its period).
#[derive(Debug, Clone, Copy)]
pub struct Assessed<'a> {
    pub label: &'a str,
    pub report: &'a ScoreReport,
}

fn roots(report: &ScoreReport) -> impl Iterator<Item = &NodeResult> {
    report.nodes.iter().filter(|n| n.depth == 0)
}

fn node_label(node: &NodeResult) -> String {
    if node.number.is_empty() {
        node.title.clone()
    } else {
        format!("{} {}", node.number, node.title)
    }
}

fn axis(node: &NodeResult) -> RadarAxis {
    RadarAxis {
        key: if node.number.is_empty() { node.id.clone() } else { node.number.clone() },
        title: node.title.clone(),
    }
}

fn percent_of(report: &ScoreReport, id: &str) -> Option<f64> {
    report.nodes.iter().find(|n| n.id == id).and_then(|n| n.percent)
}

fn total_caption(report: &ScoreReport) -> String {
    let total = crate::canvas::number(report.total_points);
    let max = crate::canvas::number(report.max_points);
    if report.complete {
        format!("Total {total} of {max} points")
    } else {
        format!("{total} of {max} points so far; {} areas not yet scored", report.missing.len())
    }
}

/// Score % per criterion, with an earlier assessment's outline when given.
pub fn criteria_radar(current: Assessed<'_>, previous: Option<Assessed<'_>>, footer: Footer) -> Chart {
    let axes: Vec<RadarAxis> = roots(current.report).map(axis).collect();
    let ids: Vec<&str> = roots(current.report).map(|n| n.id.as_str()).collect();
    let mut series =
        vec![Series { name: current.label.to_owned(), values: roots(current.report).map(|n| n.percent).collect() }];
    let mut caption = total_caption(current.report);
    if let Some(previous) = previous {
        series.push(Series {
            name: previous.label.to_owned(),
            values: ids.iter().map(|id| percent_of(previous.report, id)).collect(),
        });
        caption = format!("{caption}; outline: {}", previous.label);
    }
    Chart::CriteriaRadar(Radar { title: "Score per criterion (%)".into(), caption, axes, series, footer })
}

/// Points earned per criterion against its maximum.
pub fn criterion_points(current: Assessed<'_>, footer: Footer) -> Chart {
    let rows = roots(current.report)
        .map(|n| BarRow { label: node_label(n), value: (n.percent.is_some()).then_some(n.points), max: n.max_points })
        .collect();
    Chart::CriterionPoints(Bars {
        title: "Points per criterion".into(),
        caption: total_caption(current.report),
        unit: "points".into(),
        rows,
        banded: false,
        footer,
    })
}

/// Score per stakeholder group, with the balance index in the caption.
pub fn stakeholder_balance(current: Assessed<'_>, footer: Footer) -> Chart {
    let groups = &current.report.stakeholders;
    let axes = groups
        .iter()
        .map(|g| RadarAxis {
            key: g.group.label().to_owned(),
            title: format!(
                "{} of {} areas scored, {} % of the weight",
                g.scored,
                g.nodes,
                crate::canvas::number(g.weight_share)
            ),
        })
        .collect();
    let values = groups.iter().map(|g| g.percent).collect();
    let balance = match current.report.balance_index {
        Some(index) => format!("Balance index {} (100 = every group fares alike)", crate::canvas::number(index)),
        None => "Balance index not available until groups are scored".to_owned(),
    };
    let unassessed: Vec<&str> = current.report.unassessed_groups.iter().map(|g| g.label()).collect();
    let caption =
        if unassessed.is_empty() { balance } else { format!("{balance}; not assessed: {}", unassessed.join(", ")) };
    Chart::StakeholderBalance(Radar {
        title: "How each stakeholder group fares (%)".into(),
        caption,
        axes,
        series: vec![Series { name: current.label.to_owned(), values }],
        footer,
    })
}

/// Conformity (or maturity) % per clause.
pub fn conformity(current: Assessed<'_>, footer: Footer) -> Chart {
    let rows = roots(current.report).map(|n| BarRow { label: node_label(n), value: n.percent, max: 100.0 }).collect();
    let caption = match current.report.percent {
        Some(p) => format!("Overall {} %", crate::canvas::number(p)),
        None => format!("{} sub-clauses not yet assessed", current.report.missing.len()),
    };
    Chart::Conformity(Bars {
        title: "Conformity per clause".into(),
        caption,
        unit: "%".into(),
        rows,
        banded: true,
        footer,
    })
}

/// Assessable areas × stakeholder groups: the area's score where it serves the group.
pub fn coverage(current: Assessed<'_>, framework: &Framework, footer: Footer) -> Chart {
    let rows = current
        .report
        .nodes
        .iter()
        .filter(|n| framework.node(&n.id).is_some_and(|node| node.is_assessable()))
        .map(|n| HeatmapRow {
            label: node_label(n),
            cells: StakeholderGroup::ALL
                .iter()
                .map(|g| if n.stakeholders.contains(g) { n.percent } else { None })
                .collect(),
        })
        .collect();
    Chart::Coverage(Heatmap {
        title: "Stakeholder coverage: score of each area per group served".into(),
        caption: "A coloured cell shows the area's score where it serves the group.".into(),
        columns: StakeholderGroup::ALL.iter().map(|g| g.label().to_owned()).collect(),
        rows,
        blank_means: "does not serve the group, or not scored".into(),
        footer,
    })
}

/// An ISO 9001 assessment projected through the crosswalk: how strongly each target area is
/// covered, per stakeholder group it serves.
pub fn crosswalk_coverage(projection: &Projection, target: &Framework, footer: Footer) -> Chart {
    let rows = projection
        .nodes
        .iter()
        .map(|p| {
            let groups = target.node(&p.id).map(|n| n.stakeholders.clone()).unwrap_or_default();
            HeatmapRow {
                label: format!("{} {}", p.number, p.title),
                cells: StakeholderGroup::ALL.iter().map(|g| groups.contains(g).then_some(p.coverage * 100.0)).collect(),
            }
        })
        .collect();
    let uncovered: Vec<&str> = projection.uncovered_groups.iter().map(|g| g.label()).collect();
    let caption = if uncovered.is_empty() {
        "Every stakeholder group is reached by the ISO 9001 assessment.".to_owned()
    } else {
        format!(
            "Coverage below {} %: less than {} % of the points that serve {} get any evidence from the ISO 9001 assessment",
            crate::canvas::number(keel_core::crosswalk::UNCOVERED_GROUP_THRESHOLD),
            crate::canvas::number(keel_core::crosswalk::UNCOVERED_GROUP_THRESHOLD),
            uncovered.join(", ")
        )
    };
    Chart::Coverage(Heatmap {
        title: format!("What the ISO 9001 assessment covers of {}", target.title()),
        caption,
        columns: StakeholderGroup::ALL.iter().map(|g| g.label().to_owned()).collect(),
        rows,
        blank_means: "the area does not serve the group".into(),
        footer,
    })
}

/// The most years the year-on-year chart draws side by side: beyond this, bars get too thin to
/// read and the palette repeats (issue 17). The trend chart shows every year's total.
pub const YEAR_ON_YEAR_MAX: usize = 5;
const _: () = assert!(YEAR_ON_YEAR_MAX <= crate::canvas::PALETTE.len(), "each drawn year needs its own colour");

/// Score % per criterion, one bar per assessment (oldest first); of many years, the newest
/// [`YEAR_ON_YEAR_MAX`], each in its own colour, the rest named in the caption.
pub fn year_on_year(assessed: &[Assessed<'_>], footer: Footer) -> Chart {
    let left_out = assessed.len().saturating_sub(YEAR_ON_YEAR_MAX);
    let caption = match (assessed.first(), assessed.get(left_out.saturating_sub(1))) {
        (Some(first), Some(last)) if left_out > 1 => {
            format!(
                "The newest {YEAR_ON_YEAR_MAX} of {} assessments; {} to {} in the trend",
                assessed.len(),
                first.label,
                last.label
            )
        }
        (Some(first), _) if left_out == 1 => {
            format!("The newest {YEAR_ON_YEAR_MAX} of {} assessments; {} in the trend", assessed.len(), first.label)
        }
        _ if assessed.len() == 1 => "1 assessment".to_owned(),
        _ => format!("{} assessments", assessed.len()),
    };
    let assessed = &assessed[left_out..];
    let latest = assessed.last().map(|a| a.report);
    let categories: Vec<RadarAxis> = latest.map(|r| roots(r).map(axis).collect()).unwrap_or_default();
    let ids: Vec<String> = latest.map(|r| roots(r).map(|n| n.id.clone()).collect()).unwrap_or_default();
    let series = assessed
        .iter()
        .map(|a| Series { name: a.label.to_owned(), values: ids.iter().map(|id| percent_of(a.report, id)).collect() })
        .collect();
    Chart::YearOnYear(GroupedBars {
        title: "Score per criterion, year on year (%)".into(),
        caption,
        categories,
        series,
        footer,
    })
}

/// Total points across assessments (oldest first).
pub fn trend(assessed: &[Assessed<'_>], footer: Footer) -> Chart {
    let y_max = assessed.iter().map(|a| a.report.max_points).fold(0.0, f64::max);
    let values = assessed.iter().map(|a| Some(a.report.total_points)).collect();
    let caption = match (assessed.first(), assessed.last()) {
        (Some(first), Some(last)) if assessed.len() > 1 => format!(
            "From {} to {}: {}{} points",
            first.label,
            last.label,
            if last.report.total_points >= first.report.total_points { "+" } else { "−" },
            crate::canvas::number((last.report.total_points - first.report.total_points).abs())
        ),
        _ => String::new(),
    };
    Chart::Trend(Trend {
        title: "Total score over time".into(),
        caption,
        x_labels: assessed.iter().map(|a| a.label.to_owned()).collect(),
        y_label: "points".into(),
        y_max,
        series: vec![Series { name: "Total".into(), values }],
        footer,
    })
}

/// Each assessor's % per area, their range and the agreed %; ranges wider than `threshold`
/// percentage points are flagged.
pub fn assessor_spread(
    file: &ExchangeFile,
    framework: &Framework,
    threshold: f64,
    footer: Footer,
) -> Result<Chart, keel_core::InputError> {
    let nodes = keel_core::consensus::spread(file, framework, threshold)?;
    let flagged = nodes.iter().filter(|n| n.disagreement).count();
    let rows = nodes
        .into_iter()
        .map(|n| SpreadRow { label: format!("{} {}", n.number, n.title), scores: n.percents, consensus: n.agreed })
        .collect();
    Ok(Chart::AssessorSpread(Spread {
        title: "Assessor scores and the agreed score per area (%)".into(),
        caption: format!(
            "{} assessors; {flagged} {} by more than {} points",
            file.assessors.len(),
            if flagged == 1 { "area differs" } else { "areas differ" },
            crate::canvas::number(threshold)
        ),
        assessors: file
            .assessors
            .iter()
            .map(|a| if a.name.is_empty() { a.key.clone() } else { a.name.clone() })
            .collect(),
        rows,
        threshold,
        footer,
    }))
}

/// A KPI's values per period, with its target line.
pub fn kpi_trend(kpi: &KpiDoc, footer: Footer) -> Chart {
    let periods: Vec<String> = kpi.values.keys().cloned().collect();
    let higher = kpi.direction == Direction::HigherIsBetter;
    let mut caption =
        format!("{} · {}", kpi.group.label(), if higher { "higher is better" } else { "lower is better" });
    if let Some(target) = kpi.target {
        let met = kpi.values.values().filter(|&&v| if higher { v >= target } else { v <= target }).count();
        caption = format!("{caption} · target met in {met} of {} periods (hollow points miss it)", kpi.values.len());
    }
    Chart::KpiTrend(Kpi {
        title: kpi.name.clone(),
        caption,
        unit: kpi.unit.clone(),
        values: periods.iter().map(|p| kpi.values.get(p).copied()).collect(),
        periods,
        target: kpi.target,
        higher_is_better: higher,
        footer,
    })
}
