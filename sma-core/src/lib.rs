//! # sma: typed AWS Lambda handlers for Amazon Chime SDK PSTN Audio
//!
//! A SIP media application (SMA) invokes its Lambda function on every telephony event of a call
//! and runs the list of actions the function answers with. With `sma` you write one plain async
//! function per event you care about, annotated with the route it answers:
//!
//! ```no_run
//! use sma_core::prelude::*;
//!
//! #[on(NewInboundCall)]
//! async fn greet(call: Call) -> Actions {
//!     let caller = call.leg_a();
//!     Actions::new()
//!         .then(caller.speak("Thanks for calling."))
//!         .then(caller.speak_and_get_digits("Press 1 for sales, 2 for support.", "Sorry?")
//!             .input_regex("^[12]$"))
//! }
//!
//! #[on(ActionSuccessful, action = SpeakAndGetDigits)]
//! async fn menu(call: Call, digits: Digits) -> Actions {
//!     let choice = if digits == "1" { "sales" } else { "support" };
//!     Actions::new()
//!         .then(call.leg_a().speak(format!("Connecting you to {choice}. Goodbye.")))
//!         .then(call.leg_a().hangup())
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), sma_core::Error> {
//!     sma_core::run(handlers![greet, menu]).await
//! }
//! ```
//!
//! The crate models the contract completely and leniently:
//!
//! - [`event`]: the invocation ([`Invocation`]), its 11 event types, `CallDetails`, participants
//!   and the typed `ActionData` echo of every action;
//! - [`action`]: the 18 actions with every parameter typed, with builders;
//! - [`response`]: the response envelope, transaction attributes and the service's limits;
//! - [`wire`]: what "lenient in, strict out" means here, normalization by normalization;
//! - [`extract`]: the handler arguments; [`Router`], [`App`] and [`run`]: dispatch and the Lambda
//!   entrypoint.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod action;
pub mod event;
pub mod extract;
mod handler;
pub mod response;
mod router;
mod runtime;
pub mod wire;

pub use action::{Action, ActionType, CallId, ParticipantTag, SipHeaders, TransactionId};
pub use event::{ActionData, CallDetails, EventType, Invocation, Participant};
pub use extract::{
    ActionError, ActionResult, AnyAction, Arguments, Call, Digits, FromInvocation, Leg, LegA, LegB,
    Shared,
};
pub use handler::{Actions, BoxError, HandlerError, IntoResponse, Rejection, Request, StateMap};
pub use response::{Response, TransactionAttributes};
pub use router::{Route, Router};
pub use runtime::{App, Error, FailurePolicy, SERVICE_DEADLINE, run};
pub use sma_macros::{handlers, on};

/// Everything a handler file needs: `use sma_core::prelude::*;`.
///
/// ```
/// use sma_core::prelude::*;
/// let _ = Actions::new();
/// ```
pub mod prelude {
    pub use crate::action::{AudioSource, DtmfKey, E164, Engine, SipResponseCode, Track};
    pub use crate::{
        ActionError, ActionResult, Actions, App, Arguments, Call, Digits, FailurePolicy, Leg, LegA,
        LegB, ParticipantTag, Response, Shared, SipHeaders, handlers, on,
    };
    pub use lambda_runtime::Context;
}
