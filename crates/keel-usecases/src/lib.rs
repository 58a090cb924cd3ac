//! What a user can do with Keel — organisations, assessments, scoring, notes and actions, KPIs,
//! comparison, the management-review pack, import, merge, backup and restore — each one plain
//! function over a [`keel_store::Store`] and keel-core.
//!
//! Both shells are adapters over this crate: the `keel` command parses arguments and prints,
//! the desktop app (`keel-app`) turns calls from the window into these functions and their
//! errors into `{code, message}`. Nothing here knows Tauri, a terminal or SQL
//! (`tests/architecture.rs`).

pub mod assessments;
pub mod backups;
pub mod consensus;
pub mod database;
pub mod files;
pub mod frameworks;
pub mod kpis;
pub mod organisations;
pub mod packs;
pub mod sheets;
pub mod upkeep;
pub mod views;

pub use files::FileError;

/// Everything a use case can fail with; each shell reports it once, at its edge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] keel_store::StoreError),
    #[error(transparent)]
    Name(#[from] keel_core::OrganisationNameError),
    #[error(transparent)]
    Input(#[from] keel_core::InputError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Export(#[from] keel_export::ExportError),
    /// Fewer than two assessments to compare.
    #[error("{0}")]
    NothingToCompare(String),
    /// The assessments cannot be compared (another model, or an edition no version map reaches).
    #[error("{0}")]
    NotComparable(String),
    /// Something that should exist does not (a framework that was offered a moment ago).
    #[error("{0}")]
    NotFound(String),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Which shell a change came from, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    /// The `keel` command.
    Cli,
    /// The desktop app.
    App,
}

impl Shell {
    /// Who the audit log names: the login user and the shell (`ana (keel app)`), or the shell
    /// alone when the user is unknown.
    pub fn actor(self) -> String {
        let shell = match self {
            Shell::Cli => "keel",
            Shell::App => "keel app",
        };
        std::env::var("USER")
            .ok()
            .filter(|u| !u.is_empty())
            .map_or_else(|| shell.to_owned(), |u| format!("{u} ({shell})"))
    }
}
