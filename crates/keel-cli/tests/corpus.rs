//! The bad-input corpus (tests/corpus/exchange, made by tests/corpus/generate.py): every file is
//! refused by `keel import` with a typed error that names the file and the problem, never a
//! panic, and the database is exactly as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn keel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keel")).args(args).env_remove("KEEL_DB").output().expect("run keel")
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

#[derive(serde::Deserialize)]
struct Case {
    file: String,
    expect: String,
}

/// Everything a user can see of the database, for before/after comparison.
fn snapshot(db: &str, dir: &Path) -> (String, String, Vec<u8>) {
    let orgs = keel(&["--db", db, "org", "list", "--json"]);
    let list = keel(&["--db", db, "assessments", "--json"]);
    let out = dir.join("snapshot.json");
    let export = keel(&["--db", db, "export", "assessment", "1", "-o", out.to_str().expect("path")]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    (
        String::from_utf8_lossy(&orgs.stdout).into_owned(),
        String::from_utf8_lossy(&list.stdout).into_owned(),
        std::fs::read(out).expect("read export"),
    )
}

#[test]
fn every_bad_exchange_file_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let db = db.to_str().expect("path");
    let example = repo("docs/examples/acme-2025.keel.json");
    assert!(keel(&["--db", db, "import", example.to_str().expect("path")]).status.success());
    let before = snapshot(db, dir.path());

    let corpus = repo("tests/corpus/exchange");
    let manifest = std::fs::read_to_string(corpus.join("manifest.json")).expect("manifest");
    let mut cases: Vec<Case> = serde_json::from_str(&manifest).expect("manifest JSON");
    assert!(cases.len() >= 100, "the corpus must hold at least 100 files, has {}", cases.len());

    // One more, made here because it is too big to keep in the repository: 100 MB.
    let huge = dir.path().join("huge.json");
    let mut filler = String::from("{\"format\": 1, \"kind\": \"");
    filler.push_str(&"x".repeat(100 * 1024 * 1024));
    filler.push_str("\"}");
    std::fs::write(&huge, filler).expect("write huge file");
    cases.push(Case { file: huge.to_str().expect("path").to_owned(), expect: "is larger than".into() });

    let mut failures = Vec::new();
    for case in &cases {
        let path = corpus.join(&case.file);
        let out = keel(&["--db", db, "import", path.to_str().expect("path")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = Path::new(&case.file).file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let ok = out.status.code() == Some(1)
            && stderr.starts_with("keel: error: ")
            && stderr.contains(name)
            && stderr.contains(&case.expect);
        if !ok {
            failures.push(format!(
                "{}: exit {:?}, expected {:?}, got: {}",
                case.file,
                out.status.code(),
                case.expect,
                stderr.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert!(before == snapshot(db, dir.path()), "the database changed");
}
