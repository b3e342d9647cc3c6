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
//! | [`Context`](lambda_runtime::Context) | all | the Lambda context |
//! | [`Shared<T>`] | all | state registered once with [`App::state`](crate::App::state) |
//! | `Option<T>`, `Result<T, Rejection>` | as `T` | `T`, or what went wrong |

use crate::action::{
    ActionKind, CallId, ParticipantTag, PlayAudioAndGetDigits, ReceiveDigits, SipHeaders,
    SpeakAndGetDigits, TransactionId,
};
use crate::event::kind::{self, CarriesAction, MayHaveLegB};
use crate::event::{ActionData, ActionFailure, ActionRef, EventType, Invocation, Participant};
use crate::handler::{Actions, Rejection, Request, StateMap};
use crate::response::TransactionAttributes;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
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
/// Implement it for your own extractors; `E` is an [`event::kind`](crate::event::kind) marker and
/// `A` is [`AnyAction`] or an action struct.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::extract::FromInvocation;
/// use sma_core::{Rejection, Request};
///
/// /// The caller's number, on any event.
/// struct Caller(String);
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
    note = "Digits: DigitsReceived, or ActionSuccessful of SpeakAndGetDigits/PlayAudioAndGetDigits/ReceiveDigits; ActionResult<T>: events with ActionData routed on `action = T` or on any action; ActionError: ActionFailed, InvalidLambdaResponse; Arguments<T>: CallUpdateRequested, NewOutboundCall; LegB: events after a bridge or meeting join",
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

impl<E, A> FromInvocation<E, A> for lambda_runtime::Context {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(req.context().clone())
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

/// The call: its details and helpers to address its legs. Extracts on every event.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/event_ACTION_SUCCESSFUL_CallAndBridge_bridged.json")).unwrap();
/// let call = sma_core::Call::new(serde_json::from_str(&json).unwrap());
/// assert_eq!(call.leg_a().from_number(), Some("+17735550187"));
/// assert_eq!(call.connected_legs().count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Call {
    invocation: Arc<Invocation>,
}

impl Call {
    /// The call of an invocation.
    pub fn new(invocation: Invocation) -> Self {
        Call { invocation: Arc::new(invocation) }
    }

    /// The whole invocation.
    pub fn invocation(&self) -> &Invocation {
        &self.invocation
    }

    /// `CallDetails.TransactionId`.
    pub fn transaction_id(&self) -> &TransactionId {
        &self.invocation.call_details.transaction_id
    }

    /// `InvocationEventType`.
    pub fn event_type(&self) -> &EventType {
        &self.invocation.event_type
    }

    /// `Sequence`.
    pub fn sequence(&self) -> u64 {
        self.invocation.sequence
    }

    /// LEG-A. Every call has one; should an event lack it, the returned leg addresses LEG-A by
    /// tag.
    pub fn leg_a(&self) -> Leg {
        self.leg(ParticipantTag::LegA)
            .unwrap_or(Leg { tag: ParticipantTag::LegA, participant: None })
    }

    /// LEG-B, once a `CallAndBridge` or `JoinChimeMeeting` created it.
    pub fn leg_b(&self) -> Option<Leg> {
        self.leg(ParticipantTag::LegB)
    }

    /// The leg with this tag.
    pub fn leg(&self, tag: ParticipantTag) -> Option<Leg> {
        self.invocation.participant(&tag).map(Leg::from)
    }

    /// The leg this invocation is about (see [`Invocation::invoking_leg`]).
    pub fn invoking_leg(&self) -> Leg {
        match self.invocation.invoking_leg() {
            Some(tag) => self.leg(tag.clone()).unwrap_or(Leg { tag, participant: None }),
            None => self.leg_a(),
        }
    }

    /// Every leg.
    pub fn legs(&self) -> impl Iterator<Item = Leg> + '_ {
        self.invocation.call_details.participants.iter().map(Leg::from)
    }

    /// The legs still up: `Status` is `Connected`, or absent (a new call has no status yet).
    pub fn connected_legs(&self) -> impl Iterator<Item = Leg> + '_ {
        self.legs().filter(|l| !l.is_disconnected())
    }

    /// `Hangup` for every leg still up: the clean end of the call.
    pub fn hang_up_all(&self) -> Actions {
        self.connected_legs().map(|leg| leg.hangup()).collect()
    }

    /// The transaction attributes stored so far (empty when none).
    pub fn attributes(&self) -> &TransactionAttributes {
        static EMPTY: TransactionAttributes = BTreeMap::new();
        self.invocation.call_details.transaction_attributes.as_ref().unwrap_or(&EMPTY)
    }

    /// One stored transaction attribute.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes().get(key).map(String::as_str)
    }
}

impl<E, A> FromInvocation<E, A> for Call {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(Call { invocation: req.invocation_arc() })
    }
}

/// One leg of the call, with helpers that build actions addressed to it.
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::{Leg, ParticipantTag};
/// let leg = Leg::by_tag(ParticipantTag::LegB);
/// assert_eq!(leg.tag(), &ParticipantTag::LegB);
/// assert!(leg.call_id().is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    tag: ParticipantTag,
    participant: Option<Participant>,
}

impl Leg {
    /// A leg known only by its tag (actions address it with `ParticipantTag`).
    pub fn by_tag(tag: ParticipantTag) -> Self {
        Leg { tag, participant: None }
    }

    /// `ParticipantTag`.
    pub fn tag(&self) -> &ParticipantTag {
        &self.tag
    }

    /// The participant entry of the event, when the event lists this leg.
    pub fn participant(&self) -> Option<&Participant> {
        self.participant.as_ref()
    }

    /// `CallId`.
    pub fn call_id(&self) -> Option<&CallId> {
        self.participant.as_ref().map(|p| &p.call_id)
    }

    /// `From`.
    pub fn from_number(&self) -> Option<&str> {
        self.participant.as_ref().map(|p| p.from.as_str())
    }

    /// `To`.
    pub fn to_number(&self) -> Option<&str> {
        self.participant.as_ref().map(|p| p.to.as_str())
    }

    /// `Status` is `Disconnected`.
    pub fn is_disconnected(&self) -> bool {
        self.participant.as_ref().is_some_and(Participant::is_disconnected)
    }

    /// The address of this leg for an action: its `CallId` when known, else its tag.
    pub fn address(&self) -> crate::action::LegAddress {
        match self.call_id() {
            Some(id) => crate::action::LegAddress::call(id.clone()),
            None => crate::action::LegAddress::tag(self.tag.clone()),
        }
    }
}

impl From<&Participant> for Leg {
    fn from(p: &Participant) -> Self {
        Leg { tag: p.participant_tag.clone(), participant: Some(p.clone()) }
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

fn digits(req: &Request) -> Result<Digits, Rejection> {
    req.invocation()
        .action_data
        .as_ref()
        .and_then(|d| d.received_digits.clone())
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

/// The typed echo of action `T` that an event refers to, with the result fields of
/// `ActionData` (digits, recording destination, Lex intent, error).
///
/// Extracts on events with `ActionData`; routed with `action = T` it always matches, routed on
/// any action it is rejected when the event refers to another action.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::action::Speak;
/// use sma_core::event::ActionData;
/// use sma_core::ActionResult;
/// let data = ActionData::new(Speak { text: Some("Hi".into()), ..Default::default() });
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
    ActionResult::new(data).ok_or_else(|| {
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
    pub fn error_type(&self) -> &crate::event::ErrorType {
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
        let data = req.invocation().action_data.as_ref();
        let failure = data.and_then(ActionData::failure).unwrap_or_else(|| ActionFailure {
            error_type: crate::event::ErrorType::Other(String::new()),
            message: String::new(),
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
/// `ArgumentsMap` of `CreateSipMediaApplicationCall` (NEW_OUTBOUND_CALL), deserialized into `T`
/// (a string map: use `String` fields, or `BTreeMap<String, String>`).
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
    let map = match req.invocation().action_data.as_ref().map(|d| &d.subject) {
        Some(ActionRef::CallUpdateRequest(u)) => u.arguments.clone(),
        Some(ActionRef::CallCreateRequest(c)) => c.arguments.clone(),
        _ => BTreeMap::new(),
    };
    let value = serde_json::Value::Object(
        map.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect(),
    );
    serde_json::from_value(value)
        .map(Arguments)
        .map_err(|e| Rejection::new("Arguments", format!("the arguments do not fit: {e}")))
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

/// State initialised once at start-up and shared by every invocation (a database client, a
/// configuration), registered with [`App::state`](crate::App::state). A handler that takes a
/// `Shared<T>` whose `T` was not registered stops the application at start-up, before the
/// first call.
///
/// See [Using AWS Lambda with PSTN audio](https://docs.aws.amazon.com/chime-sdk/latest/dg/using-lambda.html).
///
/// ```
/// struct Config { greeting: String }
/// let shared = sma_core::Shared(std::sync::Arc::new(Config { greeting: "Hi".into() }));
/// assert_eq!(shared.greeting, "Hi");
/// ```
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<E, A, T: Send + Sync + 'static> FromInvocation<E, A> for Shared<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        req.state().get::<T>().map(Shared).ok_or_else(|| {
            Rejection::new("Shared", format!("no {} was registered", std::any::type_name::<T>()))
        })
    }

    fn check(state: &StateMap) -> Result<(), String> {
        if state.contains::<T>() {
            Ok(())
        } else {
            Err(format!(
                "Shared<{0}> is not registered: add `.state(value)` of type {0} to the App",
                std::any::type_name::<T>()
            ))
        }
    }
}
