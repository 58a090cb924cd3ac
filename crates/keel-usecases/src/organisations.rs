//! The organisations being assessed.

use keel_core::{NewOrganisation, Organisation, OrganisationName, Sector};
use keel_store::Store;

use crate::Error;

/// A new organisation as typed, checked before any database is opened (a bad name must not
/// even create one).
pub fn new(name: &str, sector: Sector, sites: &[String]) -> Result<NewOrganisation, Error> {
    let sites = sites.iter().map(|s| OrganisationName::parse_site(s)).collect::<Result<Vec<_>, _>>()?;
    Ok(NewOrganisation { name: OrganisationName::parse(name)?, sector, sites })
}

/// Records a new organisation, added by `actor` (the audit log names who).
pub fn add(store: &mut Store, new: &NewOrganisation, actor: &str) -> Result<Organisation, Error> {
    Ok(store.add_organisation_by(new, actor)?)
}

/// All organisations, sorted by name.
pub fn list(store: &Store) -> Result<Vec<Organisation>, Error> {
    Ok(store.organisations()?)
}
