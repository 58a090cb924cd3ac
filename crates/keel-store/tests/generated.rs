//! The generated load-test population (keel_store::generated): the counts asked for, one
//! organisation with every year, all through the store's own import.

use keel_store::generated::{generate, Population};
use keel_store::Store;

#[test]
fn the_population_has_the_counts_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let population = Population { organisations: 7, assessments: 90, long_years: 20 };
    let generated = generate(&mut store, population).expect("generate");
    assert_eq!(generated.assessments, 90);
    assert_eq!(store.assessments(None).expect("all").len(), 90);
    assert_eq!(store.organisations().expect("organisations").len(), 7);
    assert_eq!(generated.organisations, 7);

    let long: Vec<_> = generated.long_running.iter().map(|&id| store.assessment(id).expect("assessment")).collect();
    let periods: Vec<i32> = long.iter().map(|a| a.period).collect();
    assert_eq!(periods, (2006..=2025).collect::<Vec<_>>());
    assert!(long.iter().all(|a| a.organisation == Population::LONG_RUNNING && a.framework == "efqm-2020"));
    let newest = *generated.long_running.last().expect("years");
    assert_eq!(store.history(newest, &[]).expect("history"), generated.long_running[..19].to_vec());
    // KPI values for every year, so the KPI table has 20 columns to fit.
    let kpis = store.kpis(long[0].organisation_id).expect("kpis");
    assert!(!kpis.is_empty() && kpis.iter().all(|k| k.values.len() == 20), "{kpis:?}");
    // Older years score lower, so the comparison shows a trend.
    let total = |id: i64| {
        let (file, framework) = store.export_with_framework(id).expect("export");
        let scores = file.consensus.iter().map(|(node, c)| (node.clone(), c.score.clone())).collect();
        keel_core::scoring::score(&framework, &framework.default_weights(), &scores).expect("score").total_points
    };
    assert!(total(generated.long_running[0]) < total(newest));
    // The final assessments are sealed as any import seals them: the daily check finds nothing.
    store.verify().expect("the generated database passes the daily check");
}

#[test]
fn a_second_run_is_refused_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let population = Population { organisations: 3, assessments: 30, long_years: 5 };
    generate(&mut store, population).expect("generate");
    let settings = store.connection_settings().expect("settings");
    let again = generate(&mut store, population);
    assert!(matches!(again, Err(keel_store::StoreError::AssessmentExists { .. })), "{again:?}");
    assert_eq!(store.assessments(None).expect("all").len(), 30);
    // The bulk load's settings (no fsync) end with it, on failure too.
    assert_eq!(store.connection_settings().expect("settings"), settings);
    assert_eq!(settings.synchronous, 2, "FULL");
}
