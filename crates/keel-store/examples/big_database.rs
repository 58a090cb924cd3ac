//! Writes a generated load-test database (issue 17) for `make bench` and by-hand measurements:
//! `cargo run --release -p keel-store --example big_database -- PATH [ASSESSMENTS ORGANISATIONS YEARS]`
//! (default 10,000 assessments in 500 organisations, one with 20 years). Refuses an existing file.
//! `big_database --measure PATH` times the store calls behind each screen on such a file
//! (median and worst of 5).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use keel_store::generated::{generate, Population};
use keel_store::{Store, StoreError};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        return match args.get(1).map(PathBuf::from) {
            Some(path) => match measure(&path) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("big_database: {e}");
                    ExitCode::FAILURE
                }
            },
            None => {
                eprintln!("usage: big_database --measure PATH");
                ExitCode::from(2)
            }
        };
    }
    let Some(path) = args.first().map(PathBuf::from) else {
        eprintln!("usage: big_database PATH [ASSESSMENTS ORGANISATIONS YEARS]");
        return ExitCode::from(2);
    };
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let large = Population::LARGE;
    let population = Population {
        assessments: number(1, large.assessments),
        organisations: number(2, large.organisations),
        long_years: number(3, large.long_years),
    };
    if path.exists() {
        eprintln!("big_database: {} exists; give a new file", path.display());
        return ExitCode::FAILURE;
    }
    let start = Instant::now();
    let result = Store::open(&path).and_then(|mut store| generate(&mut store, population));
    match result {
        Ok(generated) => {
            println!(
                "{}: {} assessments in {} organisations ({} years in {:?}) written in {:.1?}",
                path.display(),
                generated.assessments,
                generated.organisations,
                generated.long_running.len(),
                Population::LONG_RUNNING,
                start.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("big_database: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Median and worst of `runs` calls of `f`.
fn time<T>(what: &str, runs: usize, mut f: impl FnMut(usize) -> Result<T, StoreError>) -> Result<(), StoreError> {
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        let start = Instant::now();
        f(run)?;
        times.push(start.elapsed());
    }
    times.sort();
    println!("  {what:<58} median {:>9.2?}  worst {:>9.2?}", times[times.len() / 2], times[times.len() - 1]);
    Ok(())
}

fn measure(original: &Path) -> Result<(), StoreError> {
    const RUNS: usize = 5;
    println!("store calls on {} (median / worst of {RUNS}):", original.display());
    // On a copy: the measurement saves scores and imports, and the window's figures that follow
    // must see the generated database as it was.
    let scratch =
        tempfile::tempdir().map_err(|e| StoreError::Unreadable { path: original.to_path_buf(), source: e })?;
    let copy = scratch.path().join("keel.sqlite3");
    std::fs::copy(original, &copy).map_err(|e| StoreError::Unreadable { path: original.to_path_buf(), source: e })?;
    let path = copy.as_path();
    time("open", RUNS, |_| Store::open(path))?;
    let mut store = Store::open(path)?;
    let long = store
        .organisations()?
        .into_iter()
        .find(|o| o.name == Population::LONG_RUNNING)
        .ok_or(StoreError::NotFound { what: "organisation", id: Population::LONG_RUNNING.into() })?;
    let years = store.assessments(Some(long.id))?;
    let newest = years.first().map(|a| a.id).ok_or(StoreError::NotFound { what: "assessment", id: "newest".into() })?;
    time("home: organisations", RUNS, |_| store.organisations())?;
    time("list every assessment", RUNS, |_| store.assessments(None))?;
    time("open an organisation: its assessments", RUNS, |_| store.assessments(Some(long.id)))?;
    time("one assessment's summary", RUNS, |_| store.assessment(newest))?;
    time("walk-through: load the assessment (export_with_framework)", RUNS, |_| store.export_with_framework(newest))?;
    time("  of which the framework snapshot (read and parse)", RUNS, |_| store.assessment_framework(newest))?;
    time("walk-through: notes + actions + attachments", RUNS, |_| {
        store.notes(newest)?;
        store.actions(newest)?;
        store.attachments(newest)
    })?;
    time("history (19 earlier years)", RUNS, |_| store.history(newest, &[]))?;
    time(&format!("Compare / PDF: load all {} years", years.len()), RUNS, |_| {
        years.iter().map(|a| store.export_with_framework(a.id)).collect::<Result<Vec<_>, _>>()
    })?;
    let (file, framework) = store.export_with_framework(newest)?;
    let draft = store.duplicate_as_draft(newest, 2101 + (std::process::id() % 99) as i32, "measure")?;
    let (node, agreed) =
        file.consensus.iter().next().ok_or(StoreError::NotFound { what: "score", id: "any".into() })?;
    time("save one score (synchronous=FULL)", RUNS, |_| {
        store.set_score(draft, None, node, Some(&agreed.score), "", "measure")
    })?;
    let stamp = chrono_free_stamp();
    time("import one assessment", RUNS, |run| {
        let mut copy = file.clone();
        copy.assessment.uid = format!("measure-{stamp}-{run}");
        store.import_assessment(&copy, &framework, "measure")
    })?;
    Ok(())
}

/// A per-run suffix for the probe imports' uids.
fn chrono_free_stamp() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default()
}
