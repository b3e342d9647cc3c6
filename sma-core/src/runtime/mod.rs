//! Layer 3, the runtime: hosts the dispatch layer on AWS Lambda (or locally), with the failure
//! policy, the deadline guard and tracing. It knows nothing of the simulator.
//!
//! - `app`: [`App`], and how it answers one invocation (route, fallback or default);
//! - `policy`: [`FailurePolicy`]; `guard`: the task and deadline around a handler;
//! - `lambda`: the Lambda loop (a layer in front of `lambda_runtime`'s decoding); `watchdog`:
//!   the deadline of a handler that blocks its thread; `local`: local mode; `trace`: the
//!   invocation span and the redaction of call data; `record`: the invocation log for replay.

mod app;
mod guard;
mod lambda;
mod local;
mod policy;
mod record;
mod redact;
mod stand_ins;
mod trace;
mod watchdog;

#[cfg(feature = "testing")]
pub(crate) use app::Answered;
pub use app::{App, SERVICE_DEADLINE};
pub use policy::FailurePolicy;
pub use record::{RECORD_MARKER, Recorder, StandIns};

use crate::dispatch::router::Router;

/// The error type of [`run`] and [`App::run`]: any boxed error.
///
/// ```
/// let e: sma_core::Error = "SALES_NUMBER is not E.164".into();
/// assert_eq!(e.to_string(), "SALES_NUMBER is not E.164");
/// ```
pub type Error = lambda_runtime::Error;

/// Serves the handlers of `router` on AWS Lambda with the default [`App`] settings.
///
/// Outside Lambda (no `AWS_LAMBDA_RUNTIME_API` in the environment) it answers the event JSON
/// files named on the command line and prints each response, so
/// `cargo run --bin my-handler -- event.json` shows what the handler answers.
///
/// ```no_run
/// use sma_core::action::Hangup;
/// use sma_core::prelude::*;
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Hangup {
///     call.leg_a().hangup()
/// }
///
/// #[tokio::main]
/// async fn main() -> Result<(), sma_core::Error> {
///     sma_core::run(handlers![greet]).await
/// }
/// ```
pub async fn run(router: Router) -> Result<(), Error> {
    App::new(router).run().await
}
