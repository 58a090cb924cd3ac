//! Benchmarks of the store on a real SQLite file with `synchronous=FULL` (targets from issue 4):
//! saving one score ≤ 5 ms at the 95th percentile, importing an assessment of 300 nodes × 5
//! assessors ≤ 100 ms, listing 10,000 assessments ≤ 50 ms. Run with `cargo bench -p keel-store`;
//! the score-save percentiles are measured directly and printed before criterion's figures.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use keel_core::exchange::{AssessorDoc, ExchangeFile};
use keel_core::framework::{builtin_framework, generated};
use keel_core::scoring::{NodeScore, RadarScore};
use keel_core::{Framework, NewOrganisation, OrganisationName, Sector};
use keel_store::{NewAssessment, Store};

fn assessor(key: &str) -> AssessorDoc {
    AssessorDoc { key: key.into(), name: format!("Assessor {key}"), role: String::new() }
}

fn organisation(store: &mut Store) -> i64 {
    let name = OrganisationName::parse("Bench Ltd").expect("name");
    store.add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] }).expect("org").id
}

fn new_assessment(organisation_id: i64, framework: &Framework, period: i32) -> NewAssessment<'_> {
    NewAssessment {
        organisation_id,
        framework,
        period,
        title: format!("Self-assessment {period}"),
        scope: "Whole organisation".into(),
        profile: "default".into(),
        custom_profile: None,
        assessors: vec![assessor("ana")],
    }
}

/// A RADAR score for an EFQM 2020 part, every attribute at `value`.
fn radar(framework: &Framework, node: &str, value: u8) -> NodeScore {
    let scheme = framework.node(node).and_then(|n| n.scheme).map(|s| &framework.schemes()[s]);
    let attributes = match scheme {
        Some(keel_core::framework::Scheme::Radar { elements, .. }) => {
            elements.iter().flat_map(|e| &e.attributes).map(|a| (a.id.clone(), value)).collect()
        }
        _ => BTreeMap::new(),
    };
    NodeScore::Radar(RadarScore { attributes, assessor_override: None })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn save_score(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let framework = builtin_framework("efqm-2020").expect("efqm");
    let org = organisation(&mut store);
    let id = store.create_assessment(&new_assessment(org, framework, 2025), "bench").expect("assessment");
    let parts: Vec<String> = framework.nodes().iter().filter(|n| n.is_assessable()).map(|n| n.id.clone()).collect();
    let scores: Vec<(String, NodeScore)> =
        parts.iter().enumerate().map(|(i, p)| (p.clone(), radar(framework, p, (i % 21) as u8 * 5))).collect();

    let mut times = Vec::with_capacity(1000);
    for i in 0..1000 {
        let (node, score) = &scores[i % scores.len()];
        let start = Instant::now();
        store.set_score(id, Some("ana"), node, Some(score), "", "bench").expect("save");
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "save one score (1000 saves, synchronous=FULL): p50 {:.2?}, p95 {:.2?}, p99 {:.2?}, max {:.2?}",
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

    let mut i = 0;
    c.bench_function("save one score", |b| {
        b.iter(|| {
            let (node, score) = &scores[i % scores.len()];
            i += 1;
            store.set_score(id, Some("ana"), node, Some(score), "", "bench").expect("save")
        })
    });
}

/// An exchange file of `framework` with every node scored by five assessors and agreed.
fn big_exchange_file(framework: &Framework) -> ExchangeFile {
    keel_core::demo::load_test_assessment(framework, 2025, 5)
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let framework = generated(30, 10);
    let file = big_exchange_file(&framework);
    assert_eq!(file.scores.values().map(BTreeMap::len).sum::<usize>(), 1500);
    let mut n = 0;
    c.bench_function("import 300 nodes x 5 assessors", |b| {
        b.iter_batched(
            || {
                n += 1;
                let mut copy = file.clone();
                copy.assessment.uid = format!("bench-{n}");
                copy
            },
            |copy| store.import_assessment(&copy, &framework, "bench").expect("import"),
            BatchSize::LargeInput,
        )
    });
}

fn list(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let framework = builtin_framework("iso-9001-2015").expect("iso");
    let org = organisation(&mut store);
    let start = Instant::now();
    for i in 0..10_000 {
        store.create_assessment(&new_assessment(org, framework, 2000 + i % 50), "bench").expect("assessment");
    }
    println!("set-up: 10,000 assessments created in {:.1?}", start.elapsed());
    c.bench_function("list 10,000 assessments", |b| {
        b.iter(|| {
            let all = store.assessments(None).expect("list");
            assert_eq!(all.len(), 10_000);
            all
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = save_score, import, list
}
criterion_main!(benches);
