//! The app's item-by-item edits in a real SQLite file: notes and actions by id, the resume
//! point, the history to compare with, and the demo organisation installed idempotently.

use keel_core::exchange::{ActionDoc, ActionStatus, AssessmentStatus, NoteKind};
use keel_core::framework::builtin_framework;
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{NewAssessment, Store, StoreError};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    (dir, store)
}

fn draft(store: &mut Store, period: i32) -> i64 {
    let org = match store.organisations().expect("list").into_iter().next() {
        Some(org) => org,
        None => store
            .add_organisation(&NewOrganisation {
                name: OrganisationName::parse("Acme").expect("name"),
                sector: Sector::Commercial,
                sites: vec![],
            })
            .expect("org"),
    };
    let new = NewAssessment {
        organisation_id: org.id,
        framework: builtin_framework("efqm-2020").expect("efqm"),
        period,
        title: format!("Self-assessment {period}"),
        scope: String::new(),
        profile: "default".into(),
        custom_profile: None,
        assessors: vec![],
    };
    store.create_assessment(&new, "tester").expect("create")
}

fn action(title: &str, status: ActionStatus) -> ActionDoc {
    ActionDoc {
        title: title.into(),
        owner: "Quality".into(),
        due: None,
        status,
        node: Some("1.1".into()),
        completed_on: None,
    }
}

#[test]
fn notes_are_listed_with_ids_and_deleted_one_at_a_time() {
    let (_dir, mut store) = store();
    let id = draft(&mut store, 2025);
    let first = store.add_note(id, "1.1", NoteKind::Evidence, "Board minutes", "t").expect("note");
    let second = store.add_note(id, "1.2", NoteKind::Improvement, "No review of purpose", "t").expect("note");
    let notes = store.notes(id).expect("notes");
    assert_eq!(
        notes.iter().map(|n| (n.id, n.kind)).collect::<Vec<_>>(),
        [(first, NoteKind::Evidence), (second, NoteKind::Improvement)]
    );
    assert_eq!(notes[1].node, "1.2");

    store.delete_note(id, first, "t").expect("delete");
    assert_eq!(store.notes(id).expect("notes").len(), 1);
    let again = store.delete_note(id, first, "t").expect_err("already gone");
    assert!(matches!(again, StoreError::NotFound { what: "note", .. }), "{again}");
    // A note id of another assessment is not this assessment's to delete.
    let other = draft(&mut store, 2026);
    assert!(store.delete_note(other, second, "t").is_err());
    assert_eq!(store.notes(id).expect("notes").len(), 1);
}

#[test]
fn actions_update_and_done_records_the_completion_date() {
    let (_dir, mut store) = store();
    let id = draft(&mut store, 2025);
    let action_id = store.add_action(id, &action("Refresh the vision", ActionStatus::Open), "t").expect("add");
    let mut doc = action("Refresh the vision with staff", ActionStatus::Done);
    doc.due = Some("2026-03-31".parse().expect("date"));
    store.update_action(id, action_id, &doc, "t").expect("update");
    let actions = store.actions(id).expect("actions");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].id, action_id);
    assert_eq!(actions[0].doc.title, "Refresh the vision with staff");
    assert_eq!(actions[0].doc.status, ActionStatus::Done);
    assert_eq!(actions[0].doc.completed_on, Some(chrono::Local::now().date_naive()));

    let empty = store.update_action(id, action_id, &action("  ", ActionStatus::Open), "t").expect_err("empty title");
    assert!(empty.to_string().contains("title"), "{empty}");
    let missing = store.update_action(id, 999, &doc, "t").expect_err("no such action");
    assert!(matches!(missing, StoreError::NotFound { what: "action", .. }), "{missing}");

    store.set_status(id, AssessmentStatus::Final, "t").expect("final");
    // On a final assessment the action plan lives on: its status may change, nothing else.
    let reopened = ActionDoc { status: ActionStatus::InProgress, completed_on: None, ..doc.clone() };
    store.update_action(id, action_id, &reopened, "t").expect("status on a final assessment");
    let renamed = ActionDoc { title: "Another title".into(), ..reopened };
    let locked = store.update_action(id, action_id, &renamed, "t").expect_err("locked");
    assert!(matches!(locked, StoreError::Locked { .. }), "{locked}");
}

#[test]
fn the_resume_point_survives_reopening_and_works_on_final_assessments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keel.sqlite3");
    let id = {
        let mut store = Store::open(&path).expect("open");
        let id = draft(&mut store, 2025);
        assert_eq!(store.resume_node(id).expect("resume"), None);
        store.set_resume_node(id, "2.1").expect("set");
        store.set_resume_node(id, "3.2").expect("move on");
        let unknown = store.set_resume_node(id, "99.9").expect_err("unknown node");
        assert!(unknown.to_string().contains("99.9"), "{unknown}");
        id
    };
    let mut store = Store::open(&path).expect("reopen");
    assert_eq!(store.resume_node(id).expect("resume").as_deref(), Some("3.2"));
    store.set_status(id, AssessmentStatus::Final, "t").expect("final");
    store.set_resume_node(id, "1.1").expect("looking at a final assessment moves the place");
    assert_eq!(store.resume_node(id).expect("resume").as_deref(), Some("1.1"));
}

#[test]
fn history_is_earlier_periods_of_the_same_organisation_and_framework() {
    let (_dir, mut store) = store();
    let y2023 = draft(&mut store, 2023);
    let y2025 = draft(&mut store, 2025);
    let y2024 = draft(&mut store, 2024);
    let y2026 = draft(&mut store, 2026);
    assert_eq!(store.history(y2025, &[]).expect("history"), [y2023, y2024]);
    assert_eq!(store.history(y2023, &[]).expect("history"), Vec::<i64>::new());
    assert_eq!(store.history(y2025, &[y2026, y2023, y2025]).expect("chosen"), [y2023, y2026]);
    let missing = store.history(y2025, &[404]).expect_err("unknown");
    assert!(missing.to_string().contains("404"), "{missing}");
}

#[test]
fn installing_the_demo_twice_adds_it_once() {
    let (_dir, mut store) = store();
    let first = store.install_demo("t").expect("install");
    assert_eq!(first.len(), keel_core::demo::assessments().len());
    assert!(first.iter().all(|a| a.added.is_some()));
    let count = store.assessments(None).expect("list").len();
    let second = store.install_demo("t").expect("again");
    assert!(second.iter().all(|a| a.added.is_none()));
    assert_eq!(store.assessments(None).expect("list").len(), count);
    assert_eq!(store.organisations().expect("orgs").len(), 1);
}

#[test]
fn a_pack_is_the_assessment_its_history_and_the_other_models_assessment_of_the_period() {
    let (_dir, mut store) = store();
    store.install_demo("t").expect("demo");
    let list = store.assessments(None).expect("list");
    let id = |framework: &str, period: i32| {
        list.iter().find(|a| a.framework == framework && a.period == period).map(|a| a.id).expect("demo assessment")
    };
    let members = store.pack_members(id("efqm-2020", 2025), &[]).expect("members");
    assert_eq!(members.earlier, [id("efqm-2020", 2023), id("efqm-2020", 2024)]);
    assert_eq!(members.counterpart, Some(id("iso-9001-2015", 2025)));
    let iso = store.pack_members(id("iso-9001-2015", 2025), &[]).expect("iso");
    assert_eq!((iso.earlier.len(), iso.counterpart), (0, Some(id("efqm-2020", 2025))));
    assert_eq!(store.pack_members(id("efqm-2020", 2023), &[]).expect("2023").counterpart, None, "no ISO in 2023");
}
