//! A Lambda function whose handlers misbehave on purpose, for the tests of the Lambda loop
//! (`tests/tests/lambda_loop.rs`, `tests/tests/lambda_concurrency.rs`): it runs on the
//! current-thread runtime the README recommends, or with `PROBE_THREADS=n` on a multi-thread
//! runtime of n workers (as on Lambda Managed Instances), with a 1 s timeout.
//!
//! - NEW_INBOUND_CALL: answers at once;
//! - CALL_ANSWERED: waits asynchronously for `PROBE_WAIT_MS` (default 0), then speaks the
//!   transaction id, so that each answer can be matched to its invocation;
//! - ACTION_SUCCESSFUL: blocks its thread for `PROBE_BLOCK_MS` (a synchronous call);
//! - DIGITS_RECEIVED: waits asynchronously for `PROBE_BLOCK_MS`;
//! - CALL_UPDATE_REQUESTED: panics, with the caller's number in the message;
//! - with `PROBE_PANIC_OUTSIDE_MS`, a thread outside any handler panics after that long.

use sma_core::action::Speak;
use sma_core::prelude::*;
use std::time::Duration;

fn block() -> Duration {
    let ms = std::env::var("PROBE_BLOCK_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(4000);
    Duration::from_millis(ms)
}

#[on(NewInboundCall)]
async fn greet(call: Call) -> Speak {
    call.leg_a().speak("hello")
}

#[on(CallAnswered)]
async fn answered(call: Call) -> Speak {
    let ms = std::env::var("PROBE_WAIT_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    call.leg_a().speak(format!("answered {}", call.transaction_id()))
}

#[on(ActionSuccessful)]
async fn blocks(call: Call) -> Speak {
    std::thread::sleep(block());
    call.leg_a().speak("late, blocked")
}

#[on(DigitsReceived)]
async fn waits(call: Call) -> Speak {
    tokio::time::sleep(block()).await;
    call.leg_a().speak("late, waited")
}

#[on(CallUpdateRequested)]
async fn panics(call: Call) -> Speak {
    panic!("cannot look up {}", call.leg_a().from_number().unwrap_or_default());
}

fn main() -> Result<(), sma_core::Error> {
    let threads = std::env::var("PROBE_THREADS").ok().and_then(|v| v.parse().ok());
    let mut runtime = match threads {
        Some(n) => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(n);
            b
        }
        None => tokio::runtime::Builder::new_current_thread(),
    };
    runtime.enable_all().build()?.block_on(serve())
}

async fn serve() -> Result<(), sma_core::Error> {
    if let Some(ms) = std::env::var("PROBE_PANIC_OUTSIDE_MS").ok().and_then(|v| v.parse().ok()) {
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(ms));
            panic!("the probe panicked outside any handler");
        });
    }
    App::new(handlers![greet, answered, blocks, waits, panics])
        .timeout(Duration::from_secs(1))
        .deadline_margin(Duration::from_millis(200))
        .run()
        .await
}
