//! The Lex V2 result of a `StartBotConversation`: `ActionData.IntentResult`.

use serde::Serialize;
use serde_json::{Map, Number, Value};
use sma_macros::DeserializeWire;
use std::collections::BTreeMap;

/// `IntentResult` of a `StartBotConversation` ACTION_SUCCESSFUL: the Lex V2 session at the end
/// of the conversation, `{SessionId, SessionState, Interpretations}`.
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
    pub session_id: Option<String>,
    /// `SessionState`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_state: Option<LexSessionState>,
    /// `Interpretations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpretations: Option<Vec<Interpretation>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl IntentResult {
    /// The intent of the session state.
    pub fn intent(&self) -> Option<&Intent> {
        self.session_state.as_ref().and_then(|s| s.intent.as_ref())
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
    pub intent: Option<Intent>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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

/// A Lex intent: `{Name, Slots, State, ConfirmationState}`. Slots keep Lex's own JSON shape.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let i: sma_core::event::Intent = serde_json::from_str(r#"{"Name":"Book","Slots":{"When":null}}"#).unwrap();
/// assert!(i.slots.unwrap()["When"].is_null());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Intent {
    /// `Name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `Slots`, as Lex sends them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<Map<String, Value>>,
    /// `State`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<IntentState>,
    /// `ConfirmationState`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_state: Option<ConfirmationState>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
    pub nlu_confidence: Option<NluConfidence>,
    /// `Intent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
    pub extra: Map<String, Value>,
}
