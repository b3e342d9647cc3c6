//! Runs one implementation on one measured event many times, for a profiler:
//!
//! ```text
//! cargo build --profile profiling -p sma-bench --bin profile
//! valgrind --tool=callgrind target/profiling/profile sma "inbound call" 10000
//! valgrind --tool=dhat target/profiling/profile sma "inbound call" 1000
//! ```
//!
//! Implementations: `sma`, `serde_structs`, `serde_value`; events: the names in
//! `sma_bench::EVENTS`.

use sma_bench::{EVENTS, sma_path, typed, untyped};
use std::hint::black_box;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: profile <sma|serde_structs|serde_value> <event name> [iterations]";
    let which = args.next().ok_or(usage)?;
    let name = args.next().ok_or(usage)?;
    let n: usize = args.next().map_or(Ok(10_000), |s| s.parse()).map_err(|_| usage)?;
    let (_, event) = EVENTS.iter().find(|(e, _)| *e == name).ok_or_else(|| {
        format!(
            "unknown event {name:?}; one of {:?}",
            EVENTS.iter().map(|e| e.0).collect::<Vec<_>>()
        )
    })?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let app = sma_bench::app();
    let shared = sma_path::body(event);
    let mut bytes = 0;
    for _ in 0..n {
        let answer = match which.as_str() {
            "sma" => sma_bench::run(&rt, sma_path::answer(&app, black_box(&shared))),
            "serde_structs" => sma_bench::run(&rt, async { typed::answer(black_box(event)) }),
            "serde_value" => sma_bench::run(&rt, async { untyped::answer(black_box(event)) }),
            _ => return Err(usage.into()),
        };
        bytes += answer.len();
    }
    println!("{n} invocations, {bytes} bytes answered");
    Ok(())
}
