//! What answers when a handler cannot: the [`FailurePolicy`], and the clean end of a call it
//! falls back to.

use crate::contract::action::{Hangup, SipResponseCode};
use crate::contract::call;
use crate::contract::event::{CallDetails, Invocation};
use crate::contract::response::{Actions, Response};
use crate::dispatch::handler::HandlerError;
use crate::rules::limits::MAX_ACTIONS;
use std::sync::Arc;

/// What to answer when a handler cannot: it returned an error, panicked, ran out of time, was
/// given an event it cannot read, or built a response the service would reject.
///
/// The default, [`FailurePolicy::hang_up`], ends the call cleanly: a `Hangup` for every leg
/// still connected. The cause is always logged at ERROR level.
///
/// See [Hangup](https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html).
///
/// ```
/// use sma_core::{Actions, FailurePolicy, HandlerError};
/// let policy = FailurePolicy::apologize("Sorry, something went wrong. Goodbye.");
/// let response = policy.respond(None, &HandlerError::Panicked("boom".into()));
/// assert_eq!(response.actions().map(Actions::len), Some(1)); // no call to speak to: hang up
/// ```
#[derive(Clone)]
pub struct FailurePolicy {
    respond: Arc<PolicyFn>,
}

type PolicyFn = dyn Fn(Option<&Invocation>, &HandlerError) -> Response + Send + Sync;

impl FailurePolicy {
    /// Hang up every leg still connected, with SIP code 0 (normal clearing).
    pub fn hang_up() -> Self {
        FailurePolicy::hang_up_with(SipResponseCode::NormalClearing)
    }

    /// Hang up every leg still connected, with this SIP code.
    pub fn hang_up_with(code: SipResponseCode) -> Self {
        FailurePolicy::custom(move |inv, _| Response::new(hang_up_connected(inv, code)))
    }

    /// Speak `text` to LEG-A (when it is connected), then hang up every leg still connected.
    pub fn apologize(text: impl Into<String>) -> Self {
        let text: String = text.into();
        FailurePolicy::custom(move |inv, _| {
            let mut actions = Vec::new();
            if let Some(a) = inv.and_then(Invocation::leg_a).filter(|p| !p.is_disconnected()) {
                actions.push(crate::contract::action::Speak::new(&a.call_id, text.clone()).into());
            }
            actions.extend(hang_up_connected(inv, SipResponseCode::NormalClearing));
            actions.truncate(MAX_ACTIONS);
            Response::new(actions)
        })
    }

    /// Any outcome: `f` gets the invocation (when it could be read) and the error.
    pub fn custom(
        f: impl Fn(Option<&Invocation>, &HandlerError) -> Response + Send + Sync + 'static,
    ) -> Self {
        FailurePolicy { respond: Arc::new(f) }
    }

    /// The outcome for `error` on `invocation`.
    pub fn respond(&self, invocation: Option<&Invocation>, error: &HandlerError) -> Response {
        (self.respond)(invocation, error)
    }
}

impl Default for FailurePolicy {
    fn default() -> Self {
        FailurePolicy::hang_up()
    }
}

impl std::fmt::Debug for FailurePolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FailurePolicy")
    }
}

/// `Hangup` for every leg not `Disconnected`; a bare `Hangup` (the invoking leg) when the
/// event could not be read.
pub(crate) fn hang_up_connected(inv: Option<&Invocation>, code: SipResponseCode) -> Actions {
    match inv {
        Some(inv) => hang_up_details(&inv.call_details, code),
        None => Actions::from(Hangup::new().code(code)),
    }
}

/// `Hangup` for every leg of `details` not `Disconnected` (see [`call::hang_up_connected`]), at
/// most [`MAX_ACTIONS`]; a bare `Hangup` when the event lists no leg.
pub(crate) fn hang_up_details(details: &CallDetails, code: SipResponseCode) -> Actions {
    if details.participants.is_empty() {
        return Actions::from(Hangup::new().code(code));
    }
    call::hang_up_connected(details, code).take(MAX_ACTIONS).collect()
}
