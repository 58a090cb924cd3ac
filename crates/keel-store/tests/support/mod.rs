//! Shared by keel-store's integration tests: the EFQM 2020 framework and its RADAR scores.
#![allow(dead_code)] // Each test file uses some of these.

use keel_core::framework::builtin_framework;
use keel_core::scoring::NodeScore;
use keel_core::Framework;

pub fn efqm() -> &'static Framework {
    builtin_framework("efqm-2020").expect("efqm")
}

/// An EFQM 2020 enabler part with every RADAR attribute at `value` (a multiple of 5).
pub fn radar(value: u8) -> NodeScore {
    assert_eq!(value % 5, 0, "RADAR attributes move in steps of 5");
    let part = efqm().node("1.1").and_then(|n| n.scheme).expect("1.1 is scored");
    NodeScore::nearest(&efqm().schemes()[part], f64::from(value))
}
