//! `keel merge FILE… --into ID` (assessors' own files into the lead's assessment) and
//! `keel consensus ID`: every assessor's score per node, the spread and the disagreements.

use std::io::Write;
use std::path::PathBuf;

use keel_core::scoring::{fmt_number, fmt_points};
use keel_store::Store;
use keel_usecases::consensus::spread_of;

use crate::CliError;

/// Reads and checks every file first: bad input never creates or opens the database.
pub fn merge(
    store: impl FnOnce() -> Result<Store, CliError>,
    files: &[PathBuf],
    into: i64,
    actor: &str,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let files = keel_usecases::consensus::read_files(files)?;
    let mut store = store()?;
    let merged = keel_usecases::consensus::merge(&mut store, &files, into, actor)?;
    if merged.is_empty() {
        writeln!(out, "no assessor scores or notes in the files; nothing merged")?;
    }
    for m in &merged {
        writeln!(
            out,
            "{}: {} ({}){} — {} scores added, {} changed, {} unchanged, {} notes added",
            m.origin,
            m.name,
            m.key,
            if m.new { ", new assessor" } else { "" },
            m.added,
            m.changed,
            m.unchanged,
            m.notes_added
        )?;
    }
    if !merged.iter().any(keel_store::MergedAssessor::changed_anything) && !merged.is_empty() {
        writeln!(out, "nothing changed: these scores were already merged")?;
    }
    let rows = spread_of(&store, into, keel_core::limits::DISAGREEMENT_THRESHOLD)?.1;
    let flagged = rows.iter().filter(|r| r.disagreement).count();
    writeln!(
        out,
        "{flagged} of {} scored parts disagree by more than the threshold; see `keel consensus {into}`",
        rows.len()
    )?;
    Ok(())
}

pub fn consensus(store: &Store, id: i64, threshold: f64, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let (file, rows) = spread_of(store, id, threshold)?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "no assessor has scored assessment {id} yet; merge their files with `keel merge`")?;
        return Ok(());
    }
    let keys: Vec<&str> = file.assessors.iter().map(|a| a.key.as_str()).collect();
    let cell = |v: Option<f64>| v.map_or("—".to_owned(), fmt_points);
    write!(out, "{:<48}", "PART")?;
    for key in &keys {
        write!(out, " {key:>8}")?;
    }
    writeln!(out, " {:>6} {:>6} {:>6} {:>7}  FLAG", "MIN", "MAX", "SD", "AGREED")?;
    for r in &rows {
        let title: String = format!("{} {}", r.number, r.title).chars().take(47).collect();
        write!(out, "{title:<48}")?;
        for p in &r.percents {
            write!(out, " {:>8}", cell(*p))?;
        }
        writeln!(
            out,
            " {:>6} {:>6} {:>6} {:>7}  {}",
            cell(r.min),
            cell(r.max),
            cell(r.std_dev),
            cell(r.agreed),
            if r.disagreement { "DISAGREE" } else { "" }
        )?;
    }
    let flagged = rows.iter().filter(|r| r.disagreement).count();
    writeln!(out, "\n{flagged} part(s) where assessors are more than {} points apart", fmt_number(threshold))?;
    Ok(())
}
