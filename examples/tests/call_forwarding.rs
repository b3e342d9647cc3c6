//! The call-forwarding flow, whole calls in the simulator.

use sma_core::action::SipResponseCode;
use sma_core::testing::Simulator;
use sma_core::{ParticipantTag, e164};
use sma_examples::call_forwarding::{self, Forwarding};
use std::time::Duration;

const CALLER: &str = "+16505550177";
const NUMBER: &str = "+14155550123";

fn call(voicemail: bool) -> Simulator {
    Simulator::new(call_forwarding::app(Forwarding {
        to: e164!("+12065550100"),
        voicemail_bucket: voicemail.then(|| "voicemail-bucket".to_owned()),
        ringback: None,
    }))
}

#[test]
fn the_call_is_forwarded_showing_the_dialled_number() {
    let mut sim = call(true);
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_bridges_to("+12065550100");
    let bridge = sim.actions()[0].clone();
    let params = bridge.parameters().expect("parameters");
    assert_eq!(params["CallerIdNumber"], NUMBER, "the account's number, not the caller's");
    assert_eq!(params["CallTimeoutSeconds"], 30);
    sim.bridge_answers().hangup(ParticipantTag::LegB);
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
}

#[test]
fn the_caller_leaving_hangs_up_the_forwarded_leg() {
    let mut sim = call(true);
    sim.inbound_call(CALLER, NUMBER).bridge_answers().hangup(ParticipantTag::LegA);
    sim.assert_hangs_up(ParticipantTag::LegB, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
}

#[test]
fn nobody_answers_within_30_s_and_the_caller_leaves_a_message() {
    // Held media: the recording runs until the caller presses pound.
    let mut sim = call(true);
    sim.inbound_call(CALLER, NUMBER);
    sim.advance(Duration::from_secs(31));
    sim.assert_speaks("leave a message");
    sim.press("#");
    sim.assert_speaks("Thank you").assert_ended().assert_no_problems();
    let text = sim.transcript().to_string();
    assert!(text.contains("recorded s3://voicemail-bucket/voicemail/"), "{text}");
    assert!(text.contains("(stopped by #)"), "{text}");
}

#[test]
fn without_voicemail_the_caller_hears_an_apology() {
    let mut sim = call(false);
    sim.inbound_call(CALLER, NUMBER).bridge_not_answered();
    sim.assert_speaks("Sorry, nobody can take your call");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
}
