//! Merging three assessors' own files into the lead's assessment, in a real SQLite file: the
//! spread and the disagreement flag come out as worked out by hand, merging twice changes
//! nothing, a file for another framework version is refused, and the individual scores stay
//! visible after consensus.

use std::collections::BTreeMap;

use keel_core::consensus::{spread, DISAGREEMENT_THRESHOLD};
use keel_core::exchange::{AssessorDoc, ExchangeFile, NoteDoc, NoteKind};
use keel_core::{NewOrganisation, OrganisationName, Sector};
use keel_store::{NewAssessment, Store, StoreError};

mod support;
use support::{efqm, radar};

fn lead_assessment(store: &mut Store) -> i64 {
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
        period: 2026,
        title: "Self-assessment 2026".into(),
        scope: String::new(),
        profile: "default".into(),
        custom_profile: None,
        assessors: vec![],
    };
    store.create_assessment(&new, "lead").expect("create")
}

/// What one assessor sends back: the lead's file with only their own scores (and a note).
fn assessor_file(lead: &ExchangeFile, key: &str, scores: &[(&str, u8)], note: Option<&str>) -> ExchangeFile {
    let mut file = lead.clone();
    file.assessors = vec![AssessorDoc { key: key.into(), name: format!("Assessor {key}"), role: String::new() }];
    file.scores =
        BTreeMap::from([(key.to_owned(), scores.iter().map(|(n, v)| ((*n).to_owned(), radar(*v))).collect())]);
    file.notes = note
        .map(|text| {
            vec![NoteDoc {
                node: "1.1".into(),
                kind: NoteKind::Evidence,
                text: text.into(),
                assessor: Some(key.into()),
            }]
        })
        .unwrap_or_default();
    // Through the same validation as a file from disk.
    let json = serde_json::to_string(&file).expect("json");
    ExchangeFile::parse(&json, key).expect("valid").0
}

#[test]
fn three_assessors_merge_with_a_flagged_disagreement() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let id = lead_assessment(&mut store);
    let lead = store.export_assessment(id).expect("export");
    let files = [
        assessor_file(&lead, "ana", &[("1.1", 40), ("1.2", 50)], None),
        assessor_file(&lead, "ben", &[("1.1", 50), ("1.2", 55)], Some("Strategy pack seen")),
        assessor_file(&lead, "cat", &[("1.1", 80), ("1.2", 60)], None),
    ];
    let named: Vec<(&str, &ExchangeFile)> =
        ["ana.keel.json", "ben.keel.json", "cat.keel.json"].into_iter().zip(&files).collect();
    let merged = store.merge_assessors(id, &named, "lead").expect("merge");
    assert_eq!(
        merged.iter().map(|m| (m.origin.as_str(), m.key.as_str())).collect::<Vec<_>>(),
        [("ana.keel.json", "ana"), ("ben.keel.json", "ben"), ("cat.keel.json", "cat")]
    );
    assert!(merged.iter().all(|m| m.new && m.added == 2));
    let audit_before = store.audit_log(1000).expect("audit").len();
    let again = store.merge_assessors(id, &[("ben.keel.json", &files[1])], "lead").expect("merge again");
    assert_eq!(
        (again[0].new, again[0].added, again[0].changed, again[0].unchanged, again[0].notes_added),
        (false, 0, 0, 2, 0)
    );
    assert_eq!(store.audit_log(1000).expect("audit").len(), audit_before, "merging twice changes nothing");

    let framework = store.assessment_framework(id).expect("framework");
    let file = store.export_assessment(id).expect("export");
    assert_eq!(file.assessors.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(), ["ana", "ben", "cat"]);
    assert_eq!(file.notes.len(), 1);
    let rows = spread(&file, &framework, DISAGREEMENT_THRESHOLD).expect("agreed scores fit");
    let row = |node: &str| rows.iter().find(|r| r.node == node).expect("row");
    // 1.1: 40, 50, 80 → range 40 (> 15: flagged); mean 56.67; σ = √((16.67² + 6.67² + 23.33²) / 3) = 17.0.
    assert_eq!(row("1.1").percents, [Some(40.0), Some(50.0), Some(80.0)]);
    assert_eq!((row("1.1").min, row("1.1").max), (Some(40.0), Some(80.0)));
    assert!((row("1.1").std_dev.expect("sd") - 16.997).abs() < 0.001);
    assert!(row("1.1").disagreement);
    // 1.2: 50, 55, 60 → range 10: not flagged; σ = 4.08.
    assert!(!row("1.2").disagreement);
    assert!((row("1.2").std_dev.expect("sd") - 4.082).abs() < 0.001);
    assert_eq!(rows.len(), 2, "only nodes someone scored");

    // The lead records the agreed score with a rationale; the individual scores stay.
    store
        .set_score(id, None, "1.1", Some(&radar(55)), "Agreed after reviewing the strategy pack", "lead")
        .expect("agree");
    let file = store.export_assessment(id).expect("export");
    let rows = spread(&file, &framework, DISAGREEMENT_THRESHOLD).expect("agreed scores fit");
    let agreed = rows.iter().find(|r| r.node == "1.1").expect("1.1");
    assert_eq!(agreed.agreed, Some(55.0));
    assert_eq!(agreed.rationale, "Agreed after reviewing the strategy pack");
    assert_eq!(agreed.percents, [Some(40.0), Some(50.0), Some(80.0)]);
}

#[test]
fn a_file_for_another_framework_version_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
    let id = lead_assessment(&mut store);
    let mut other = store.export_assessment(id).expect("export");
    // The same model with one title changed is another version (another content hash).
    other.framework.title = "EFQM 2020 (local copy)".into();
    let other = {
        let mut json: serde_json::Value = serde_json::to_value(&other).expect("json");
        json["frameworkHash"] = serde_json::Value::String(
            keel_core::Framework::from_file(other.framework.clone(), "copy").expect("valid").content_hash().to_owned(),
        );
        ExchangeFile::parse(&json.to_string(), "copy").expect("valid").0
    };
    let lead = store.export_assessment(id).expect("export");
    let good = assessor_file(&lead, "ben", &[("1.1", 60)], None);
    let file = assessor_file(&other, "ana", &[("1.1", 40)], None);
    let audit_before = store.audit_log(1000).expect("audit").len();
    let err = store
        .merge_assessors(id, &[("ben.keel.json", &good), ("ana.keel.json", &file)], "lead")
        .expect_err("other version");
    // Named as people know the models, never by id; the fingerprints tell versions apart.
    let message = err.to_string();
    assert!(message.starts_with("ana.keel.json was made for EFQM 2020 (local copy), data version"), "{message}");
    assert!(message.contains("the assessment uses EFQM Model 2020 structure"), "{message}");
    assert!(!message.contains("efqm-2020"), "{message}");
    assert!(matches!(err, StoreError::FrameworkMismatch { .. }), "{err}");
    assert!(err.to_string().contains("same framework version"), "{err}");
    assert_eq!(store.audit_log(1000).expect("audit").len(), audit_before);
    assert!(store.export_assessment(id).expect("export").scores.is_empty(), "not even the good file was merged");
}
