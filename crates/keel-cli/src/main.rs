//! The `keel` command: Keel without a window, for scripts, batch exports and servers.
//!
//! Glue only: parse arguments, call keel-core and keel-store, print. Errors are reported once,
//! here, as `keel: error: …` on stderr with exit code 1 (2 for usage errors, from clap).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use keel_core::crosswalk::iso_9001_to_efqm_2020;
use keel_core::framework::{builtin, builtin_framework};
use keel_core::scoring::{fmt_number, fmt_points, fmt_whole_percent, ScoreReport, Status};
use keel_core::{Framework, InputError};
use keel_store::Store;
use keel_usecases::{assessments as cases, backups, database, files, frameworks, organisations, packs, sheets, Shell};

use args::{Cli, Command, ExportCommand, FrameworkCommand, KpiCommand, OrgCommand};

mod args;
mod compare;
mod consensus;
mod exports;
mod kpis;

/// Everything the CLI can fail with; printed once in `main`.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    UseCase(#[from] keel_usecases::Error),
    /// Problems already printed (e.g. by `framework validate`); only the exit code is left.
    #[error("{0}")]
    Reported(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<InputError> for CliError {
    fn from(e: InputError) -> CliError {
        CliError::UseCase(e.into())
    }
}

impl From<keel_usecases::FileError> for CliError {
    fn from(e: keel_usecases::FileError) -> CliError {
        CliError::UseCase(e.into())
    }
}

impl From<keel_store::StoreError> for CliError {
    fn from(e: keel_store::StoreError) -> CliError {
        CliError::UseCase(e.into())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`keel … | head`): nothing left to say.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // A message that cannot be written (`2>/dev/full`) is dropped, never a panic.
            let _ = writeln!(std::io::stderr(), "keel: error: {}", keel_core::input::cut(&e.to_string(), 4000));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    let actor = Shell::Cli.actor();
    match cli.command {
        Command::Org(command) => org(cli.db, command, &mut out),
        Command::Assessments { json } => assessments(&open(cli.db)?, json, &mut out),
        Command::Import { file } => {
            // Read and checked first: bad input never creates or opens the database.
            let input = cases::read_exchange(&file)?;
            let done = cases::import(&mut open(cli.db)?, &input, &actor)?;
            let (title, period, organisation, id) = (done.title, done.period, done.organisation, done.id);
            writeln!(out, "imported \"{title}\" ({period}) for {organisation} as assessment {id}")?;
            Ok(())
        }
        Command::Export(ExportCommand::Assessment { id, output }) => {
            let (file, text) = cases::exchange_file(&open(cli.db)?, id)?;
            packs::write(&output, text.as_bytes())?;
            let (title, period) = (&file.assessment.title, file.assessment.period);
            writeln!(out, "exported assessment {id} \"{title}\" ({period}) to {}", output.display())?;
            Ok(())
        }
        Command::Backup { output } => {
            backups::backup_to(&open(cli.db)?, &output)?;
            writeln!(out, "backed up to {}", output.display())?;
            Ok(())
        }
        Command::Restore { file } => {
            let path = database::path(cli.db)?;
            // Recorded in the restored database's audit log, as a restore from the window is.
            let (_, restored) = keel_usecases::upkeep::restore_and_record(&path, &file, &actor)?;
            match restored.kept {
                Some(kept) => writeln!(
                    out,
                    "restored {} from {}; the replaced {}content is kept in {}",
                    path.display(),
                    file.display(),
                    if restored.replaced_damaged { "(damaged) " } else { "" },
                    kept.display()
                )?,
                None => writeln!(out, "restored {} from {}", path.display(), file.display())?,
            }
            Ok(())
        }
        Command::Check => check(&open(cli.db)?, &mut out),
        Command::Audit { limit, json } => audit(&open(cli.db)?, limit, json, &mut out),
        Command::Demo => exports::demo(cli.db, &actor, &mut out),
        Command::Chart { id, kind, format, kpi, compare, output } => {
            let pack = packs::pack(&open(cli.db)?, id, &compare)?;
            let bytes = packs::chart_bytes(&pack, kind, kpi.as_deref(), format.into())?;
            exports::write(&output, &bytes, &format!("{} chart", kind.id()), &mut out)
        }
        Command::Kpi(KpiCommand::Import { file, org }) => kpis::import(|| open(cli.db), &file, org, &actor, &mut out),
        Command::Kpi(KpiCommand::List { org, json }) => kpis::list(&open(cli.db)?, org, json, &mut out),
        Command::Merge { files, into } => consensus::merge(|| open(cli.db), &files, into, &actor, &mut out),
        Command::Consensus { id, threshold, json } => {
            consensus::consensus(&open(cli.db)?, id, threshold, json, &mut out)
        }
        Command::Compare { ids, json } => compare::compare(&open(cli.db)?, &ids, json, &mut out),
        Command::Report { id, compare, output } => {
            let pack = packs::pack(&open(cli.db)?, id, &compare)?;
            exports::write(
                &output,
                &packs::export_bytes(&pack, keel_usecases::views::ExportKind::Report)?,
                "report",
                &mut out,
            )
        }
        Command::Export(ExportCommand::Xlsx { id, output }) => {
            let pack = packs::pack(&open(cli.db)?, id, &[])?;
            exports::write(
                &output,
                &packs::export_bytes(&pack, keel_usecases::views::ExportKind::Workbook)?,
                "workbook",
                &mut out,
            )
        }
        Command::Export(ExportCommand::Csv { id, output, convention }) => {
            let pack = packs::pack(&open(cli.db)?, id, &[])?;
            // clap lets only the two names through.
            let convention = keel_export::CsvConvention::from_id(&convention).unwrap_or_default();
            exports::write(&output, &packs::scores_csv(&pack, convention)?, "node scores", &mut out)
        }
        Command::Frameworks { json } => list_frameworks(&frameworks::stored(&database::path(cli.db)?)?, json, &mut out),
        Command::Framework(FrameworkCommand::Validate { files }) => validate(&files, &mut out),
        Command::Framework(FrameworkCommand::Show { id, profile, json }) => show(&id, &profile, json, &mut out),
        Command::Score { file, profile, json } => score(&file, profile.as_deref(), json, &mut out),
        Command::Project { file, json } => project(&file, json, &mut out),
    }
}

fn show(id: &str, profile: &str, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let unknown = |path: &str, message: String| CliError::from(InputError::one("keel framework show", path, message));
    let framework = builtin_framework(id).ok_or_else(|| {
        let known: Vec<&str> = builtin().iter().map(Framework::id).collect();
        unknown("id", format!("unknown framework {id:?}; built in: {}", known.join(", ")))
    })?;
    let weights = framework.weights(profile).ok_or_else(|| {
        unknown("--profile", format!("unknown profile {profile:?}; available: {}", framework.profile_ids().join(", ")))
    })?;
    if json {
        let nodes: Vec<serde_json::Value> = framework
            .nodes()
            .iter()
            .enumerate()
            .map(|(i, node)| {
                serde_json::json!({
                    "id": node.id,
                    "number": node.number,
                    "title": node.title,
                    "depth": node.depth,
                    "points": weights.points[i],
                    "scheme": node.scheme.map(|s| framework.schemes()[s].id()),
                    "stakeholders": node.stakeholders.iter().map(|g| g.id()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let shown =
            serde_json::json!({"id": framework.id(), "title": framework.title(), "profile": profile, "nodes": nodes});
        serde_json::to_writer_pretty(&mut *out, &shown)?;
        writeln!(out)?;
        return Ok(());
    }
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

fn project(path: &Path, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let (target, projection) = sheets::project_iso(path)?;
    let crosswalk = iso_9001_to_efqm_2020();
    if json {
        serde_json::to_writer_pretty(&mut *out, &projection)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{} seen through {} ({})", target.title(), crosswalk.id, crosswalk.from)?;
    writeln!(out, "{:<6} {:<62} {:>7} {:>9}  FROM", "PART", "TITLE", "%", "EVIDENCE")?;
    for n in &projection.nodes {
        let percent = n.percent.map(fmt_points).unwrap_or_else(|| "-".into());
        let evidence = fmt_whole_percent(n.coverage * 100.0);
        writeln!(out, "{:<6} {:<62} {:>7} {:>9}  {}", n.number, n.title, percent, evidence, n.sources.join(", "))?;
    }
    writeln!(out, "\nEFQM parts this assessment says nothing about: {}", projection.uncovered.join(", "))?;
    writeln!(out, "\nStakeholder groups (share of each group's EFQM points with any evidence):")?;
    for g in &projection.groups {
        let left =
            if g.uncovered.is_empty() { String::new() } else { format!("; nothing on {}", g.uncovered.join(", ")) };
        writeln!(out, "  {:<22} {:>6}{left}", g.group.label(), fmt_whole_percent(g.coverage))?;
    }
    let unassessed: Vec<&str> = projection.uncovered_groups.iter().map(|g| g.label()).collect();
    if !unassessed.is_empty() {
        writeln!(out, "Left largely unassessed (under half covered): {}", unassessed.join(", "))?;
    }
    Ok(())
}

fn list_frameworks(imported: &[Framework], json: bool, out: &mut impl Write) -> Result<(), CliError> {
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
    let origin = |f: &Framework| if frameworks::is_builtin(f) { "built-in" } else { "imported" };
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
            files::read_text(path).map_err(CliError::from).and_then(|text| Ok(Framework::parse(&text, &origin)?));
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
                let _ = writeln!(std::io::stderr(), "{e}");
            }
        }
    }
    match invalid {
        0 => Ok(()),
        n => Err(CliError::Reported(format!("{n} of {} file(s) invalid", files.len()))),
    }
}

fn score(path: &Path, profile: Option<&str>, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let (title, report) = sheets::score(path, profile)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        print_report(&title, &report, out)?;
    }
    Ok(())
}

fn print_report(title: &str, report: &ScoreReport, out: &mut impl Write) -> Result<(), CliError> {
    writeln!(out, "{title} ({}, profile {}: {})", report.framework_id, report.profile, report.weighting())?;
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
        let percent = n.percent.map(fmt_points).unwrap_or_else(|| "-".into());
        let points = format!("{} / {}", fmt_points(n.points), fmt_points(n.max_points));
        writeln!(out, "{:<8} {:<66} {:<10} {:>6} {:>14}", n.number, title, status, percent, points)?;
    }
    writeln!(out, "\nHow the total is made up:")?;
    for line in &report.explanation {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "\nStakeholder groups:")?;
    for g in &report.stakeholders {
        let percent = g.percent.map(|p| format!("{} %", fmt_points(p))).unwrap_or_else(|| "not scored".into());
        writeln!(
            out,
            "  {:<22} {:>10}   {} of {} nodes scored, {} % of the points",
            g.group.label(),
            percent,
            g.scored,
            g.nodes,
            fmt_points(g.weight_share)
        )?;
    }
    for g in &report.unassessed_groups {
        writeln!(out, "  {:<22} {:>10}   no node of this framework looks at this group", g.label(), "unassessed")?;
    }
    match report.balance_index {
        Some(b) => writeln!(out, "  Balance index: {} (100 = every group fares alike)", fmt_points(b))?,
        None => writeln!(out, "  Balance index: needs at least two scored groups")?,
    }
    if !report.missing.is_empty() {
        writeln!(out, "\nMissing ({}): {}", report.missing.len(), report.missing.join(", "))?;
    }
    Ok(())
}

fn open(db: Option<PathBuf>) -> Result<Store, CliError> {
    Ok(database::open(&database::path(db)?)?)
}

fn assessments(store: &Store, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let list = cases::list(store, None)?;
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

fn audit(store: &Store, limit: usize, json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let entries = backups::audit_log(store, limit)?;
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
            // To the second, in UTC as stored; `--json` keeps the stored time whole.
            let at = chrono::DateTime::parse_from_rfc3339(&e.at)
                .map(|t| t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_else(|_| e.at.clone());
            writeln!(out, "{at}  {}  {}  {}  {}", e.actor, e.action, e.subject, e.detail)?;
        }
    }
    Ok(())
}

fn check(store: &Store, out: &mut impl Write) -> Result<(), CliError> {
    let report = backups::check(store)?;
    if report.is_ok() {
        writeln!(
            out,
            "{}: integrity ok, foreign keys ok, seals of final assessments ok, audit chain ok",
            store.path().display()
        )?;
        return Ok(());
    }
    let mut err = std::io::stderr().lock();
    for line in report
        .integrity
        .iter()
        .chain(&report.foreign_keys)
        .chain(&report.changed_assessments)
        .chain(&report.audit_chain)
    {
        let _ = writeln!(err, "{}", keel_core::input::cut(line, 500));
    }
    let offer = match &report.newest_good_backup {
        Some(b) => format!(
            "; the newest good backup is {}: restore it with `keel --db {} restore {}`",
            b.display(),
            store.path().display(),
            b.display()
        ),
        None => "; no good backup was found next to it".to_owned(),
    };
    Err(CliError::Reported(format!(
        "{}: {} integrity problem(s), {} broken reference(s), {} changed final assessment(s), {} audit chain break(s){offer}",
        store.path().display(),
        report.integrity.len(),
        report.foreign_keys.len(),
        report.changed_assessments.len(),
        report.audit_chain.len()
    )))
}

fn org(db: Option<PathBuf>, command: OrgCommand, out: &mut impl Write) -> Result<(), CliError> {
    match command {
        OrgCommand::Add { name, sector, site } => {
            // Checked before opening: a bad name must not even create the database.
            let new = organisations::new(&name, sector.into(), &site)?;
            let org = organisations::add(&mut open(db)?, &new, &Shell::Cli.actor())?;
            writeln!(out, "added organisation {} \"{}\" ({})", org.id, org.name, org.sector.label())?;
        }
        OrgCommand::List { json } => {
            let orgs = organisations::list(&open(db)?)?;
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
