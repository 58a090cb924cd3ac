//! An organisation's KPIs per stakeholder group: listed, imported from CSV (all rows or none),
//! one value recorded at a time.

use std::path::Path;

use keel_core::exchange::KpiDoc;
use keel_core::form::KpiInput;
use keel_store::Store;

use crate::{files, Error};

pub fn list(store: &Store, organisation: i64) -> Result<Vec<KpiDoc>, Error> {
    Ok(store.kpis(organisation)?)
}

/// Reads and checks a KPI CSV file (every bad cell by line and column), before any database
/// is opened.
pub fn read_csv(path: &Path) -> Result<Vec<KpiDoc>, Error> {
    Ok(keel_core::kpi::parse_csv(&files::read_text(path)?, &path.display().to_string())?)
}

/// Saves checked KPIs (all rows or none), merged by key and period.
pub fn save(store: &mut Store, organisation: i64, kpis: &[KpiDoc], actor: &str) -> Result<(), Error> {
    Ok(store.save_kpis(organisation, kpis, actor)?)
}

/// Records one KPI value (creating the KPI when new); returns the organisation's KPIs.
pub fn record(store: &mut Store, organisation: i64, input: &KpiInput, actor: &str) -> Result<Vec<KpiDoc>, Error> {
    let doc = input.doc(&store.kpis(organisation)?)?;
    store.save_kpis(organisation, &[doc], actor)?;
    Ok(store.kpis(organisation)?)
}
