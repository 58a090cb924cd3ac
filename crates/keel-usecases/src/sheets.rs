//! Scoring without a database: a score sheet or an exchange file scored as it stands, and an
//! ISO 9001 sheet projected onto EFQM 2020 through Keel's crosswalk.

use std::path::Path;

use keel_core::crosswalk::{iso_9001_to_efqm_2020, project, Projection};
use keel_core::exchange::{ExchangeFile, EXCHANGE_KIND};
use keel_core::framework::builtin_framework;
use keel_core::scoring::ScoreReport;
use keel_core::sheet::ScoreSheet;
use keel_core::{Framework, InputError};

use crate::{files, Error};

/// Scores the file at `path` — an exchange file (it says so in `kind`) or else a score sheet —
/// with `profile` instead of its own when given; returns the framework's title and the result.
pub fn score(path: &Path, profile: Option<&str>) -> Result<(String, ScoreReport), Error> {
    let origin = path.display().to_string();
    let text = files::read_text(path)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| InputError::one(&origin, "", e.to_string()))?;
    if value.get("kind").and_then(|k| k.as_str()) == Some(EXCHANGE_KIND) {
        let (file, framework) = ExchangeFile::parse(&text, &origin)?;
        return Ok((framework.title().to_owned(), file.score(&framework, profile, &origin)?));
    }
    let sheet = ScoreSheet::parse(&text, &origin)?;
    let framework = sheet.framework(&origin)?;
    Ok((framework.title().to_owned(), sheet.score(profile, &origin)?))
}

/// Projects the ISO 9001 score sheet at `path` onto EFQM 2020; returns the EFQM framework and
/// the projection.
pub fn project_iso(path: &Path) -> Result<(&'static Framework, Projection), Error> {
    let origin = path.display().to_string();
    let sheet = ScoreSheet::parse(&files::read_text(path)?, &origin)?;
    let crosswalk = iso_9001_to_efqm_2020();
    if sheet.framework != crosswalk.from {
        let message =
            format!("is {:?}; the crosswalk projects {} onto {}", sheet.framework, crosswalk.from, crosswalk.to);
        return Err(InputError::one(&origin, "framework", message).into());
    }
    let report = sheet.score(None, &origin)?;
    let target = builtin_framework(&crosswalk.to)
        .ok_or_else(|| Error::NotFound(format!("the built-in framework {} is missing", crosswalk.to)))?;
    Ok((target, project(crosswalk, &report, target)))
}
