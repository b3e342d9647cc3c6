//! The simulator does what the service does: one scenario per documented behaviour the model
//! once got wrong, each citing its page, and the readings and capabilities named in the
//! `testing` docs.

use sma_core::action::*;
use sma_core::event::{ErrorType, EventType, ParticipantStatus};
use sma_core::prelude::*;
use sma_core::testing::{MediaTiming, RecordingSilence, ServiceReadings, Simulator};
use std::time::Duration;
use support::flows::meeting;

mod support;

const CALLER: &str = "+14155550199";
const NUMBER: &str = "+12065550100";

fn kinds(sim: &Simulator) -> Vec<EventType> {
    sim.events().iter().map(|e| e.event_type.clone()).collect()
}

fn count(sim: &Simulator, kind: EventType) -> usize {
    kinds(sim).into_iter().filter(|k| *k == kind).count()
}

mod listener {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn listen(call: Call) -> Actions {
        let r = ReceiveDigits::new(regex!(r"\d"), Duration::from_secs(1), Duration::from_secs(5));
        let a = call.leg_a();
        Actions::new().then(r.on(a.target())).then(a.pause(Duration::from_secs(30)))
    }

    #[on(DigitsReceived)]
    pub(crate) async fn heard(call: Call, digits: Digits) -> Actions {
        call.leg_a().speak(format!("heard [{}]", digits.as_str())).into()
    }
}

/// listen-to-digits: "InBetweenDigitsDurationInMilliseconds: interval between digits before
/// checking to see if the input matches the regular expression pattern".
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html
#[test]
fn receive_digits_checks_the_keys_after_the_in_between_interval() {
    let mut sim = Simulator::from_router(handlers![listener::listen, listener::heard]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    // `\d` matches any one key: checked key by key, 123 would give three events.
    sim.press("123");
    assert_eq!(count(&sim, EventType::DigitsReceived), 1, "{}", sim.transcript());
    sim.assert_speaks("heard [123]");
    // Keys less than the interval apart are one input; the check waits for the gap.
    sim.press_keys("4").advance(Duration::from_millis(600)).press_keys("5");
    assert_eq!(count(&sim, EventType::DigitsReceived), 1);
    sim.advance(Duration::from_millis(1000));
    assert_eq!(count(&sim, EventType::DigitsReceived), 2);
    sim.assert_speaks("heard [45]");
}

/// use-cases: when the caller hangs up a call joined to a meeting, the HANGUP shows both legs
/// Disconnected and the call ends; the handler has nothing left to hang up.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/use-cases.html
#[test]
fn a_meeting_caller_who_hangs_up_leaves_no_leg_behind() {
    let mut sim = Simulator::from_router(handlers![meeting::join, meeting::joined, meeting::left]);
    sim.inbound_call(CALLER, NUMBER);
    assert!(sim.in_meeting());
    sim.hangup(ParticipantTag::LegA);
    let hangup = sim.events().last().expect("HANGUP");
    assert_eq!(hangup.event_type, EventType::Hangup);
    assert!(hangup.call_details.participants.iter().all(|p| p.is_disconnected()));
    assert_eq!(hangup.call_details.participants.len(), 2);
    sim.assert_ended().assert_no_problems();
}

mod bridged {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn bridge(_call: Call) -> CallAndBridge {
        CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"))
    }

    #[on(ActionSuccessful, action = CallAndBridge)]
    pub(crate) async fn bridged(_call: Call) -> Actions {
        Actions::new()
    }

    #[on(ActionFailed, action = CallAndBridge)]
    pub(crate) async fn failed(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("failed: {}", error.message()))).then(a.hangup())
    }
}

/// mute-unmute: ModifyChimeMeetingAttendees fails with InvalidActionParameter when the call is
/// not connected to a meeting (here LEG-B is a PSTN bridge).
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/mute-unmute.html
#[test]
fn muting_attendees_on_a_pstn_bridge_fails() {
    let mut sim = Simulator::from_router(handlers![
        bridged::bridge,
        bridged::bridged,
        meeting::mute,
        meeting::not_muted
    ]);
    // The check refuses this answer before it leaves; sent anyway, the service fails it.
    sim.send_rejected_responses();
    sim.inbound_call(CALLER, NUMBER).bridge_answers();
    sim.update_call([("mute", "a-1")]);
    sim.assert_speaks("not muted: InvalidActionParameter");
    assert!(!sim.is_muted("a-1"));
}

mod first {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Actions {
        call.leg_a().speak("Hello.").into()
    }

    #[on(ActionFailed)]
    pub(crate) async fn failed(call: Call) -> Actions {
        call.leg_a().hangup().into()
    }
}

/// pstn-invocations: `Status` is absent only on NEW_INBOUND_CALL, NEW_OUTBOUND_CALL and
/// RINGING; the caller is Connected once an action answered the call, even a failing one.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html
#[test]
fn a_failing_first_action_reports_the_caller_connected() {
    let mut sim = Simulator::from_router(handlers![first::greet, first::failed]);
    sim.fail_next_of(ActionType::Speak, ErrorType::AccessDenied, "no role");
    sim.inbound_call(CALLER, NUMBER);
    let failed = &sim.events()[1];
    assert_eq!(failed.event_type, EventType::ActionFailed);
    let leg_a = &failed.call_details.participants[0];
    assert_eq!(leg_a.status, Some(ParticipantStatus::Connected));
    sim.assert_ended();
}

/// update-sip-call: UpdateSipMediaApplicationCall reaches a live transaction only; after the
/// call ended it changes nothing, and the test is told.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html
#[test]
fn an_update_after_the_call_ended_is_a_problem_and_sends_nothing() {
    let mut sim = Simulator::from_router(handlers![first::greet, first::failed]);
    sim.inbound_call(CALLER, NUMBER).hangup(ParticipantTag::LegA);
    let sent = sim.events().len();
    sim.update_call([("cancel", "yes")]);
    assert_eq!(sim.events().len(), sent, "no CALL_UPDATE_REQUESTED after the end");
    sim.assert_problem("UpdateSipMediaApplicationCall after the call ended");
}

#[test]
fn keys_and_hang_ups_after_the_end_are_problems() {
    let mut sim = Simulator::from_router(handlers![first::greet, first::failed]);
    sim.inbound_call(CALLER, NUMBER).hangup(ParticipantTag::LegA);
    sim.press("1");
    sim.assert_problem("keys after the call ended");
    sim.hangup(ParticipantTag::LegA);
    sim.assert_problem("a hang-up after the call ended");
}

mod talk {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("Thanks for calling.")).then(a.hangup())
    }
}

/// Speech takes time: the clock moves by the text's length at the stated rate.
#[test]
fn speech_takes_the_time_of_its_text() {
    let mut sim = Simulator::from_router(handlers![talk::greet]);
    let start = sim.now_ms();
    sim.inbound_call(CALLER, NUMBER);
    let spoken = MediaTiming::default().speech("Thanks for calling.");
    assert_eq!(sim.now_ms() - start, spoken.as_millis() as u64);
    sim.assert_ended();

    let mut slow = Simulator::from_router(handlers![talk::greet]);
    slow.media_timing(MediaTiming { speech_characters_per_second: 5, ..MediaTiming::default() });
    let start = slow.now_ms();
    slow.inbound_call(CALLER, NUMBER);
    assert_eq!(slow.now_ms() - start, 3800, "19 characters at 5 a second");
}

mod recorder {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn record(call: Call) -> RecordAudio {
        call.leg_a().record("bucket")
    }

    #[on(ActionSuccessful, action = RecordAudio)]
    pub(crate) async fn recorded(call: Call) -> Actions {
        call.leg_a().hangup().into()
    }
}

/// record-audio: without SilenceDurationInSeconds, the table says 200 s and the text says off.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/record-audio.html
#[test]
fn silence_without_a_duration_follows_the_chosen_reading() {
    let mut off = Simulator::from_router(handlers![recorder::record, recorder::recorded]);
    off.inbound_call(CALLER, NUMBER).stay_silent();
    assert!(!off.is_ended(), "the text's reading: silence does not end the recording");

    let mut table = Simulator::from_router(handlers![recorder::record, recorder::recorded]);
    table.readings(ServiceReadings {
        recording_silence: RecordingSilence::After200s,
        ..ServiceReadings::default()
    });
    let start = table.now_ms();
    table.inbound_call(CALLER, NUMBER).stay_silent();
    table.assert_ended();
    assert!(table.now_ms() - start >= 200_000);
}

mod cancel {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn ask(call: Call) -> Actions {
        call.leg_a()
            .speak_and_get_digits("Press 1 to confirm.", "Sorry?")
            .attempt_timeout(Duration::from_secs(10))
            .into()
    }

    #[on(CallUpdateRequested)]
    pub(crate) async fn cancelled(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("Your appointment was cancelled.")).then(a.hangup())
    }

    #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    pub(crate) async fn confirmed(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("Confirmed.")).then(a.hangup())
    }
}

/// update-sip-call: an action that cannot be interrupted completes first; the answer to its
/// ACTION_SUCCESSFUL then replaces the update's actions, which never run. The loss is a
/// problem a test sees.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html
#[test]
fn a_cancel_queued_behind_digits_and_replaced_is_flagged() {
    let mut sim =
        Simulator::from_router(handlers![cancel::ask, cancel::cancelled, cancel::confirmed]);
    sim.inbound_call(CALLER, NUMBER).update_call([("cancel", "1")]);
    sim.assert_speaks("cancelled");
    assert!(!sim.is_ended(), "the cancel waits for the digits");
    sim.press("1");
    sim.assert_speaks("Confirmed.");
    sim.assert_problem("never ran");
    assert!(!sim.transcript().to_string().contains("runs Speak on LEG-A \"Your appointment"));
}

/// call-and-bridge documents only CallNotAnswered; a busy callee is a named reading.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html
#[test]
fn a_busy_callee_fails_the_bridge_at_once() {
    let mut sim =
        Simulator::from_router(handlers![bridged::bridge, bridged::bridged, bridged::failed]);
    let start = sim.now_ms();
    sim.inbound_call(CALLER, NUMBER).bridge_busy();
    sim.assert_speaks("failed: Call rejected by the callee (SIP 486).");
    assert!(sim.now_ms() - start < 30_000, "no timeout passed");
    let failure = sim.events()[1].action_data.as_ref().and_then(|d| d.failure());
    assert_eq!(failure.map(|f| f.error_type), Some(ErrorType::CallNotAnswered));
    sim.assert_ended().assert_no_problems();

    let mut declined =
        Simulator::from_router(handlers![bridged::bridge, bridged::bridged, bridged::failed]);
    declined.inbound_call(CALLER, NUMBER).bridge_rejects(SipResponseCode::Unavailable);
    declined.assert_speaks("SIP 480");
}

mod late {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn play(call: Call) -> Actions {
        call.leg_a().play(AudioSource::s3("audio-bucket", "long.wav")).into()
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn done(call: Call) -> Actions {
        call.leg_a().speak("to nobody").into()
    }
}

/// Spec §1c: events can arrive for a leg that already hung up (ACTION_SUCCESSFUL with the only
/// participant Disconnected), followed by HANGUP; the answer has no effect.
#[test]
fn a_result_that_arrives_after_the_caller_hung_up() {
    let mut sim = Simulator::from_router(handlers![late::play, late::done]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER).hangup_with_late_result(ParticipantTag::LegA);
    assert_eq!(
        kinds(&sim),
        [EventType::NewInboundCall, EventType::ActionSuccessful, EventType::Hangup]
    );
    let late = &sim.events()[1];
    assert!(late.call_details.participants[0].is_disconnected());
    assert!(sim.transcript().to_string().contains("ignores the actions answered to an event"));
    sim.assert_ended().assert_no_problems();
}

mod outbound {
    use super::*;

    #[on(CallAnswered)]
    pub(crate) async fn answered(call: Call) -> Actions {
        call.leg_a().speak("Your reminder.").into()
    }
}

/// amazon-chime-sdk-js#2495: CALL_ANSWERED for an outbound call nobody picked up.
#[test]
fn call_answered_for_a_call_nobody_picked_up() {
    let mut sim = Simulator::from_router(handlers![outbound::answered]);
    sim.outbound_call(NUMBER, CALLER, [("k", "v")]).answered_by_nobody();
    assert_eq!(kinds(&sim)[2..], [EventType::CallAnswered, EventType::Hangup]);
    sim.assert_ended();
}

mod menu {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("Welcome to the clinic.")).then(
            a.speak_and_get_digits("Press 1.", "Sorry?")
                .input_regex(regex!("^1$"))
                .attempt_timeout(Duration::from_secs(5)),
        )
    }

    #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    pub(crate) async fn chosen(call: Call, digits: Digits) -> Actions {
        call.leg_a().speak(format!("got {}", digits.as_str())).into()
    }
}

/// A key pressed while a Speak plays, before any action collects digits: lost by default (the
/// ReceiveDigits page: digits are discarded until an action collects them), or kept for the
/// next input under the other reading.
#[test]
fn a_key_during_a_speak_is_lost_or_kept_by_reading() {
    let mut lost = Simulator::from_router(handlers![menu::greet, menu::chosen]);
    lost.hold_media();
    lost.inbound_call(CALLER, NUMBER).press_keys("1");
    assert!(lost.transcript().to_string().contains("discards 1: Speak is playing"));
    lost.advance(Duration::from_secs(3));
    assert!(!lost.transcript().to_string().contains("got 1"));

    let mut kept = Simulator::from_router(handlers![menu::greet, menu::chosen]);
    kept.hold_media().readings(ServiceReadings {
        keys_during_media: sma_core::testing::KeysDuringMedia::KeptForNextInput,
        ..ServiceReadings::default()
    });
    kept.inbound_call(CALLER, NUMBER).press_keys("1");
    kept.advance(Duration::from_secs(8));
    kept.assert_speaks("got 1");
}
