//! Tracing: one span per invocation, with phone numbers redacted unless the user opts in.

use crate::contract::event::Invocation;

/// The span of one invocation: transaction id, sequence, event type, the action it refers to,
/// the legs, the caller and callee (redacted unless `log_phone_numbers`), and the handler that
/// answered (recorded later).
pub(crate) fn span(inv: &Invocation, log_phone_numbers: bool) -> tracing::Span {
    let redact = |s: &str| if log_phone_numbers { s.to_owned() } else { redact_number(s) };
    let legs: Vec<String> = inv
        .call_details
        .participants
        .iter()
        .map(|p| format!("{}={}", p.tag_name(), p.call_id))
        .collect();
    let caller = inv.leg_a().map(|p| redact(&p.from)).unwrap_or_default();
    let callee = inv.leg_a().map(|p| redact(&p.to)).unwrap_or_default();
    tracing::info_span!(
        "invocation",
        transaction_id = %inv.call_details.transaction_id,
        sequence = inv.sequence,
        event = %inv.event_type,
        action = inv.action_data.as_ref().map(|d| d.type_name().to_owned()),
        legs = %legs.join(","),
        from = %caller,
        to = %callee,
        handler = tracing::field::Empty,
    )
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
    fn redaction_keeps_the_ends() {
        assert_eq!(redact_number("+13125550142"), "+13•••••••42");
        assert_eq!(redact_number("SMA"), "SMA");
    }
}
