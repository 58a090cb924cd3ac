//! Keel's domain model: pure Rust with no IO, no SQL, no Tauri and no plotting.
//!
//! Everything here can be unit-tested without a file system or a window; storage lives in
//! `keel-store`, the desktop shell in `keel-app`. The `architecture` test in `tests/` enforces
//! that this crate never depends on tauri, rusqlite or plotters.

pub mod comparison;
pub mod consensus;
pub mod crosswalk;
pub mod demo;
pub mod exchange;
pub mod form;
pub mod framework;
pub mod input;
pub mod kpi;
pub mod limits;
pub mod organisation;
pub mod scoring;
pub mod seal;
pub mod sheet;
pub mod slug;
pub mod stakeholder;

pub use framework::{Framework, ModelKind};
pub use input::{InputError, Problem};
pub use organisation::{NewOrganisation, Organisation, OrganisationName, OrganisationNameError, Sector};
pub use stakeholder::StakeholderGroup;
