//! What the response-check tests share: a call's invocation in a given state, and assertions
//! that a rule is caught, warned about, or not broken.
#![allow(dead_code)]

use serde_json::json;
use sma_core::action::*;
use sma_core::response::{Envelope, Level, Limits, Rule};
use sma_core::rules::ValidationReadings;
use sma_core::{Action, Invocation};

/// `value` changed by `change` (the action structs are `#[non_exhaustive]`).
pub(crate) fn with<T>(mut value: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut value);
    value
}

pub(crate) const A: &str = "call-a";
pub(crate) const B: &str = "call-b";

pub(crate) fn invocation(b_status: Option<&str>) -> Invocation {
    let mut participants = vec![
        json!({"CallId": A, "ParticipantTag": "LEG-A", "To": "+12065550100",
        "From": "+14155550199", "Direction": "Inbound", "StartTimeInMilliseconds": "1700000000000", "Status": "Connected"}),
    ];
    if let Some(status) = b_status {
        participants.push(json!({"CallId": B, "ParticipantTag": "LEG-B", "To": "+16505550111",
            "From": "+12065550100", "Direction": "Outbound", "StartTimeInMilliseconds": "1700000004000", "Status": status}));
    }
    serde_json::from_value(json!({"SchemaVersion": "1.0", "Sequence": 3, "InvocationEventType": "ACTION_SUCCESSFUL",
        "CallDetails": {"TransactionId": "tx", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
            "SipMediaApplicationId": "sma", "Participants": participants}}))
    .expect("invocation")
}

pub(crate) fn found_with(
    limits: &Limits,
    inv: &Invocation,
    actions: Vec<Action>,
) -> Vec<(Rule, String)> {
    match Envelope::new(actions).validate(limits, Some(inv)) {
        Ok(()) => vec![],
        Err(v) => v.into_iter().map(|v| (v.rule, v.location)).collect(),
    }
}

pub(crate) fn found(action: impl Into<Action>) -> Vec<(Rule, String)> {
    found_with(&Limits::CURRENT, &invocation(Some("Connected")), vec![action.into()])
}

#[track_caller]
pub(crate) fn caught(action: impl Into<Action>, rule: Rule, parameter: &str) {
    let v = found(action);
    assert!(
        v.iter().any(|(r, loc)| *r == rule && loc.ends_with(parameter)),
        "expected {rule:?} at {parameter}, found {v:?}"
    );
}

/// A rule that published handlers break: the response goes out (a warning), strict mode rejects.
#[track_caller]
pub(crate) fn warned(action: impl Into<Action>, rule: Rule, parameter: &str) {
    let action = action.into();
    let inv = invocation(Some("Connected"));
    let envelope = Envelope::new(vec![action]);
    assert!(envelope.validate(&Limits::CURRENT, Some(&inv)).is_ok(), "{rule:?} must not reject");
    let review = envelope.review(&Limits::CURRENT, Some(&inv));
    assert!(
        review
            .iter()
            .any(|v| v.rule == rule && v.level() == Level::Warn && v.location.ends_with(parameter)),
        "expected a {rule:?} warning at {parameter}, found {review:?}"
    );
    let strict = Limits {
        readings: ValidationReadings { strict: true, ..ValidationReadings::DEFAULT },
        ..Limits::CURRENT
    };
    assert!(envelope.validate(&strict, Some(&inv)).is_err(), "strict mode rejects {rule:?}");
}

#[track_caller]
pub(crate) fn passes(action: impl Into<Action>) {
    let v = found(action);
    assert!(v.is_empty(), "expected no violation, found {v:?}");
}

/// Passes on a call in the state `inv` shows.
#[track_caller]
pub(crate) fn passes_on(inv: &Invocation, action: impl Into<Action>) {
    let v = found_with(&Limits::CURRENT, inv, vec![action.into()]);
    assert!(v.is_empty(), "expected no violation, found {v:?}");
}

/// A call whose LEG-B is a meeting (the meeting leg shows `"SMA"`, use-cases page).
pub(crate) fn meeting_invocation() -> Invocation {
    let mut inv = invocation(Some("Connected"));
    inv.call_details.participants[1].to = "SMA".into();
    inv
}

/// A value as it would be read from the wire, where it is not checked (the response check is).
pub(crate) fn wire<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).expect("wire value")
}

/// A digits regex as an echo from the wire keeps it (unchecked; the response check is).
pub(crate) fn wire_regex(s: &str) -> DigitsRegex {
    let echo: ReceiveDigits = wire(&json!({"InputDigitsRegex": s}).to_string());
    echo.input_digits_regex.expect("kept")
}

/// A DTMF string as an echo from the wire keeps it.
pub(crate) fn wire_dtmf(s: &str) -> DtmfString {
    let echo: SendDigits = wire(&json!({"Digits": s}).to_string());
    echo.digits.expect("kept")
}

/// A phone number as an echo from the wire keeps it (unchecked; the response check is).
pub(crate) fn wire_e164(s: &str) -> E164 {
    let echo: CallAndBridge = wire(&json!({"CallerIdNumber": s}).to_string());
    echo.caller_id_number.expect("kept")
}

pub(crate) fn audio() -> AudioSource {
    AudioSource::s3("prompts", "menu.wav")
}

pub(crate) fn leg_a() -> Target {
    Target::call(A)
}
