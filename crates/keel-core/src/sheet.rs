//! Score sheets: the scoring part of an assessment exchange file (format 1), read by
//! `keel score`. See `docs/score-sheet.md`. Parsing is pure: the caller reads the file.

use std::borrow::Cow;
use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::{builtin, builtin_framework, Framework, FrameworkFile, ProfileSpec, Weights, DEFAULT_PROFILE};
use crate::input::{parse_json, InputError};
use crate::scoring::{score, NodeScore, ScoreReport};

/// The score-sheet format this Keel reads.
pub const SHEET_FORMAT: u32 = 1;

/// Largest score sheet accepted, in bytes.
pub const MAX_SHEET_BYTES: usize = 16 * 1024 * 1024;

/// A framework, a weighting and the scores given against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreSheet {
    pub format: u32,
    /// Id of the framework the scores are for.
    pub framework: String,
    /// The framework itself, for frameworks that are not built in (or to pin an exact copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_snapshot: Option<FrameworkFile>,
    /// When given, the framework's content hash must match: the scores were made against
    /// exactly this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_hash: Option<String>,
    /// A profile of the framework by id (default: `default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// A user-defined profile, used instead of `profile`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_profile: Option<ProfileSpec>,
    /// Node id → score.
    pub scores: BTreeMap<String, NodeScore>,
}

fn fail(origin: &str, path: impl Into<String>, message: impl Into<String>) -> InputError {
    InputError::one(origin, path, message)
}

impl ScoreSheet {
    /// Parses a score sheet; `origin` names the file in errors.
    pub fn parse(json: &str, origin: &str) -> Result<ScoreSheet, InputError> {
        let sheet: ScoreSheet = parse_json(json, origin, MAX_SHEET_BYTES)?;
        if sheet.format != SHEET_FORMAT {
            return Err(fail(
                origin,
                "format",
                format!("unknown format version {}; this Keel reads version {SHEET_FORMAT}", sheet.format),
            ));
        }
        Ok(sheet)
    }

    /// The framework the sheet is for: its snapshot, else the built-in with that id.
    pub fn framework(&self, origin: &str) -> Result<Cow<'static, Framework>, InputError> {
        let framework = match &self.framework_snapshot {
            Some(file) => {
                let framework = Framework::from_file(file.clone(), origin).map_err(|mut e| {
                    for p in &mut e.problems {
                        p.path = if p.path.is_empty() {
                            "frameworkSnapshot".into()
                        } else {
                            format!("frameworkSnapshot.{}", p.path)
                        };
                    }
                    e
                })?;
                if framework.id() != self.framework {
                    return Err(fail(
                        origin,
                        "framework",
                        format!("says {:?} but the snapshot is framework {:?}", self.framework, framework.id()),
                    ));
                }
                Cow::Owned(framework)
            }
            None => match builtin_framework(&self.framework) {
                Some(framework) => Cow::Borrowed(framework),
                None => {
                    let known: Vec<&str> = builtin().iter().map(Framework::id).collect();
                    return Err(fail(
                        origin,
                        "framework",
                        format!(
                            "unknown framework {:?}; built in: {} (include frameworkSnapshot for any other)",
                            self.framework,
                            known.join(", ")
                        ),
                    ));
                }
            },
        };
        if let Some(hash) = &self.framework_hash {
            if hash != framework.content_hash() {
                return Err(fail(
                    origin,
                    "frameworkHash",
                    format!(
                        "the scores were made against another version of {} ({hash}); this one is {}",
                        framework.id(),
                        framework.content_hash()
                    ),
                ));
            }
        }
        Ok(framework)
    }

    /// The weights to score with: `profile_override` (e.g. `--profile`), else the sheet's
    /// custom profile, else its named profile, else the framework's default.
    pub fn weights(
        &self,
        framework: &Framework,
        profile_override: Option<&str>,
        origin: &str,
    ) -> Result<Weights, InputError> {
        if profile_override.is_none() {
            if let Some(custom) = &self.custom_profile {
                return framework.custom_weights(custom, origin).map_err(|mut e| {
                    for p in &mut e.problems {
                        p.path = p.path.replacen("profile", "customProfile", 1);
                    }
                    e
                });
            }
        }
        let id = profile_override.or(self.profile.as_deref()).unwrap_or(DEFAULT_PROFILE);
        framework.weights(id).ok_or_else(|| {
            let path = if profile_override.is_some() { "--profile" } else { "profile" };
            fail(
                origin,
                path,
                format!(
                    "unknown profile {id:?} for {}; available: {}",
                    framework.id(),
                    framework.profile_ids().join(", ")
                ),
            )
        })
    }

    /// Resolves framework and weights and scores the sheet.
    pub fn score(&self, profile_override: Option<&str>, origin: &str) -> Result<ScoreReport, InputError> {
        let framework = self.framework(origin)?;
        let weights = self.weights(&framework, profile_override, origin)?;
        score(&framework, &weights, &self.scores)
            .map_err(|e| InputError { origin: origin.to_owned(), problems: e.problems })
    }
}
