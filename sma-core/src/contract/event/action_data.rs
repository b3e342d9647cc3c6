//! `ActionData`: the action an event refers to, with its results.

use super::{ErrorType, IntentResult};
use crate::contract::action::{
    Action, ActionKind, ActionType, CallRecordingDestination, RecordingDestination,
};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;
use sma_macros::DeserializeWire;
use std::collections::BTreeMap;

/// `ActionData` of an event: the echo of the action it refers to (`Type`, `Parameters`) and the
/// result fields the service adds beside them.
///
/// Result fields: `ReceivedDigits` (the `*GetDigits` actions, `ReceiveDigits`),
/// `RecordingDestination` and `RecordingTerminatorUsed` (`RecordAudio`),
/// `CallRecordingDestination` (`StartCallRecording`), `IntentResult` (`StartBotConversation`),
/// and the failure fields `ErrorType`, `ErrorMessage`, `Error`, `ErrorList` (ACTION_FAILED; see
/// [`ActionData::failure`] for the three shapes). Unknown fields are kept in `extra`.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::action::{ActionType, SpeakAndGetDigits};
/// use sma_core::event::ActionData;
/// let data: ActionData = serde_json::from_str(r#"{"Type":"SpeakAndGetDigits",
///     "Parameters":{"CallId":"c","SpeechParameters":{"Text":"Press 1"}},"ReceivedDigits":"1"}"#).unwrap();
/// assert_eq!(data.action_type(), ActionType::SpeakAndGetDigits);
/// assert!(data.action::<SpeakAndGetDigits>().is_some());
/// assert_eq!(data.received_digits.as_deref(), Some("1"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[wire(boxed)]
pub struct ActionData {
    /// `Type` and `Parameters`: what the event refers to.
    #[serde(flatten)]
    pub subject: ActionRef,
    /// `ReceivedDigits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_digits: Option<Text>,
    /// `RecordingDestination` (with the recording's `Key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub recording_destination: Option<RecordingDestination>,
    /// `RecordingTerminatorUsed`: the key that stopped a `RecordAudio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_terminator_used: Option<Text>,
    /// `CallRecordingDestination`: where `StartCallRecording` writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub call_recording_destination: Option<CallRecordingDestination>,
    /// `IntentResult`: the outcome of a Lex conversation. Boxed: a large result only
    /// `StartBotConversation` has, which would otherwise make every `ActionData` larger than
    /// the allocations glibc's per-thread cache serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent_result: Option<Box<IntentResult>>,
    /// `ErrorType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<ErrorType>,
    /// `ErrorMessage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<Text>,
    /// `Error`: a single `"<Type>: <message>"` string (JoinChimeMeeting, StartCallRecording docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Text>,
    /// `ErrorList` (ModifyChimeMeetingAttendees).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_list: Option<Vec<Value>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// `Invocation.ActionData`, read into its box: the several hundred bytes of an `ActionData` are
/// built on the reader's stack and moved once, into the box, not copied through each result on
/// the way up from its reader.
pub(super) fn read_boxed<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Box<ActionData>>, D::Error> {
    struct Boxed;
    impl<'de> serde::de::Visitor<'de> for Boxed {
        type Value = Option<Box<ActionData>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("option")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            ActionData::deserialize_boxed(d).map(Some)
        }
    }
    d.deserialize_option(Boxed)
}

impl ActionData {
    /// Wraps an action echo with no result fields.
    pub fn new(subject: impl Into<ActionRef>) -> Self {
        ActionData {
            subject: subject.into(),
            received_digits: None,
            recording_destination: None,
            recording_terminator_used: None,
            call_recording_destination: None,
            intent_result: None,
            error_type: None,
            error_message: None,
            error: None,
            error_list: None,
            extra: wire::Extra::new(),
        }
    }

    /// The `Type` of the action or pseudo-action.
    pub fn action_type(&self) -> ActionType {
        match &self.subject {
            ActionRef::Action(a) => a.action_type(),
            ActionRef::CallUpdateRequest(_) => {
                ActionType::Other(CallUpdateRequest::TYPE.to_owned())
            }
            ActionRef::CallCreateRequest(_) => {
                ActionType::Other(CallCreateRequest::TYPE.to_owned())
            }
        }
    }

    /// The `Type` string as it is on the wire.
    pub fn type_name(&self) -> &str {
        match &self.subject {
            ActionRef::Action(a) => a.type_name(),
            ActionRef::CallUpdateRequest(_) => CallUpdateRequest::TYPE,
            ActionRef::CallCreateRequest(_) => CallCreateRequest::TYPE,
        }
    }

    /// The echoed action, if the event refers to a real action (not a pseudo-action).
    pub fn as_action(&self) -> Option<&Action> {
        match &self.subject {
            ActionRef::Action(a) => Some(a),
            _ => None,
        }
    }

    /// The echoed parameters of action `T`, if the event refers to a `T`.
    pub fn action<T: ActionKind>(&self) -> Option<&T> {
        self.as_action().and_then(T::from_action)
    }

    /// The failure reported in this `ActionData`, whatever shape it has.
    ///
    /// Three shapes are documented: `ErrorType` + `ErrorMessage` (most actions), a single
    /// `Error: "<Type>: <message>"` (JoinChimeMeeting, StartCallRecording) and empty
    /// `ErrorType`/`ErrorMessage` with an `ErrorList` (ModifyChimeMeetingAttendees). Returns
    /// `None` when none of these fields is present.
    ///
    /// ```
    /// use sma_core::event::{ActionData, ErrorType};
    /// let d: ActionData = serde_json::from_str(r#"{"Type":"StartCallRecording","Parameters":{},
    ///     "Error":"NoAccessToDestination: Error while accessing destination"}"#).unwrap();
    /// let f = d.failure().unwrap();
    /// assert_eq!(f.error_type, ErrorType::Other("NoAccessToDestination".into()));
    /// assert_eq!(f.message, "Error while accessing destination");
    /// ```
    pub fn failure(&self) -> Option<ActionFailure> {
        if self.error_type.is_none()
            && self.error_message.is_none()
            && self.error.is_none()
            && self.error_list.is_none()
        {
            return None;
        }
        let (mut error_type, mut message) = (
            self.error_type.clone().unwrap_or_else(|| ErrorType::Other(String::new())),
            self.error_message.clone().unwrap_or_default(),
        );
        if let Some(single) = &self.error {
            let (t, m) = match single.split_once(':') {
                Some((t, m)) if !t.trim().is_empty() && !t.contains(' ') => (t.trim(), m.trim()),
                _ => ("", single.as_str()),
            };
            if error_type.as_str().is_empty() && !t.is_empty() {
                error_type = ErrorType::from(t);
            }
            if message.is_empty() {
                message = m.into();
            }
        }
        Some(ActionFailure {
            error_type,
            message,
            errors: self.error_list.clone().unwrap_or_default(),
        })
    }
}

/// A failed action, read from any of the three failure shapes (see [`ActionData::failure`]).
///
/// ```
/// use sma_core::event::{ActionFailure, ErrorType};
/// let f = ActionFailure { error_type: ErrorType::CallNotAnswered, message: "Call not answered".into(), errors: vec![] };
/// assert_eq!(f.to_string(), "CallNotAnswered: Call not answered");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ActionFailure {
    /// `ErrorType` (or the code part of `Error`); `Other("")` when the service sent none.
    pub error_type: ErrorType,
    /// `ErrorMessage` (or the message part of `Error`).
    pub message: Text,
    /// `ErrorList`, when present.
    pub errors: Vec<Value>,
}

impl std::fmt::Display for ActionFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error_type, self.message)
    }
}

/// What an `ActionData` refers to: a real action, or one of the two pseudo-actions the service
/// uses to carry API arguments.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::event::ActionRef;
/// let r: ActionRef = serde_json::from_str(r#"{"Type":"CallUpdateRequest","Parameters":{"Arguments":{"leg":"LEG-A"}}}"#).unwrap();
/// let ActionRef::CallUpdateRequest(update) = r else { panic!() };
/// assert_eq!(update.args()["leg"], "LEG-A");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum ActionRef {
    /// One of the 18 actions (or an unknown one, kept raw).
    Action(Action),
    /// `CallUpdateRequest` (CALL_UPDATE_REQUESTED).
    CallUpdateRequest(CallUpdateRequest),
    /// `CallCreateRequest` (NEW_OUTBOUND_CALL with `ArgumentsMap`).
    CallCreateRequest(CallCreateRequest),
}

impl<T: Into<Action>> From<T> for ActionRef {
    fn from(a: T) -> Self {
        ActionRef::Action(a.into())
    }
}

impl Serialize for ActionRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ActionRef::Action(a) => a.serialize(s),
            ActionRef::CallUpdateRequest(p) => pseudo(s, CallUpdateRequest::TYPE, p),
            ActionRef::CallCreateRequest(p) => pseudo(s, CallCreateRequest::TYPE, p),
        }
    }
}

fn pseudo<S: Serializer, P: Serialize>(s: S, name: &str, params: &P) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(2))?;
    map.serialize_entry("Type", name)?;
    map.serialize_entry("Parameters", params)?;
    map.end()
}

/// `Type` and `Parameters` of an action object; the parameters are kept as raw JSON until the
/// type is known (the keys may come in any order), then read once into their type.
#[derive(DeserializeWire)]
pub(crate) struct WireRef {
    #[serde(rename = "Type")]
    action_type: ActionType,
    #[serde(rename = "Parameters", default)]
    parameters: Option<Box<RawValue>>,
}

impl ActionRef {
    /// The subject with this `Type` and raw `Parameters` (`None`: absent or `null`); an error
    /// when the parameters are no JSON value at all (see `Action::from_json`).
    fn from_raw(
        action_type: ActionType,
        parameters: Option<&RawValue>,
    ) -> Result<Self, serde_json::Error> {
        let text = parameters.map_or("{}", RawValue::get);
        let pseudo = match action_type.as_str() {
            CallUpdateRequest::TYPE => read_params(text).map(ActionRef::CallUpdateRequest),
            CallCreateRequest::TYPE => read_params(text).map(ActionRef::CallCreateRequest),
            _ => None,
        };
        match pseudo {
            Some(pseudo) => Ok(pseudo),
            None => Action::from_json(action_type, text).map(ActionRef::Action),
        }
    }
}

/// Pseudo-action parameters read from raw JSON, as they would be from a `Value` (which keeps
/// the last of duplicate keys).
fn read_params<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok().or_else(|| {
        let value = serde_json::from_slice::<Value>(text.as_bytes()).ok()?;
        serde_json::from_slice(&serde_json::to_vec(&value).ok()?).ok()
    })
}

impl<'de> Deserialize<'de> for ActionRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireRef::deserialize(d)?;
        ActionRef::from_raw(wire.action_type, wire.parameters.as_deref())
            .map_err(serde::de::Error::custom)
    }
}

/// The subject of an `ActionData` takes `Type` and `Parameters`. Reading bytes in one pass with
/// `Type` already read, the parameters are read into their type where they stand; otherwise
/// they are kept as raw JSON until the object is read (`Type` may come after them), then read
/// into their type: borrowed from the input in one pass, copied otherwise.
impl<'de> crate::contract::wire::Flat<'de> for ActionRef {
    type Parts = RefParts<'de>;

    fn take<A: serde::de::MapAccess<'de>>(
        parts: &mut RefParts<'de>,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        use serde::de::Error;
        match key {
            "Type" if parts.action_type.is_some() => Err(A::Error::duplicate_field("Type")),
            "Parameters" if parts.parameters.is_some() || parts.read.is_some() => {
                Err(A::Error::duplicate_field("Parameters"))
            }
            "Type" => {
                parts.action_type = Some(map.next_value()?);
                Ok(true)
            }
            "Parameters" => {
                match &parts.action_type {
                    // In one pass with the type known (the service sends `Type` first), the
                    // parameters are read into their type where they stand: parameters that
                    // do not fit fail the pass, and the thorough reading decides as below.
                    Some(t) if crate::contract::wire::in_one_pass() && in_place(t) => {
                        map.next_value_seed(InPlace(t, &mut parts.read))?;
                    }
                    _ if crate::contract::wire::in_one_pass() => {
                        parts.parameters = Some(Params::Borrowed(map.next_value()?));
                    }
                    _ => parts.parameters = Some(Params::Owned(map.next_value()?)),
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn finish<E: serde::de::Error>(parts: &mut RefParts<'de>) -> Result<Self, E> {
        let action_type = parts.action_type.take().ok_or_else(|| E::missing_field("Type"))?;
        if let Some(read) = parts.read.take() {
            return Ok(read);
        }
        let parameters = match &parts.parameters {
            Some(Params::Borrowed(raw)) => *raw,
            Some(Params::Owned(raw)) => raw.as_deref(),
            None => None,
        };
        ActionRef::from_raw(action_type, parameters).map_err(E::custom)
    }
}

/// What an `ActionData` has read of its subject so far.
#[derive(Default)]
pub(crate) struct RefParts<'de> {
    action_type: Option<ActionType>,
    /// `Parameters` kept as raw JSON, to be read once the object is read.
    parameters: Option<Params<'de>>,
    /// `Parameters` already read into their type, in one pass with the type known (a reader
    /// into a place leaves it `Some` whenever it succeeds).
    read: Option<ActionRef>,
}

/// `Parameters` as raw JSON: borrowed from bytes read in one pass, else copied (`None`: `null`).
pub(crate) enum Params<'de> {
    Borrowed(Option<&'de RawValue>),
    Owned(Option<Box<RawValue>>),
}

/// Whether parameters of this type can be read in place: a known action or pseudo-action (an
/// unknown one is kept raw, through a `Value`).
fn in_place(action_type: &ActionType) -> bool {
    match action_type {
        ActionType::Other(name) => {
            name == CallUpdateRequest::TYPE || name == CallCreateRequest::TYPE
        }
        _ => true,
    }
}

/// Reads `Parameters` of a type [`in_place`] accepts into their type and the place given, as
/// [`ActionRef::from_raw`] does from their text when they fit.
struct InPlace<'a>(&'a ActionType, &'a mut Option<ActionRef>);

impl<'de> serde::de::DeserializeSeed<'de> for InPlace<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0.as_str() {
            CallUpdateRequest::TYPE => {
                *self.1 = Some(ActionRef::CallUpdateRequest(Deserialize::deserialize(d)?));
            }
            CallCreateRequest::TYPE => {
                *self.1 = Some(ActionRef::CallCreateRequest(Deserialize::deserialize(d)?));
            }
            _ => Action::typed_in_place(self.0, d, self.1, ActionRef::Action)?,
        }
        Ok(())
    }
}

/// Parameters of the `CallUpdateRequest` pseudo-action: `{"Arguments": {…}}`, the string map
/// passed to `UpdateSipMediaApplicationCall` (0–20 entries).
///
/// See [Updating in-progress calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html).
///
/// ```
/// let u: sma_core::event::CallUpdateRequest = serde_json::from_str(r#"{"Arguments":{"action":"mute"}}"#).unwrap();
/// assert_eq!(u.args().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CallUpdateRequest {
    /// `Arguments` (absent when the API call passed none; kept absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<BTreeMap<String, String>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl CallUpdateRequest {
    /// The pseudo-action with these arguments.
    pub fn new(arguments: BTreeMap<String, String>) -> Self {
        CallUpdateRequest { arguments: Some(arguments), extra: wire::Extra::new() }
    }

    /// The `Type` string of this pseudo-action.
    pub const TYPE: &'static str = "CallUpdateRequest";

    /// The arguments (empty when none were passed).
    pub fn args(&self) -> &BTreeMap<String, String> {
        self.arguments.as_ref().unwrap_or(&EMPTY_ARGUMENTS)
    }
}

static EMPTY_ARGUMENTS: BTreeMap<String, String> = BTreeMap::new();

/// Parameters of the `CallCreateRequest` pseudo-action: `{"Arguments": {…}}`, the
/// `ArgumentsMap` passed to `CreateSipMediaApplicationCall` (0–20 entries; seen in AWS samples,
/// not in the developer guide).
///
/// See [Making outbound calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/use-create-call-api.html).
///
/// ```
/// let c: sma_core::event::CallCreateRequest = serde_json::from_str(r#"{"Arguments":{"order":"42"}}"#).unwrap();
/// assert_eq!(c.args()["order"], "42");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CallCreateRequest {
    /// `Arguments` (absent when the API call passed none; kept absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<BTreeMap<String, String>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl CallCreateRequest {
    /// The pseudo-action with these arguments.
    pub fn new(arguments: BTreeMap<String, String>) -> Self {
        CallCreateRequest { arguments: Some(arguments), extra: wire::Extra::new() }
    }

    /// The `Type` string of this pseudo-action.
    pub const TYPE: &'static str = "CallCreateRequest";

    /// The arguments (empty when none were passed).
    pub fn args(&self) -> &BTreeMap<String, String> {
        self.arguments.as_ref().unwrap_or(&EMPTY_ARGUMENTS)
    }
}
