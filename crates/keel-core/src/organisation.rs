//! Organisations being assessed: their validated name and their sector.
//!
//! The sector matters beyond labelling: a public-sector body weighs its stakeholder groups
//! differently from a commercial firm (see the weighting profiles), so it is a closed enum, not
//! free text.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest organisation name accepted, in characters (Unicode scalar values).
///
/// Long enough for "Regional Health and Social Care Partnership Trust for the North-East
/// Coastal Districts", short enough to fit a report cover and a chart footer.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether an organisation is a commercial firm or a public-sector body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    /// A firm that must earn its keep: owners' results weigh alongside customers'.
    Commercial,
    /// A body that exists for its citizens and users: their results come first.
    PublicSector,
}

impl Sector {
    /// Every sector, in the order the UI offers them.
    pub const ALL: [Sector; 2] = [Sector::Commercial, Sector::PublicSector];

    /// The stable identifier used in files, the database and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Sector::Commercial => "commercial",
            Sector::PublicSector => "public-sector",
        }
    }

    /// Parses an identifier produced by [`Sector::id`].
    pub fn from_id(id: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.id() == id)
    }

    /// A human-readable label.
    pub fn label(self) -> &'static str {
        match self {
            Sector::Commercial => "Commercial",
            Sector::PublicSector => "Public sector",
        }
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What is wrong with a proposed organisation name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationNameError {
    #[error("{what} is empty")]
    Empty { what: &'static str },
    #[error("{what} is {length} characters long; the limit is {max}")]
    TooLong { what: &'static str, length: usize, max: usize },
    #[error("{what} contains a control character at position {position}")]
    ControlCharacter { what: &'static str, position: usize },
}

/// A validated organisation name: trimmed, non-empty, at most [`MAX_NAME_CHARS`] characters,
/// without control characters (which would break CSV exports and report layouts).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrganisationName(String);

impl OrganisationName {
    /// Validates `raw` as an organisation's name, trimming surrounding whitespace first.
    pub fn parse(raw: &str) -> Result<Self, OrganisationNameError> {
        Self::parse_as(raw, "organisation name")
    }

    /// Validates `raw` as the name of one of an organisation's sites.
    pub fn parse_site(raw: &str) -> Result<Self, OrganisationNameError> {
        Self::parse_as(raw, "site name")
    }

    fn parse_as(raw: &str, what: &'static str) -> Result<Self, OrganisationNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(OrganisationNameError::Empty { what });
        }
        let length = name.chars().count();
        if length > MAX_NAME_CHARS {
            return Err(OrganisationNameError::TooLong { what, length, max: MAX_NAME_CHARS });
        }
        if let Some(index) = name.chars().position(char::is_control) {
            return Err(OrganisationNameError::ControlCharacter { what, position: index + 1 });
        }
        Ok(OrganisationName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrganisationName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An organisation about to be created: the input a user gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub name: OrganisationName,
    pub sector: Sector,
    /// Sites (locations, plants, offices) the assessments may cover; validated like names.
    pub sites: Vec<OrganisationName>,
}

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    /// Database identifier; stable for the life of the database.
    pub id: i64,
    pub name: String,
    pub sector: Sector,
    /// Its sites, sorted.
    pub sites: Vec<String>,
    /// When the organisation was first recorded (UTC, RFC 3339).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expected: Result<&str, OrganisationNameError>) {
        let got = OrganisationName::parse(raw);
        assert_eq!(got.as_ref().map(OrganisationName::as_str), expected.as_ref().map(|s| *s), "input {raw:?}");
    }

    #[test]
    fn names_are_trimmed_and_validated() {
        check("Acme Castings Ltd", Ok("Acme Castings Ltd"));
        check("  Acme  ", Ok("Acme"));
        check("Stadtwerke München", Ok("Stadtwerke München"));
        const WHAT: &str = "organisation name";
        check("", Err(OrganisationNameError::Empty { what: WHAT }));
        check(" \t\n ", Err(OrganisationNameError::Empty { what: WHAT }));
        check("Acme\u{7}Bell", Err(OrganisationNameError::ControlCharacter { what: WHAT, position: 5 }));
        check("Line\nbreak", Err(OrganisationNameError::ControlCharacter { what: WHAT, position: 5 }));
        assert_eq!(OrganisationName::parse_site(" ").map_err(|e| e.to_string()), Err("site name is empty".to_owned()));
    }

    #[test]
    fn length_limit_counts_characters_not_bytes() {
        let at_limit = "é".repeat(MAX_NAME_CHARS);
        check(&at_limit, Ok(&at_limit));
        let huge = "x".repeat(10_000);
        check(
            &huge,
            Err(OrganisationNameError::TooLong { what: "organisation name", length: 10_000, max: MAX_NAME_CHARS }),
        );
        let err = OrganisationName::parse(&huge).expect_err("10,000 characters must be refused");
        assert_eq!(err.to_string(), "organisation name is 10000 characters long; the limit is 200");
    }

    #[test]
    fn sector_ids_round_trip_through_serde_and_from_id() {
        for sector in Sector::ALL {
            assert_eq!(Sector::from_id(sector.id()), Some(sector));
            let json = serde_json::to_string(&sector).expect("serialise sector");
            assert_eq!(json, format!("\"{}\"", sector.id()));
        }
        assert_eq!(Sector::from_id("charity"), None);
    }
}
