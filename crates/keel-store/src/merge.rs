//! Merging assessors' own scores and notes from exchange files (each assessor working on their
//! own machine) into the lead's assessment: all of one file or nothing, and merging the same
//! file twice changes nothing.

use keel_core::exchange::ExchangeFile;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::assessments::{audit, now};
use crate::{Store, StoreError};

/// What merging one file did for one assessor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedAssessor {
    /// The file it came from, as the caller named it.
    pub origin: String,
    pub key: String,
    pub name: String,
    /// The assessor was not on the assessment before.
    pub new: bool,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub notes_added: usize,
}

impl MergedAssessor {
    pub fn changed_anything(&self) -> bool {
        self.new || self.added > 0 || self.changed > 0 || self.notes_added > 0
    }
}

impl Store {
    /// Merges every assessor's own scores and notes in `files` (each named by its origin, e.g.
    /// the file name) into assessment `into`, all in one transaction: every file must use the
    /// assessment's framework version, or nothing is merged. The files' agreed scores are not
    /// taken: the lead records consensus. Nothing is written when nothing differs.
    pub fn merge_assessors(
        &mut self,
        into: i64,
        files: &[(&str, &ExchangeFile)],
        actor: &str,
    ) -> Result<Vec<MergedAssessor>, StoreError> {
        let target = self.assessment(into)?;
        if target.status == keel_core::exchange::AssessmentStatus::Final {
            return Err(StoreError::Locked { title: target.title, period: target.period });
        }
        for (origin, file) in files {
            if file.framework_hash != target.framework_hash {
                // Named as people know the models; the fingerprints tell two versions of one
                // model apart.
                let ours = self.assessment_framework(into)?;
                let short = |h: &str| h.chars().take(8).collect::<String>();
                let named = |title: &str, version: &str, hash: &str| {
                    format!("{title}, data version {version} (fingerprint {})", short(hash))
                };
                return Err(StoreError::FrameworkMismatch {
                    origin: (*origin).to_owned(),
                    found: named(&file.framework.title, &file.framework.version, &file.framework_hash),
                    expected: named(ours.title(), ours.version(), ours.content_hash()),
                });
            }
        }
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let mut out = Vec::new();
        for (origin, file) in files {
            for assessor in &file.assessors {
                let own = file.scores.get(&assessor.key);
                let notes: Vec<_> =
                    file.notes.iter().filter(|n| n.assessor.as_deref() == Some(&assessor.key)).collect();
                if own.is_none_or(|s| s.is_empty()) && notes.is_empty() {
                    continue;
                }
                out.push(merge_one(&tx, into, origin, assessor, own, &notes).map_err(err)?);
            }
        }
        if out.iter().any(MergedAssessor::changed_anything) {
            let detail = out
                .iter()
                .map(|m| format!("{}: {} added, {} changed", m.key, m.added, m.changed))
                .collect::<Vec<_>>()
                .join("; ");
            tx.execute("UPDATE assessment SET updated_at = ?2 WHERE id = ?1", params![into, now()]).map_err(err)?;
            audit(&tx, actor, "merge assessors", &format!("assessment {into}"), &detail).map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(out)
    }
}

fn merge_one(
    tx: &Transaction<'_>,
    into: i64,
    origin: &str,
    assessor: &keel_core::exchange::AssessorDoc,
    own: Option<&std::collections::BTreeMap<String, keel_core::scoring::NodeScore>>,
    notes: &[&keel_core::exchange::NoteDoc],
) -> rusqlite::Result<MergedAssessor> {
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM assessor WHERE assessment_id = ?1 AND key = ?2", params![into, assessor.key], |r| {
            r.get(0)
        })
        .optional()?;
    let new = existing.is_none();
    let assessor_id = match existing {
        Some(id) => id,
        None => {
            tx.execute(
                "INSERT INTO assessor (assessment_id, key, name, role) VALUES (?1, ?2, ?3, ?4)",
                params![into, assessor.key, assessor.name, assessor.role],
            )?;
            tx.last_insert_rowid()
        }
    };
    let mut merged = MergedAssessor {
        origin: origin.to_owned(),
        key: assessor.key.clone(),
        name: assessor.name.clone(),
        new,
        added: 0,
        changed: 0,
        unchanged: 0,
        notes_added: 0,
    };
    for (node, score) in own.into_iter().flatten() {
        let json = serde_json::to_string(score).unwrap_or_default();
        let before: Option<String> = tx
            .query_row(
                "SELECT score FROM score WHERE assessment_id = ?1 AND assessor_id = ?2 AND node = ?3",
                params![into, assessor_id, node],
                |r| r.get(0),
            )
            .optional()?;
        match before {
            Some(old) if old == json => merged.unchanged += 1,
            Some(_) => {
                tx.execute(
                    "UPDATE score SET score = ?4, updated_at = ?5 WHERE assessment_id = ?1 AND assessor_id = ?2 AND node = ?3",
                    params![into, assessor_id, node, json, now()],
                )?;
                merged.changed += 1;
            }
            None => {
                tx.execute(
                    "INSERT INTO score (assessment_id, assessor_id, node, score, rationale, updated_at) VALUES (?1, ?2, ?3, ?4, '', ?5)",
                    params![into, assessor_id, node, json, now()],
                )?;
                merged.added += 1;
            }
        }
    }
    for note in notes {
        let known: i64 = tx.query_row(
            "SELECT count(*) FROM note WHERE assessment_id = ?1 AND node = ?2 AND kind = ?3 AND text = ?4 AND assessor_id IS ?5",
            params![into, note.node, note.kind.id(), note.text, assessor_id],
            |r| r.get(0),
        )?;
        if known == 0 {
            tx.execute(
                "INSERT INTO note (assessment_id, node, kind, text, assessor_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![into, note.node, note.kind.id(), note.text, assessor_id, now()],
            )?;
            merged.notes_added += 1;
        }
    }
    Ok(merged)
}
