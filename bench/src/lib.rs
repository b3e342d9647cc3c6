//! The example IVR's logic written three ways, so that `sma`'s invocation path can be measured
//! against what a team would write by hand:
//!
//! - [`sma_path`]: the IVR of `sma-examples`, served by an [`App`];
//! - [`typed`]: purpose-built owned `#[derive(Deserialize)]` structs holding only what the IVR
//!   reads, and `#[derive(Serialize)]` actions;
//! - [`untyped`]: `serde_json::Value` in, `json!` out.
//!
//! Each takes the event's bytes and returns the response's bytes; [`EVENTS`] are the events
//! measured. `benches/invocation.rs` times them; `bench/compare.py` prints the comparison table
//! (see `BENCHMARKS.md`).
//!
//! ```
//! let (name, bytes) = sma_bench::EVENTS[0];
//! let answer = sma_bench::typed::answer(bytes);
//! assert!(name.contains("inbound") && answer.starts_with(b"{\"SchemaVersion\":\"1.0\""));
//! ```

pub mod typed;
pub mod untyped;

use sma_core::App;
use sma_core::action::E164;
use sma_examples::ivr::Directory;

/// The number sales calls are bridged to, in every implementation.
pub const SALES: &str = "+12065550100";

/// The measured events: name and bytes (the IVR's example events).
pub const EVENTS: &[(&str, &[u8])] = &[
    ("inbound call", include_bytes!("../../examples/events/new_inbound_call.json")),
    ("digits result", include_bytes!("../../examples/events/menu_pressed_1.json")),
    ("bridged hang-up", include_bytes!("../../examples/events/hangup_leg_b.json")),
    ("call update", include_bytes!("../../examples/events/call_update_announce.json")),
    ("large event", include_bytes!("../../examples/events/menu_pressed_2_large.json")),
];

/// The IVR's directory with the benchmark's sales number and no caller id of its own.
///
/// ```
/// assert_eq!(sma_bench::directory().sales.as_str(), sma_bench::SALES);
/// ```
pub fn directory() -> Directory {
    Directory { sales: E164::parse(SALES).expect("a valid number"), caller_id: None }
}

/// The example IVR as it is deployed.
///
/// ```
/// assert!(sma_bench::app().check().is_ok());
/// ```
pub fn app() -> App {
    sma_examples::ivr::app(directory())
}

/// `sma`'s whole path: event bytes in, response bytes out, as on Lambda.
pub mod sma_path {
    use sma_core::App;

    /// The event's bytes held as on Lambda: `lambda_runtime` hands each invocation the
    /// `Bytes` its HTTP client read the body into (`Collected::to_bytes`: a share of
    /// `hyper`'s read buffer, or of a buffer the chunks were copied into), whose clones and
    /// drops count references atomically. A `Bytes::from_static` would make every string the
    /// event shares with its body free to clone and drop, which Lambda's are not.
    ///
    /// ```
    /// let body = sma_bench::sma_path::body(sma_bench::EVENTS[0].1);
    /// assert_eq!(&body[..], sma_bench::EVENTS[0].1);
    /// ```
    pub fn body(event: &[u8]) -> bytes::Bytes {
        bytes::BytesMut::from(event).split().freeze()
    }

    /// Answers one event with `app`.
    ///
    /// ```
    /// let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    /// let app = sma_bench::app();
    /// let body = sma_bench::sma_path::body(sma_bench::EVENTS[0].1);
    /// let answer = sma_bench::run(&rt, sma_bench::sma_path::answer(&app, &body));
    /// assert!(answer.starts_with(b"{\"SchemaVersion\":\"1.0\""));
    /// ```
    pub async fn answer(app: &App, event: &bytes::Bytes) -> Vec<u8> {
        // On Lambda the runtime hands each invocation its context; here it is made once.
        static CONTEXT: std::sync::LazyLock<lambda_runtime::Context> =
            std::sync::LazyLock::new(lambda_runtime::Context::default);
        // On Lambda the body arrives as the `Bytes` the HTTP client read it into, and
        // `App::run` answers from those: the caller holds them (the benchmarks hold them as
        // `body` makes them, once per event).
        app.handle_bytes(event, CONTEXT.clone()).await
    }
}

/// Runs an invocation's future to completion on the calling thread: polled once with a no-op
/// waker (a handler that answers without waiting, as the IVR's do, finishes there), and
/// handed to the runtime only if it waits. On Lambda the runtime's loop is already running,
/// so what an invocation costs is this CPU work, not a `block_on`'s wake-ups; every
/// implementation is measured the same way.
///
/// ```
/// let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
/// assert_eq!(sma_bench::run(&rt, async { 2 + 2 }), 4);
/// ```
pub fn run<F: std::future::Future>(rt: &tokio::runtime::Runtime, future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let polled = {
        let _context = rt.enter();
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        future.as_mut().poll(&mut cx)
    };
    match polled {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => rt.block_on(future),
    }
}

/// A number as the IVR accepts it for a caller id: `+`, then 2 to 15 digits, the first not 0.
pub(crate) fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else { return false };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// The IVR's prompts, shared by the hand-written implementations.
pub(crate) mod text {
    pub(crate) const GREETING: &str = "Thanks for calling Example Dental.";
    pub(crate) const MENU: &str =
        "Press 1 for sales, 2 for support, or 0 to hear these options again.";
    pub(crate) const RETRY: &str = "Sorry, I did not get that.";
    pub(crate) const SALES: &str = "Connecting you to sales.";
    pub(crate) const SUPPORT: &str = "Support is open Monday to Friday, 9 to 5. Goodbye.";
    pub(crate) const GOODBYE: &str = "Sorry, goodbye.";
    pub(crate) const NOBODY: &str = "Nobody is available right now. Goodbye.";
    pub(crate) const CANNOT: &str = "We cannot connect your call right now. Goodbye.";
}
