//! Input that is not a file, duplicate keys, out-of-range values, failing first commands,
//! unwritable stderr, and `keel check` on a changed final assessment: each refused with a
//! message naming the file, path and reason, and the database unchanged.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{fails, keel, ok};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// A logical dump of the database (every row, sorted), read through keel-store.
fn dump(db: &Path) -> String {
    keel_store::logical_dump(db).expect("dump")
}

/// Runs keel with a deadline: a FIFO must be refused, not waited on.
fn keel_within(db: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keel"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KEEL_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run keel");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("keel {args:?} still running after {limit:?} (blocked on a FIFO?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// A database with the example assessment imported.
fn with_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    ok(keel(&db, &["import", repo("docs/examples/acme-2025.keel.json").to_str().expect("path")]));
    (dir, db)
}

#[test]
fn pipes_devices_and_folders_are_refused_by_name_without_reading() {
    let (dir, db) = with_example();
    let before = dump(&db);
    let fifo = dir.path().join("p");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let p = fifo.to_str().expect("path");
    let limit = Duration::from_secs(20);
    for args in [
        vec!["import", p],
        vec!["kpi", "import", p, "--org", "1"],
        vec!["merge", p, "--into", "1"],
        vec!["framework", "validate", p],
        vec!["score", p],
        vec!["restore", p],
    ] {
        let err = fails(keel_within(&db, &args, limit));
        assert!(err.contains(p) && err.contains("named pipe (FIFO), not a file"), "{args:?}: {err}");
    }
    let err = fails(keel_within(&fifo, &["org", "list"], limit));
    assert!(err.contains("named pipe (FIFO), not a file"), "--db FIFO: {err}");
    let err = fails(keel_within(&db, &["import", "/dev/null"], limit));
    assert!(err.contains("/dev/null is a device, not a file"), "{err}");
    let err = fails(keel_within(&db, &["import", dir.path().to_str().expect("path")], limit));
    assert!(err.contains("is a folder, not a file"), "{err}");
    assert_eq!(dump(&db), before, "nothing changed");
}

#[test]
fn duplicate_keys_are_refused_with_their_json_path_in_every_format() {
    let (dir, db) = with_example();
    let before = dump(&db);
    let exchange = std::fs::read_to_string(repo("docs/examples/acme-2025.keel.json")).expect("read");
    let sheet = std::fs::read_to_string(repo("docs/examples/efqm-2020-scores.json")).expect("read");
    // (file text, command, expected path): each duplicate made by repeating a key textually.
    let cases = [
        (
            sheet.replacen("\"1.1\": {", "\"1.1\": {\"radar\": {\"attributes\": {}}},\n  \"1.1\": {", 1),
            "score",
            "scores.1.1",
        ),
        (
            sheet.replacen("\"sound\": 60,", "\"sound\": 60, \"sound\": 90,", 1),
            "score",
            "scores.1.1.radar.attributes.sound",
        ),
        (
            exchange.replacen(
                "\"consensus\": {",
                "\"consensus\": {\"1.1\": {\"score\": {\"conformity\": \"full\"}}, ",
                1,
            ),
            "import",
            "consensus",
        ),
        (exchange.replacen("\"uid\":", "\"uid\": \"x\", \"uid\":", 1), "import", "assessment.uid"),
    ];
    for (i, (text, command, path)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("dup-{i}.json"));
        std::fs::write(&file, text).expect("write");
        let f = file.to_str().expect("path");
        let err = fails(keel(&db, &[command, f]));
        assert!(err.contains(f) && err.contains(path) && err.contains("appears more than once"), "case {i}: {err}");
    }
    assert_eq!(dump(&db), before, "nothing changed");
}

#[test]
fn sites_in_exchange_files_follow_the_org_add_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    ok(keel(&db, &["org", "add", "Other Ltd", "--sector", "commercial"]));
    let before = dump(&db);
    let exchange = std::fs::read_to_string(repo("docs/examples/acme-2025.keel.json")).expect("read");
    let long = "s".repeat(300);
    for (site, words) in
        [("", "empty"), ("Bell\\u0007", "control character"), (long.as_str(), "long"), ("a\\nb", "control")]
    {
        let text = exchange.replacen("\"Leeds\"", &format!("\"{site}\""), 1);
        assert_ne!(text, exchange, "the example lists Leeds");
        let file = dir.path().join("site.json");
        std::fs::write(&file, text).expect("write");
        let err = fails(keel(&db, &["import", file.to_str().expect("path")]));
        assert!(err.contains("site.json") && err.contains("organisation.sites[0]") && err.contains(words), "{err}");
        let add = fails(keel(
            &db,
            &[
                "org",
                "add",
                "New Ltd",
                "--sector",
                "commercial",
                "--site",
                &site.replace("\\u0007", "\u{7}").replace("\\n", "\n"),
            ],
        ));
        assert!(add.contains(words), "org add --site says the same kind of thing: {add}");
    }
    assert_eq!(dump(&db), before, "nothing changed");
}

#[test]
fn out_of_range_scores_get_the_friendly_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let sheet = std::fs::read_to_string(repo("docs/examples/efqm-2020-scores.json")).expect("read");
    for (value, words) in
        [("256", "256 is out of range"), ("-5", "-5 is out of range"), ("62.5", "62.5 is not a whole number")]
    {
        let file = dir.path().join("sheet.json");
        std::fs::write(&file, sheet.replacen("\"sound\": 60", &format!("\"sound\": {value}"), 1)).expect("write");
        let err = fails(keel(&db, &["score", file.to_str().expect("path")]));
        assert!(err.contains("scores.1.1.radar.attributes.sound") && err.contains(words), "{err}");
        assert!(!err.contains("u8"), "{err}");
    }
}

#[test]
fn a_failing_first_command_leaves_no_database_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("new/k.sqlite3");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": 1}").expect("write");
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "not,a,kpi,file\n").expect("write");
    fails(keel(&db, &["import", bad.to_str().expect("path")]));
    fails(keel(&db, &["kpi", "import", csv.to_str().expect("path"), "--org", "1"]));
    fails(keel(&db, &["merge", bad.to_str().expect("path"), "--into", "1"]));
    assert!(!dir.path().join("new").exists(), "no folder, no database");
}

#[test]
fn long_values_are_cut_and_an_unwritable_stderr_is_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let exchange = std::fs::read_to_string(repo("docs/examples/acme-2025.keel.json")).expect("read");
    let file = dir.path().join("long.json");
    std::fs::write(&file, exchange.replacen("\"commercial\"", &format!("\"{}\"", "x".repeat(15_000_000)), 1))
        .expect("write");
    let err = fails(keel(&db, &["import", file.to_str().expect("path")]));
    assert!(
        err.len() < 5_000 && err.contains("more characters"),
        "{} bytes: {}",
        err.len(),
        &err[..err.len().min(300)]
    );

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{").expect("write");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let status = Command::new(env!("CARGO_BIN_EXE_keel"))
        .args(["--db", db.to_str().expect("path"), "import", bad.to_str().expect("path")])
        .stderr(full)
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(1), "an error exit, not a panic (101)");
}

#[test]
fn check_names_a_changed_final_assessment_and_offers_the_newest_good_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let exchange = std::fs::read_to_string(repo("docs/examples/acme-2025.keel.json")).expect("read");
    let final_file = dir.path().join("final.json");
    std::fs::write(&final_file, exchange.replacen("\"status\": \"consensus\"", "\"status\": \"final\"", 1))
        .expect("write");
    ok(keel(&db, &["import", final_file.to_str().expect("path")]));
    assert!(ok(keel(&db, &["check"])).contains("seals of final assessments ok"));
    let backup = dir.path().join("backups/keel-20260101T000000.000Z-manual.sqlite3");
    ok(keel(&db, &["backup", "--output", backup.to_str().expect("path")]));

    // A digit of the stored scores changed on disk ("sound":60 → 70), as an editor would (at
    // each place the text is, as free space may hold stale copies).
    let mut bytes = std::fs::read(&db).expect("read");
    let places: Vec<usize> =
        bytes.windows(10).enumerate().filter(|(_, w)| *w == b"\"sound\":60").map(|(i, _)| i).collect();
    assert!(!places.is_empty(), "stored scores");
    for at in places {
        bytes[at + 8] = b'7';
    }
    std::fs::write(&db, bytes).expect("write");
    let err = fails(keel(&db, &["check"]));
    assert!(err.contains("assessment 1 \"Self-assessment 2025\" (2025) has changed since it was finalised"), "{err}");
    assert!(err.contains(&format!("the newest good backup is {}", backup.display())), "{err}");
    ok(keel(&db, &["restore", backup.to_str().expect("path")]));
    assert!(ok(keel(&db, &["check"])).contains("seals of final assessments ok"));
}

/// A full disk: a small tmpfs (mounting needs root; elsewhere the test says so and stops).
#[test]
fn a_full_disk_says_so_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=320k", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let db = mount.join("keel.sqlite3");
    let result = std::panic::catch_unwind(|| {
        ok(keel(&db, &["org", "add", "Seed Ltd", "--sector", "commercial"]));
        let before = dump(&db);
        let fill = || {
            let mut filler = std::fs::File::create(mount.join("filler")).expect("filler");
            let chunk = vec![0u8; 4096];
            while std::io::Write::write_all(&mut filler, &chunk).is_ok() {}
        };
        let example = repo("docs/examples/acme-2025.keel.json");
        for args in [
            vec!["org", "add", "Another Organisation With A Name", "--sector", "commercial", "--site", "Leeds"],
            vec!["import", example.to_str().expect("path")],
            vec!["demo"],
        ] {
            fill();
            let err = fails(keel(&db, &args));
            assert!(err.contains("is full; nothing was saved"), "{args:?}: {err}");
            std::fs::remove_file(mount.join("filler")).expect("free the space");
            assert_eq!(dump(&db), before, "{args:?}: nothing was saved");
        }
    });
    let _ = Command::new("umount").arg(&mount).status();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
