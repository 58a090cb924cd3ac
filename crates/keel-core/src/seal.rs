//! Tamper evidence: the seal of a final assessment (SHA-256 over its canonical exchange
//! content) and the link hash of one audit-log entry. Pure functions; the store keeps the values.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::exchange::ExchangeFile;

/// How many hex digits of a seal the window and the PDF show.
pub const SHORT_SEAL_LEN: usize = 12;

/// The seal of an assessment: hex SHA-256 over the canonical JSON (object keys sorted, no
/// whitespace) of its exchange file without `organisation` and `kpis`: the organisation can be
/// renamed and its KPI series keep growing after the assessment is final; nor the actions'
/// status and completion date: an action plan lives on after its assessment closes. Everything
/// else (assessment, framework, assessors, scores, consensus, notes, the actions themselves) is
/// the record.
pub fn seal(file: &ExchangeFile) -> String {
    let mut value = serde_json::to_value(file).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("organisation");
        map.remove("kpis");
        if let Some(Value::Array(actions)) = map.get_mut("actions") {
            for action in actions.iter_mut().filter_map(Value::as_object_mut) {
                action.remove("status");
                action.remove("completedOn");
            }
        }
    }
    let mut text = String::new();
    canonical(&value, &mut text);
    hex(&Sha256::digest(text.as_bytes()))
}

/// The first [`SHORT_SEAL_LEN`] hex digits of a seal.
pub fn short(seal: &str) -> &str {
    seal.get(..SHORT_SEAL_LEN).unwrap_or(seal)
}

/// The hash of audit entry `id`: SHA-256 over the previous entry's hash and this entry's
/// fields, each separated by a unit separator (0x1F), so changing, removing or reordering any
/// entry breaks every later link.
pub fn audit_link(previous: &str, id: i64, fields: [&str; 5]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update([0x1F]);
    hasher.update(id.to_string().as_bytes());
    for field in fields {
        hasher.update([0x1F]);
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `value` as JSON with object keys in sorted order, whatever map type serde_json uses.
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_links_depend_on_every_field_and_the_previous_hash() {
        let base = audit_link("", 1, ["t", "a", "b", "c", "d"]);
        assert_eq!(base.len(), 64);
        assert_ne!(base, audit_link("x", 1, ["t", "a", "b", "c", "d"]));
        assert_ne!(base, audit_link("", 2, ["t", "a", "b", "c", "d"]));
        assert_ne!(base, audit_link("", 1, ["t", "a", "b", "c", "e"]));
        // Field boundaries count: "ab"+"" differs from "a"+"b".
        assert_ne!(audit_link("", 1, ["t", "ab", "", "c", "d"]), audit_link("", 1, ["t", "a", "b", "c", "d"]));
    }

    #[test]
    fn an_action_plan_lives_on_but_the_record_is_sealed() {
        let file = crate::demo::assessments().into_iter().find(|f| !f.actions.is_empty()).expect("demo actions");
        let sealed = seal(&file);
        let mut progressed = file.clone();
        progressed.actions[0].status = crate::exchange::ActionStatus::Done;
        progressed.actions[0].completed_on = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
        assert_eq!(seal(&progressed), sealed, "an action's progress is not a change to the record");
        let mut changed = file.clone();
        changed.actions[0].title.push('!');
        assert_ne!(seal(&changed), sealed, "what the action is stays sealed");
        let mut rescored = file;
        rescored.assessment.title.push('!');
        assert_ne!(seal(&rescored), sealed);
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let mut out = String::new();
        canonical(&serde_json::json!({"b": [{"z": 1, "a": "x"}], "a": null}), &mut out);
        assert_eq!(out, r#"{"a":null,"b":[{"a":"x","z":1}]}"#);
    }
}
