//! `ConnectHost` on a contact started with `StartOutboundVoiceContact`: its `Attributes` reach
//! the app as NEW_OUTBOUND_CALL's `ArgumentsMap`, RINGING follows, and the actions answered to
//! CALL_ANSWERED run (the flow starts once the callee answered).

use serde_json::{Value, json};
use sma_connect::host::ConnectHost;
use sma_core::prelude::*;
use std::sync::Mutex;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[on(NewOutboundCall)]
async fn placed(call: Call, event: sma_core::Invocation) -> Actions {
    let arguments = event.action_data.as_ref().map(|d| serde_json::to_string(d).expect("JSON"));
    SEEN.lock().expect("lock").push(format!("NEW_OUTBOUND_CALL {}", arguments.unwrap_or_default()));
    // Ignored by the service, and so by the host.
    call.leg_a().hangup().into()
}

#[on(Ringing)]
async fn ringing(_call: Call) -> Actions {
    SEEN.lock().expect("lock").push("RINGING".into());
    Actions::new()
}

#[on(CallAnswered)]
async fn answered(call: Call, event: sma_core::Invocation) -> Actions {
    let direction = event.leg_a().map(|p| format!("{:?}", p.direction));
    SEEN.lock().expect("lock").push(format!("CALL_ANSWERED {}", direction.unwrap_or_default()));
    call.leg_a().speak("Your appointment is tomorrow.").into()
}

#[tokio::test]
async fn an_api_contact_starts_as_an_outbound_call_with_its_attributes_as_arguments() {
    let host = ConnectHost::new(App::new(handlers![placed, ringing, answered]));
    let attributes = json!({"appointment": "tomorrow"});
    let event = json!({"Name": "ContactFlowEvent", "Details": {"Parameters": {}, "ContactData": {
        "ContactId": "c-9", "InitiationMethod": "API", "Channel": "VOICE", "Attributes": attributes,
        "InstanceARN": "arn:aws:connect:us-east-1:111122223333:instance/i-1",
        "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+16505550177"},
        "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+14155550123"}}}});
    let answer = host.handle_slice(&serde_json::to_vec(&event).expect("JSON")).await;
    let answer: Value = serde_json::from_slice(&answer).expect("a map");
    assert_eq!(answer["sma_next"], "Say");
    assert_eq!(answer["sma_ssml"], "<speak>Your appointment is tomorrow.</speak>");
    let seen = SEEN.lock().expect("lock").clone();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen[0].starts_with("NEW_OUTBOUND_CALL")
            && seen[0].contains(r#""Type":"CallCreateRequest""#)
            && seen[0].contains(r#""Arguments":{"appointment":"tomorrow"}"#),
        "{seen:?}"
    );
    assert_eq!(seen[1..], ["RINGING".to_owned(), "CALL_ANSWERED Outbound".to_owned()]);
}
