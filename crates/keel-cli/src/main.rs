//! The `keel` command: Keel without a window, for scripts, batch exports and servers.
//!
//! Glue only: parse arguments, call keel-core and keel-store, print. Errors are reported once,
//! here, as `keel: error: …` on stderr with exit code 1 (2 for usage errors, from clap).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use keel_core::crosswalk::iso_9001_to_efqm_2020;
use keel_core::framework::{builtin, builtin_framework};
use keel_core::scoring::{fmt_number, ScoreReport, Status};
use keel_core::sheet::ScoreSheet;
use keel_core::{Framework, InputError, NewOrganisation, OrganisationName, OrganisationNameError, Sector};
use keel_store::{Store, StoreError};

mod compare;
mod consensus;
mod exports;
mod input;
mod kpis;

#[derive(Debug, Parser)]
#[command(name = "keel", version, about = "Keel: self-assessment against excellence and quality models")]
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
        #[arg(long, value_parser = exports::parse_chart_kind)]
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
    /// Check the database's integrity and foreign keys (exit 1 when anything is wrong).
    Check,
    /// The audit log, newest first: who changed what, when (from the window or this command).
    Audit {
        /// How many entries to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
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
enum ExportCommand {
    /// A workbook: summary with native charts, node scores per assessor, evidence, actions, KPIs.
    Xlsx {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Node scores as CSV (agreed and per assessor).
    Csv {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
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
enum FrameworkCommand {
    /// Show one framework: its tree, points, schemes and stakeholder tags.
    Show {
        /// A built-in framework id (see `keel frameworks`).
        id: String,
        /// Weighting profile whose points to show.
        #[arg(long, value_name = "NAME", default_value = "default")]
        profile: String,
    },
    /// Check framework files; prints every problem with its JSON path (exit 1 if any).
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
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
enum KpiCommand {
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
enum ChartFormatArg {
    Svg,
    /// Screen size, 96 dpi.
    Png,
    /// A4 width at 300 dpi.
    PrintPng,
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
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    File(#[from] input::FileError),
    /// Problems already printed (e.g. by `framework validate`); only the exit code is left.
    #[error("{0}")]
    Reported(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Export(#[from] keel_export::ExportError),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`keel … | head`): nothing left to say.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keel: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Org(command) => org(cli.db, command, &mut out),
        Command::Assessments { json } => assessments(&open(cli.db)?, json, &mut out),
        Command::Import { file } => import(&mut open(cli.db)?, &file, &mut out),
        Command::Export(ExportCommand::Assessment { id, output }) => {
            let store = open(cli.db)?;
            let file = store.export_assessment(id)?;
            keel_export::write_atomically(&output, (serde_json::to_string_pretty(&file)? + "\n").as_bytes())?;
            writeln!(
                out,
                "exported assessment {id} \"{}\" ({}) to {}",
                file.assessment.title,
                file.assessment.period,
                output.display()
            )?;
            Ok(())
        }
        Command::Backup { output } => {
            open(cli.db)?.backup_to(&output)?;
            writeln!(out, "backed up to {}", output.display())?;
            Ok(())
        }
        Command::Restore { file } => {
            let path = database_path(cli.db)?;
            keel_store::restore(&path, &file)?;
            writeln!(
                out,
                "restored {} from {}; the replaced file is in {}",
                path.display(),
                file.display(),
                keel_store::backups_dir(&path).display()
            )?;
            Ok(())
        }
        Command::Check => check(&open(cli.db)?, &mut out),
        Command::Audit { limit, json } => audit(&open(cli.db)?, limit, json, &mut out),
        Command::Demo => exports::demo(cli.db, &mut out),
        Command::Chart { id, kind, format, kpi, compare, output } => {
            let format = match format {
                ChartFormatArg::Svg => keel_export::ChartFormat::Svg,
                ChartFormatArg::Png => keel_export::ChartFormat::Png,
                ChartFormatArg::PrintPng => keel_export::ChartFormat::PrintPng,
            };
            let pack = exports::pack(&open(cli.db)?, id, &compare)?;
            let bytes = keel_export::chart_file(&pack.chart(kind, kpi.as_deref())?, format)?;
            exports::write(&output, &bytes, &format!("{} chart", kind.id()), &mut out)
        }
        Command::Kpi(KpiCommand::Import { file, org }) => kpis::import(&mut open(cli.db)?, &file, org, &mut out),
        Command::Kpi(KpiCommand::List { org, json }) => kpis::list(&open(cli.db)?, org, json, &mut out),
        Command::Merge { files, into } => consensus::merge(&mut open(cli.db)?, &files, into, &mut out),
        Command::Consensus { id, threshold, json } => {
            consensus::consensus(&open(cli.db)?, id, threshold, json, &mut out)
        }
        Command::Compare { ids, json } => compare::compare(&open(cli.db)?, &ids, json, &mut out),
        Command::Report { id, compare, output } => {
            let pack = exports::pack(&open(cli.db)?, id, &compare)?;
            exports::write(&output, &keel_export::report_pdf(&pack)?, "report", &mut out)
        }
        Command::Export(ExportCommand::Xlsx { id, output }) => {
            let pack = exports::pack(&open(cli.db)?, id, &[])?;
            exports::write(&output, &keel_export::workbook_xlsx(&pack)?, "workbook", &mut out)
        }
        Command::Export(ExportCommand::Csv { id, output }) => {
            let pack = exports::pack(&open(cli.db)?, id, &[])?;
            exports::write(&output, &keel_export::node_scores_csv(&pack)?, "node scores", &mut out)
        }
        Command::Frameworks { json } => {
            // Imported frameworks live in the database; listing must not create one.
            let path = database_path(cli.db)?;
            let imported = if path.exists() { Store::open(&path)?.imported_frameworks()? } else { Vec::new() };
            frameworks(&imported, json, &mut out)
        }
        Command::Framework(FrameworkCommand::Validate { files }) => validate(&files, &mut out),
        Command::Framework(FrameworkCommand::Show { id, profile }) => show(&id, &profile, &mut out),
        Command::Score { file, profile, json } => score(&file, profile.as_deref(), json, &mut out),
        Command::Project { file, json } => project(&file, json, &mut out),
    }
}

fn show(id: &str, profile: &str, out: &mut impl Write) -> Result<(), CliError> {
    let unknown = |path: &str, message: String| CliError::Input(InputError::one("keel framework show", path, message));
    let framework = builtin_framework(id).ok_or_else(|| {
        let known: Vec<&str> = builtin().iter().map(Framework::id).collect();
        unknown("id", format!("unknown framework {id:?}; built in: {}", known.join(", ")))
    })?;
    let weights = framework.weights(profile).ok_or_else(|| {
        unknown("--profile", format!("unknown profile {profile:?}; available: {}", framework.profile_ids().join(", ")))
    })?;
    writeln!(out, "{} ({} {}, profile {profile})", framework.title(), framework.id(), framework.version())?;
    writeln!(out, "{}\n", framework.source())?;
    writeln!(out, "{:<8} {:<66} {:>8}  {:<16} STAKEHOLDERS", "NODE", "TITLE", "POINTS", "SCHEME")?;
    for (i, node) in framework.nodes().iter().enumerate() {
        let title = format!("{}{}", "  ".repeat(node.depth), node.title);
        let scheme = node.scheme.map(|s| framework.schemes()[s].id()).unwrap_or("");
        let groups: Vec<&str> = node.stakeholders.iter().map(|g| g.id()).collect();
        let line = format!(
            "{:<8} {:<66} {:>8}  {:<16} {}",
            node.number,
            title,
            fmt_number(weights.points[i]),
            scheme,
            groups.join(", ")
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn project(path: &std::path::Path, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let origin = path.display().to_string();
    let sheet = ScoreSheet::parse(&input::read_text(path)?, &origin)?;
    let crosswalk = iso_9001_to_efqm_2020();
    if sheet.framework != crosswalk.from {
        let message =
            format!("is {:?}; the crosswalk projects {} onto {}", sheet.framework, crosswalk.from, crosswalk.to);
        return Err(CliError::Input(InputError::one(&origin, "framework", message)));
    }
    let report = sheet.score(None, &origin)?;
    let target = builtin_framework(&crosswalk.to).ok_or_else(|| CliError::Reported("EFQM 2020 is missing".into()))?;
    let projection = keel_core::crosswalk::project(crosswalk, &report, target);
    if json {
        serde_json::to_writer_pretty(&mut *out, &projection)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{} seen through {} ({})", target.title(), crosswalk.id, crosswalk.from)?;
    writeln!(out, "{:<6} {:<62} {:>7} {:>9}  FROM", "PART", "TITLE", "%", "EVIDENCE")?;
    for n in &projection.nodes {
        let percent = n.percent.map(fmt_number).unwrap_or_else(|| "-".into());
        let evidence = format!("{} %", fmt_number(n.coverage * 100.0));
        writeln!(out, "{:<6} {:<62} {:>7} {:>9}  {}", n.number, n.title, percent, evidence, n.sources.join(", "))?;
    }
    writeln!(out, "\nEFQM parts this assessment says nothing about: {}", projection.uncovered.join(", "))?;
    writeln!(out, "\nStakeholder groups (share of each group's EFQM points with any evidence):")?;
    for g in &projection.groups {
        let left =
            if g.uncovered.is_empty() { String::new() } else { format!("; nothing on {}", g.uncovered.join(", ")) };
        writeln!(out, "  {:<22} {:>6} %{left}", g.group.label(), fmt_number(g.coverage))?;
    }
    let unassessed: Vec<&str> = projection.uncovered_groups.iter().map(|g| g.label()).collect();
    if !unassessed.is_empty() {
        writeln!(out, "Left largely unassessed (under half covered): {}", unassessed.join(", "))?;
    }
    Ok(())
}

fn frameworks(imported: &[Framework], json: bool, out: &mut impl Write) -> Result<(), CliError> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row<'a> {
        id: &'a str,
        title: &'a str,
        edition: &'a str,
        version: &'a str,
        nodes: usize,
        assessable: usize,
        max_points: f64,
        profiles: Vec<&'a str>,
        hash: &'a str,
        origin: &'a str,
    }
    let origin = |f: &Framework| {
        if builtin().iter().any(|b| b.content_hash() == f.content_hash()) {
            "built-in"
        } else {
            "imported"
        }
    };
    let rows: Vec<Row> = builtin()
        .iter()
        .chain(imported)
        .map(|f: &Framework| Row {
            id: f.id(),
            title: f.title(),
            edition: f.edition(),
            version: f.version(),
            nodes: f.nodes().len(),
            assessable: f.assessable_count(),
            max_points: f.total_points(),
            profiles: f.profile_ids(),
            hash: f.content_hash(),
            origin: origin(f),
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<24} {:<8} {:>5} {:>10} {:>6}  {:<9} TITLE",
        "ID", "VERSION", "NODES", "ASSESSABLE", "POINTS", "ORIGIN"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<24} {:<8} {:>5} {:>10} {:>6}  {:<9} {}",
            r.id,
            r.version,
            r.nodes,
            r.assessable,
            fmt_number(r.max_points),
            r.origin,
            r.title
        )?;
    }
    Ok(())
}

fn validate(files: &[PathBuf], out: &mut impl Write) -> Result<(), CliError> {
    let mut invalid = 0;
    for path in files {
        let origin = path.display().to_string();
        let checked =
            input::read_text(path).map_err(CliError::from).and_then(|text| Ok(Framework::parse(&text, &origin)?));
        match checked {
            Ok(f) => writeln!(
                out,
                "{origin}: valid: {} {} ({} nodes, {} assessable, {} points, profiles {}), hash {}",
                f.id(),
                f.version(),
                f.nodes().len(),
                f.assessable_count(),
                fmt_number(f.total_points()),
                f.profile_ids().join(", "),
                f.content_hash()
            )?,
            Err(e) => {
                invalid += 1;
                eprintln!("{e}");
            }
        }
    }
    match invalid {
        0 => Ok(()),
        n => Err(CliError::Reported(format!("{n} of {} file(s) invalid", files.len()))),
    }
}

fn score(path: &std::path::Path, profile: Option<&str>, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let origin = path.display().to_string();
    let text = input::read_text(path)?;
    // An exchange file says so in `kind`; anything else is read as a score sheet.
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| InputError::one(&origin, "", e.to_string()))?;
    let is_exchange = value.get("kind").and_then(|k| k.as_str()) == Some(keel_core::exchange::EXCHANGE_KIND);
    let (title, report) = if is_exchange {
        let (file, framework) = keel_core::exchange::ExchangeFile::parse(&text, &origin)?;
        (framework.title().to_owned(), file.score(&framework, profile, &origin)?)
    } else {
        let sheet = ScoreSheet::parse(&text, &origin)?;
        let framework = sheet.framework(&origin)?;
        (framework.title().to_owned(), sheet.score(profile, &origin)?)
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        print_report(&title, &report, out)?;
    }
    Ok(())
}

fn print_report(title: &str, report: &ScoreReport, out: &mut impl Write) -> Result<(), CliError> {
    writeln!(out, "{title} ({}, profile {})", report.framework_id, report.profile)?;
    writeln!(out, "{:<8} {:<66} {:<10} {:>6} {:>14}", "NODE", "TITLE", "STATUS", "%", "POINTS")?;
    for n in &report.nodes {
        let status = match n.status {
            Status::Scored if n.computed_percent.is_some() => "overridden",
            Status::Scored => "scored",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "n/a",
        };
        let indent = "  ".repeat(n.depth);
        let title = format!("{indent}{}", n.title);
        let title = if title.chars().count() > 66 {
            format!("{}…", title.chars().take(65).collect::<String>())
        } else {
            title
        };
        let percent = n.percent.map(fmt_number).unwrap_or_else(|| "-".into());
        let points = format!("{} / {}", fmt_number(n.points), fmt_number(n.max_points));
        writeln!(out, "{:<8} {:<66} {:<10} {:>6} {:>14}", n.number, title, status, percent, points)?;
    }
    writeln!(out, "\nHow the total is made up:")?;
    for line in &report.explanation {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "\nStakeholder groups:")?;
    for g in &report.stakeholders {
        let percent = g.percent.map(|p| format!("{} %", fmt_number(p))).unwrap_or_else(|| "not scored".into());
        writeln!(
            out,
            "  {:<22} {:>10}   {} of {} nodes scored, {} % of the points",
            g.group.label(),
            percent,
            g.scored,
            g.nodes,
            fmt_number(g.weight_share)
        )?;
    }
    for g in &report.unassessed_groups {
        writeln!(out, "  {:<22} {:>10}   no node of this framework looks at this group", g.label(), "unassessed")?;
    }
    match report.balance_index {
        Some(b) => writeln!(out, "  Balance index: {} (100 = every group fares alike)", fmt_number(b))?,
        None => writeln!(out, "  Balance index: needs at least two scored groups")?,
    }
    if !report.missing.is_empty() {
        writeln!(out, "\nMissing ({}): {}", report.missing.len(), report.missing.join(", "))?;
    }
    Ok(())
}

fn database_path(db: Option<PathBuf>) -> Result<PathBuf, CliError> {
    Ok(match db {
        Some(path) => path,
        None => keel_store::default_database_path()?,
    })
}

fn open(db: Option<PathBuf>) -> Result<Store, CliError> {
    Ok(Store::open(&database_path(db)?)?)
}

/// Who the audit log names for changes made from the command line.
fn actor() -> String {
    std::env::var("USER").ok().filter(|u| !u.is_empty()).map_or_else(|| "keel".to_owned(), |u| format!("{u} (keel)"))
}

fn assessments(store: &Store, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let list = store.assessments(None)?;
    if json {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|a| {
                serde_json::json!({"id": a.id, "uid": a.uid, "organisation": a.organisation, "framework": a.framework,
                    "period": a.period, "title": a.title, "status": a.status.id()})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else if list.is_empty() {
        writeln!(out, "no assessments yet; import one with: keel import FILE")?;
    } else {
        writeln!(out, "{:>4}  {:<6} {:<9} {:<16} {:<28} TITLE", "ID", "PERIOD", "STATUS", "FRAMEWORK", "ORGANISATION")?;
        for a in list {
            writeln!(
                out,
                "{:>4}  {:<6} {:<9} {:<16} {:<28} {}",
                a.id,
                a.period,
                a.status.id(),
                a.framework,
                a.organisation,
                a.title
            )?;
        }
    }
    Ok(())
}

fn import(store: &mut Store, path: &std::path::Path, out: &mut impl Write) -> Result<(), CliError> {
    let origin = path.display().to_string();
    let (file, framework) = keel_core::exchange::ExchangeFile::parse(&input::read_text(path)?, &origin)?;
    let id = store.import_assessment(&file, &framework, &actor())?;
    writeln!(
        out,
        "imported \"{}\" ({}) for {} as assessment {id}",
        file.assessment.title, file.assessment.period, file.organisation.name
    )?;
    Ok(())
}

fn audit(store: &Store, limit: usize, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let entries = store.audit_log(limit)?;
    if json {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                serde_json::json!({"at": e.at, "actor": e.actor, "action": e.action, "subject": e.subject,
                    "detail": e.detail})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
        for e in &entries {
            writeln!(out, "{}  {}  {}  {}  {}", e.at, e.actor, e.action, e.subject, e.detail)?;
        }
    }
    Ok(())
}

fn check(store: &Store, out: &mut impl Write) -> Result<(), CliError> {
    let report = store.check()?;
    if report.is_ok() {
        writeln!(out, "{}: integrity ok, foreign keys ok", store.path().display())?;
        return Ok(());
    }
    for line in report.integrity.iter().chain(&report.foreign_keys) {
        eprintln!("{line}");
    }
    Err(CliError::Reported(format!(
        "{}: {} integrity problem(s), {} broken reference(s)",
        store.path().display(),
        report.integrity.len(),
        report.foreign_keys.len()
    )))
}

fn org(db: Option<PathBuf>, command: OrgCommand, out: &mut impl Write) -> Result<(), CliError> {
    let path = database_path(db)?;
    match command {
        OrgCommand::Add { name, sector, site } => {
            // Validate before opening: a bad name must not even create the database.
            let sites = site.iter().map(|s| OrganisationName::parse_site(s)).collect::<Result<Vec<_>, _>>()?;
            let new = NewOrganisation { name: OrganisationName::parse(&name)?, sector: sector.into(), sites };
            let mut store = Store::open(&path)?;
            let org = store.add_organisation(&new)?;
            writeln!(out, "added organisation {} \"{}\" ({})", org.id, org.name, org.sector.label())?;
        }
        OrgCommand::List { json } => {
            let store = Store::open(&path)?;
            let orgs = store.organisations()?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &orgs)?;
                writeln!(out)?;
            } else if orgs.is_empty() {
                writeln!(out, "no organisations yet; add one with: keel org add NAME --sector commercial")?;
            } else {
                writeln!(out, "{:>4}  {:<13}  NAME", "ID", "SECTOR")?;
                for org in &orgs {
                    let sites = if org.sites.is_empty() {
                        String::new()
                    } else {
                        format!("  (sites: {})", org.sites.join(", "))
                    };
                    writeln!(out, "{:>4}  {:<13}  {}{sites}", org.id, org.sector.id(), org.name)?;
                }
            }
        }
    }
    Ok(())
}
