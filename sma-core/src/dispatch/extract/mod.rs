//! Extractors: the typed arguments of an `#[on]` handler.
//!
//! Each argument type implements [`FromInvocation<E, A>`] for the events `E` (and action filters
//! `A`) where it can exist. The `#[on]` macro checks every argument against the routed event at
//! compile time, so `Digits` on a `Hangup` handler does not compile.
//!
//! | extractor | events | what it holds |
//! |---|---|---|
//! | [`Invocation`] / `Arc<Invocation>` | all | the whole event |
//! | [`Call`] | all | call details and leg helpers |
//! | [`LegA`] | all | LEG-A |
//! | [`LegB`] | events that can follow a bridge or a meeting join | LEG-B (rejected while there is none; use `Option<LegB>`) |
//! | [`Digits`] | `DigitsReceived`; `ActionSuccessful` of `SpeakAndGetDigits`, `PlayAudioAndGetDigits`, `ReceiveDigits` (or of any action) | `ReceivedDigits` |
//! | [`ActionResult<T>`] | events with `ActionData` routed on action `T` (or on any action) | the typed echo of `T` with its result fields |
//! | [`ActionError`] | `ActionFailed`, `InvalidLambdaResponse` | the failure, whatever its shape |
//! | [`Arguments<T>`] | `CallUpdateRequested`, `NewOutboundCall` | the API arguments, deserialized into `T` |
//! | [`SipHeaders`] | all | LEG-A's custom SIP headers |
//! | `lambda_runtime::Context` | all | the Lambda context (when running on Lambda) |
//! | [`Shared<T>`] | all | state registered once with `App::state` |
//! | [`State<T>`] | all | the transaction attributes, read into `T` |
//! | `Option<T>`, `Result<T, Rejection>` | as `T` | `T`, or what went wrong |

mod results;
mod shared;

pub use results::{ActionError, ActionResult, Arguments, Digits, YieldsDigits};
pub use shared::{Shared, SharedState, State};

use super::handler::Rejection;
use super::kind::MayHaveLegB;
use super::request::{Request, StateMap};
use crate::contract::action::SipHeaders;
use crate::contract::call::{Call, Leg};
use crate::contract::event::Invocation;
use std::sync::Arc;

/// The action filter of a route without `action = …`.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// fn any<A: sma_core::extract::YieldsDigits>() {}
/// any::<sma_core::extract::AnyAction>();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnyAction;

/// A type that can be a handler argument for event `E` routed with action filter `A`.
///
/// Implement it for your own extractors; `E` is a [`kind`](crate::kind) marker and
/// `A` is [`AnyAction`] or an action struct.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::extract::FromInvocation;
/// use sma_core::{Rejection, Request, Text};
///
/// /// The caller's number, on any event (a `Text` clone shares the event's bytes).
/// struct Caller(Text);
///
/// impl<E, A> FromInvocation<E, A> for Caller {
///     fn from_invocation(req: &Request) -> Result<Self, Rejection> {
///         req.invocation().leg_a().map(|p| Caller(p.from.clone()))
///             .ok_or_else(|| Rejection::new("Caller", "the call has no LEG-A"))
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a handler argument for this route (event `{E}`, action filter `{A}`)",
    label = "this extractor does not exist for the routed event",
    note = "Digits: DigitsReceived, or ActionSuccessful of SpeakAndGetDigits/PlayAudioAndGetDigits/ReceiveDigits; ActionResult<T>: events with ActionData routed on `action = T` or on any action; ActionError: ActionFailed, InvalidLambdaResponse; Arguments<T>: CallUpdateRequested, NewOutboundCall; IntentResult: ActionSuccessful of StartBotConversation; LegB: events after a bridge or meeting join",
    note = "Call, LegA, Invocation, SipHeaders, Context and Shared<T> work on every event; wrap an extractor in Option<_> when it may be absent"
)]
pub trait FromInvocation<E, A = AnyAction>: Sized {
    /// Extracts the value from the request, or says why it cannot.
    fn from_invocation(req: &Request) -> Result<Self, Rejection>;

    /// Checks at start-up that what this extractor needs is registered (used by [`Shared`]).
    fn check(_state: &StateMap) -> Result<(), String> {
        Ok(())
    }
}

impl<E, A> FromInvocation<E, A> for Invocation {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(req.invocation().clone())
    }
}

impl<E, A> FromInvocation<E, A> for Arc<Invocation> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(req.invocation_arc())
    }
}

impl<E, A, T: FromInvocation<E, A>> FromInvocation<E, A> for Option<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(T::from_invocation(req).ok())
    }
    fn check(state: &StateMap) -> Result<(), String> {
        T::check(state)
    }
}

impl<E, A, T: FromInvocation<E, A>> FromInvocation<E, A> for Result<T, Rejection> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(T::from_invocation(req))
    }
    fn check(state: &StateMap) -> Result<(), String> {
        T::check(state)
    }
}

impl<E, A> FromInvocation<E, A> for Call {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(Call::shared(req.invocation_arc()))
    }
}

/// LEG-A as a handler argument. Extracts on every event.
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::{Leg, LegA, ParticipantTag};
/// let a = LegA(Leg::by_tag(ParticipantTag::LegA));
/// assert_eq!(a.tag(), &ParticipantTag::LegA);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LegA(pub Leg);

/// LEG-B as a handler argument, on events that can follow a `CallAndBridge` or a
/// `JoinChimeMeeting`. Rejected while the call has no LEG-B: take `Option<LegB>` when it may be
/// absent.
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::{Leg, LegB, ParticipantTag};
/// let b = LegB(Leg::by_tag(ParticipantTag::LegB));
/// assert_eq!(b.tag(), &ParticipantTag::LegB);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LegB(pub Leg);

macro_rules! deref_leg {
    ($($t:ident),+) => {$(
        impl std::ops::Deref for $t {
            type Target = Leg;
            fn deref(&self) -> &Leg {
                &self.0
            }
        }
    )+};
}
deref_leg!(LegA, LegB);

impl<E, A> FromInvocation<E, A> for LegA {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        req.invocation()
            .leg_a()
            .map(|p| LegA(Leg::from(p)))
            .ok_or_else(|| Rejection::new("LegA", "the event lists no LEG-A participant"))
    }
}

impl<E: MayHaveLegB, A> FromInvocation<E, A> for LegB {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        req.invocation().leg_b().map(|p| LegB(Leg::from(p))).ok_or_else(|| {
            Rejection::new(
                "LegB",
                "the call has no LEG-B (yet); take Option<LegB> if it may be absent",
            )
        })
    }
}

impl<E, A> FromInvocation<E, A> for SipHeaders {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(req.invocation().leg_a().and_then(|p| p.sip_headers.clone()).unwrap_or_default())
    }
}
