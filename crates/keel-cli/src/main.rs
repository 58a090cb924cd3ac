//! The `keel` command: Keel without a window, for scripts, batch exports and servers.
//!
//! Glue only: parse arguments, call keel-core and keel-store, print. Errors are reported once,
//! here, as `keel: error: …` on stderr with exit code 1 (2 for usage errors, from clap).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use keel_core::{NewOrganisation, OrganisationName, OrganisationNameError, Sector};
use keel_store::{Store, StoreError};

#[derive(Debug, Parser)]
#[command(
    name = "keel",
    version,
    about = "Keel: self-assessment against excellence and quality models"
)]
struct Cli {
    /// Database file (default: $KEEL_DB, else the desktop app's database in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Organisations being assessed.
    #[command(subcommand)]
    Org(OrgCommand),
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// Record a new organisation.
    Add {
        /// The organisation's name (1-200 characters).
        name: String,
        /// Commercial firm or public-sector body; sets how stakeholder groups are weighed.
        #[arg(long, value_enum)]
        sector: SectorArg,
    },
    /// List organisations, sorted by name.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SectorArg {
    Commercial,
    PublicSector,
}

impl From<SectorArg> for Sector {
    fn from(arg: SectorArg) -> Sector {
        match arg {
            SectorArg::Commercial => Sector::Commercial,
            SectorArg::PublicSector => Sector::PublicSector,
        }
    }
}

/// Everything the CLI can fail with; printed once in `main`.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Name(#[from] OrganisationNameError),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keel: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let path = match cli.db {
        Some(path) => path,
        None => keel_store::default_database_path()?,
    };
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Org(OrgCommand::Add { name, sector }) => {
            // Validate before opening: a bad name must not even create the database.
            let new = NewOrganisation {
                name: OrganisationName::parse(&name)?,
                sector: sector.into(),
            };
            let mut store = Store::open(&path)?;
            let org = store.add_organisation(&new)?;
            writeln!(
                out,
                "added organisation {} \"{}\" ({})",
                org.id,
                org.name,
                org.sector.label()
            )?;
        }
        Command::Org(OrgCommand::List { json }) => {
            let store = Store::open(&path)?;
            let orgs = store.organisations()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &orgs)?;
                writeln!(out)?;
            } else if orgs.is_empty() {
                writeln!(
                    out,
                    "no organisations yet; add one with: keel org add NAME --sector commercial"
                )?;
            } else {
                writeln!(out, "{:>4}  {:<13}  NAME", "ID", "SECTOR")?;
                for org in &orgs {
                    writeln!(out, "{:>4}  {:<13}  {}", org.id, org.sector.id(), org.name)?;
                }
            }
        }
    }
    Ok(())
}
