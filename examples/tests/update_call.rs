//! The update-call flow, whole calls in the simulator.

use sma_core::action::SipResponseCode;
use sma_core::testing::Simulator;
use sma_core::{ParticipantTag, e164};
use sma_examples::update_call::{self, Agents, Update};

fn with_agent() -> Simulator {
    let mut sim = Simulator::new(update_call::app(Agents { first: e164!("+12065550100") }));
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_bridges_to("+12065550100");
    sim.bridge_answers();
    sim
}

#[test]
fn an_announcement_is_read_to_the_caller() {
    let mut sim = with_agent();
    // The same type the supervisor's tool sends with `sma_client::update_call`.
    sim.update_call(Update::Announce { text: "Your order has shipped.".into() });
    sim.assert_speaks("Your order has shipped.");
    sim.hangup(ParticipantTag::LegA).assert_ended().assert_no_problems();
}

#[test]
fn the_call_is_taken_back_from_the_agent_and_transferred() {
    let mut sim = with_agent();
    sim.update_call([("action", "transfer"), ("to", "+12065550111")]);
    sim.assert_hangs_up(ParticipantTag::LegB, SipResponseCode::NormalClearing);
    sim.assert_speaks("Transferring you").assert_bridges_to("+12065550111");
    sim.bridge_answers();
    assert!(!sim.is_ended());
    sim.hangup(ParticipantTag::LegB);
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing).assert_ended();
    sim.assert_no_problems();
}

#[test]
fn a_transfer_nobody_answers_ends_with_an_apology() {
    let mut sim = with_agent();
    sim.update_call([("action", "transfer"), ("to", "+12065550111")]);
    sim.bridge_not_answered();
    sim.assert_speaks("nobody is available").assert_ended().assert_no_problems();
}

#[test]
fn the_call_can_be_ended_from_outside() {
    let mut sim = with_agent();
    sim.update_call([("action", "hangup")]);
    sim.assert_ended().assert_no_problems();
}

#[test]
fn an_update_it_does_not_know_is_a_handler_error_answered_by_the_policy() {
    let mut sim = with_agent();
    sim.update_call([("action", "dance")]);
    sim.assert_problem("the arguments do not fit");
}
