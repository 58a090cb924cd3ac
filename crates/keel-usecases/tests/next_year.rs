//! Next year's draft through the use cases both shells call: next year's title, what the dialog
//! offers, last year's scores carried and marked until confirmed or changed.

use keel_core::exchange::NoteKind;
use keel_core::form::AssessorInput;
use keel_core::scoring::{Conformity, NodeScore, NotApplicable};
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::Store;
use keel_usecases::assessments;
use keel_usecases::views::{NewAssessmentInput, NextYearInput};

fn iso_2025(store: &mut Store, title: &str) -> i64 {
    let org = keel_usecases::organisations::add(
        store,
        &NewOrganisation {
            name: OrganisationName::parse("Acme").expect("name"),
            sector: Sector::Commercial,
            sites: vec![],
        },
        "test",
    )
    .expect("organisation");
    let framework = keel_core::framework::builtin_framework("iso-9001-2015").expect("built in");
    let choices = keel_usecases::frameworks::choices(store, &[]).expect("choices");
    let hash = choices.iter().find(|c| c.id == framework.id()).expect("offered").hash.clone();
    let input = NewAssessmentInput {
        organisation_id: org.id,
        framework: hash,
        period: 2025,
        title: title.into(),
        scope: String::new(),
        profile: "equal-requirements".into(),
        custom_points: None,
        assessors: vec![AssessorInput { name: "Ana Lee".into(), role: String::new() }],
    };
    assessments::create(store, &[], &input, "test").expect("create")
}

#[test]
fn the_offer_names_next_years_title_and_what_can_come_along() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let id = iso_2025(&mut store, "Acme QMS self-assessment 2025");
    let conforming = NodeScore::Conformity(Conformity::Conforming);
    let na = NodeScore::NotApplicable(NotApplicable { reason: "No design work".into() });
    assessments::set_score(&mut store, id, None, "4.1", Some(&conforming), "", "test").expect("score");
    assessments::set_score(&mut store, id, None, "4.2", Some(&conforming), "", "test").expect("score");
    assessments::set_score(&mut store, id, None, "8.3.1", Some(&na), "", "test").expect("n/a");
    store.add_note(id, "4.1", NoteKind::Strength, "Context reviewed quarterly", "test").expect("note");

    let offer = assessments::next_year_offer(&store, id, 2026).expect("offer");
    assert_eq!(offer.title, "Acme QMS self-assessment 2026");
    assert_eq!((offer.scores, offer.not_applicable, offer.notes, offer.assessors), (2, 1, 1, 1));
    assert!(assessments::next_year_offer(&store, id, 1800).is_err(), "a year out of range is refused");

    let input = NextYearInput { period: 2026, title: String::new(), carry_scores: true, carry_notes: false };
    let next = assessments::start_next_year(&mut store, id, &input, "test").expect("next year");
    let view = assessments::open(&store, next).expect("open");
    assert_eq!(view.title, "Acme QMS self-assessment 2026");
    assert_eq!(view.period, 2026);
    assert_eq!(view.carried, ["4.1", "4.2", "8.3.1"]);
    assert_eq!(view.report.profile, "equal-requirements", "the weighting comes along");
    assert!(view.notes.is_empty(), "notes only when asked for");
    let last = assessments::open(&store, id).expect("open");
    assert!((view.report.total_points - last.report.total_points).abs() < 1e-9, "same scores, same total");

    assessments::confirm_carried_score(&mut store, next, "4.1", "test").expect("confirm");
    let partly = NodeScore::Conformity(Conformity::Partially);
    assessments::set_score(&mut store, next, None, "4.2", Some(&partly), "", "test").expect("change");
    assert_eq!(assessments::open(&store, next).expect("open").carried, ["8.3.1"]);
}

#[test]
fn a_title_without_a_year_gets_next_years_and_the_plain_duplicate_uses_it_too() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let id = iso_2025(&mut store, "Annual QMS review");
    let next = assessments::duplicate(&mut store, id, 2026, "test").expect("duplicate");
    let view = assessments::open(&store, next).expect("open");
    assert_eq!(view.title, "Annual QMS review 2026");
    assert!(view.carried.is_empty() && view.agreed.is_empty());
    let input = NextYearInput { period: 2027, title: "  My own title ".into(), carry_scores: false, carry_notes: true };
    let own = assessments::start_next_year(&mut store, id, &input, "test").expect("own title");
    assert_eq!(assessments::open(&store, own).expect("open").title, "My own title");
}
