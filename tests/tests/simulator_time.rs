//! The simulator against the service's behaviour in time: timers that expire on `advance`,
//! keys as events in time, and the behaviours each developer-guide page describes. Each test
//! names the page it follows.

use sma_core::action::*;
use sma_core::event::{ErrorType, EventType, Invocation};
use sma_core::prelude::*;
use sma_core::testing::{EmptyInput, LambdaDeadline, ServiceReadings, Simulator};
use std::time::Duration;

const CALLER: &str = "+14155550199";
const NUMBER: &str = "+12065550100";

fn kinds(sim: &Simulator) -> Vec<EventType> {
    sim.events().iter().map(|e| e.event_type.clone()).collect()
}

/// The last ACTION_SUCCESSFUL or ACTION_FAILED for an action of type `kind`.
fn result_of<'s>(sim: &'s Simulator, kind: &str) -> &'s Invocation {
    sim.events()
        .iter()
        .rev()
        .find(|e| e.action_data.as_ref().is_some_and(|d| d.type_name() == kind))
        .unwrap_or_else(|| panic!("no event for {kind}:\n{}", sim.transcript()))
}

// --- 1. a call update interrupts only when its answer has actions ----------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html: the actions returned to
// CALL_UPDATE_REQUESTED interrupt PlayAudio; invoke-on-call-leg.html: a null action list keeps
// the running actions.

mod update {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn hold(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.play(AudioSource::s3("audio-bucket", "hold.wav")))
            .then(a.speak("after hold"))
    }

    #[on(CallUpdateRequested)]
    pub(crate) async fn updated(
        call: Call,
        args: Arguments<std::collections::BTreeMap<String, String>>,
    ) -> Response {
        match args.get("say") {
            Some(text) => Response::from(Actions::from(call.leg_a().speak(text.clone()))),
            None => Response::keep_running(),
        }
    }
}

#[test]
fn an_update_answered_without_actions_keeps_the_media_and_the_list() {
    let mut sim = Simulator::from_router(handlers![update::hold, update::updated]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.update_call([("note", "nothing to do")]);
    assert!(!kinds(&sim).contains(&EventType::ActionInterrupted), "{}", sim.transcript());
    sim.advance(Duration::from_secs(30));
    let text = sim.transcript().to_string();
    assert!(text.contains("runs Speak on LEG-A \"after hold\""), "{text}");
}

#[test]
fn an_update_with_actions_interrupts_after_it_is_answered() {
    let mut sim = Simulator::from_router(handlers![update::hold, update::updated]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.update_call([("say", "news")]);
    sim.assert_speaks("news");
    sim.advance(Duration::from_secs(5)); // the update's Speak takes its time
    assert_eq!(
        kinds(&sim),
        [
            EventType::NewInboundCall,
            EventType::CallUpdateRequested,
            EventType::ActionInterrupted,
            EventType::ActionSuccessful
        ]
    );
    assert!(!sim.transcript().to_string().contains("runs Speak on LEG-A \"after hold\""));
}

// --- 2, 3, 5, 10: collecting digits ------------------------------------------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/speak-and-get-digits.html

mod pin {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn ask(call: Call) -> Actions {
        let ask = call
            .leg_a()
            .speak_and_get_digits("Your PIN?", "Sorry?")
            .max_digits(3)
            .in_between_digits(Duration::from_secs(3))
            .attempt_timeout(Duration::from_secs(10));
        Actions::from(ask)
    }

    #[on(NewInboundCall)]
    pub(crate) async fn ask_optional(call: Call) -> Actions {
        let ask = call
            .leg_a()
            .speak_and_get_digits("Extension, or # for the operator", "Sorry?")
            .min_digits(0)
            .attempt_timeout(Duration::from_secs(10));
        Actions::from(ask)
    }

    #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    pub(crate) async fn got(call: Call, digits: Digits) -> Actions {
        Actions::new()
            .then(call.leg_a().speak(format!("got [{}]", digits.as_str())))
            .then(call.leg_a().hangup())
    }

    #[on(ActionFailed, action = SpeakAndGetDigits)]
    pub(crate) async fn failed(call: Call) -> Actions {
        Actions::new().then(call.leg_a().speak("no input")).then(call.leg_a().hangup())
    }
}

fn pin_call() -> Simulator {
    let mut sim = Simulator::from_router(handlers![pin::ask, pin::got, pin::failed]);
    sim.inbound_call(CALLER, NUMBER);
    sim
}

#[test]
fn collection_stops_at_max_number_of_digits() {
    let mut sim = pin_call();
    sim.press("12345");
    sim.assert_speaks("got [123]").assert_no_problems();
}

#[test]
fn a_terminator_ends_the_input_and_is_not_part_of_it() {
    let mut sim = pin_call();
    sim.press("12#9");
    sim.assert_speaks("got [12]");
}

#[test]
fn the_attempt_fails_when_its_repeat_duration_passes() {
    let mut sim = pin_call();
    sim.advance(Duration::from_secs(9));
    assert!(!kinds(&sim).contains(&EventType::ActionFailed));
    sim.advance(Duration::from_secs(2));
    sim.assert_speaks("no input");
    assert_eq!(result_of(&sim, "SpeakAndGetDigits").event_type, EventType::ActionFailed);
}

#[test]
fn keys_within_the_in_between_duration_make_one_input() {
    let mut sim = pin_call();
    sim.press_keys("1").advance(Duration::from_secs(2)).press_keys("2");
    sim.advance(Duration::from_secs(4));
    sim.assert_speaks("got [12]");
}

#[test]
fn a_gap_longer_than_the_in_between_duration_ends_the_input() {
    let mut sim = pin_call();
    sim.press_keys("1").advance(Duration::from_secs(4)).press_keys("2");
    let data = result_of(&sim, "SpeakAndGetDigits").action_data.as_deref().expect("data");
    assert_eq!(data.received_digits.as_deref(), Some("1"), "{}", sim.transcript());
}

#[test]
fn a_terminator_alone_meets_a_minimum_of_zero_under_the_default_reading() {
    let mut sim = Simulator::from_router(handlers![pin::ask_optional, pin::got, pin::failed]);
    sim.inbound_call(CALLER, NUMBER).press("#");
    sim.assert_speaks("got []");

    let mut strict = Simulator::from_router(handlers![pin::ask_optional, pin::got, pin::failed]);
    strict
        .readings(ServiceReadings { empty_input: EmptyInput::FailsAttempt, ..Default::default() });
    strict.inbound_call(CALLER, NUMBER).press("#");
    strict.assert_speaks("no input");
}

// --- 4. ReceiveDigits flushes -------------------------------------------------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html

mod listener {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn listen(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.receive_digits(
                regex!(r"^\d+#$"),
                Duration::from_secs(1),
                Duration::from_secs(10),
            ))
            .then(a.play(AudioSource::s3("audio-bucket", "music.wav")))
    }

    #[on(DigitsReceived)]
    pub(crate) async fn heard(call: Call, digits: Digits) -> Actions {
        call.leg_a().speak(format!("heard [{}]", digits.as_str())).into()
    }
}

#[test]
fn buffered_digits_are_flushed_when_the_flush_duration_passes() {
    let mut sim = Simulator::from_router(handlers![listener::listen, listener::heard]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.press_keys("1").advance(Duration::from_secs(60)).press("2#");
    sim.assert_speaks("heard [2#]");
    assert!(sim.transcript().to_string().contains("flushes \"1\""), "{}", sim.transcript());
}

// --- 5. CallAndBridge times out -----------------------------------------------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html

mod bridge {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn transfer(call: Call) -> Actions {
        let _ = call;
        Actions::from(
            CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"))
                .timeout(Duration::from_secs(5)),
        )
    }

    #[on(ActionFailed, action = CallAndBridge)]
    pub(crate) async fn nobody(call: Call, error: ActionError) -> Actions {
        Actions::new()
            .then(call.leg_a().speak(format!("failed: {}", error.error_type().as_str())))
            .then(call.leg_a().hangup())
    }
}

#[test]
fn a_bridge_is_not_answered_when_its_call_timeout_passes() {
    let mut sim = Simulator::from_router(handlers![bridge::transfer, bridge::nobody]);
    sim.inbound_call(CALLER, NUMBER);
    sim.advance(Duration::from_secs(4));
    assert!(!kinds(&sim).contains(&EventType::ActionFailed));
    sim.advance(Duration::from_secs(600));
    sim.assert_speaks("failed: CallNotAnswered").assert_ended();
}

// --- 6. RecordAudio held by hold_media ------------------------------------------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/record-audio.html

mod record {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn record(call: Call) -> Actions {
        let r = call
            .leg_a()
            .record("voicemail-bucket")
            .prefix("messages")
            .max_duration(Duration::from_secs(30))
            .terminators([DtmfKey::Pound]);
        Actions::from(r)
    }

    #[on(ActionSuccessful, action = RecordAudio)]
    pub(crate) async fn recorded(call: Call) -> Actions {
        call.leg_a().hangup().into()
    }
}

#[test]
fn a_held_recording_stopped_by_its_terminator_reports_the_key_and_the_terminator() {
    let mut sim = Simulator::from_router(handlers![record::record, record::recorded]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.advance(Duration::from_secs(5)).press("#");
    let data = result_of(&sim, "RecordAudio").action_data.as_deref().expect("data");
    let destination = data.recording_destination.as_ref().expect("RecordingDestination");
    assert_eq!(destination.bucket_name.as_deref(), Some("voicemail-bucket"));
    assert!(destination.key.as_deref().is_some_and(|k| k.starts_with("messages/")));
    assert_eq!(data.recording_terminator_used.as_deref(), Some("#"));
    // The transcript says where the recording went.
    let text = sim.transcript().to_string();
    assert!(text.contains("recorded s3://voicemail-bucket/messages/"), "{text}");
    assert!(text.contains("(stopped by #)"), "{text}");
}

#[test]
fn a_held_recording_ends_with_its_duration() {
    let mut sim = Simulator::from_router(handlers![record::record, record::recorded]);
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.advance(Duration::from_secs(29));
    assert!(!kinds(&sim).contains(&EventType::ActionSuccessful));
    sim.advance(Duration::from_secs(2));
    let data = result_of(&sim, "RecordAudio").action_data.as_deref().expect("data");
    assert!(data.recording_destination.as_ref().is_some_and(|d| d.key.is_some()));
    assert_eq!(data.recording_terminator_used, None);
    sim.assert_ended();
}

// --- 7. call recording ------------------------------------------------------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html

mod recording {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.start_recording(Track::Both, "recordings-bucket")).then(
            a.receive_digits(regex!("^[0-9]#$"), Duration::from_secs(1), Duration::from_secs(5)),
        )
    }

    #[on(DigitsReceived)]
    pub(crate) async fn key(call: Call, digits: Digits) -> Actions {
        let a = call.leg_a();
        match digits.as_str() {
            "1#" => a.stop_recording().into(),
            _ => a.start_recording(Track::Both, "recordings-bucket/again").into(),
        }
    }

    #[on(ActionFailed, action = StartCallRecording)]
    pub(crate) async fn failed(call: Call, error: ActionError) -> Actions {
        call.leg_a().speak(format!("cannot: {}", error.error_type().as_str())).into()
    }
}

#[test]
fn call_recordings_are_written_under_the_documented_key_and_start_once_per_leg() {
    let mut sim =
        Simulator::from_router(handlers![recording::start, recording::key, recording::failed]);
    sim.inbound_call(CALLER, NUMBER);
    let started = result_of(&sim, "StartCallRecording");
    let location = started
        .action_data
        .as_deref()
        .and_then(|d| d.call_recording_destination.as_ref())
        .and_then(|d| d.location.clone())
        .expect("CallRecordingDestination.Location");
    let prefix =
        "recordings-bucket/Amazon-Chime-SMA-Call-Recordings/2023/11/14/2023-11-14-22-13-20-000_";
    assert!(location.starts_with(prefix), "{location}");
    let tx = started.call_details.transaction_id.as_str();
    let leg = started.call_details.participants[0].call_id.as_str();
    assert!(location.ends_with(&format!("_{tx}_{leg}.wav")), "{location}");

    sim.press("1#"); // stop
    sim.press("2#"); // start again: once per leg
    sim.assert_speaks("cannot: InvalidActionParameter");
}

// --- 8. the Lambda's time -----------------------------------------------------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/timeouts.html

mod slow {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn slow(call: Call) -> Actions {
        tokio::time::sleep(Duration::from_secs(7)).await;
        call.leg_a().speak("finally").into()
    }
}

#[test]
fn a_handler_slower_than_5_s_is_retried_then_the_call_ends() {
    let mut sim = Simulator::from_router(handlers![slow::slow]);
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_problem("stops waiting after 5 s");
    sim.assert_problem("ends the call with SIP 480");
    assert_eq!(kinds(&sim), [EventType::NewInboundCall, EventType::NewInboundCall]);
    assert!(sim.is_ended());
    assert!(sim.now_ms() >= 1_700_000_000_000 + 14_000, "two 7 s invocations passed");
}

#[test]
fn under_the_20_s_reading_a_7_s_handler_is_in_time() {
    let mut sim = Simulator::from_router(handlers![slow::slow]);
    sim.readings(ServiceReadings {
        lambda_deadline: LambdaDeadline::HangUpAfter20s,
        ..ServiceReadings::default()
    });
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("finally");
    assert!(!sim.is_ended());
}

// --- 9. a parameter error reaches the service when the test asks for it ------------------------
// https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html,
// https://docs.aws.amazon.com/chime-sdk/latest/dg/unexpected-action-fail.html

mod long_speak {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("Hello.")).then(a.speak("x".repeat(1001)))
    }

    #[on(ActionFailed, action = Speak)]
    pub(crate) async fn failed(call: Call, error: ActionError) -> Actions {
        Actions::new()
            .then(call.leg_a().speak(format!("speak failed: {}", error.error_type().as_str())))
            .then(call.leg_a().hangup())
    }
}

#[test]
fn a_response_sent_anyway_runs_until_the_action_that_breaks_a_rule() {
    let mut sim = Simulator::from_router(handlers![long_speak::greet, long_speak::failed]);
    sim.send_rejected_responses();
    sim.inbound_call(CALLER, NUMBER);
    let text = sim.transcript().to_string();
    assert!(text.contains("runs Speak on LEG-A \"Hello.\""), "{text}");
    sim.assert_speaks("speak failed: MissingRequiredActionParameter");
    sim.assert_ended();

    // By default `sma` rejects it before it is sent: the failure policy hangs up.
    let mut checked = Simulator::from_router(handlers![long_speak::greet, long_speak::failed]);
    checked.inbound_call(CALLER, NUMBER);
    checked.assert_problem("replaced by the failure policy");
}

// --- 10. invented values are named readings ------------------------------------------------------

mod no_call_id {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Actions {
        let _ = call;
        // Published handlers omit CallId on Speak: `sma` warns, strict mode rejects.
        Actions::from(Speak::new(Target::default(), "Hello."))
    }
}

#[test]
fn the_error_type_of_an_unusable_response_is_a_selectable_reading() {
    let mut limits = sma_core::response::Limits::CURRENT;
    limits.readings.strict = true;
    let custom = ErrorType::Other("SomethingElse".into());
    let mut sim = Simulator::from_router(handlers![no_call_id::greet]);
    sim.readings(ServiceReadings {
        limits,
        invalid_response_error: custom.clone(),
        ..ServiceReadings::default()
    });
    sim.inbound_call(CALLER, NUMBER);
    let invalid = sim
        .events()
        .iter()
        .find(|e| e.event_type == EventType::InvalidLambdaResponse)
        .expect("INVALID_LAMBDA_RESPONSE");
    assert_eq!(invalid.error_type.as_ref(), Some(&custom));
}
