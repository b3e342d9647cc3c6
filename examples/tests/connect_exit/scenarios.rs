//! Every example app, and the scenarios that take each of its paths (the same steps as its own
//! tests), for the Amazon Connect exit: the gap report, the interpreter flow and the walk.

use sma_core::ActionType;
use sma_core::event::ErrorType;
use sma_core::testing::{BotResult, Simulator};
use sma_core::{App, ParticipantTag, e164};
use sma_examples::*;
use std::time::Duration;

/// A scenario's run: the app it ran (the host runs the same) and the simulator that played it.
pub(crate) type Run = (fn() -> App, Simulator);

/// One example: its name (the files are `connect/<name>-gaps.md` and `-flow.json`), the app,
/// and its scenarios, each a simulator that has played the call.
pub(crate) struct Example {
    pub(crate) name: &'static str,
    pub(crate) app: fn() -> App,
    pub(crate) scenarios: fn() -> Vec<(&'static str, Run)>,
    /// Routes whose answer is fixed, written out as plain blocks of the flow. The IVR's
    /// `nobody_answered` is not: its words depend on the transfer's `ErrorType`.
    pub(crate) fixed: &'static [&'static str],
}

const CALLER: &str = "+16505550177";
const NUMBER: &str = "+14155550123";
const A: ParticipantTag = ParticipantTag::LegA;
const B: ParticipantTag = ParticipantTag::LegB;

/// A simulator of `app` that has played `steps` on an inbound call.
fn inbound(app: fn() -> App, steps: impl FnOnce(&mut Simulator)) -> Run {
    let mut sim = Simulator::new(app());
    sim.inbound_call(CALLER, NUMBER);
    steps(&mut sim);
    (app, sim)
}

/// An inbound call to `app` whose first `kind` action fails with `error`.
fn failing(app: fn() -> App, kind: ActionType, error: ErrorType, message: &str) -> Run {
    let mut sim = Simulator::new(app());
    sim.fail_next_of(kind, error, message);
    sim.inbound_call(CALLER, NUMBER);
    (app, sim)
}

pub(crate) const EXAMPLES: &[Example] = &[
    Example { name: "ivr", app: ivr_app, scenarios: ivr, fixed: &[] },
    Example { name: "call-forwarding", app: forwarding_app, scenarios: forwarding, fixed: &[] },
    Example { name: "voicemail", app: voicemail_app, scenarios: voicemail, fixed: &[] },
    Example { name: "recording-on-demand", app: recording_app, scenarios: recording, fixed: &[] },
    Example {
        name: "outbound-notification",
        app: outbound_notification::app,
        scenarios: notice,
        fixed: &[],
    },
    Example { name: "update-call", app: update_app, scenarios: update, fixed: &["not_answered"] },
    Example { name: "meeting-dial-in", app: meeting_app, scenarios: meeting, fixed: &[] },
    Example { name: "lex-bot", app: lex_app, scenarios: lex, fixed: &[] },
    Example { name: "play-recording", app: play_app, scenarios: play, fixed: &["answer"] },
];

fn ivr_app() -> App {
    ivr::app(ivr::Directory { sales: e164!("+12065550100"), caller_id: None })
}

fn ivr() -> Vec<(&'static str, Run)> {
    let announce = [("announce", "A supervisor will join this call in one minute.")];
    vec![
        (
            "support",
            inbound(ivr_app, |s| {
                s.press("2");
            }),
        ),
        (
            "menu again",
            inbound(ivr_app, |s| {
                s.press("0").press("2");
            }),
        ),
        (
            "sales leaves",
            inbound(ivr_app, |s| {
                s.press("1").bridge_answers().hangup(B);
            }),
        ),
        (
            "caller leaves",
            inbound(ivr_app, |s| {
                s.press("1").bridge_answers().hangup(A);
            }),
        ),
        (
            "sales does not answer",
            inbound(ivr_app, |s| {
                s.press("1").bridge_not_answered();
            }),
        ),
        (
            "no valid choice",
            inbound(ivr_app, |s| {
                s.press("5").stay_silent().press("9");
            }),
        ),
        (
            "announcement",
            inbound(ivr_app, |s| {
                s.press("1").bridge_answers().update_call(announce).hangup(A);
            }),
        ),
    ]
}

fn forwarding_with(voicemail: bool) -> App {
    call_forwarding::app(call_forwarding::Forwarding {
        to: e164!("+12065550100"),
        voicemail_bucket: voicemail.then(|| "voicemail-bucket".to_owned()),
        ringback: None,
    })
}

fn forwarding_app() -> App {
    forwarding_with(true)
}

fn forwarding() -> Vec<(&'static str, Run)> {
    vec![
        (
            "forwarded, the callee leaves",
            inbound(forwarding_app, |s| {
                s.bridge_answers().hangup(B);
            }),
        ),
        (
            "forwarded, the caller leaves",
            inbound(forwarding_app, |s| {
                s.bridge_answers().hangup(A);
            }),
        ),
        (
            "nobody answers, a message",
            inbound(forwarding_app, |s| {
                s.advance(Duration::from_secs(31)).press("#");
            }),
        ),
        (
            "nobody answers, no voicemail",
            inbound(
                || forwarding_with(false),
                |s| {
                    s.bridge_not_answered();
                },
            ),
        ),
    ]
}

fn voicemail_app() -> App {
    voicemail::app(voicemail::Mailbox { bucket: "voicemail-bucket".into() })
}

fn voicemail() -> Vec<(&'static str, Run)> {
    vec![
        (
            "a message ended by #",
            inbound(voicemail_app, |s| {
                s.advance(Duration::from_secs(20)).press("#");
            }),
        ),
        (
            "a message ended by silence",
            inbound(voicemail_app, |s| {
                s.stay_silent();
            }),
        ),
        (
            "the recording fails",
            failing(
                voicemail_app,
                ActionType::RecordAudio,
                ErrorType::InvalidActionParameter,
                "Upload to S3 failed.",
            ),
        ),
    ]
}

fn recording_app() -> App {
    let desk = recording_on_demand::Desk {
        agent: e164!("+12065550100"),
        recordings: "recordings-bucket".into(),
    };
    recording_on_demand::app(desk)
}

fn recording() -> Vec<(&'static str, Run)> {
    vec![
        (
            "start, pause, resume, stop",
            inbound(recording_app, |s| {
                s.bridge_answers().press("*1").press("*2").press("*3").press("*4").hangup(B);
            }),
        ),
        (
            "pause before start",
            inbound(recording_app, |s| {
                s.bridge_answers().press("*2");
            }),
        ),
    ]
}

fn placed(steps: impl FnOnce(&mut Simulator)) -> Run {
    let app = outbound_notification::app;
    let mut sim = Simulator::new(app());
    let notice = outbound_notification::Notice::new("Your appointment is tomorrow at 10.", "A-17");
    sim.outbound_call("+14155550123", "+16505550177", notice);
    steps(&mut sim);
    (app, sim)
}

fn notice() -> Vec<(&'static str, Run)> {
    vec![
        (
            "confirms",
            placed(|s| {
                s.answer().press("1");
            }),
        ),
        (
            "cancels",
            placed(|s| {
                s.answer().press("2");
            }),
        ),
        (
            "no reply",
            placed(|s| {
                s.answer().stay_silent().stay_silent();
            }),
        ),
        (
            "nobody answers",
            placed(|s| {
                s.no_answer();
            }),
        ),
    ]
}

fn update_app() -> App {
    update_call::app(update_call::Agents { first: e164!("+12065550100") })
}

fn update() -> Vec<(&'static str, Run)> {
    let transfer = [("action", "transfer"), ("to", "+12065550111")];
    let announce = update_call::Update::Announce { text: "Your order has shipped.".into() };
    vec![
        (
            "an announcement",
            inbound(update_app, |s| {
                s.bridge_answers().update_call(&announce).hangup(A);
            }),
        ),
        (
            "taken back and transferred",
            inbound(update_app, |s| {
                s.bridge_answers().update_call(transfer).bridge_answers().hangup(B);
            }),
        ),
        (
            "the agent does not answer",
            inbound(update_app, |s| {
                s.bridge_not_answered();
            }),
        ),
        (
            "the caller leaves",
            inbound(update_app, |s| {
                s.bridge_answers().hangup(A);
            }),
        ),
    ]
}

fn meeting_app() -> App {
    let meeting =
        meeting_dial_in::Meeting { meeting_id: "m-42".into(), join_token: "join-token-1".into() };
    meeting_dial_in::app(meeting_dial_in::Meetings([("123456".to_owned(), meeting)].into()))
}

fn meeting() -> Vec<(&'static str, Run)> {
    vec![
        (
            "the right PIN",
            inbound(meeting_app, |s| {
                s.press("123456").hangup(B);
            }),
        ),
        (
            "an unknown PIN",
            inbound(meeting_app, |s| {
                s.press("999999");
            }),
        ),
        (
            "three wrong entries",
            inbound(meeting_app, |s| {
                s.press("12#").press("1#").stay_silent();
            }),
        ),
        (
            "the caller leaves",
            inbound(meeting_app, |s| {
                s.press("123456").hangup(A);
            }),
        ),
    ]
}

fn lex_app() -> App {
    lex_bot::app(lex_bot::ContactCenter {
        bot_alias_arn: "arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIAS12345".into(),
        voice_connector_arn: "arn:aws:chime:us-east-1:123456789012:vc/abcdefghij1234567890".into(),
        queue: "agents".into(),
        business_queue: "business".into(),
    })
}

fn bot(result: BotResult, steps: impl FnOnce(&mut Simulator)) -> Run {
    let app = lex_app;
    let mut sim = Simulator::new(app());
    sim.bot_returns(result);
    sim.inbound_call(CALLER, NUMBER);
    steps(&mut sim);
    (app, sim)
}

fn lex() -> Vec<(&'static str, Run)> {
    use sma_core::event::IntentState::ReadyForFulfillment;
    vec![
        (
            "billing, to an agent",
            bot(BotResult::intent("Billing").state(ReadyForFulfillment), |s| {
                s.bridge_answers().hangup(B);
            }),
        ),
        ("opening hours", bot(BotResult::intent("Hours"), |_| {})),
        (
            "the agent does not answer",
            bot(BotResult::intent("Agent").state(ReadyForFulfillment), |s| {
                s.bridge_not_answered();
            }),
        ),
        (
            "the bot fails",
            failing(
                lex_app,
                ActionType::StartBotConversation,
                ErrorType::ResourceNotFound,
                "No such bot alias.",
            ),
        ),
    ]
}

fn play_app() -> App {
    play_recording::app(play_recording::Recording { bucket: "wav-bucket".into() })
}

fn play() -> Vec<(&'static str, Run)> {
    vec![("the recording plays", inbound(play_app, |_| {}))]
}
