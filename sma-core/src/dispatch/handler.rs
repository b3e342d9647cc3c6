//! What a handler returns ([`IntoResponse`]) and the errors that end in the failure policy.

use crate::contract::action::{Action, for_each_action};
use crate::contract::response::{Actions, Response};
use crate::rules::rule::Violation;
use std::fmt;
use std::time::Duration;

/// The boxed future of a route's adapter: extracts the arguments, runs the handler, converts its
/// output. `#[on]` emits one per handler; the runtime awaits it under its guard.
///
/// See [Using AWS Lambda with PSTN audio](https://docs.aws.amazon.com/chime-sdk/latest/dg/using-lambda.html).
///
/// ```
/// let answer: sma_core::__private::HandlerFuture =
///     Box::pin(async { Ok(sma_core::Response::empty()) });
/// # drop(answer);
/// ```
pub type HandlerFuture = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Response, HandlerError>> + Send + 'static>,
>;

/// An extractor could not produce its value from this invocation (for example `LegB` before a
/// LEG-B exists, or `Arguments<T>` whose arguments do not fit `T`).
///
/// ```
/// let r = sma_core::Rejection::new("LegB", "the call has no LEG-B");
/// assert_eq!(r.to_string(), "cannot extract LegB: the call has no LEG-B");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The extractor.
    pub extractor: &'static str,
    /// Why it failed.
    pub reason: String,
}

impl Rejection {
    /// A rejection of `extractor` for `reason`.
    pub fn new(extractor: &'static str, reason: impl Into<String>) -> Self {
        Rejection { extractor, reason: reason.into() }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot extract {}: {}", self.extractor, self.reason)
    }
}

impl std::error::Error for Rejection {}

/// A boxed error, as returned by handlers (`Result<_, E>` with `E: Into<BoxError>`).
///
/// ```
/// let e: sma_core::BoxError = std::io::Error::other("timeout").into();
/// assert_eq!(e.to_string(), "timeout");
/// ```
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a handler produced no usable response. Each case is answered by the failure policy.
///
/// ```
/// use sma_core::HandlerError;
/// let e = HandlerError::Panicked("index out of bounds".into());
/// assert_eq!(e.to_string(), "the handler panicked: index out of bounds");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum HandlerError {
    /// The event is not a valid invocation.
    InvalidEvent(String),
    /// An argument could not be extracted.
    Rejected(Rejection),
    /// The handler returned an error.
    Failed(BoxError),
    /// The handler panicked.
    Panicked(String),
    /// The handler did not finish in time.
    TimedOut(Duration),
    /// The handler's response breaks the contract; it was not sent.
    InvalidResponse(Vec<Violation>),
    /// No route matched and the event has no safe default.
    Unhandled(String),
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandlerError::InvalidEvent(e) => write!(f, "the event is not a valid invocation: {e}"),
            HandlerError::Rejected(r) => write!(f, "{r}"),
            HandlerError::Failed(e) => write!(f, "the handler failed: {e}"),
            HandlerError::Panicked(p) => write!(f, "the handler panicked: {p}"),
            HandlerError::TimedOut(d) => {
                write!(f, "the handler did not answer within {} ms", d.as_millis())
            }
            HandlerError::InvalidResponse(v) => {
                write!(f, "the handler's response breaks the contract: ")?;
                for (i, violation) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{violation} ({})", violation.rule)?;
                }
                Ok(())
            }
            HandlerError::Unhandled(why) => write!(f, "no handler: {why}"),
        }
    }
}

impl std::error::Error for HandlerError {}

impl From<Rejection> for HandlerError {
    fn from(r: Rejection) -> Self {
        HandlerError::Rejected(r)
    }
}

/// What a handler may return, and the response it becomes.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// | return type | response |
/// |---|---|
/// | [`Actions`] | `{"SchemaVersion":"1.0","Actions":[…]}` (an empty list is sent as `[]`) |
/// | an action (`Hangup`, `Speak`, …, or [`Action`]) | that one action |
/// | [`Response`] | as built (actions and transaction attributes) |
/// | `()` | `{"SchemaVersion":"1.0"}`: no new actions, what is left of the running list continues |
/// | `Option<T>` | `T`'s response, or the same as `()` for `None` |
/// | `Result<T, E>` | `T`'s response; `E` goes to the failure policy and is logged |
///
/// ```
/// use sma_core::{Actions, IntoResponse};
/// use sma_core::action::Hangup;
/// assert!(().into_response().unwrap().actions().is_none());
/// assert_eq!(Actions::new().into_response().unwrap().actions().map(Actions::len), Some(0));
/// assert_eq!(Hangup::new().into_response().unwrap().actions().map(Actions::len), Some(1));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a response an `#[on]` handler can return",
    label = "this return type is not a response",
    note = "return `Actions`, an action (`Hangup`, `Speak`, ...), `Response`, `()`, `Option<_>` of one of these, or `Result<_, E>` where `E` converts into a boxed error"
)]
pub trait IntoResponse {
    /// The response, or the error that the failure policy answers.
    fn into_response(self) -> Result<Response, HandlerError>;
}

impl IntoResponse for Response {
    fn into_response(self) -> Result<Response, HandlerError> {
        Ok(self)
    }
}

impl IntoResponse for Actions {
    fn into_response(self) -> Result<Response, HandlerError> {
        Ok(Response::new(self))
    }
}

impl IntoResponse for () {
    fn into_response(self) -> Result<Response, HandlerError> {
        Ok(Response::keep_running())
    }
}

impl<T: IntoResponse> IntoResponse for Option<T> {
    fn into_response(self) -> Result<Response, HandlerError> {
        match self {
            Some(t) => t.into_response(),
            None => ().into_response(),
        }
    }
}

impl<T: IntoResponse, E: Into<BoxError>> IntoResponse for Result<T, E> {
    fn into_response(self) -> Result<Response, HandlerError> {
        match self {
            Ok(t) => t.into_response(),
            Err(e) => Err(HandlerError::Failed(e.into())),
        }
    }
}

impl IntoResponse for Action {
    fn into_response(self) -> Result<Response, HandlerError> {
        Ok(Response::new(Actions::from(self)))
    }
}

/// Every action is a response of that one action: `async fn f(call: Call) -> Hangup`.
macro_rules! action_responses {
    ($($name:ident),+) => {$(
        impl IntoResponse for crate::contract::action::$name {
            fn into_response(self) -> Result<Response, HandlerError> {
                Ok(Response::new(Actions::from(self)))
            }
        }
    )+};
}

for_each_action!(action_responses);
