//! Checking a valid response allocates nothing.
//!
//! The runtime checks every response before it leaves the Lambda; for a valid one (the usual
//! case) that check must cost no heap allocation: locations and messages are written only for
//! a rule that is broken. Every response and action in `fixtures/` that passes without a
//! finding is checked a second time (the first fills the digits-regex cache) under a counting
//! allocator.
//!
//! Its own test binary without the libtest harness: the count is process-wide, so nothing else
//! may run beside it.

use serde_json::Value;
use sma_core::response::{Envelope, Limits};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::path::Path;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            (name.starts_with("response_") && !name.starts_with("response_invalid"))
                || name.starts_with("action_")
        })
        .collect();
    files.sort();

    let (mut checked, mut failed) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a fixture");
        let mut json: Value = serde_json::from_str(&text).expect("JSON");
        if json.get("SchemaVersion").is_none() {
            json = serde_json::json!({ "SchemaVersion": "1.0", "Actions": [json] });
        }
        let Ok(envelope) = Envelope::check_json(&json, &Limits::CURRENT) else { continue };
        if !envelope.review(&Limits::CURRENT, None).is_empty() {
            continue; // a finding is written out, and that may allocate
        }
        let region = Region::new(GLOBAL);
        let found = envelope.review(&Limits::CURRENT, None);
        let allocations = region.change().allocations;
        drop(found);
        checked += 1;
        if allocations != 0 {
            failed += 1;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            eprintln!("{name}: checking it allocated {allocations} times");
        }
    }
    println!("validation_allocs: {checked} valid responses checked, {failed} allocated");
    // The fixtures hold 28 valid responses and actions: fewer means the test
    // stopped reading them, and would pass without checking anything.
    if failed == 0 && checked >= 25 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
