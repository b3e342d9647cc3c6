//! Lex bots and Chime SDK meetings in the simulator, as the service sends them: typed results,
//! bot timing and DTMF, the meeting's steps, and the failure shapes the pages show.

use sma_core::action::*;
use sma_core::event::{ErrorType, EventType, IntentResult, ParticipantStatus};
use sma_core::prelude::*;
use sma_core::testing::{BotResult, FailureShape, ServiceReadings, Simulator};
use std::time::Duration;
use support::flows::meeting;

mod support;

fn meeting_sim() -> Simulator {
    Simulator::from_router(handlers![
        meeting::join,
        meeting::joined,
        meeting::not_joined,
        meeting::mute,
        meeting::ended
    ])
}

const CALLER: &str = "+14155550199";
const NUMBER: &str = "+12065550100";
const BOT: &str = "arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIAS12345";

mod bot {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> StartBotConversation {
        call.leg_a().start_bot(BOT)
    }

    #[on(ActionSuccessful, action = StartBotConversation)]
    pub(crate) async fn done(call: Call, result: IntentResult) -> Actions {
        let pin = result.slot("Pin").and_then(|s| s.interpreted()).unwrap_or("none");
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("PIN {pin}"))).then(a.hangup())
    }

    pub(crate) fn sim() -> Simulator {
        Simulator::from_router(handlers![start, done])
    }
}

/// start-bot-conversation: the result's slots are `{"Value": {"InterpretedValue", ..}}`, and
/// the caller's CallId is the Lex session id.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html
#[test]
fn a_documented_bot_result_reaches_the_handler_with_its_session_id() {
    let mut sim = bot::sim();
    sim.bot_returns(BotResult::intent("JoinMeeting").slot_heard("Pin", "one two three", "123"));
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("PIN 123").assert_ended().assert_no_problems();
    let event = &sim.events()[1];
    let result = event.action_data.as_ref().and_then(|d| d.intent_result.as_ref()).expect("IR");
    let leg_a = &sim.events()[0].call_details.participants[0].call_id;
    assert_eq!(result.session_id.as_deref(), Some(leg_a.as_str()));
    let bytes = String::from_utf8_lossy(&sim.exchanges()[1].event).into_owned();
    assert!(bytes.contains(r#""InterpretedValue":"123""#), "{bytes}");
}

/// A result in Lex's own camelCase is not what the service sends: the test is told.
#[test]
fn a_bot_result_in_an_undocumented_shape_is_flagged() {
    let lex_own: IntentResult = serde_json::from_value(serde_json::json!({
        "SessionState": {"Intent": {"Name": "JoinMeeting",
            "Slots": {"Pin": {"value": {"interpretedValue": "123"}}}}}
    }))
    .expect("kept, unknown keys and all");
    let mut sim = bot::sim();
    sim.bot_returns(lex_own);
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("PIN none");
    sim.assert_problem("not in the shape the service sends");
    sim.assert_problem("Slots.Pin.value");
}

#[test]
fn a_bot_without_a_scripted_result_is_flagged() {
    let mut sim = bot::sim();
    sim.inbound_call(CALLER, NUMBER);
    // Nothing scripted: the bot waits for the test (`bot_finishes`) or for time to pass.
    assert!(sim.problems().is_empty() && !sim.is_ended());
    sim.advance(Duration::from_secs(10));
    sim.assert_problem("no scripted result");
}

/// Without a scripted result, a test ends the conversation itself, or the caller hangs up.
#[test]
fn a_bot_ends_when_the_test_says_or_when_the_caller_leaves() {
    let mut sim = bot::sim();
    sim.inbound_call(CALLER, NUMBER).bot_finishes(BotResult::intent("Book").slot("Pin", "42"));
    sim.assert_speaks("PIN 42").assert_ended().assert_no_problems();

    let mut gone = bot::sim();
    gone.inbound_call(CALLER, NUMBER).hangup(ParticipantTag::LegA);
    gone.assert_ended().assert_no_problems();
}

/// A bot takes time: held, the caller can hang up while it talks, and no result comes.
#[test]
fn the_caller_can_hang_up_during_a_bot() {
    let mut sim = bot::sim();
    sim.hold_media().bot_returns(BotResult::intent("JoinMeeting"));
    sim.inbound_call(CALLER, NUMBER);
    sim.advance(Duration::from_secs(3));
    assert!(!sim.is_ended(), "the bot is still talking");
    sim.hangup(ParticipantTag::LegA);
    let kinds: Vec<EventType> = sim.events().iter().map(|e| e.event_type.clone()).collect();
    assert_eq!(kinds, [EventType::NewInboundCall, EventType::Hangup]);
    sim.assert_ended().assert_no_problems();
}

/// start-bot-conversation: `#` ends a DTMF input, `*` cancels it, and 5 s without a key end it.
#[test]
fn keys_pressed_during_a_bot_are_its_dtmf_input() {
    let mut sim = bot::sim();
    sim.hold_media();
    sim.inbound_call(CALLER, NUMBER);
    sim.press_keys("12*").press_keys("1234#");
    assert_eq!(sim.bot_inputs(), ["1234"]);
    sim.press_keys("56").advance(Duration::from_secs(5));
    assert_eq!(sim.bot_inputs(), ["1234", "56"]);
    sim.bot_finishes(BotResult::intent("JoinMeeting").slot("Pin", "1234"));
    sim.assert_speaks("PIN 1234");
    sim.advance(Duration::from_secs(2)); // held: the answer's Speak takes its time
    sim.assert_ended().assert_no_problems();
}

/// join-chime-meeting and use-cases: the meeting leg is LEG-B, Outbound, `To: "SMA"`; the
/// meeting ending hangs up LEG-B alone and the handler's answer runs; muting is tracked.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/use-cases.html
#[test]
fn a_meeting_joined_muted_and_ended() {
    let mut sim = meeting_sim();
    sim.inbound_call(CALLER, NUMBER);
    assert!(sim.in_meeting());
    let joined = &sim.events()[1].call_details.participants[1];
    assert_eq!(joined.to, "SMA");
    assert_eq!(joined.status, Some(ParticipantStatus::Connected));
    sim.update_call([("mute", "a-1")]);
    assert!(sim.is_muted("a-1"));
    sim.update_call([("unmute", "a-1")]);
    assert!(!sim.is_muted("a-1"));
    sim.meeting_ends();
    sim.assert_speaks("The meeting has ended.").assert_ended().assert_no_problems();
}

/// join-chime-meeting: a token the meeting refuses fails with InvalidActionParameter.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/join-chime-meeting.html
#[test]
fn a_refused_join_fails_in_either_documented_shape() {
    let mut sim = meeting_sim();
    sim.meeting_rejects_join().inbound_call(CALLER, NUMBER);
    sim.assert_speaks("not joined: InvalidActionParameter").assert_ended();
    let data = sim.events()[1].action_data.as_ref().expect("ActionData");
    assert_eq!(data.error_type, Some(ErrorType::InvalidActionParameter));

    // The page's own example: a single `Error: "Code: message"` string.
    let mut page = meeting_sim();
    page.readings(ServiceReadings {
        failure_shape: FailureShape::ErrorString,
        ..ServiceReadings::default()
    });
    page.meeting_rejects_join().inbound_call(CALLER, NUMBER);
    page.assert_speaks("not joined: InvalidActionParameter").assert_ended();
    let data = page.events()[1].action_data.as_ref().expect("ActionData");
    assert_eq!(data.error_type, None);
    assert_eq!(
        data.error.as_deref(),
        Some("InvalidActionParameter: JoinToken parameter value is invalid.")
    );
}

mod recording {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.start_recording(Track::Both, "recordings")).then(a.speak("Hello."))
    }

    #[on(ActionFailed, action = StartCallRecording)]
    pub(crate) async fn failed(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("no recording: {}", error.message()))).then(a.hangup())
    }
}

/// start-call-recording shows its failure as `"Error": "NoAccessToDestination: …"`.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html
#[test]
fn a_call_recording_failure_in_the_page_shape_reaches_the_handler() {
    let mut sim = Simulator::from_router(handlers![recording::start, recording::failed]);
    sim.readings(ServiceReadings {
        failure_shape: FailureShape::ErrorString,
        ..ServiceReadings::default()
    });
    sim.fail_next_of(
        ActionType::StartCallRecording,
        ErrorType::Other("NoAccessToDestination".into()),
        "Error while accessing destination",
    );
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("no recording: Error while accessing destination").assert_ended();
}
