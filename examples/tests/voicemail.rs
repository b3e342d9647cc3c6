//! The voicemail flow, whole calls in the simulator.

use sma_core::action::SipResponseCode;
use sma_core::event::ErrorType;
use sma_core::testing::Simulator;
use sma_core::{ActionType, ParticipantTag};
use sma_examples::voicemail::{self, Mailbox, Saved};
use std::time::Duration;

fn call() -> Simulator {
    Simulator::new(voicemail::app(Mailbox { bucket: "voicemail-bucket".into() }))
}

#[test]
fn the_message_is_recorded_and_its_key_kept() {
    let mut sim = call();
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_speaks("leave a message");
    sim.advance(Duration::from_secs(20)).press("#");
    sim.assert_speaks("Your message was saved");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing).assert_ended();
    let saved: Saved = sim.state().expect("attributes").expect("a Saved");
    assert!(saved.message.starts_with("s3://voicemail-bucket/messages/"), "{saved:?}");
    sim.assert_no_problems();
}

#[test]
fn a_caller_who_stops_talking_is_recorded_too() {
    let mut sim = call();
    sim.inbound_call("+16505550177", "+14155550123").stay_silent();
    sim.assert_speaks("Your message was saved").assert_ended().assert_no_problems();
}

#[test]
fn a_message_that_cannot_be_recorded_gets_an_apology() {
    let mut sim = call();
    sim.fail_next_of(
        ActionType::RecordAudio,
        ErrorType::InvalidActionParameter,
        "Upload to S3 failed.",
    );
    sim.inbound_call("+16505550177", "+14155550123");
    sim.assert_speaks("could not be recorded").assert_ended();
}
