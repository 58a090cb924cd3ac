//! `keel demo`, `keel chart`, `keel report` and `keel export xlsx|csv`: load an assessment and
//! its history from the store into a [`Pack`], hand it to keel-export, write atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use keel_charts::ChartKind;
use keel_core::demo;
use keel_export::{Pack, Scored};
use keel_store::{Store, StoreError};

use crate::{actor, CliError};

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

fn scored(store: &Store, id: i64) -> Result<Scored, CliError> {
    Ok(Scored::new(store.export_assessment(id)?, store.assessment_framework(id)?)?)
}

/// Assessment `id` with the earlier ones to compare: `compare` when given, else the same
/// organisation's assessments against the same framework from earlier periods.
pub fn pack(store: &Store, id: i64, compare: &[i64]) -> Result<Pack, CliError> {
    let current = scored(store, id)?;
    let ids: Vec<i64> = if compare.is_empty() {
        let all = store.assessments(None)?;
        let this =
            all.iter().find(|a| a.id == id).ok_or(StoreError::NotFound { what: "assessment", id: id.to_string() })?;
        all.iter()
            .filter(|a| {
                a.organisation_id == this.organisation_id && a.framework == this.framework && a.period < this.period
            })
            .map(|a| a.id)
            .collect()
    } else {
        compare.to_vec()
    };
    let mut earlier = ids
        .into_iter()
        .filter(|&other| other != id)
        .map(|other| scored(store, other))
        .collect::<Result<Vec<_>, _>>()?;
    earlier.sort_by_key(|s| s.file.assessment.period);
    Ok(Pack { current, earlier, date: chrono::Local::now().date_naive().to_string() })
}

pub fn write(output: &Path, bytes: &[u8], what: &str, out: &mut impl Write) -> Result<(), CliError> {
    keel_export::write_atomically(output, bytes)?;
    writeln!(out, "wrote the {what} to {} ({} bytes)", output.display(), bytes.len())?;
    Ok(())
}

/// The demo's own database: beside the user's, never the user's.
fn demo_database() -> Result<PathBuf, CliError> {
    let user = keel_store::default_database_path()?;
    Ok(user.with_file_name("keel-demo.sqlite3"))
}

pub fn demo(db: Option<PathBuf>, out: &mut impl Write) -> Result<(), CliError> {
    let path = match db {
        Some(path) => path,
        None => demo_database()?,
    };
    let mut store = Store::open(&path)?;
    for file in demo::assessments() {
        let json = serde_json::to_string(&file)?;
        let (file, framework) = keel_core::exchange::ExchangeFile::parse(&json, "demo")?;
        match store.import_assessment(&file, &framework, &actor()) {
            Ok(id) => writeln!(out, "added \"{}\" as assessment {id}", file.assessment.title)?,
            Err(StoreError::AssessmentExists { .. }) => {
                writeln!(out, "\"{}\" is already there", file.assessment.title)?
            }
            Err(e) => return Err(e.into()),
        }
    }
    writeln!(out, "demo database: {}", path.display())?;
    Ok(())
}
