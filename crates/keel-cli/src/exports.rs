//! What `keel demo`, `keel chart`, `keel report` and `keel export` print, and the chart kinds
//! `--kind` accepts.

use std::io::Write;
use std::path::{Path, PathBuf};

use keel_charts::ChartKind;
use keel_usecases::{database, packs};

use crate::CliError;

/// An unknown `--kind`, with the kinds there are.
#[derive(Debug, thiserror::Error)]
#[error("unknown chart kind {given:?}; one of: {known}")]
pub struct UnknownChartKind {
    given: String,
    known: String,
}

pub fn parse_chart_kind(id: &str) -> Result<ChartKind, UnknownChartKind> {
    ChartKind::from_id(id).ok_or_else(|| UnknownChartKind {
        given: id.to_owned(),
        known: ChartKind::ALL.iter().map(|k| k.id()).collect::<Vec<_>>().join(", "),
    })
}

pub fn write(output: &Path, bytes: &[u8], what: &str, out: &mut impl Write) -> Result<(), CliError> {
    let done = packs::write(output, bytes)?;
    writeln!(out, "wrote the {what} to {} ({} bytes)", done.path, done.bytes)?;
    Ok(())
}

pub fn demo(db: Option<PathBuf>, actor: &str, out: &mut impl Write) -> Result<(), CliError> {
    // Without --db the demo goes to its own database beside the user's, never into it.
    let path = match db {
        Some(path) => path,
        None => database::demo_path(&database::path(None)?),
    };
    let (_, installed) = database::open_demo(&path, actor)?;
    for entry in installed {
        match entry.added {
            Some(id) => writeln!(out, "added \"{}\" as assessment {id}", entry.title)?,
            None => writeln!(out, "\"{}\" is already there", entry.title)?,
        }
    }
    writeln!(out, "demo database: {}", path.display())?;
    Ok(())
}
