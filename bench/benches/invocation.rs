//! Event bytes in, response bytes out, for each measured event: `sma` (the example IVR served
//! by an `App`), purpose-built serde structs, and `serde_json::Value`, all with the same logic.
//! Divan's allocation profiler counts the heap allocations of each.
//!
//! `cargo bench -p sma-bench` prints the timings; `python3 bench/compare.py` adds Python,
//! binary size, start-up and memory, and prints the comparison table.

use divan::{Bencher, black_box};
use sma_bench::{EVENTS, sma_path, typed, untyped};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// The event names, as divan's arguments.
const NAMES: [&str; 5] = [EVENTS[0].0, EVENTS[1].0, EVENTS[2].0, EVENTS[3].0, EVENTS[4].0];

fn event(name: &str) -> &'static [u8] {
    EVENTS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b).expect("a measured event")
}

/// Every implementation runs inside the same current-thread runtime, as on Lambda.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
}

#[divan::bench(args = NAMES, sample_count = 500)]
fn sma(bencher: Bencher<'_, '_>, name: &str) {
    let (rt, app, bytes) = (runtime(), sma_bench::app(), event(name));
    let bytes = sma_path::body(bytes);
    bencher.bench_local(|| sma_bench::run(&rt, sma_path::answer(&app, black_box(&bytes))));
}

#[divan::bench(args = NAMES, sample_count = 500)]
fn serde_structs(bencher: Bencher<'_, '_>, name: &str) {
    let (rt, bytes) = (runtime(), event(name));
    bencher.bench_local(|| sma_bench::run(&rt, async { typed::answer(black_box(bytes)) }));
}

#[divan::bench(args = NAMES, sample_count = 500)]
fn serde_value(bencher: Bencher<'_, '_>, name: &str) {
    let (rt, bytes) = (runtime(), event(name));
    bencher.bench_local(|| sma_bench::run(&rt, async { untyped::answer(black_box(bytes)) }));
}
