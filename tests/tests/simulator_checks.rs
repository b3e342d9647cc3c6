//! The simulator against deliberately broken handlers, its transcript, and the result fields
//! of events.

mod support;

use sma_core::action::*;
use sma_core::event::{EventType, IntentResult};
use sma_core::prelude::*;
use sma_core::testing::Simulator;
use std::time::Duration;
use support::flows::*;

// --- deliberately broken handlers -------------------------------------------------------------------

mod broken {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn eleven_actions(call: Call) -> Actions {
        (0..11).map(|i| call.leg_a().speak(format!("line {i}"))).collect()
    }

    #[on(NewInboundCall)]
    pub(crate) async fn no_call_id() -> Actions {
        Actions::from(Speak::new(Target::InvokingLeg, "who am I talking to?"))
    }

    #[on(NewInboundCall)]
    pub(crate) async fn loops(call: Call) -> Actions {
        call.leg_a().pause(Duration::from_millis(100)).into()
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn again(call: Call) -> Actions {
        call.leg_a().pause(Duration::from_millis(100)).into()
    }

    #[on(NewInboundCall)]
    pub(crate) async fn silent() -> Actions {
        Actions::new()
    }

    #[on(NewInboundCall)]
    pub(crate) async fn slow(call: Call) -> Actions {
        tokio::time::sleep(Duration::from_secs(2)).await;
        call.leg_a().speak("too late").into()
    }
}

#[test]
fn eleven_actions_are_reported_exactly() {
    let mut sim = Simulator::from_router(handlers![broken::eleven_actions]);
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_problem("Actions has 11 actions; at most 10 are allowed");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
}

#[test]
fn a_missing_call_id_is_reported_exactly() {
    // AWS samples send Speak without CallId and the service speaks on the invoking leg: the
    // answer goes out, with a warning (strict mode would reject it).
    let mut sim = Simulator::from_router(handlers![broken::no_call_id]);
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_warning("Actions[0] (Speak).Parameters.CallId is documented as required");
    assert!(sim.problems().iter().all(|p| !p.contains("rejects")), "{:?}", sim.problems());
}

#[test]
fn the_invocation_limit_ends_the_call() {
    let mut sim = Simulator::from_router(handlers![broken::loops, broken::again]);
    sim.inbound_call(CALLER, NUMBER);
    assert_eq!(sim.invocations(), 1000);
    sim.assert_problem("more than 1000 invocations");
    assert!(sim.is_ended());
}

#[test]
fn an_unanswered_new_call_is_reported() {
    let mut sim = Simulator::from_router(handlers![broken::silent]);
    let start = sim.now_ms();
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_problem("never answered");
    assert!(sim.is_ended());
    // case-1 page: the attempt rings for 30 s before it times out.
    assert!(sim.now_ms() - start >= 30_000);
}

#[test]
fn a_handler_past_its_deadline_is_reported() {
    let app = App::new(handlers![broken::slow])
        .timeout(Duration::from_millis(200))
        .deadline_margin(Duration::ZERO);
    let mut sim = Simulator::new(app);
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_problem("did not answer within 200 ms");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
}

// --- transcript --------------------------------------------------------------------------------

#[test]
fn the_transcript_renders_as_text_and_mermaid() {
    let mut sim = Simulator::new(ivr::app());
    sim.inbound_call(CALLER, NUMBER).press("1");
    let text = sim.transcript().to_string();
    assert!(text.starts_with("  1. caller   dials +12065550100 from +14155550199"), "{text}");
    assert!(text.contains("event #1 NEW_INBOUND_CALL"), "{text}");
    assert!(text.contains("answer   greet: Speak on LEG-A \"Welcome.\""), "{text}");
    let mermaid = sim.transcript().mermaid();
    assert!(mermaid.starts_with("sequenceDiagram\n    participant C as Caller"), "{mermaid}");
    assert!(mermaid.contains("S->>H: &#35;1 NEW_INBOUND_CALL"), "{mermaid}");
    assert!(mermaid.contains("H-->>S: Speak on LEG-A"), "{mermaid}");
    assert!(mermaid.contains("C->>S: presses 1"), "{mermaid}");
}

#[test]
fn a_bot_conversation_returns_the_intent() {
    #[on(NewInboundCall)]
    async fn bot(call: Call) -> Actions {
        call.leg_a()
            .start_bot("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")
            .welcome("Hi", ContentType::PlainText)
            .into()
    }
    #[on(ActionSuccessful, action = StartBotConversation)]
    async fn done(call: Call, result: ActionResult<StartBotConversation>) -> Actions {
        let name = result
            .data
            .intent_result
            .as_ref()
            .and_then(|r| r.intent())
            .and_then(|i| i.name.clone())
            .unwrap_or_default();
        Actions::new()
            .then(call.leg_a().speak(format!("intent {name}")))
            .then(call.leg_a().hangup())
    }
    let intent: IntentResult = serde_json::from_value(
        serde_json::json!({"SessionState": {"Intent": {"Name": "Book", "State": "Fulfilled"}}}),
    )
    .expect("intent");
    let mut sim = Simulator::from_router(handlers![bot, done]);
    sim.bot_returns(intent).inbound_call(CALLER, NUMBER);
    sim.assert_speaks("intent Book").assert_ended().assert_no_problems();
    let _ = EventType::Ringing;
}

// --- result fields and ignored answers ----------------------------------------------------------------

mod recording {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.start_recording(Track::Both, "recordings/support"))
            .then(a.record("voicemail").prefix("box-1"))
    }

    #[on(ActionSuccessful, action = StartCallRecording)]
    pub(crate) async fn recording(result: ActionResult<StartCallRecording>) -> Response {
        let location = result
            .data
            .call_recording_destination
            .as_ref()
            .and_then(|d| d.location.clone())
            .unwrap_or_default();
        Response::keep_running().attribute("recording", location)
    }

    #[on(ActionSuccessful, action = RecordAudio)]
    pub(crate) async fn recorded(call: Call, result: ActionResult<RecordAudio>) -> Actions {
        let key = result
            .data
            .recording_destination
            .as_ref()
            .and_then(|d| d.key.clone())
            .unwrap_or_default();
        Actions::new().then(call.leg_a().speak(format!("saved {key}"))).then(call.leg_a().hangup())
    }

    /// The service ignores this answer: the only leg has hung up.
    #[on(Hangup)]
    pub(crate) async fn gone(call: Call) -> Actions {
        call.leg_a().speak("nobody hears this").into()
    }
}

#[test]
fn results_reach_the_handler_and_a_single_leg_hangup_answer_is_ignored() {
    let mut sim = Simulator::from_router(handlers![
        recording::start,
        recording::recording,
        recording::recorded,
        recording::gone
    ]);
    sim.inbound_call(CALLER, NUMBER);
    let stored = sim.attributes().and_then(|a| a.get("recording")).unwrap_or_default().to_owned();
    assert!(stored.starts_with("recordings/support/"), "{stored}");
    // A RecordAudio without a duration records until a terminator (`#` by default here).
    sim.press("#");
    sim.assert_speaks("saved box-1/");
    assert!(sim.transcript().to_string().contains("ignores the actions answered to HANGUP"));
    sim.assert_ended().assert_no_problems();
    // The inbound leg had no status on NEW_INBOUND_CALL, and is Connected once answered.
    assert_eq!(
        sim.status(&ParticipantTag::LegA),
        Some(sma_core::event::ParticipantStatus::Disconnected)
    );
}
