//! The 18 actions a handler can answer with, and the value types they share.
//!
//! On the wire every action is `{"Type": "<ActionType>", "Parameters": {…}}`; in Rust it is one
//! variant of [`Action`] holding a struct with one typed field per parameter. Parameter structs
//! read leniently (numbers as strings, empty leg addresses, unknown parameters kept in `extra`)
//! and write one canonical form.
//!
//! Every parameter is an `Option` in the struct because the same structs carry the service's
//! *echo* of an action in `ActionData`, and echoes are often partial (a HANGUP for LEG-B echoes
//! only `CallId` and `ParticipantTag` of the leg's last action). Required parameters are
//! constructor arguments of the builders (`Speak::new(target, text)`), optional ones setters, and
//! the response check enforces them again before a response leaves. Every action addresses its
//! leg with one [`Target`]. The structs are `#[non_exhaustive]`: build them with their
//! constructors (or `Default` and field assignment), so that a parameter added later is not a
//! breaking change.
//!
//! See [Supported actions](https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html).

#[macro_use]
mod strings;

mod bot;
mod bridge;
pub mod defaults;
mod digits;
mod formats;
mod meeting;
mod play;
mod record;
mod recording;
mod target;
mod values;
mod voice;

mod object;

pub use bot::*;
pub use bridge::*;
pub use digits::*;
pub use formats::*;
pub use meeting::*;
pub use play::*;
pub use record::*;
pub use recording::*;
pub use target::*;
pub use values::*;
pub use voice::*;

use crate::contract::wire; // the support `DeserializeWire` expands to
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::time::Duration;

/// Whole milliseconds of a builder's duration, saturating.
pub(crate) fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// Whole seconds of a builder's duration, saturating.
pub(crate) fn secs(d: Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}

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

/// An action whose `Type` this version does not know, whose `Parameters` do not fit the typed
/// model of its type, or whose object has keys beside `Type` and `Parameters`. It is kept
/// exactly as received and written back unchanged.
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
#[non_exhaustive]
pub struct RawAction {
    /// `Type` as received.
    pub action_type: ActionType,
    /// `Parameters` as received.
    pub parameters: Value,
    /// Why the parameters of a known type did not fit the typed model; `None` for an unknown type.
    pub problem: Option<String>,
    /// Keys of the action object beside `Type` and `Parameters`, as received (a mistyped
    /// `"parameters"`, say).
    pub extra: wire::Extra,
}

impl RawAction {
    /// An action of type `action_type` with these parameters, written exactly so.
    ///
    /// ```
    /// use sma_core::action::{Action, ActionType, RawAction};
    /// let a = Action::Raw(RawAction::new(ActionType::from("Answer"), serde_json::json!({})));
    /// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"Type":"Answer","Parameters":{}}"#);
    /// ```
    pub fn new(action_type: ActionType, parameters: Value) -> Self {
        RawAction { action_type, parameters, problem: None, extra: wire::Extra::new() }
    }
}

macro_rules! actions {
    ($( $(#[$doc:meta])* $name:ident = $wire:literal ),+ $(,)?) => {
        crate::contract::wire::open_enum! {
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
        /// let a = Action::from(Hangup::new().code(SipResponseCode::Busy));
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
                if !action_type.is_known() {
                    return Action::Raw(RawAction { action_type, parameters, problem: None, extra: wire::Extra::new() });
                }
                // Read through the JSON text: the one reader the model's code is built for.
                let text = serde_json::to_string(&parameters).unwrap_or_default();
                match Action::typed(&action_type, &text) {
                    Ok(action) => action,
                    Err(e) => Action::Raw(RawAction {
                        action_type,
                        parameters,
                        problem: Some(crate::contract::wire::without_position(&e)),
                        extra: wire::Extra::new(),
                    }),
                }
            }

            /// Builds the typed action from its `Parameters` as raw JSON text; the same as
            /// [`Action::from_parts`] on the parsed value.
            ///
            /// Fails only when the text is no JSON value at all (raw JSON is captured without
            /// decoding its strings, so an escape such as a lone surrogate `\uD888` shows
            /// here): nothing of the parameters may be silently lost.
            pub(crate) fn from_json(
                action_type: ActionType,
                parameters: &str,
            ) -> Result<Action, serde_json::Error> {
                match Action::typed(&action_type, parameters) {
                    Ok(action) => Ok(action),
                    // Unknown, unfitting, or with duplicate keys (which a `Value` resolves):
                    // the reading through a `Value` decides.
                    Err(_) => {
                        let value = serde_json::from_slice(parameters.as_bytes())?;
                        Ok(Action::from_parts(action_type, value))
                    }
                }
            }

            /// The parameters of a known type, read from JSON text.
            fn typed(action_type: &ActionType, json: &str) -> Result<Action, serde_json::Error> {
                match action_type {
                    $( ActionType::$name => serde_json::from_str(json).map(Action::$name), )+
                    ActionType::Other(name) => Err(serde::de::Error::custom(format_args!("unknown action type {name:?}"))),
                }
            }

            /// The parameters of a known type, read where they stand in the event (see
            /// `ActionRef`'s one-pass read) and kept in `place` as `wrap` makes them (one move
            /// of the parameters, where a `Result` of each wrapper would copy them again).
            pub(crate) fn typed_in_place<'de, D: serde::Deserializer<'de>, P>(
                action_type: &ActionType,
                d: D,
                place: &mut Option<P>,
                wrap: impl FnOnce(Action) -> P,
            ) -> Result<(), D::Error> {
                match action_type {
                    $( ActionType::$name => {
                        let mut read = None;
                        <$name as wire::ReadInto>::read_into(d, &mut read)?;
                        *place = read.map(|read| wrap(Action::$name(read)));
                        Ok(())
                    } )+
                    ActionType::Other(name) => Err(serde::de::Error::custom(format_args!("unknown action type {name:?}"))),
                }
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

            /// The parameters this version does not model, kept as received (`None` for an
            /// action kept raw, all of whose parameters are as received).
            ///
            /// ```
            /// use sma_core::action::Action;
            /// let a: Action = serde_json::from_str(r#"{"Type":"Pause","Parameters":{"DurationInMilliseconds":500,"Volume":3}}"#).unwrap();
            /// assert_eq!(a.unknown_parameters().map(|m| m.len()), Some(1));
            /// ```
            pub fn unknown_parameters(&self) -> Option<&Map<String, Value>> {
                match self {
                    $( Action::$name(a) => Some(&a.extra), )+
                    Action::Raw(_) => None,
                }
            }

            /// The leg this action addresses: its `CallId` and `ParticipantTag` parameters
            /// (`CallAndBridge` echoes carry LEG-A's `CallId`). [`Target::InvokingLeg`] means
            /// "the leg that caused the invocation".
            ///
            /// ```
            /// use sma_core::action::{Action, Speak, Target};
            /// let a = Action::from(Speak::new(Target::call("c-1"), "Hi"));
            /// assert_eq!(*a.target(), Target::call("c-1"));
            /// ```
            pub fn target(&self) -> Cow<'_, Target> {
                match self {
                    $( Action::$name(a) => Cow::Borrowed(&a.target), )+
                    Action::Raw(raw) => Cow::Owned(Target::deserialize(&raw.parameters).unwrap_or_default()),
                }
            }
        }

        impl ActionType {
            /// What the catalog says of this action type (`None` for an unknown type).
            ///
            /// ```
            /// use sma_core::action::ActionType;
            /// assert!(ActionType::Speak.spec().is_some_and(|s| s.call_id_required));
            /// assert!(ActionType::from("Answer").spec().is_none());
            /// ```
            pub fn spec(&self) -> Option<&'static sma_syntax::catalog::ActionSpec> {
                // A jump, not a search: the check asks it of every action.
                let i = match self {
                    $( ActionType::$name => <$name as ActionKind>::INDEX, )+
                    ActionType::Other(_) => return None,
                };
                sma_syntax::catalog::ACTIONS.get(usize::from(i) - 1)
            }
        }

        /// Calls `$m!` with the name of every action type (for impls over all 18 elsewhere).
        macro_rules! for_each_action {
            ($m:ident) => { $m!($($name),+); };
        }
        pub(crate) use for_each_action;

        // The action types are the catalog's, in its order (the one table of closed sets).
        const _: () = {
            let actions = sma_syntax::catalog::ACTIONS;
            assert!(ActionType::WIRE_NAMES.len() == actions.len(), "ActionType and the catalog differ");
            let mut i = 0;
            while i < actions.len() {
                assert!(
                    sma_syntax::catalog::same(ActionType::WIRE_NAMES[i], actions[i].name),
                    "ActionType is not in the order of sma_syntax::catalog::ACTIONS"
                );
                i += 1;
            }
        };

        const fn index_of(name: &str) -> u8 {
            let actions = sma_syntax::catalog::ACTIONS;
            let mut i = 0;
            while i < actions.len() {
                if sma_syntax::catalog::same(actions[i].name, name) {
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

            impl $name {
                /// The leg this action acts on: a [`Target`], or a
                /// [`Leg`](crate::Leg) of the call (`.on(&call.leg_b()?)`).
                pub fn on(mut self, target: impl Into<Target>) -> Self {
                    self.target = target.into();
                    self
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
    fn keys_beside_type_and_parameters_are_kept() {
        let raw =
            json!({"Type": "Speak", "Parameters": {"Text": "hi"}, "parameters": {"Text": "x"}});
        let a: Action = serde_json::from_value(raw.clone()).unwrap();
        let Action::Raw(r) = &a else { panic!("expected Raw, got {a:?}") };
        assert_eq!((r.action_type.clone(), r.problem.as_deref()), (ActionType::Speak, None));
        assert_eq!(serde_json::to_value(&a).unwrap(), raw);
    }

    #[test]
    fn missing_parameters_read_as_empty() {
        let a: Action = serde_json::from_value(json!({"Type": "Hangup"})).unwrap();
        assert_eq!(a, Action::Hangup(Hangup::default()));
    }

    #[test]
    fn action_kind_finds_its_variant() {
        let a = Action::from(Pause::new(std::time::Duration::from_millis(500)));
        assert!(Pause::from_action(&a).is_some());
        assert!(Speak::from_action(&a).is_none());
        assert_eq!(a.action_type(), Pause::TYPE);
    }
}
