//! `keel kpi import FILE --org ID` and `keel kpi list --org ID`: an organisation's KPIs per
//! stakeholder group, read from CSV (see `keel_core::kpi`).

use std::io::Write;
use std::path::Path;

use keel_core::scoring::fmt_number;
use keel_store::Store;

use crate::CliError;

/// Reads and checks the file first: bad input never creates or opens the database.
pub fn import(
    store: impl FnOnce() -> Result<Store, CliError>,
    path: &Path,
    organisation: i64,
    actor: &str,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let kpis = keel_usecases::kpis::read_csv(path)?;
    keel_usecases::kpis::save(&mut store()?, organisation, &kpis, actor)?;
    let values: usize = kpis.iter().map(|k| k.values.len()).sum();
    writeln!(out, "saved {} KPIs with {values} values for organisation {organisation}", kpis.len())?;
    Ok(())
}

pub fn list(store: &Store, organisation: i64, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let kpis = keel_usecases::kpis::list(store, organisation)?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&kpis)?)?;
        return Ok(());
    }
    if kpis.is_empty() {
        writeln!(out, "no KPIs yet; import them with `keel kpi import FILE --org {organisation}`")?;
    }
    for k in &kpis {
        let series: Vec<String> = k.values.iter().map(|(p, v)| format!("{p}: {}", fmt_number(*v))).collect();
        let target = k.target.map(|t| format!(", target {}", fmt_number(t))).unwrap_or_default();
        writeln!(
            out,
            "{:<14} {:<36} {:<22} {}{target}{}  {}",
            k.key,
            k.name,
            k.group.label(),
            k.direction.id(),
            if k.financial { ", financial" } else { "" },
            series.join("  ")
        )?;
    }
    Ok(())
}
