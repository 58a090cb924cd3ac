//! What the app edits one item at a time: notes and actions by id, the walk-through's resume
//! point, an assessment's history (the earlier ones to compare with), and the demo organisation.

use chrono::NaiveDate;
use keel_core::exchange::{ActionDoc, ActionStatus, ExchangeFile, NoteDoc, NoteKind};
use keel_core::Framework;
use keel_core::InputError;
use rusqlite::{params, OptionalExtension};

use crate::assessments::{now, SUMMARY};
use crate::AssessmentSummary;
use crate::{Store, StoreError};

/// A note as the walk-through lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub node: String,
    pub kind: NoteKind,
    pub text: String,
    /// When it was written (UTC, RFC 3339).
    pub created_at: String,
    /// The key of the assessor who wrote it, if it was one assessor's own.
    pub assessor: Option<String>,
}

impl Note {
    /// The note as an exchange file carries it.
    pub fn doc(&self) -> NoteDoc {
        NoteDoc { node: self.node.clone(), kind: self.kind, text: self.text.clone(), assessor: self.assessor.clone() }
    }
}

/// One assessment read once (see [`Store::worksheet`]).
#[derive(Debug, Clone)]
pub struct Worksheet {
    pub file: ExchangeFile,
    pub framework: Framework,
    /// The file's notes with their ids, in the same order.
    pub notes: Vec<Note>,
    /// The file's actions with their ids, in the same order.
    pub actions: Vec<Action>,
}

/// An improvement action with its database id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: i64,
    pub doc: ActionDoc,
}

/// What installing the demo did with one of its assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAssessment {
    pub title: String,
    pub period: i32,
    /// The new assessment's id; `None` when it was already there.
    pub added: Option<i64>,
}

/// The assessments a pack (report, charts, comparison) of one assessment is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackMembers {
    pub current: i64,
    /// Earlier assessments to compare with, oldest first (see [`Store::history`]).
    pub earlier: Vec<i64>,
    /// The same organisation's assessment of the same period against the other model of the
    /// built-in crosswalk (ISO 9001 for EFQM 2020 and the other way round), if any.
    pub counterpart: Option<i64>,
}

/// The file name of the demo database, kept beside the user's own and never mixed with it.
pub const DEMO_DATABASE_FILE_NAME: &str = "keel-demo.sqlite3";

impl Store {
    /// The notes of an assessment, oldest first.
    pub fn notes(&self, assessment: i64) -> Result<Vec<Note>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT n.id, n.node, n.kind, n.text, n.created_at, a.key FROM note n \
                 LEFT JOIN assessor a ON a.id = n.assessor_id WHERE n.assessment_id = ?1 ORDER BY n.id",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([assessment], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .map_err(|e| self.error(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, node, kind, text, created_at, assessor) = row.map_err(|e| self.error(e))?;
            let kind = NoteKind::from_id(&kind).ok_or_else(|| self.invalid_row("note", id, "kind", kind.clone()))?;
            out.push(Note { id, node, kind, text, created_at, assessor });
        }
        Ok(out)
    }

    /// Deletes a note of an editable assessment.
    pub fn delete_note(&mut self, assessment: i64, note: i64, actor: &str) -> Result<(), StoreError> {
        self.write(assessment, actor, "delete note", |tx| {
            let deleted =
                tx.execute("DELETE FROM note WHERE id = ?1 AND assessment_id = ?2", params![note, assessment])?;
            if deleted == 0 {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            }
            Ok(format!("note {note}"))
        })
        .map_err(|e| not_found(e, "note", note))
    }

    /// The actions of an assessment, oldest first.
    pub fn actions(&self, assessment: i64) -> Result<Vec<Action>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, title, owner, due, status, node, completed_on FROM action WHERE assessment_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([assessment], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(|e| self.error(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, owner, due, status, node, completed_on) = row.map_err(|e| self.error(e))?;
            let date = |column: &'static str, d: Option<String>| -> Result<Option<NaiveDate>, StoreError> {
                d.map(|d| d.parse::<NaiveDate>().map_err(|_| self.invalid_row("action", id, column, d.clone())))
                    .transpose()
            };
            let doc = ActionDoc {
                title,
                owner,
                due: date("due", due)?,
                status: ActionStatus::from_id(&status)
                    .ok_or_else(|| self.invalid_row("action", id, "status", status.clone()))?,
                node,
                completed_on: date("completed_on", completed_on)?,
            };
            out.push(Action { id, doc });
        }
        Ok(out)
    }

    /// Replaces an action's fields; marking it done records today as completed unless given.
    pub fn update_action(
        &mut self,
        assessment: i64,
        action: i64,
        doc: &ActionDoc,
        actor: &str,
    ) -> Result<(), StoreError> {
        if doc.title.trim().is_empty() {
            return Err(InputError::one("action", "title", "must not be empty").into());
        }
        let completed_on = match (doc.status, doc.completed_on) {
            (ActionStatus::Done, None) => Some(chrono::Local::now().date_naive()),
            (ActionStatus::Done, given) => given,
            _ => None,
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        let summary = self.assessment(assessment)?;
        if summary.status == keel_core::exchange::AssessmentStatus::Final {
            return self.update_final_action_status(assessment, action, doc, date(completed_on), actor);
        }
        self.write(assessment, actor, "update action", |tx| {
            let changed = tx.execute(
                "UPDATE action SET title = ?3, owner = ?4, due = ?5, status = ?6, node = ?7, completed_on = ?8
                 WHERE id = ?1 AND assessment_id = ?2",
                params![
                    action,
                    assessment,
                    doc.title.trim(),
                    doc.owner,
                    date(doc.due),
                    doc.status.id(),
                    doc.node,
                    date(completed_on)
                ],
            )?;
            if changed == 0 {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            }
            Ok(format!("{} ({})", doc.title.trim(), doc.status.id()))
        })
        .map_err(|e| not_found(e, "action", action))
    }

    /// On a final assessment an action's status (and completion date) alone may change: the
    /// action plan lives on after the assessment closes. Anything else is refused as locked.
    fn update_final_action_status(
        &mut self,
        assessment: i64,
        action: i64,
        doc: &ActionDoc,
        completed_on: Option<String>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let summary = self.assessment(assessment)?;
        let current = self
            .actions(assessment)?
            .into_iter()
            .find(|a| a.id == action)
            .ok_or(StoreError::NotFound { what: "action", id: action.to_string() })?;
        let same = |a: &ActionDoc| (a.title.trim().to_owned(), a.owner.clone(), a.due, a.node.clone());
        if same(&current.doc) != same(doc) {
            return Err(StoreError::Locked { title: summary.title, period: summary.period });
        }
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "UPDATE action SET status = ?3, completed_on = ?4 WHERE id = ?1 AND assessment_id = ?2",
            params![action, assessment, doc.status.id(), completed_on],
        )
        .map_err(err)?;
        let detail = format!("{} ({}) after finalising", doc.title.trim(), doc.status.id());
        crate::assessments::audit(&tx, actor, "update action status", &format!("assessment {assessment}"), &detail)
            .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Remembers the node the user is on; allowed on final assessments too (it changes no content).
    pub fn set_resume_node(&mut self, assessment: i64, node: &str) -> Result<(), StoreError> {
        let framework = self.assessment_framework(assessment)?;
        if framework.node(node).is_none() {
            return Err(StoreError::NotFound { what: "node", id: node.to_owned() });
        }
        self.conn
            .execute(
                "INSERT INTO resume (assessment_id, node, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (assessment_id) DO UPDATE SET node = excluded.node, at = excluded.at",
                params![assessment, node, now()],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Keeps (or, with empty `text`, forgets) the draft of one field of an assessment: typed
    /// text not yet committed. Allowed on final assessments too: a draft changes no content.
    pub fn set_draft(&mut self, assessment: i64, field: &str, text: &str) -> Result<(), StoreError> {
        self.assessment(assessment)?;
        if field.is_empty() || field.chars().count() > 200 {
            return Err(StoreError::NotFound { what: "draft field", id: field.to_owned() });
        }
        let result = if text.is_empty() {
            self.conn.execute("DELETE FROM draft WHERE assessment_id = ?1 AND field = ?2", params![assessment, field])
        } else {
            self.conn.execute(
                "INSERT INTO draft (assessment_id, field, text, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (assessment_id, field) DO UPDATE SET text = excluded.text, at = excluded.at",
                params![assessment, field, text, now()],
            )
        };
        result.map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Every draft of an assessment, by field.
    pub fn drafts(&self, assessment: i64) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        let mut statement =
            self.conn.prepare("SELECT field, text FROM draft WHERE assessment_id = ?1").map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([assessment], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<Result<_, _>>());
        rows.map_err(|e| self.error(e))
    }

    /// The node the user was last on, if any.
    /// Nodes whose agreed score was carried from last year and is not yet confirmed or changed.
    pub fn carried_scores(&self, assessment: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT node FROM score WHERE assessment_id = ?1 AND assessor_id IS NULL AND carried = 1 ORDER BY node",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt.query_map([assessment], |r| r.get(0)).map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<String>, _>>().map_err(|e| self.error(e))
    }

    /// Confirms a carried score as this year's: the score stays, the "from last year" mark goes.
    /// A node without a carried score is refused (nothing to confirm).
    pub fn confirm_carried_score(&mut self, assessment: i64, node: &str, actor: &str) -> Result<(), StoreError> {
        if !self.carried_scores(assessment)?.iter().any(|n| n == node) {
            return Err(StoreError::NotFound { what: "score carried from last year", id: node.to_owned() });
        }
        self.write(assessment, actor, "confirm carried score", |tx| {
            tx.execute(
                "UPDATE score SET carried = 0 WHERE assessment_id = ?1 AND node = ?2 AND assessor_id IS NULL",
                params![assessment, node],
            )?;
            Ok(format!("{node} confirmed"))
        })
    }

    pub fn resume_node(&self, assessment: i64) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT node FROM resume WHERE assessment_id = ?1", [assessment], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
    }

    /// The assessments to compare `id` with, oldest first: `chosen` when given, else the same
    /// organisation's assessments against the same framework from earlier periods.
    pub fn history(&self, id: i64, chosen: &[i64]) -> Result<Vec<i64>, StoreError> {
        let this = self.assessment(id)?;
        let mut earlier: Vec<AssessmentSummary> = if chosen.is_empty() {
            self.summaries(
                &format!("{SUMMARY} WHERE a.organisation_id = ?1 AND a.period < ?2 AND f.key = ?3"),
                params![this.organisation_id, this.period, this.framework],
            )?
        } else {
            let mut picked = Vec::new();
            for &other in chosen.iter().filter(|&&other| other != id) {
                picked.push(self.assessment(other)?);
            }
            picked
        };
        earlier.sort_by_key(|a| (a.period, a.id));
        earlier.dedup_by_key(|a| a.id);
        Ok(earlier.into_iter().map(|a| a.id).collect())
    }

    /// The same organisation's assessment of the same period against framework `framework`
    /// (the newest when there are several).
    pub fn same_period(&self, id: i64, framework: &str) -> Result<Option<i64>, StoreError> {
        let this = self.assessment(id)?;
        let found = self.summaries(
            &format!("{SUMMARY} WHERE a.organisation_id = ?1 AND a.period = ?2 AND f.key = ?3"),
            params![this.organisation_id, this.period, framework],
        )?;
        Ok(found.into_iter().map(|a| a.id).max())
    }

    /// The assessments a pack of `id` is made of; `chosen` as for [`Store::history`].
    pub fn pack_members(&self, id: i64, chosen: &[i64]) -> Result<PackMembers, StoreError> {
        let framework = self.assessment(id)?.framework;
        let counterpart = match keel_core::crosswalk::counterpart_framework(&framework) {
            Some(other) => self.same_period(id, other)?,
            None => None,
        };
        Ok(PackMembers { current: id, earlier: self.history(id, chosen)?, counterpart })
    }

    /// Imports the demo organisation (keel-core's Northwind Castings); assessments already
    /// there are left alone, so installing twice changes nothing.
    pub fn install_demo(&mut self, actor: &str) -> Result<Vec<DemoAssessment>, StoreError> {
        let mut out = Vec::new();
        // All or nothing: one transaction for every demo assessment.
        let tx = self.conn.unchecked_transaction().map_err(|e| self.error(e))?;
        for file in keel_core::demo::assessments() {
            // Through the same validation as any exchange file.
            let json = serde_json::to_string(&file).map_err(|e| InputError::one("demo", "$", e.to_string()))?;
            let (file, framework) = ExchangeFile::parse(&json, "demo")?;
            let added = match self.import_within(&tx, &file, &framework, actor) {
                Ok(id) => Some(id),
                Err(StoreError::AssessmentExists { .. }) => None,
                Err(e) => return Err(e),
            };
            out.push(DemoAssessment { title: file.assessment.title.clone(), period: file.assessment.period, added });
        }
        tx.commit().map_err(|e| self.error(e))?;
        Ok(out)
    }
}

fn not_found(e: StoreError, what: &'static str, id: i64) -> StoreError {
    match e {
        StoreError::NotFound { .. } => StoreError::NotFound { what, id: id.to_string() },
        other => other,
    }
}
