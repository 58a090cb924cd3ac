//! When an improvement action is overdue: the one rule the window and the review pack both use.

use chrono::NaiveDate;
use keel_core::exchange::{ActionDoc, ActionStatus};

#[test]
fn an_action_is_overdue_past_its_due_date_while_open_or_in_progress() {
    let day = |s: &str| s.parse::<NaiveDate>().expect("date");
    let on = day("2026-12-07");
    let action = |due: Option<&str>, status| ActionDoc {
        title: "Root-cause reviews".into(),
        owner: "Priya".into(),
        due: due.map(day),
        status,
        node: None,
        completed_on: None,
    };
    assert!(action(Some("2026-03-31"), ActionStatus::Open).is_overdue(on));
    assert!(action(Some("2026-03-31"), ActionStatus::InProgress).is_overdue(on));
    assert!(!action(Some("2026-03-31"), ActionStatus::Done).is_overdue(on));
    assert!(!action(Some("2026-03-31"), ActionStatus::Cancelled).is_overdue(on));
    assert!(!action(Some("2026-12-07"), ActionStatus::Open).is_overdue(on), "due today is not late yet");
    assert!(!action(None, ActionStatus::Open).is_overdue(on));
}
