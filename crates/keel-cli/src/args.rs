//! The `keel` command line: every command, argument and help text (clap); `main.rs` runs them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use keel_core::Sector;

#[derive(Debug, Parser)]
#[command(name = "keel", version, about = "Keel: self-assessment against excellence and quality models")]
pub struct Cli {
    /// Database file (default: $KEEL_DB, else the desktop app's database in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Organisations being assessed.
    #[command(subcommand)]
    Org(OrgCommand),
    /// List the frameworks Keel can assess against.
    Frameworks {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Work with framework files.
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// List the assessments in the database.
    Assessments {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Import an assessment exchange file; all or nothing.
    Import { file: PathBuf },
    /// Export data from the database.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Fill a database with the demo organisation (Northwind Castings: EFQM 2023-2025, ISO 9001
    /// 2025). Without --db it uses its own demo database, never your data.
    Demo,
    /// Draw one chart of an assessment as SVG or PNG (what the app shows).
    Chart {
        /// The assessment's id (see `keel assessments`).
        id: i64,
        /// criteria-radar, criterion-points, stakeholder-balance, conformity, coverage,
        /// year-on-year, trend, assessor-spread or kpi-trend.
        #[arg(long, value_parser = crate::exports::parse_chart_kind)]
        kind: keel_charts::ChartKind,
        #[arg(long, value_enum, default_value = "svg")]
        format: ChartFormatArg,
        /// The KPI of a kpi-trend chart (its key); default: the first.
        #[arg(long, value_name = "KEY")]
        kpi: Option<String>,
        /// Earlier assessments to compare with (default: the organisation's earlier ones with
        /// the same framework).
        #[arg(long, value_name = "ID", num_args = 1..)]
        compare: Vec<i64>,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Compare assessments of one organisation year on year: totals, criteria, most improved,
    /// areas of concern, stakeholder groups, lurches, completed actions.
    Compare {
        /// Two or more assessment ids (see `keel assessments`), in any order.
        #[arg(required = true, num_args = 2..)]
        ids: Vec<i64>,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
    },
    /// KPIs per stakeholder group.
    #[command(subcommand)]
    Kpi(KpiCommand),
    /// Merge assessors' own exchange files (each scored on their own machine) into the lead's
    /// assessment: all files or none; merging a file twice changes nothing.
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The assessment to merge into.
        #[arg(long, value_name = "ID")]
        into: i64,
    },
    /// Every assessor's score per part, the spread (min, max, standard deviation), the
    /// disagreements and the agreed score.
    Consensus {
        id: i64,
        /// Percentage points between the lowest and highest score above which assessors disagree.
        #[arg(long, default_value_t = keel_core::consensus::DISAGREEMENT_THRESHOLD)]
        threshold: f64,
        #[arg(long)]
        json: bool,
    },
    /// Write the management-review report of an assessment as PDF.
    Report {
        id: i64,
        /// Earlier assessments to compare with (default: the organisation's earlier ones with
        /// the same framework).
        #[arg(long, value_name = "ID", num_args = 1..)]
        compare: Vec<i64>,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Write a consistent copy of the database (safe while Keel is running).
    Backup {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Replace the database with a backup; the current file is kept among the rolling backups.
    Restore { file: PathBuf },
    /// The audit log, newest first: who changed what, when (from the window or this command).
    Audit {
        /// How many entries to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Check the database's integrity and foreign keys (exit 1 when anything is wrong).
    Check,
    /// Project an ISO 9001 score sheet onto EFQM 2020 through Keel's crosswalk: what it says
    /// about each EFQM part, and which parts and stakeholder groups it leaves uncovered.
    Project {
        /// A score sheet for iso-9001-2015.
        file: PathBuf,
        /// Print the projection as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score a score sheet or exchange file (JSON) without touching a database.
    Score {
        /// The score sheet: framework, profile and scores (see docs/score-sheet.md).
        file: PathBuf,
        /// Weighting profile to use instead of the sheet's (e.g. commercial, public-sector).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Print the full result as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A workbook: summary with native charts, node scores per assessor, evidence, actions, KPIs.
    Xlsx {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Node scores as CSV (agreed and per assessor), UTF-8 with a byte-order mark.
    Csv {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// `standard`: commas and decimal points; `european`: semicolons and decimal commas, as
        /// Excel reads CSV in German, French and most European locales.
        #[arg(long, value_name = "CONVENTION", default_value = "standard", value_parser = ["standard", "european"])]
        convention: String,
    },
    /// One assessment as an exchange file (see docs/exchange-format.md).
    Assessment {
        /// The assessment's id (see `keel assessments`).
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// Show one framework: its tree, points, schemes and stakeholder tags.
    Show {
        /// A built-in framework id (see `keel frameworks`).
        id: String,
        /// Weighting profile whose points to show.
        #[arg(long, value_name = "NAME", default_value = "default")]
        profile: String,
        /// Print the nodes as JSON (id, number, title, depth, points, scheme, stakeholders).
        #[arg(long)]
        json: bool,
    },
    /// Check framework files; prints every problem with its JSON path (exit 1 if any).
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Record a new organisation.
    Add {
        /// The organisation's name (1-200 characters).
        name: String,
        /// Commercial firm or public-sector body; sets how stakeholder groups are weighed.
        #[arg(long, value_enum)]
        sector: SectorArg,
        /// A site (plant, office, location); repeat for several.
        #[arg(long, value_name = "NAME")]
        site: Vec<String>,
    },
    /// List organisations, sorted by name.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Add or update KPIs and their values from a CSV file (one row per value; header
    /// key,name,group,unit,direction,target,financial,period,value). All rows or none.
    Import {
        file: PathBuf,
        /// The organisation's id (see `keel org list --json`).
        #[arg(long, value_name = "ID")]
        org: i64,
    },
    /// An organisation's KPIs with their values.
    List {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChartFormatArg {
    Svg,
    /// Screen size, 96 dpi.
    Png,
    /// A4 width at 300 dpi.
    PrintPng,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SectorArg {
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

impl From<ChartFormatArg> for keel_export::ChartFormat {
    fn from(arg: ChartFormatArg) -> keel_export::ChartFormat {
        match arg {
            ChartFormatArg::Svg => keel_export::ChartFormat::Svg,
            ChartFormatArg::Png => keel_export::ChartFormat::Png,
            ChartFormatArg::PrintPng => keel_export::ChartFormat::PrintPng,
        }
    }
}
