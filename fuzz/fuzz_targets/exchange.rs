//! Fuzz target: arbitrary bytes into the exchange-file parser and validator (and the score-sheet
//! and framework parsers, which share its JSON front end). Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = keel_core::exchange::ExchangeFile::parse(text, "fuzz.json");
        let _ = keel_core::sheet::ScoreSheet::parse(text, "fuzz.json");
        let _ = keel_core::Framework::parse(text, "fuzz.json");
    }
});
