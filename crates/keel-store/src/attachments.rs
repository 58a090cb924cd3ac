//! Attachments: evidence files copied into an `attachments` folder beside the database, named
//! by their SHA-256, so the same file is stored once and a moved or deleted original is never a
//! problem. Copies are atomic (temporary file, fsync, rename).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::params;
use sha2::{Digest, Sha256};

use crate::assessments::now;
use crate::{Store, StoreError};

/// Largest attachment accepted, in bytes.
pub const MAX_ATTACHMENT_BYTES: u64 = 256 * 1024 * 1024;

/// An attachment as the assessment lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: i64,
    pub node: String,
    /// The file name the user attached.
    pub name: String,
    pub sha256: String,
    pub size: u64,
    /// Where Keel keeps the content.
    pub stored_at: PathBuf,
}

/// The folder attachment contents of the database at `database` live in.
pub fn attachments_dir(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("attachments")
}

impl Store {
    /// Copies `source` into the attachments folder (once per content) and records it on `node`.
    pub fn add_attachment(
        &mut self,
        assessment: i64,
        node: &str,
        source: &Path,
        actor: &str,
    ) -> Result<Attachment, StoreError> {
        let framework = self.assessment_framework(assessment)?;
        if framework.node(node).is_none() {
            return Err(StoreError::NotFound { what: "node", id: node.to_owned() });
        }
        let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
        let (sha256, size, stored_at) = self.store_content(source)?;
        let mut id = 0;
        self.write(assessment, actor, "add attachment", |tx| {
            tx.execute(
                "INSERT INTO attachment (assessment_id, node, name, sha256, size, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![assessment, node, name, sha256, size as i64, now()],
            )?;
            id = tx.last_insert_rowid();
            Ok(format!("{name} on {node}"))
        })?;
        Ok(Attachment { id, node: node.to_owned(), name, sha256, size, stored_at })
    }

    /// The attachments of an assessment, oldest first.
    pub fn attachments(&self, assessment: i64) -> Result<Vec<Attachment>, StoreError> {
        let dir = attachments_dir(&self.path);
        let mut stmt = self
            .conn
            .prepare("SELECT id, node, name, sha256, size FROM attachment WHERE assessment_id = ?1 ORDER BY id")
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([assessment], |r| {
                let sha256: String = r.get(3)?;
                Ok(Attachment {
                    id: r.get(0)?,
                    node: r.get(1)?,
                    name: r.get(2)?,
                    stored_at: dir.join(&sha256),
                    sha256,
                    size: r.get::<_, i64>(4)?.max(0) as u64,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.error(e))
    }

    /// Hashes `source` while copying it to a temporary file, then renames that to its hash.
    fn store_content(&self, source: &Path) -> Result<(String, u64, PathBuf), StoreError> {
        let unreadable = |e| StoreError::Unreadable { path: source.to_path_buf(), source: e };
        let dir = attachments_dir(&self.path);
        let unwritable = |e: std::io::Error| StoreError::Unwritable { path: dir.clone(), source: e.into() };
        let metadata = fs::metadata(source).map_err(unreadable)?;
        if !metadata.is_file() {
            return Err(StoreError::Unreadable {
                path: source.to_path_buf(),
                source: std::io::Error::other("it is not a regular file"),
            });
        }
        if metadata.len() > MAX_ATTACHMENT_BYTES {
            return Err(StoreError::Unreadable {
                path: source.to_path_buf(),
                source: std::io::Error::other(format!("it is larger than {MAX_ATTACHMENT_BYTES} bytes")),
            });
        }
        fs::create_dir_all(&dir).map_err(unwritable)?;
        let mut input = fs::File::open(source).map_err(unreadable)?;
        let mut temp = tempfile::Builder::new().prefix(".incoming-").tempfile_in(&dir).map_err(unwritable)?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = input.read(&mut buffer).map_err(unreadable)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
            temp.write_all(&buffer[..n]).map_err(unwritable)?;
            size += n as u64;
        }
        let sha256: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let stored_at = dir.join(&sha256);
        if !stored_at.exists() {
            temp.as_file().sync_all().map_err(unwritable)?;
            temp.persist(&stored_at).map_err(|e| unwritable(e.error))?;
        }
        Ok((sha256, size, stored_at))
    }
}
