//! What a handler receives and returns: the request context, [`IntoResponse`], [`Actions`] and
//! the errors that end in the failure policy.

use crate::action::Action;
use crate::event::Invocation;
use crate::response::{Response, Violation};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Everything an extractor can read: the invocation, the Lambda context and the application's
/// shared state. Cheap to clone.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/event_NEW_INBOUND_CALL_basic.json")).unwrap();
/// let event: sma_core::Invocation = serde_json::from_str(&json).unwrap();
/// let req = sma_core::Request::new(event);
/// assert_eq!(req.invocation().sequence, 1);
/// ```
#[derive(Clone, Debug)]
pub struct Request {
    invocation: Arc<Invocation>,
    context: Arc<lambda_runtime::Context>,
    state: Arc<StateMap>,
}

impl Request {
    /// A request for `invocation` with a default Lambda context and no shared state.
    pub fn new(invocation: Invocation) -> Self {
        Request {
            invocation: Arc::new(invocation),
            context: Arc::new(lambda_runtime::Context::default()),
            state: Arc::new(StateMap::default()),
        }
    }

    pub(crate) fn from_parts(
        invocation: Arc<Invocation>,
        context: Arc<lambda_runtime::Context>,
        state: Arc<StateMap>,
    ) -> Self {
        Request { invocation, context, state }
    }

    /// The invocation.
    pub fn invocation(&self) -> &Invocation {
        &self.invocation
    }

    /// The invocation, shared.
    pub fn invocation_arc(&self) -> Arc<Invocation> {
        self.invocation.clone()
    }

    /// The Lambda context of this invocation.
    pub fn context(&self) -> &lambda_runtime::Context {
        &self.context
    }

    /// The shared state registered with [`App::state`](crate::App::state).
    pub fn state(&self) -> &StateMap {
        &self.state
    }
}

/// Application state registered once at start-up, by type.
///
/// ```
/// let mut state = sma_core::StateMap::default();
/// state.insert(42u32);
/// assert_eq!(state.get::<u32>().map(|v| *v), Some(42));
/// ```
#[derive(Default, Clone)]
pub struct StateMap {
    values: HashMap<TypeId, (Arc<dyn Any + Send + Sync>, &'static str)>,
}

impl StateMap {
    /// Stores `value`, replacing any earlier value of the same type.
    pub fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.values.insert(TypeId::of::<T>(), (Arc::new(value), std::any::type_name::<T>()));
    }

    /// The value of type `T`, if one was stored.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        let (value, _) = self.values.get(&TypeId::of::<T>())?;
        value.clone().downcast::<T>().ok()
    }

    /// Whether a value of type `T` is stored.
    pub fn contains<T: Send + Sync + 'static>(&self) -> bool {
        self.values.contains_key(&TypeId::of::<T>())
    }
}

impl fmt::Debug for StateMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.values.values().map(|(_, name)| name)).finish()
    }
}

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

/// The ordered list of actions a handler answers with (at most 10 per response): the `Actions`
/// array of the response.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::Actions;
/// use sma_core::action::{Hangup, Pause};
/// let actions = Actions::new()
///     .then(Pause { duration_in_milliseconds: Some(500), ..Default::default() })
///     .then(Hangup::default());
/// assert_eq!(actions.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// No actions.
    pub fn new() -> Self {
        Actions(Vec::new())
    }

    /// Appends an action.
    pub fn then(mut self, action: impl Into<Action>) -> Self {
        self.0.push(action.into());
        self
    }

    /// Appends an action in place.
    pub fn push(&mut self, action: impl Into<Action>) {
        self.0.push(action.into());
    }

    /// The number of actions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No actions.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The actions, in order.
    pub fn as_slice(&self) -> &[Action] {
        &self.0
    }

    /// The actions, in order.
    pub fn into_vec(self) -> Vec<Action> {
        self.0
    }
}

impl<A: Into<Action>> From<A> for Actions {
    fn from(action: A) -> Self {
        Actions(vec![action.into()])
    }
}

impl From<Vec<Action>> for Actions {
    fn from(actions: Vec<Action>) -> Self {
        Actions(actions)
    }
}

impl<A: Into<Action>> FromIterator<A> for Actions {
    fn from_iter<I: IntoIterator<Item = A>>(iter: I) -> Self {
        Actions(iter.into_iter().map(Into::into).collect())
    }
}

impl<A: Into<Action>> Extend<A> for Actions {
    fn extend<I: IntoIterator<Item = A>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Into::into));
    }
}

impl IntoIterator for Actions {
    type Item = Action;
    type IntoIter = std::vec::IntoIter<Action>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What a handler may return, and the response it becomes.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// | return type | response |
/// |---|---|
/// | [`Actions`] | `{"SchemaVersion":"1.0","Actions":[…]}` (an empty list is sent as `[]`) |
/// | [`Response`] | as built (actions and transaction attributes) |
/// | `()` | `{"SchemaVersion":"1.0"}`: no new actions, what is left of the running list continues |
/// | `Option<T>` | `T`'s response, or the same as `()` for `None` |
/// | `Result<T, E>` | `T`'s response; `E` goes to the failure policy and is logged |
///
/// ```
/// use sma_core::{Actions, IntoResponse};
/// assert_eq!(().into_response().unwrap().actions, None);
/// assert_eq!(Actions::new().into_response().unwrap().actions, Some(vec![]));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a response an `#[on]` handler can return",
    label = "this return type is not a response",
    note = "return `Actions`, `Response`, `()`, `Option<_>` of one of these, or `Result<_, E>` where `E` converts into a boxed error"
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
        Ok(Response::new(self.0))
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
        Ok(Response::new(vec![self]))
    }
}
