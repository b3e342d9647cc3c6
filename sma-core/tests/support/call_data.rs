//! Call data in every shape, a function that quotes it everywhere, and the check that none of
//! it is found in a text: shared by the privacy tests of the logs and of the recording.
#![allow(dead_code)]

use serde_json::{Value, json};
use sma_core::prelude::*;

pub(crate) const CALLER: &str = "+14155550199";
/// Call data in every shape, and what must not be found of each.
pub(crate) const SECRETS: &[&str] = &[
    "4155550199",
    "4155550188",
    "4155550177",
    "5550166",
    "5550142",
    "account-7788",
    "say \\\"hi\\\"",
    "say \"hi\"",
    "Platinum Member",
    "982451",
    "Dr. Watson",
];

pub(crate) fn event(kind: &str, action_data: Option<Value>) -> Value {
    let mut e = json!({"SchemaVersion": "1.0", "Sequence": 2, "InvocationEventType": kind,
        "CallDetails": {"TransactionId": "tx-0001", "AwsAccountId": "111122223333",
            "AwsRegion": "us-east-1", "SipMediaApplicationId": "sma-0001",
            "TransactionAttributes": {"quote": "say \"hi\" to (415) 555-0166", "tier": "Platinum Member"},
            "Participants": [{"CallId": "leg-a-0001", "ParticipantTag": "LEG-A",
                "To": "+12065550100", "From": CALLER, "Direction": "Inbound",
                "StartTimeInMilliseconds": "1700000000000", "Status": "Connected",
                "SipHeaders": {"Diversion": "<sip:+14155550188@carrier.example>;reason=unconditional",
                    "x-account": "account-7788", "x-case": "panic"}}]}});
    if let Some(data) = action_data {
        e["ActionData"] = data;
    }
    e
}

/// Every event the tests send: a new call, a call update with arguments, a bot result with
/// slots, a failure quoting a number, and three events that cannot be read.
pub(crate) fn events() -> Vec<Vec<u8>> {
    let update = json!({"Type": "CallUpdateRequest", "Parameters": {"Arguments": {"pin": "982451", "callback": "tel:+1-415-555-0177"}}});
    let bot = json!({"Type": "StartBotConversation", "Parameters": {"CallId": "leg-a-0001"},
        "IntentResult": {"SessionId": "leg-a-0001", "SessionState": {"SessionAttributes": {"doctor": "Dr. Watson"},
            "Intent": {"Name": "Book", "Slots": {"Pin": {"Value": {"OriginalValue": "nine eight two four five one",
                "InterpretedValue": "982451", "ResolvedValues": ["982451"]}, "Values": []}}}}}});
    let failed = json!({"Type": "Speak", "Parameters": {"CallId": "leg-a-0001", "Text": "hi"},
        "ErrorType": "SystemException", "ErrorMessage": "could not reach (415) 555-0142"});
    let mut json_number_from = event("NEW_INBOUND_CALL", None);
    json_number_from["CallDetails"]["Participants"][0]["From"] = json!(14155550177u64);
    let mut out: Vec<Vec<u8>> = [
        event("NEW_INBOUND_CALL", None),
        event("CALL_UPDATE_REQUESTED", Some(update)),
        event("ACTION_SUCCESSFUL", Some(bot)),
        event("ACTION_FAILED", Some(failed)),
        json_number_from,
    ]
    .iter()
    .map(|e| serde_json::to_vec(e).expect("JSON"))
    .collect();
    // A lone surrogate escape in a SIP header value, and a truncated body.
    let text = String::from_utf8(out[0].clone()).expect("text");
    out.push(text.replace("account-7788", "account-7788\\ud888").into_bytes());
    out.push(out[0][..out[0].len() / 2].to_vec());
    out
}

/// The handler quotes everything it can reach, in every format, in errors and in speech.
#[on(NewInboundCall)]
async fn leaky(call: Call) -> Result<Actions, String> {
    let attrs = call.attributes();
    Err(format!(
        "lookup failed for {:?} / {:?} / {:?} / {} / tel:+1-415-555-0177 / (415) 555-0166",
        attrs.get("quote"),
        call.leg_a().participant().and_then(|p| p.sip_headers.clone()),
        attrs.get("tier"),
        call.leg_a().from_number().unwrap_or_default(),
    ))
}

#[on(CallUpdateRequested)]
async fn updated(
    call: Call,
    args: Arguments<std::collections::BTreeMap<String, String>>,
) -> Actions {
    call.leg_a()
        .speak(format!("Your PIN is {:?}, we call {:?}", args.get("pin"), args.get("callback")))
        .into()
}

#[on(ActionSuccessful, action = StartBotConversation)]
async fn booked(result: IntentResult) -> Result<Actions, String> {
    let pin = result.slot("Pin").and_then(|s| s.interpreted()).unwrap_or_default();
    Err(format!("booking {pin} with {:?} failed", result.session_attribute("doctor")))
}

#[on(ActionFailed)]
async fn failed(call: Call, error: ActionError) -> Actions {
    call.leg_a().speak(format!("Sorry: {} ({CALLER})", error.message())).into()
}

pub(crate) fn app() -> App {
    App::new(handlers![leaky, updated, booked, failed])
}

/// No secret, nor the digits of a secret number in any format.
#[track_caller]
pub(crate) fn assert_clean(text: &str) {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        let secret_digits: String = secret.chars().filter(char::is_ascii_digit).collect();
        if secret_digits.len() >= 6 {
            assert!(!digits.contains(&secret_digits), "the digits of {secret} leaked:\n{text}");
        }
    }
}
