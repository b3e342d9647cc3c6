//! The Lex bot flow, whole calls in the simulator.

use sma_core::action::SipResponseCode;
use sma_core::event::{ErrorType, IntentState};
use sma_core::testing::{BotResult, Simulator};
use sma_core::{Action, ActionType, ParticipantTag};
use sma_examples::lex_bot::{self, ContactCenter};

const BOT: &str = "arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIAS12345";
const VC: &str = "arn:aws:chime:us-east-1:123456789012:vc/abcdefghij1234567890";

fn call() -> Simulator {
    Simulator::new(lex_bot::app(ContactCenter {
        bot_alias_arn: BOT.into(),
        voice_connector_arn: VC.into(),
        queue: "agents".into(),
        business_queue: "business".into(),
    }))
}

fn bridged_to(sim: &Simulator) -> String {
    let bridge = sim.actions().into_iter().find_map(|a| match a {
        Action::CallAndBridge(b) => Some(b.clone()),
        _ => None,
    });
    let endpoints = bridge.expect("a CallAndBridge").endpoints.expect("endpoints");
    endpoints[0].uri.clone().expect("a Uri").into_string()
}

#[test]
fn a_billing_question_goes_to_an_agent_with_the_intent_in_sip_headers() {
    let mut sim = call();
    sim.bot_returns(BotResult::intent("Billing").state(IntentState::ReadyForFulfillment));
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_speaks("Connecting you to an agent");
    assert_eq!(bridged_to(&sim), "agents");
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
    sim.bot_returns(BotResult::intent("Hours"));
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
    sim.bot_returns(BotResult::intent("Agent").state(IntentState::ReadyForFulfillment));
    sim.inbound_call("+16505550177", "+14155550123").bridge_not_answered();
    sim.assert_speaks("something went wrong").assert_ended().assert_no_problems();
}

#[test]
fn a_business_account_goes_to_the_business_queue() {
    let mut sim = call();
    sim.bot_returns(
        BotResult::intent("Billing").state(IntentState::ReadyForFulfillment).slot_heard(
            "AccountType",
            "my company account",
            "Business",
        ),
    );
    sim.inbound_call("+16505550177", "+14155550123");
    assert_eq!(bridged_to(&sim), "business");
    // The Lex session id is the caller's CallId (start-bot-conversation page).
    let result = sim.events()[1].action_data.as_ref().and_then(|d| d.intent_result.clone());
    let leg_a = &sim.events()[0].call_details.participants[0].call_id;
    assert_eq!(result.and_then(|r| r.session_id), Some(leg_a.to_string().into()));
    sim.bridge_answers().hangup(ParticipantTag::LegA).assert_ended().assert_no_problems();
}
