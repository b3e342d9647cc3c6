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
//!             .input_regex(regex!("^[12]$")))
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
//! The crate is built in layers that only point down, one folder each (a test fails on an import
//! that points up, and on any import cycle between modules):
//!
//! 1. **the contract** (`src/contract/`): the wire format as a model, knowing nothing of rules or
//!    of how it is served. [`event`]: the invocation ([`Invocation`]), its 11 event types,
//!    participants and the typed `ActionData` echo of every action; [`action`]: the 18 actions
//!    with every parameter typed, and their builders; [`Call`] and [`Leg`]: the call as a handler
//!    sees it; [`response`]: what a handler answers and the envelope that is sent;
//!    [`attributes`]: transaction attributes and typed state; [`wire`]: what "lenient in, strict
//!    out" means, normalization by normalization;
//! 2. **the rules** (`src/rules/`, [`rules`]): every rule checked before a response leaves, its
//!    level and evidence, and the service's limits;
//! 3. **dispatch** (`src/dispatch/`): [`kind`], [`extract`] (the handler arguments),
//!    [`IntoResponse`], [`Router`]: from an invocation to a handler and back;
//! 4. **the runtime** (`src/runtime/`): the app, which answers one invocation ([`App`],
//!    [`FailurePolicy`]), and its host (the Lambda loop, [`run`], local mode);
//! 5. **the simulator** (`src/testing/`, feature `testing`): a whole call as a unit test.
//!
//! **Where tests go.** `sma-core/tests/` tests this crate alone, in its default build: its
//! public API, its compile errors (`ui`) and its source tree (layers, cycles). `tests/` (the
//! `sma-tests` crate) tests what needs more: the simulator and replay, the AWS fixtures and
//! recorded traffic, property tests, the Lambda loop, the README and the whole workspace.
//! `examples/*/tests/` test each example's flows. A `#[cfg(test)]` module tests the private
//! items of its own file only. Where to change a rule, an event, an action or a reading:
//! `CONTRIBUTING.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod contract;
mod dispatch;
pub mod rules;
mod runtime;
#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "digits-matcher")]
pub use contract::digits_matcher;
pub use contract::{action, arguments, attributes, event, text, wire};
#[doc(hidden)]
pub use rules as validate;

/// What a handler answers: the [`Response`] it builds (actions and changes to the transaction
/// attributes), resolved into the [`Envelope`](response::Envelope) that is checked and sent; and,
/// re-exported from [`rules`], what it is checked against.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::response::{Envelope, Limits};
/// assert!(Envelope::empty().check(&Limits::CURRENT).is_ok());
/// ```
pub mod response {
    pub use crate::contract::response::{Actions, Envelope, Response, SCHEMA_VERSION, StateError};
    #[doc(no_inline)]
    pub use crate::rules::{AttributeLimits, Level, Limits, Rule, Violation};
}
#[doc(hidden)]
pub use dispatch::private as __private;
pub use dispatch::{extract, kind};

pub use action::{Action, ActionType, CallId, ParticipantTag, SipHeaders, TransactionId};
pub use attributes::TransactionAttributes;
pub use contract::call::{Call, Leg};
pub use dispatch::extract::{
    ActionError, ActionResult, AnyAction, Arguments, Digits, FromInvocation, LegA, LegB, Shared,
    State,
};
pub use dispatch::handler::{BoxError, HandlerError, IntoResponse, Rejection};
pub use dispatch::request::{Request, StateMap};
pub use dispatch::router::{Route, Router};
pub use event::{ActionData, CallDetails, EventType, Invocation, Participant};
pub use response::{Actions, Response};
#[allow(deprecated)]
#[doc(hidden)]
pub use runtime::StandIns;
#[doc(hidden)]
pub use runtime::lambda_logs as __lambda_logs;
pub use runtime::{
    App, Error, FailurePolicy, Pseudonyms, RECORD_MARKER, Recorder, SERVICE_DEADLINE, run,
};
pub use text::Text;

/// Routes an async fn: `#[on(Event)]`, `#[on(Event, leg = "LEG-A" | "LEG-B")]`,
/// `#[on(Event, action = ActionType)]`, or both filters.
///
/// ```
/// use sma_core::prelude::*;
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Actions {
///     call.leg_a().speak("Hello").into()
/// }
///
/// #[on(ActionSuccessful, action = SpeakAndGetDigits)]
/// async fn menu(call: Call, digits: Digits) -> Actions {
///     call.leg_a().speak(format!("You pressed {}", digits.as_str())).into()
/// }
///
/// #[on(Hangup, leg = "LEG-B")]
/// async fn agent_left(call: Call) -> Actions {
///     call.leg_a().hangup().into() // the caller is still connected: end the call
/// }
///
/// let router = handlers![greet, menu, agent_left];
/// assert_eq!(router.len(), 3);
/// ```
///
/// # The route
///
/// **Event** (required, first): one of the 11 event types, in UpperCamelCase.
///
#[doc = sma_macros::__event_table!()]
///
/// For `Hangup`, `action = ..` is the last action of the leg that hung up.
///
/// **`leg = "LEG-A"` / `leg = "LEG-B"`** (optional): only invocations about that leg. The leg of
/// an invocation is the one its `ActionData` addresses (by `CallId`, else `ParticipantTag`), or
/// LEG-A when it names none (see [`Invocation::invoking_leg`]).
///
/// **`action = ActionType`** (optional): only invocations whose `ActionData` refers to that
/// action, one of the 18 of [`action`].
///
/// **`crate = "path"`** (optional, last): the path of a crate that re-exports `sma-core`, for
/// generated code to name instead of `::sma_core` (as `#[serde(crate = "..")]`). `handlers!`
/// and the literal macros take it first: `handlers![crate = "::sma"; greet]`,
/// `e164!(crate = "::sma", "+12065550100")`. Generated code names nothing of `sma-core` but
/// `<path>::__private`, a hidden module kept in step with the macros.
///
/// The most specific route wins: event + leg + action, then event + action, then event + leg,
/// then event. Unmatched invocations go to [`App::fallback`], else to the event's documented
/// default (see [`App`]).
///
/// # The handler
///
/// An `async fn` (or a plain `fn`), not generic, not a method, whose arguments are extractors
/// ([`FromInvocation`], listed in [`extract`]) taken by value, and whose return type is an
/// [`IntoResponse`]: [`Actions`], one action (`Hangup`, `Speak`, …), [`Response`], `()`,
/// `Option<_>`, `Result<_, E>`. Its future
/// must be `Send`: each invocation runs on its own task, so that a panic is caught. The function
/// stays exactly as written and can be called from tests.
///
/// # Compile errors
///
/// Each names the offending token and the fix: an unknown event or action (with "did you
/// mean"), an event written as a string (`"NEW_INBOUND_CALL"`: write `NewInboundCall`), a route
/// without an event, an unknown or repeated key, a leg that is not `"LEG-A"`/`"LEG-B"` (`"leg-b"`,
/// `LEG_B`, `"B"` get a hint), `leg = "LEG-B"` on an event that is always about LEG-A,
/// `action = ..` on an event without action data, a generic, `unsafe` or method handler, a
/// reference or `impl Trait` argument, an argument that cannot be extracted for the routed event
/// (`Digits` on `Hangup`, `LegB` on `NewInboundCall`, `ActionResult<PlayAudio>` under
/// `action = Speak`), a return type that is not a response, and a future that is not `Send`.
///
/// # Internals
///
/// `#[on(ActionSuccessful, action = SpeakAndGetDigits)] async fn menu(call: Call, digits: Digits)`
/// expands to the function unchanged, plus a hidden proxy in the type namespace under the same
/// name:
///
/// ```text
/// #[doc(hidden)] struct menu {}
/// impl menu {
///     // one probe per argument, spanned on its type: `Call: FromInvocation<ActionSuccessful, SpeakAndGetDigits>`
///     const __SMA_ARG0: Arg<Call> = arg::<kind::ActionSuccessful, action::SpeakAndGetDigits, Call>();
///     const __SMA_ARG1: Arg<Digits> = arg::<kind::ActionSuccessful, action::SpeakAndGetDigits, Digits>();
/// }
/// impl Handler for menu {
///     const ROUTE: RouteKey = /* event index, leg, action index */;
///     fn call(req: Request) -> HandlerFuture {
///         boxed(async move {
///             let a0 = (menu::__SMA_ARG0.extract)(&req)?;
///             let a1 = (menu::__SMA_ARG1.extract)(&req)?;
///             respond(menu(a0, a1).await)
///         })
///     }
/// }
/// ```
///
/// [`handlers!`] names that proxy (`<menu as Handler>`); a function without `#[on]` has no proxy,
/// and `handlers!` reports it with one error that says to add `#[on(..)]`.
pub use sma_macros::on;

/// Builds the route table from `#[on]` handlers: `handlers![greet, menu, calls::agent_left]`.
///
/// Two handlers for exactly the same route are a compile error spanned on the second; so is a
/// name that is not an `#[on]` handler. The result is a [`Router`], served with [`run`] or
/// [`App`].
///
/// ```
/// use sma_core::prelude::*;
///
/// #[on(Hangup)]
/// async fn anyone_left(call: Call) -> Actions {
///     call.hang_up_all()
/// }
///
/// #[on(Hangup, leg = "LEG-B")] // more specific: not a duplicate
/// async fn agent_left(call: Call) -> Actions {
///     call.hang_up_all()
/// }
///
/// let router = handlers![anyone_left, agent_left];
/// assert_eq!(router.routes().count(), 2);
/// ```
///
/// Each name is imported under an alias beside a glob import of fallback types of the same
/// aliases: an `#[on]` handler's proxy (a type) shadows its fallback, a plain function (a value
/// only) does not, and the fallback's route makes one `const` check fail with the fix. Duplicates
/// are compared in `const` items (`const _: () = if same(A::ROUTE, B::ROUTE) { panic!(..) }`),
/// so the check costs nothing at run time; [`Router::merge`] repeats it for tables combined at
/// run time.
pub use sma_macros::handlers;

/// A phone number checked at compile time: `e164!("+12065550100")` is an
/// [`E164`](action::E164); a literal that is not E.164 (`+`, then 2 to 15 digits, the first
/// not 0) does not compile.
///
/// ```
/// use sma_core::prelude::*;
/// let sales: E164 = e164!("+12065550100");
/// assert_eq!(sales.as_str(), "+12065550100");
/// ```
pub use sma_macros::e164;

/// A digits regex checked at compile time: `regex!(r"^\d{4}#$")` is a
/// [`DigitsRegex`](action::DigitsRegex). The service does not document its regex dialect, so
/// `sma` accepts a strict subset, whose every construct is listed in [`sma_syntax::regex`]:
/// keys, `\*` and `\#`, `\d`, `.`, key sets, groups, alternation, greedy repetition, anchors
/// at the ends, and look-ahead `(?=…)` / `(?!…)` (AWS samples use it). Anything else (letters,
/// `\w`, `\s`, look-behind, back-references, flags, lazy quantifiers, an anchor in the middle,
/// a regex that matches no key) does not compile, and the error points at the position.
///
/// ```
/// use sma_core::prelude::*;
/// let pin = regex!(r"^\d{4}#$");
/// assert_eq!(pin.as_str(), r"^\d{4}#$");
/// // Look-ahead is in the dialect: any US number but the 1-900 ones.
/// let not_premium = regex!(r"^(?!1900)1\d{10}$");
/// assert_eq!(not_premium.as_str(), r"^(?!1900)1\d{10}$");
/// ```
pub use sma_macros::regex;

/// A DTMF string for `SendDigits` checked at compile time: 1 to 50 symbols from
/// `0-9 * # A B C D ,` (a comma is a 500 ms pause).
///
/// ```
/// use sma_core::prelude::*;
/// let extension = dtmf!(",,4711#");
/// assert_eq!(extension.as_str(), ",,4711#");
/// ```
pub use sma_macros::dtmf;

/// Terminator keys checked at compile time: `keys!("#*")` is `[DtmfKey::Pound,
/// DtmfKey::Star]`, for `PlaybackTerminators`, `TerminatorDigits` and `RecordingTerminators`.
///
/// ```
/// use sma_core::prelude::*;
/// assert_eq!(keys!("#*"), [DtmfKey::Pound, DtmfKey::Star]);
/// ```
pub use sma_macros::keys;

/// The README's code blocks, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// Everything a handler file needs: `use sma_core::prelude::*;`.
///
/// ```
/// use sma_core::prelude::*;
/// let _ = Actions::new();
/// ```
pub mod prelude {
    pub use crate::action::{AudioSource, DtmfKey, E164, Engine, SipResponseCode, Target, Track};
    pub use crate::event::{ErrorType, IntentResult, ParticipantStatus};
    pub use crate::{
        ActionError, ActionResult, Actions, App, Arguments, Call, Digits, FailurePolicy, Leg, LegA,
        LegB, ParticipantTag, Response, Router, Shared, SipHeaders, State, dtmf, e164, handlers,
        keys, on, regex,
    };
    pub use lambda_runtime::Context;
}
