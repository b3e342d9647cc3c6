//! The invocation event: what the SIP media application sends the Lambda on every call event.
//!
//! See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).

mod action_data;
mod call;
mod lex;

pub use action_data::*;
pub use call::*;
pub use lex::*;

use crate::contract::action::{CallId, ParticipantTag};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::{int, json_kind, open_enum};
use serde::Serialize;
use serde_json::Value;
use sma_macros::DeserializeWire;

open_enum! {
    /// `InvocationEventType`: why the service invoked the handler. The 11 documented values, or
    /// any other string kept as received.
    ///
    /// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// use sma_core::event::EventType;
    /// assert_eq!(EventType::from("DIGITS_RECEIVED"), EventType::DigitsReceived);
    /// assert_eq!(EventType::KNOWN.len(), 11);
    /// ```
    pub enum EventType {
        /// `NEW_INBOUND_CALL`: a call arrived on a number or SIP URI routed to the SMA. No
        /// `ActionData`. Answer with media actions, or `Hangup` to reject it.
        NewInboundCall = "NEW_INBOUND_CALL",
        /// `NEW_OUTBOUND_CALL`: `CreateSipMediaApplicationCall` was accepted. `ActionData` is a
        /// `CallCreateRequest` when the API call passed `ArgumentsMap`. Actions are ignored;
        /// `TransactionAttributes` are kept.
        NewOutboundCall = "NEW_OUTBOUND_CALL",
        /// `RINGING`: the outbound leg is ringing. The response is ignored.
        Ringing = "RINGING",
        /// `CALL_ANSWERED`: the outbound leg answered; the first point where actions run on an
        /// outbound call.
        CallAnswered = "CALL_ANSWERED",
        /// `ACTION_SUCCESSFUL`: an action completed; `ActionData` echoes it with its results.
        ActionSuccessful = "ACTION_SUCCESSFUL",
        /// `ACTION_FAILED`: an action failed; the rest of its list was dropped. `ActionData`
        /// echoes it with the error.
        ActionFailed = "ACTION_FAILED",
        /// `ACTION_INTERRUPTED`: `UpdateSipMediaApplicationCall` cut an interruptible action
        /// short. The response is ignored.
        ActionInterrupted = "ACTION_INTERRUPTED",
        /// `HANGUP`: a leg was disconnected. On a bridged or meeting call with a leg still
        /// connected, the response is executed; otherwise it is ignored.
        Hangup = "HANGUP",
        /// `DIGITS_RECEIVED`: digits matched an armed `ReceiveDigits`.
        DigitsReceived = "DIGITS_RECEIVED",
        /// `CALL_UPDATE_REQUESTED`: `UpdateSipMediaApplicationCall` was called; `ActionData` is a
        /// `CallUpdateRequest` with its arguments.
        CallUpdateRequested = "CALL_UPDATE_REQUESTED",
        /// `INVALID_LAMBDA_RESPONSE`: the previous response could not be used; the reason is in
        /// the top-level `ErrorType` / `ErrorMessage`.
        InvalidLambdaResponse = "INVALID_LAMBDA_RESPONSE",
    }
}

// The event types are the catalog's, in its order (the one table of closed sets).
const _: () = {
    let events = sma_syntax::catalog::EVENTS;
    assert!(EventType::WIRE_NAMES.len() == events.len(), "EventType and the catalog differ");
    let mut i = 0;
    while i < events.len() {
        assert!(
            sma_syntax::catalog::same(EventType::WIRE_NAMES[i], events[i].wire),
            "EventType is not in the order of sma_syntax::catalog::EVENTS"
        );
        i += 1;
    }
};

/// One invocation of the handler: the whole JSON event the SIP media application sends.
///
/// On the wire: `{"SchemaVersion":"1.0","Sequence":n,"InvocationEventType":…,"ActionData"?:…,
/// "CallDetails":{…}}`, plus top-level `ErrorType` / `ErrorMessage` on INVALID_LAMBDA_RESPONSE.
/// Unknown top-level fields are kept in [`Invocation::extra`] and written back.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::event::{EventType, Invocation};
/// let event: Invocation = serde_json::from_str(r#"{
///   "SchemaVersion": "1.0", "Sequence": 1, "InvocationEventType": "NEW_INBOUND_CALL",
///   "CallDetails": {
///     "TransactionId": "t-1", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
///     "SipApplicationId": "sma-1", "SipRuleId": "rule-1",
///     "Participants": [{"CallId": "c-1", "ParticipantTag": "LEG-A", "To": "+12065550100",
///       "From": "+12065550199", "Direction": "Inbound", "StartTimeInMilliseconds": "1700000000000"}]
///   }
/// }"#).unwrap();
/// assert_eq!(event.event_type, EventType::NewInboundCall);
/// assert_eq!(event.call_details.sip_media_application_id, "sma-1");
/// assert_eq!(event.leg_a().unwrap().from, "+12065550199");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Invocation {
    /// `SchemaVersion`: `"1.0"`.
    pub schema_version: Text,
    /// `Sequence`: the invocation's number within the transaction (starts at 1 in real
    /// traffic; not strictly monotonic in the docs).
    #[serde(deserialize_with = "int")]
    pub sequence: u64,
    /// `InvocationEventType` (one doc page writes `InvocationEvent`).
    #[serde(rename = "InvocationEventType", alias = "InvocationEvent")]
    pub event_type: EventType,
    /// `ActionData`: the action the event refers to, when there is one (boxed: it is most of
    /// the invocation's size, and absent on half of the event types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "action_data::read_boxed")]
    pub action_data: Option<Box<ActionData>>,
    /// `CallDetails`.
    #[wire(in_place)]
    pub call_details: CallDetails,
    /// `ErrorType`: why the previous response was invalid (INVALID_LAMBDA_RESPONSE only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<ErrorType>,
    /// `ErrorMessage`: the description of [`Invocation::error_type`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<Text>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Invocation {
    /// Reads an invocation from JSON bytes; an error names the path of the field that does not
    /// fit, without its value.
    ///
    /// Bytes that are not an invocation at all get an error that says what they are: empty,
    /// not JSON, JSON that is not an object, or the event of another AWS service (an object
    /// with neither `InvocationEventType` nor `CallDetails`: the function has another trigger).
    ///
    /// ```
    /// use sma_core::Invocation;
    /// let err = Invocation::from_slice(br#"{"Records":[{"eventSource":"aws:s3"}]}"#).unwrap_err();
    /// assert!(err.message().contains("not a SIP media application event"), "{err}");
    /// assert!(Invocation::from_slice(b"").unwrap_err().message().contains("empty"));
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, crate::contract::wire::ReadError> {
        Self::read(bytes, std::str::from_utf8(bytes).ok(), |invocation| invocation)
    }

    /// [`Invocation::from_slice`] on a body held in [`bytes::Bytes`], as the Lambda runtime
    /// hands it over: the strings of the invocation share the body instead of being copied
    /// (see [`Text`](crate::contract::text::Text)).
    ///
    /// ```
    /// use sma_core::Invocation;
    /// let body = bytes::Bytes::from_static(br#"{"SchemaVersion":"1.0","Sequence":1,
    ///   "InvocationEventType":"HANGUP","CallDetails":{"TransactionId":"t-1","AwsAccountId":"1",
    ///   "AwsRegion":"us-east-1","SipMediaApplicationId":"s","Participants":[]}}"#);
    /// let invocation = Invocation::from_bytes(&body).unwrap();
    /// assert_eq!(invocation.call_details.transaction_id, "t-1");
    /// ```
    pub fn from_bytes(bytes: &bytes::Bytes) -> Result<Self, crate::contract::wire::ReadError> {
        Self::read_bytes(bytes, |invocation| invocation)
    }

    /// [`Invocation::from_bytes`] into the `Arc` the runtime shares it in, made where the
    /// reader returns the invocation: its several hundred bytes are not copied through each
    /// result on the way up.
    pub(crate) fn shared_from_bytes(
        bytes: &bytes::Bytes,
    ) -> Result<std::sync::Arc<Self>, crate::contract::wire::ReadError> {
        Self::read_bytes(bytes, std::sync::Arc::new)
    }

    fn read_bytes<T>(
        bytes: &bytes::Bytes,
        wrap: fn(Self) -> T,
    ) -> Result<T, crate::contract::wire::ReadError> {
        use crate::contract::text;
        match text::body(bytes) {
            Some(body) => text::reading(&body, |s| Self::read(bytes, Some(s), wrap)),
            None => Self::read(bytes, std::str::from_utf8(bytes).ok(), wrap),
        }
    }

    /// Reads `bytes`, given as `text` when they are UTF-8, in one pass; what that cannot keep
    /// exactly is read again the thorough way, which also words the error. Every reading goes
    /// through `serde_json`'s reader of `&str`: one reader of the model in the binary, and the
    /// fastest (the UTF-8 check is made once for the whole body).
    fn read<T>(
        bytes: &[u8],
        text: Option<&str>,
        wrap: fn(Self) -> T,
    ) -> Result<T, crate::contract::wire::ReadError> {
        use crate::contract::wire::{ReadError, one_pass, read_str};
        let Some(text) = text else {
            return Err(Self::unreadable(bytes, ReadError::whole("the event is not UTF-8")));
        };
        if let Ok(invocation) = one_pass(|| serde_json::from_str(text).map(wrap)) {
            return Ok(invocation);
        }
        read_str(text).map(wrap).map_err(|error| Self::unreadable(bytes, error))
    }

    /// The error for `bytes` that cannot be read as an invocation: `error`, where the
    /// reader's own words say nothing more useful about what the bytes are.
    fn unreadable(
        bytes: &[u8],
        error: crate::contract::wire::ReadError,
    ) -> crate::contract::wire::ReadError {
        use crate::contract::wire::{ReadError, without_values};
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return ReadError::whole("the event is empty");
        }
        match serde_json::from_slice::<Value>(bytes) {
            Err(e) => ReadError::whole(format!(
                "the event is not JSON: {}",
                without_values(&e.to_string())
            )),
            Ok(Value::Object(top)) => {
                let ours = ["InvocationEventType", "InvocationEvent", "CallDetails"];
                if ours.iter().any(|k| top.contains_key(*k)) {
                    return error;
                }
                let keys: Vec<&str> = top.keys().take(5).map(String::as_str).collect();
                ReadError::whole(format!(
                    "not a SIP media application event: no InvocationEventType and no \
                         CallDetails (top-level keys: {}); is the function attached to another \
                         trigger?",
                    keys.join(", ")
                ))
            }
            Ok(other) => ReadError::whole(format!(
                "the event is a JSON {}, not an object",
                json_kind(&other)
            )),
        }
    }

    /// The participant with this tag, if the call has one.
    ///
    /// Reading: a call whose only participant has no `ParticipantTag` (seen in a published
    /// sample's test input, never in a capture) has that participant as LEG-A, the leg that
    /// started the transaction.
    pub fn participant(&self, tag: &ParticipantTag) -> Option<&Participant> {
        self.participant_index(tag).map(|i| &self.call_details.participants[i])
    }

    /// Where [`Invocation::participant`] is in `Participants`.
    pub(crate) fn participant_index(&self, tag: &ParticipantTag) -> Option<usize> {
        let parts = &self.call_details.participants;
        parts.iter().position(|p| p.participant_tag.as_ref() == Some(tag)).or_else(|| {
            match parts.as_slice() {
                [only] if only.participant_tag.is_none() && *tag == ParticipantTag::LegA => Some(0),
                _ => None,
            }
        })
    }

    /// The participant with this `CallId`.
    pub fn participant_by_id(&self, id: &CallId) -> Option<&Participant> {
        self.call_details.participants.iter().find(|p| &p.call_id == id)
    }

    /// LEG-A.
    pub fn leg_a(&self) -> Option<&Participant> {
        self.participant(&ParticipantTag::LegA)
    }

    /// LEG-B, once a `CallAndBridge` or `JoinChimeMeeting` created it.
    pub fn leg_b(&self) -> Option<&Participant> {
        self.participant(&ParticipantTag::LegB)
    }

    /// The leg this invocation is about: the leg addressed by the action in `ActionData`
    /// (its `CallId`, else its `ParticipantTag`), or LEG-A when the event names no leg
    /// (NEW_INBOUND_CALL, CALL_ANSWERED, CALL_UPDATE_REQUESTED, ...). `None` only when the call
    /// has no participant at all.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/event_HANGUP_bridged-legB-last-action-mixed-case.json")).unwrap();
    /// let event: sma_core::Invocation = serde_json::from_str(&json).unwrap();
    /// assert_eq!(event.invoking_leg(), Some(sma_core::ParticipantTag::LegB));
    /// ```
    pub fn invoking_leg(&self) -> Option<ParticipantTag> {
        if let Some(action) = self.action_data.as_deref().and_then(ActionData::as_action) {
            let target = action.target();
            if let Some(p) = target.call_id().and_then(|id| self.participant_by_id(id)) {
                if let Some(tag) = &p.participant_tag {
                    return Some(tag.clone());
                }
            }
            if let Some(tag) = target.participant_tag() {
                return Some(tag.clone());
            }
        }
        if self.leg_a().is_some() {
            return Some(ParticipantTag::LegA);
        }
        self.call_details.participants.first().and_then(|p| p.participant_tag.clone())
    }

    /// The error of an INVALID_LAMBDA_RESPONSE: the top-level `ErrorType` / `ErrorMessage`
    /// (where the service puts them), or the same fields in `ActionData` (where the prose of
    /// the docs says they are).
    pub fn invalid_response_error(&self) -> Option<ActionFailure> {
        if self.error_type.is_some() || self.error_message.is_some() {
            return Some(ActionFailure {
                error_type: self
                    .error_type
                    .clone()
                    .unwrap_or_else(|| ErrorType::Other(String::new())),
                message: self.error_message.clone().unwrap_or_default(),
                errors: Vec::new(),
            });
        }
        self.action_data.as_deref().and_then(ActionData::failure)
    }
}

open_enum! {
    /// `ErrorType` of ACTION_FAILED (in `ActionData`) and of INVALID_LAMBDA_RESPONSE (top
    /// level). An open set: the documented values, or any other string kept as received.
    ///
    /// See [Troubleshooting ACTION_FAILED](https://docs.aws.amazon.com/chime-sdk/latest/dg/unexpected-action-fail.html).
    ///
    /// ```
    /// use sma_core::event::ErrorType;
    /// assert_eq!(ErrorType::from("CallNotAnswered"), ErrorType::CallNotAnswered);
    /// assert!(!ErrorType::from("ErrorJoiningMeeting").is_known());
    /// ```
    pub enum ErrorType {
        /// A parameter is invalid.
        InvalidActionParameter = "InvalidActionParameter",
        /// A required parameter is missing (or `Text` is too long).
        MissingRequiredActionParameter = "MissingRequiredActionParameter",
        /// The service failed.
        SystemException = "SystemException",
        /// The audio file cannot be read or is not a supported WAV.
        InvalidAudioSource = "InvalidAudioSource",
        /// Too many actions per second for the account, or Polly/Lex throttled.
        ActionExecutionThrottled = "ActionExecutionThrottled",
        /// The service-linked role cannot use Amazon Polly.
        AccessDenied = "AccessDenied",
        /// The Lex bot does not exist.
        ResourceNotFound = "ResourceNotFound",
        /// The Lex bot's resource policy does not allow the service.
        ResourceAccessDenied = "ResourceAccessDenied",
        /// LEG-B of a `CallAndBridge` did not answer in time.
        CallNotAnswered = "CallNotAnswered",
        /// INVALID_LAMBDA_RESPONSE: too many transaction attributes.
        TransactionAttributesInvalidMapSize = "TransactionAttributesInvalidMapSize",
        /// INVALID_LAMBDA_RESPONSE: the response is not a `SchemaVersion` 1.0 object (for
        /// example an API Gateway `{statusCode, body}` wrapper).
        SchemaVersionMismatch = "SchemaVersionMismatch",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invocation_read_from_bytes_shares_its_strings_with_the_body() {
        let bytes = bytes::Bytes::from_static(
            br#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL",
            "CallDetails":{"TransactionId":"t-1","AwsAccountId":"1","AwsRegion":"us-east-1",
            "SipMediaApplicationId":"s","Participants":[{"CallId":"c-1",
            "ParticipantTag":"LEG-A","To":"+12065550100","From":"+12065550199",
            "Direction":"Inbound","StartTimeInMilliseconds":"1"}]}}"#,
        );
        let invocation = Invocation::from_bytes(&bytes).unwrap();
        let inside = bytes.as_ptr() as usize..bytes.as_ptr() as usize + bytes.len();
        let leg = &invocation.call_details.participants[0];
        for s in [invocation.call_details.transaction_id.as_str(), leg.call_id.as_str(), &leg.from]
        {
            assert!(inside.contains(&(s.as_ptr() as usize)), "{s} is a copy");
        }
        // The same bytes read as a slice give the same invocation, with copies.
        let copied = Invocation::from_slice(&bytes).unwrap();
        assert_eq!(copied, invocation);
        assert!(!inside.contains(&(copied.call_details.transaction_id.as_str().as_ptr() as usize)));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_by_both_readers_in_the_same_words() {
        let mut event = br#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"HANGUP",
            "CallDetails":{"TransactionId":"t-\xff","AwsAccountId":"1","AwsRegion":"us-east-1",
            "SipMediaApplicationId":"s","Participants":[]}}"#
            .to_vec();
        let at = event.windows(4).position(|w| w == br"\xff").unwrap();
        event.splice(at..at + 4, [0xff]);
        let sliced = Invocation::from_slice(&event).unwrap_err();
        let shared = Invocation::from_bytes(&bytes::Bytes::from(event)).unwrap_err();
        assert_eq!(sliced.message(), shared.message());
        assert!(sliced.message().starts_with("the event is not JSON"), "{sliced}");
    }
}
