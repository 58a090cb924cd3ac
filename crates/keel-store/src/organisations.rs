//! Organisations: create, list, rename, re-sector, change sites and delete (each change one
//! transaction with its audit entry).

use chrono::{DateTime, Utc};
use keel_core::exchange::AssessmentStatus;
use keel_core::{NewOrganisation, Organisation, OrganisationName, Sector};
use rusqlite::{params, ErrorCode, Transaction};

use crate::{Store, StoreError};

impl Store {
    /// Records a new organisation with its sites, in one transaction; names are unique
    /// regardless of (ASCII) case.
    pub fn add_organisation(&mut self, new: &NewOrganisation) -> Result<Organisation, StoreError> {
        self.add_organisation_by(new, "keel")
    }

    /// [`Store::add_organisation`], with who added it in the audit log (`actor`).
    pub fn add_organisation_by(&mut self, new: &NewOrganisation, actor: &str) -> Result<Organisation, StoreError> {
        let created_at = Utc::now();
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let inserted = tx.execute(
            "INSERT INTO organisation (name, sector, created_at) VALUES (?1, ?2, ?3)",
            params![new.name.as_str(), new.sector.id(), created_at.to_rfc3339()],
        );
        match inserted {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                return Err(StoreError::DuplicateOrganisation { name: new.name.as_str().to_owned() });
            }
            Err(e) => return Err(err(e)),
        }
        let id = tx.last_insert_rowid();
        let mut sites: Vec<String> = new.sites.iter().map(|s| s.as_str().to_owned()).collect();
        sites.sort();
        sites.dedup();
        for site in &sites {
            tx.execute("INSERT INTO organisation_site (organisation_id, name) VALUES (?1, ?2)", params![id, site])
                .map_err(err)?;
        }
        crate::assessments::audit(&tx, actor, "add organisation", &format!("organisation {id}"), new.name.as_str())
            .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Organisation { id, name: new.name.as_str().to_owned(), sector: new.sector, sites, created_at })
    }

    /// All organisations, sorted by name.
    pub fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, sector, created_at FROM organisation ORDER BY name COLLATE NOCASE, id")
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
            })
            .map_err(|e| self.error(e))?;
        // Every site in one query (not one per organisation: the home list has hundreds).
        let mut sites: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
        let mut site_rows = self
            .conn
            .prepare_cached("SELECT organisation_id, name FROM organisation_site ORDER BY organisation_id, name")
            .map_err(|e| self.error(e))?;
        for row in
            site_rows.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(|e| self.error(e))?
        {
            let (organisation, name) = row.map_err(|e| self.error(e))?;
            sites.entry(organisation).or_default().push(name);
        }
        let mut out = Vec::new();
        for row in rows {
            let (id, name, sector, created_at) = row.map_err(|e| self.error(e))?;
            let invalid = |column, value: String| StoreError::InvalidRow {
                path: self.path.clone(),
                table: "organisation",
                row_id: id,
                column,
                value,
            };
            let sector = Sector::from_id(&sector).ok_or_else(|| invalid("sector", sector.clone()))?;
            let created_at = DateTime::parse_from_rfc3339(&created_at)
                .map_err(|_| invalid("created_at", created_at.clone()))?
                .with_timezone(&Utc);
            let sites = sites.remove(&id).unwrap_or_default();
            out.push(Organisation { id, name, sector, sites, created_at });
        }
        Ok(out)
    }

    /// One organisation.
    pub fn organisation(&self, id: i64) -> Result<Organisation, StoreError> {
        self.organisations()?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or(StoreError::NotFound { what: "organisation", id: id.to_string() })
    }

    /// Gives an organisation a new name (unique regardless of case, like a new one's).
    pub fn rename_organisation(
        &mut self,
        id: i64,
        name: &OrganisationName,
        actor: &str,
    ) -> Result<Organisation, StoreError> {
        let old = self.organisation(id)?;
        if old.name == name.as_str() {
            return Ok(old);
        }
        self.change_organisation(id, actor, "rename organisation", &format!("{} → {}", old.name, name), |tx| {
            tx.execute("UPDATE organisation SET name = ?2 WHERE id = ?1", params![id, name.as_str()])
        })
        .map_err(|e| match e {
            StoreError::Sqlite { source, .. } if source.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                StoreError::DuplicateOrganisation { name: name.as_str().to_owned() }
            }
            other => other,
        })?;
        self.organisation(id)
    }

    /// Changes an organisation's sector. Only the default weighting profile offered for its
    /// future assessments follows the sector; existing assessments keep the profile they were
    /// made with.
    pub fn set_organisation_sector(
        &mut self,
        id: i64,
        sector: Sector,
        actor: &str,
    ) -> Result<Organisation, StoreError> {
        let old = self.organisation(id)?;
        if old.sector == sector {
            return Ok(old);
        }
        let detail = format!("{}: {} → {}", old.name, old.sector.id(), sector.id());
        self.change_organisation(id, actor, "change sector", &detail, |tx| {
            tx.execute("UPDATE organisation SET sector = ?2 WHERE id = ?1", params![id, sector.id()])
        })?;
        self.organisation(id)
    }

    /// Replaces an organisation's sites (sorted, duplicates dropped).
    pub fn set_organisation_sites(
        &mut self,
        id: i64,
        sites: &[OrganisationName],
        actor: &str,
    ) -> Result<Organisation, StoreError> {
        let old = self.organisation(id)?;
        let mut new: Vec<String> = sites.iter().map(|s| s.as_str().to_owned()).collect();
        new.sort();
        new.dedup();
        if old.sites == new {
            return Ok(old);
        }
        let shown = |list: &[String]| if list.is_empty() { "none".to_owned() } else { list.join(", ") };
        let detail = format!("{}: {} → {}", old.name, shown(&old.sites), shown(&new));
        self.change_organisation(id, actor, "change sites", &detail, |tx| {
            tx.execute("DELETE FROM organisation_site WHERE organisation_id = ?1", [id])?;
            for site in &new {
                tx.execute("INSERT INTO organisation_site (organisation_id, name) VALUES (?1, ?2)", params![id, site])?;
            }
            Ok(0)
        })?;
        self.organisation(id)
    }

    /// Deletes an organisation with its assessments (none of which may be final), sites and
    /// KPIs. Refused, with nothing deleted, when it has a final assessment.
    pub fn delete_organisation(&mut self, id: i64, actor: &str) -> Result<(), StoreError> {
        let org = self.organisation(id)?;
        let assessments = self.assessments(Some(id))?;
        let finals = assessments.iter().filter(|a| a.status == AssessmentStatus::Final).count();
        if finals > 0 {
            return Err(StoreError::OrganisationHasFinal { name: org.name, finals });
        }
        let detail = format!("{} ({} draft assessment(s) deleted with it)", org.name, assessments.len());
        self.change_organisation(id, actor, "delete organisation", &detail, |tx| {
            tx.execute("DELETE FROM assessment WHERE organisation_id = ?1", [id])?;
            tx.execute("DELETE FROM organisation WHERE id = ?1", [id])
        })
    }

    /// Runs `change` and its audit entry in one transaction.
    fn change_organisation(
        &mut self,
        id: i64,
        actor: &str,
        action: &str,
        detail: &str,
        change: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<usize>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| crate::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        change(&tx).map_err(err)?;
        crate::assessments::audit(&tx, actor, action, &format!("organisation {id}"), detail).map_err(err)?;
        tx.commit().map_err(err)
    }
}
