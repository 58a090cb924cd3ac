//! The six stakeholder groups Keel reports on: a fixed vocabulary so every framework, KPI and
//! chart speaks of the same groups.

use std::fmt;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A group whose interests an organisation must balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum StakeholderGroup {
    /// Customers, and for the public sector citizens and service users.
    Customers,
    /// Employees and everyone who works for the organisation.
    People,
    /// Shareholders, investors, governing bodies, funders.
    Owners,
    /// Partners and suppliers.
    Partners,
    /// The community and the environment.
    Society,
    /// Government and statutory bodies.
    Regulators,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 6] = [
        StakeholderGroup::Customers,
        StakeholderGroup::People,
        StakeholderGroup::Owners,
        StakeholderGroup::Partners,
        StakeholderGroup::Society,
        StakeholderGroup::Regulators,
    ];

    /// The identifier used in framework and exchange files.
    pub fn id(self) -> &'static str {
        match self {
            StakeholderGroup::Customers => "customers",
            StakeholderGroup::People => "people",
            StakeholderGroup::Owners => "owners",
            StakeholderGroup::Partners => "partners",
            StakeholderGroup::Society => "society",
            StakeholderGroup::Regulators => "regulators",
        }
    }

    pub fn from_id(id: &str) -> Option<StakeholderGroup> {
        StakeholderGroup::ALL.into_iter().find(|g| g.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            StakeholderGroup::Customers => "Customers",
            StakeholderGroup::People => "People",
            StakeholderGroup::Owners => "Owners",
            StakeholderGroup::Partners => "Partners & suppliers",
            StakeholderGroup::Society => "Society",
            StakeholderGroup::Regulators => "Regulators",
        }
    }

    /// The group's name in the words of a sector: a public body serves citizens and service
    /// users and answers to funders and governing bodies, not customers and owners. Files and
    /// exports keep the same six ids whatever the sector.
    pub fn label_for(self, sector: crate::Sector) -> &'static str {
        match (sector, self) {
            (crate::Sector::PublicSector, StakeholderGroup::Customers) => "Citizens & service users",
            (crate::Sector::PublicSector, StakeholderGroup::Owners) => "Funders & governing bodies",
            (crate::Sector::PublicSector, StakeholderGroup::Regulators) => "Regulators & inspectorates",
            _ => self.label(),
        }
    }
}

impl fmt::Display for StakeholderGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
