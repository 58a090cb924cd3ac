//! Where Keel keeps its database when the user does not say: one rule shared by the app and CLI.

use std::path::PathBuf;

use crate::StoreError;

/// Environment variable naming the database file; overrides the default location.
pub const DATABASE_ENV_VAR: &str = "KEEL_DB";

/// File name of the database inside Keel's data folder.
pub const DATABASE_FILE_NAME: &str = "keel.sqlite3";

/// Folder name inside the platform data directory; equals the app's bundle identifier so the
/// desktop app and the `keel` CLI share one database.
const DATA_FOLDER: &str = "org.keelquality.keel";

/// The database path used when none is given: `$KEEL_DB` when set and non-empty, otherwise
/// `<data dir>/org.keelquality.keel/keel.sqlite3` (on Linux `~/.local/share/…`).
pub fn default_database_path() -> Result<PathBuf, StoreError> {
    if let Some(path) = std::env::var_os(DATABASE_ENV_VAR).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    dirs::data_dir().map(|dir| dir.join(DATA_FOLDER).join(DATABASE_FILE_NAME)).ok_or(StoreError::NoDataDirectory)
}
