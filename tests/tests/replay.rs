//! Record and replay: a simulated call recorded by `App::record`, read back and replayed; a
//! changed handler caught by the replay; the log forms the reader accepts.

use sma_core::action::CallAndBridge;
use sma_core::prelude::*;
use sma_core::testing::Simulator;
use sma_core::testing::replay::{Replay, read_log};
use sma_core::{Recorder, Router};
use std::path::Path;

#[path = "../../sma-core/tests/support/buffer.rs"]
mod buffer;
use buffer::Buffer;

const CALLER: &str = "+14155550161";
const NUMBER: &str = "+12065550140";

mod flow {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Response {
        let a = call.leg_a();
        let menu = a
            .speak_and_get_digits("Press 1 for the front desk.", "Sorry?")
            .input_regex(regex!("^1$"));
        Response::from(Actions::new().then(a.speak("Welcome to the hotel.")).then(menu))
            .with_attributes([("greeted".to_owned(), "yes".to_owned())].into())
    }

    #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    pub(crate) async fn chosen(call: Call) -> Actions {
        let caller_id = own_number(&call);
        Actions::new()
            .then(call.leg_a().speak("Connecting you to the front desk."))
            .then(CallAndBridge::to_pstn(caller_id, e164!("+16505550102")))
    }

    /// `chosen` as a colleague changed it: other words.
    #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    pub(crate) async fn chosen_reworded(call: Call) -> Actions {
        let caller_id = own_number(&call);
        Actions::new()
            .then(call.leg_a().speak("One moment, please."))
            .then(CallAndBridge::to_pstn(caller_id, e164!("+16505550102")))
    }

    /// The number the caller dialled: the account's own, so a valid caller id.
    fn own_number(call: &Call) -> E164 {
        call.leg_a()
            .to_number()
            .and_then(|n| E164::parse(n).ok())
            .unwrap_or_else(|| e164!("+12065550140"))
    }

    #[on(Hangup)]
    pub(crate) async fn hung_up(call: Call) -> Actions {
        call.connected_legs().map(|leg| leg.hangup()).collect()
    }
}

fn router() -> Router {
    handlers![flow::greet, flow::chosen, flow::hung_up]
}

/// A whole call in the simulator with recording on; the log it wrote.
fn recorded_call() -> String {
    let log = Buffer::default();
    let app = App::new(router()).record(Recorder::to_writer(log.clone()));
    let mut sim = Simulator::new(app);
    sim.inbound_call(CALLER, NUMBER).press("1").bridge_answers().hangup(ParticipantTag::LegB);
    sim.assert_ended().assert_no_problems();
    log.text()
}

#[test]
fn a_recorded_call_replays_with_no_difference() {
    let log = recorded_call();
    assert_eq!(log.lines().count(), 5, "one line per invocation:\n{log}");
    // Pseudonymized: no caller number, consistent pseudonyms.
    assert!(!log.contains(CALLER) && !log.contains("+16505550102"), "{log}");
    let calls = read_log(&log);
    assert_eq!(calls.len(), 1);
    let first = &calls[0].invocations[0];
    let second = &calls[0].invocations[1];
    assert!(first.pseudonymized);
    let from = |e: &serde_json::Value| e["CallDetails"]["Participants"][0]["From"].clone();
    assert_eq!(from(&first.event), from(&second.event), "the same number, the same pseudonym");
    assert!(from(&first.event).as_str().is_some_and(|n| n.starts_with("+1999")));
    assert_eq!(
        calls[0].invocations.iter().map(|i| i.sequence()).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );

    let report = Replay::from_router(router()).run(&calls);
    assert!(report.is_same(), "{report}");
    assert_eq!(report.calls[0].invocations.iter().filter(|i| i.compared).count(), 5);
}

#[test]
fn a_changed_handler_is_reported_as_exactly_the_changed_action() {
    let calls = read_log(&recorded_call());
    let changed = handlers![flow::greet, flow::chosen_reworded, flow::hung_up];
    let report = Replay::from_router(changed).run(&calls);
    let differences = report.differences();
    assert_eq!(differences.len(), 1, "{report}");
    let (_, invocation, difference) = differences[0];
    assert_eq!((invocation.sequence, invocation.event_type.as_str()), (2, "ACTION_SUCCESSFUL"));
    assert_eq!(difference.path, "Actions[0].Parameters.Text");
    assert_eq!(difference.recorded, Some("Connecting you to the front desk.".into()));
    assert_eq!(difference.answered, Some("One moment, please.".into()));
    let text = report.to_string();
    assert!(text.contains("#2 ACTION_SUCCESSFUL → chosen_reworded: 1 difference(s)"), "{text}");

    // A difference the user accepts.
    let changed = handlers![flow::greet, flow::chosen_reworded, flow::hung_up];
    assert!(Replay::from_router(changed).ignore_speak_text().run(&calls).is_same());
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/replay").join(name);
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn the_reader_takes_a_python_handlers_printed_events_and_answers() {
    let calls = read_log(&fixture("python.log"));
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call.invocations.len(), 3);
    let answered: Vec<bool> = call.invocations.iter().map(|i| i.response.is_some()).collect();
    assert_eq!(answered, [true, true, false]);

    // A Rust port of what that Python handler does answers the same (its "SipResponseCode": "0"
    // is the canonical 0).
    #[on(NewInboundCall)]
    async fn hello(call: Call) -> Actions {
        Actions::from(call.leg_a().speak("Hello from Python."))
    }
    #[on(ActionSuccessful, action = Speak)]
    async fn bye(call: Call) -> Actions {
        Actions::from(call.leg_a().hangup())
    }
    let report = Replay::from_router(handlers![hello, bye]).run(&calls);
    assert!(report.is_same(), "{report}");
}

#[test]
fn the_reader_takes_node_runtime_lines_and_groups_calls() {
    let calls = read_log(&fixture("node.log"));
    let shape: Vec<(usize, usize)> = calls
        .iter()
        .map(|c| {
            (c.invocations.len(), c.invocations.iter().filter(|i| i.response.is_some()).count())
        })
        .collect();
    // Two calls; the retried invocation is kept once.
    assert_eq!(shape, [(2, 1), (1, 0)]);
    assert!(calls[0].transaction_id.ends_with("000000000002"));
}

#[test]
fn the_reader_takes_a_cloudwatch_export() {
    let calls = read_log(&fixture("cloudwatch.json"));
    assert_eq!(calls.len(), 2);
    let first = &calls[0];
    assert_eq!(first.invocations.iter().map(|i| i.sequence()).collect::<Vec<_>>(), [1, 2]);
    assert!(first.invocations[0].response.is_some(), "the answer logged after the event");
    assert!(first.invocations[1].response.is_none());
    assert_eq!(calls[1].invocations.len(), 1);
}

#[test]
fn the_reader_takes_its_own_recording_lines() {
    let calls = read_log(&fixture("recorded.jsonl"));
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].invocations.len(), 2);
    assert!(calls[0].invocations.iter().all(|i| i.response.is_some() && !i.pseudonymized));
}
