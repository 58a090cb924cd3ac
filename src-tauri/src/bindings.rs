//! TypeScript declarations of every type that crosses IPC, generated from the Rust types.
//!
//! The result is committed as `ui/src/lib/bindings.ts`; the `bindings` test fails when it
//! drifts and rewrites it when run with `KEEL_UPDATE_BINDINGS=1` (`make bindings`).

use ts_rs::TS;

use crate::{DatabaseStatus, ErrorCode, IpcError};
use keel_charts::ChartKind;
use keel_core::comparison::{Comparison, GroupChange, Lurch, NodeChange, Unmatched, VersionMapping};
use keel_core::consensus::NodeSpread;
use keel_core::crosswalk::{SideBySide, SideGroup, SideRow};
use keel_core::exchange::{ActionStatus, AssessmentStatus, Direction, KpiDoc, NoteKind};
use keel_core::form::{ActionInput, AssessorInput, KpiInput};
use keel_core::framework::{Band, Label, Level, RadarElement, Scheme};
use keel_core::kpi::Suggestion;
use keel_core::scoring::{
    Conformity, GroupResult, NodeResult, NodeScore, NotApplicable, Override, RadarScore, ScoreReport, Status,
};
use keel_core::{limits, Organisation, Sector, StakeholderGroup};
use keel_usecases::upkeep::{BackupView, BackupsView, MergedView};
use keel_usecases::views::{
    ActionView, AssessmentItem, AssessmentView, AssessorView, AttachmentView, ChartFileFormat, ChartView, CompareView,
    CriterionRef, ExportDone, ExportKind, FrameworkChoice, FrameworkOutline, NewAssessmentInput, NextYearInput,
    NextYearOffer, NoteView, OutlineNode, ProfileWeights, Progress, ScoreSaved, SealView, SideBySideView,
};

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// The full text of the bindings file.
pub fn typescript() -> String {
    // Database ids are i64 and sizes u64, far below 2^53: numbers, not bigints, in the window.
    let cfg = ts_rs::Config::default().with_large_int("number");
    let decls = [
        Sector::decl(&cfg),
        Organisation::decl(&cfg),
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        DatabaseStatus::decl(&cfg),
        StakeholderGroup::decl(&cfg),
        AssessmentStatus::decl(&cfg),
        NoteKind::decl(&cfg),
        ActionStatus::decl(&cfg),
        Label::decl(&cfg),
        RadarElement::decl(&cfg),
        Band::decl(&cfg),
        Level::decl(&cfg),
        Scheme::decl(&cfg),
        RadarScore::decl(&cfg),
        Override::decl(&cfg),
        Conformity::decl(&cfg),
        NotApplicable::decl(&cfg),
        NodeScore::decl(&cfg),
        Status::decl(&cfg),
        NodeResult::decl(&cfg),
        GroupResult::decl(&cfg),
        ScoreReport::decl(&cfg),
        CriterionRef::decl(&cfg),
        ProfileWeights::decl(&cfg),
        FrameworkChoice::decl(&cfg),
        AssessmentItem::decl(&cfg),
        AssessorInput::decl(&cfg),
        NewAssessmentInput::decl(&cfg),
        NextYearInput::decl(&cfg),
        NextYearOffer::decl(&cfg),
        OutlineNode::decl(&cfg),
        FrameworkOutline::decl(&cfg),
        AssessorView::decl(&cfg),
        NoteView::decl(&cfg),
        ActionView::decl(&cfg),
        ActionInput::decl(&cfg),
        AttachmentView::decl(&cfg),
        AssessmentView::decl(&cfg),
        SealView::decl(&cfg),
        ChartKind::decl(&cfg),
        ChartView::decl(&cfg),
        ExportKind::decl(&cfg),
        ChartFileFormat::decl(&cfg),
        ExportDone::decl(&cfg),
        Progress::decl(&cfg),
        ScoreSaved::decl(&cfg),
        NodeSpread::decl(&cfg),
        Direction::decl(&cfg),
        KpiDoc::decl(&cfg),
        Suggestion::decl(&cfg),
        KpiInput::decl(&cfg),
        NodeChange::decl(&cfg),
        GroupChange::decl(&cfg),
        Lurch::decl(&cfg),
        Unmatched::decl(&cfg),
        VersionMapping::decl(&cfg),
        Comparison::decl(&cfg),
        SideRow::decl(&cfg),
        SideGroup::decl(&cfg),
        SideBySide::decl(&cfg),
        SideBySideView::decl(&cfg),
        CompareView::decl(&cfg),
        BackupView::decl(&cfg),
        BackupsView::decl(&cfg),
        MergedView::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from Keel's Rust types by src-tauri/src/bindings.rs; do not edit by hand.\n\
         // Regenerate with `make bindings`; a test fails when this file drifts from the Rust types.\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    // Labels live with the enum in Rust; the UI takes them from here instead of copying them.
    out.push_str("\n/** Every sector with its label, in the order the UI offers them. */\n");
    out.push_str("export const SECTORS: ReadonlyArray<{ id: Sector; label: string }> = [\n");
    for sector in Sector::ALL {
        out.push_str(&format!("  {{ id: {}, label: {} }},\n", json_string(sector.id()), json_string(sector.label())));
    }
    out.push_str("];\n");
    out.push_str("\n/** Every stakeholder group with its label (and its name in each sector's words), in the order the results show them. */\n");
    out.push_str(
        "export const STAKEHOLDER_GROUPS: ReadonlyArray<{ id: StakeholderGroup; label: string; bySector: Record<Sector, string> }> = [\n",
    );
    for group in StakeholderGroup::ALL {
        let by_sector: Vec<String> = Sector::ALL
            .iter()
            .map(|&s| format!("{}: {}", json_string(s.id()), json_string(group.label_for(s))))
            .collect();
        out.push_str(&format!(
            "  {{ id: {}, label: {}, bySector: {{ {} }} }},\n",
            json_string(group.id()),
            json_string(group.label()),
            by_sector.join(", ")
        ));
    }
    out.push_str("];\n");
    labelled(
        &mut out,
        "NOTE_KINDS",
        "NoteKind",
        "Every kind of note with its label, in the order the walk-through offers them.",
        NoteKind::ALL.iter().map(|k| (k.id(), k.label())),
    );
    labelled(
        &mut out,
        "ACTION_STATUSES",
        "ActionStatus",
        "Every action status with its label, in the order of the action plan.",
        ActionStatus::ALL.iter().map(|s| (s.id(), s.label())),
    );
    out.push_str("\n/** The limits every input is checked against (keel_core::limits); the window checks early, Rust decides. */\n");
    out.push_str("export const LIMITS = {\n");
    for (name, value) in [
        ("firstPeriod", limits::FIRST_PERIOD.to_string()),
        ("lastPeriod", limits::LAST_PERIOD.to_string()),
        ("maxTitleChars", limits::MAX_TITLE_CHARS.to_string()),
        ("maxNameChars", limits::MAX_NAME_CHARS.to_string()),
        ("weightTolerance", format!("{:e}", limits::WEIGHT_TOLERANCE)),
        ("disagreementThreshold", limits::DISAGREEMENT_THRESHOLD.to_string()),
        ("thinCoverage", keel_core::crosswalk::UNCOVERED_GROUP_THRESHOLD.to_string()),
    ] {
        out.push_str(&format!("  {name}: {value},\n"));
    }
    out.push_str("} as const;\n");
    out
}

/// `export const NAME: ReadonlyArray<{ id: TYPE; label: string }> = [...]` from `(id, label)`.
fn labelled<'a>(out: &mut String, name: &str, ty: &str, doc: &str, items: impl Iterator<Item = (&'a str, &'a str)>) {
    out.push_str(&format!("\n/** {doc} */\nexport const {name}: ReadonlyArray<{{ id: {ty}; label: string }}> = [\n"));
    for (id, label) in items {
        out.push_str(&format!("  {{ id: {}, label: {} }},\n", json_string(id), json_string(label)));
    }
    out.push_str("];\n");
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}
