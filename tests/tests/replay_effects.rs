//! Replay compares what answers do: a port that leaves out the attribute echo and the
//! defaulted parameters of the handler it replaces shows no difference, a real change still
//! does, and strict mode shows the literal differences.

use sma_core::action::CallAndBridge;
use sma_core::prelude::*;
use sma_core::testing::replay::{Replay, read_log};

const CALLEE: &str = "+16505550111";

fn event(kind: &str, data: &str) -> String {
    format!(
        r#"{{"SchemaVersion":"1.0","Sequence":3,"InvocationEventType":"{kind}",{data}"CallDetails":{{"TransactionId":"t-1","TransactionAttributes":{{"callee":"{CALLEE}","origin":"web"}},"AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{{"CallId":"c-a","ParticipantTag":"LEG-A","To":"+14155550199","From":"+12065550100","Direction":"Outbound","StartTimeInMilliseconds":"1700000000000","Status":"Connected"}},{{"CallId":"c-b","ParticipantTag":"LEG-B","To":"{CALLEE}","From":"+12065550100","Direction":"Outbound","StartTimeInMilliseconds":"1700000001000","Status":"Disconnected"}}]}}}}"#
    )
}

/// What a Node click-to-call handler logged: each answer echoes the stored attributes, writes
/// `CallTimeoutSeconds` at its default and a Hangup by tag with the code as a string.
fn log() -> String {
    let attrs = format!(r#""TransactionAttributes":{{"callee":"{CALLEE}","origin":"web"}}"#);
    [
        event("CALL_ANSWERED", ""),
        format!(
            r#"{{"SchemaVersion":"1.0","Actions":[{{"Type":"CallAndBridge","Parameters":{{"CallTimeoutSeconds":30,"CallerIdNumber":"+12065550100","Endpoints":[{{"BridgeEndpointType":"PSTN","Uri":"{CALLEE}"}}]}}}}],{attrs}}}"#
        ),
        event(
            "HANGUP",
            r#""ActionData":{"Type":"Hangup","Parameters":{"CallId":"c-b","ParticipantTag":"LEG-B","SipResponseCode":0}},"#,
        ),
        format!(
            r#"{{"SchemaVersion":"1.0","Actions":[{{"Type":"Hangup","Parameters":{{"ParticipantTag":"LEG-A","SipResponseCode":"0"}}}}],{attrs}}}"#
        ),
    ]
    .join("\n")
}

#[on(CallAnswered)]
async fn answered(call: Call) -> Actions {
    let callee = call.attribute("callee").and_then(|n| E164::parse(n).ok());
    let Some(callee) = callee else { return call.hang_up_all() };
    CallAndBridge::to_pstn(e164!("+12065550100"), callee).into()
}

#[on(Hangup, leg = "LEG-B")]
async fn callee_left(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

#[on(CallAnswered)]
async fn answered_elsewhere(call: Call) -> Response {
    let _ = call;
    Response::from(Actions::from(CallAndBridge::to_pstn(
        e164!("+12065550100"),
        e164!("+16505550199"),
    )))
    .attribute("origin", "app")
}

#[test]
fn a_port_that_does_the_same_thing_has_no_difference() {
    let calls = read_log(&log());
    assert_eq!(calls[0].invocations.len(), 2);
    let report = Replay::from_router(handlers![answered, callee_left]).run(&calls);
    assert!(report.is_same(), "{report}");
}

#[test]
fn strict_mode_shows_the_echo_and_the_defaults() {
    let calls = read_log(&log());
    let report = Replay::from_router(handlers![answered, callee_left]).strict().run(&calls);
    let paths: Vec<String> = report.differences().iter().map(|(_, _, d)| d.path.clone()).collect();
    assert!(paths.contains(&"TransactionAttributes".to_owned()), "{report}");
    assert!(paths.contains(&"Actions[0].Parameters.CallTimeoutSeconds".to_owned()), "{report}");
    assert!(
        paths.iter().any(|p| p.starts_with("Actions[0].Parameters.ParticipantTag")),
        "{report}"
    );
}

#[test]
fn a_real_change_is_still_a_difference_and_printed_whole() {
    let calls = read_log(&log());
    let report = Replay::from_router(handlers![answered_elsewhere, callee_left]).run(&calls);
    let paths: Vec<String> = report.differences().iter().map(|(_, _, d)| d.path.clone()).collect();
    assert_eq!(
        paths,
        ["Actions[0].Parameters.Endpoints[0].Uri", "TransactionAttributes.origin"],
        "{report}"
    );
    let text = report.to_string();
    assert!(text.contains(r#"recorded "web" → now "app""#), "{text}");
}
