//! Writes a generated load-test database (issue 17) for `make bench` and by-hand measurements:
//! `cargo run --release -p keel-store --example big_database -- PATH [ASSESSMENTS ORGANISATIONS YEARS]`
//! (default 10,000 assessments in 500 organisations, one with 20 years). Refuses an existing file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use keel_store::generated::{generate, Population};
use keel_store::Store;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
