//! Lex bots in the simulator: results written in the shape the service sends, and the check
//! that flags a scripted result in any other shape.
//!
//! See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).

use crate::contract::event::{
    ConfirmationState, Intent, IntentResult, IntentState, Interpretation, LexSessionState,
    NluConfidence, Slot,
};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// A Lex V2 result for [`Simulator::bot_returns`](super::Simulator::bot_returns), written in the
/// documented shape: `SessionState.Intent` with its name, state, confirmation and slots
/// (`{"Value": {"OriginalValue", "InterpretedValue", "ResolvedValues"}, "Values": []}`), the
/// session attributes, and one interpretation of the same intent. The simulator fills in
/// `SessionId` with the `CallId` the conversation runs on.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// use sma_core::testing::BotResult;
/// use sma_core::event::IntentState;
///
/// let result = BotResult::intent("JoinMeeting").slot("Pin", "1234").confidence(0.93).build();
/// assert_eq!(result.intent().and_then(|i| i.state.clone()), Some(IntentState::Fulfilled));
/// assert_eq!(result.slot("Pin").and_then(|s| s.interpreted()), Some("1234"));
/// assert_eq!(result.interpretations.unwrap()[0].score(), Some(0.93));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BotResult {
    intent: Intent,
    attributes: BTreeMap<String, String>,
    confidence: Option<f64>,
}

impl BotResult {
    /// The bot recognised `name` and fulfilled it (`State: Fulfilled`, `ConfirmationState:
    /// None`), with no slot filled yet.
    pub fn intent(name: &str) -> Self {
        BotResult {
            intent: Intent {
                name: Some(name.into()),
                slots: Some(BTreeMap::new()),
                state: Some(IntentState::Fulfilled),
                confirmation_state: Some(ConfirmationState::None),
                extra: Default::default(),
            },
            attributes: BTreeMap::new(),
            confidence: Some(1.0),
        }
    }

    /// The bot understood nothing: the `FallbackIntent`, failed, no confidence score (as Lex
    /// reports it).
    ///
    /// ```
    /// let r = sma_core::testing::BotResult::fallback().build();
    /// assert_eq!(r.intent().and_then(|i| i.name.as_deref()), Some("FallbackIntent"));
    /// ```
    pub fn fallback() -> Self {
        let mut r = BotResult::intent("FallbackIntent").state(IntentState::Failed);
        r.confidence = None;
        r
    }

    /// The intent's `State` (default `Fulfilled`).
    pub fn state(mut self, state: IntentState) -> Self {
        self.intent.state = Some(state);
        self
    }

    /// The intent's `ConfirmationState` (default `None`).
    pub fn confirmation(mut self, state: ConfirmationState) -> Self {
        self.intent.confirmation_state = Some(state);
        self
    }

    /// A slot filled with `value`: what the caller said, what Lex understood and resolved
    /// are all `value`. For a slot whose spoken form differs, use [`BotResult::slot_heard`].
    pub fn slot(self, name: &str, value: &str) -> Self {
        self.slot_heard(name, value, value)
    }

    /// A slot the caller said as `original` and Lex interpreted and resolved as `interpreted`.
    ///
    /// ```
    /// let r = sma_core::testing::BotResult::intent("Book").slot_heard("Nights", "five", "5").build();
    /// let nights = r.slot("Nights").unwrap();
    /// assert_eq!((nights.original(), nights.interpreted()), (Some("five"), Some("5")));
    /// ```
    pub fn slot_heard(mut self, name: &str, original: &str, interpreted: &str) -> Self {
        let slot = Slot::scalar(original, interpreted, [interpreted]);
        self.intent.slots.get_or_insert_with(BTreeMap::new).insert(name.to_owned(), Some(slot));
        self
    }

    /// A slot of the intent that Lex did not fill (`null`).
    pub fn empty_slot(mut self, name: &str) -> Self {
        self.intent.slots.get_or_insert_with(BTreeMap::new).insert(name.to_owned(), None);
        self
    }

    /// A session attribute.
    pub fn session_attribute(mut self, key: &str, value: &str) -> Self {
        self.attributes.insert(key.to_owned(), value.to_owned());
        self
    }

    /// The interpretation's `NluConfidence.Score`, 0.0–1.0 (default 1.0).
    pub fn confidence(mut self, score: f64) -> Self {
        self.confidence = Some(score);
        self
    }

    /// The result, in the shape the service sends (without `SessionId`, which the simulator
    /// fills in).
    pub fn build(self) -> IntentResult {
        let interpretation = Interpretation {
            nlu_confidence: self
                .confidence
                .and_then(Number::from_f64)
                .map(|score| NluConfidence { score: Some(score), extra: Default::default() }),
            intent: Some(self.intent.clone()),
            extra: Default::default(),
        };
        IntentResult {
            session_id: None,
            session_state: Some(LexSessionState {
                session_attributes: Some(self.attributes),
                intent: Some(self.intent),
                extra: Default::default(),
            }),
            interpretations: Some(vec![interpretation]),
            extra: Default::default(),
        }
    }
}

impl From<BotResult> for IntentResult {
    fn from(b: BotResult) -> IntentResult {
        b.build()
    }
}

/// The keys of `result` that the documented shape does not have (`IntentResult.SessionState.
/// Intent.Slots.Pin.value`), each with its path: a result written in Lex's own camelCase
/// instead of the service's PascalCase, say.
pub(super) fn undocumented_keys(result: &IntentResult) -> Vec<String> {
    let mut found = Vec::new();
    let mut extra = |path: &str, map: &Map<String, Value>| {
        found.extend(map.keys().map(|k| format!("{path}.{k}")));
    };
    extra("IntentResult", &result.extra);
    if let Some(state) = &result.session_state {
        extra("IntentResult.SessionState", &state.extra);
        if let Some(intent) = &state.intent {
            intent_keys("IntentResult.SessionState.Intent", intent, &mut extra);
        }
    }
    for (i, interpretation) in result.interpretations.iter().flatten().enumerate() {
        let path = format!("IntentResult.Interpretations[{i}]");
        extra(&path, &interpretation.extra);
        if let Some(n) = &interpretation.nlu_confidence {
            extra(&format!("{path}.NluConfidence"), &n.extra);
        }
        if let Some(intent) = &interpretation.intent {
            intent_keys(&format!("{path}.Intent"), intent, &mut extra);
        }
    }
    found
}

fn intent_keys(path: &str, intent: &Intent, extra: &mut impl FnMut(&str, &Map<String, Value>)) {
    extra(path, &intent.extra);
    for (name, slot) in intent.slots.iter().flatten() {
        if let Some(slot) = slot {
            slot_keys(&format!("{path}.Slots.{name}"), slot, extra);
        }
    }
}

fn slot_keys(path: &str, slot: &Slot, extra: &mut impl FnMut(&str, &Map<String, Value>)) {
    extra(path, &slot.extra);
    if let Some(v) = &slot.value {
        extra(&format!("{path}.Value"), &v.extra);
    }
    for (i, s) in slot.values.iter().flatten().enumerate() {
        slot_keys(&format!("{path}.Values[{i}]"), s, extra);
    }
    for (name, s) in slot.sub_slots.iter().flatten() {
        if let Some(s) = s {
            slot_keys(&format!("{path}.SubSlots.{name}"), s, extra);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_slots_are_undocumented() {
        let lex_own: IntentResult = serde_json::from_value(serde_json::json!({
            "sessionState": {},
            "SessionState": {"Intent": {"Name": "Pin", "Slots": {"pin": {"value": {"interpretedValue": "1"}}}}}
        }))
        .unwrap();
        let keys = undocumented_keys(&lex_own);
        assert!(keys.contains(&"IntentResult.sessionState".to_owned()), "{keys:?}");
        assert!(keys.contains(&"IntentResult.SessionState.Intent.Slots.pin.value".to_owned()));
        assert!(undocumented_keys(&BotResult::intent("Pin").slot("pin", "1").build()).is_empty());
    }
}
