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

/// Imports a KPI CSV file (all rows or none); returns the KPIs the file held.
pub fn import(store: &mut Store, organisation: i64, path: &Path, actor: &str) -> Result<Vec<KpiDoc>, Error> {
    let kpis = keel_core::kpi::parse_csv(&files::read_text(path)?, &path.display().to_string())?;
    store.save_kpis(organisation, &kpis, actor)?;
    Ok(kpis)
}

/// Records one KPI value (creating the KPI when new); returns the organisation's KPIs.
pub fn record(store: &mut Store, organisation: i64, input: &KpiInput, actor: &str) -> Result<Vec<KpiDoc>, Error> {
    let doc = input.doc(&store.kpis(organisation)?)?;
    store.save_kpis(organisation, &[doc], actor)?;
    Ok(store.kpis(organisation)?)
}
