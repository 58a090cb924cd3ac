//! What people type into Keel's forms (assessors, actions, KPI values), and how each becomes a
//! checked domain document: the window and the `keel` command send these, never half-checked
//! documents, so a rule is written once.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::exchange::{ActionDoc, ActionStatus, AssessorDoc, Direction, KpiDoc};
use crate::input::{InputError, Problem};
use crate::StakeholderGroup;

/// An assessor as typed: a name and a role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessorInput {
    pub name: String,
    pub role: String,
}

impl AssessorInput {
    /// The assessors with keys made from their names ([`crate::slug::key`]); rows with a blank
    /// name are skipped. Two rows with the same name (ignoring case and spacing) or the same
    /// key are refused, naming the row: every assessor once.
    pub fn docs(list: &[AssessorInput], origin: &str) -> Result<Vec<AssessorDoc>, InputError> {
        let mut out: Vec<AssessorDoc> = Vec::new();
        let mut problems = Vec::new();
        for (i, a) in list.iter().enumerate().filter(|(_, a)| !a.name.trim().is_empty()) {
            let name = a.name.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = crate::slug::key(&name, "assessor");
            if let Some(twin) = out.iter().find(|d| d.key == key || d.name.to_lowercase() == name.to_lowercase()) {
                problems.push(Problem {
                    path: format!("assessors[{i}].name"),
                    message: format!("{name:?} is the same assessor as {:?}; list each assessor once", twin.name),
                });
                continue;
            }
            out.push(AssessorDoc { key, name, role: a.role.trim().to_owned() });
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(InputError { origin: origin.to_owned(), problems })
        }
    }
}

/// An improvement action as typed in the action form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionInput {
    pub title: String,
    pub owner: String,
    /// ISO date (YYYY-MM-DD) or empty.
    pub due: Option<String>,
    pub status: ActionStatus,
    pub node: Option<String>,
}

impl ActionInput {
    /// The action, with a bad due date named by its field.
    pub fn doc(&self) -> Result<ActionDoc, InputError> {
        let due = match self.due.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse::<NaiveDate>().map_err(|_| {
                InputError::one("action", "due", format!("{text:?} is not a date; use YYYY-MM-DD, e.g. 2026-03-31"))
            })?),
        };
        if self.title.trim().is_empty() {
            return Err(InputError::one("action", "title", "must not be empty"));
        }
        Ok(ActionDoc {
            title: self.title.trim().to_owned(),
            owner: self.owner.trim().to_owned(),
            due,
            status: self.status,
            node: self.node.clone().filter(|n| !n.is_empty()),
            completed_on: None,
        })
    }
}

/// One KPI value as recorded in the window (a new KPI when the key is not known yet).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiInput {
    /// An existing KPI's key; empty for a new KPI (the key is made from the name).
    pub key: String,
    pub name: String,
    pub group: StakeholderGroup,
    pub unit: String,
    pub direction: Direction,
    pub target: Option<f64>,
    pub financial: bool,
    pub period: String,
    pub value: f64,
}

impl KpiInput {
    /// The KPI with this one value, checked; `known` are the organisation's KPIs.
    pub fn doc(&self, known: &[KpiDoc]) -> Result<KpiDoc, InputError> {
        let origin = "KPI";
        if !self.value.is_finite() {
            return Err(InputError::one(origin, "value", "must be a number"));
        }
        if self.period.trim().is_empty() {
            return Err(InputError::one(origin, "period", "must not be empty (e.g. 2025)"));
        }
        let mut doc = match known.iter().find(|k| !self.key.is_empty() && k.key == self.key) {
            Some(existing) => existing.clone(),
            None => {
                if self.name.trim().is_empty() {
                    return Err(InputError::one(origin, "name", "must not be empty"));
                }
                let key = crate::kpi::key_from(&self.name);
                if known.iter().any(|k| k.key == key) {
                    return Err(InputError::one(
                        origin,
                        "name",
                        format!("a KPI with the key {key:?} already exists; choose it from the list"),
                    ));
                }
                KpiDoc {
                    key,
                    name: self.name.trim().to_owned(),
                    group: self.group,
                    unit: self.unit.trim().to_owned(),
                    direction: self.direction,
                    target: self.target,
                    financial: self.financial,
                    values: BTreeMap::new(),
                }
            }
        };
        doc.values = BTreeMap::from([(self.period.trim().to_owned(), self.value)]);
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assessor(name: &str) -> AssessorInput {
        AssessorInput { name: name.into(), role: String::new() }
    }

    #[test]
    fn assessors_get_keys_and_the_same_person_twice_is_refused() {
        let docs = AssessorInput::docs(&[assessor("Priya  Shah"), assessor("  "), assessor("Zoë O'Neil")], "form")
            .expect("distinct");
        let keys: Vec<&str> = docs.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(keys, ["priya-shah", "zo-o-neil"]);
        assert_eq!(docs[0].name, "Priya Shah");
        let err = AssessorInput::docs(&[assessor("Priya Shah"), assessor("priya shah")], "form").expect_err("twice");
        assert_eq!(err.problems[0].path, "assessors[1].name");
        // Different names that make the same key are refused too: keys must be unique in files.
        let err = AssessorInput::docs(&[assessor("Zoë"), assessor("Zo")], "form").expect_err("same key");
        assert!(err.to_string().contains("same assessor"), "{err}");
    }

    #[test]
    fn a_bad_due_date_names_the_field() {
        let input = ActionInput {
            title: "Fix".into(),
            owner: String::new(),
            due: Some("31/03/2026".into()),
            status: ActionStatus::Open,
            node: None,
        };
        let err = input.doc().expect_err("not ISO");
        assert!(err.to_string().contains("due") && err.to_string().contains("YYYY-MM-DD"), "{err}");
        let ok = ActionInput { due: Some("2026-03-31".into()), ..input }.doc().expect("ISO date");
        assert_eq!(ok.due.map(|d| d.to_string()).as_deref(), Some("2026-03-31"));
    }

    #[test]
    fn a_kpi_value_makes_a_new_kpi_or_adds_to_one() {
        let input = KpiInput {
            key: String::new(),
            name: "On-time delivery".into(),
            group: StakeholderGroup::Customers,
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            target: Some(95.0),
            financial: false,
            period: " 2025 ".into(),
            value: 93.4,
        };
        let doc = input.doc(&[]).expect("new KPI");
        assert_eq!((doc.key.as_str(), doc.values.get("2025")), ("on-time-delivery", Some(&93.4)));
        let err = input.doc(std::slice::from_ref(&doc)).expect_err("name taken");
        assert_eq!(err.problems[0].path, "name");
        let more = KpiInput { key: doc.key.clone(), period: "2026".into(), ..input.clone() };
        assert_eq!(more.doc(&[doc]).expect("existing").values.keys().collect::<Vec<_>>(), ["2026"]);
        assert!(KpiInput { value: f64::NAN, ..input }.doc(&[]).is_err());
    }
}

/// The title of next year's draft made from an assessment titled `title` for `from`: the year
/// `from` in the title becomes `to` ("Self-assessment 2025" → "Self-assessment 2026"); a title
/// with no `from` but exactly one other year has that one replaced; a title with no year gets
/// the year appended ("Annual review" → "Annual review 2026"), so the two never share a name.
/// A year counts only as a whole number (not inside "FY2025a" or "20250").
pub fn next_years_title(title: &str, from: i32, to: i32) -> String {
    let title = title.trim();
    let years = standalone_years(title);
    let target: Vec<(usize, usize)> = {
        let same: Vec<(usize, usize)> =
            years.iter().copied().filter(|&(s, e)| title[s..e].parse::<i32>().ok() == Some(from)).collect();
        if !same.is_empty() {
            same
        } else if years.len() == 1 {
            years
        } else {
            Vec::new()
        }
    };
    let next = if target.is_empty() {
        format!("{title} {to}")
    } else {
        let mut out = String::with_capacity(title.len());
        let mut at = 0;
        for (s, e) in target {
            out.push_str(&title[at..s]);
            out.push_str(&to.to_string());
            at = e;
        }
        out.push_str(&title[at..]);
        out
    };
    if next.chars().count() > crate::limits::MAX_TITLE_CHARS {
        // Too long to append to: keep the end, where the year is.
        let keep: String = next.chars().rev().take(crate::limits::MAX_TITLE_CHARS).collect();
        keep.chars().rev().collect::<String>().trim().to_owned()
    } else {
        next
    }
}

/// Byte ranges of the four-digit whole numbers in Keel's year range.
fn standalone_years(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let before = text[..start].chars().next_back();
            let after = text[i..].chars().next();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let in_range = text[start..i]
                .parse::<i32>()
                .is_ok_and(|y| (crate::limits::FIRST_PERIOD..=crate::limits::LAST_PERIOD).contains(&y));
            if i - start == 4 && in_range && !word(before) && !word(after) {
                out.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod next_year_tests {
    use super::next_years_title;

    #[test]
    fn the_year_in_the_title_moves_on_and_a_title_without_one_gets_it() {
        assert_eq!(next_years_title("Self-assessment 2025", 2025, 2026), "Self-assessment 2026");
        assert_eq!(next_years_title("2025 review (2025 data)", 2025, 2026), "2026 review (2026 data)");
        assert_eq!(next_years_title("EFQM 2020 self-assessment 2025", 2025, 2027), "EFQM 2020 self-assessment 2027");
        assert_eq!(next_years_title("Review 2024", 2025, 2026), "Review 2026", "the one year there is");
        assert_eq!(next_years_title("Annual review", 2025, 2026), "Annual review 2026");
        assert_eq!(next_years_title("FY2025a plan", 2025, 2026), "FY2025a plan 2026", "not a whole number");
        assert_eq!(next_years_title("Ref 20250", 2025, 2026), "Ref 20250 2026");
        assert_eq!(next_years_title("ISO 9001 2015 vs 2016", 2025, 2026), "ISO 9001 2015 vs 2016 2026");
        let long = "x".repeat(crate::limits::MAX_TITLE_CHARS);
        let next = next_years_title(&long, 2025, 2026);
        assert_eq!(next.chars().count(), crate::limits::MAX_TITLE_CHARS);
        assert!(next.ends_with("2026"));
    }
}
