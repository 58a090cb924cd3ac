//! Managing what the user made: rename, re-sector, sites, deleting drafts and organisations
//! (never a final assessment), each one transaction with its audit entry; and what the backup
//! list says each backup holds.

mod support;

use std::fs;
use std::io::{Seek, SeekFrom, Write};

use keel_core::exchange::AssessmentStatus;
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{backup_summaries, describe_backup, newest_sound_backup, NewAssessment, Store, StoreError};
use support::{efqm, radar};

const ACTOR: &str = "tester";

fn org(store: &mut Store, name: &str) -> i64 {
    let new = NewOrganisation {
        name: OrganisationName::parse(name).expect("name"),
        sector: Sector::Commercial,
        sites: vec![],
    };
    store.add_organisation(&new).expect("add").id
}

fn draft(store: &mut Store, organisation_id: i64, period: i32) -> i64 {
    let new = NewAssessment {
        organisation_id,
        framework: efqm(),
        period,
        title: format!("Self-assessment {period}"),
        scope: String::new(),
        profile: "default".into(),
        custom_profile: None,
        assessors: vec![],
    };
    let id = store.create_assessment(&new, ACTOR).expect("create");
    store.set_score(id, None, "1.1", Some(&radar(50)), "", ACTOR).expect("score");
    store.add_note(id, "1.1", keel_core::exchange::NoteKind::Evidence, "minutes", ACTOR).expect("note");
    id
}

fn audit_count(store: &Store) -> usize {
    store.audit_log(10_000).expect("audit").len()
}

fn name(raw: &str) -> OrganisationName {
    OrganisationName::parse(raw).expect("name")
}

#[test]
fn rename_resector_and_sites_each_write_one_audit_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let acme = org(&mut store, "Acme Ltd");
    org(&mut store, "Borough Council");
    let before = audit_count(&store);

    let renamed = store.rename_organisation(acme, &name("Acme Castings Ltd"), ACTOR).expect("rename");
    assert_eq!(renamed.name, "Acme Castings Ltd");
    let entry = &store.audit_log(1).expect("audit")[0];
    assert_eq!((entry.action.as_str(), entry.detail.as_str()), ("rename organisation", "Acme Ltd → Acme Castings Ltd"));
    assert_eq!(entry.subject, format!("organisation {acme}"));

    let resectored = store.set_organisation_sector(acme, Sector::PublicSector, ACTOR).expect("sector");
    assert_eq!(resectored.sector, Sector::PublicSector);
    assert_eq!(store.audit_log(1).expect("audit")[0].detail, "Acme Castings Ltd: commercial → public-sector");

    let sites = [name("Leeds"), name("Bradford"), name("Leeds")];
    let with_sites = store.set_organisation_sites(acme, &sites, ACTOR).expect("sites");
    assert_eq!(with_sites.sites, ["Bradford", "Leeds"]);
    assert_eq!(store.audit_log(1).expect("audit")[0].detail, "Acme Castings Ltd: none → Bradford, Leeds");
    assert_eq!(audit_count(&store), before + 3);

    // Setting what is already there changes nothing, not even the audit log.
    store.set_organisation_sector(acme, Sector::PublicSector, ACTOR).expect("same sector");
    store.set_organisation_sites(acme, &[name("Leeds"), name("Bradford")], ACTOR).expect("same sites");
    store.rename_organisation(acme, &name("Acme Castings Ltd"), ACTOR).expect("same name");
    assert_eq!(audit_count(&store), before + 3);

    // A name taken by another organisation, in any case, is refused and nothing changes.
    let err = store.rename_organisation(acme, &name("BOROUGH council"), ACTOR).expect_err("taken");
    assert!(matches!(err, StoreError::DuplicateOrganisation { .. }), "{err:?}");
    assert_eq!(err.to_string(), "an organisation named \"BOROUGH council\" already exists");
    assert_eq!(store.organisation(acme).expect("org").name, "Acme Castings Ltd");
    // Its own name in another case is a rename, not a clash.
    store.rename_organisation(acme, &name("ACME Castings Ltd"), ACTOR).expect("recase");
    assert_eq!(audit_count(&store), before + 4);

    let missing = store.rename_organisation(9999, &name("Nobody"), ACTOR).expect_err("missing");
    assert!(matches!(missing, StoreError::NotFound { what: "organisation", .. }), "{missing:?}");
}

#[test]
fn a_draft_can_be_deleted_and_a_final_assessment_cannot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let acme = org(&mut store, "Acme Ltd");
    let old = draft(&mut store, acme, 2025);
    store.set_status(old, AssessmentStatus::Final, ACTOR).expect("finalise");
    let new = draft(&mut store, acme, 2026);
    store.set_resume_node(new, "1.1").expect("resume");
    let before = audit_count(&store);

    let deleted = store.delete_assessment(new, ACTOR).expect("delete the draft");
    assert_eq!(deleted.title, "Self-assessment 2026");
    assert!(matches!(store.assessment(new), Err(StoreError::NotFound { .. })));
    assert!(store.notes(new).expect("notes").is_empty(), "its notes went with it");
    let entry = &store.audit_log(1).expect("audit")[0];
    assert_eq!(entry.action, "delete assessment");
    assert_eq!(entry.detail, "Self-assessment 2026 2026 (efqm-2020, draft) of Acme Ltd");
    assert_eq!(audit_count(&store), before + 1);
    assert!(store.check().expect("check").is_ok(), "no dangling rows");

    let err = store.delete_assessment(old, ACTOR).expect_err("final");
    assert!(matches!(err, StoreError::FinalUndeletable { .. }), "{err:?}");
    assert!(err.to_string().contains("is final and cannot be deleted"), "{err}");
    assert_eq!(store.assessment(old).expect("still there").status, AssessmentStatus::Final);
    assert_eq!(audit_count(&store), before + 1, "a refusal writes nothing");
}

#[test]
fn an_organisation_is_deleted_only_without_final_assessments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let kept = org(&mut store, "Kept Ltd");
    let done = draft(&mut store, kept, 2025);
    store.set_status(done, AssessmentStatus::Final, ACTOR).expect("finalise");
    draft(&mut store, kept, 2026);
    let gone = org(&mut store, "Mistake Ltd");
    draft(&mut store, gone, 2026);
    draft(&mut store, gone, 2027);
    store.set_organisation_sites(gone, &[name("Annex")], ACTOR).expect("sites");

    let err = store.delete_organisation(kept, ACTOR).expect_err("has a final assessment");
    assert!(matches!(err, StoreError::OrganisationHasFinal { finals: 1, .. }), "{err:?}");
    assert_eq!(store.assessments(Some(kept)).expect("list").len(), 2, "nothing deleted");

    store.delete_organisation(gone, ACTOR).expect("delete");
    let names: Vec<String> = store.organisations().expect("list").into_iter().map(|o| o.name).collect();
    assert_eq!(names, ["Kept Ltd"]);
    assert!(store.assessments(Some(gone)).expect("list").is_empty());
    let entry = &store.audit_log(1).expect("audit")[0];
    assert_eq!(entry.action, "delete organisation");
    assert_eq!(entry.detail, "Mistake Ltd (2 draft assessment(s) deleted with it)");
    assert!(store.check().expect("check").is_ok(), "no dangling rows");
}

#[test]
fn the_backup_list_says_what_each_backup_holds_and_which_are_sound() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let mut store = Store::open(&db).expect("open");
    let acme = org(&mut store, "Acme Ltd");
    let first = store.rolling_backup("daily").expect("backup");
    let done = draft(&mut store, acme, 2025);
    store.set_status(done, AssessmentStatus::Final, ACTOR).expect("finalise");
    draft(&mut store, acme, 2026);
    org(&mut store, "Borough Council");
    let second = store.rolling_backup("manual").expect("backup");

    let list = backup_summaries(&db);
    assert_eq!(list.iter().map(|b| b.path.clone()).collect::<Vec<_>>(), [second.clone(), first.clone()]);
    let newest = list[0].contents.as_ref().expect("sound");
    assert_eq!((newest.organisations, newest.assessments, newest.final_assessments), (2, 2, 1));
    assert_eq!(list[0].reason, "manual");
    assert_eq!(list[0].bytes, fs::metadata(&second).expect("meta").len());
    assert!(list[0].made_at >= list[1].made_at && list[1].made_at.is_some());
    let oldest = list[1].contents.as_ref().expect("sound");
    assert_eq!((oldest.organisations, oldest.assessments), (1, 0));

    // Damage the newest: it is listed as unsound and the older one is offered instead.
    let len = fs::metadata(&second).expect("meta").len();
    assert!(len > 4 * 4096, "needs several pages: {len}");
    let mut file = fs::OpenOptions::new().write(true).open(&second).expect("open");
    file.seek(SeekFrom::Start(2 * 4096)).expect("seek");
    file.write_all(&[0xA5; 4096 * 2]).expect("damage");
    drop(file);
    let list = backup_summaries(&db);
    assert!(!list[0].is_good(), "{:?}", list[0].contents);
    assert_eq!(newest_sound_backup(&db).map(|b| b.path), Some(first));

    // A file that is not a database is described, not opened for writing.
    let text = dir.path().join("notes.sqlite3");
    fs::write(&text, "not a database").expect("write");
    let described = describe_backup(&text);
    assert!(described.contents.as_ref().is_err_and(|e| e.contains("is not a SQLite database")), "{described:?}");
    assert_eq!(fs::read_to_string(&text).expect("read"), "not a database");
}

#[test]
fn a_restore_is_recorded_in_the_restored_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("keel.sqlite3");
    let backup = {
        let mut store = Store::open(&db).expect("open");
        org(&mut store, "Acme Ltd");
        let backup = store.rolling_backup("daily").expect("backup");
        org(&mut store, "Later Ltd");
        backup
    };
    keel_store::restore(&db, &backup).expect("restore");
    let mut store = Store::open(&db).expect("open");
    store.record_restore(&backup, ACTOR).expect("record");
    let entry = &store.audit_log(1).expect("audit")[0];
    assert_eq!((entry.action.as_str(), entry.detail.clone()), ("restore backup", backup.display().to_string()));
    assert_eq!(store.organisations().expect("list").len(), 1);
}
