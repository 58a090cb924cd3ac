//! The one error shape that crosses IPC: `{code, message}`, built from the crates' typed errors.

use keel_core::input::sentence;
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
    /// There is nothing to compare with (fewer than two assessments).
    NothingToCompare,
    /// The assessments cannot be compared (another model, another organisation, or an edition
    /// no version map reaches); the side-by-side view is for EFQM next to ISO 9001.
    NotComparable,
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

impl From<keel_usecases::Error> for IpcError {
    fn from(e: keel_usecases::Error) -> IpcError {
        use keel_usecases::Error;
        let code = match e {
            Error::Store(e) => return e.into(),
            Error::Name(e) => return e.into(),
            Error::Input(e) => return e.into(),
            Error::Export(e) => return e.into(),
            Error::File(_) => ErrorCode::InvalidInput,
            Error::NothingToCompare(_) => ErrorCode::NothingToCompare,
            Error::NotComparable(_) => ErrorCode::NotComparable,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Json(_) => ErrorCode::Internal,
        };
        IpcError::new(code, sentence(&e.to_string()))
    }
}

impl From<OrganisationNameError> for IpcError {
    fn from(e: OrganisationNameError) -> IpcError {
        IpcError::new(ErrorCode::InvalidName, sentence(&e.to_string()))
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
            | StoreError::FrameworkMismatch { .. }
            | StoreError::Missing { .. }
            | StoreError::NotAFile { .. }
            | StoreError::UnknownSchema { .. }
            | StoreError::RestoreOntoItself { .. } => ErrorCode::InvalidInput,
            _ => ErrorCode::DatabaseError,
        };
        IpcError::new(code, sentence(&e.to_string()))
    }
}

impl From<InputError> for IpcError {
    fn from(e: InputError) -> IpcError {
        IpcError::new(ErrorCode::InvalidInput, sentence(&e.to_string()))
    }
}

impl From<ExportError> for IpcError {
    fn from(e: ExportError) -> IpcError {
        let code = match e {
            ExportError::Input(_) => ErrorCode::InvalidInput,
            _ => ErrorCode::ExportFailed,
        };
        IpcError::new(code, sentence(&e.to_string()))
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
    fn each_comparison_failure_has_its_own_code() {
        let few = IpcError::from(keel_usecases::Error::NothingToCompare("comparing needs two".into()));
        assert_eq!(
            serde_json::to_value(&few).expect("json"),
            serde_json::json!({"code": "nothing_to_compare", "message": "Comparing needs two"})
        );
        let odd = IpcError::from(keel_usecases::Error::NotComparable("iso".into()));
        assert_eq!(odd.code, ErrorCode::NotComparable);
        let file = IpcError::from(keel_usecases::Error::from(keel_usecases::FileError::TooLarge {
            path: "/x".into(),
            max: 1,
        }));
        assert_eq!(file.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn database_problems_map_to_unavailable() {
        let e = IpcError::from(StoreError::NotADatabase { path: "/tmp/x.txt".into(), detail: "header".into() });
        assert_eq!(e.code, ErrorCode::DatabaseUnavailable);
        assert!(e.message.starts_with("/tmp/x.txt is not a SQLite database"), "{}", e.message);
    }
}
