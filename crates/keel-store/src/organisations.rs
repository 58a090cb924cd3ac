//! Organisations: create and list.

use chrono::{DateTime, Utc};
use keel_core::{NewOrganisation, Organisation, Sector};
use rusqlite::{params, ErrorCode};

use crate::{Store, StoreError};

impl Store {
    /// Records a new organisation with its sites, in one transaction; names are unique
    /// regardless of (ASCII) case.
    pub fn add_organisation(&mut self, new: &NewOrganisation) -> Result<Organisation, StoreError> {
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
        crate::assessments::audit(&tx, "keel", "add organisation", &format!("organisation {id}"), new.name.as_str())
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
}
