//! Assessments in a real SQLite file: scoring, the final lock, duplication, audit, exchange-file
//! round trips, all-or-nothing import and upgrades from older schema versions.

use std::collections::BTreeMap;

use keel_core::exchange::{
    ActionDoc, ActionStatus, AssessmentDoc, AssessmentStatus, AssessorDoc, ConsensusDoc, Direction, ExchangeFile,
    KpiDoc, NoteDoc, NoteKind, OrganisationDoc, EXCHANGE_FORMAT, EXCHANGE_KIND,
};
use keel_core::scoring::{Conformity, NodeScore, NotApplicable, RadarScore};
use keel_core::{Framework, NewOrganisation, OrganisationName, Sector, StakeholderGroup};
use keel_store::{NewAssessment, Store, StoreError, SCHEMA_VERSION};
use proptest::prelude::*;

mod support;
use support::{efqm, radar};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    (dir, store)
}

fn assessor(key: &str) -> AssessorDoc {
    AssessorDoc { key: key.into(), name: format!("Assessor {key}"), role: String::new() }
}

/// An organisation with one draft EFQM assessment by two assessors.
fn draft(store: &mut Store) -> i64 {
    let org = store
        .add_organisation(&NewOrganisation {
            name: OrganisationName::parse("Acme").expect("name"),
            sector: Sector::Commercial,
            sites: vec![],
        })
        .expect("org");
    let new = NewAssessment {
        organisation_id: org.id,
        framework: efqm(),
        period: 2025,
        title: "Self-assessment 2025".into(),
        scope: "Whole company".into(),
        profile: "commercial".into(),
        custom_profile: None,
        assessors: vec![assessor("ana"), assessor("ben")],
    };
    store.create_assessment(&new, "tester").expect("create")
}

#[test]
fn scores_notes_and_actions_are_kept_per_assessor_and_agreed() {
    let (_dir, mut store) = store();
    let id = draft(&mut store);
    store.set_score(id, Some("ana"), "1.1", Some(&radar(60)), "", "ana").expect("ana");
    store.set_score(id, Some("ben"), "1.1", Some(&radar(40)), "", "ben").expect("ben");
    store.set_score(id, None, "1.1", Some(&radar(50)), "Agreed in the meeting", "lead").expect("consensus");
    store.set_score(id, Some("ana"), "1.1", Some(&radar(65)), "", "ana").expect("ana changes her mind");
    store.add_note(id, "1.1", NoteKind::Strength, "Purpose is known by all staff", "ana").expect("note");
    let action = ActionDoc {
        title: "Refresh the vision".into(),
        owner: "CEO".into(),
        due: None,
        status: ActionStatus::Open,
        node: Some("1.1".into()),
        completed_on: None,
    };
    store.add_action(id, &action, "lead").expect("action");

    let file = store.export_assessment(id).expect("export");
    assert_eq!(file.scores["ana"]["1.1"], radar(65));
    assert_eq!(file.scores["ben"]["1.1"], radar(40));
    assert_eq!(file.consensus["1.1"].rationale, "Agreed in the meeting");
    assert_eq!(file.notes.len(), 1);
    assert_eq!(file.assessment.profile, "commercial");

    // A score that does not fit the node's scheme is refused with its path; nothing changes.
    let err = store
        .set_score(id, Some("ana"), "1.2", Some(&NodeScore::Conformity(Conformity::Conforming)), "", "ana")
        .expect_err("refuse");
    assert!(err.to_string().contains("scores.1.2"), "{err}");
    let err = store.set_score(id, Some("zoe"), "1.2", Some(&radar(50)), "", "zoe").expect_err("unknown assessor");
    assert!(matches!(err, StoreError::NotFound { what: "assessor", .. }), "{err:?}");
    assert_eq!(store.export_assessment(id).expect("export"), file);

    let log = store.audit_log(20).expect("audit");
    assert_eq!(log.len(), 8, "add organisation, create, 4 scores, note, action: {log:?}");
    assert_eq!((log[0].actor.as_str(), log[0].action.as_str()), ("lead", "add action"));
}

#[test]
fn a_final_assessment_is_locked_and_can_be_duplicated_as_next_years_draft() {
    let (dir, mut store) = store();
    let id = draft(&mut store);
    store.set_score(id, None, "2.1", Some(&radar(50)), "", "lead").expect("score");
    let open = ActionDoc {
        title: "Open one".into(),
        owner: String::new(),
        due: None,
        status: ActionStatus::InProgress,
        node: None,
        completed_on: None,
    };
    let done = ActionDoc { title: "Done one".into(), status: ActionStatus::Done, ..open.clone() };
    store.add_action(id, &open, "lead").expect("action");
    store.add_action(id, &done, "lead").expect("action");
    store.set_status(id, AssessmentStatus::Consensus, "lead").expect("consensus");
    store.set_status(id, AssessmentStatus::Final, "lead").expect("final");

    let before = store.export_assessment(id).expect("export");
    let err = store.set_score(id, None, "2.1", Some(&radar(90)), "", "lead").expect_err("locked");
    assert_eq!(
        err.to_string(),
        "assessment \"Self-assessment 2025\" (2025) is final and cannot be changed; duplicate it as next period's draft instead"
    );
    assert!(store.add_note(id, "2.1", NoteKind::Evidence, "late evidence", "lead").is_err());
    assert!(matches!(store.set_status(id, AssessmentStatus::Draft, "lead"), Err(StoreError::StatusChange { .. })));
    // The triggers hold even for a program that writes SQL directly.
    let raw = rusqlite::Connection::open(dir.path().join("keel.sqlite3")).expect("raw");
    let sql = raw.execute("DELETE FROM score WHERE assessment_id = ?1", [id]);
    assert!(sql.is_err_and(|e| e.to_string().contains("assessment is final")));
    assert!(raw.execute("UPDATE assessment SET title = 'x' WHERE id = ?1", [id]).is_err());
    assert_eq!(store.export_assessment(id).expect("export"), before);

    let next = store.duplicate_as_draft(id, 2026, "lead").expect("duplicate");
    let copy = store.export_assessment(next).expect("export");
    assert_eq!((copy.assessment.period, copy.assessment.status), (2026, AssessmentStatus::Draft));
    assert_ne!(copy.assessment.uid, before.assessment.uid);
    assert_eq!(copy.assessors, before.assessors);
    assert!(copy.scores.is_empty() && copy.consensus.is_empty(), "scores are not carried over");
    let titles: Vec<&str> = copy.actions.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Open one"], "only open actions are carried over");
    assert_eq!(copy.framework_hash, before.framework_hash, "same framework snapshot");
}

/// Next year's draft can start from last year's agreed scores and N/A decisions (each marked
/// carried until confirmed or changed) and its notes; assessors' own scores stay behind.
#[test]
fn next_years_draft_carries_scores_marked_until_confirmed_or_changed() {
    let (_dir, mut store) = store();
    let id = draft(&mut store);
    store.set_score(id, None, "2.1", Some(&radar(50)), "Half the plan is deployed", "lead").expect("score");
    let na = NodeScore::NotApplicable(NotApplicable { reason: "No partners yet".into() });
    store.set_score(id, None, "5.1", Some(&na), "", "lead").expect("n/a");
    store.set_score(id, None, "3.1", Some(&radar(70)), "", "lead").expect("score");
    store.set_score(id, Some("ana"), "3.2", Some(&radar(30)), "", "ana").expect("own score");
    store.add_note(id, "2.1", NoteKind::Evidence, "Strategy paper v3", "lead").expect("note");
    let last_year = store.export_assessment(id).expect("export");

    let plain = keel_store::NextYear {
        period: 2026,
        title: "Self-assessment 2026".into(),
        carry_scores: false,
        carry_notes: false,
    };
    let empty = store.start_next_year(id, &plain, "lead").expect("plain");
    let file = store.export_assessment(empty).expect("export");
    assert_eq!(file.assessment.title, "Self-assessment 2026");
    assert!(file.consensus.is_empty() && file.notes.is_empty());
    assert!(store.carried_scores(empty).expect("carried").is_empty());

    let both = keel_store::NextYear {
        period: 2027,
        title: "Self-assessment 2027".into(),
        carry_scores: true,
        carry_notes: true,
    };
    let next = store.start_next_year(id, &both, "lead").expect("next year");
    let copy = store.export_assessment(next).expect("export");
    assert_eq!(copy.consensus, last_year.consensus, "agreed scores, N/A decisions and rationale come along");
    assert!(copy.scores.is_empty(), "assessors' own scores stay with last year");
    assert_eq!(copy.notes, last_year.notes);
    assert_eq!(store.carried_scores(next).expect("carried"), ["2.1", "3.1", "5.1"]);

    // Confirming keeps the score and drops the mark; changing a score drops it too.
    store.confirm_carried_score(next, "2.1", "lead").expect("confirm");
    store.set_score(next, None, "3.1", Some(&radar(80)), "", "lead").expect("change");
    assert_eq!(store.carried_scores(next).expect("carried"), ["5.1"]);
    assert_eq!(store.export_assessment(next).expect("export").consensus["2.1"], last_year.consensus["2.1"]);
    let err = store.confirm_carried_score(next, "2.1", "lead").expect_err("already confirmed");
    assert!(err.to_string().contains("2.1"), "{err}");
    // Last year's assessment is untouched and has no marks.
    assert_eq!(store.export_assessment(id).expect("export"), last_year);
    assert!(store.carried_scores(id).expect("carried").is_empty());
    // A bad title is refused and nothing is created.
    let count = store.assessments(None).expect("list").len();
    let bad = keel_store::NextYear { title: "  ".into(), ..both };
    assert!(store.start_next_year(id, &bad, "lead").is_err());
    assert_eq!(store.assessments(None).expect("list").len(), count);
}

#[test]
fn import_is_all_or_nothing_and_refuses_a_second_copy() {
    let (_dir, mut store) = store();
    let id = draft(&mut store);
    store.set_score(id, Some("ana"), "3.1", Some(&radar(70)), "", "ana").expect("score");
    let file = store.export_assessment(id).expect("export");

    let (_dir2, mut other) = self::store();
    let (parsed, framework) =
        ExchangeFile::parse(&serde_json::to_string(&file).expect("json"), "a.json").expect("valid");
    let imported = other.import_assessment(&parsed, &framework, "importer").expect("import");
    assert_eq!(other.export_assessment(imported).expect("export"), file);

    let before = other.export_assessment(imported).expect("export");
    let err = other.import_assessment(&parsed, &framework, "importer").expect_err("duplicate uid");
    assert!(matches!(err, StoreError::AssessmentExists { .. }), "{err:?}");
    assert_eq!(other.assessments(None).expect("list").len(), 1);
    assert_eq!(other.export_assessment(imported).expect("export"), before);
}

#[test]
fn a_version_1_database_is_upgraded_without_losing_anything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keel.sqlite3");
    for version in 1..SCHEMA_VERSION {
        std::fs::remove_file(&path).ok();
        Store::create_at_version(&path, version).expect("old schema");
        {
            let old = rusqlite::Connection::open(&path).expect("raw");
            old.execute(
                "INSERT INTO organisation (name, sector, created_at) VALUES ('Old Mill Ltd', 'commercial', '2024-01-01T00:00:00+00:00')",
                [],
            )
            .expect("insert");
            let v: i64 = old.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
            assert_eq!(v, version);
            old.flush_prepared_statement_cache();
        }
        let mut store = Store::open(&path).expect("upgrade");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        let orgs = store.organisations().expect("list");
        assert_eq!(orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["Old Mill Ltd"]);
        // And the new tables work on the upgraded file.
        let new = NewAssessment {
            organisation_id: orgs[0].id,
            framework: efqm(),
            period: 2025,
            title: "First".into(),
            scope: String::new(),
            profile: "default".into(),
            custom_profile: None,
            assessors: vec![],
        };
        store.create_assessment(&new, "t").expect("create on upgraded file");
    }
}

fn leaves(framework: &Framework) -> Vec<String> {
    framework.nodes().iter().filter(|n| n.is_assessable()).map(|n| n.id.clone()).collect()
}

prop_compose! {
    fn exchange_file()(
        status in prop_oneof![Just(AssessmentStatus::Draft), Just(AssessmentStatus::Consensus), Just(AssessmentStatus::Final)],
        period in 2000i32..2100,
        ana in proptest::collection::btree_map(0usize..29, 0u8..=20, 0..10),
        agreed in proptest::collection::btree_map(0usize..29, (0u8..=20, any::<bool>()), 0..10),
        notes in proptest::collection::vec((0usize..29, 0usize..3, "[a-zA-Z ]{1,30}"), 0..6),
        actions in proptest::collection::vec(("[a-zA-Z]{1,20}", 0usize..4, proptest::option::of(0usize..29), proptest::option::of(0u32..3000)), 0..5),
        kpis in proptest::collection::btree_map("[a-z]{1,8}", (0usize..6, any::<bool>(), proptest::option::of(-1e6f64..1e6), proptest::collection::btree_map(2000u32..2100, -1e9f64..1e9, 0..5)), 0..4),
    ) -> ExchangeFile {
        let f = efqm();
        let ids = leaves(f);
        let statuses = [ActionStatus::Open, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Cancelled];
        let kinds = [NoteKind::Evidence, NoteKind::Strength, NoteKind::Improvement];
        let results_attributes = ["scope-relevance", "integrity", "segmentation", "trends", "targets", "comparisons", "confidence"];
        let score_for = |node: &str, v: u8| {
            let scheme = f.node(node).and_then(|n| n.scheme).map(|s| f.schemes()[s].id().to_owned()).unwrap_or_default();
            if scheme == "radar-results" {
                NodeScore::Radar(RadarScore { attributes: results_attributes.iter().map(|a| ((*a).to_owned(), v * 5)).collect(), assessor_override: None })
            } else {
                radar(v * 5)
            }
        };
        ExchangeFile {
            format: EXCHANGE_FORMAT,
            kind: EXCHANGE_KIND.into(),
            organisation: OrganisationDoc { name: "Generated Org".into(), sector: Sector::PublicSector, sites: vec!["Leeds".into(), "York".into()] },
            assessment: AssessmentDoc { uid: format!("uid-{period}"), title: "Generated".into(), period, scope: "All".into(), profile: "public-sector".into(), custom_profile: None, status },
            framework: f.file().clone(),
            framework_hash: f.content_hash().into(),
            assessors: vec![assessor("ana")],
            scores: BTreeMap::from([("ana".to_owned(), ana.iter().map(|(&n, &v)| (ids[n].clone(), score_for(&ids[n], v))).collect())])
                .into_iter().filter(|(_, s): &(String, BTreeMap<String, NodeScore>)| !s.is_empty()).collect(),
            consensus: agreed.iter().map(|(&n, &(v, na))| {
                let score = if na { NodeScore::NotApplicable(NotApplicable { reason: "n/a".into() }) } else { score_for(&ids[n], v) };
                (ids[n].clone(), ConsensusDoc { score, rationale: format!("agreed {v}") })
            }).collect(),
            notes: notes.iter().map(|(n, k, text)| NoteDoc { node: ids[*n].clone(), kind: kinds[*k], text: format!("x{text}"), assessor: Some("ana".into()) }).collect(),
            actions: actions.iter().map(|(title, s, node, due)| ActionDoc {
                title: title.clone(), owner: "Owner".into(), status: statuses[*s], node: node.map(|n| ids[n].clone()),
                due: due.and_then(|d| chrono::NaiveDate::from_num_days_from_ce_opt(730_000 + d as i32)), completed_on: None,
            }).collect(),
            kpis: kpis.iter().map(|(key, (g, financial, target, values))| KpiDoc {
                key: key.clone(), name: format!("KPI {key}"), group: StakeholderGroup::ALL[*g], unit: "%".into(),
                direction: if *financial { Direction::HigherIsBetter } else { Direction::LowerIsBetter },
                target: *target, financial: *financial, values: values.iter().map(|(p, v)| (p.to_string(), *v)).collect(),
            }).collect(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn exchange_files_round_trip_losslessly(file in exchange_file()) {
        let json = serde_json::to_string_pretty(&file).expect("json");
        let (parsed, framework) = ExchangeFile::parse(&json, "generated.json").expect("generated files are valid");
        prop_assert_eq!(&parsed, &file);
        let (_dir, mut store) = store();
        let id = store.import_assessment(&parsed, &framework, "prop").expect("import");
        let exported = store.export_assessment(id).expect("export");
        prop_assert_eq!(exported, file);
    }
}

#[test]
fn attachments_are_stored_once_by_content_and_survive_the_original() {
    let (dir, mut store) = store();
    let id = draft(&mut store);
    let original = dir.path().join("survey-2025.pdf");
    std::fs::write(&original, b"%PDF-1.7 staff survey results").expect("write");
    let first = store.add_attachment(id, "6.2", &original, "ana").expect("attach");
    let copy = dir.path().join("copy of survey.pdf");
    std::fs::copy(&original, &copy).expect("copy");
    let second = store.add_attachment(id, "3.2", &copy, "ana").expect("attach again");
    // sha256 of the content, computed independently: printf '%s' '%PDF-1.7 staff survey results' | sha256sum
    assert_eq!(first.sha256, "12e42fd8dfa8d11630278e192ddced8d6df03c34866d62c9c1a6985d8edab265");
    assert_eq!(first.sha256, second.sha256, "same content, same hash");
    assert_eq!(first.size, 29);
    std::fs::remove_file(&original).expect("delete original");
    let listed = store.attachments(id).expect("list");
    assert_eq!(listed.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["survey-2025.pdf", "copy of survey.pdf"]);
    assert_eq!(std::fs::read(&listed[0].stored_at).expect("stored copy"), b"%PDF-1.7 staff survey results");
    let stored: Vec<_> = std::fs::read_dir(keel_store::attachments_dir(&dir.path().join("keel.sqlite3")))
        .expect("dir")
        .flatten()
        .collect();
    assert_eq!(stored.len(), 1, "stored once, no temporary files left");

    let err = store.add_attachment(id, "6.2", &dir.path().join("missing.pdf"), "ana").expect_err("missing file");
    assert!(err.to_string().starts_with("cannot read"), "{err}");
    store.set_status(id, AssessmentStatus::Final, "lead").expect("final");
    assert!(matches!(store.add_attachment(id, "6.2", &copy, "ana"), Err(StoreError::Locked { .. })));
}

#[test]
fn an_action_status_stays_editable_after_finalising_and_nothing_else_does() {
    let (dir, mut store) = store();
    let id = draft(&mut store);
    let action = ActionDoc {
        title: "Train the night shift".into(),
        owner: "Ops".into(),
        due: None,
        status: ActionStatus::Open,
        node: None,
        completed_on: None,
    };
    let action_id = store.add_action(id, &action, "lead").expect("action");
    store.set_status(id, AssessmentStatus::Consensus, "lead").expect("consensus");
    store.set_status(id, AssessmentStatus::Final, "lead").expect("final");
    let before = store.export_assessment(id).expect("export");

    let done = ActionDoc { status: ActionStatus::Done, ..action.clone() };
    store.update_action(id, action_id, &done, "lead").expect("the status changes on a final assessment");
    let after = store.actions(id).expect("actions");
    assert_eq!(after[0].doc.status, ActionStatus::Done);
    assert!(after[0].doc.completed_on.is_some(), "done records the completion date");
    let renamed = ActionDoc { title: "Something else".into(), ..done.clone() };
    assert!(matches!(store.update_action(id, action_id, &renamed, "lead"), Err(StoreError::Locked { .. })));
    // The trigger holds for SQL written directly: status yes, title no.
    let raw = rusqlite::Connection::open(dir.path().join("keel.sqlite3")).expect("raw");
    assert!(raw.execute("UPDATE action SET status = 'in-progress' WHERE id = ?1", [action_id]).is_ok());
    assert!(raw.execute("UPDATE action SET title = 'x' WHERE id = ?1", [action_id]).is_err());
    let scores_before = before.scores.clone();
    assert_eq!(store.export_assessment(id).expect("export").scores, scores_before, "scores untouched");
    let log = store.audit_log(1).expect("audit");
    assert_eq!(log[0].action, "update action status");
}

#[test]
fn notes_and_actions_are_read_one_way_and_an_unknown_action_status_is_named_not_guessed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let id = draft(&mut store);
    store.add_note(id, "1.1", NoteKind::Evidence, "Minutes of the board", "lead").expect("note");
    let action = ActionDoc {
        title: "Publish the plan".into(),
        owner: "COO".into(),
        due: None,
        status: ActionStatus::InProgress,
        node: None,
        completed_on: None,
    };
    let action_id = store.add_action(id, &action, "lead").expect("action");

    // The walk-through's notes and actions are the exchange file's, with their ids.
    let sheet = store.worksheet(id).expect("worksheet");
    assert_eq!(sheet.notes.iter().map(|n| n.doc()).collect::<Vec<_>>(), sheet.file.notes);
    assert_eq!(sheet.actions.iter().map(|a| a.doc.clone()).collect::<Vec<_>>(), sheet.file.actions);
    assert_eq!(sheet.file, store.export_assessment(id).expect("export"));
    assert_eq!(sheet.actions[0].id, action_id);

    // A status this version does not know (written by a newer Keel, or by hand) is an error
    // naming the row, in every reader; it used to become "open" in one and an error in none.
    let raw = rusqlite::Connection::open(dir.path().join("keel.sqlite3")).expect("raw");
    raw.pragma_update(None, "ignore_check_constraints", true).expect("pragma");
    raw.execute("UPDATE action SET status = 'postponed' WHERE id = ?1", [action_id]).expect("tamper");
    for err in [
        store.actions(id).map(|_| ()).expect_err("actions"),
        store.export_assessment(id).map(|_| ()).expect_err("export"),
    ] {
        match &err {
            StoreError::InvalidRow { table, row_id, column, value, .. } => {
                assert_eq!((*table, *row_id, *column, value.as_str()), ("action", action_id, "status", "postponed"));
            }
            other => panic!("expected an invalid row, got {other:?}"),
        }
    }
}
