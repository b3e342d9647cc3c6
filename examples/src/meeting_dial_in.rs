//! Dialling in to an Amazon Chime SDK meeting by phone, as the AWS sample
//! `amazon-chime-sdk-sma-meeting-dialer` does: the caller enters the meeting's PIN, joins, can
//! be muted and unmuted from outside, and is told when the meeting ends.
//!
//! ```text
//! NEW_INBOUND_CALL             → SpeakAndGetDigits: the 6-digit PIN (3 attempts)
//! ACTION_SUCCESSFUL(digits)    → JoinChimeMeeting with the PIN's join token, or "no such
//!                                meeting" + Hangup
//! ACTION_FAILED(digits / join) → apology + Hangup
//! CALL_UPDATE_REQUESTED        → mute / unmute `attendee` (ModifyChimeMeetingAttendees on LEG-B)
//! HANGUP of LEG-B              → the meeting ended: tell the caller, Hangup
//! HANGUP of LEG-A              → leave the meeting (Hangup LEG-B)
//! ```
//!
//! A real deployment creates the attendee (`CreateAttendee`) when the PIN is entered; here the
//! PINs and their join tokens come from configuration, so the flow runs anywhere.

use serde::Deserialize;
use sma_core::action::{MeetingOperation, ModifyChimeMeetingAttendees};
use sma_core::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// A meeting one can dial in to.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The Chime SDK meeting id.
    pub meeting_id: String,
    /// The attendee's join token.
    pub join_token: String,
}

/// The meetings by PIN.
#[derive(Debug, Clone, Default)]
pub struct Meetings(pub HashMap<String, Meeting>);

impl Meetings {
    /// Reads `MEETINGS`: `pin=meeting_id:join_token`, comma-separated.
    pub fn from_env() -> Result<Self, String> {
        let text = std::env::var("MEETINGS").unwrap_or_default();
        let mut meetings = HashMap::new();
        for entry in text.split(',').filter(|e| !e.trim().is_empty()) {
            let (pin, rest) =
                entry.split_once('=').ok_or(format!("MEETINGS: {entry:?} has no '='"))?;
            let (meeting_id, join_token) =
                rest.split_once(':').ok_or(format!("MEETINGS: {entry:?} has no ':'"))?;
            let meeting = Meeting { meeting_id: meeting_id.into(), join_token: join_token.into() };
            meetings.insert(pin.trim().to_owned(), meeting);
        }
        Ok(Meetings(meetings))
    }

    /// The meeting of `pin`.
    pub fn get(&self, pin: &str) -> Option<&Meeting> {
        self.0.get(pin)
    }
}

/// Asks for the PIN.
#[on(NewInboundCall)]
pub async fn ask_pin(call: Call) -> Actions {
    let ask = call
        .leg_a()
        .speak_and_get_digits(
            "Please enter your six-digit meeting PIN.",
            "That is not a PIN. Please try again.",
        )
        .input_regex(regex!(r"^\d{6}$"))
        .min_digits(6)
        .max_digits(6)
        .attempts(3)
        .attempt_timeout(Duration::from_secs(10));
    Actions::from(ask)
}

/// Joins the meeting of the PIN.
#[on(ActionSuccessful, action = SpeakAndGetDigits)]
pub async fn join(call: Call, pin: Digits, meetings: Shared<Meetings>) -> Actions {
    let caller = call.leg_a();
    match meetings.get(pin.as_str()) {
        Some(m) => Actions::new()
            .then(caller.speak("Joining the meeting."))
            .then(caller.join_meeting(m.join_token.clone()).meeting_id(m.meeting_id.clone())),
        None => Actions::new()
            .then(caller.speak("There is no meeting with this PIN. Goodbye."))
            .then(caller.hangup()),
    }
}

/// No PIN, or the meeting could not be joined.
#[on(ActionFailed)]
pub async fn failed(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new()
        .then(caller.speak("Sorry, we could not connect you to the meeting. Goodbye."))
        .then(caller.hangup())
}

/// `UpdateSipMediaApplicationCall` arguments: `operation=Mute|Unmute`, `meeting`, `attendee`.
#[derive(Debug, Deserialize)]
pub struct Moderate {
    /// `Mute` or `Unmute`.
    pub operation: String,
    /// The meeting id.
    pub meeting: String,
    /// The attendee id.
    pub attendee: String,
}

/// Mutes or unmutes an attendee.
#[on(CallUpdateRequested)]
pub async fn moderate(update: Arguments<Moderate>) -> Option<ModifyChimeMeetingAttendees> {
    let operation = match update.operation.as_str() {
        "Mute" => MeetingOperation::Mute,
        "Unmute" => MeetingOperation::Unmute,
        _ => return None,
    };
    Some(ModifyChimeMeetingAttendees::new(
        operation,
        update.meeting.clone(),
        [update.attendee.clone()],
    ))
}

/// The meeting ended (its leg hung up): tell the caller.
#[on(Hangup, leg = "LEG-B")]
pub async fn meeting_ended(call: Call) -> Actions {
    let caller = call.leg_a();
    if caller.is_disconnected() {
        return Actions::new();
    }
    Actions::new().then(caller.speak("The meeting has ended. Goodbye.")).then(caller.hangup())
}

/// The caller hung up. The service ends the meeting leg with it (the HANGUP shows both legs
/// Disconnected, use-cases page); hang up any leg the event still shows connected.
#[on(Hangup, leg = "LEG-A")]
pub async fn caller_left(call: Call) -> Actions {
    call.connected_legs().map(|leg| leg.hangup()).collect()
}

/// The function: its route table and settings.
pub fn app(meetings: Meetings) -> App {
    App::new(handlers![ask_pin, join, failed, moderate, meeting_ended, caller_left]).state(meetings)
}
