//! The gap report on exchanges written by hand: each kind of finding, and that what no
//! scenario exercises is said to be unmeasured.

use serde_json::{Value, json};
use sma_connect::gaps::{Carry, GapReport};
use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    call.leg_a().speak("Hello").into()
}

#[on(DigitsReceived)]
async fn digits(_call: Call) -> Actions {
    Actions::new()
}

#[on(Hangup, leg = "LEG-B")]
async fn other_left(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn event(kind: &str, extra: Value) -> Vec<u8> {
    let mut event = json!({"SchemaVersion": "1.0", "Sequence": 1, "InvocationEventType": kind,
        "CallDetails": {"TransactionId": "t", "AwsAccountId": "1", "AwsRegion": "us-east-1",
        "SipMediaApplicationId": "s", "Participants": [
            {"CallId": "a", "ParticipantTag": "LEG-A", "To": "+14155550123", "From": "+16505550177",
             "Direction": "Inbound", "StartTimeInMilliseconds": "1"},
            {"CallId": "b", "ParticipantTag": "LEG-B", "To": "+12065550100", "From": "+14155550123",
             "Direction": "Outbound", "StartTimeInMilliseconds": "2"}]}});
    if let (Value::Object(e), Value::Object(x)) = (&mut event, extra) {
        e.extend(x);
    }
    serde_json::to_vec(&event).expect("JSON")
}

fn response(actions: Value, attributes: Option<Value>) -> Vec<u8> {
    let mut r = json!({"SchemaVersion": "1.0", "Actions": actions});
    if let Some(a) = attributes {
        r["TransactionAttributes"] = a;
    }
    serde_json::to_vec(&r).expect("JSON")
}

fn report(exchanges: &[(Vec<u8>, Vec<u8>)]) -> String {
    let router = handlers![greet, digits, other_left];
    let mut report = GapReport::new(&router);
    report.scenario("s", exchanges.iter().map(|(e, r)| (&e[..], &r[..])));
    report.to_markdown("test")
}

#[test]
fn each_action_is_classified_with_what_it_drops() {
    let actions = json!([
        {"Type": "Speak", "Parameters": {"CallId": "a", "Text": "Hi", "VoiceId": "Joanna"}},
        {"Type": "SpeakAndGetDigits", "Parameters": {"CallId": "a", "MinNumberOfDigits": 4,
            "MaxNumberOfDigits": 6, "InputDigitsRegex": "^\\d+$", "SpeechParameters": {"Text": "PIN"}}},
        {"Type": "CallAndBridge", "Parameters": {"CallerIdNumber": "+14155550123",
            "Endpoints": [{"BridgeEndpointType": "PSTN", "Uri": "+12065550100"}],
            "SipHeaders": {"X-Team": "sales"}}},
        {"Type": "RecordAudio", "Parameters": {"CallId": "a", "RecordingDestination": {"Type": "S3", "BucketName": "b"}}},
        {"Type": "Hangup", "Parameters": {"CallId": "a", "SipResponseCode": "486"}},
        {"Type": "Hangup", "Parameters": {"CallId": "a", "SipResponseCode": "0"}}
    ]);
    let text = report(&[(event("NEW_INBOUND_CALL", json!({})), response(actions, None))]);
    for line in [
        "| `greet` | Speak | approximate: Play prompt (MessageParticipant, Text or SSML) (drops voice, engine and language per action (Set voice is per contact)) |",
        "| `greet` | SpeakAndGetDigits | approximate: Get customer input (GetParticipantInput; Repeat as a Loop) (drops the digits regex, the minimum number of digits, multi-digit input is stored input, not branches (StoreInput)) |",
        "drops the call after the bridge: the contact ends with the transfer, SIP headers (only User-to-User, outbound to a voice connector))",
        "| `greet` | RecordAudio | none: no block; a voicemail needs the voicemail-express sample or a Lambda |",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // Two hang-ups, one with a SIP code: the route's finding is the worse, with what it drops.
    assert!(text.contains("| `greet` | Hangup | approximate: Disconnect (DisconnectParticipant) (drops the SIP response code) |"), "{text}");
}

#[test]
fn events_without_a_counterpart_and_routes_without_a_scenario_are_named() {
    let hangup_b = json!({"ActionData": {"Type": "Hangup", "Parameters":
        {"CallId": "b", "ParticipantTag": "LEG-B", "SipResponseCode": 0}}});
    let text = report(&[
        (
            event("HANGUP", hangup_b),
            response(json!([{"Type": "Hangup", "Parameters": {"CallId": "a"}}]), None),
        ),
        (event("RINGING", json!({})), response(json!([]), None)),
    ]);
    assert!(text.contains("| `other_left` | Hangup, leg = \"LEG-B\" | s | none: the third party of a transfer hanging up reaches no flow of the contact |"), "{text}");
    assert!(text.contains("| `digits` | DigitsReceived | no scenario | not measured |"), "{text}");
    assert!(text.contains("- Routes no scenario reaches: `digits`, `greet`."), "{text}");
    assert!(text.contains("- Events the scenarios sent that no route handles: RINGING."), "{text}");
}

#[test]
fn attributes_that_contact_attributes_cannot_hold_are_listed() {
    let attributes = json!({"count": 3, "a b": "x", "big": "y".repeat(32_768)});
    let text =
        report(&[(event("NEW_INBOUND_CALL", json!({})), response(json!([]), Some(attributes)))]);
    for found in [
        "scenario \"s\", response 1: the key \"a b\" has characters Connect refuses",
        "scenario \"s\", response 1: the value of \"count\" is not a string",
        "scenario \"s\", response 1: 32781 bytes, over Connect's 32,768",
    ] {
        assert!(text.contains(found), "{found}\n{text}");
    }
}

#[test]
fn a_merge_keeps_the_worse_finding_and_every_dropped_item() {
    let exact = Carry::Exact { to: "x" };
    let a = Carry::Approximate { to: "x", dropped: vec!["one".into()] };
    let b = Carry::Approximate { to: "x", dropped: vec!["two".into(), "one".into()] };
    let none = Carry::None { why: "no" };
    assert_eq!(exact.clone().merge(a.clone()), a);
    assert_eq!(
        a.clone().merge(b),
        Carry::Approximate { to: "x", dropped: vec!["one".into(), "two".into()] }
    );
    assert_eq!(a.merge(none.clone()), none);
}

#[test]
fn a_route_slower_than_the_flow_waits_is_named() {
    use sma_core::prelude::*;
    #[on(NewInboundCall)]
    async fn slow(call: Call) -> Actions {
        tokio::time::sleep(std::time::Duration::from_secs(9)).await;
        call.leg_a().hangup().into()
    }
    #[on(Hangup)]
    async fn quick(_call: Call) -> Actions {
        Actions::new()
    }
    let router = handlers![slow, quick];
    let mut sim = sma_core::testing::Simulator::from_router(handlers![slow, quick]);
    sim.inbound_call("+16505550177", "+14155550123");
    let mut report = GapReport::new(&router);
    report.timing(sim.exchanges().iter().map(|e| (&e.event[..], e.took)));
    let text = report.to_markdown("slow");
    assert!(text.contains("`slow` 9000 ms"), "{text}");
    assert!(text.contains("Over 8 s: `slow`."), "{text}");
}
