//! The one error shape that crosses IPC: `{code, message}`, built from the crates' typed errors.

use keel_core::{InputError, OrganisationNameError};
use keel_export::ExportError;
use keel_store::StoreError;
use serde::Serialize;

/// A stable, machine-readable reason; the UI may branch on it, users read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The organisation name failed validation.
    InvalidName,
    /// Another organisation already has this name.
    DuplicateName,
    /// The database could not be opened; nothing can be read or saved until that is fixed.
    DatabaseUnavailable,
    /// The database refused an operation (disk full, locked).
    DatabaseError,
    /// The database file is damaged; the window offers the newest good backup.
    DatabaseDamaged,
    /// What was asked for (an assessment, node, note, action) does not exist.
    NotFound,
    /// The assessment is final; nothing in it can change.
    Locked,
    /// A value the user gave is not acceptable; the message names the field.
    InvalidInput,
    /// An export could not be made or written; nothing was written.
    ExportFailed,
    /// A file dialog could not be shown or gave no usable path.
    DialogFailed,
    /// A bug in Keel; the message says what.
    Internal,
}

/// The error every command returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError { code, message: message.into() }
    }
}

impl From<OrganisationNameError> for IpcError {
    fn from(e: OrganisationNameError) -> IpcError {
        IpcError::new(ErrorCode::InvalidName, capitalise(&e.to_string()))
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> IpcError {
        let code = match e {
            StoreError::DuplicateOrganisation { .. } => ErrorCode::DuplicateName,
            StoreError::NotADatabase { .. }
            | StoreError::ForeignDatabase { .. }
            | StoreError::TooNew { .. }
            | StoreError::Unwritable { .. }
            | StoreError::Unreadable { .. }
            | StoreError::NoDataDirectory => ErrorCode::DatabaseUnavailable,
            StoreError::Corrupt { .. } => ErrorCode::DatabaseDamaged,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Locked { .. }
            | StoreError::FinalUndeletable { .. }
            | StoreError::OrganisationHasFinal { .. } => ErrorCode::Locked,
            StoreError::Invalid(_)
            | StoreError::StatusChange { .. }
            | StoreError::AssessmentExists { .. }
            | StoreError::FrameworkMismatch { .. } => ErrorCode::InvalidInput,
            _ => ErrorCode::DatabaseError,
        };
        IpcError::new(code, capitalise(&e.to_string()))
    }
}

impl From<InputError> for IpcError {
    fn from(e: InputError) -> IpcError {
        IpcError::new(ErrorCode::InvalidInput, capitalise(&e.to_string()))
    }
}

impl From<ExportError> for IpcError {
    fn from(e: ExportError) -> IpcError {
        let code = match e {
            ExportError::Input(_) => ErrorCode::InvalidInput,
            _ => ErrorCode::ExportFailed,
        };
        IpcError::new(code, capitalise(&e.to_string()))
    }
}

/// Library messages are lower-case sentence fragments (for `keel: error: …`); the window shows
/// them as sentences.
pub(crate) fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = IpcError::from(OrganisationNameError::Empty { what: "organisation name" });
        let json = serde_json::to_string(&e).expect("serialise");
        assert_eq!(json, r#"{"code":"invalid_name","message":"Organisation name is empty"}"#);
        let dup = IpcError::from(StoreError::DuplicateOrganisation { name: "Acme".into() });
        let json = serde_json::to_value(&dup).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({"code": "duplicate_name", "message": "An organisation named \"Acme\" already exists"})
        );
    }

    #[test]
    fn database_problems_map_to_unavailable() {
        let e = IpcError::from(StoreError::NotADatabase { path: "/tmp/x.txt".into(), detail: "header".into() });
        assert_eq!(e.code, ErrorCode::DatabaseUnavailable);
        assert!(e.message.starts_with("/tmp/x.txt is not a SQLite database"), "{}", e.message);
    }
}
