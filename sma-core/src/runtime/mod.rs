//! Layer 4, the runtime: the application that answers one invocation and what hosts it. It
//! knows nothing of the simulator.
//!
//! - `app`: [`App`] and how it answers one invocation, bytes to bytes (route, fallback or
//!   default; the failure policy, the deadline guard, tracing, recording). Every host calls the
//!   same entry (`App::serve`): the Lambda loop, local mode, the simulator and replay.
//! - `host`: what brings invocations to the app and takes its answers away: the Lambda loop,
//!   the watchdog, the panic hook, local mode. It reaches the app only through `App`; the app
//!   knows nothing of it (the layering test checks both).

pub(crate) mod app;
mod host;

pub use app::policy::FailurePolicy;
pub use app::pseudonyms::Pseudonyms;
#[allow(deprecated)]
pub use app::pseudonyms::StandIns;
pub use app::record::{RECORD_MARKER, Recorder};
pub use app::{App, SERVICE_DEADLINE};
pub use host::lambda_logs;

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
