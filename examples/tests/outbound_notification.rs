//! The outbound-notification flow, whole calls in the simulator.

use sma_core::ParticipantTag;
use sma_core::action::SipResponseCode;
use sma_core::testing::Simulator;
use sma_examples::outbound_notification::{self, Notice};

const FROM: &str = "+14155550123";
const TO: &str = "+16505550177";

fn placed() -> Simulator {
    let mut sim = Simulator::new(outbound_notification::app());
    sim.outbound_call(FROM, TO, Notice::new("Your appointment is tomorrow at 10.", "A-17"));
    sim
}

fn outcome(sim: &Simulator) -> String {
    sim.state::<Notice>().expect("attributes").expect("a Notice").outcome
}

#[test]
fn the_callee_hears_the_message_and_confirms() {
    let mut sim = placed();
    assert_eq!(outcome(&sim), "calling", "the notice is kept from NEW_OUTBOUND_CALL");
    sim.answer();
    sim.assert_speaks("Your appointment is tomorrow at 10.").assert_speaks("Press 1 to confirm");
    sim.press("1");
    sim.assert_speaks("confirmed");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing).assert_ended();
    assert_eq!(outcome(&sim), "confirmed");
    sim.assert_no_problems();
}

#[test]
fn the_callee_cancels() {
    let mut sim = placed();
    sim.answer().press("2");
    sim.assert_speaks("cancelled").assert_ended();
    assert_eq!(outcome(&sim), "cancelled");
}

#[test]
fn a_callee_who_does_not_reply_is_recorded_as_such() {
    let mut sim = placed();
    sim.answer().stay_silent().stay_silent();
    sim.assert_ended();
    assert_eq!(outcome(&sim), "no reply");
}

#[test]
fn a_call_nobody_answers_keeps_its_outcome_calling() {
    let mut sim = placed();
    sim.no_answer();
    sim.assert_ended().assert_no_problems();
    assert_eq!(outcome(&sim), "calling");
    let hangup = sim.events().last().expect("HANGUP");
    let code = match hangup.action_data.as_deref().and_then(|d| d.as_action()) {
        Some(sma_core::Action::Hangup(h)) => h.sip_response_code,
        _ => None,
    };
    assert_eq!(code, Some(SipResponseCode::Unavailable), "not answered: SIP 480");
}
