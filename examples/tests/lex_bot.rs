//! The Lex bot flow, whole calls in the simulator.

use sma_core::action::SipResponseCode;
use sma_core::event::{ErrorType, IntentResult};
use sma_core::testing::Simulator;
use sma_core::{Action, ActionType, ParticipantTag};
use sma_examples::lex_bot::{self, ContactCenter};

const BOT: &str = "arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIAS12345";
const VC: &str = "arn:aws:chime:us-east-1:123456789012:vc/abcdefghij1234567890";

fn call() -> Simulator {
    Simulator::new(lex_bot::app(ContactCenter {
        bot_alias_arn: BOT.into(),
        voice_connector_arn: VC.into(),
        queue: "agents".into(),
    }))
}

fn intent(name: &str, state: &str) -> IntentResult {
    serde_json::from_value(serde_json::json!({
        "SessionId": "s-1",
        "SessionState": {"Intent": {"Name": name, "State": state}}
    }))
    .expect("an intent result")
}

#[test]
fn a_billing_question_goes_to_an_agent_with_the_intent_in_sip_headers() {
    let mut sim = call();
    sim.bot_returns(intent("Billing", "ReadyForFulfillment"));
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_speaks("Connecting you to an agent");
    let bridge = sim.actions().into_iter().find_map(|a| match a {
        Action::CallAndBridge(b) => Some(b.clone()),
        _ => None,
    });
    let bridge = bridge.expect("a CallAndBridge");
    let endpoint = &bridge.endpoints.as_ref().expect("endpoints")[0];
    assert_eq!(endpoint.arn.as_deref(), Some(VC));
    let headers = bridge.sip_headers.as_ref().expect("SIP headers");
    assert_eq!(headers.header("X-Intent"), Some("Billing"));
    assert_eq!(headers.header("X-Caller"), Some("+16505550177"));
    sim.bridge_answers().hangup(ParticipantTag::LegB);
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing).assert_ended();
    sim.assert_no_problems();
}

#[test]
fn an_answered_question_ends_the_call() {
    let mut sim = call();
    sim.bot_returns(intent("Hours", "Fulfilled"));
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_speaks("Monday to Friday").assert_ended().assert_no_problems();
}

#[test]
fn a_bot_that_fails_gets_an_apology() {
    let mut sim = call();
    sim.fail_next_of(
        ActionType::StartBotConversation,
        ErrorType::ResourceNotFound,
        "No such bot alias.",
    );
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_speaks("something went wrong").assert_ended();
}

#[test]
fn an_agent_who_does_not_answer_gets_an_apology() {
    let mut sim = call();
    sim.bot_returns(intent("Agent", "ReadyForFulfillment"));
    sim.inbound_call("+16505550177", "+14155550123").bridge_not_answered();
    sim.assert_speaks("something went wrong").assert_ended().assert_no_problems();
}
