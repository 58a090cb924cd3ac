//! Shared by the `keel` binary's integration tests: run it on a database, check the outcome.
#![allow(dead_code)] // Each test file uses some of these.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the real `keel` binary on the database at `db` (never the user's: `KEEL_DB` is removed).
pub fn keel(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keel"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KEEL_DB")
        .output()
        .expect("run keel")
}

/// The standard output of a run that must succeed.
pub fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The standard error of a run that must fail.
pub fn fails(o: Output) -> String {
    assert!(!o.status.success(), "expected a failure, got: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8_lossy(&o.stderr).into_owned()
}
