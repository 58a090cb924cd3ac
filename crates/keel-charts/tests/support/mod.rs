//! Chart fixtures from the demo organisation: every chart kind, built as the app and CLI build it.

use keel_charts::build::{self, Assessed};
use keel_charts::{Chart, Footer};
use keel_core::crosswalk::{iso_9001_to_efqm_2020, project};
use keel_core::demo;
use keel_core::exchange::ExchangeFile;
use keel_core::framework::builtin_framework;
use keel_core::scoring::ScoreReport;
use keel_core::Framework;

pub struct Demo {
    pub files: Vec<(ExchangeFile, Framework, ScoreReport)>,
}

pub fn demo() -> Demo {
    let files = demo::assessments()
        .into_iter()
        .map(|file| {
            let json = serde_json::to_string(&file).expect("json");
            let (file, framework) = ExchangeFile::parse(&json, "demo").expect("valid");
            let report = file.score(&framework, None, "demo").expect("scores");
            (file, framework, report)
        })
        .collect();
    Demo { files }
}

pub fn footer(source: &str) -> Footer {
    Footer { organisation: demo::ORGANISATION.into(), source: source.into(), date: "2026-11-24".into() }
}

/// One chart of every kind (two for coverage: own tags and the ISO crosswalk).
// Not every test file that shares this module draws every chart.
#[allow(dead_code)]
pub fn every_chart(d: &Demo) -> Vec<(String, Chart)> {
    let label = |i: usize| d.files[i].0.assessment.period.to_string();
    let labels: Vec<String> = (0..4).map(label).collect();
    let assessed = |i: usize| Assessed { label: &labels[i], report: &d.files[i].2 };
    let efqm = footer("EFQM 2020 structure · 2025");
    let efqm_years: Vec<Assessed<'_>> = (0..3).map(assessed).collect();
    let (iso_file, iso_framework, iso_report) = &d.files[3];
    let _ = (iso_file, iso_framework);
    let target = builtin_framework("efqm-2020").expect("efqm");
    let projection = project(iso_9001_to_efqm_2020(), iso_report, target);
    let kpi = &d.files[2].0.kpis[0];
    vec![
        ("criteria-radar".into(), build::criteria_radar(assessed(2), Some(assessed(1)), efqm.clone())),
        ("criterion-points".into(), build::criterion_points(assessed(2), efqm.clone())),
        ("stakeholder-balance".into(), build::stakeholder_balance(assessed(2), efqm.clone())),
        ("conformity".into(), build::conformity(assessed(3), footer("ISO 9001:2015 structure · 2025"))),
        ("coverage".into(), build::coverage(assessed(2), &d.files[2].1, efqm.clone())),
        ("crosswalk-coverage".into(), build::crosswalk_coverage(&projection, target, footer("ISO 9001 → EFQM 2020"))),
        ("year-on-year".into(), build::year_on_year(&efqm_years, footer("EFQM 2020 structure · 2023–2025"))),
        ("trend".into(), build::trend(&efqm_years, footer("EFQM 2020 structure · 2023–2025"))),
        (
            "assessor-spread".into(),
            build::assessor_spread(&d.files[2].0, &d.files[2].1, 15.0, efqm.clone()).expect("spread"),
        ),
        ("kpi-trend".into(), build::kpi_trend(kpi, footer("KPIs · 2021–2025"))),
    ]
}
