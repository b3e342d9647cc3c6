//! The IVR over purpose-built owned serde structs: what a careful team writes by hand. The
//! structs hold only what the IVR reads (serde skips the rest), and the actions are
//! `#[derive(Serialize)]` enums. Nothing is validated and unknown fields are not kept.

use crate::{SALES, is_e164, text};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The event, as far as the IVR reads it.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Event {
    invocation_event_type: String,
    #[serde(default)]
    action_data: Option<ActionData>,
    call_details: CallDetails,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ActionData {
    #[serde(rename = "Type")]
    kind: String,
    #[serde(default)]
    parameters: Option<Parameters>,
    #[serde(default)]
    received_digits: Option<String>,
    #[serde(default)]
    error_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Parameters {
    #[serde(default)]
    arguments: Option<HashMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CallDetails {
    participants: Vec<Participant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Participant {
    call_id: String,
    #[serde(default)]
    participant_tag: Option<String>,
    to: String,
    #[serde(default)]
    status: Option<String>,
}

/// The response.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Response<'a> {
    schema_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<Vec<Action<'a>>>,
}

#[derive(Serialize)]
#[serde(tag = "Type", content = "Parameters")]
enum Action<'a> {
    Speak {
        #[serde(rename = "CallId")]
        call_id: &'a str,
        #[serde(rename = "Text")]
        text: &'a str,
    },
    SpeakAndGetDigits(Menu<'a>),
    CallAndBridge(Bridge<'a>),
    Hangup {
        #[serde(rename = "CallId")]
        call_id: &'a str,
        #[serde(rename = "SipResponseCode")]
        sip_response_code: u16,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Menu<'a> {
    call_id: &'a str,
    speech_parameters: Prompt,
    failure_speech_parameters: Prompt,
    input_digits_regex: &'static str,
    min_number_of_digits: u8,
    max_number_of_digits: u8,
    repeat: u8,
    repeat_duration_in_milliseconds: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Prompt {
    text: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Bridge<'a> {
    call_timeout_seconds: u16,
    caller_id_number: &'a str,
    endpoints: [Endpoint<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Endpoint<'a> {
    bridge_endpoint_type: &'static str,
    uri: &'a str,
}

fn menu(call_id: &str) -> Action<'_> {
    Action::SpeakAndGetDigits(Menu {
        call_id,
        speech_parameters: Prompt { text: text::MENU },
        failure_speech_parameters: Prompt { text: text::RETRY },
        input_digits_regex: "^[0-2]$",
        min_number_of_digits: 1,
        max_number_of_digits: 1,
        repeat: 3,
        repeat_duration_in_milliseconds: 5000,
    })
}

fn speak<'a>(call_id: &'a str, text: &'a str) -> Action<'a> {
    Action::Speak { call_id, text }
}

fn hangup(call_id: &str) -> Action<'_> {
    Action::Hangup { call_id, sip_response_code: 0 }
}

/// Answers one event (bytes in, bytes out); an event it cannot read gets a bare `Hangup`
/// (what a hand-written handler typically does).
///
/// ```
/// let answer = sma_bench::typed::answer(sma_bench::EVENTS[2].1);
/// let v: serde_json::Value = serde_json::from_slice(&answer).unwrap();
/// assert_eq!(v["Actions"][0]["Type"], "Hangup");
/// ```
pub fn answer(bytes: &[u8]) -> Vec<u8> {
    let Ok(event) = serde_json::from_slice::<Event>(bytes) else {
        return br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{}}]}"#
            .to_vec();
    };
    let mut out = Vec::with_capacity(512);
    serde_json::to_writer(&mut out, &respond(&event)).expect("a response serializes");
    out
}

/// The IVR's answer to `event`.
///
/// ```
/// let event = serde_json::from_slice(sma_bench::EVENTS[0].1).unwrap();
/// let response = sma_bench::typed::respond(&event);
/// assert!(serde_json::to_string(&response).unwrap().contains("SpeakAndGetDigits"));
/// ```
pub fn respond(event: &Event) -> Response<'_> {
    let parts = &event.call_details.participants;
    let leg_a = parts
        .iter()
        .find(|p| p.participant_tag.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("LEG-A")));
    let caller = leg_a.map_or("", |p| p.call_id.as_str());
    let action = event.action_data.as_ref();
    let kind = action.map_or("", |a| a.kind.as_str());
    let actions = match (event.invocation_event_type.as_str(), kind) {
        ("NEW_INBOUND_CALL", _) => Some(vec![speak(caller, text::GREETING), menu(caller)]),
        ("ACTION_SUCCESSFUL", "SpeakAndGetDigits") => {
            match action.and_then(|a| a.received_digits.as_deref()) {
                Some("1") => {
                    let own = leg_a.map(|p| p.to.as_str()).filter(|n| is_e164(n));
                    Some(vec![
                        speak(caller, text::SALES),
                        Action::CallAndBridge(Bridge {
                            call_timeout_seconds: 30,
                            caller_id_number: own.unwrap_or(SALES),
                            endpoints: [Endpoint { bridge_endpoint_type: "PSTN", uri: SALES }],
                        }),
                    ])
                }
                Some("2") => Some(vec![speak(caller, text::SUPPORT), hangup(caller)]),
                _ => Some(vec![menu(caller)]),
            }
        }
        ("ACTION_FAILED", "SpeakAndGetDigits") => {
            Some(vec![speak(caller, text::GOODBYE), hangup(caller)])
        }
        ("ACTION_FAILED", "CallAndBridge") => {
            let text = match action.and_then(|a| a.error_type.as_deref()) {
                Some("CallNotAnswered") => text::NOBODY,
                _ => text::CANNOT,
            };
            Some(vec![speak(caller, text), hangup(caller)])
        }
        ("HANGUP", _) => Some(
            parts
                .iter()
                .filter(|p| p.status.as_deref() != Some("Disconnected"))
                .map(|p| hangup(&p.call_id))
                .collect(),
        ),
        ("CALL_UPDATE_REQUESTED", _) => action
            .and_then(|a| a.parameters.as_ref())
            .and_then(|p| p.arguments.as_ref())
            .and_then(|args| args.get("announce"))
            .map(|text| vec![speak(caller, text)]),
        ("ACTION_SUCCESSFUL" | "DIGITS_RECEIVED", _) => None,
        _ => Some(Vec::new()),
    };
    Response { schema_version: "1.0", actions }
}
