//! `keel demo`, `keel chart`, `keel report` and `keel export xlsx|csv`: load an assessment and
//! its history from the store into a [`Pack`], hand it to keel-export, write atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use keel_charts::ChartKind;
use keel_export::{Pack, Scored};
use keel_store::Store;

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
    let (file, framework) = store.export_with_framework(id)?;
    Ok(Scored::new(file, framework)?)
}

/// Assessment `id` with the earlier ones to compare and its counterpart (see
/// [`Store::pack_members`]).
pub fn pack(store: &Store, id: i64, compare: &[i64]) -> Result<Pack, CliError> {
    let members = store.pack_members(id, compare)?;
    Ok(Pack {
        current: scored(store, members.current)?,
        earlier: members.earlier.into_iter().map(|other| scored(store, other)).collect::<Result<_, _>>()?,
        counterpart: members.counterpart.map(|other| scored(store, other)).transpose()?,
        date: chrono::Local::now().date_naive().to_string(),
    })
}

pub fn write(output: &Path, bytes: &[u8], what: &str, out: &mut impl Write) -> Result<(), CliError> {
    keel_export::write_atomically(output, bytes)?;
    writeln!(out, "wrote the {what} to {} ({} bytes)", output.display(), bytes.len())?;
    Ok(())
}

/// The demo's own database: beside the user's, never the user's.
fn demo_database() -> Result<PathBuf, CliError> {
    let user = keel_store::default_database_path()?;
    Ok(user.with_file_name(keel_store::DEMO_DATABASE_FILE_NAME))
}

pub fn demo(db: Option<PathBuf>, out: &mut impl Write) -> Result<(), CliError> {
    let path = match db {
        Some(path) => path,
        None => demo_database()?,
    };
    let mut store = Store::open(&path)?;
    for entry in store.install_demo(&actor())? {
        match entry.added {
            Some(id) => writeln!(out, "added \"{}\" as assessment {id}", entry.title)?,
            None => writeln!(out, "\"{}\" is already there", entry.title)?,
        }
    }
    writeln!(out, "demo database: {}", path.display())?;
    Ok(())
}
