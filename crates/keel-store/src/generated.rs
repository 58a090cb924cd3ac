//! A generated load-test population (issue 17): thousands of assessments in hundreds of
//! organisations, one organisation with many years, written through the store's own bulk import
//! in seconds. Used by the store's query-plan tests, the benchmarks and `make bench`'s window
//! measurements; never stored in the repository.

use keel_core::exchange::{ExchangeFile, KpiDoc};
use keel_core::framework::builtin_framework;
use keel_core::scoring::NodeScore;
use keel_core::Framework;

use crate::{Store, StoreError};

/// The size of a generated database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Population {
    /// Organisations in all (the long-running one included).
    pub organisations: usize,
    /// Assessments in all.
    pub assessments: usize,
    /// Yearly EFQM assessments of the first organisation, ending in [`Population::LAST_YEAR`].
    pub long_years: usize,
}

impl Population {
    /// The newest period of every generated organisation.
    pub const LAST_YEAR: i32 = 2025;
    /// The name of the organisation with [`Population::long_years`] years.
    pub const LONG_RUNNING: &'static str = "Aardvark Long Run Ltd";

    /// What issue 17 measures at: 10,000 assessments in 500 organisations, one with 20 years.
    pub const LARGE: Population = Population { organisations: 500, assessments: 10_000, long_years: 20 };
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub organisations: usize,
    pub assessments: usize,
    /// The long-running organisation's assessment ids, oldest first.
    pub long_running: Vec<i64>,
}

/// Fills `store` with `population`: the first organisation gets `long_years` EFQM 2020
/// assessments (scores rising year on year, KPI values for every year); the others share the
/// remaining assessments round-robin, alternating the demo's EFQM 2020 and ISO 9001 assessments
/// over the years before [`Population::LAST_YEAR`]. Written in batches, each one transaction.
pub fn generate(store: &mut Store, population: Population) -> Result<Generated, StoreError> {
    // A bulk load of ~300 MB: no fsync per batch and a 128 MiB page cache (instead of 2 MiB) so
    // the B-trees do not spill to the WAL between batches (10.0 s instead of 11.3 s for the
    // large population, release build). A generated file is made again if the load is cut
    // short; the connection's own settings come back afterwards, whatever happened.
    let path = store.path.clone();
    let err = |e| crate::classify(&path, e);
    let cache: i64 = store.conn.pragma_query_value(None, "cache_size", |r| r.get(0)).map_err(err)?;
    store.conn.pragma_update(None, "synchronous", "OFF").map_err(err)?;
    store.conn.pragma_update(None, "cache_size", -131_072).map_err(err)?;
    let written = write(store, population);
    let restored = store
        .conn
        .pragma_update(None, "synchronous", "FULL")
        .and_then(|()| store.conn.pragma_update(None, "cache_size", cache))
        .map_err(err);
    let generated = written?;
    restored?;
    Ok(generated)
}

fn write(store: &mut Store, population: Population) -> Result<Generated, StoreError> {
    let templates = keel_core::demo::assessments();
    let efqm = &templates[2];
    let iso = &templates[3];
    let efqm_framework = builtin("efqm-2020")?;
    let iso_framework = builtin("iso-9001-2015")?;
    let mut batch: Vec<(ExchangeFile, &Framework)> = Vec::new();
    let mut generated = Generated { organisations: 0, assessments: 0, long_running: Vec::new() };
    let long_years = population.long_years.min(population.assessments);
    let others = population.organisations.saturating_sub(1).max(1);
    let rest = population.assessments - long_years;
    let flush = |store: &mut Store, batch: &mut Vec<(ExchangeFile, &Framework)>| -> Result<Vec<i64>, StoreError> {
        let ids = store.import_assessments(batch, "generator")?;
        batch.clear();
        Ok(ids)
    };
    for year in 0..long_years {
        let period = Population::LAST_YEAR - (long_years - 1 - year) as i32;
        let behind = Population::LAST_YEAR - period;
        let mut file = efqm.clone();
        lower_scores(&mut file, behind);
        file.kpis = kpis_for(&file.kpis, period);
        rename(&mut file, Population::LONG_RUNNING, period, &format!("gen-long-{period}"));
        batch.push((file, efqm_framework));
    }
    generated.long_running = flush(store, &mut batch)?;
    for i in 0..rest {
        let org = i % others;
        let round = i / others;
        let period = Population::LAST_YEAR - (round / 2) as i32;
        let (template, framework) = if round.is_multiple_of(2) { (efqm, efqm_framework) } else { (iso, iso_framework) };
        let mut file = template.clone();
        lower_scores(&mut file, (org % 7) as i32 + Population::LAST_YEAR - period);
        file.kpis.clear();
        rename(&mut file, &format!("Generated Organisation {:04}", org + 1), period, &format!("gen-{org}-{round}"));
        batch.push((file, framework));
        if batch.len() == 500 {
            flush(store, &mut batch)?;
        }
    }
    flush(store, &mut batch)?;
    generated.assessments = population.assessments;
    generated.organisations = if rest == 0 { 1 } else { 1 + others.min(rest) };
    Ok(generated)
}

fn builtin(id: &str) -> Result<&'static Framework, StoreError> {
    builtin_framework(id).ok_or(StoreError::NotFound { what: "framework", id: id.to_owned() })
}

fn rename(file: &mut ExchangeFile, organisation: &str, period: i32, uid: &str) {
    file.organisation.name = organisation.to_owned();
    file.assessment.uid = uid.to_owned();
    file.assessment.period = period;
    file.assessment.title = format!("Self-assessment {period}");
}

/// Moves every RADAR attribute `years` × 2.5 points down (in steps of 5, never below 5), so that
/// older years score lower and a comparison has something to show.
fn lower_scores(file: &mut ExchangeFile, years: i32) {
    let step = |v: u8| -> u8 {
        let lowered = f64::from(v) - 2.5 * f64::from(years.max(0));
        ((lowered / 5.0).round() * 5.0).clamp(5.0, 100.0) as u8
    };
    let lower = |score: &mut NodeScore| {
        if let NodeScore::Radar(radar) = score {
            for value in radar.attributes.values_mut() {
                *value = step(*value);
            }
        }
    };
    for scores in file.scores.values_mut() {
        scores.values_mut().for_each(lower);
    }
    for agreed in file.consensus.values_mut() {
        lower(&mut agreed.score);
    }
}

/// The demo's KPIs with one value for `period`, drifting a little per year.
fn kpis_for(kpis: &[KpiDoc], period: i32) -> Vec<KpiDoc> {
    kpis.iter()
        .map(|kpi| {
            let last = kpi.values.values().next_back().copied().unwrap_or(0.0);
            let drift = 1.0 - 0.01 * f64::from(Population::LAST_YEAR - period);
            let mut kpi = kpi.clone();
            kpi.values = [(period.to_string(), (last * drift * 100.0).round() / 100.0)].into();
            kpi
        })
        .collect()
}
