//! The call simulator against the flows of spec §1e (one leg, a failing list, a transfer,
//! outbound calls, meetings, updates). Readings: `simulator_readings.rs`; broken handlers and
//! the transcript: `simulator_checks.rs`.

mod support;

use sma_core::action::*;
use sma_core::event::ErrorType;
use sma_core::prelude::*;
use sma_core::testing::Simulator;
use std::time::Duration;
use support::flows::*;

// --- inbound, one leg: menu, digits, hang-up ---------------------------------------------------

#[test]
fn inbound_one_leg_menu_and_hang_up() {
    let mut sim = Simulator::new(ivr::app());
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("Welcome").assert_speaks("Press 1 or 2");
    sim.press("7");
    assert!(!sim.is_ended(), "a wrong digit is a failed attempt, then the prompt again");
    sim.press("2#");
    sim.assert_speaks("You chose 2.");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
    assert_eq!(events(&sim), ["NEW_INBOUND_CALL", "ACTION_SUCCESSFUL", "HANGUP"]);
    // The attribute was stored with the answer to ACTION_SUCCESSFUL and echoed on HANGUP.
    assert_eq!(sim.attributes().and_then(|a| a.get("choice")), Some("2"));
    let text = sim.transcript().to_string();
    assert!(text.contains("event #3 HANGUP"), "{text}");
}

#[test]
fn attempts_run_out_with_an_action_failed() {
    let mut sim = Simulator::new(ivr::app());
    sim.inbound_call(CALLER, NUMBER).stay_silent().press("9");
    sim.assert_speaks("Goodbye (NoValidDigits)");
    sim.assert_ended().assert_no_problems();
    assert_eq!(events(&sim), ["NEW_INBOUND_CALL", "ACTION_FAILED", "HANGUP"]);
}

// --- a failure drops the rest of the list --------------------------------------------------------

mod chain {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.speak("one"))
            .then(a.play(AudioSource::s3("audio-bucket", "two.wav")))
            .then(a.speak("three"))
    }

    #[on(ActionFailed)]
    pub(crate) async fn failed(call: Call, error: ActionError) -> Actions {
        call.leg_a().speak(format!("failed: {}", error.action_type)).into()
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn done(call: Call, echo: ActionResult<Speak>) -> Actions {
        let text = echo.text.clone().unwrap_or_default();
        Actions::new()
            .then(call.leg_a().speak(format!("done after {text}")))
            .then(call.leg_a().hangup())
    }
}

#[test]
fn actions_run_in_order_and_a_failure_drops_the_rest() {
    let mut sim = Simulator::from_router(handlers![chain::start, chain::failed, chain::done]);
    sim.fail_next(ErrorType::InvalidAudioSource, "missing").inbound_call(CALLER, NUMBER);
    // The first action (Speak "one") failed: "two" and "three" never ran.
    let text = sim.transcript().to_string();
    assert!(!text.contains("runs PlayAudio"), "{text}");
    sim.assert_speaks("failed: Speak");

    let mut sim = Simulator::from_router(handlers![chain::start, chain::failed, chain::done]);
    sim.inbound_call(CALLER, NUMBER);
    let text = sim.transcript().to_string();
    let (one, two, three) = (
        text.find("runs Speak on LEG-A \"one\""),
        text.find("runs PlayAudio"),
        text.find("runs Speak on LEG-A \"three\""),
    );
    assert!(one < two && two < three && three.is_some(), "in order:\n{text}");
    sim.assert_speaks("done after three");
    sim.assert_ended().assert_no_problems();
}

// --- CallAndBridge --------------------------------------------------------------------------------

#[test]
fn bridge_answered_then_either_leg_hangs_up() {
    for leaving in [ParticipantTag::LegB, ParticipantTag::LegA] {
        let mut sim = Simulator::from_router(handlers![
            bridge::forward,
            bridge::connected,
            bridge::no_answer,
            bridge::hung_up
        ]);
        sim.inbound_call(CALLER, NUMBER);
        sim.assert_bridges_to(AGENT);
        assert_eq!(sim.status(&ParticipantTag::LegB), None, "LEG-B is ringing");
        sim.bridge_answers();
        assert_eq!(
            sim.status(&ParticipantTag::LegB),
            Some(sma_core::event::ParticipantStatus::Connected)
        );
        sim.hangup(leaving.clone());
        let other = if leaving == ParticipantTag::LegA {
            ParticipantTag::LegB
        } else {
            ParticipantTag::LegA
        };
        sim.assert_hangs_up(other, SipResponseCode::NormalClearing);
        sim.assert_ended().assert_no_problems();
        // No RINGING or CALL_ANSWERED for a bridged leg.
        assert_eq!(events(&sim), ["NEW_INBOUND_CALL", "ACTION_SUCCESSFUL", "HANGUP", "HANGUP"]);
    }
}

#[test]
fn bridge_not_answered() {
    let mut sim = Simulator::from_router(handlers![
        bridge::forward,
        bridge::connected,
        bridge::no_answer,
        bridge::hung_up
    ]);
    sim.inbound_call(CALLER, NUMBER).bridge_not_answered();
    sim.assert_speaks("CallNotAnswered");
    sim.assert_ended().assert_no_problems();
    assert_eq!(events(&sim), ["NEW_INBOUND_CALL", "ACTION_FAILED", "HANGUP"]);
}

#[test]
fn forgetting_to_hang_up_the_caller_is_reported() {
    let mut sim = Simulator::from_router(handlers![
        bridge::forward,
        bridge::connected,
        bridge::agent_left_forgetful
    ]);
    sim.inbound_call(CALLER, NUMBER).bridge_answers().hangup(ParticipantTag::LegB);
    assert!(!sim.is_ended());
    sim.assert_problem("LEG-A is still connected after the other leg hung up");
    let problem = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sim.assert_no_problems();
    }))
    .expect_err("assert_no_problems fails");
    let message = problem.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("the call so far:"), "{message}");
    assert!(message.contains("LEG-B hangs up"), "{message}");
}

// --- outbound calls -------------------------------------------------------------------------------

mod outbound {
    use super::*;

    #[derive(serde::Deserialize)]
    pub(crate) struct Reminder {
        pub(crate) appointment: String,
    }

    #[on(NewOutboundCall)]
    pub(crate) async fn created(call: Call, args: Arguments<Reminder>) -> Response {
        // Actions are ignored here; the attributes are kept for CALL_ANSWERED.
        Response::from(Actions::new().then(call.leg_a().speak("ignored")))
            .attribute("appointment", args.appointment.as_str())
    }

    #[on(CallAnswered)]
    pub(crate) async fn answered(call: Call) -> Actions {
        let a = call.leg_a();
        let when = call.attribute("appointment").unwrap_or("?").to_owned();
        Actions::new().then(a.speak(format!("Reminder: {when}."))).then(a.hangup())
    }
}

#[test]
fn outbound_call_answered_and_not_answered() {
    let router = || handlers![outbound::created, outbound::answered];
    let mut sim = Simulator::from_router(router());
    sim.outbound_call(NUMBER, CALLER, [("appointment", "Monday 9:00")]);
    assert_eq!(events(&sim), ["NEW_OUTBOUND_CALL", "RINGING"]);
    assert!(
        sim.transcript().to_string().contains("ignores the actions answered to NEW_OUTBOUND_CALL")
    );
    sim.answer();
    sim.assert_speaks("Reminder: Monday 9:00.");
    sim.assert_ended().assert_no_problems();

    let mut sim = Simulator::from_router(router());
    sim.outbound_call(NUMBER, CALLER, [("appointment", "Monday 9:00")]).no_answer();
    assert_eq!(events(&sim), ["NEW_OUTBOUND_CALL", "RINGING", "HANGUP"]);
    sim.assert_ended().assert_no_problems();
}

// --- meetings ---------------------------------------------------------------------------------

mod meeting {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn join(call: Call) -> Actions {
        Actions::new().then(call.leg_a().join_meeting("token").meeting_id("m-1"))
    }

    #[on(ActionSuccessful, action = JoinChimeMeeting)]
    pub(crate) async fn joined(call: Call, b: LegB) -> Actions {
        assert_eq!(b.to_number(), Some("SMA"));
        Actions::new().then(call.leg_a().receive_digits(
            regex!(r"^\*\d$"),
            Duration::from_secs(1),
            Duration::from_secs(5),
        ))
    }

    #[on(DigitsReceived)]
    pub(crate) async fn key(call: Call, digits: Digits) -> Actions {
        match digits.as_str() {
            "*6" => {
                ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["att-1"]).into()
            }
            _ => call.leg_b().map(|b| Actions::from(b.hangup())).unwrap_or_default(),
        }
    }

    #[on(ActionSuccessful, action = Hangup)]
    pub(crate) async fn left_meeting(call: Call) -> Actions {
        Actions::new().then(call.leg_a().speak("You left the meeting.")).then(call.leg_a().hangup())
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn other() {}
}

#[test]
fn meeting_join_mute_and_leave() {
    let mut sim = Simulator::from_router(handlers![
        meeting::join,
        meeting::joined,
        meeting::key,
        meeting::left_meeting,
        meeting::other
    ]);
    sim.inbound_call(CALLER, NUMBER);
    assert_eq!(
        sim.status(&ParticipantTag::LegB),
        Some(sma_core::event::ParticipantStatus::Connected)
    );
    sim.press("*6");
    assert!(sim.actions().iter().any(|a| matches!(a, Action::ModifyChimeMeetingAttendees(_))));
    sim.press("*").press("9");
    sim.assert_speaks("You left the meeting.");
    sim.assert_ended().assert_no_problems();
    let e = events(&sim);
    assert_eq!(e.iter().filter(|e| *e == "DIGITS_RECEIVED").count(), 2, "{e:?}");
}

mod bridged_then_meeting {
    use super::*;

    #[on(ActionSuccessful, action = CallAndBridge)]
    pub(crate) async fn try_meeting(call: Call) -> Actions {
        call.leg_a().join_meeting("token").into()
    }

    #[on(ActionFailed, action = JoinChimeMeeting)]
    pub(crate) async fn refused(call: Call) -> Actions {
        call.hang_up_all()
    }
}

#[test]
fn join_meeting_is_rejected_on_a_bridged_call() {
    let mut sim = Simulator::from_router(handlers![
        bridge::forward,
        bridged_then_meeting::try_meeting,
        bridged_then_meeting::refused
    ]);
    // The check refuses it before it leaves (the failure policy answers)...
    sim.inbound_call(CALLER, NUMBER).bridge_answers();
    sim.assert_problem("JoinChimeMeeting is not allowed on a bridged call");
    // ...and sent anyway, the service fails it.
    let mut sent = Simulator::from_router(handlers![
        bridge::forward,
        bridged_then_meeting::try_meeting,
        bridged_then_meeting::refused
    ]);
    sent.send_rejected_responses();
    sent.inbound_call(CALLER, NUMBER).bridge_answers();
    assert!(events(&sent).contains(&"ACTION_FAILED".to_owned()));
    sent.assert_ended();
}

// --- updates interrupt interruptible actions -------------------------------------------------------

mod update {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn hold(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.play(AudioSource::s3("audio-bucket", "hold.wav")).repeat(10))
            .then(a.speak("never"))
    }

    #[on(ActionInterrupted)]
    pub(crate) async fn interrupted(call: Call) -> Actions {
        // The service ignores this answer.
        call.leg_a().speak("ignored").into()
    }

    #[on(CallUpdateRequested)]
    pub(crate) async fn updated(
        call: Call,
        args: Arguments<std::collections::BTreeMap<String, String>>,
    ) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.speak(format!("update {}", args.get("say").cloned().unwrap_or_default())))
            .then(a.hangup())
    }
}

#[test]
fn an_update_interrupts_the_playing_action_and_replaces_the_list() {
    let mut sim =
        Simulator::from_router(handlers![update::hold, update::interrupted, update::updated]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.update_call([("say", "hello")]);
    sim.assert_speaks("update hello");
    sim.advance(Duration::from_secs(5)); // the update's Speak takes its time
    assert_eq!(
        events(&sim),
        ["NEW_INBOUND_CALL", "CALL_UPDATE_REQUESTED", "ACTION_INTERRUPTED", "HANGUP"]
    );
    let text = sim.transcript().to_string();
    assert!(
        !text.contains("runs Speak on LEG-A \"never\""),
        "the rest of the old list never runs:\n{text}"
    );
    assert!(!text.contains("runs Speak on LEG-A \"ignored\""), "{text}");
    sim.assert_ended().assert_no_problems();
}

#[test]
fn held_media_finishes_when_time_passes() {
    let mut sim =
        Simulator::from_router(handlers![update::hold, update::interrupted, update::updated]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    assert!(!sim.transcript().to_string().contains("runs Speak"));
    sim.advance(Duration::from_secs(30));
    assert!(sim.transcript().to_string().contains("runs Speak on LEG-A \"never\""));
}
