//! Runs one implementation on one measured event many times, for a profiler:
//!
//! ```text
//! cargo build --profile profiling -p sma-bench --bin profile
//! valgrind --tool=callgrind target/profiling/profile sma "inbound call" 10000
//! valgrind --tool=dhat target/profiling/profile sma "inbound call" 1000
//! target/profiling/profile interleave "inbound call" 150 sma,sma-read,serde_structs
//! target/profiling/profile --lambda-logs sma "inbound call" 10000
//! AWS_LAMBDA_LOG_FORMAT=json target/profiling/profile --lambda-logs sma "inbound call" 10000
//! ```
//!
//! Implementations: `sma`, `serde_structs`, `serde_value`, and the reading of the event alone
//! (read, then dropped) of the first two, `sma-read` and `serde_structs-read`; events: the
//! names in `sma_bench::EVENTS`.
//!
//! `interleave` times several implementations in one process, in turns: each round runs
//! 2,000 invocations of each, and the fastest and the median round are printed per invocation.
//! The implementations see the same state of the machine, and the fastest round is the least
//! disturbed by the rest of it (`BENCHMARKS.md`, "The code an invocation runs").

use sma_bench::{EVENTS, sma_path, typed, untyped};
use std::hint::black_box;
use std::time::Instant;

const USAGE: &str = "usage: profile [--lambda-logs] <implementation> <event> [iterations]\n       \
     profile [--lambda-logs] interleave <event> <rounds> <implementation,...>\n\
     implementations: sma, sma-read, serde_structs, serde_structs-read, serde_value";

/// How many invocations a round of `interleave` times, per implementation.
const ROUND: u32 = 2_000;

fn main() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--lambda-logs") {
        args.remove(0);
        // Lambda mode's log set-up (`AWS_LAMBDA_LOG_LEVEL`, `RUST_LOG` and
        // `AWS_LAMBDA_LOG_FORMAT` read as on Lambda: INFO and text when unset), writing
        // nowhere. On Lambda a subscriber is always set, and it records each invocation's
        // span; without one, `tracing` takes another path (its `log` fallback, which
        // `lambda_runtime` turns on). Nothing is written at INFO when the handlers answer.
        sma_core::__lambda_logs(std::io::sink);
    }
    if let [mode, name, rounds, which] = &args[..] {
        if mode == "interleave" {
            let rounds: usize = rounds.parse().map_err(|_| USAGE)?;
            let which = which.split(',').map(Impl::parse).collect::<Result<Vec<_>, _>>()?;
            return interleave(&Bench::new(find(name)?)?, rounds, &which);
        }
    }
    let [which, name, more @ ..] = &args[..] else { return Err(USAGE.into()) };
    let which = Impl::parse(which)?;
    let bench = Bench::new(find(name)?)?;
    let n: usize = more.first().map_or(Ok(10_000), |s| s.parse()).map_err(|_| USAGE)?;
    let mut bytes = 0;
    for _ in 0..n {
        bytes += bench.once(which);
    }
    println!("{n} invocations, {bytes} bytes answered");
    Ok(())
}

/// The bytes of the measured event called `name`.
fn find(name: &str) -> Result<&'static [u8], String> {
    EVENTS.iter().find(|(e, _)| *e == name).map(|(_, bytes)| *bytes).ok_or_else(|| {
        format!(
            "unknown event {name:?}; one of {:?}",
            EVENTS.iter().map(|e| e.0).collect::<Vec<_>>()
        )
    })
}

/// An implementation measured (the names of `USAGE`).
#[derive(Clone, Copy, PartialEq)]
enum Impl {
    Sma,
    SmaRead,
    Structs,
    StructsRead,
    Value,
}

impl Impl {
    const NAMES: [(&str, Impl); 5] = [
        ("sma", Impl::Sma),
        ("sma-read", Impl::SmaRead),
        ("serde_structs", Impl::Structs),
        ("serde_structs-read", Impl::StructsRead),
        ("serde_value", Impl::Value),
    ];

    fn parse(name: &str) -> Result<Impl, String> {
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|(_, i)| *i).ok_or_else(|| USAGE.into())
    }

    fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, i)| *i == self).map_or("", |(n, _)| n)
    }
}

/// What every implementation needs, made once.
struct Bench {
    rt: tokio::runtime::Runtime,
    app: sma_core::App,
    event: &'static [u8],
    shared: bytes::Bytes,
}

impl Bench {
    fn new(event: &'static [u8]) -> Result<Self, String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let bench = Bench { rt, app: sma_bench::app(), event, shared: sma_path::body(event) };
        // The readings alone must read: a failure would be timed as a reading.
        sma_core::Invocation::from_bytes(&bench.shared).map_err(|e| e.to_string())?;
        serde_json::from_slice::<typed::Event>(event).map_err(|e| e.to_string())?;
        Ok(bench)
    }

    /// One invocation of `which`: the length of its answer (0 for a reading alone).
    fn once(&self, which: Impl) -> usize {
        let (rt, event) = (&self.rt, self.event);
        match which {
            Impl::Sma => {
                sma_bench::run(rt, sma_path::answer(&self.app, black_box(&self.shared))).len()
            }
            Impl::Structs => sma_bench::run(rt, async { typed::answer(black_box(event)) }).len(),
            Impl::Value => sma_bench::run(rt, async { untyped::answer(black_box(event)) }).len(),
            Impl::SmaRead => {
                black_box(sma_core::Invocation::from_bytes(black_box(&self.shared)).is_ok());
                0
            }
            Impl::StructsRead => {
                black_box(serde_json::from_slice::<typed::Event>(black_box(event)).is_ok());
                0
            }
        }
    }
}

/// Times the implementations `which` in turns, `rounds` times.
fn interleave(bench: &Bench, rounds: usize, which: &[Impl]) -> Result<(), String> {
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); which.len()];
    for _ in 0..rounds {
        for (&imp, times) in which.iter().zip(&mut times) {
            let start = Instant::now();
            for _ in 0..ROUND {
                bench.once(imp);
            }
            times.push(start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUND));
        }
    }
    for (&imp, times) in which.iter().zip(&mut times) {
        times.sort_by(f64::total_cmp);
        let (Some(fastest), Some(median)) = (times.first(), times.get(times.len() / 2)) else {
            return Err("no rounds".into());
        };
        println!("{}: fastest round {fastest:.3} µs, median round {median:.3} µs", imp.name());
    }
    Ok(())
}
