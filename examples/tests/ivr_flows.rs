//! The IVR's call flows, whole calls in the simulator.

use sma_core::ParticipantTag;
use sma_core::action::SipResponseCode;
use sma_core::e164;
use sma_core::event::ErrorType;
use sma_core::testing::Simulator;
use sma_examples::ivr::{self, Directory};

const CALLER: &str = "+16505550177";
const NUMBER: &str = "+14155550123";

fn call() -> Simulator {
    Simulator::new(ivr::app(Directory { sales: e164!("+12065550100"), caller_id: None }))
}

#[test]
fn support_hours_then_goodbye() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("Thanks for calling").assert_speaks("Press 1 for sales");
    sim.press("2");
    sim.assert_speaks("Support is open")
        .assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
}

#[test]
fn zero_repeats_the_menu() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER).press("0");
    sim.assert_speaks("Press 1 for sales");
    sim.press("2").assert_ended().assert_no_problems();
}

#[test]
fn sales_is_bridged_and_the_caller_is_hung_up_when_sales_leaves() {
    let mut sim = call();
    sim.inbound_call("+16505550177", "+14155550123").press("1");
    sim.assert_speaks("Connecting you to sales").assert_bridges_to("+12065550100");
    sim.bridge_answers();
    sim.hangup(ParticipantTag::LegB);
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
    // `cargo test -p sma-examples --test ivr_flows -- --nocapture` shows the call.
    println!("{}\n{}", sim.transcript(), sim.transcript().mermaid());
}

#[test]
fn the_caller_leaves_a_bridged_call() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER).press("1").bridge_answers().hangup(ParticipantTag::LegA);
    sim.assert_hangs_up(ParticipantTag::LegB, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
}

#[test]
fn sales_does_not_answer() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER).press("1").bridge_not_answered();
    sim.assert_speaks("Nobody is available");
    sim.assert_ended().assert_no_problems();
}

#[test]
fn no_valid_choice_after_three_attempts() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER).press("5").stay_silent().press("9");
    sim.assert_speaks("Sorry, goodbye.");
    sim.assert_ended().assert_no_problems();
}

#[test]
fn a_caller_who_waits_too_long_then_presses_a_key() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER);
    sim.stay_silent().stay_silent(); // two 5 s attempts pass without a key
    assert_eq!(sim.transcript().to_string().matches("plays the failure prompt").count(), 2);
    sim.press("2"); // the third and last attempt
    sim.assert_speaks("Support is open").assert_ended().assert_no_problems();
}

#[test]
fn the_greeting_fails_to_play() {
    let mut sim = call();
    sim.fail_next(ErrorType::AccessDenied, "Polly is not allowed").inbound_call(CALLER, NUMBER);
    // No handler for a failed Speak: the documented default ends the call cleanly.
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended();
}

#[test]
fn the_caller_hangs_up_during_the_menu() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER).hangup(ParticipantTag::LegA);
    sim.assert_ended().assert_no_problems();
    println!("{}", sim.transcript());
}

#[test]
fn a_supervisor_announcement_is_read_to_the_caller() {
    let mut sim = call();
    sim.inbound_call(CALLER, NUMBER).press("1").bridge_answers();
    sim.update_call([("announce", "A supervisor will join this call in one minute.")]);
    sim.assert_speaks("A supervisor will join");
    // Any other request leaves the call as it is.
    sim.update_call([("record", "yes")]);
    sim.hangup(ParticipantTag::LegA).assert_ended().assert_no_problems();
}
