//! Benchmarks of the exports (targets from issue 6): every chart ≤ 5 ms as SVG, the full PDF
//! for a 10-year history ≤ 2 s, the XLSX ≤ 1 s. Run with `cargo bench -p keel-export`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use keel_charts::{render_svg, SCREEN};
use keel_core::demo;
use keel_core::exchange::ExchangeFile;
use keel_export::{report_pdf, workbook_xlsx, Pack, Scored};

/// The demo's 2025 EFQM assessment with nine earlier years (the demo's three, repeated back).
fn ten_years() -> Pack {
    let efqm: Vec<ExchangeFile> = demo::assessments().into_iter().take(3).collect();
    let mut history: Vec<Scored> = (0..10)
        .map(|i| {
            let mut file = efqm[i % 3].clone();
            file.assessment.period = 2016 + i as i32;
            file.assessment.uid = format!("bench-{i}");
            let json = serde_json::to_string(&file).expect("json");
            let (file, framework) = ExchangeFile::parse(&json, "bench").expect("valid");
            Scored::new(file, framework).expect("scores")
        })
        .collect();
    let current = history.pop().expect("current");
    Pack { current, earlier: history, date: "2026-11-24".into(), counterpart: None }
}

fn bench(c: &mut Criterion) {
    let pack = ten_years();
    for kind in pack.chart_kinds() {
        let chart = pack.chart(kind, None).expect("chart");
        c.bench_function(&format!("svg {}", kind.id()), |b| b.iter(|| render_svg(&chart, SCREEN).expect("svg")));
    }
    c.bench_function("pdf report, 10-year history", |b| b.iter(|| report_pdf(&pack).expect("pdf")));
    c.bench_function("xlsx workbook", |b| b.iter(|| workbook_xlsx(&pack).expect("xlsx")));
    compare_twenty_years(c);
}

/// Issue 7's target: comparing 20 yearly assessments of 300 nodes × 5 assessors ≤ 100 ms —
/// scoring every year's agreed scores and each assessor's own, then the comparison.
fn compare_twenty_years(c: &mut Criterion) {
    let framework = keel_core::framework::generated(30, 10);
    let files: Vec<ExchangeFile> =
        (2006..2026).map(|year| keel_core::demo::load_test_assessment(&framework, year, 5)).collect();
    c.bench_function("compare 20 years × 300 nodes × 5 assessors", |b| {
        b.iter(|| {
            let mut history: Vec<Scored> =
                files.iter().map(|f| Scored::new(f.clone(), framework.clone()).expect("scores")).collect();
            let spreads: usize = history.iter().map(|s| s.file.assessor_percents(&s.framework).len()).sum();
            let current = history.pop().expect("current");
            let pack = Pack { current, earlier: history, date: "2026-11-24".into(), counterpart: None };
            let comparison = pack.comparison().expect("compare");
            assert_eq!((comparison.labels.len(), spreads), (20, 100));
            comparison
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
