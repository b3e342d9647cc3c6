//! The response as it is sent: the wire envelope. The checks it passes before it leaves are
//! the rules layer's (`rules/envelope.rs`).

use super::SCHEMA_VERSION;
use crate::contract::action::Action;
use crate::contract::attributes::TransactionAttributes;
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use serde::Serialize;
use sma_macros::DeserializeWire;

/// The response to one invocation as it goes on the wire:
/// `{"SchemaVersion":"1.0","Actions":[…],"TransactionAttributes"?:{…}}`.
///
/// Handlers build a [`Response`](super::Response) (or return [`Actions`](super::Actions)); the
/// framework resolves it against the stored transaction attributes into an `Envelope`
/// ([`Response::resolve`](super::Response::resolve)), checks it ([`Envelope::validate`]) and
/// serializes it. Reading a raw response (another language's handler, a recording) gives an
/// `Envelope` too ([`Envelope::check_json`]).
///
/// `Actions` holds at most 10 actions, run in order. An omitted (or `null`) `Actions` keeps what
/// is left of the running list; `[]` is documented both as "stop the running actions" and as
/// "let the remaining ones run", so the two are kept apart here (`None` vs `Some(vec![])`).
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::action::{Action, Hangup};
/// use sma_core::response::Envelope;
/// let r = Envelope::new(vec![Action::from(Hangup::default())]);
/// assert_eq!(
///     serde_json::to_value(&r).unwrap(),
///     serde_json::json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Hangup", "Parameters": {}}]})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Envelope {
    /// `SchemaVersion`: `"1.0"`.
    pub schema_version: Text,
    /// `Actions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
    /// `TransactionAttributes`: the complete map to store, `{}` to clear, `None` to keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_attributes: Option<TransactionAttributes>,
    /// Fields this version does not know, kept as received (reported by [`Envelope::check`]).
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Envelope {
    /// An envelope with these actions and no change to the transaction attributes.
    pub fn new(actions: Vec<Action>) -> Self {
        Envelope {
            schema_version: Text::from_static(SCHEMA_VERSION),
            actions: Some(actions),
            transaction_attributes: None,
            extra: wire::Extra::new(),
        }
    }

    /// `{"SchemaVersion":"1.0","Actions":[]}`: the answer to events whose response is ignored.
    pub fn empty() -> Self {
        Envelope::new(Vec::new())
    }

    /// The response as compact JSON, as it goes on the wire.
    ///
    /// ```
    /// let bytes = sma_core::response::Envelope::empty().to_vec();
    /// assert_eq!(bytes, br#"{"SchemaVersion":"1.0","Actions":[]}"#);
    /// ```
    pub fn to_vec(&self) -> Vec<u8> {
        // Room for 1 KB: every response in the real-world corpus fits (the largest is 908 bytes),
        // and 1 KB is served from the allocator's per-thread cache (callgrind: 150 to 300
        // instructions less per response than 2 KB). A larger response grows the buffer once.
        let mut out = Vec::with_capacity(1024);
        match wire::to_writer(&mut out, self) {
            Ok(()) => out,
            // The model serializes infallibly (string keys only); were that ever to change,
            // the call still ends cleanly.
            Err(_) => {
                br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{}}]}"#.to_vec()
            }
        }
    }

    /// The actions, in order (none when `Actions` is absent).
    pub fn action_list(&self) -> &[Action] {
        self.actions.as_deref().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn omitted_actions_and_empty_actions_stay_apart() {
        let omitted: Envelope = serde_json::from_value(json!({"SchemaVersion": "1.0"})).unwrap();
        assert_eq!(omitted.actions, None);
        assert_eq!(serde_json::to_value(&omitted).unwrap(), json!({"SchemaVersion": "1.0"}));
        let empty: Envelope =
            serde_json::from_value(json!({"SchemaVersion": "1.0", "Actions": []})).unwrap();
        assert_eq!(empty.actions, Some(vec![]));
    }
}
