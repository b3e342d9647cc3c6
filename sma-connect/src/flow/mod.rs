//! The interpreter flow: the Amazon Connect flow that runs an app through
//! [`ConnectHost`](crate::host::ConnectHost), one block per action, generated as flow-language
//! JSON.
//!
//! The flow invokes the host, stores the call's state from `$.External` into contact
//! attributes, compares `$.External.sma_next` and runs that block, then reports the block's
//! result and invokes the host again. Parameters Connect requires to be static (the input time
//! limit, the transfer timeout) get one block per value the app uses, found in its scenarios
//! ([`Variants::scenario`]). Routes the user declares fixed, and the scenarios show fixed, are
//! written out as plain blocks instead ([`fixed`]).
//!
//! ```
//! use sma_connect::flow::{Variants, interpreter};
//! let mut variants = Variants::default();
//! variants.scenario([(&b""[..], &br#"{"SchemaVersion":"1.0","Actions":[{"Type":"SpeakAndGetDigits",
//!   "Parameters":{"CallId":"c","MaxNumberOfDigits":1,"RepeatDurationInMilliseconds":5000,
//!   "SpeechParameters":{"Text":"Press 1"}}}]}"#[..])]);
//! let flow = interpreter("arn:aws:lambda:us-east-1:111122223333:function:ivr", &variants);
//! let report = sma_connect::check(&flow.to_string());
//! assert!(report.is_ok(), "{:?}", report.problems);
//! assert!(flow.to_string().contains(r#""GetKey 5""#));
//! ```

pub mod fixed;

use crate::host::protocol::*;
use fixed::{Branch, FixedAnswer};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The values of static parameters the app's actions use, one block each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Variants {
    /// Seconds a one-key input waits.
    pub get_key: BTreeSet<u64>,
    /// Seconds a several-key input waits.
    pub get_digits: BTreeSet<u64>,
    /// Seconds a transfer rings.
    pub transfer: BTreeSet<u64>,
    /// Routes written out as plain blocks ([`fixed::fixed_answer`]).
    pub fixed: Vec<FixedAnswer>,
}

impl Variants {
    /// Adds the values the actions of one scenario's responses use (its exchanges: event
    /// bytes, response bytes; the events are not read).
    ///
    /// See the [module](self) documentation for an example.
    pub fn scenario<'a>(
        &mut self,
        exchanges: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
    ) -> &mut Self {
        for (_, response) in exchanges {
            let Ok(response) = serde_json::from_slice::<Value>(response) else { continue };
            for action in response.get("Actions").and_then(Value::as_array).into_iter().flatten() {
                let leg = action
                    .pointer("/Parameters/CallId")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match crate::host::step_of(action, leg) {
                    Some((STEP_GET_KEY, seconds)) => drop(self.get_key.insert(seconds)),
                    Some((STEP_GET_DIGITS, seconds)) => drop(self.get_digits.insert(seconds)),
                    Some((STEP_TRANSFER, seconds)) => drop(self.transfer.insert(seconds)),
                    _ => {}
                }
            }
        }
        self
    }
}

/// The interpreter flow for the Lambda function `lambda_arn` and the static values `variants`,
/// as flow-language JSON (the `Content` of `CreateContactFlow`).
///
/// See the [module](self) documentation for an example.
pub fn interpreter(lambda_arn: &str, variants: &Variants) -> Value {
    let fixed = |branch| variants.fixed.iter().find(|f| f.branch == branch);
    if let Some(start) = fixed(Branch::Start) {
        // The call's first answer ends it: no block calls the Lambda function.
        let mut actions = start.blocks();
        actions.push(json!({"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}));
        return json!({"Version": "2019-10-30", "StartAction": start.first(),
            "Metadata": {"generator": "sma-connect interpreter flow"}, "Actions": actions});
    }
    let dynamic = |key: &str| format!("$.External.{key}");
    let error = |next: &str| json!([{"NextAction": next, "ErrorType": "NoMatchingError"}]);
    let report = |id: &str, attributes: Value| {
        json!({"Identifier": id, "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": attributes, "TargetContact": "Current"},
            "Transitions": {"NextAction": "invoke", "Errors": error("bye")}})
    };
    let state: serde_json::Map<String, Value> =
        STATE.iter().map(|k| (k.to_string(), dynamic(k).into())).collect();
    let mut routes =
        vec![(STEP_SAY.to_owned(), "say".to_owned()), (STEP_PLAY.to_owned(), "play".to_owned())];
    let mut actions = vec![
        json!({"Identifier": "invoke", "Type": "InvokeLambdaFunction",
            "Parameters": {"LambdaFunctionARN": lambda_arn, "InvocationTimeLimitSeconds": INVOCATION_SECONDS.to_string(),
                "InvocationType": "SYNCHRONOUS", "ResponseValidation": {"ResponseType": "STRING_MAP"}},
            "Transitions": {"NextAction": "store", "Errors": error("bye")}}),
        json!({"Identifier": "store", "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": state, "TargetContact": "Current"},
            "Transitions": {"NextAction": "route", "Errors": error("bye")}}),
        json!({"Identifier": "say", "Type": "MessageParticipant", "Parameters": {"SSML": dynamic(SSML)},
            "Transitions": {"NextAction": "done", "Errors": error("failed")}}),
        json!({"Identifier": "play", "Type": "MessageParticipant",
            "Parameters": {"Media": {"Uri": dynamic(MEDIA), "SourceType": "S3", "MediaType": "Audio"}},
            "Transitions": {"NextAction": "done", "Errors": error("failed")}}),
        report("done", json!({RESULT: DONE})),
        report("failed", json!({RESULT: FAILED, ERROR: "NoMatchingError"})),
        json!({"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}),
    ];
    // Only blocks some path reaches: the input results when the app asks for input.
    if !variants.get_key.is_empty() || !variants.get_digits.is_empty() {
        actions.push(report("keys", json!({RESULT: KEYS, DIGITS: "$.StoredCustomerInput"})));
        actions.push(report("no-input", json!({RESULT: NO_INPUT})));
    }
    for (step, one, seconds) in variants
        .get_key
        .iter()
        .map(|s| (STEP_GET_KEY, true, s))
        .chain(variants.get_digits.iter().map(|s| (STEP_GET_DIGITS, false, s)))
    {
        let id = format!("{}-{seconds}", if one { "key" } else { "digits" });
        let mut parameters = json!({"SSML": dynamic(SSML), "InputTimeLimitSeconds": seconds.to_string(),
            "StoreInput": "True", "DTMFConfiguration": {"InputTerminationSequence": "#"}});
        if one {
            parameters["InputValidation"] = json!({"CustomValidation": {"MaximumLength": "1"}});
        }
        actions.push(
            json!({"Identifier": id, "Type": "GetParticipantInput", "Parameters": parameters,
            "Transitions": {"NextAction": "keys", "Errors": [
                {"NextAction": "no-input", "ErrorType": "InputTimeLimitExceeded"},
                {"NextAction": "failed", "ErrorType": "NoMatchingError"}]}}),
        );
        routes.push((format!("{step} {seconds}"), id));
    }
    let failed = fixed(Branch::TransferFailed).filter(|_| !variants.transfer.is_empty());
    let transfer_failed = |error: &str| match failed {
        Some(answer) => answer.first(),
        None => format!("transfer-{error}"),
    };
    match failed {
        Some(answer) => actions.extend(answer.blocks()),
        None if !variants.transfer.is_empty() => {
            for error in ["CallFailed", "ConnectionTimeLimitExceeded"] {
                let id = format!("transfer-{error}");
                actions.push(report(&id, json!({RESULT: FAILED, ERROR: error})));
            }
        }
        None => {}
    }
    for seconds in &variants.transfer {
        let id = format!("transfer-{seconds}");
        actions.push(json!({"Identifier": id, "Type": "TransferParticipantToThirdParty",
            "Parameters": {"ThirdPartyPhoneNumber": dynamic(TO),
                "ThirdPartyConnectionTimeLimitSeconds": seconds.to_string(), "ContinueFlowExecution": "False"},
            "Transitions": {"NextAction": "bye", "Errors": [
                {"NextAction": transfer_failed("CallFailed"), "ErrorType": "CallFailed"},
                {"NextAction": transfer_failed("ConnectionTimeLimitExceeded"), "ErrorType": "ConnectionTimeLimitExceeded"},
                {"NextAction": "failed", "ErrorType": "NoMatchingError"}]}}));
        routes.push((format!("{STEP_TRANSFER} {seconds}"), id));
    }
    routes.push((STEP_HANGUP.to_owned(), "bye".to_owned()));
    routes.push((STEP_END.to_owned(), "bye".to_owned()));
    let conditions: Vec<Value> = routes
        .iter()
        .map(|(value, next)| json!({"NextAction": next, "Condition": {"Operator": "Equals", "Operands": [value]}}))
        .collect();
    actions.push(json!({"Identifier": "route", "Type": "Compare",
        "Parameters": {"ComparisonValue": dynamic(NEXT)},
        "Transitions": {"NextAction": "bye", "Conditions": conditions,
            "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingCondition"}]}}));
    json!({"Version": "2019-10-30", "StartAction": "invoke",
        "Metadata": {"generator": "sma-connect interpreter flow"}, "Actions": actions})
}
