//! KPIs per stakeholder group: reading them from CSV, and what their series suggest for the
//! RADAR *Trends* and *Targets* attributes of a results part: graded credit towards each target,
//! the arithmetic in the reason; the assessor sees the suggestion and decides.
//!
//! CSV (one row per value, header required, UTF-8):
//! `key,name,group,unit,direction,target,financial,period,value` — `group` one of the
//! stakeholder ids, `direction` `higher-is-better` or `lower-is-better`, `target` and `unit`
//! may be empty, `financial` `yes`/`no`. Rows of one key must agree on everything but the
//! period and value.

use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::exchange::{Direction, KpiDoc};
use crate::framework::{Framework, Scheme};
use crate::input::{InputError, Problem};
use crate::StakeholderGroup;

/// The columns a KPI CSV file has, in order.
pub const CSV_COLUMNS: [&str; 9] =
    ["key", "name", "group", "unit", "direction", "target", "financial", "period", "value"];

/// Reads KPIs from CSV text; `origin` names the file. Every problem is reported with its line
/// and column; nothing is returned unless the whole file is good.
pub fn parse_csv(text: &str, origin: &str) -> Result<Vec<KpiDoc>, InputError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut problems = Vec::new();
    match reader.headers() {
        Ok(header) => {
            let found: Vec<&str> = header.iter().collect();
            if found != CSV_COLUMNS {
                return Err(InputError::one(
                    origin,
                    "line 1",
                    format!("the header must be {}; found {}", CSV_COLUMNS.join(","), found.join(",")),
                ));
            }
        }
        Err(e) => return Err(InputError::one(origin, "line 1", e.to_string())),
    }
    let mut kpis: Vec<KpiDoc> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(at(line, "-", e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or_default();
        let before = problems.len();
        let key = field(0);
        if !is_key(key) {
            problems.push(at(line, "key", format!("{key:?} is not a key: use letters, digits, - or _")));
        }
        if field(1).is_empty() {
            problems.push(at(line, "name", "must not be empty"));
        }
        let group = StakeholderGroup::from_id(field(2));
        if group.is_none() {
            let known: Vec<&str> = StakeholderGroup::ALL.iter().map(|g| g.id()).collect();
            problems.push(at(
                line,
                "group",
                format!("{:?} is not a stakeholder group; one of {}", field(2), known.join(", ")),
            ));
        }
        let direction = Direction::from_id(field(4));
        if direction.is_none() {
            problems.push(at(line, "direction", format!("{:?}: use higher-is-better or lower-is-better", field(4))));
        }
        let target = match field(5) {
            "" => None,
            t => match t.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    problems.push(at(line, "target", format!("{t:?} is not a number")));
                    None
                }
            },
        };
        let financial = match field(6).to_ascii_lowercase().as_str() {
            "yes" | "true" | "1" => true,
            "no" | "false" | "0" | "" => false,
            other => {
                problems.push(at(line, "financial", format!("{other:?}: use yes or no")));
                false
            }
        };
        let period = field(7);
        if period.is_empty() {
            problems.push(at(line, "period", "must not be empty (e.g. 2025)"));
        }
        let value = match field(8).parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                problems.push(at(line, "value", format!("{:?} is not a number", field(8))));
                0.0
            }
        };
        let (Some(group), Some(direction)) = (group, direction) else { continue };
        if problems.len() > before {
            continue;
        }
        let row = KpiDoc {
            key: key.to_owned(),
            name: field(1).to_owned(),
            group,
            unit: field(3).to_owned(),
            direction,
            target,
            financial,
            values: BTreeMap::new(),
        };
        match kpis.iter_mut().find(|k| k.key == row.key) {
            Some(existing) => {
                let same = existing.name == row.name
                    && existing.group == row.group
                    && existing.unit == row.unit
                    && existing.direction == row.direction
                    && existing.target == row.target
                    && existing.financial == row.financial;
                if !same {
                    problems.push(at(line, "key", format!("{key:?} appears earlier with another name, group, unit, direction, target or financial flag")));
                } else if existing.values.insert(period.to_owned(), value).is_some() {
                    problems.push(at(line, "period", format!("{key:?} already has a value for {period}")));
                }
            }
            None => {
                let mut row = row;
                row.values.insert(period.to_owned(), value);
                kpis.push(row);
            }
        }
    }
    if problems.is_empty() {
        Ok(kpis)
    } else {
        Err(InputError { origin: origin.to_owned(), problems })
    }
}

/// Whether `key` is a KPI key (see [`crate::slug::is_key`]).
pub fn is_key(key: &str) -> bool {
    crate::slug::is_key(key)
}

/// A KPI key made from its name ("On-time delivery (%)" → `on-time-delivery`); `kpi` when the
/// name has no ASCII letters or digits (see [`crate::slug::key`]).
pub fn key_from(name: &str) -> String {
    crate::slug::key(name, "kpi")
}

/// The suggestion for every results part of `framework` (a RADAR part whose scheme scores
/// Trends and Targets), for `period`, from the organisation's KPIs.
pub fn suggestions(framework: &Framework, kpis: &[KpiDoc], period: i32) -> BTreeMap<String, Suggestion> {
    let scores = |scheme: &Scheme, attribute: &str| match scheme {
        Scheme::Radar { elements, .. } => elements.iter().any(|e| e.attributes.iter().any(|a| a.id == attribute)),
        _ => false,
    };
    framework
        .nodes()
        .iter()
        .filter(|n| {
            n.scheme.is_some_and(|s| {
                scores(&framework.schemes()[s], "trends") && scores(&framework.schemes()[s], "targets")
            })
        })
        .filter_map(|n| suggest(&n.stakeholders, kpis, period).map(|s| (n.id.clone(), s)))
        .collect()
}

/// A number as the reason shows it: at most two decimals, no trailing zeros.
fn num(v: f64) -> String {
    let text = format!("{:.2}", (v * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A credit (0–1) as a whole percentage.
fn pct(credit: f64) -> String {
    format!("{}", (credit * 100.0).round())
}

fn at(line: u64, column: &str, message: impl Into<String>) -> Problem {
    Problem { path: format!("line {line}, column {column}"), message: message.into() }
}

/// What the KPIs suggest for a results part's RADAR *Trends* and *Targets* attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    /// 0–100 in steps of 5: the share of relevant KPIs improving over the last three periods.
    pub trends: Option<u8>,
    /// 0–100 in steps of 5: the graded credit of the relevant KPIs with a target this period —
    /// full for a target met, less the further a KPI falls short (`kpi::target_credit`).
    pub targets: Option<u8>,
    /// Why, in words, naming the KPIs.
    pub reason: String,
}

/// How far short of its target a KPI may fall and still earn some credit towards *Targets*, as
/// a share of the target: 10 % short or more earns nothing.
pub const TARGET_TOLERANCE: f64 = 0.10;

/// The credit (0–1) a KPI earns towards *Targets*: 1 when `value` meets `target`; otherwise
/// 1 − shortfall / (10 % of the target), so 93.4 against 95 (1.7 % short) earns 0.83. A target
/// of 0 gives no room to fall short: met or not.
pub fn target_credit(direction: Direction, target: f64, value: f64) -> f64 {
    let shortfall = match direction {
        Direction::HigherIsBetter => target - value,
        Direction::LowerIsBetter => value - target,
    };
    if shortfall <= 0.0 {
        return 1.0;
    }
    let room = target.abs() * TARGET_TOLERANCE;
    if room <= 0.0 {
        return 0.0;
    }
    (1.0 - shortfall / room).clamp(0.0, 1.0)
}

/// The suggestion for a part serving `groups`, for `period`, from the organisation's KPIs;
/// `None` when no KPI of those groups has values in the last three periods.
pub fn suggest(groups: &[StakeholderGroup], kpis: &[KpiDoc], period: i32) -> Option<Suggestion> {
    let window: Vec<String> = (period - 2..=period).map(|p| p.to_string()).collect();
    let relevant: Vec<&KpiDoc> = kpis.iter().filter(|k| groups.contains(&k.group)).collect();
    let better = |k: &KpiDoc, later: f64, earlier: f64| match k.direction {
        Direction::HigherIsBetter => later > earlier,
        Direction::LowerIsBetter => later < earlier,
    };
    let mut trend_names = (Vec::new(), Vec::new());
    for k in &relevant {
        let values: Vec<f64> = window.iter().filter_map(|p| k.values.get(p).copied()).collect();
        if values.len() >= 2 {
            if better(k, values[values.len() - 1], values[0]) {
                trend_names.0.push(k.name.as_str());
            } else {
                trend_names.1.push(k.name.as_str());
            }
        }
    }
    let this = period.to_string();
    let mut target_names = (Vec::new(), Vec::new());
    // Each KPI with a target and a value this period: its credit and how it was worked out.
    let mut credits: Vec<(f64, String)> = Vec::new();
    for k in &relevant {
        if let (Some(target), Some(&value)) = (k.target, k.values.get(&this)) {
            let credit = target_credit(k.direction, target, value);
            if credit >= 1.0 {
                target_names.0.push(k.name.as_str());
                credits.push((credit, format!("{} {} meets {} → 100 %", k.name, num(value), num(target))));
            } else {
                target_names.1.push(k.name.as_str());
                let short = (target - value).abs() / target.abs() * 100.0;
                let how = if target == 0.0 {
                    "misses it".to_owned()
                } else {
                    format!("is {} % short", num((short * 10.0).round() / 10.0))
                };
                credits
                    .push((credit, format!("{} {} of {} {how} → {} %", k.name, num(value), num(target), pct(credit))));
            }
        }
    }
    let steps = |share: f64| ((share * 20.0).round() * 5.0) as u8;
    let share = |yes: usize, no: usize| {
        let total = yes + no;
        (total > 0).then(|| steps(yes as f64 / total as f64))
    };
    let trends = share(trend_names.0.len(), trend_names.1.len());
    let mean_credit = (!credits.is_empty()).then(|| credits.iter().map(|(c, _)| c).sum::<f64>() / credits.len() as f64);
    let targets = mean_credit.map(steps);
    if trends.is_none() && targets.is_none() {
        return None;
    }
    let list = |names: &[&str]| if names.is_empty() { "none".to_owned() } else { names.join(", ") };
    let mut reason = Vec::new();
    if trends.is_some() {
        reason.push(format!(
            "{} of {} KPIs improved over {}–{} (improving: {}; not: {})",
            trend_names.0.len(),
            trend_names.0.len() + trend_names.1.len(),
            period - 2,
            period,
            list(&trend_names.0),
            list(&trend_names.1)
        ));
    }
    if let (Some(targets), Some(mean)) = (targets, mean_credit) {
        reason.push(format!(
            "{} of {} KPIs with a target met it in {period} (met: {}; missed: {})",
            target_names.0.len(),
            target_names.0.len() + target_names.1.len(),
            list(&target_names.0),
            list(&target_names.1)
        ));
        let each: Vec<&str> = credits.iter().map(|(_, how)| how.as_str()).collect();
        reason.push(format!(
            "Credit towards targets (none when {} % or more short): {}; mean {} % → Targets {targets}",
            num(TARGET_TOLERANCE * 100.0),
            each.join("; "),
            pct(mean)
        ));
    }
    Some(Suggestion { trends, targets, reason: reason.join(". ") + "." })
}
