//! The demo packs the export tests are made from, once for every test file.
#![allow(dead_code)] // each test file uses the part it needs

use keel_core::demo;
use keel_core::exchange::ExchangeFile;
use keel_export::{Pack, Scored};

/// The date every test pack is reported on.
pub const REPORT_DATE: &str = "2026-11-24";

/// A demo file as the store would load it: through the exchange parser, then scored.
pub fn scored(file: ExchangeFile) -> Scored {
    let json = serde_json::to_string(&file).expect("json");
    let (file, framework) = ExchangeFile::parse(&json, "demo").expect("valid");
    Scored::new(file, framework).expect("scores")
}

/// The demo's EFQM 2025 with 2023 and 2024 as earlier years; with `with_iso`, the same period's
/// ISO 9001 assessment as its counterpart (the side-by-side section).
pub fn efqm_pack(with_iso: bool) -> Pack {
    let mut files: Vec<Scored> = demo::assessments().into_iter().map(scored).collect();
    let iso = files.pop().expect("iso");
    let current = files.pop().expect("2025");
    Pack { current, earlier: files, date: REPORT_DATE.into(), counterpart: with_iso.then_some(iso) }
}

/// The demo's ISO 9001 assessment on its own.
pub fn iso_pack() -> Pack {
    let iso = demo::assessments().pop().expect("iso");
    Pack { current: scored(iso), earlier: vec![], date: REPORT_DATE.into(), counterpart: None }
}
