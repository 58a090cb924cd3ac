//! Crash safety: a child process writes continuously and is killed with SIGKILL at random
//! points; after every kill the database passes `integrity_check` and holds every transaction
//! the child reported as committed. 200 kills here; `make soak` runs 2000
//! (`KEEL_CRASH_KILLS=2000`).
//!
//! The child is this same test binary, re-run with `KEEL_CRASH_CHILD` set, running the ignored
//! `child_writer` test.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use keel_core::exchange::AssessorDoc;
use keel_core::framework::builtin_framework;
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{NewAssessment, Store};

const CHILD_ENV: &str = "KEEL_CRASH_CHILD";
const START_ENV: &str = "KEEL_CRASH_START";

/// One unit of work: an organisation, then an assessment with two assessors (two transactions).
fn write_one(store: &mut Store, n: usize) {
    let name = OrganisationName::parse(&format!("crash-{n:05}")).expect("name");
    let org = store
        .add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] })
        .expect("add organisation");
    let assessors = vec![
        AssessorDoc { key: "a".into(), name: "A".into(), role: String::new() },
        AssessorDoc { key: "b".into(), name: "B".into(), role: String::new() },
    ];
    let new = NewAssessment {
        organisation_id: org.id,
        framework: builtin_framework("efqm-2020").expect("efqm"),
        period: 2025,
        title: format!("Assessment {n}"),
        scope: String::new(),
        profile: "default".into(),
        custom_profile: None,
        assessors,
    };
    store.create_assessment(&new, "crash child").expect("create assessment");
}

#[test]
#[ignore = "the child half of `survives_sigkill_at_random_points`; runs only when that test starts it"]
fn child_writer() {
    let Some(path) = std::env::var_os(CHILD_ENV) else { return };
    let mut store = Store::open(Path::new(&path)).expect("child open");
    // With a start number given, names continue from it (a restore may remove rows).
    let mut n = match std::env::var(START_ENV).ok().and_then(|v| v.parse().ok()) {
        Some(start) => start,
        None => store.organisations().expect("count").len(),
    };
    let mut out = std::io::stdout().lock();
    loop {
        n += 1;
        write_one(&mut store, n);
        // Reported only after both transactions committed.
        writeln!(out, "committed {n}").expect("report");
        out.flush().expect("flush");
    }
}

/// A small xorshift generator: random kill delays without another dependency.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn survives_sigkill_at_random_points() {
    let kills: usize = std::env::var("KEEL_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    drop(Store::open(&db).expect("create"));
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1) | 1;
    let mut rng = Xorshift(seed);
    // Every unit any child reported as committed.
    let mut reported = std::collections::BTreeSet::new();
    for kill in 0..kills {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["child_writer", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start child");
        std::thread::sleep(Duration::from_millis(5 + rng.next() % 60));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let stdout = child.stdout.take().expect("stdout");
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // The harness prints "test child_writer ... " before the first line.
            if let Some(n) = line.split_once("committed ").and_then(|(_, n)| n.trim().parse::<usize>().ok()) {
                reported.insert(n);
            }
        }

        let store = Store::open(&db).unwrap_or_else(|e| panic!("after kill {kill} (seed {seed}): {e}"));
        let check = store.check().expect("check");
        assert!(check.is_ok(), "after kill {kill} (seed {seed}): {check:?}");
        let orgs = store.organisations().expect("organisations");
        for (i, org) in orgs.iter().enumerate() {
            assert_eq!(org.name, format!("crash-{:05}", i + 1), "organisations are complete and in order");
        }
        // Every assessment that exists is whole: both assessors arrived with it.
        let assessments = store.assessments(None).expect("assessments");
        let raw = rusqlite::Connection::open(&db).expect("raw connection");
        let half: i64 = raw
            .query_row(
                "SELECT count(*) FROM (SELECT a.id FROM assessment a LEFT JOIN assessor s ON s.assessment_id = a.id
                 GROUP BY a.id HAVING count(s.id) <> 2)",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(half, 0, "after kill {kill} (seed {seed}): an assessment without both its assessors");
        // Every reported unit is there with its assessment. (A kill between a unit's two
        // transactions may leave an organisation without one; that unit was never reported.)
        for n in &reported {
            let name = format!("crash-{n:05}");
            let org = orgs.iter().find(|o| o.name == name);
            let org =
                org.unwrap_or_else(|| panic!("after kill {kill} (seed {seed}): {name} was reported but is missing"));
            assert!(
                assessments.iter().any(|a| a.organisation_id == org.id),
                "after kill {kill} (seed {seed}): {name} was reported committed but has no assessment"
            );
        }
    }
    assert!(!reported.is_empty(), "the child never got to write (seed {seed})");
    eprintln!("{kills} kills, {} units reported committed", reported.len());
}

// ---- Restore under SIGKILL ----------------------------------------------------------------

const RESTORE_CHILD_ENV: &str = "KEEL_CRASH_RESTORE";
const RESTORE_FROM_ENV: &str = "KEEL_CRASH_RESTORE_FROM";
const RESTORE_DELAY_ENV: &str = "KEEL_CRASH_RESTORE_DELAY_MS";

#[test]
#[ignore = "the child half of the restore crash tests; runs only when they start it"]
fn child_restore() {
    let (Some(db), Some(from)) = (std::env::var_os(RESTORE_CHILD_ENV), std::env::var_os(RESTORE_FROM_ENV)) else {
        return;
    };
    if let Some(ms) = std::env::var(RESTORE_DELAY_ENV).ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(Duration::from_millis(ms));
    }
    let restored = keel_store::restore(Path::new(&db), Path::new(&from)).expect("restore");
    let mut out = std::io::stdout().lock();
    writeln!(out, "restored {}", restored.kept.map(|k| k.display().to_string()).unwrap_or_default()).expect("report");
}

fn org_names(db: &Path) -> Vec<String> {
    Store::open(db).expect("open").organisations().expect("list").into_iter().map(|o| o.name).collect()
}

fn add_org(store: &mut Store, name: &str) {
    let name = OrganisationName::parse(name).expect("name");
    store.add_organisation(&NewOrganisation { name, sector: Sector::Commercial, sites: vec![] }).expect("add");
}

/// The names in every before-restore copy next to `db`.
fn kept_names(db: &Path) -> Vec<Vec<String>> {
    keel_store::list_backups(db)
        .into_iter()
        .filter(|b| b.to_string_lossy().contains("before-restore"))
        .map(|b| org_names(&b))
        .collect()
}

/// The syscalls a kill is injected at, by class (each class has its own counter in strace).
const KILL_CLASSES: [&str; 10] =
    ["pwrite64", "write", "rename", "renameat", "renameat2", "unlink", "unlinkat", "fsync", "fdatasync", "ftruncate"];

/// SIGKILL at the n-th syscall of each class of a restore (strace's fault injection), for every
/// n until the restore completes, on a database whose newest commit is still in its WAL: the
/// database is then whole and holds either its old content or the backup's; when it holds the
/// backup's, the before-restore copy holds the old; and a second restore always succeeds.
#[test]
fn restore_survives_sigkill_at_every_write_rename_unlink_and_sync() {
    if Command::new("strace").arg("-V").output().is_err() {
        panic!("strace is needed for this test (apt-get install strace; it is in the Makefile's APT_PACKAGES)");
    }
    let kills_wanted: usize = std::env::var("KEEL_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    // Every point of every class in the soak; a spread of write points in the quick run.
    let write_stride = if kills_wanted >= 1000 { 1 } else { 7 };
    let target = if kills_wanted >= 1000 { kills_wanted.min(1000) } else { 0 };
    let dir = tempfile::tempdir().expect("temp dir");
    let template = dir.path().join("template");
    let good = dir.path().join("good.sqlite3");
    let old_names: Vec<String>;
    {
        std::fs::create_dir(&template).expect("mkdir");
        let mut store = Store::open(&template.join("keel.sqlite3")).expect("create");
        for i in 0..20 {
            add_org(&mut store, &format!("backup-{i:03}"));
        }
        store.backup_to(&good).expect("backup");
        for i in 0..20 {
            add_org(&mut store, &format!("live-{i:03}"));
        }
        drop(store);
        // A snapshot whose newest commit is still in the WAL (taken while the store is open).
        let mut store = Store::open(&template.join("keel.sqlite3")).expect("open");
        add_org(&mut store, "in-the-wal");
        std::fs::copy(template.join("keel.sqlite3"), dir.path().join("snap.sqlite3")).expect("copy");
        std::fs::copy(template.join("keel.sqlite3-wal"), dir.path().join("snap.sqlite3-wal")).expect("copy wal");
        old_names = store.organisations().expect("list").into_iter().map(|o| o.name).collect();
    }
    assert_eq!(old_names.len(), 41);
    let new_names = org_names(&good);
    let exe = std::env::current_exe().expect("test binary");
    let (mut kills, mut completed_runs, mut old_after, mut new_after) = (0usize, 0usize, 0usize, 0usize);
    let mut round = 0;
    loop {
        round += 1;
        for class in KILL_CLASSES {
            let writes = class.contains("write");
            let stride = if writes { write_stride } else { 1 };
            let mut n = if writes { 1 + (round - 1) % stride } else { 1 };
            loop {
                let case = dir.path().join(format!("case-{round}-{}-{n}", class.split(',').next().unwrap_or("x")));
                std::fs::create_dir(&case).expect("mkdir");
                let db = case.join("keel.sqlite3");
                std::fs::copy(dir.path().join("snap.sqlite3"), &db).expect("copy");
                std::fs::copy(dir.path().join("snap.sqlite3-wal"), case.join("keel.sqlite3-wal")).expect("copy wal");
                let status = Command::new("strace")
                    .args(["-f", "-qq", "-o", "/dev/null", "-e", &format!("trace={class}")])
                    .arg("-e")
                    .arg(format!("inject={class}:signal=KILL:when={n}"))
                    .arg(&exe)
                    .args(["child_restore", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
                    .env(RESTORE_CHILD_ENV, &db)
                    .env(RESTORE_FROM_ENV, &good)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("strace");
                let killed = !status.success();
                let names = Store::open(&db)
                    .and_then(|s| {
                        let report = s.check()?;
                        assert!(report.is_ok(), "{class} #{n}: {report:?}");
                        s.organisations()
                    })
                    .unwrap_or_else(|e| panic!("{class} #{n}: the database does not open after the kill: {e}"))
                    .into_iter()
                    .map(|o| o.name)
                    .collect::<Vec<_>>();
                let with_wal = &old_names;
                if names == *with_wal {
                    old_after += 1;
                } else if names == new_names {
                    new_after += 1;
                    assert!(
                        kept_names(&db).contains(with_wal),
                        "{class} #{n}: restored, but no before-restore copy holds the old content (WAL included)"
                    );
                } else {
                    panic!("{class} #{n}: a mix of old and new content: {names:?}");
                }
                keel_store::restore(&db, &good).unwrap_or_else(|e| panic!("{class} #{n}: restore again: {e}"));
                assert_eq!(org_names(&db), new_names);
                let _ = std::fs::remove_dir_all(&case);
                if killed {
                    kills += 1;
                    n += stride;
                } else {
                    completed_runs += 1;
                    break;
                }
            }
        }
        if kills >= target {
            break;
        }
    }
    assert!(kills > 0 && completed_runs == KILL_CLASSES.len() * round, "kills {kills}, completed {completed_runs}");
    eprintln!(
        "restore under strace: {kills} kills in {round} round(s); afterwards old content {old_after}, restored content {new_after}; 0 mixed, 0 integrity failures"
    );
}

/// A writer and a restorer at once, both killed at random moments: every commit the writer
/// reported is in the database or in the before-restore copy, and the database is whole.
#[test]
fn writers_and_restores_killed_at_random_lose_no_reported_commit() {
    let kills_wanted: usize = std::env::var("KEEL_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200) / 2;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let good = dir.path().join("good.sqlite3");
    {
        let mut store = Store::open(&db).expect("create");
        add_org(&mut store, "crash-00000");
        store.backup_to(&good).expect("backup");
    }
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1) | 1;
    let mut rng = Xorshift(seed);
    let exe = std::env::current_exe().expect("test binary");
    let (mut kills, mut restores_done, mut reported_total) = (0usize, 0usize, 0usize);
    let mut round = 0usize;
    while kills < kills_wanted {
        round += 1;
        let mut writer = Command::new(&exe)
            .args(["child_writer", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &db)
            .env(START_ENV, (round * 100_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("writer");
        let mut restorer = Command::new(&exe)
            .args(["child_restore", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(RESTORE_CHILD_ENV, &db)
            .env(RESTORE_FROM_ENV, &good)
            .env(RESTORE_DELAY_ENV, (rng.next() % 150).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("restorer");
        std::thread::sleep(Duration::from_millis(30 + rng.next() % 300));
        for child in [&mut writer, &mut restorer] {
            if child.try_wait().expect("poll").is_none() {
                child.kill().expect("SIGKILL");
                kills += 1;
            }
            child.wait().expect("reap");
        }
        let lines = |child: &mut std::process::Child| -> Vec<String> {
            BufReader::new(child.stdout.take().expect("stdout")).lines().map_while(Result::ok).collect()
        };
        let reported: Vec<String> = lines(&mut writer)
            .iter()
            // The harness prints "test child_writer ... " before the first line.
            .filter_map(|l| l.split_once("committed ").and_then(|(_, n)| n.trim().parse::<usize>().ok()))
            .map(|n| format!("crash-{n:05}"))
            .collect();
        restores_done += lines(&mut restorer).iter().filter(|l| l.contains("restored ")).count();
        reported_total += reported.len();
        let store = Store::open(&db).unwrap_or_else(|e| panic!("round {round} (seed {seed}): {e}"));
        let report = store.check().expect("check");
        assert!(report.is_ok(), "round {round} (seed {seed}): {report:?}");
        let mut everywhere: Vec<String> = store.organisations().expect("list").into_iter().map(|o| o.name).collect();
        for kept in kept_names(&db) {
            everywhere.extend(kept);
        }
        let lost: Vec<&String> = reported.iter().filter(|n| !everywhere.contains(n)).collect();
        assert!(lost.is_empty(), "round {round} (seed {seed}): reported commits lost: {lost:?}");
        // Next round starts from the restored state; old before-restore copies may rotate away.
        drop(store);
        for b in keel_store::list_backups(&db) {
            let _ = std::fs::remove_file(b);
        }
    }
    eprintln!(
        "writers and restores: {kills} kills in {round} rounds, {reported_total} reported commits, {restores_done} completed restores, 0 lost, 0 integrity failures"
    );
}
