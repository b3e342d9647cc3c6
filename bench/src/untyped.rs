//! The IVR over `serde_json::Value`: the event parsed into a `Value`, fields looked up by
//! name, the response built with `json!`. The way most Python and Node handlers are written.

use crate::{SALES, is_e164, text};
use serde_json::{Value, json};

fn menu(call_id: &str) -> Value {
    json!({"Type": "SpeakAndGetDigits", "Parameters": {
        "CallId": call_id,
        "SpeechParameters": {"Text": text::MENU},
        "FailureSpeechParameters": {"Text": text::RETRY},
        "InputDigitsRegex": "^[0-2]$",
        "MinNumberOfDigits": 1,
        "MaxNumberOfDigits": 1,
        "Repeat": 3,
        "RepeatDurationInMilliseconds": 5000
    }})
}

fn speak(call_id: &str, text: &str) -> Value {
    json!({"Type": "Speak", "Parameters": {"CallId": call_id, "Text": text}})
}

fn hangup(call_id: &str) -> Value {
    json!({"Type": "Hangup", "Parameters": {"CallId": call_id, "SipResponseCode": 0}})
}

/// Answers one event (bytes in, bytes out); an event it cannot read gets a bare `Hangup`.
///
/// ```
/// let answer = sma_bench::untyped::answer(sma_bench::EVENTS[0].1);
/// let v: serde_json::Value = serde_json::from_slice(&answer).unwrap();
/// assert_eq!(v["Actions"][1]["Type"], "SpeakAndGetDigits");
/// ```
pub fn answer(bytes: &[u8]) -> Vec<u8> {
    let Ok(event) = serde_json::from_slice::<Value>(bytes) else {
        return br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{}}]}"#
            .to_vec();
    };
    let empty = Vec::new();
    let parts = event["CallDetails"]["Participants"].as_array().unwrap_or(&empty);
    let leg_a = parts
        .iter()
        .find(|p| p["ParticipantTag"].as_str().is_some_and(|t| t.eq_ignore_ascii_case("LEG-A")));
    let caller = leg_a.and_then(|p| p["CallId"].as_str()).unwrap_or("");
    let data = &event["ActionData"];
    let kind = data["Type"].as_str().unwrap_or("");
    let actions = match (event["InvocationEventType"].as_str().unwrap_or(""), kind) {
        ("NEW_INBOUND_CALL", _) => Some(json!([speak(caller, text::GREETING), menu(caller)])),
        ("ACTION_SUCCESSFUL", "SpeakAndGetDigits") => match data["ReceivedDigits"].as_str() {
            Some("1") => {
                let own = leg_a.and_then(|p| p["To"].as_str()).filter(|n| is_e164(n));
                Some(json!([speak(caller, text::SALES), {"Type": "CallAndBridge", "Parameters": {
                    "CallTimeoutSeconds": 30,
                    "CallerIdNumber": own.unwrap_or(SALES),
                    "Endpoints": [{"BridgeEndpointType": "PSTN", "Uri": SALES}]
                }}]))
            }
            Some("2") => Some(json!([speak(caller, text::SUPPORT), hangup(caller)])),
            _ => Some(json!([menu(caller)])),
        },
        ("ACTION_FAILED", "SpeakAndGetDigits") => {
            Some(json!([speak(caller, text::GOODBYE), hangup(caller)]))
        }
        ("ACTION_FAILED", "CallAndBridge") => {
            let text = match data["ErrorType"].as_str() {
                Some("CallNotAnswered") => text::NOBODY,
                _ => text::CANNOT,
            };
            Some(json!([speak(caller, text), hangup(caller)]))
        }
        ("HANGUP", _) => Some(Value::Array(
            parts
                .iter()
                .filter(|p| p["Status"].as_str() != Some("Disconnected"))
                .filter_map(|p| p["CallId"].as_str())
                .map(hangup)
                .collect(),
        )),
        ("CALL_UPDATE_REQUESTED", _) => data["Parameters"]["Arguments"]["announce"]
            .as_str()
            .map(|text| json!([speak(caller, text)])),
        ("ACTION_SUCCESSFUL" | "DIGITS_RECEIVED", _) => None,
        _ => Some(json!([])),
    };
    let mut response = json!({"SchemaVersion": "1.0"});
    if let Some(actions) = actions {
        response["Actions"] = actions;
    }
    serde_json::to_vec(&response).expect("a response serializes")
}
