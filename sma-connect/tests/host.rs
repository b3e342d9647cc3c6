//! `ConnectHost` on Connect invocations shaped as the docs show them: the state carried in
//! contact attributes, what the app is sent, and the answers the flow reads.

use serde_json::{Map, Value, json};
use sma_connect::host::{ConnectHost, protocol};
use sma_core::prelude::*;
use sma_core::{ActionError, Invocation};
use std::sync::Mutex;

/// The events the app received, in order (type and ErrorType).
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn saw(what: String) {
    SEEN.lock().expect("lock").push(what);
}

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    saw("NEW_INBOUND_CALL".into());
    let mut actions = Actions::from(call.leg_a().speak("One & two"));
    actions.push(call.leg_a().speak("Three"));
    actions
}

#[on(ActionSuccessful)]
async fn next(call: Call, event: Invocation) -> Actions {
    let kind = event.action_data.as_ref().map(|d| d.type_name().to_owned()).unwrap_or_default();
    saw(format!("ACTION_SUCCESSFUL {kind}"));
    match kind.as_str() {
        "Speak" => call.leg_a().record("bucket").into(),
        _ => Actions::new(),
    }
}

#[on(ActionFailed)]
async fn failed(call: Call, error: ActionError) -> Actions {
    saw(format!("ACTION_FAILED {} {}", error.action_type, error.error_type()));
    call.leg_a().hangup().into()
}

#[on(Hangup)]
async fn gone(_call: Call) -> Actions {
    saw("HANGUP".into());
    Actions::new()
}

fn invocation(attributes: &Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"Name": "ContactFlowEvent", "Details": {"Parameters": {}, "ContactData": {
        "ContactId": "c-1", "InitiationMethod": "INBOUND", "Channel": "VOICE", "Attributes": attributes,
        "InstanceARN": "arn:aws:connect:us-east-1:111122223333:instance/i-1",
        "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+16505550177"},
        "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+14155550123"}}}}))
    .expect("JSON")
}

/// One Lambda call, then what the flow's store block keeps of the answer.
async fn call(host: &ConnectHost, attributes: &mut Map<String, Value>) -> Map<String, Value> {
    let answer: Map<String, Value> =
        serde_json::from_slice(&host.handle_slice(&invocation(attributes)).await).expect("a map");
    assert!(answer.values().all(Value::is_string), "a STRING_MAP: {answer:?}");
    for key in protocol::STATE {
        attributes.insert(key.into(), answer[key].clone());
    }
    answer
}

#[tokio::test]
async fn a_list_runs_block_by_block_and_an_action_without_a_block_fails_to_the_app() {
    let host = ConnectHost::new(App::new(handlers![greet, next, failed, gone]));
    let mut attributes = Map::new();
    let answer = call(&host, &mut attributes).await;
    assert_eq!(
        (answer["sma_next"].as_str(), answer["sma_ssml"].as_str()),
        (Some("Say"), Some("<speak>One &amp; two</speak>"))
    );
    // The first Speak done: the second runs without an event (the list goes on).
    attributes.insert(protocol::RESULT.into(), protocol::DONE.into());
    let answer = call(&host, &mut attributes).await;
    assert_eq!(answer["sma_ssml"], "<speak>Three</speak>");
    // The list done: ACTION_SUCCESSFUL; the app answers RecordAudio, which has no block: the
    // app gets ACTION_FAILED for it and hangs up.
    let answer = call(&host, &mut attributes).await;
    assert_eq!(answer["sma_next"], "Hangup");
    attributes.insert(protocol::RESULT.into(), protocol::HUNG_UP.into());
    assert_eq!(call(&host, &mut attributes).await["sma_next"], "End");
    assert_eq!(
        *SEEN.lock().expect("lock"),
        [
            "NEW_INBOUND_CALL",
            "ACTION_SUCCESSFUL Speak",
            "ACTION_FAILED RecordAudio ActionNotSupportedByConnect",
            "HANGUP"
        ]
    );
    assert_eq!(attributes[protocol::SEQUENCE], "4", "one Sequence per event sent");
}

#[tokio::test]
async fn a_body_that_is_not_a_connect_event_is_answered_with_a_hang_up() {
    let host = ConnectHost::new(App::new(handlers![]));
    for body in [&b"not json"[..], br#"{"Records":[]}"#, br#"{"Details":{"ContactData":{}}}"#] {
        let answer: Value = serde_json::from_slice(&host.handle_slice(body).await).expect("JSON");
        assert_eq!(answer, json!({"sma_next": "Hangup"}));
    }
}
