//! What each chart shows, as plain data: built from keel-core results by [`crate::build`] and
//! drawn by [`crate::draw`]. Values are percentages (0–100) unless a field says otherwise.

/// The line under every chart: whose it is, from what, and when.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Footer {
    pub organisation: String,
    /// Framework and period, e.g. `EFQM 2020 structure · 2025`.
    pub source: String,
    /// The date the chart was made, as the user reads it (ISO 8601).
    pub date: String,
}

/// One spoke of a radar: a short key drawn on the chart and the full title in the key panel.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    pub key: String,
    pub title: String,
}

/// A named row of values, one per axis or category; `None` is not scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Score % per axis for one or more series (the first is the current one).
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    pub title: String,
    pub caption: String,
    pub axes: Vec<RadarAxis>,
    pub series: Vec<Series>,
    pub footer: Footer,
}

/// One horizontal bar: `value` of `max`, with the text shown after the bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub value: Option<f64>,
    pub max: f64,
}

/// Horizontal bars against their maximum (points per criterion, conformity per clause).
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub title: String,
    pub caption: String,
    /// Axis title, e.g. `points` or `% conformity`.
    pub unit: String,
    pub rows: Vec<BarRow>,
    /// Colour each bar by its share of its maximum (low, middle, high bands).
    pub banded: bool,
    pub footer: Footer,
}

/// One row of a heat map: a label and a value (0–100) or nothing per column.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapRow {
    pub label: String,
    pub cells: Vec<Option<f64>>,
}

/// Nodes × stakeholder groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    pub title: String,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<HeatmapRow>,
    /// What a blank cell means, shown in the legend.
    pub blank_means: String,
    pub footer: Footer,
}

/// Vertical bars per category, one bar per series (e.g. per period).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedBars {
    pub title: String,
    pub caption: String,
    pub categories: Vec<RadarAxis>,
    pub series: Vec<Series>,
    pub footer: Footer,
}

/// Lines over periods (`x_labels`), one per series, on a 0–`y_max` scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub title: String,
    pub caption: String,
    pub x_labels: Vec<String>,
    pub y_label: String,
    pub y_max: f64,
    pub series: Vec<Series>,
    pub footer: Footer,
}

/// One node of an assessor-spread chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadRow {
    pub label: String,
    /// One value per assessor, in the order of [`Spread::assessors`].
    pub scores: Vec<Option<f64>>,
    pub consensus: Option<f64>,
}

/// Individual assessors' scores per node, their range and the agreed score.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub title: String,
    pub caption: String,
    pub assessors: Vec<String>,
    pub rows: Vec<SpreadRow>,
    /// A range wider than this (percentage points) is flagged as a disagreement.
    pub threshold: f64,
    pub footer: Footer,
}

/// A KPI's values per period with its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub title: String,
    pub caption: String,
    pub unit: String,
    pub periods: Vec<String>,
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
    pub higher_is_better: bool,
    pub footer: Footer,
}

/// Every chart Keel draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    CriteriaRadar(Radar),
    CriterionPoints(Bars),
    StakeholderBalance(Radar),
    Conformity(Bars),
    Coverage(Heatmap),
    YearOnYear(GroupedBars),
    Trend(Trend),
    AssessorSpread(Spread),
    KpiTrend(Kpi),
}

/// The kinds of chart, as named on the command line, in file names and over IPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    CriteriaRadar,
    CriterionPoints,
    StakeholderBalance,
    Conformity,
    Coverage,
    YearOnYear,
    Trend,
    AssessorSpread,
    KpiTrend,
}

impl ChartKind {
    pub const ALL: [ChartKind; 9] = [
        ChartKind::CriteriaRadar,
        ChartKind::CriterionPoints,
        ChartKind::StakeholderBalance,
        ChartKind::Conformity,
        ChartKind::Coverage,
        ChartKind::YearOnYear,
        ChartKind::Trend,
        ChartKind::AssessorSpread,
        ChartKind::KpiTrend,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ChartKind::CriteriaRadar => "criteria-radar",
            ChartKind::CriterionPoints => "criterion-points",
            ChartKind::StakeholderBalance => "stakeholder-balance",
            ChartKind::Conformity => "conformity",
            ChartKind::Coverage => "coverage",
            ChartKind::YearOnYear => "year-on-year",
            ChartKind::Trend => "trend",
            ChartKind::AssessorSpread => "assessor-spread",
            ChartKind::KpiTrend => "kpi-trend",
        }
    }

    pub fn from_id(id: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

impl Chart {
    pub fn kind(&self) -> ChartKind {
        match self {
            Chart::CriteriaRadar(_) => ChartKind::CriteriaRadar,
            Chart::CriterionPoints(_) => ChartKind::CriterionPoints,
            Chart::StakeholderBalance(_) => ChartKind::StakeholderBalance,
            Chart::Conformity(_) => ChartKind::Conformity,
            Chart::Coverage(_) => ChartKind::Coverage,
            Chart::YearOnYear(_) => ChartKind::YearOnYear,
            Chart::Trend(_) => ChartKind::Trend,
            Chart::AssessorSpread(_) => ChartKind::AssessorSpread,
            Chart::KpiTrend(_) => ChartKind::KpiTrend,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Chart::CriteriaRadar(c) | Chart::StakeholderBalance(c) => &c.title,
            Chart::CriterionPoints(c) | Chart::Conformity(c) => &c.title,
            Chart::Coverage(c) => &c.title,
            Chart::YearOnYear(c) => &c.title,
            Chart::Trend(c) => &c.title,
            Chart::AssessorSpread(c) => &c.title,
            Chart::KpiTrend(c) => &c.title,
        }
    }
}
