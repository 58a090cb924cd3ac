//! Assessment exchange files in and out of the database: export reads one assessment whole;
//! import writes one in a single transaction, so a failure changes nothing.

use std::collections::BTreeMap;

use keel_core::exchange::{
    assessment_name, AssessmentDoc, AssessmentStatus, AssessorDoc, ConsensusDoc, Direction, ExchangeFile, KpiDoc,
    OrganisationDoc, EXCHANGE_FORMAT, EXCHANGE_KIND,
};
use keel_core::framework::builtin;
use keel_core::scoring::NodeScore;
use keel_core::{Framework, Sector, StakeholderGroup};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::assessments::{audit, insert_action, insert_assessment, now, NewAssessment};
use crate::worksheet::Note;
use crate::{Store, StoreError, Worksheet};

impl Store {
    /// Everything about one assessment, as an exchange file.
    pub fn export_assessment(&self, id: i64) -> Result<ExchangeFile, StoreError> {
        Ok(self.export_with_framework(id)?.0)
    }

    /// The exchange file of an assessment with its framework, parsed once (for callers that
    /// score it).
    pub fn export_with_framework(&self, id: i64) -> Result<(ExchangeFile, Framework), StoreError> {
        let sheet = self.worksheet(id)?;
        Ok((sheet.file, sheet.framework))
    }

    /// One assessment read once: its exchange file and framework, and its notes and actions
    /// with their database ids (what the walk-through edits one at a time).
    pub fn worksheet(&self, id: i64) -> Result<Worksheet, StoreError> {
        let framework = self.assessment_framework(id)?;
        let (organisation_id, organisation, assessment) = self.assessment_doc(id)?;
        let (assessors, keys) = self.assessors(id)?;
        let (scores, consensus) = self.scores(id, &keys)?;
        let notes = self.notes(id)?;
        let actions = self.actions(id)?;
        let file = ExchangeFile {
            format: EXCHANGE_FORMAT,
            kind: EXCHANGE_KIND.to_owned(),
            organisation,
            assessment,
            framework: framework.file().clone(),
            framework_hash: framework.content_hash().to_owned(),
            assessors,
            scores,
            consensus,
            notes: notes.iter().map(Note::doc).collect(),
            actions: actions.iter().map(|a| a.doc.clone()).collect(),
            kpis: self.kpis(organisation_id)?,
        };
        Ok(Worksheet { file, framework, notes, actions })
    }

    /// The assessment's own row and its organisation's, as the exchange file carries them.
    fn assessment_doc(&self, id: i64) -> Result<(i64, OrganisationDoc, AssessmentDoc), StoreError> {
        let err = |e| self.error(e);
        let (uid, organisation_id, period, title, scope, profile, custom, status): (
            String,
            i64,
            i32,
            String,
            String,
            String,
            Option<String>,
            String,
        ) = self
            .conn
            .query_row(
                "SELECT uid, organisation_id, period, title, scope, profile, custom_profile, status FROM assessment WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
            )
            .map_err(err)?;
        let invalid = |column: &'static str, value: String| self.invalid_row("assessment", id, column, value);
        let (name, sector): (String, String) = self
            .conn
            .query_row("SELECT name, sector FROM organisation WHERE id = ?1", [organisation_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(err)?;
        let sites = self
            .strings("SELECT name FROM organisation_site WHERE organisation_id = ?1 ORDER BY name", organisation_id)?;
        let custom_profile = match custom {
            Some(json) => Some(serde_json::from_str(&json).map_err(|_| invalid("custom_profile", json))?),
            None => None,
        };
        let organisation = OrganisationDoc {
            name,
            sector: Sector::from_id(&sector).ok_or_else(|| invalid("sector", sector.clone()))?,
            sites,
        };
        let assessment = AssessmentDoc {
            uid,
            title,
            period,
            scope,
            profile,
            custom_profile,
            status: AssessmentStatus::from_id(&status).ok_or_else(|| invalid("status", status.clone()))?,
        };
        Ok((organisation_id, organisation, assessment))
    }

    /// The assessment's assessors in the order they were added, and their keys by row id.
    fn assessors(&self, id: i64) -> Result<(Vec<AssessorDoc>, BTreeMap<i64, String>), StoreError> {
        let err = |e| self.error(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, key, name, role FROM assessor WHERE assessment_id = ?1 ORDER BY id")
            .map_err(err)?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)))
            .map_err(err)?;
        let mut assessors = Vec::new();
        let mut keys = BTreeMap::new();
        for row in rows {
            let (assessor_id, key, name, role) = row.map_err(err)?;
            keys.insert(assessor_id, key.clone());
            assessors.push(AssessorDoc { key, name, role });
        }
        Ok((assessors, keys))
    }

    /// Each assessor's scores by key, and the agreed ones (with their rationales).
    #[allow(clippy::type_complexity)]
    fn scores(
        &self,
        id: i64,
        keys: &BTreeMap<i64, String>,
    ) -> Result<(BTreeMap<String, BTreeMap<String, NodeScore>>, BTreeMap<String, ConsensusDoc>), StoreError> {
        let err = |e| self.error(e);
        let mut scores: BTreeMap<String, BTreeMap<String, NodeScore>> = BTreeMap::new();
        let mut consensus = BTreeMap::new();
        let mut stmt = self
            .conn
            // Through index score_assessment (migration 4); before it, this read every score stored.
            .prepare_cached("SELECT id, assessor_id, node, score, rationale FROM score WHERE assessment_id = ?1")
            .map_err(err)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (row_id, assessor_id, node, json, rationale) = row.map_err(err)?;
            let score: NodeScore =
                serde_json::from_str(&json).map_err(|_| self.invalid_row("score", row_id, "score", json.clone()))?;
            match assessor_id.and_then(|a| keys.get(&a)) {
                Some(key) => {
                    scores.entry(key.clone()).or_default().insert(node, score);
                }
                None => {
                    consensus.insert(node, ConsensusDoc { score, rationale });
                }
            }
        }
        Ok((scores, consensus))
    }

    /// Writes a validated exchange file (from [`ExchangeFile::parse`]) as a new assessment, all in
    /// one transaction. The organisation is matched by name (created when missing); KPIs are
    /// merged by key, values by period.
    pub fn import_assessment(
        &mut self,
        file: &ExchangeFile,
        framework: &Framework,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.error(e))?;
        let id = self.import_within(&tx, file, framework, actor)?;
        tx.commit().map_err(|e| self.error(e))?;
        Ok(id)
    }

    /// [`Store::import_assessment`] inside the caller's transaction (the demo installs all its
    /// assessments in one).
    pub(crate) fn import_within(
        &self,
        tx: &Transaction<'_>,
        file: &ExchangeFile,
        framework: &Framework,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let err = |e| self.error(e);
        let existing: Option<(String, i32)> = tx
            .query_row("SELECT title, period FROM assessment WHERE uid = ?1", [&file.assessment.uid], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(err)?;
        if let Some((title, period)) = existing {
            return Err(StoreError::AssessmentExists { uid: file.assessment.uid.clone(), title, period });
        }
        let id = write_import(tx, file, framework).map_err(err)?;
        if file.assessment.status == AssessmentStatus::Final {
            self.seal_in(tx, id)?;
        }
        audit(
            tx,
            actor,
            "import assessment",
            &format!("assessment {id}"),
            &assessment_name(&file.assessment.title, file.assessment.period),
        )
        .map_err(err)?;
        Ok(id)
    }

    /// Writes several validated exchange files as new assessments in one transaction: all or
    /// none (a file whose assessment is already stored refuses the whole batch). Returns the new
    /// ids in the order given.
    pub fn import_assessments(
        &mut self,
        files: &[(ExchangeFile, &Framework)],
        actor: &str,
    ) -> Result<Vec<i64>, StoreError> {
        // Each file as `import_assessment` writes it (a final one sealed), all in one transaction.
        let tx = self.conn.unchecked_transaction().map_err(|e| self.error(e))?;
        let ids = files
            .iter()
            .map(|(file, framework)| self.import_within(&tx, file, framework, actor))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit().map_err(|e| self.error(e))?;
        Ok(ids)
    }

    /// Adds or updates an organisation's KPIs (by key; values merged by period), all in one
    /// transaction.
    pub fn save_kpis(&mut self, organisation_id: i64, kpis: &[KpiDoc], actor: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM organisation WHERE id = ?1", [organisation_id], |r| r.get(0))
            .optional()
            .map_err(err)?;
        if exists.is_none() {
            return Err(StoreError::NotFound { what: "organisation", id: organisation_id.to_string() });
        }
        let tx = self.conn.transaction().map_err(err)?;
        upsert_kpis(&tx, organisation_id, kpis).map_err(err)?;
        let keys: Vec<&str> = kpis.iter().map(|k| k.key.as_str()).collect();
        audit(&tx, actor, "save KPIs", &format!("organisation {organisation_id}"), &keys.join(", ")).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// The KPIs of an organisation with all their values.
    pub fn kpis(&self, organisation_id: i64) -> Result<Vec<KpiDoc>, StoreError> {
        let err = |e| self.error(e);
        let mut stmt = self
            .conn
            .prepare("SELECT id, key, name, stakeholder, unit, direction, target, financial FROM kpi WHERE organisation_id = ?1 ORDER BY id")
            .map_err(err)?;
        let rows = stmt
            .query_map([organisation_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<f64>>(6)?,
                    r.get::<_, bool>(7)?,
                ))
            })
            .map_err(err)?;
        let mut kpis = Vec::new();
        for row in rows {
            let (kpi_id, key, name, group, unit, direction, target, financial) = row.map_err(err)?;
            let invalid = |column, value: String| self.invalid_row("kpi", kpi_id, column, value);
            let mut values = BTreeMap::new();
            let mut vs = self.conn.prepare("SELECT period, value FROM kpi_value WHERE kpi_id = ?1").map_err(err)?;
            for v in vs.query_map([kpi_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?))).map_err(err)? {
                let (period, value) = v.map_err(err)?;
                values.insert(period, value);
            }
            kpis.push(KpiDoc {
                key,
                name,
                group: StakeholderGroup::from_id(&group).ok_or_else(|| invalid("stakeholder", group.clone()))?,
                unit,
                direction: Direction::from_id(&direction).ok_or_else(|| invalid("direction", direction.clone()))?,
                target,
                financial,
                values,
            });
        }
        Ok(kpis)
    }

    pub(crate) fn strings(&self, sql: &str, id: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.error(e))?;
        let rows = stmt.query_map([id], |r| r.get(0)).map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<String>, _>>().map_err(|e| self.error(e))
    }
}

fn write_import(tx: &Transaction<'_>, file: &ExchangeFile, framework: &Framework) -> rusqlite::Result<i64> {
    let org = &file.organisation;
    let organisation_id: i64 = match tx
        .query_row("SELECT id FROM organisation WHERE name = ?1 COLLATE NOCASE", [org.name.trim()], |r| r.get(0))
        .optional()?
    {
        Some(id) => id,
        None => {
            tx.execute(
                "INSERT INTO organisation (name, sector, created_at) VALUES (?1, ?2, ?3)",
                params![org.name.trim(), org.sector.id(), now()],
            )?;
            tx.last_insert_rowid()
        }
    };
    for site in &org.sites {
        tx.execute(
            "INSERT INTO organisation_site (organisation_id, name) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![organisation_id, site],
        )?;
    }
    let a = &file.assessment;
    let builtin = builtin().iter().any(|b| b.content_hash() == framework.content_hash());
    let new = NewAssessment {
        organisation_id,
        framework,
        period: a.period,
        title: a.title.clone(),
        scope: a.scope.clone(),
        profile: a.profile.clone(),
        custom_profile: a.custom_profile.clone(),
        assessors: file.assessors.clone(),
    };
    let id = insert_assessment(tx, &new, &a.uid, !builtin)?;
    let mut assessor_ids = BTreeMap::new();
    for assessor in &file.assessors {
        let assessor_id: i64 = tx.query_row(
            "SELECT id FROM assessor WHERE assessment_id = ?1 AND key = ?2",
            params![id, assessor.key],
            |r| r.get(0),
        )?;
        assessor_ids.insert(assessor.key.as_str(), assessor_id);
    }
    let at = now();
    let insert_score = |assessor_id: Option<i64>, node: &str, score: &NodeScore, rationale: &str| {
        tx.prepare_cached(
            "INSERT INTO score (assessment_id, assessor_id, node, score, rationale, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, assessor_id, node, serde_json::to_string(score).unwrap_or_default(), rationale, at])
    };
    for (key, scores) in &file.scores {
        for (node, score) in scores {
            insert_score(assessor_ids.get(key.as_str()).copied(), node, score, "")?;
        }
    }
    for (node, agreed) in &file.consensus {
        insert_score(None, node, &agreed.score, &agreed.rationale)?;
    }
    for note in &file.notes {
        let assessor_id = note.assessor.as_deref().and_then(|k| assessor_ids.get(k).copied());
        tx.prepare_cached(
            "INSERT INTO note (assessment_id, node, kind, text, assessor_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, note.node, note.kind.id(), note.text, assessor_id, at])?;
    }
    for action in &file.actions {
        insert_action(tx, id, action)?;
    }
    upsert_kpis(tx, organisation_id, &file.kpis)?;
    // Status last: the final-lock triggers refuse content for a final assessment.
    tx.execute("UPDATE assessment SET status = ?2 WHERE id = ?1", params![id, a.status.id()])?;
    Ok(id)
}

/// Adds or updates KPIs by key (values merged by period).
pub(crate) fn upsert_kpis(tx: &Transaction<'_>, organisation_id: i64, kpis: &[KpiDoc]) -> rusqlite::Result<()> {
    for kpi in kpis {
        tx.execute(
            "INSERT INTO kpi (organisation_id, key, name, stakeholder, unit, direction, target, financial)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (organisation_id, key) DO UPDATE SET name = excluded.name, stakeholder = excluded.stakeholder,
                 unit = excluded.unit, direction = excluded.direction, target = excluded.target, financial = excluded.financial",
            params![organisation_id, kpi.key, kpi.name, kpi.group.id(), kpi.unit, kpi.direction.id(), kpi.target, kpi.financial],
        )?;
        let kpi_id: i64 = tx.query_row(
            "SELECT id FROM kpi WHERE organisation_id = ?1 AND key = ?2",
            params![organisation_id, kpi.key],
            |r| r.get(0),
        )?;
        for (period, value) in &kpi.values {
            tx.execute(
                "INSERT INTO kpi_value (kpi_id, period, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (kpi_id, period) DO UPDATE SET value = excluded.value",
                params![kpi_id, period, value],
            )?;
        }
    }
    Ok(())
}
