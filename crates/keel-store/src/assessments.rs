//! Assessments: create, list, score (per assessor and agreed), notes, actions, status changes
//! with the final lock, duplication as next period's draft, and deleting a draft. Every public method that
//! changes something is one transaction and writes one audit entry.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use keel_core::exchange::{assessment_name, ActionDoc, AssessmentStatus, AssessorDoc, NoteKind};
use keel_core::framework::ProfileSpec;
use keel_core::scoring::{score, NodeScore};
use keel_core::{Framework, InputError};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Store, StoreError};

/// What the user gives to start an assessment.
#[derive(Debug, Clone)]
pub struct NewAssessment<'a> {
    pub organisation_id: i64,
    pub framework: &'a Framework,
    pub period: i32,
    pub title: String,
    pub scope: String,
    pub profile: String,
    pub custom_profile: Option<ProfileSpec>,
    pub assessors: Vec<AssessorDoc>,
}

/// One line of the assessment list.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentSummary {
    pub id: i64,
    pub uid: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub framework: String,
    pub framework_hash: String,
    pub period: i32,
    pub title: String,
    pub status: AssessmentStatus,
    /// The framework's title as people say it, e.g. "EFQM Model 2020 structure".
    pub framework_title: String,
}

/// The select list and joins every [`AssessmentSummary`] query starts with.
pub(crate) const SUMMARY: &str =
    "SELECT a.id, a.uid, a.organisation_id, o.name, f.key, f.content_hash, a.period, a.title, a.status, f.title
     FROM assessment a JOIN organisation o ON o.id = a.organisation_id JOIN framework f ON f.id = a.framework_id";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AssessmentSummary> {
    Ok(AssessmentSummary {
        id: r.get(0)?,
        uid: r.get(1)?,
        organisation_id: r.get(2)?,
        organisation: r.get(3)?,
        framework: r.get(4)?,
        framework_hash: r.get(5)?,
        period: r.get(6)?,
        title: r.get(7)?,
        status: AssessmentStatus::from_id(&r.get::<_, String>(8)?).unwrap_or(AssessmentStatus::Draft),
        framework_title: r.get(9)?,
    })
}

/// What next year's draft is made with ([`Store::start_next_year`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextYear {
    pub period: i32,
    pub title: String,
    /// Bring last year's agreed scores and not-applicable decisions, marked as carried.
    pub carry_scores: bool,
    /// Bring last year's notes (evidence, strengths, areas for improvement).
    pub carry_notes: bool,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339()
}

/// A new globally unique assessment id: time plus randomness from the OS-seeded hasher.
pub(crate) fn new_uid() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(Utc::now().timestamp_nanos_opt().unwrap_or_default() as u128);
    format!("{:x}-{:016x}", Utc::now().timestamp_millis(), hasher.finish())
}

pub(crate) fn audit(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    crate::integrity::append_audit(tx, actor, action, subject, detail)
}

impl Store {
    /// Stores a framework snapshot (once per content hash) and returns its row id.
    pub(crate) fn save_framework(tx: &Transaction<'_>, framework: &Framework, imported: bool) -> rusqlite::Result<i64> {
        // Most imports bring a framework already stored: serialise the snapshot only for a new one.
        let find = "SELECT id FROM framework WHERE content_hash = ?1";
        if let Some(id) = tx.prepare_cached(find)?.query_row([framework.content_hash()], |r| r.get(0)).optional()? {
            return Ok(id);
        }
        let snapshot = serde_json::to_string(framework.file()).unwrap_or_default();
        tx.execute(
            "INSERT INTO framework (key, version, title, content_hash, snapshot, imported, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (content_hash) DO NOTHING",
            params![
                framework.id(),
                framework.version(),
                framework.title(),
                framework.content_hash(),
                snapshot,
                imported,
                now()
            ],
        )?;
        tx.prepare_cached(find)?.query_row([framework.content_hash()], |r| r.get(0))
    }

    /// Starts a draft assessment.
    pub fn create_assessment(&mut self, new: &NewAssessment<'_>, actor: &str) -> Result<i64, StoreError> {
        let origin = "new assessment";
        if new.title.trim().is_empty() {
            return Err(InputError::one(origin, "title", "must not be empty").into());
        }
        match &new.custom_profile {
            Some(custom) => {
                new.framework.custom_weights(custom, origin)?;
            }
            None if new.framework.weights(&new.profile).is_none() => {
                let known = new.framework.profile_ids().join(", ");
                return Err(InputError::one(
                    origin,
                    "profile",
                    format!("unknown profile {:?}; available: {known}", new.profile),
                )
                .into());
            }
            None => {}
        }
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| crate::classify(&path, e))?;
        let id = insert_assessment(&tx, new, &new_uid(), false).map_err(|e| crate::classify(&path, e))?;
        audit(&tx, actor, "create assessment", &format!("assessment {id}"), &assessment_name(&new.title, new.period))
            .map_err(|e| crate::classify(&path, e))?;
        tx.commit().map_err(|e| crate::classify(&path, e))?;
        Ok(id)
    }

    /// Assessments, newest period first; of one organisation when given.
    pub fn assessments(&self, organisation_id: Option<i64>) -> Result<Vec<AssessmentSummary>, StoreError> {
        // Two statements rather than `?1 IS NULL OR …`, which keeps SQLite from using the
        // organisation index for one organisation's list.
        match organisation_id {
            Some(organisation) => self.summaries(
                &format!("{SUMMARY} WHERE a.organisation_id = ?1 ORDER BY a.period DESC, a.id DESC"),
                [organisation],
            ),
            None => self.summaries(&format!("{SUMMARY} ORDER BY a.period DESC, a.id DESC"), []),
        }
    }

    /// Summaries from `sql` (which starts with [`SUMMARY`]).
    pub(crate) fn summaries(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<AssessmentSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.error(e))?;
        let rows = stmt.query_map(params, summary_row).map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.error(e))
    }

    /// Frameworks that came in with imported assessments and are not built in.
    pub fn imported_frameworks(&self) -> Result<Vec<Framework>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, snapshot FROM framework WHERE imported = 1 ORDER BY key, version")
            .map_err(|e| self.error(e))?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(|e| self.error(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, snapshot) = row.map_err(|e| self.error(e))?;
            out.push(Framework::parse(&snapshot, &format!("{} (framework row {id})", self.path.display()))?);
        }
        Ok(out)
    }

    /// One assessment's summary.
    pub fn assessment(&self, id: i64) -> Result<AssessmentSummary, StoreError> {
        self.summaries(&format!("{SUMMARY} WHERE a.id = ?1"), [id])?
            .pop()
            .ok_or(StoreError::NotFound { what: "assessment", id: id.to_string() })
    }

    /// The framework snapshot an assessment was made with.
    pub fn assessment_framework(&self, id: i64) -> Result<Framework, StoreError> {
        let snapshot: Option<String> = self
            .conn
            .query_row(
                "SELECT f.snapshot FROM assessment a JOIN framework f ON f.id = a.framework_id WHERE a.id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        let snapshot = snapshot.ok_or(StoreError::NotFound { what: "assessment", id: id.to_string() })?;
        Framework::parse(&snapshot, &format!("{} (framework of assessment {id})", self.path.display()))
            .map_err(StoreError::from)
    }

    /// Records (or with `None` clears) a score: an assessor's own when `assessor` is given, the
    /// agreed one otherwise. The score must fit the node's scheme.
    pub fn set_score(
        &mut self,
        assessment: i64,
        assessor: Option<&str>,
        node: &str,
        value: Option<&NodeScore>,
        rationale: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let framework = self.assessment_framework(assessment)?;
        if let Some(value) = value {
            let one = BTreeMap::from([(node.to_owned(), value.clone())]);
            score(&framework, &framework.default_weights(), &one)
                .map_err(|e| InputError { origin: format!("score for {node}"), problems: e.problems })?;
        } else if framework.node(node).is_none() {
            return Err(StoreError::NotFound { what: "node", id: node.to_owned() });
        }
        self.write(assessment, actor, "set score", |tx| {
            let assessor_id = match assessor {
                Some(key) => Some(assessor_id(tx, assessment, key)?),
                None => None,
            };
            // One statement per kind of score, so each finds its row through its own index
            // (`assessor_id IS ?` would make SQLite read every score in the database).
            match assessor_id {
                Some(assessor_id) => tx.execute(
                    "DELETE FROM score WHERE assessment_id = ?1 AND node = ?2 AND assessor_id = ?3",
                    params![assessment, node, assessor_id],
                )?,
                None => tx.execute(
                    "DELETE FROM score WHERE assessment_id = ?1 AND node = ?2 AND assessor_id IS NULL",
                    params![assessment, node],
                )?,
            };
            if let Some(value) = value {
                tx.execute(
                    "INSERT INTO score (assessment_id, assessor_id, node, score, rationale, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![assessment, assessor_id, node, serde_json::to_string(value).unwrap_or_default(), rationale, now()],
                )?;
            }
            Ok(format!("{node} by {}", assessor.unwrap_or("consensus")))
        })
    }

    /// Adds an evidence note, strength or area for improvement to a node.
    pub fn add_note(
        &mut self,
        assessment: i64,
        node: &str,
        kind: NoteKind,
        text: &str,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let framework = self.assessment_framework(assessment)?;
        if framework.node(node).is_none() {
            return Err(StoreError::NotFound { what: "node", id: node.to_owned() });
        }
        if text.trim().is_empty() {
            return Err(InputError::one("note", "text", "must not be empty").into());
        }
        let mut id = 0;
        self.write(assessment, actor, "add note", |tx| {
            tx.execute(
                "INSERT INTO note (assessment_id, node, kind, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![assessment, node, kind.id(), text, now()],
            )?;
            id = tx.last_insert_rowid();
            Ok(format!("{} on {node}", kind.id()))
        })?;
        Ok(id)
    }

    /// Adds an improvement action.
    pub fn add_action(&mut self, assessment: i64, action: &ActionDoc, actor: &str) -> Result<i64, StoreError> {
        if action.title.trim().is_empty() {
            return Err(InputError::one("action", "title", "must not be empty").into());
        }
        let mut id = 0;
        self.write(assessment, actor, "add action", |tx| {
            id = insert_action(tx, assessment, action)?;
            Ok(action.title.clone())
        })?;
        Ok(id)
    }

    /// Moves an assessment along draft → consensus → final (or back from consensus to draft).
    /// Final is one-way.
    pub fn set_status(&mut self, assessment: i64, to: AssessmentStatus, actor: &str) -> Result<(), StoreError> {
        let from = self.assessment(assessment)?.status;
        let allowed = matches!(
            (from, to),
            (AssessmentStatus::Draft, AssessmentStatus::Consensus)
                | (AssessmentStatus::Consensus, AssessmentStatus::Draft)
                | (AssessmentStatus::Consensus, AssessmentStatus::Final)
                | (AssessmentStatus::Draft, AssessmentStatus::Final)
        );
        if !allowed {
            let why = if from == to { "it is already there" } else { "that step is not allowed" };
            return Err(StoreError::StatusChange { from: from.id(), to: to.id(), why });
        }
        if to == AssessmentStatus::Final {
            return self.finalise(assessment, from, actor);
        }
        self.write(assessment, actor, "set status", |tx| {
            tx.execute("UPDATE assessment SET status = ?2 WHERE id = ?1", params![assessment, to.id()])?;
            Ok(format!("{} → {}", from.id(), to.id()))
        })
    }

    /// Starts next period's draft from an assessment: same organisation, framework snapshot,
    /// profile, scope and assessors, and its open actions; no scores or notes.
    pub fn duplicate_as_draft(&mut self, assessment: i64, period: i32, actor: &str) -> Result<i64, StoreError> {
        let title = self.assessment(assessment)?.title;
        let next = NextYear { period, title, carry_scores: false, carry_notes: false };
        self.start_next_year(assessment, &next, actor)
    }

    /// Starts next period's draft from an assessment under `next.title`: same organisation,
    /// framework snapshot, profile, scope and assessors, and its open actions; with
    /// `carry_scores` its agreed scores and not-applicable decisions (with their reasons and
    /// rationale), each marked carried until confirmed or changed; with `carry_notes` its
    /// notes (evidence, strengths, improvements). Assessors' own scores never come along.
    pub fn start_next_year(&mut self, assessment: i64, next: &NextYear, actor: &str) -> Result<i64, StoreError> {
        let source = self.assessment(assessment)?;
        keel_core::limits::check_assessment("next year's draft", next.period, &next.title)?;
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let uid = new_uid();
        tx.execute(
            "INSERT INTO assessment (uid, organisation_id, framework_id, period, title, scope, profile, custom_profile, status, created_at, updated_at)
             SELECT ?2, organisation_id, framework_id, ?3, ?5, scope, profile, custom_profile, 'draft', ?4, ?4 FROM assessment WHERE id = ?1",
            params![assessment, uid, next.period, now(), next.title.trim()],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO assessor (assessment_id, key, name, role) SELECT ?2, key, name, role FROM assessor WHERE assessment_id = ?1",
            params![assessment, id],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO action (assessment_id, node, title, owner, due, status, completed_on, created_at)
             SELECT ?2, node, title, owner, due, status, completed_on, ?3 FROM action
             WHERE assessment_id = ?1 AND status IN ('open', 'in-progress')",
            params![assessment, id, now()],
        )
        .map_err(err)?;
        let mut carried = Vec::new();
        if next.carry_scores {
            let n = tx
                .execute(
                    "INSERT INTO score (assessment_id, assessor_id, node, score, rationale, updated_at, carried)
                     SELECT ?2, NULL, node, score, rationale, ?3, 1 FROM score WHERE assessment_id = ?1 AND assessor_id IS NULL",
                    params![assessment, id, now()],
                )
                .map_err(err)?;
            carried.push(format!("{n} scores"));
        }
        if next.carry_notes {
            let n = tx
                .execute(
                    "INSERT INTO note (assessment_id, node, kind, text, assessor_id, created_at)
                     SELECT ?2, n.node, n.kind, n.text,
                            (SELECT b.id FROM assessor a JOIN assessor b ON b.key = a.key
                              WHERE a.id = n.assessor_id AND b.assessment_id = ?2),
                            n.created_at
                     FROM note n WHERE n.assessment_id = ?1 ORDER BY n.id",
                    params![assessment, id],
                )
                .map_err(err)?;
            carried.push(format!("{n} notes"));
        }
        let with = if carried.is_empty() { String::new() } else { format!(" with {}", carried.join(" and ")) };
        audit(
            &tx,
            actor,
            "duplicate assessment",
            &format!("assessment {id}"),
            &format!("from {} ({}){with}", source.title, source.period),
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(id)
    }

    /// Deletes an assessment that is not final, with its scores, notes, attachments (the
    /// records; files stay in the attachments folder), actions and resume point. A final
    /// assessment is refused and nothing is deleted.
    pub fn delete_assessment(&mut self, assessment: i64, actor: &str) -> Result<AssessmentSummary, StoreError> {
        let summary = self.assessment(assessment)?;
        if summary.status == AssessmentStatus::Final {
            return Err(StoreError::FinalUndeletable { title: summary.title, period: summary.period });
        }
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute("DELETE FROM assessment WHERE id = ?1", [assessment]).map_err(err)?;
        let detail = format!(
            "{} {} ({}, {}) of {}",
            summary.title,
            summary.period,
            summary.framework,
            summary.status.id(),
            summary.organisation
        );
        audit(&tx, actor, "delete assessment", &format!("assessment {assessment}"), &detail).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(summary)
    }

    /// The newest audit entries first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, actor, action, subject, detail FROM audit ORDER BY id DESC LIMIT ?1")
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    subject: r.get(3)?,
                    detail: r.get(4)?,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.error(e))
    }

    /// Runs `change` in one transaction on an editable assessment and logs it.
    pub(crate) fn write(
        &mut self,
        assessment: i64,
        actor: &str,
        action: &str,
        change: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<String>,
    ) -> Result<(), StoreError> {
        let summary = self.assessment(assessment)?;
        if summary.status == AssessmentStatus::Final {
            return Err(StoreError::Locked { title: summary.title, period: summary.period });
        }
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        // Touch first: once `change` has made the assessment final, the lock refuses updates.
        tx.execute("UPDATE assessment SET updated_at = ?2 WHERE id = ?1", params![assessment, now()]).map_err(err)?;
        let detail = change(&tx).map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound { what: "assessor", id: "(given key)".into() },
            other => crate::classify(&path, other),
        })?;
        audit(&tx, actor, action, &format!("assessment {assessment}"), &detail).map_err(err)?;
        tx.commit().map_err(err)
    }
}

/// Inserts a draft assessment with its assessors (an import sets the real status last, because
/// the final-lock triggers refuse content for a final assessment).
pub(crate) fn insert_assessment(
    tx: &Transaction<'_>,
    new: &NewAssessment<'_>,
    uid: &str,
    imported_framework: bool,
) -> rusqlite::Result<i64> {
    let framework_id = Store::save_framework(tx, new.framework, imported_framework)?;
    let custom = new.custom_profile.as_ref().map(|c| serde_json::to_string(c).unwrap_or_default());
    tx.execute(
        "INSERT INTO assessment (uid, organisation_id, framework_id, period, title, scope, profile, custom_profile, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?9)",
        params![uid, new.organisation_id, framework_id, new.period, new.title.trim(), new.scope, new.profile, custom, now()],
    )?;
    let id = tx.last_insert_rowid();
    for assessor in &new.assessors {
        tx.execute(
            "INSERT INTO assessor (assessment_id, key, name, role) VALUES (?1, ?2, ?3, ?4)",
            params![id, assessor.key, assessor.name, assessor.role],
        )?;
    }
    Ok(id)
}

pub(crate) fn insert_action(tx: &Transaction<'_>, assessment: i64, action: &ActionDoc) -> rusqlite::Result<i64> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    tx.execute(
        "INSERT INTO action (assessment_id, node, title, owner, due, status, completed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            assessment,
            action.node,
            action.title,
            action.owner,
            date(action.due),
            action.status.id(),
            date(action.completed_on),
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn assessor_id(tx: &Transaction<'_>, assessment: i64, key: &str) -> rusqlite::Result<i64> {
    tx.query_row("SELECT id FROM assessor WHERE assessment_id = ?1 AND key = ?2", params![assessment, key], |r| {
        r.get(0)
    })
}
