//! Handlers and helpers the simulator tests share: an IVR menu, a transfer, the numbers, and
//! the event names of a transcript.
#![allow(dead_code)]

use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::testing::{Entry, Simulator};
use std::time::Duration;

pub(crate) const CALLER: &str = "+14155550199";
pub(crate) const NUMBER: &str = "+12065550100";
pub(crate) const AGENT: &str = "+16505550111";

/// The event types of the call so far, in order.
pub(crate) fn events(sim: &Simulator) -> Vec<String> {
    sim.transcript()
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Event(_, s) => Some(s.split(' ').next().unwrap_or("").to_owned()),
            _ => None,
        })
        .collect()
}

pub(crate) mod ivr {
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

pub(crate) mod bridge {
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

/// A caller joined to a Chime SDK meeting, muted and unmuted by call updates.
pub(crate) mod meeting {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn join(call: Call) -> Actions {
        call.leg_a().join_meeting("token").meeting_id("m-1").into()
    }

    #[on(ActionSuccessful, action = JoinChimeMeeting)]
    pub(crate) async fn joined(_call: Call) -> Actions {
        Actions::new()
    }

    #[on(ActionFailed, action = JoinChimeMeeting)]
    pub(crate) async fn not_joined(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("not joined: {}", error.error_type()))).then(a.hangup())
    }

    /// Mutes attendee `a-1`, or unmutes it when the update has an `unmute` argument.
    #[on(CallUpdateRequested)]
    pub(crate) async fn mute(
        call: Call,
        args: Arguments<std::collections::BTreeMap<String, String>>,
    ) -> Actions {
        let op = if args.contains_key("unmute") {
            MeetingOperation::Unmute
        } else {
            MeetingOperation::Mute
        };
        let meeting = call.leg_b().expect("the meeting leg");
        meeting.modify_attendees(op, "m-1", ["a-1"]).into()
    }

    #[on(ActionFailed, action = ModifyChimeMeetingAttendees)]
    pub(crate) async fn not_muted(call: Call, error: ActionError) -> Actions {
        call.leg_a().speak(format!("not muted: {}", error.error_type())).into()
    }

    #[on(Hangup, leg = "LEG-B")]
    pub(crate) async fn ended(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak("The meeting has ended.")).then(a.hangup())
    }

    #[on(Hangup, leg = "LEG-A")]
    pub(crate) async fn left(_call: Call) -> Actions {
        Actions::new()
    }
}
