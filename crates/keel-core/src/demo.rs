//! The demo organisation: a mid-sized manufacturer with three yearly EFQM 2020-structure
//! self-assessments (2023–2025) by three assessors, an ISO 9001:2015 internal assessment (2025),
//! evidence, strengths, areas for improvement, improvement actions and KPIs for every
//! stakeholder group. Generated deterministically, so tests, screenshots and the `keel demo`
//! database always show the same story: steady progress, people results lagging, one part
//! (4.3) on which the assessors disagree in 2025.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::exchange::{
    ActionDoc, ActionStatus, AssessmentDoc, AssessmentStatus, AssessorDoc, ConsensusDoc, Direction, ExchangeFile,
    KpiDoc, NoteDoc, NoteKind, OrganisationDoc, EXCHANGE_FORMAT, EXCHANGE_KIND,
};
use crate::framework::{builtin_framework, Framework, Scheme};
use crate::scoring::{Conformity, NodeScore, RadarScore};
use crate::{Sector, StakeholderGroup};

/// The demo organisation's name.
pub const ORGANISATION: &str = "Northwind Castings Ltd";

/// Every demo assessment as exchange files, oldest first: EFQM 2023, 2024, 2025, ISO 9001 2025.
pub fn assessments() -> Vec<ExchangeFile> {
    let mut files: Vec<ExchangeFile> = [2023, 2024, 2025].into_iter().map(efqm).collect();
    files.push(iso());
    files
}

fn organisation() -> OrganisationDoc {
    OrganisationDoc {
        name: ORGANISATION.into(),
        sector: Sector::Commercial,
        sites: vec!["Sheffield foundry".into(), "Rotherham machining".into()],
    }
}

fn assessors() -> Vec<AssessorDoc> {
    vec![
        AssessorDoc { key: "priya".into(), name: "Priya Raman".into(), role: "Quality manager, lead assessor".into() },
        AssessorDoc { key: "tom".into(), name: "Tom Whitaker".into(), role: "Operations manager".into() },
        AssessorDoc { key: "lena".into(), name: "Lena Fischer".into(), role: "HR business partner".into() },
    ]
}

/// A small, stable hash of a few words: the demo's only source of variation.
fn jitter(parts: &[&str], spread: f64) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    ((h % 2001) as f64 / 1000.0 - 1.0) * spread
}

fn step5(v: f64) -> u8 {
    ((v / 5.0).round() * 5.0).clamp(0.0, 100.0) as u8
}

/// A score of `scheme` near `level` % (with small per-attribute variation).
fn score_near(scheme: &Scheme, level: f64, seed: &[&str]) -> NodeScore {
    match scheme {
        Scheme::Radar { elements, .. } => {
            let attributes = elements
                .iter()
                .flat_map(|e| &e.attributes)
                .map(|a| {
                    let mut s = seed.to_vec();
                    s.push(&a.id);
                    (a.id.clone(), step5(level + jitter(&s, 8.0)))
                })
                .collect();
            NodeScore::Radar(RadarScore { attributes, assessor_override: None })
        }
        Scheme::Conformity { .. } => NodeScore::Conformity(if level >= 70.0 {
            Conformity::Conforming
        } else if level >= 40.0 {
            Conformity::Partially
        } else {
            Conformity::NotConforming
        }),
        Scheme::Maturity { levels, .. } => {
            let n = levels.len().max(2) as f64;
            NodeScore::Maturity((1.0 + (level / 100.0 * (n - 1.0)).round()).clamp(1.0, n) as u8)
        }
        Scheme::Panel { .. } => NodeScore::Panel(step5(level)),
        Scheme::Phases { phases, .. } => NodeScore::Phases(
            phases.iter().map(|p| (p.id.clone(), step5(level + jitter(&[seed[0], &p.id], 6.0)))).collect(),
        ),
    }
}

/// Where each EFQM 2020 criterion stands in 2023 and how fast it improves per year (%).
fn efqm_level(node: &str, year: i32) -> f64 {
    let criterion = node.split('.').next().unwrap_or(node);
    let (base, gain) = match criterion {
        "1" => (52.0, 5.0),
        "2" => (45.0, 4.0),
        "3" => (40.0, 7.0),
        "4" => (50.0, 5.0),
        "5" => (58.0, 4.0),
        "6" => (48.0, 6.0),
        "7" => (38.0, 6.0),
        _ => (45.0, 4.0),
    };
    // People results lag: part 6.2 barely moves.
    let gain = if node == "6.2" { 1.0 } else { gain };
    // A customer-focused firm: customer areas ahead, people and partners behind.
    let focus = match node {
        "3.1" | "4.2" | "4.4" | "6.1" => 12.0,
        "2.1" | "2.4" | "3.2" | "6.2" => -12.0,
        "3.5" | "6.5" => -8.0,
        "3.4" | "6.4" => -5.0,
        _ => 0.0,
    };
    base + focus + gain * f64::from(year - 2023) + jitter(&[node, "level"], 6.0)
}

/// A consensus meeting agrees within what its assessors said: where the agreed score of a part
/// lies outside every assessor's own, the assessor's score nearest to it becomes the agreed one.
fn agree_within_assessors(file: &mut ExchangeFile, framework: &Framework) {
    let Ok(spread) = crate::consensus::spread(file, framework, crate::limits::DISAGREEMENT_THRESHOLD) else {
        return;
    };
    let own = file.assessor_percents(framework);
    for row in spread {
        let (Some(agreed), Some(min), Some(max)) = (row.agreed, row.min, row.max) else { continue };
        if (min - 1e-9..=max + 1e-9).contains(&agreed) {
            continue;
        }
        let nearest = own
            .iter()
            .filter_map(|(key, percents)| percents.get(&row.node).map(|p| (key, (p - agreed).abs())))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(key, _)| key.clone());
        let score = nearest.and_then(|key| file.scores.get(&key)?.get(&row.node).cloned());
        if let (Some(score), Some(agreed)) = (score, file.consensus.get_mut(&row.node)) {
            agreed.score = score;
        }
    }
}

fn efqm(year: i32) -> ExchangeFile {
    let framework = builtin_framework("efqm-2020").unwrap_or_else(|| unreachable!("efqm-2020 is built in"));
    let assessors = assessors();
    let mut scores: BTreeMap<String, BTreeMap<String, NodeScore>> = BTreeMap::new();
    let mut consensus = BTreeMap::new();
    let year_text = year.to_string();
    for node in framework.nodes().iter().filter(|n| n.is_assessable()) {
        let scheme = node.scheme.map(|s| &framework.schemes()[s]);
        let Some(scheme) = scheme else { continue };
        let level = efqm_level(&node.id, year);
        for (i, assessor) in assessors.iter().enumerate() {
            let mut own = level + jitter(&[&node.id, &assessor.key, &year_text], 7.0);
            if year == 2025 && node.id == "4.3" {
                own += [-20.0, 15.0, 5.0][i];
            }
            scores
                .entry(assessor.key.clone())
                .or_default()
                .insert(node.id.clone(), score_near(scheme, own, &[&node.id, &assessor.key, &year_text]));
        }
        consensus.insert(
            node.id.clone(),
            ConsensusDoc {
                score: score_near(scheme, level, &[&node.id, "agreed", &year_text]),
                rationale: "Agreed at the consensus meeting after reviewing the evidence".into(),
            },
        );
    }
    let status = if year < 2025 { AssessmentStatus::Final } else { AssessmentStatus::Consensus };
    let mut file = ExchangeFile {
        format: EXCHANGE_FORMAT,
        kind: EXCHANGE_KIND.into(),
        organisation: organisation(),
        assessment: AssessmentDoc {
            uid: format!("demo-northwind-efqm-{year}"),
            title: format!("EFQM self-assessment {year}"),
            period: year,
            scope: "Whole company, both sites".into(),
            profile: "commercial".into(),
            custom_profile: None,
            status,
        },
        framework: framework.file().clone(),
        framework_hash: framework.content_hash().into(),
        assessors,
        scores,
        consensus,
        notes: efqm_notes(year),
        actions: actions(year),
        kpis: kpis(year),
    };
    agree_within_assessors(&mut file, framework);
    file
}

fn note(node: &str, kind: NoteKind, text: &str, assessor: &str) -> NoteDoc {
    NoteDoc { node: node.into(), kind, text: text.into(), assessor: Some(assessor.into()) }
}

fn efqm_notes(year: i32) -> Vec<NoteDoc> {
    let mut notes = vec![
        note(
            "1.1",
            NoteKind::Evidence,
            "Five-year strategy reviewed by the board each spring; minutes on file.",
            "priya",
        ),
        note(
            "1.1",
            NoteKind::Strength,
            "Purpose statement is known on the shop floor (8 of 10 asked could explain it).",
            "tom",
        ),
        note("3.1", NoteKind::Evidence, "Key-account reviews with the three largest customers twice a year.", "tom"),
        note(
            "5.1",
            NoteKind::Strength,
            "Core moulding process capability above 1.33 on all critical dimensions.",
            "tom",
        ),
        note("7", NoteKind::Evidence, "Margin and cash trends reported monthly for five years.", "priya"),
    ];
    // Areas for improvement stay until the action taken on them is done (see `actions`); then
    // the notes say what changed.
    if year == 2023 {
        notes.push(note(
            "2.3",
            NoteKind::Improvement,
            "Engagement actions are agreed but rarely followed up at team level.",
            "lena",
        ));
    } else {
        notes.push(note(
            "2.3",
            NoteKind::Evidence,
            "Team leaders review their engagement actions monthly since the end of 2023.",
            "lena",
        ));
    }
    if year <= 2024 {
        notes.push(note(
            "4.3",
            NoteKind::Improvement,
            "Supplier development limited to price talks; no joint improvement projects.",
            "priya",
        ));
        notes.push(note(
            "6.2",
            NoteKind::Improvement,
            "People survey response rate fell; no targets set for engagement results.",
            "lena",
        ));
    } else {
        notes.push(note(
            "6.2",
            NoteKind::Evidence,
            "Engagement targets set and reported quarterly since early 2025; too early to show in the results.",
            "lena",
        ));
        notes.push(note(
            "3.1",
            NoteKind::Improvement,
            "Complaints are closed one by one; their root causes are not reviewed across cases.",
            "priya",
        ));
    }
    if year >= 2024 {
        notes.push(note(
            "3.4",
            NoteKind::Strength,
            "New energy-recovery project cut foundry gas use noticeably.",
            "priya",
        ));
    }
    if year == 2025 {
        notes.push(note(
            "4.3",
            NoteKind::Evidence,
            "Two supplier workshops held; assessors read their impact differently.",
            "lena",
        ));
    }
    notes
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn actions(year: i32) -> Vec<ActionDoc> {
    let action = |title: &str, owner: &str, node: &str, due, status, completed_on| ActionDoc {
        title: title.into(),
        owner: owner.into(),
        due,
        status,
        node: Some(node.into()),
        completed_on,
    };
    let done_by =
        |y: i32| if year > y { (ActionStatus::Done, date(y, 11, 30)) } else { (ActionStatus::InProgress, None) };
    let (s1, c1) = done_by(2023);
    let (s2, c2) = done_by(2024);
    let (s3, c3) = done_by(2024);
    let mut list = vec![
        action("Team-level follow-up of engagement actions", "Lena Fischer", "2.3", date(2023, 12, 31), s1, c1),
        action(
            "Joint improvement projects with the top five suppliers",
            "Tom Whitaker",
            "4.3",
            date(2024, 12, 31),
            s2,
            c2,
        ),
        action("Set engagement targets and report them quarterly", "Lena Fischer", "6.2", date(2024, 9, 30), s3, c3),
    ];
    if year == 2025 {
        list.push(action(
            "Customer complaint root-cause reviews monthly",
            "Priya Raman",
            "3.1",
            date(2026, 3, 31),
            ActionStatus::Open,
            None,
        ));
    }
    list
}

/// key, name, group, unit, higher is better, target, financial, values 2021–2025.
type KpiSeed = (&'static str, &'static str, StakeholderGroup, &'static str, bool, f64, bool, [f64; 5]);

const KPIS: [KpiSeed; 8] = [
    ("otd", "On-time delivery", StakeholderGroup::Customers, "%", true, 95.0, false, [86.0, 87.5, 88.5, 91.2, 93.4]),
    (
        "complaints",
        "Customer complaints per 1,000 castings",
        StakeholderGroup::Customers,
        "per 1,000",
        false,
        1.0,
        false,
        [2.4, 2.1, 1.9, 1.5, 1.2],
    ),
    (
        "engagement",
        "Employee engagement index",
        StakeholderGroup::People,
        "%",
        true,
        75.0,
        false,
        [64.0, 66.0, 65.0, 66.0, 67.0],
    ),
    (
        "ltifr",
        "Lost-time injury frequency rate",
        StakeholderGroup::People,
        "per million hours",
        false,
        2.0,
        false,
        [5.2, 4.1, 3.6, 2.8, 2.1],
    ),
    ("ebit", "EBIT margin", StakeholderGroup::Owners, "%", true, 8.0, true, [5.1, 5.8, 6.4, 7.1, 7.6]),
    (
        "supplier-otif",
        "Supplier on time in full",
        StakeholderGroup::Partners,
        "%",
        true,
        92.0,
        false,
        [84.0, 85.0, 86.0, 89.0, 90.0],
    ),
    (
        "energy",
        "Energy per tonne of good castings",
        StakeholderGroup::Society,
        "MWh/t",
        false,
        1.6,
        false,
        [2.05, 1.98, 1.91, 1.74, 1.66],
    ),
    (
        "permit",
        "Environmental permit exceedances",
        StakeholderGroup::Regulators,
        "count",
        false,
        0.0,
        false,
        [3.0, 2.0, 1.0, 1.0, 0.0],
    ),
];

/// The KPIs with their values up to `year`.
fn kpis(year: i32) -> Vec<KpiDoc> {
    KPIS.iter()
        .map(|&(key, name, group, unit, higher, target, financial, values)| KpiDoc {
            key: key.into(),
            name: name.into(),
            group,
            unit: unit.into(),
            direction: if higher { Direction::HigherIsBetter } else { Direction::LowerIsBetter },
            target: Some(target),
            financial,
            values: (2021..).zip(values).filter(|(y, _)| *y <= year).map(|(y, v)| (y.to_string(), v)).collect(),
        })
        .collect()
}

/// Conformity levels per ISO 9001 clause in 2025 (%): strong operations, weaker context and
/// improvement.
fn iso_level(node: &str) -> f64 {
    let clause = node.split('.').next().unwrap_or(node);
    let base = match clause {
        "4" => 55.0,
        "5" => 78.0,
        "6" => 62.0,
        "7" => 74.0,
        "8" => 85.0,
        "9" => 70.0,
        "10" => 50.0,
        _ => 65.0,
    };
    base + jitter(&[node, "iso"], 25.0)
}

fn iso() -> ExchangeFile {
    let framework: &Framework =
        builtin_framework("iso-9001-2015").unwrap_or_else(|| unreachable!("iso-9001-2015 is built in"));
    let assessors: Vec<AssessorDoc> = assessors().into_iter().take(2).collect();
    let mut scores: BTreeMap<String, BTreeMap<String, NodeScore>> = BTreeMap::new();
    let mut consensus = BTreeMap::new();
    for node in framework.nodes().iter().filter(|n| n.is_assessable()) {
        let Some(scheme) = node.scheme.map(|s| &framework.schemes()[s]) else { continue };
        let level = iso_level(&node.id);
        for assessor in &assessors {
            let own = level + jitter(&[&node.id, &assessor.key, "iso"], 10.0);
            scores
                .entry(assessor.key.clone())
                .or_default()
                .insert(node.id.clone(), score_near(scheme, own, &[&node.id]));
        }
        consensus.insert(
            node.id.clone(),
            ConsensusDoc { score: score_near(scheme, level, &[&node.id]), rationale: "Internal audit findings".into() },
        );
    }
    let mut file = ExchangeFile {
        format: EXCHANGE_FORMAT,
        kind: EXCHANGE_KIND.into(),
        organisation: organisation(),
        assessment: AssessmentDoc {
            uid: "demo-northwind-iso-2025".into(),
            title: "ISO 9001 internal assessment 2025".into(),
            period: 2025,
            scope: "Design and manufacture of iron castings, both sites".into(),
            profile: "default".into(),
            custom_profile: None,
            status: AssessmentStatus::Final,
        },
        framework: framework.file().clone(),
        framework_hash: framework.content_hash().into(),
        assessors,
        scores,
        consensus,
        notes: vec![
            note(
                "4.1",
                NoteKind::Improvement,
                "Context review does not yet cover energy prices or climate risks.",
                "priya",
            ),
            note("8.5", NoteKind::Strength, "Process control plans in place for every product family.", "tom"),
            note(
                "10.2",
                NoteKind::Improvement,
                "Corrective actions often closed without an effectiveness check.",
                "priya",
            ),
        ],
        actions: vec![ActionDoc {
            title: "Add an effectiveness check to corrective-action closure".into(),
            owner: "Priya Raman".into(),
            due: date(2026, 2, 28),
            status: ActionStatus::Open,
            node: Some("10.2".into()),
            completed_on: None,
        }],
        kpis: kpis(2025),
    };
    agree_within_assessors(&mut file, framework);
    file
}

/// A load-test assessment of a maturity-scored framework (see [`crate::framework::generated`]):
/// every assessable node scored by `assessors` assessors (`a1`, `a2`, …) and agreed, the levels
/// shifting with `period` so that years differ.
pub fn load_test_assessment(framework: &Framework, period: i32, assessors: usize) -> ExchangeFile {
    let leaves: Vec<&str> = framework.nodes().iter().filter(|n| n.is_assessable()).map(|n| n.id.as_str()).collect();
    let level = |i: usize, shift: usize| NodeScore::Maturity(((i + shift + period as usize) % 5) as u8 + 1);
    let keys: Vec<String> = (1..=assessors).map(|a| format!("a{a}")).collect();
    ExchangeFile {
        format: EXCHANGE_FORMAT,
        kind: EXCHANGE_KIND.into(),
        organisation: OrganisationDoc { name: "Load Test Ltd".into(), sector: Sector::Commercial, sites: vec![] },
        assessment: AssessmentDoc {
            uid: format!("load-test-{period}"),
            title: format!("Load test {period}"),
            period,
            scope: "All".into(),
            profile: "default".into(),
            custom_profile: None,
            status: AssessmentStatus::Consensus,
        },
        framework: framework.file().clone(),
        framework_hash: framework.content_hash().into(),
        assessors: keys
            .iter()
            .map(|key| AssessorDoc { key: key.clone(), name: format!("Assessor {key}"), role: String::new() })
            .collect(),
        scores: keys
            .iter()
            .enumerate()
            .map(|(a, key)| {
                (key.clone(), leaves.iter().enumerate().map(|(i, n)| ((*n).to_owned(), level(i, a))).collect())
            })
            .collect(),
        consensus: leaves
            .iter()
            .enumerate()
            .map(|(i, n)| ((*n).to_owned(), ConsensusDoc { score: level(i, 0), rationale: "agreed".into() }))
            .collect(),
        notes: vec![],
        actions: vec![],
        kpis: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_valid_and_tells_its_story() {
        let files = assessments();
        assert_eq!(files.len(), 4);
        let mut totals = Vec::new();
        for file in &files {
            let json = serde_json::to_string(file).expect("json");
            let (parsed, framework) = ExchangeFile::parse(&json, "demo").expect("demo files are valid exchange files");
            let report = parsed.score(&framework, None, "demo").expect("scores");
            assert!(report.complete, "{} is fully scored", file.assessment.title);
            totals.push(report.total_points);
        }
        // Steady progress from 2023 to 2025.
        assert!(totals[0] < totals[1] && totals[1] < totals[2], "EFQM totals rise: {totals:?}");
        // Deterministic: the same files every time.
        assert_eq!(assessments(), files);
        for file in &files {
            let json = serde_json::to_string(file).expect("json");
            let (file, framework) = ExchangeFile::parse(&json, "demo").expect("valid");
            // An area for improvement is not still open on a part whose action is done.
            for action in file.actions.iter().filter(|a| a.status == ActionStatus::Done) {
                let node = action.node.as_deref().unwrap_or_default();
                assert!(
                    !file.notes.iter().any(|n| n.kind == NoteKind::Improvement && n.node == node),
                    "{}: {node} is done yet still an area for improvement",
                    file.assessment.title
                );
            }
            // The agreed score lies within what the assessors said.
            let spread = crate::consensus::spread(&file, &framework, 15.0).expect("spread");
            for row in spread {
                if let (Some(agreed), Some(min), Some(max)) = (row.agreed, row.min, row.max) {
                    assert!(
                        (min - 1e-9..=max + 1e-9).contains(&agreed),
                        "{} {}: agreed {agreed} outside {min}..{max}",
                        file.assessment.title,
                        row.node
                    );
                }
            }
        }
    }
}
