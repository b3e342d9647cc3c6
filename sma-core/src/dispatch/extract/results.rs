//! Extractors of what an action produced: digits, the typed echo, a failure, API arguments.

use super::{AnyAction, FromInvocation};
use crate::contract::action::{
    ActionKind, PlayAudioAndGetDigits, ReceiveDigits, SpeakAndGetDigits, StartBotConversation,
};
use crate::contract::event::{ActionData, ActionFailure, ActionRef, ErrorType, IntentResult};
use crate::dispatch::handler::Rejection;
use crate::dispatch::kind::{self, CarriesAction};
use crate::dispatch::request::Request;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// The digits the caller entered: `ActionData.ReceivedDigits`.
///
/// Extracts on DIGITS_RECEIVED and on ACTION_SUCCESSFUL of `SpeakAndGetDigits`,
/// `PlayAudioAndGetDigits` and `ReceiveDigits` (empty when a `ReceiveDigits` was armed).
///
/// See [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).
///
/// ```
/// let d = sma_core::Digits::from("12#");
/// assert_eq!(d.as_str(), "12#");
/// assert_eq!(d.trim_end_matches('#'), "12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Digits(pub String);

impl Digits {
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Digits {
    fn from(s: &str) -> Self {
        Digits(s.to_owned())
    }
}

impl std::ops::Deref for Digits {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Digits {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Action filters under which an event can carry `ReceivedDigits`.
///
/// See [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).
///
/// ```
/// fn yields<A: sma_core::extract::YieldsDigits>() {}
/// yields::<sma_core::action::SpeakAndGetDigits>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`Digits` cannot be extracted after `{Self}`: that action collects no digits",
    label = "this action filter yields no digits",
    note = "digits come from SpeakAndGetDigits, PlayAudioAndGetDigits and ReceiveDigits"
)]
pub trait YieldsDigits {}
impl YieldsDigits for AnyAction {}
impl YieldsDigits for SpeakAndGetDigits {}
impl YieldsDigits for PlayAudioAndGetDigits {}
impl YieldsDigits for ReceiveDigits {}

// The actions above are exactly the catalog's `yields_digits` ones.
const _: () = {
    let actions = sma_syntax::catalog::ACTIONS;
    let listed = [SpeakAndGetDigits::INDEX, PlayAudioAndGetDigits::INDEX, ReceiveDigits::INDEX];
    let mut i = 0;
    while i < listed.len() {
        assert!(
            actions[listed[i] as usize - 1].yields_digits,
            "YieldsDigits differs from the catalog"
        );
        i += 1;
    }
    let (mut count, mut j) = (0, 0);
    while j < actions.len() {
        if actions[j].yields_digits {
            count += 1;
        }
        j += 1;
    }
    assert!(
        count == listed.len(),
        "an action yields digits in the catalog but not as YieldsDigits"
    );
};

fn digits(req: &Request) -> Result<Digits, Rejection> {
    req.invocation()
        .action_data
        .as_ref()
        .and_then(|d| d.received_digits.as_deref())
        .map(str::to_owned)
        .map(Digits)
        .ok_or_else(|| Rejection::new("Digits", "ActionData has no ReceivedDigits"))
}

impl<A: YieldsDigits> FromInvocation<kind::ActionSuccessful, A> for Digits {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        digits(req)
    }
}

impl<A: YieldsDigits> FromInvocation<kind::DigitsReceived, A> for Digits {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        digits(req)
    }
}

// The Lex result of a bot conversation (`ActionData.IntentResult`), extracted on the
// ACTION_SUCCESSFUL of StartBotConversation: see `IntentResult`'s docs.
fn intent_result(req: &Request) -> Result<IntentResult, Rejection> {
    req.invocation()
        .action_data
        .as_ref()
        .and_then(|d| d.intent_result.as_deref().cloned())
        .ok_or_else(|| Rejection::new("IntentResult", "ActionData has no IntentResult"))
}

impl FromInvocation<kind::ActionSuccessful, StartBotConversation> for IntentResult {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        intent_result(req)
    }
}

impl FromInvocation<kind::ActionSuccessful, AnyAction> for IntentResult {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        intent_result(req)
    }
}

/// The typed echo of action `T` that an event refers to, with the result fields of
/// `ActionData` (digits, recording destination, Lex intent, error).
///
/// Extracts on events with `ActionData`; routed with `action = T` it always matches, routed on
/// any action it is rejected when the event refers to another action.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::action::{Speak, Target};
/// use sma_core::event::ActionData;
/// use sma_core::ActionResult;
/// let data = ActionData::new(Speak::new(Target::InvokingLeg, "Hi"));
/// let result = ActionResult::<Speak>::new(data).unwrap();
/// assert_eq!(result.action.text.as_deref(), Some("Hi"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ActionResult<T> {
    /// The echoed parameters.
    pub action: T,
    /// The whole `ActionData`, result fields included.
    pub data: ActionData,
}

impl<T: ActionKind> ActionResult<T> {
    /// The result of `data`, if it refers to a `T`.
    pub fn new(data: ActionData) -> Option<Self> {
        let action = data.action::<T>()?.clone();
        Some(ActionResult { action, data })
    }
}

impl<T> std::ops::Deref for ActionResult<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.action
    }
}

fn action_result<T: ActionKind>(req: &Request) -> Result<ActionResult<T>, Rejection> {
    let data = req
        .invocation()
        .action_data
        .clone()
        .ok_or_else(|| Rejection::new("ActionResult", "the event has no ActionData"))?;
    let found = data.type_name().to_owned();
    ActionResult::new(*data).ok_or_else(|| {
        Rejection::new("ActionResult", format!("ActionData refers to {found}, not {}", T::TYPE))
    })
}

impl<E: CarriesAction, T: ActionKind> FromInvocation<E, T> for ActionResult<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        action_result(req)
    }
}

impl<E: CarriesAction, T: ActionKind> FromInvocation<E, AnyAction> for ActionResult<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        action_result(req)
    }
}

/// Why an action failed (ACTION_FAILED) or why the last response was refused
/// (INVALID_LAMBDA_RESPONSE), read from any of the documented failure shapes.
///
/// See [Troubleshooting ACTION_FAILED](https://docs.aws.amazon.com/chime-sdk/latest/dg/unexpected-action-fail.html).
///
/// ```
/// use sma_core::event::{ActionFailure, ErrorType};
/// let e = sma_core::ActionError {
///     action_type: "CallAndBridge".into(),
///     failure: ActionFailure { error_type: ErrorType::CallNotAnswered, message: "Call not answered".into(), errors: vec![] },
/// };
/// assert_eq!(e.error_type(), &ErrorType::CallNotAnswered);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ActionError {
    /// The `Type` of the failed action (empty for INVALID_LAMBDA_RESPONSE).
    pub action_type: String,
    /// The failure.
    pub failure: ActionFailure,
}

impl ActionError {
    /// `ErrorType`.
    pub fn error_type(&self) -> &ErrorType {
        &self.failure.error_type
    }

    /// `ErrorMessage`.
    pub fn message(&self) -> &str {
        &self.failure.message
    }
}

impl std::fmt::Display for ActionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.action_type.is_empty() {
            write!(f, "{}", self.failure)
        } else {
            write!(f, "{} failed: {}", self.action_type, self.failure)
        }
    }
}

impl<A> FromInvocation<kind::ActionFailed, A> for ActionError {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        let data = req.invocation().action_data.as_deref();
        let failure = data.and_then(ActionData::failure).unwrap_or_else(|| ActionFailure {
            error_type: ErrorType::Other(String::new()),
            message: Default::default(),
            errors: Vec::new(),
        });
        Ok(ActionError {
            action_type: data.map(|d| d.type_name().to_owned()).unwrap_or_default(),
            failure,
        })
    }
}

impl FromInvocation<kind::InvalidLambdaResponse, AnyAction> for ActionError {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        req.invocation()
            .invalid_response_error()
            .map(|failure| ActionError { action_type: String::new(), failure })
            .ok_or_else(|| Rejection::new("ActionError", "the event carries no ErrorType"))
    }
}

/// The arguments of `UpdateSipMediaApplicationCall` (CALL_UPDATE_REQUESTED) or the
/// `ArgumentsMap` of `CreateSipMediaApplicationCall` (NEW_OUTBOUND_CALL), read into `T` by
/// [`from_arguments`](crate::arguments::from_arguments): string fields as they are, numbers and
/// booleans parsed, `Option` for keys that may be missing; or `BTreeMap<String, String>` for
/// the map as it is. Send them with the same `T` (see [`arguments`](crate::arguments)).
///
/// See [Updating in-progress calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Mute { attendee: String }
/// let a = sma_core::Arguments(Mute { attendee: "a-1".into() });
/// assert_eq!(a.attendee, "a-1");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Arguments<T>(pub T);

impl<T> std::ops::Deref for Arguments<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn arguments<T: DeserializeOwned>(req: &Request) -> Result<Arguments<T>, Rejection> {
    let empty = BTreeMap::new();
    let map = match req.invocation().action_data.as_ref().map(|d| &d.subject) {
        Some(ActionRef::CallUpdateRequest(u)) => u.args(),
        Some(ActionRef::CallCreateRequest(c)) => c.args(),
        _ => &empty,
    };
    crate::contract::arguments::from_arguments(map)
        .map(Arguments)
        .map_err(|e| Rejection::new("Arguments", e.to_string()))
}

impl<T: DeserializeOwned> FromInvocation<kind::CallUpdateRequested, AnyAction> for Arguments<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        arguments(req)
    }
}

impl<T: DeserializeOwned> FromInvocation<kind::NewOutboundCall, AnyAction> for Arguments<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        arguments(req)
    }
}
