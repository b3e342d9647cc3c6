//! The meeting dial-in flow, whole calls in the simulator.

use sma_core::action::SipResponseCode;
use sma_core::testing::Simulator;
use sma_core::{Action, ParticipantTag};
use sma_examples::meeting_dial_in::{self, Meeting, Meetings};
use std::time::Duration;

fn call() -> Simulator {
    let meeting = Meeting { meeting_id: "m-42".into(), join_token: "join-token-1".into() };
    let meetings = Meetings([("123456".to_owned(), meeting)].into());
    let mut sim = Simulator::new(meeting_dial_in::app(meetings));
    sim.inbound_call("+16505550177", "+14155550123");
    sim
}

#[test]
fn the_right_pin_joins_the_meeting() {
    let mut sim = call();
    sim.press("123456");
    sim.assert_speaks("Joining the meeting");
    assert_eq!(
        sim.status(&ParticipantTag::LegB),
        Some(sma_core::event::ParticipantStatus::Connected)
    );
    // A moderator mutes the caller from outside.
    sim.update_call([("operation", "Mute"), ("meeting", "m-42"), ("attendee", "a-7")]);
    let muted = sim.actions().into_iter().any(|a| matches!(a, Action::ModifyChimeMeetingAttendees(m) if m.attendee_list.as_deref() == Some(&["a-7".to_owned()][..])));
    assert!(muted, "{}", sim.transcript());
    // The meeting ends: its leg hangs up, the caller is told.
    sim.hangup(ParticipantTag::LegB);
    sim.assert_speaks("The meeting has ended");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing).assert_ended();
    sim.assert_no_problems();
}

#[test]
fn a_pin_typed_slowly_is_one_input() {
    let mut sim = call();
    sim.press_keys("123").advance(Duration::from_secs(2)).press("456");
    sim.assert_speaks("Joining the meeting");
}

#[test]
fn an_unknown_pin_is_told_and_hung_up() {
    let mut sim = call();
    sim.press("999999");
    sim.assert_speaks("no meeting with this PIN").assert_ended().assert_no_problems();
}

#[test]
fn three_wrong_entries_end_the_call() {
    let mut sim = call();
    sim.press("12#").press("1#").stay_silent();
    sim.assert_speaks("could not connect you").assert_ended();
}

#[test]
fn the_caller_leaving_leaves_the_meeting() {
    let mut sim = call();
    sim.press("123456").hangup(ParticipantTag::LegA);
    // use-cases page: the caller hanging up ends the meeting leg too; the HANGUP shows both
    // legs Disconnected, so nothing is left to hang up.
    let hangup = sim.events().last().expect("the HANGUP");
    assert!(hangup.call_details.participants.iter().all(|p| p.is_disconnected()));
    sim.assert_ended().assert_no_problems();
}
