//! An assessment from start to final: create, open, score, notes, attachments, actions, where
//! the user left off, finalise, next year's draft, and exchange files in and out.

use std::path::Path;

use keel_core::exchange::{ActionStatus, AssessmentStatus, ExchangeFile, NoteKind};
use keel_core::form::{ActionInput, AssessorInput};
use keel_core::scoring::NodeScore;
use keel_core::Framework;
use keel_store::{NewAssessment, Store};

use crate::views::{
    ActionView, AssessmentItem, AssessmentView, AttachmentView, NewAssessmentInput, NextYearInput, NextYearOffer,
    NoteView, ScoreSaved,
};
use crate::{files, frameworks, packs, Error};

/// Assessments, newest period first; of one organisation when given.
pub fn list(store: &Store, organisation: Option<i64>) -> Result<Vec<AssessmentItem>, Error> {
    Ok(store.assessments(organisation)?.into_iter().map(AssessmentItem::from).collect())
}

/// The same organisation's other assessments that can be compared year on year with `id`: the
/// same model, or editions a version map connects (`keel_core::comparison::comparable`).
pub fn comparable(store: &Store, id: i64) -> Result<Vec<AssessmentItem>, Error> {
    let this = store.assessment(id)?;
    Ok(store
        .assessments(Some(this.organisation_id))?
        .into_iter()
        .filter(|a| a.id != id && keel_core::comparison::comparable(&a.framework, &this.framework))
        .map(AssessmentItem::from)
        .collect())
}

/// Keeps the draft of a typed field (empty text forgets it), so closing the window loses nothing.
pub fn set_draft(store: &mut Store, id: i64, field: &str, text: &str) -> Result<(), Error> {
    Ok(store.set_draft(id, field, text)?)
}

/// The drafts of an assessment's typed fields, by field.
pub fn drafts(store: &Store, id: i64) -> Result<std::collections::BTreeMap<String, String>, Error> {
    Ok(store.drafts(id)?)
}

/// Starts a draft from the new-assessment form; returns its id. `session` are frameworks
/// imported in this session and not stored yet.
pub fn create(store: &mut Store, session: &[Framework], input: &NewAssessmentInput, actor: &str) -> Result<i64, Error> {
    let origin = "new assessment";
    keel_core::limits::check_assessment(origin, input.period, &input.title)?;
    let framework = frameworks::find(store, session, &input.framework)?;
    let custom_profile = match &input.custom_points {
        Some(points) => Some(framework.reweighted(&input.profile, points, origin)?),
        None => None,
    };
    let new = NewAssessment {
        organisation_id: input.organisation_id,
        framework: &framework,
        period: input.period,
        title: input.title.trim().to_owned(),
        scope: input.scope.trim().to_owned(),
        profile: input.profile.clone(),
        custom_profile,
        assessors: AssessorInput::docs(&input.assessors, origin)?,
    };
    Ok(store.create_assessment(&new, actor)?)
}

/// Everything about one assessment for the walk-through and the results.
pub fn open(store: &Store, id: i64) -> Result<AssessmentView, Error> {
    let summary = store.assessment(id)?;
    // One read of the assessment: the exchange file to score and the notes and actions with
    // their ids are the same rows.
    let sheet = store.worksheet(id)?;
    let scored = keel_export::Scored::new(sheet.file, sheet.framework)?;
    let mut view = AssessmentView::new(
        &summary,
        scored.file,
        &scored.framework,
        scored.report,
        sheet.notes,
        sheet.actions,
        store.attachments(id)?,
        store.resume_node(id)?,
    )?;
    view.seal = store.seal(id)?.map(crate::views::SealView::from);
    view.carried = store.carried_scores(id)?;
    Ok(view)
}

/// Saves (or with `None` clears) a score — the agreed one, or an assessor's own — and returns
/// the assessment's new result.
pub fn set_score(
    store: &mut Store,
    id: i64,
    assessor: Option<&str>,
    node: &str,
    score: Option<&NodeScore>,
    rationale: &str,
    actor: &str,
) -> Result<ScoreSaved, Error> {
    store.set_score(id, assessor, node, score, rationale, actor)?;
    let scored = packs::scored(store, id)?;
    let spread =
        keel_core::consensus::spread(&scored.file, &scored.framework, keel_core::limits::DISAGREEMENT_THRESHOLD)?;
    Ok(ScoreSaved { report: scored.report, spread, saved_at: chrono::Utc::now().to_rfc3339() })
}

/// Adds evidence, a strength or an area for improvement to a node.
pub fn add_note(
    store: &mut Store,
    id: i64,
    node: &str,
    kind: NoteKind,
    text: &str,
    actor: &str,
) -> Result<NoteView, Error> {
    let note = store.add_note(id, node, kind, text.trim(), actor)?;
    store
        .notes(id)?
        .into_iter()
        .find(|n| n.id == note)
        .map(NoteView::from)
        .ok_or_else(|| Error::NotFound("The note was saved but could not be read back".into()))
}

pub fn delete_note(store: &mut Store, id: i64, note: i64, actor: &str) -> Result<(), Error> {
    Ok(store.delete_note(id, note, actor)?)
}

/// Remembers where the user is in the walk-through.
pub fn set_resume_node(store: &mut Store, id: i64, node: &str) -> Result<(), Error> {
    Ok(store.set_resume_node(id, node)?)
}

/// Attaches a copy of the file at `path` to a node.
pub fn add_attachment(
    store: &mut Store,
    id: i64,
    node: &str,
    path: &Path,
    actor: &str,
) -> Result<AttachmentView, Error> {
    Ok(store.add_attachment(id, node, path, actor)?.into())
}

pub fn add_action(store: &mut Store, id: i64, action: &ActionInput, actor: &str) -> Result<ActionView, Error> {
    let action_id = store.add_action(id, &action.doc()?, actor)?;
    find_action(store, id, action_id)
}

pub fn update_action(
    store: &mut Store,
    id: i64,
    action_id: i64,
    action: &ActionInput,
    actor: &str,
) -> Result<ActionView, Error> {
    store.update_action(id, action_id, &action.doc()?, actor)?;
    find_action(store, id, action_id)
}

fn find_action(store: &Store, id: i64, action_id: i64) -> Result<ActionView, Error> {
    store
        .actions(id)?
        .into_iter()
        .find(|a| a.id == action_id)
        .map(ActionView::from)
        .ok_or_else(|| Error::NotFound("The action was saved but could not be read back".into()))
}

/// Locks the assessment for good.
pub fn finalise(store: &mut Store, id: i64, actor: &str) -> Result<AssessmentItem, Error> {
    store.set_status(id, AssessmentStatus::Final, actor)?;
    Ok(store.assessment(id)?.into())
}

/// Starts next period's draft from an assessment under next year's title, without last
/// year's scores or notes; returns the new id.
pub fn duplicate(store: &mut Store, id: i64, period: i32, actor: &str) -> Result<i64, Error> {
    let input = NextYearInput { period, title: String::new(), carry_scores: false, carry_notes: false };
    start_next_year(store, id, &input, actor)
}

/// What next year's draft of `id` for `period` would be called and could bring along.
pub fn next_year_offer(store: &Store, id: i64, period: i32) -> Result<NextYearOffer, Error> {
    keel_core::limits::check_period("next year's draft", period)?;
    let summary = store.assessment(id)?;
    let file = store.export_assessment(id)?;
    let not_applicable = file.consensus.values().filter(|c| matches!(c.score, NodeScore::NotApplicable(_))).count();
    Ok(NextYearOffer {
        period,
        title: keel_core::form::next_years_title(&summary.title, summary.period, period),
        scores: file.consensus.len() - not_applicable,
        not_applicable,
        notes: file.notes.len(),
        open_actions: file
            .actions
            .iter()
            .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress))
            .count(),
        assessors: file.assessors.len(),
    })
}

/// Starts next period's draft from an assessment (a blank title becomes next year's title made
/// from last year's), optionally from last year's agreed scores and N/A decisions, marked
/// "from last year" until confirmed or changed, and its notes; returns the new id.
pub fn start_next_year(store: &mut Store, id: i64, input: &NextYearInput, actor: &str) -> Result<i64, Error> {
    keel_core::limits::check_period("next year's draft", input.period)?;
    let summary = store.assessment(id)?;
    let title = match input.title.trim() {
        "" => keel_core::form::next_years_title(&summary.title, summary.period, input.period),
        given => given.to_owned(),
    };
    let next = keel_store::NextYear {
        period: input.period,
        title,
        carry_scores: input.carry_scores,
        carry_notes: input.carry_notes,
    };
    Ok(store.start_next_year(id, &next, actor)?)
}

/// Confirms a score carried from last year as this year's (the score stays, the mark goes).
pub fn confirm_carried_score(store: &mut Store, id: i64, node: &str, actor: &str) -> Result<(), Error> {
    Ok(store.confirm_carried_score(id, node, actor)?)
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub id: i64,
    pub title: String,
    pub period: i32,
    pub organisation: String,
}

/// An exchange file read and fully checked, ready to import.
#[derive(Debug, Clone)]
pub struct ExchangeInput {
    pub file: ExchangeFile,
    pub framework: Framework,
}

/// Reads and checks an exchange file. Shells call this before they open the database, so bad
/// input never creates or touches one.
pub fn read_exchange(path: &Path) -> Result<ExchangeInput, Error> {
    let (file, framework) = ExchangeFile::parse(&files::read_text(path)?, &path.display().to_string())?;
    Ok(ExchangeInput { file, framework })
}

/// Imports a checked exchange file: all of it or nothing.
pub fn import(store: &mut Store, input: &ExchangeInput, actor: &str) -> Result<Imported, Error> {
    let id = store.import_assessment(&input.file, &input.framework, actor)?;
    Ok(Imported {
        id,
        title: input.file.assessment.title.clone(),
        period: input.file.assessment.period,
        organisation: input.file.organisation.name.clone(),
    })
}

/// Imports a checked exchange file and returns it as the lists show it.
pub fn import_listed(store: &mut Store, input: &ExchangeInput, actor: &str) -> Result<AssessmentItem, Error> {
    let done = import(store, input, actor)?;
    Ok(store.assessment(done.id)?.into())
}

/// The assessment as an exchange file, and the file's text (pretty JSON, newline at the end).
pub fn exchange_file(store: &Store, id: i64) -> Result<(ExchangeFile, String), Error> {
    let file = store.export_assessment(id)?;
    let text = serde_json::to_string_pretty(&file)? + "\n";
    Ok((file, text))
}
