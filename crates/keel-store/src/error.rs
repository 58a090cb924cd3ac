//! The typed errors of the store; each names the file it is about and what the user can do.

use std::path::PathBuf;

/// Everything that can go wrong opening or using a Keel database.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path} is not a SQLite database ({detail}); Keel has left it untouched")]
    NotADatabase { path: PathBuf, detail: String },

    #[error("there is no file {path}; nothing was changed")]
    Missing { path: PathBuf },

    #[error("{path} is {kind}, not a file; Keel reads and writes only regular files (nothing was changed)")]
    NotAFile { path: PathBuf, kind: &'static str },

    #[error(
        "{path} carries Keel's mark but not the tables of Keel schema version {version} ({detail}); \
         it is not a Keel backup this Keel can restore (nothing was changed)"
    )]
    UnknownSchema { path: PathBuf, version: i64, detail: String },

    #[error("{path} is the database itself; choose a backup to restore (nothing was changed)")]
    RestoreOntoItself { path: PathBuf },

    #[error("{path} is a SQLite database of another application; Keel has left it untouched")]
    ForeignDatabase { path: PathBuf },

    #[error(
        "{path} was written by a newer Keel (schema version {found}; this Keel knows up to {supported}); \
         update Keel to open it"
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },

    // The detail is cut to a readable length wherever it comes from (a file with thousands of
    // damaged pages or changed assessments once made a banner of 358,000 characters).
    #[error("{path} is damaged ({}); Keel has left it untouched. {}", crate::cut(detail, keel_core::limits::MAX_DAMAGE_DETAIL_CHARS), match newest_backup {
        Some(b) => format!("The newest good backup is {}: restore it with `keel restore {}`", b.display(), b.display()),
        None => "No backup was found next to it".to_owned(),
    })]
    Corrupt { path: PathBuf, detail: String, newest_backup: Option<PathBuf> },

    #[error("cannot write to {path}: {source}; choose a writable location (for example with --db or KEEL_DB)")]
    Unwritable {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "{path}: SQLite could not switch to write-ahead logging (journal mode stayed {mode}); \
         keep the database on a local disk"
    )]
    WalUnavailable { path: PathBuf, mode: String },

    #[error("the disk holding {path} is full; nothing was saved")]
    DiskFull { path: PathBuf },

    #[error("{path} is busy: another Keel window or command kept it locked for more than 5 seconds; nothing was changed, try again in a moment")]
    Busy { path: PathBuf },

    #[error("an organisation named \"{name}\" already exists")]
    DuplicateOrganisation { name: String },

    #[error("{path}: row {row_id} of table {table} holds an invalid {column}: {value:?}")]
    InvalidRow { path: PathBuf, table: &'static str, row_id: i64, column: &'static str, value: String },

    #[error(
        "assessment \"{title}\" ({period}) is final and cannot be changed; duplicate it as next period's draft instead"
    )]
    Locked { title: String, period: i32 },

    #[error(
        "assessment \"{title}\" ({period}) is final and cannot be deleted: a final assessment is the record of \
         its year; nothing was deleted"
    )]
    FinalUndeletable { title: String, period: i32 },

    #[error(
        "organisation \"{name}\" has {finals} final assessment(s) and cannot be deleted: final assessments are \
         the record of their years; nothing was deleted"
    )]
    OrganisationHasFinal { name: String, finals: usize },

    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },

    #[error("an assessment with uid {uid} is already in this database (\"{title}\", {period}); nothing was imported")]
    AssessmentExists { uid: String, title: String, period: i32 },

    #[error(
        "{origin} was made for {found}, but the assessment uses {expected}; \
         only files made for the same framework version can be merged (nothing was merged)"
    )]
    FrameworkMismatch { origin: String, found: String, expected: String },

    #[error("cannot move an assessment from {from} to {to}: {why}")]
    StatusChange { from: &'static str, to: &'static str, why: &'static str },

    #[error(transparent)]
    Invalid(#[from] keel_core::InputError),

    #[error("no home folder or data folder is known for this user; pass --db or set KEEL_DB")]
    NoDataDirectory,

    #[error("database error in {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_files_message_quotes_a_readable_part_of_what_is_wrong() {
        let detail: Vec<String> =
            (1..=10_000).map(|i| format!("assessment {i} has changed since it was finalised")).collect();
        let error = StoreError::Corrupt {
            path: PathBuf::from("/data/keel.sqlite3"),
            detail: detail.join("; "),
            newest_backup: Some(PathBuf::from("/data/backups/keel-1.sqlite3")),
        };
        let message = error.to_string();
        assert!(
            message.chars().count() < keel_core::limits::MAX_DAMAGE_DETAIL_CHARS + 400,
            "{} characters",
            message.len()
        );
        assert!(message.contains("assessment 1 has changed"), "{message}");
        assert!(message.contains("more characters)"), "says how much is left out: {message}");
        assert!(message.ends_with("restore it with `keel restore /data/backups/keel-1.sqlite3`"), "{message}");
    }
}
