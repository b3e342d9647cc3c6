//! The recording-on-demand flow, whole calls in the simulator.

use sma_core::ParticipantTag;
use sma_core::action::SipResponseCode;
use sma_core::e164;
use sma_core::testing::Simulator;
use sma_examples::recording_on_demand::{self, Desk};

fn connected() -> Simulator {
    let desk = Desk { agent: e164!("+12065550100"), recordings: "recordings-bucket".into() };
    let mut sim = Simulator::new(recording_on_demand::app(desk));
    sim.inbound_call("+16505550177", "+14155550123").bridge_answers();
    sim
}

fn last_event(sim: &Simulator) -> String {
    let e = sim.events().last().expect("an event");
    let data = e.action_data.as_deref().map(|d| d.type_name().to_owned()).unwrap_or_default();
    format!("{} {data}", e.event_type)
}

#[test]
fn keys_start_pause_resume_and_stop_the_recording() {
    let mut sim = connected();
    sim.press("*1");
    assert_eq!(last_event(&sim), "ACTION_SUCCESSFUL StartCallRecording");
    let text = sim.transcript().to_string();
    assert!(
        text.contains("call recording s3://recordings-bucket/Amazon-Chime-SMA-Call-Recordings/"),
        "{text}"
    );
    sim.press("*2");
    assert_eq!(last_event(&sim), "ACTION_SUCCESSFUL PauseCallRecording");
    sim.press("*3");
    assert_eq!(last_event(&sim), "ACTION_SUCCESSFUL ResumeCallRecording");
    sim.press("*4");
    assert_eq!(last_event(&sim), "ACTION_SUCCESSFUL StopCallRecording");
    sim.hangup(ParticipantTag::LegB);
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing).assert_ended();
    sim.assert_no_problems();
}

#[test]
fn a_stopped_recording_cannot_start_again() {
    let mut sim = connected();
    sim.press("*1").press("*4").press("*1");
    assert_eq!(last_event(&sim), "ACTION_SUCCESSFUL Speak");
    sim.assert_speaks("Recording is not available");
    let failed =
        sim.events().iter().filter(|e| e.event_type.to_string() == "ACTION_FAILED").count();
    assert_eq!(failed, 1);
}

#[test]
fn pausing_before_starting_fails_without_ending_the_call() {
    let mut sim = connected();
    sim.press("*2");
    sim.assert_speaks("Recording is not available");
    assert!(!sim.is_ended());
}
