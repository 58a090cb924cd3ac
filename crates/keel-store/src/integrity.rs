//! Tamper evidence in the database: seals on final assessments and the hash chain of the audit
//! log, written as records change and verified by [`Store::check`].

use keel_core::exchange::AssessmentStatus;
use keel_core::seal::{audit_link, seal, short};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::assessments::now;
use crate::{Store, StoreError};

/// A final assessment as `verify_records` reads it: id, title, period, seal, sealed at.
type FinalRow = (i64, String, i32, Option<String>, Option<String>);

/// The seal of a final assessment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// Hex SHA-256 (see [`keel_core::seal::seal`]).
    pub hash: String,
    /// When the assessment was sealed (RFC 3339, UTC).
    pub sealed_at: String,
}

impl Seal {
    /// The first hex digits, as the window and the PDF show them.
    pub fn short(&self) -> &str {
        short(&self.hash)
    }
}

/// Appends one audit entry with its chain link; part of the caller's transaction.
pub(crate) fn append_audit(
    conn: &Connection,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    let (last_id, last_hash): (i64, Option<String>) = conn
        .query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, None));
    let id = last_id + 1;
    let at = now();
    let hash = audit_link(last_hash.as_deref().unwrap_or(""), id, [&at, actor, action, subject, detail]);
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, subject, detail, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, at, actor, action, subject, detail, hash],
    )?;
    Ok(())
}

impl Store {
    /// The seal of assessment `id`, when it is final and sealed.
    pub fn seal(&self, id: i64) -> Result<Option<Seal>, StoreError> {
        self.conn
            .query_row("SELECT seal, sealed_at FROM assessment WHERE id = ?1 AND seal IS NOT NULL", [id], |r| {
                Ok(Seal { hash: r.get(0)?, sealed_at: r.get::<_, Option<String>>(1)?.unwrap_or_default() })
            })
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Makes an assessment final and seals it, in one transaction with its audit entry.
    pub(crate) fn finalise(&mut self, id: i64, from: AssessmentStatus, actor: &str) -> Result<(), StoreError> {
        let err = |e| self.error(e);
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        tx.execute("UPDATE assessment SET updated_at = ?2 WHERE id = ?1", params![id, now()]).map_err(err)?;
        tx.execute("UPDATE assessment SET status = 'final' WHERE id = ?1", [id]).map_err(err)?;
        let seal = self.seal_in(&tx, id)?;
        append_audit(
            &tx,
            actor,
            "set status",
            &format!("assessment {id}"),
            &format!("{} → final; seal {}", from.id(), short(&seal)),
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Seals final assessment `id` from its content as this connection sees it (inside `tx`).
    pub(crate) fn seal_in(&self, tx: &Transaction<'_>, id: i64) -> Result<String, StoreError> {
        let hash = seal(&self.export_assessment(id)?);
        tx.execute(
            "UPDATE assessment SET seal = ?2, sealed_at = ?3 WHERE id = ?1 AND status = 'final' AND seal IS NULL",
            params![id, hash, now()],
        )
        .map_err(|e| self.error(e))?;
        Ok(hash)
    }

    /// After a migration: links audit entries written before the chain existed and seals final
    /// assessments finalised before seals existed. One transaction.
    pub(crate) fn backfill_records(&mut self) -> Result<(), StoreError> {
        let err = |e| self.error(e);
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        let unsealed: Vec<i64> = {
            let mut stmt = tx
                .prepare("SELECT id FROM assessment WHERE status = 'final' AND seal IS NULL ORDER BY id")
                .map_err(err)?;
            let ids = stmt.query_map([], |r| r.get(0)).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
            ids
        };
        for id in unsealed {
            self.seal_in(&tx, id)?;
        }
        // Only entries from the first one without a link on are read (none after a clean
        // shutdown): the start after a crash does not read the whole log.
        let first_unlinked: Option<i64> =
            tx.query_row("SELECT min(id) FROM audit WHERE hash IS NULL", [], |r| r.get(0)).map_err(err)?;
        let Some(first_unlinked) = first_unlinked else {
            return tx.commit().map_err(err);
        };
        let mut previous: String = tx
            .query_row("SELECT hash FROM audit WHERE id < ?1 ORDER BY id DESC LIMIT 1", [first_unlinked], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()
            .map_err(err)?
            .flatten()
            .unwrap_or_default();
        let entries: Vec<(i64, [String; 5], Option<String>)> = {
            let mut stmt = tx
                .prepare("SELECT id, at, actor, action, subject, detail, hash FROM audit WHERE id >= ?1 ORDER BY id")
                .map_err(err)?;
            let rows = stmt
                .query_map([first_unlinked], |r| {
                    Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?], r.get(6)?))
                })
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)?;
            rows
        };
        for (id, fields, hash) in entries {
            previous = match hash {
                Some(hash) => hash,
                None => {
                    let link = audit_link(&previous, id, fields.each_ref().map(String::as_str));
                    tx.execute("UPDATE audit SET hash = ?2 WHERE id = ?1", params![id, link]).map_err(err)?;
                    link
                }
            };
        }
        tx.commit().map_err(err)
    }

    /// Final assessments whose content no longer matches their seal, and breaks in the audit
    /// chain, each as a sentence naming the record.
    pub fn verify_records(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let err = |e| self.error(e);
        let finals: Vec<FinalRow> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, title, period, seal, sealed_at FROM assessment WHERE status = 'final' ORDER BY id")
                .map_err(err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)?;
            rows
        };
        let mut changed = Vec::new();
        for (id, title, period, stored, sealed_at) in finals {
            let name = format!("assessment {id} \"{}\" ({period})", crate::cut(&title, 80));
            let Some(stored) = stored else {
                changed.push(format!("{name} is final but has no seal"));
                continue;
            };
            let when = sealed_at.unwrap_or_default();
            match self.export_assessment(id) {
                Ok(file) if seal(&file) == stored => {}
                Ok(_) => changed.push(format!(
                    "{name} has changed since it was finalised: its content no longer matches seal {} of {when}",
                    short(&stored)
                )),
                Err(e) => changed.push(format!(
                    "{name} cannot be read back ({}); it no longer matches seal {} of {when}",
                    crate::cut(&e.to_string(), 200),
                    short(&stored)
                )),
            }
        }
        let mut breaks = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, at, actor, action, subject, detail, hash FROM audit ORDER BY id")
            .map_err(err)?;
        let mut rows = stmt.query([]).map_err(err)?;
        let mut previous = String::new();
        while let Some(row) = rows.next().map_err(err)? {
            let id: i64 = row.get(0).map_err(err)?;
            let text = |i| row.get::<_, String>(i);
            let fields = [text(1), text(2), text(3), text(4), text(5)];
            let hash: Option<String> = row.get(6).map_err(err)?;
            let fields: Vec<String> = fields.into_iter().collect::<Result<_, _>>().map_err(err)?;
            let link = audit_link(
                &previous,
                id,
                [&fields[0], &fields[1], &fields[2], &fields[3], &fields[4]].map(|s| s.as_str()),
            );
            match hash {
                Some(hash) if hash == link => previous = hash,
                Some(hash) => {
                    breaks.push(format!(
                        "audit entry {id} ({} {}) was changed, or an entry before it was removed",
                        crate::cut(&fields[2], 60),
                        crate::cut(&fields[3], 60)
                    ));
                    previous = hash;
                }
                None => {
                    breaks.push(format!("audit entry {id} has no chain link"));
                    previous = link;
                }
            }
        }
        Ok((changed, breaks))
    }
}
