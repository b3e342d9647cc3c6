//! The Lex V2 result of a `StartBotConversation`: `ActionData.IntentResult`.

use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use serde::Serialize;
use serde_json::Number;
use sma_macros::DeserializeWire;
use std::collections::BTreeMap;

/// `IntentResult` of a `StartBotConversation` ACTION_SUCCESSFUL: the Lex V2 session at the end
/// of the conversation, `{SessionId, SessionState, Interpretations}`. A handler routed with
/// `#[on(ActionSuccessful, action = StartBotConversation)]` takes it as an argument; read a
/// slot with [`IntentResult::slot`].
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let r: sma_core::event::IntentResult = serde_json::from_str(r#"{"SessionId":"s",
///     "SessionState":{"Intent":{"Name":"Book","State":"Fulfilled"}},
///     "Interpretations":[{"NluConfidence":{"Score":0.97},"Intent":{"Name":"Book"}}]}"#).unwrap();
/// assert_eq!(r.intent().and_then(|i| i.name.as_deref()), Some("Book"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct IntentResult {
    /// `SessionId`: the Lex session (the `CallId` the conversation ran on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Text>,
    /// `SessionState`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub session_state: Option<LexSessionState>,
    /// `Interpretations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpretations: Option<Vec<Interpretation>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl IntentResult {
    /// The intent of the session state.
    pub fn intent(&self) -> Option<&Intent> {
        self.session_state.as_ref().and_then(|s| s.intent.as_ref())
    }

    /// A filled slot of the session state's intent, by its name in the bot (case-sensitive, as
    /// in Lex).
    ///
    /// ```
    /// let r: sma_core::event::IntentResult = serde_json::from_str(r#"{"SessionState":{"Intent":{
    ///     "Name":"JoinMeeting","Slots":{"Pin":{"Value":{"OriginalValue":"one two three four",
    ///     "InterpretedValue":"1234","ResolvedValues":["1234"]},"Values":[]}}}}}"#).unwrap();
    /// assert_eq!(r.slot("Pin").and_then(|s| s.interpreted()), Some("1234"));
    /// assert!(r.slot("pin").is_none());
    /// ```
    pub fn slot(&self, name: &str) -> Option<&Slot> {
        self.intent()?.slot(name)
    }

    /// A session attribute of the session state.
    ///
    /// ```
    /// let r: sma_core::event::IntentResult =
    ///     serde_json::from_str(r#"{"SessionState":{"SessionAttributes":{"tier":"gold"}}}"#).unwrap();
    /// assert_eq!(r.session_attribute("tier"), Some("gold"));
    /// ```
    pub fn session_attribute(&self, key: &str) -> Option<&str> {
        self.session_state.as_ref()?.session_attributes.as_ref()?.get(key).map(String::as_str)
    }
}

/// `IntentResult.SessionState`: `{SessionAttributes?, Intent?}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let s: sma_core::event::LexSessionState = serde_json::from_str(r#"{"SessionAttributes":{"a":"b"}}"#).unwrap();
/// assert!(s.intent.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct LexSessionState {
    /// `SessionAttributes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_attributes: Option<BTreeMap<String, String>>,
    /// `Intent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub intent: Option<Intent>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

crate::contract::wire::open_enum! {
    /// `Intent.State` of a Lex result.
    ///
    /// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
    ///
    /// ```
    /// assert_eq!(sma_core::event::IntentState::Fulfilled.as_str(), "Fulfilled");
    /// ```
    pub enum IntentState {
        /// `"Failed"`.
        Failed = "Failed",
        /// `"Fulfilled"`.
        Fulfilled = "Fulfilled",
        /// `"ReadyForFulfillment"`.
        ReadyForFulfillment = "ReadyForFulfillment",
    }
}

crate::contract::wire::open_enum! {
    /// `Intent.ConfirmationState` of a Lex result.
    ///
    /// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
    ///
    /// ```
    /// assert_eq!(sma_core::event::ConfirmationState::Denied.as_str(), "Denied");
    /// ```
    pub enum ConfirmationState {
        /// `"Confirmed"`.
        Confirmed = "Confirmed",
        /// `"Denied"`.
        Denied = "Denied",
        /// `"None"`.
        None = "None",
    }
}

/// A Lex intent: `{Name, Slots, State, ConfirmationState}`. A slot Lex has not filled is
/// `null` (`None` here); a filled one is a [`Slot`].
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let i: sma_core::event::Intent = serde_json::from_str(r#"{"Name":"Book","Slots":{"When":null,
///     "Nights":{"Value":{"OriginalValue":"five","InterpretedValue":"5","ResolvedValues":["5"]},"Values":[]}}}"#).unwrap();
/// assert!(i.slot("When").is_none());
/// assert_eq!(i.slot("Nights").and_then(|s| s.interpreted()), Some("5"));
/// assert_eq!(i.slot("Nights").and_then(|s| s.original()), Some("five"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Intent {
    /// `Name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// `Slots`: each slot of the intent by name, `None` where Lex has not filled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<BTreeMap<String, Option<Slot>>>,
    /// `State`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<IntentState>,
    /// `ConfirmationState`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_state: Option<ConfirmationState>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Intent {
    /// A filled slot, by its name in the bot (case-sensitive, as in Lex): `None` when the
    /// intent has no such slot or Lex has not filled it.
    ///
    /// ```
    /// let i: sma_core::event::Intent = serde_json::from_str(r#"{"Slots":{"When":null}}"#).unwrap();
    /// assert!(i.slot("When").is_none() && i.slot("Where").is_none());
    /// ```
    pub fn slot(&self, name: &str) -> Option<&Slot> {
        self.slots.as_ref()?.get(name)?.as_ref()
    }
}

/// A filled Lex V2 slot, as the SIP media application sends it:
/// `{"Value": {"OriginalValue", "InterpretedValue", "ResolvedValues"}, "Values": [..]}`, plus
/// `Shape` and `SubSlots` for list and composite slots. The keys are PascalCase, unlike Lex's
/// own camelCase API.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let s: sma_core::event::Slot = serde_json::from_str(r#"{"Value":{"OriginalValue":"june first",
///     "InterpretedValue":"2022-06-01","ResolvedValues":["2022-06-01"]},"Values":[]}"#).unwrap();
/// assert_eq!(s.interpreted(), Some("2022-06-01"));
/// assert_eq!(s.original(), Some("june first"));
/// assert_eq!(s.resolved(), ["2022-06-01".to_owned()]);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Slot {
    /// `Shape`: `Scalar`, `List` or `Composite` (absent in the captures: scalar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Text>,
    /// `Value`: the value of a scalar slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub value: Option<SlotValue>,
    /// `Values`: the values of a list slot (`[]` for a scalar one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Slot>>,
    /// `SubSlots`: the slots of a composite slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_slots: Option<BTreeMap<String, Option<Slot>>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Slot {
    /// A scalar slot with these values (original, interpreted, resolved), in the shape the
    /// service sends.
    ///
    /// ```
    /// let s = sma_core::event::Slot::scalar("one two", "12", ["12"]);
    /// assert_eq!(serde_json::to_value(&s).unwrap(), serde_json::json!({"Value":
    ///     {"OriginalValue": "one two", "InterpretedValue": "12", "ResolvedValues": ["12"]}, "Values": []}));
    /// ```
    pub fn scalar<I, S>(original: &str, interpreted: &str, resolved: I) -> Slot
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Slot {
            value: Some(SlotValue {
                original_value: Some(original.into()),
                interpreted_value: Some(interpreted.into()),
                resolved_values: Some(resolved.into_iter().map(Into::into).collect()),
                extra: wire::Extra::new(),
            }),
            values: Some(Vec::new()),
            ..Slot::default()
        }
    }

    /// `Value.InterpretedValue`: what Lex understood, the value to act on.
    pub fn interpreted(&self) -> Option<&str> {
        self.value.as_ref()?.interpreted_value.as_deref()
    }

    /// `Value.OriginalValue`: what the caller said or keyed.
    pub fn original(&self) -> Option<&str> {
        self.value.as_ref()?.original_value.as_deref()
    }

    /// `Value.ResolvedValues`: the slot type's values Lex resolved the input to.
    pub fn resolved(&self) -> &[String] {
        self.value.as_ref().and_then(|v| v.resolved_values.as_deref()).unwrap_or_default()
    }

    /// `Values`: the values of a list slot (empty for a scalar one).
    pub fn list(&self) -> &[Slot] {
        self.values.as_deref().unwrap_or_default()
    }

    /// A filled sub-slot of a composite slot.
    pub fn sub_slot(&self, name: &str) -> Option<&Slot> {
        self.sub_slots.as_ref()?.get(name)?.as_ref()
    }
}

/// `Slot.Value`: `{OriginalValue, InterpretedValue, ResolvedValues}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let v: sma_core::event::SlotValue = serde_json::from_str(r#"{"InterpretedValue":"5"}"#).unwrap();
/// assert_eq!(v.interpreted_value.as_deref(), Some("5"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct SlotValue {
    /// `OriginalValue`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_value: Option<Text>,
    /// `InterpretedValue`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreted_value: Option<Text>,
    /// `ResolvedValues`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_values: Option<Vec<String>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// One of `IntentResult.Interpretations`: `{NluConfidence?: {Score}, Intent}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let i: sma_core::event::Interpretation = serde_json::from_str(r#"{"NluConfidence":{"Score":1}}"#).unwrap();
/// assert_eq!(i.score(), Some(1.0));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Interpretation {
    /// `NluConfidence`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub nlu_confidence: Option<NluConfidence>,
    /// `Intent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub intent: Option<Intent>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Interpretation {
    /// The confidence score, 0.0–1.0.
    pub fn score(&self) -> Option<f64> {
        self.nlu_confidence.as_ref()?.score.as_ref()?.as_f64()
    }
}

/// `NluConfidence`: `{"Score": 0.00–1.00}`; the score is kept as the exact JSON number sent
/// (sometimes an integer).
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let n: sma_core::event::NluConfidence = serde_json::from_str(r#"{"Score":0.5}"#).unwrap();
/// assert_eq!(n.score.unwrap().as_f64(), Some(0.5));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct NluConfidence {
    /// `Score`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Number>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}
