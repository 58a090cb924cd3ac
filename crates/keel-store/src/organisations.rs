//! Organisations: create and list.

use chrono::{DateTime, Utc};
use keel_core::{NewOrganisation, Organisation, Sector};
use rusqlite::{params, ErrorCode};

use crate::{Store, StoreError};

impl Store {
    /// Records a new organisation; names are unique regardless of (ASCII) case.
    pub fn add_organisation(&mut self, new: &NewOrganisation) -> Result<Organisation, StoreError> {
        let created_at = Utc::now();
        let inserted = self.conn.execute(
            "INSERT INTO organisation (name, sector, created_at) VALUES (?1, ?2, ?3)",
            params![new.name.as_str(), new.sector.id(), created_at.to_rfc3339()],
        );
        match inserted {
            Ok(_) => Ok(Organisation {
                id: self.conn.last_insert_rowid(),
                name: new.name.as_str().to_owned(),
                sector: new.sector,
                created_at,
            }),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                Err(StoreError::DuplicateOrganisation { name: new.name.as_str().to_owned() })
            }
            Err(e) => Err(self.error(e)),
        }
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
            out.push(Organisation { id, name, sector, created_at });
        }
        Ok(out)
    }
}
