//! Multi-assessor consensus: each assessor's own % per assessable node, the spread (min, max,
//! standard deviation), a disagreement flag above a threshold, and the agreed score next to
//! them. Individual scores stay visible after consensus: nothing here replaces them.

use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::exchange::ExchangeFile;
use crate::framework::Framework;
use crate::input::InputError;
use crate::scoring::score;

/// Assessors further apart than this (percentage points, max − min) disagree, by default.
pub const DISAGREEMENT_THRESHOLD: f64 = 15.0;

/// One assessable node across the assessors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NodeSpread {
    pub node: String,
    pub number: String,
    pub title: String,
    /// Each assessor's %, in the order of the file's assessors (`null`: not scored by them).
    pub percents: Vec<Option<f64>>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Population standard deviation of the given scores.
    pub std_dev: Option<f64>,
    /// max − min is above the threshold.
    pub disagreement: bool,
    /// The agreed %, when recorded.
    pub agreed: Option<f64>,
    /// Why the agreed score is what it is.
    pub rationale: String,
}

/// The spread of every assessable node at least one assessor scored, in framework order. An
/// agreed score that does not fit the framework is an error, never a silent gap.
pub fn spread(file: &ExchangeFile, framework: &Framework, threshold: f64) -> Result<Vec<NodeSpread>, InputError> {
    let own: Vec<BTreeMap<String, f64>> = file.assessor_percents(framework).into_iter().map(|(_, p)| p).collect();
    let agreed: BTreeMap<String, f64> = score(framework, &framework.default_weights(), &file.agreed_scores())
        .map_err(|e| InputError { origin: format!("assessment {:?}", file.assessment.title), problems: e.problems })?
        .nodes
        .into_iter()
        .filter_map(|n| n.percent.map(|p| (n.id, p)))
        .collect();
    Ok(framework
        .nodes()
        .iter()
        .filter(|n| n.is_assessable())
        .filter_map(|n| {
            let percents: Vec<Option<f64>> = own.iter().map(|m| m.get(&n.id).copied()).collect();
            let given: Vec<f64> = percents.iter().flatten().copied().collect();
            if given.is_empty() {
                return None;
            }
            let min = given.iter().copied().fold(f64::INFINITY, f64::min);
            let max = given.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mean = given.iter().sum::<f64>() / given.len() as f64;
            let variance = given.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / given.len() as f64;
            Some(NodeSpread {
                node: n.id.clone(),
                number: n.number.clone(),
                title: n.title.clone(),
                percents,
                min: Some(min),
                max: Some(max),
                std_dev: Some(variance.sqrt()),
                disagreement: max - min > threshold,
                agreed: agreed.get(&n.id).copied(),
                rationale: file.consensus.get(&n.id).map(|c| c.rationale.clone()).unwrap_or_default(),
            })
        })
        .collect())
}
