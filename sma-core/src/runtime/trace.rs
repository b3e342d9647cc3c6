//! Tracing: one span per invocation, and the redaction of call data (phone numbers, SIP header
//! values, transaction attribute values) from every line logged, unless the user opts in.

use crate::contract::event::{Invocation, Participant};

/// The span of one invocation: transaction id, sequence, event type, the action it refers to,
/// the legs, the caller and callee (redacted unless `log_call_data`), and the handler that
/// answered (recorded later). The fields are formatted only when a subscriber records the span:
/// with none (or one that filters the span out) the span costs nothing.
pub(crate) fn span(inv: &Invocation, log_call_data: bool) -> tracing::Span {
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
        handler = tracing::field::Empty,
    )
}

/// `LEG-A=<call id>,LEG-B=<call id>`.
struct Legs<'a>(&'a [Participant]);

impl std::fmt::Display for Legs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(f, "{sep}{}={}", p.tag_name(), p.call_id)?;
        }
        Ok(())
    }
}

/// A phone number, shown redacted unless call data is logged in full (the `bool`).
struct Number<'a>(&'a str, bool);

impl std::fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.1 { f.write_str(self.0) } else { f.write_str(&redact_number(self.0)) }
    }
}

/// Removes the call data of one invocation from text that is about to be logged: every phone
/// number, SIP header value and transaction attribute value of the invocation, wherever it
/// appears, and any other run of five or more digits (a number the handler looked up).
#[derive(Debug, Default)]
pub(crate) struct Redactor {
    values: Vec<String>,
}

impl Redactor {
    /// The values of `inv` that must not be logged (none for a redactor that lets all through).
    pub(crate) fn for_invocation(inv: Option<&Invocation>) -> Self {
        let mut values = Vec::new();
        if let Some(inv) = inv {
            for p in &inv.call_details.participants {
                values.push(p.to.clone());
                values.push(p.from.clone());
                values.extend(p.sip_headers.iter().flat_map(|h| h.values().cloned()));
            }
            if let Some(attrs) = &inv.call_details.transaction_attributes {
                for (_, v) in attrs {
                    leaves(v, &mut values);
                }
            }
        }
        // Short values ("1", "en") would mask ordinary words; longest first, so that a value
        // containing another is removed whole.
        values.retain(|v| v.chars().count() >= 3);
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        Redactor { values }
    }

    /// `text` without the invocation's values and without long digit runs.
    pub(crate) fn apply(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for v in &self.values {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), "[redacted]");
            }
        }
        mask_digit_runs(&out)
    }
}

/// Every string and number inside a JSON value (an attribute another handler stored as JSON).
fn leaves(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
        serde_json::Value::Bool(_) | serde_json::Value::Null => {}
    }
}

/// Masks every run of five or more digits (separators ` `, `-`, `.`, `(`, `)` inside a run are
/// part of it), keeping its first two and last two digits.
fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digits, with single separators between them.
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                end = j + 1;
                j += 1;
            } else if " -.()".contains(chars[j])
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[i..end].iter().collect();
        if run.chars().filter(char::is_ascii_digit).count() >= 5 {
            out.push_str(&redact_number(&run));
        } else {
            out.push_str(&run);
        }
        i = end;
    }
    out
}

/// Keeps the `+`, the first two and the last two digits: `+12•••••••87`.
pub(crate) fn redact_number(s: &str) -> String {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits < 6 {
        return s.to_owned();
    }
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen <= 2 || seen > digits - 2 { c } else { '•' }
            } else {
                c
            }
        })
        .collect()
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

    #[test]
    fn redaction_keeps_the_ends() {
        assert_eq!(redact_number("+13125550142"), "+13•••••••42");
        assert_eq!(redact_number("SMA"), "SMA");
    }
}
