//! The call simulator against the flows of spec §1e, the service behaviours it models, both
//! readings of each contradiction, and deliberately broken handlers.

use sma_core::action::*;
use sma_core::event::{ErrorType, EventType, IntentResult};
use sma_core::prelude::*;
use sma_core::response::Limits;
use sma_core::testing::{
    AttributeUpdate, EmptyList, Entry, HangupData, ServiceReadings, Simulator, SuccessReporting,
};
use std::time::Duration;

const CALLER: &str = "+14155550199";
const NUMBER: &str = "+12065550100";
const AGENT: &str = "+16505550111";

fn events(sim: &Simulator) -> Vec<String> {
    sim.transcript()
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Event(_, s) => Some(s.split(' ').next().unwrap_or("").to_owned()),
            _ => None,
        })
        .collect()
}

// --- inbound, one leg: menu, digits, hang-up ---------------------------------------------------

mod ivr {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("Welcome.")).then(
            a.speak_and_get_digits("Press 1 or 2.", "Sorry?")
                .input_regex(regex!("^[12]$"))
                .attempts(2),
        )
    }

    #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    pub(crate) async fn chosen(call: Call, digits: Digits) -> Response {
        let a = call.leg_a();
        Response::from(
            Actions::new()
                .then(a.speak(format!("You chose {}.", digits.as_str())))
                .then(a.hangup()),
        )
        .attribute("choice", digits.as_str())
    }

    #[on(ActionFailed, action = SpeakAndGetDigits)]
    pub(crate) async fn gave_up(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("Goodbye ({}).", error.error_type()))).then(a.hangup())
    }

    pub(crate) fn app() -> App {
        App::new(handlers![greet, chosen, gave_up])
    }
}

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

mod bridge {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn forward(call: Call) -> Result<CallAndBridge, FormatError> {
        let caller_id = E164::parse(call.leg_a().to_number().unwrap_or(NUMBER))?;
        Ok(CallAndBridge::to_pstn(caller_id, e164!("+16505550111"))
            .timeout(Duration::from_secs(20)))
    }

    #[on(ActionSuccessful, action = CallAndBridge)]
    pub(crate) async fn connected(b: LegB) -> Actions {
        assert!(!b.is_disconnected());
        Actions::new()
    }

    #[on(ActionFailed, action = CallAndBridge)]
    pub(crate) async fn no_answer(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("{}", error.error_type()))).then(a.hangup())
    }

    /// Correct: whichever leg hangs up, end the other one.
    #[on(Hangup)]
    pub(crate) async fn hung_up(call: Call) -> Actions {
        call.hang_up_all()
    }

    /// Broken: forgets the caller when the agent leaves.
    #[on(Hangup, leg = "LEG-B")]
    pub(crate) async fn agent_left_forgetful() {}
}

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

// --- contradictions: both readings ------------------------------------------------------------------

mod reporting {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.receive_digits(regex!("^1$"), Duration::from_secs(1), Duration::from_secs(5)))
            .then(a.speak("after the listener"))
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn success(call: Call) -> Actions {
        let _ = call;
        Actions::new()
    }

    #[on(DigitsReceived)]
    pub(crate) async fn one(call: Call) -> Actions {
        Actions::new().then(call.leg_a().speak("got one"))
    }
}

#[test]
fn success_is_reported_as_actions_finish_or_when_the_list_ends() {
    let router = || handlers![reporting::start, reporting::success, reporting::one];
    let mut workshop = Simulator::from_router(router());
    workshop.inbound_call(CALLER, NUMBER);
    let text = workshop.transcript().to_string();
    assert!(text.contains("ACTION_SUCCESSFUL (ReceiveDigits on LEG-A, digits \"\")"), "{text}");
    // [] under the workshop reading: the queued Speak still runs.
    assert!(text.contains("runs Speak on LEG-A \"after the listener\""), "{text}");

    let mut guide = Simulator::from_router(router());
    guide.readings(ServiceReadings {
        success: SuccessReporting::WhenListEnds,
        ..ServiceReadings::default()
    });
    guide.inbound_call(CALLER, NUMBER);
    let text = guide.transcript().to_string();
    assert!(!text.contains("ReceiveDigits on LEG-A, digits"), "{text}");
    assert!(text.contains("ACTION_SUCCESSFUL (Speak on LEG-A)"), "{text}");
}

#[test]
fn an_empty_list_keeps_or_stops_the_queue() {
    let router = || handlers![reporting::start, reporting::success, reporting::one];
    let mut stops = Simulator::from_router(router());
    stops.readings(ServiceReadings {
        empty_list: EmptyList::StopsRunning,
        ..ServiceReadings::default()
    });
    stops.inbound_call(CALLER, NUMBER);
    let text = stops.transcript().to_string();
    assert!(!text.contains("runs Speak on LEG-A \"after the listener\""), "{text}");
    let mut keeps = Simulator::from_router(router());
    keeps.inbound_call(CALLER, NUMBER);
    assert!(keeps.transcript().to_string().contains("runs Speak on LEG-A \"after the listener\""));
}

#[test]
fn the_listener_persists_or_fires_once() {
    let router = || handlers![reporting::start, reporting::success, reporting::one];
    let mut persists = Simulator::from_router(router());
    persists.inbound_call(CALLER, NUMBER).press("1").press("1");
    assert_eq!(events(&persists).iter().filter(|e| *e == "DIGITS_RECEIVED").count(), 2);
    let mut once = Simulator::from_router(router());
    once.readings(ServiceReadings { listener_persists: false, ..ServiceReadings::default() });
    once.inbound_call(CALLER, NUMBER).press("1").press("1");
    assert_eq!(events(&once).iter().filter(|e| *e == "DIGITS_RECEIVED").count(), 1);
    assert!(once.transcript().to_string().contains("discards 1: nothing is listening"));
}

mod attrs {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn first(call: Call) -> Response {
        Response::from(Actions::from(call.leg_a().receive_digits(
            regex!("^1$"),
            Duration::from_secs(1),
            Duration::from_secs(5),
        )))
        .with_attributes([("a".to_owned(), "1".to_owned())].into())
    }

    #[on(DigitsReceived)]
    pub(crate) async fn second() -> Response {
        // A map with other keys only (not built from the stored one): merge or replace?
        Response::keep_running().with_attributes([("b".to_owned(), "2".to_owned())].into())
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn ok() {}
}

#[test]
fn attributes_replace_or_merge() {
    let router = || handlers![attrs::first, attrs::second, attrs::ok];
    let mut replace = Simulator::from_router(router());
    replace.inbound_call(CALLER, NUMBER).press("1");
    assert_eq!(replace.attributes().map(|a| a.len()), Some(1));
    let mut merge = Simulator::from_router(router());
    merge.readings(ServiceReadings {
        attributes: AttributeUpdate::Merge,
        ..ServiceReadings::default()
    });
    merge.inbound_call(CALLER, NUMBER).press("1");
    assert_eq!(merge.attributes().map(|a| a.len()), Some(2));
}

mod last_action {
    use super::*;

    #[on(Hangup, leg = "LEG-B", action = CallAndBridge)]
    pub(crate) async fn named_by_last_action(call: Call) -> Actions {
        call.leg_a().speak("the bridge ended").into()
    }

    #[on(Hangup)]
    pub(crate) async fn any(call: Call) -> Actions {
        call.hang_up_all()
    }
}

#[test]
fn hangup_data_is_the_hangup_or_the_last_action_of_the_leg() {
    let router = || {
        handlers![
            bridge::forward,
            bridge::connected,
            last_action::named_by_last_action,
            last_action::any
        ]
    };
    let mut usual = Simulator::from_router(router());
    usual.inbound_call(CALLER, NUMBER).bridge_answers().hangup(ParticipantTag::LegB);
    usual.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    let mut case5 = Simulator::from_router(router());
    case5.readings(ServiceReadings {
        hangup_data: HangupData::LastActionOfLeg,
        ..ServiceReadings::default()
    });
    case5.inbound_call(CALLER, NUMBER).bridge_answers().hangup(ParticipantTag::LegB);
    case5.assert_speaks("the bridge ended");
}

#[test]
fn first_sequence_is_one_or_two() {
    let mut one = Simulator::new(ivr::app());
    one.inbound_call(CALLER, NUMBER);
    assert!(matches!(
        one.transcript().entries().iter().find(|e| matches!(e, Entry::Event(..))),
        Some(Entry::Event(1, _))
    ));
    let mut two = Simulator::new(ivr::app());
    two.readings(ServiceReadings { first_sequence: 2, ..ServiceReadings::default() });
    two.inbound_call(CALLER, NUMBER);
    assert!(matches!(
        two.transcript().entries().iter().find(|e| matches!(e, Entry::Event(..))),
        Some(Entry::Event(2, _))
    ));
}

mod eleven {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Response {
        let attrs = (0..11).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        Response::from(Actions::from(call.leg_a().speak("hi"))).with_attributes(attrs)
    }

    #[on(InvalidLambdaResponse)]
    pub(crate) async fn invalid(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("invalid: {}", error.error_type()))).then(a.hangup())
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn ok(call: Call) -> Actions {
        call.leg_a().hangup().into()
    }
}

#[test]
fn the_service_answers_an_invalid_response_with_invalid_lambda_response() {
    let router = || handlers![eleven::greet, eleven::invalid, eleven::ok];
    // Today's limits: 11 pairs are fine.
    let mut current = Simulator::from_router(router());
    current.inbound_call(CALLER, NUMBER);
    current.assert_ended().assert_no_problems();
    // The older limits (10 pairs): the service rejects the answer.
    let mut legacy = Simulator::from_router(router());
    legacy.readings(ServiceReadings { limits: Limits::LEGACY, ..ServiceReadings::default() });
    legacy.inbound_call(CALLER, NUMBER);
    assert_eq!(events(&legacy)[..2], ["NEW_INBOUND_CALL", "INVALID_LAMBDA_RESPONSE"]);
    legacy.assert_speaks("invalid: TransactionAttributesInvalidMapSize");
    legacy.assert_problem("rejects the answer to #1");
}

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
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_problem("never answered");
    assert!(sim.is_ended());
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
