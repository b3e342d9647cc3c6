//! The 18 actions a handler can answer with, and the value types they share.
//!
//! On the wire every action is `{"Type": "<ActionType>", "Parameters": {…}}`; in Rust it is one
//! variant of [`Action`] holding a struct with one typed field per parameter. Parameter structs
//! read leniently (numbers as strings, empty leg addresses, unknown parameters kept in `extra`)
//! and write one canonical form.
//!
//! Every parameter is an `Option` in the struct because the same structs carry the service's
//! *echo* of an action in `ActionData`, and echoes are often partial (a HANGUP for LEG-B echoes
//! only `CallId` and `ParticipantTag` of the leg's last action). Required parameters are enforced
//! where a response is built and checked, not when an echo is read.
//!
//! See [Supported actions](https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html).

mod bot;
mod build;
mod call;
mod common;
mod media;
mod meeting;
mod recording;

pub use bot::*;
pub use call::*;
pub use common::*;
pub use media::*;
pub use meeting::*;
pub use recording::*;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Implemented by the parameter struct of each of the 18 actions: the `Parameters` object of an
/// action whose `Type` is [`ActionKind::TYPE`].
///
/// See [Supported actions](https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html).
///
/// ```
/// use sma_core::action::{ActionKind, ActionType, Speak};
/// assert_eq!(Speak::TYPE, ActionType::Speak);
/// assert_eq!(<Speak as ActionKind>::TYPE.as_str(), "Speak");
/// ```
pub trait ActionKind: Serialize + DeserializeOwned + Clone + Into<Action> + 'static {
    /// The `Type` string of this action.
    const TYPE: ActionType;

    /// 1 + position in [`ActionType::KNOWN`], used by the route table.
    #[doc(hidden)]
    const INDEX: u8;

    /// The parameters of this action, if `action` is one.
    fn from_action(action: &Action) -> Option<&Self>;
}

/// An action whose `Type` this version does not know, or whose `Parameters` do not fit the
/// typed model of its type. It is kept exactly as received and written back unchanged.
///
/// See [Supported actions](https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html).
///
/// ```
/// use sma_core::action::{Action, RawAction};
/// let a: Action = serde_json::from_str(r#"{"Type":"Answer","Parameters":{"x":1}}"#).unwrap();
/// let Action::Raw(raw) = &a else { panic!() };
/// assert_eq!(raw.action_type.as_str(), "Answer");
/// assert!(raw.problem.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RawAction {
    /// `Type` as received.
    pub action_type: ActionType,
    /// `Parameters` as received.
    pub parameters: Value,
    /// Why the parameters of a known type did not fit the typed model; `None` for an unknown type.
    pub problem: Option<String>,
}

macro_rules! actions {
    ($( $(#[$doc:meta])* $name:ident = $wire:literal ),+ $(,)?) => {
        crate::wire::open_enum! {
            /// The `Type` of an action: the 18 documented names, or any other string kept as is.
            ///
            /// See [Supported actions](https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html).
            ///
            /// ```
            /// use sma_core::action::ActionType;
            /// assert_eq!(ActionType::from("CallAndBridge"), ActionType::CallAndBridge);
            /// assert_eq!(ActionType::KNOWN.len(), 18);
            /// assert!(!ActionType::from("RecordMeeting").is_known());
            /// ```
            pub enum ActionType {
                $( #[doc = concat!("`", $wire, "`.")] $name = $wire, )+
            }
        }

        /// One action of a response, or the action an event refers to:
        /// `{"Type": …, "Parameters": {…}}` on the wire.
        ///
        /// See [Supported actions](https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html).
        ///
        /// ```
        /// use sma_core::action::{Action, Hangup, SipResponseCode};
        /// let a = Action::from(Hangup { sip_response_code: Some(SipResponseCode::Busy), ..Default::default() });
        /// assert_eq!(
        ///     serde_json::to_value(&a).unwrap(),
        ///     serde_json::json!({"Type": "Hangup", "Parameters": {"SipResponseCode": 486}})
        /// );
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Action {
            $( $(#[$doc])* $name($name), )+
            /// An unknown type, or parameters that do not fit; kept as received.
            Raw(RawAction),
        }

        impl Action {
            /// The `Type` of this action.
            pub fn action_type(&self) -> ActionType {
                match self {
                    $( Action::$name(_) => ActionType::$name, )+
                    Action::Raw(raw) => raw.action_type.clone(),
                }
            }

            /// The `Type` string as it is on the wire.
            pub fn type_name(&self) -> &str {
                match self {
                    $( Action::$name(_) => $wire, )+
                    Action::Raw(raw) => raw.action_type.as_str(),
                }
            }

            /// Builds the typed action from its wire parts. Never fails: what does not fit is
            /// kept as [`Action::Raw`].
            pub fn from_parts(action_type: ActionType, parameters: Value) -> Action {
                let parsed = match &action_type {
                    $( ActionType::$name => serde_json::from_value::<$name>(parameters.clone()).map(Action::$name), )+
                    ActionType::Other(_) => {
                        return Action::Raw(RawAction { action_type, parameters, problem: None });
                    }
                };
                parsed.unwrap_or_else(|e| Action::Raw(RawAction {
                    action_type,
                    parameters,
                    problem: Some(e.to_string()),
                }))
            }

            /// The `Parameters` object as it will be written.
            pub fn parameters(&self) -> Result<Value, serde_json::Error> {
                match self {
                    $( Action::$name(p) => serde_json::to_value(p), )+
                    Action::Raw(raw) => Ok(raw.parameters.clone()),
                }
            }

            fn serialize_parameters<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                match self {
                    $( Action::$name(p) => map.serialize_entry("Parameters", p), )+
                    Action::Raw(raw) => map.serialize_entry("Parameters", &raw.parameters),
                }
            }
        }

        const NAMES: &[&str] = &[$($wire),+];

        const fn str_eq(a: &str, b: &str) -> bool {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            if a.len() != b.len() {
                return false;
            }
            let mut i = 0;
            while i < a.len() {
                if a[i] != b[i] {
                    return false;
                }
                i += 1;
            }
            true
        }

        const fn index_of(name: &str) -> u8 {
            let mut i = 0;
            while i < NAMES.len() {
                if str_eq(NAMES[i], name) {
                    return i as u8 + 1;
                }
                i += 1;
            }
            0
        }

        $(
            impl ActionKind for $name {
                const TYPE: ActionType = ActionType::$name;
                const INDEX: u8 = index_of($wire);
                fn from_action(action: &Action) -> Option<&Self> {
                    match action {
                        Action::$name(p) => Some(p),
                        _ => None,
                    }
                }
            }

            impl From<$name> for Action {
                fn from(p: $name) -> Action {
                    Action::$name(p)
                }
            }
        )+
    };
}

actions! {
    /// Bridges the call to a new outbound leg (PSTN number or Voice Connector).
    CallAndBridge = "CallAndBridge",
    /// Hangs up a leg.
    Hangup = "Hangup",
    /// Joins the call to an Amazon Chime SDK meeting.
    JoinChimeMeeting = "JoinChimeMeeting",
    /// Mutes or unmutes meeting attendees.
    ModifyChimeMeetingAttendees = "ModifyChimeMeetingAttendees",
    /// Pauses for a while.
    Pause = "Pause",
    /// Plays a WAV file from S3.
    PlayAudio = "PlayAudio",
    /// Plays a WAV file and collects digits.
    PlayAudioAndGetDigits = "PlayAudioAndGetDigits",
    /// Listens for digits in the background.
    ReceiveDigits = "ReceiveDigits",
    /// Records the caller to S3.
    RecordAudio = "RecordAudio",
    /// Sends DTMF tones.
    SendDigits = "SendDigits",
    /// Speaks text with Amazon Polly.
    Speak = "Speak",
    /// Speaks text and collects digits.
    SpeakAndGetDigits = "SpeakAndGetDigits",
    /// Hands the caller to an Amazon Lex V2 bot.
    StartBotConversation = "StartBotConversation",
    /// Starts recording a leg to S3.
    StartCallRecording = "StartCallRecording",
    /// Stops recording a leg.
    StopCallRecording = "StopCallRecording",
    /// Pauses a recording.
    PauseCallRecording = "PauseCallRecording",
    /// Resumes a paused recording.
    ResumeCallRecording = "ResumeCallRecording",
    /// Turns Amazon Voice Focus noise reduction on or off.
    VoiceFocus = "VoiceFocus",
}

impl Action {
    /// The leg this action addresses: its `CallId` and `ParticipantTag` parameters, whichever
    /// it has (`CallAndBridge` echoes carry LEG-A's `CallId`). Both absent means "the leg that
    /// caused the invocation".
    ///
    /// ```
    /// use sma_core::action::{Action, LegAddress, Speak};
    /// let a = Action::from(Speak { call_id: Some("c-1".into()), ..Default::default() });
    /// assert_eq!(a.leg_address(), LegAddress::call("c-1"));
    /// ```
    pub fn leg_address(&self) -> LegAddress {
        let by_id = |id: &Option<CallId>| LegAddress { call_id: id.clone(), participant_tag: None };
        match self {
            Action::Hangup(a) => a.target.clone(),
            Action::JoinChimeMeeting(a) => a.target.clone(),
            Action::ModifyChimeMeetingAttendees(a) => a.target.clone(),
            Action::Pause(a) => a.target.clone(),
            Action::PlayAudio(a) => a.target.clone(),
            Action::PlayAudioAndGetDigits(a) => a.target.clone(),
            Action::ReceiveDigits(a) => a.target.clone(),
            Action::RecordAudio(a) => a.target.clone(),
            Action::StartBotConversation(a) => a.target.clone(),
            Action::CallAndBridge(a) => by_id(&a.call_id),
            Action::SendDigits(a) => by_id(&a.call_id),
            Action::Speak(a) => by_id(&a.call_id),
            Action::SpeakAndGetDigits(a) => by_id(&a.call_id),
            Action::StartCallRecording(a) => by_id(&a.call_id),
            Action::StopCallRecording(a) => by_id(&a.call_id),
            Action::PauseCallRecording(a) => by_id(&a.call_id),
            Action::ResumeCallRecording(a) => by_id(&a.call_id),
            Action::VoiceFocus(a) => by_id(&a.call_id),
            Action::Raw(raw) => serde_json::from_value(raw.parameters.clone()).unwrap_or_default(),
        }
    }
}

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("Type", self.action_type().as_str())?;
        self.serialize_parameters(&mut map)?;
        map.end()
    }
}

/// The wire shape of an action object, before its parameters are typed.
#[derive(Deserialize)]
struct WireAction {
    #[serde(rename = "Type")]
    action_type: ActionType,
    #[serde(rename = "Parameters", default)]
    parameters: Option<Value>,
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireAction::deserialize(d)?;
        let parameters = wire.parameters.unwrap_or_else(|| Value::Object(Map::new()));
        Ok(Action::from_parts(wire.action_type, parameters))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_type_with_unfitting_parameters_is_kept_raw() {
        let raw = json!({"Type": "Pause", "Parameters": {"DurationInMilliseconds": "soon"}});
        let a: Action = serde_json::from_value(raw.clone()).unwrap();
        match &a {
            Action::Raw(r) => {
                assert_eq!(r.action_type, ActionType::Pause);
                assert!(r.problem.as_deref().unwrap_or("").contains("soon"));
            }
            other => panic!("expected Raw, got {other:?}"),
        }
        assert_eq!(serde_json::to_value(&a).unwrap(), raw);
    }

    #[test]
    fn missing_parameters_read_as_empty() {
        let a: Action = serde_json::from_value(json!({"Type": "Hangup"})).unwrap();
        assert_eq!(a, Action::Hangup(Hangup::default()));
    }

    #[test]
    fn action_kind_finds_its_variant() {
        let a = Action::from(Pause { duration_in_milliseconds: Some(500), ..Default::default() });
        assert!(Pause::from_action(&a).is_some());
        assert!(Speak::from_action(&a).is_none());
        assert_eq!(a.action_type(), Pause::TYPE);
    }
}
