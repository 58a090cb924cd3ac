//! Tauri commands: thin calls into keel-core and keel-store. Each one is declared in `build.rs`
//! and granted in `capabilities/main.json`.

use keel_core::{NewOrganisation, Organisation, OrganisationName, Sector};
use tauri::State;

use crate::{Database, DatabaseStatus, IpcError};

/// Which database the app is using and whether it opened.
#[tauri::command]
pub async fn database_status(db: State<'_, Database>) -> Result<DatabaseStatus, IpcError> {
    Ok(db.status())
}

/// All organisations, sorted by name.
#[tauri::command]
pub async fn list_organisations(db: State<'_, Database>) -> Result<Vec<Organisation>, IpcError> {
    db.with(|store| Ok(store.organisations()?))
}

/// Records a new organisation.
#[tauri::command]
pub async fn create_organisation(
    db: State<'_, Database>,
    name: String,
    sector: Sector,
) -> Result<Organisation, IpcError> {
    let new = NewOrganisation { name: OrganisationName::parse(&name)?, sector, sites: Vec::new() };
    db.with(|store| Ok(store.add_organisation(&new)?))
}
