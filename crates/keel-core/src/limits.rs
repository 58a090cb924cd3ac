//! Every limit a user's input is checked against, in one place: the store, both shells and the
//! window (through the generated bindings, `LIMITS` in `ui/src/lib/bindings.ts`) read them here.

use crate::input::InputError;

/// The first year an assessment can be for.
pub const FIRST_PERIOD: i32 = 1900;
/// The last year an assessment can be for.
pub const LAST_PERIOD: i32 = 2200;
/// Longest assessment title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest organisation or site name, in characters.
pub const MAX_NAME_CHARS: usize = crate::organisation::MAX_NAME_CHARS;
/// How far points may be from the total they must add up to, relative to the total (at least
/// 1): rounding in sums of typed weights, never a real difference.
pub const WEIGHT_TOLERANCE: f64 = 1e-6;
/// How much of what is wrong with a damaged database a message quotes (the rest is counted).
pub const MAX_DAMAGE_DETAIL_CHARS: usize = 600;
/// Assessors further apart than this (percentage points, max − min) disagree, by default.
pub const DISAGREEMENT_THRESHOLD: f64 = crate::consensus::DISAGREEMENT_THRESHOLD;

/// Whether `period` is a year Keel accepts for an assessment.
pub fn is_period(period: i32) -> bool {
    (FIRST_PERIOD..=LAST_PERIOD).contains(&period)
}

/// Whether `sum` is `total` up to [`WEIGHT_TOLERANCE`].
pub fn adds_up(sum: f64, total: f64) -> bool {
    (sum - total).abs() <= WEIGHT_TOLERANCE * total.abs().max(1.0)
}

/// Checks a period as typed, naming `origin`'s `period` field.
pub fn check_period(origin: &str, period: i32) -> Result<(), InputError> {
    match is_period(period) {
        true => Ok(()),
        false => Err(InputError::one(origin, "period", period_problem(period))),
    }
}

fn period_problem(period: i32) -> String {
    format!("{period} is not a year Keel accepts ({FIRST_PERIOD}–{LAST_PERIOD})")
}

/// Checks an assessment's period and title as typed, naming the field of `origin` at fault.
pub fn check_assessment(origin: &str, period: i32, title: &str) -> Result<(), InputError> {
    let mut problems = Vec::new();
    if !is_period(period) {
        problems.push(("period", period_problem(period)));
    }
    let chars = title.trim().chars().count();
    if chars == 0 {
        problems.push(("title", "must not be empty".to_owned()));
    } else if chars > MAX_TITLE_CHARS {
        problems.push(("title", format!("is {chars} characters long; the limit is {MAX_TITLE_CHARS}")));
    }
    match problems.len() {
        0 => Ok(()),
        _ => Err(InputError {
            origin: origin.to_owned(),
            problems: problems
                .into_iter()
                .map(|(path, message)| crate::input::Problem { path: path.to_owned(), message })
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_titles_at_their_edges() {
        assert!(is_period(FIRST_PERIOD) && is_period(LAST_PERIOD));
        assert!(!is_period(FIRST_PERIOD - 1) && !is_period(LAST_PERIOD + 1));
        assert!(check_assessment("form", 2026, &"x".repeat(MAX_TITLE_CHARS)).is_ok());
        let err = check_assessment("form", 1899, &"x".repeat(MAX_TITLE_CHARS + 1)).expect_err("both wrong");
        let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["period", "title"]);
        assert!(check_assessment("form", 2026, "  ").is_err());
    }

    #[test]
    fn sums_add_up_within_rounding_only() {
        // 7 × 100/7 typed with two decimals is not 100; the exact sevenths are.
        let sevenths: f64 = (0..7).map(|_| 100.0 / 7.0).sum();
        assert!(adds_up(sevenths, 100.0));
        assert!(!adds_up(7.0 * 14.29, 100.0));
        assert!(!adds_up(1000.01, 1000.0));
        assert!(adds_up(1000.0 + 1e-10, 1000.0));
    }
}
