//! Tracing: one span per invocation, and the redaction of call data (phone numbers, SIP header
//! values, transaction attribute values) from every line logged, unless the user opts in.

use super::redact::{CallValues, MaskedNumber, mask_number};
use crate::contract::event::{Invocation, Participant};

/// The span of one invocation: transaction id, sequence, event type, the action it refers to,
/// the legs, the caller and callee (redacted unless `log_call_data`), and the handler that
/// answers (none when no route or fallback does). A subscriber that records the span (Lambda
/// mode's does, at INFO) formats its fields once, when it is made.
pub(crate) fn span(inv: &Invocation, log_call_data: bool, handler: Option<&str>) -> tracing::Span {
    let leg_a = inv.leg_a();
    tracing::info_span!(
        "invocation",
        transaction_id = %inv.call_details.transaction_id,
        sequence = inv.sequence,
        event = %inv.event_type,
        action = inv.action_data.as_ref().map(|d| d.type_name()),
        legs = %Legs(&inv.call_details.participants),
        from = %Number(leg_a.map_or("", |p| p.from.as_str()), log_call_data),
        to = %Number(leg_a.map_or("", |p| p.to.as_str()), log_call_data),
        handler,
    )
}

/// `LEG-A=<call id>,LEG-B=<call id>`.
struct Legs<'a>(&'a [Participant]);

impl std::fmt::Display for Legs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Pieces, not `write!`: the span of every invocation formats this.
        for (i, p) in self.0.iter().enumerate() {
            f.write_str(if i == 0 { "" } else { "," })?;
            f.write_str(p.tag_name())?;
            f.write_str("=")?;
            f.write_str(p.call_id.as_str())?;
        }
        Ok(())
    }
}

/// A phone number, shown redacted unless call data is logged in full (the `bool`).
struct Number<'a>(&'a str, bool);

impl std::fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.1 { f.write_str(self.0) } else { MaskedNumber(self.0).fmt(f) }
    }
}

/// Removes the call data of one invocation from text that is about to be logged: every value
/// of the call wherever it appears (in the forms of [`super::redact`]), and any other number
/// shape of five or more digits (a number the handler looked up), masked to its ends.
#[derive(Debug, Default)]
pub(crate) struct Redactor {
    values: CallValues,
}

impl Redactor {
    /// The values of `inv` that must not be logged (only number shapes without one).
    pub(crate) fn for_invocation(inv: Option<&Invocation>) -> Self {
        let event = inv.and_then(|inv| serde_json::to_value(inv).ok());
        Redactor { values: event.map(|e| CallValues::of_event(&e)).unwrap_or_default() }
    }

    /// `text` without the invocation's values and without long numbers.
    pub(crate) fn apply(&self, text: &str) -> String {
        self.values.replace(text, 5, |_| "[redacted]".to_owned(), mask_number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invocations_values_and_long_numbers_are_removed() {
        let inv: Invocation = serde_json::from_value(serde_json::json!({
            "SchemaVersion": "1.0", "Sequence": 1, "InvocationEventType": "NEW_INBOUND_CALL",
            "CallDetails": {"TransactionId": "t", "AwsAccountId": "1", "AwsRegion": "r",
                "SipMediaApplicationId": "s", "TransactionAttributes": {"pin": "secret-pin"},
                "Participants": [{"CallId": "c", "ParticipantTag": "LEG-A", "To": "+12065550100",
                    "From": "+14155550199", "Direction": "Inbound", "StartTimeInMilliseconds": "1",
                    "SipHeaders": {"X-Account": "acct-7788"}}]}}))
        .unwrap();
        let r = Redactor::for_invocation(Some(&inv));
        let text = r.apply(
            "lookup of +14155550199 (acct-7788, secret-pin) failed; call +1 650 555 0111 at 9",
        );
        assert_eq!(
            text,
            "lookup of [redacted] ([redacted], [redacted]) failed; call +1 6•• ••• ••11 at 9"
        );
    }
}
