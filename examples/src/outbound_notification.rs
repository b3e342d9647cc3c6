//! Outbound notification, as the AWS sample `amazon-chime-sma-outbound-call-notifications`
//! runs it: `CreateSipMediaApplicationCall` places a call with the message in its
//! `ArgumentsMap`; when answered, the message is read and the callee confirms by a key; the
//! outcome is kept in the call's attributes and logged when the call ends.
//!
//! ```text
//! NEW_OUTBOUND_CALL (ArgumentsMap) → store the notice, outcome "calling" (actions are ignored)
//! CALL_ANSWERED                    → the message + "press 1 to confirm, 2 to cancel"
//! ACTION_SUCCESSFUL(digits)        → outcome "confirmed" / "cancelled", thanks + Hangup
//! ACTION_FAILED(digits)            → outcome "no reply", Hangup
//! HANGUP                           → log the outcome ("calling" still: not answered)
//! ```
//!
//! Start a call with the `start-notification` binary, which sends the same [`Notice`] with
//! `sma-client` (or with `aws chime-sdk-voice create-sip-media-application-call
//! --from-phone-number … --to-phone-number … --sip-media-application-id … --arguments-map
//! message="Your appointment is tomorrow at 10.",appointment=A-17`).

use serde::{Deserialize, Serialize};
use sma_core::arguments::CallArguments;
use sma_core::attributes::to_attributes;
use sma_core::prelude::*;
use std::time::Duration;

/// What `ArgumentsMap` carries (its entries counted at compile time), and what the call keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, CallArguments)]
pub struct Notice {
    /// What to tell the callee.
    pub message: String,
    /// The appointment it is about.
    pub appointment: String,
    /// Where the call stands: calling, confirmed, cancelled, no reply.
    #[serde(default = "calling")]
    pub outcome: String,
}

fn calling() -> String {
    "calling".into()
}

impl Notice {
    /// A notice to send with `CreateSipMediaApplicationCall` (its outcome: "calling").
    ///
    /// ```
    /// let notice = sma_examples::outbound_notification::Notice::new("Hello.", "A-17");
    /// let map = sma_core::arguments::to_arguments(&notice).unwrap();
    /// assert_eq!(map["appointment"], "A-17");
    /// ```
    pub fn new(message: impl Into<String>, appointment: impl Into<String>) -> Self {
        Notice { message: message.into(), appointment: appointment.into(), outcome: calling() }
    }
}

fn with_outcome(notice: &Notice, outcome: &str, actions: Actions) -> Response {
    let notice = Notice { outcome: outcome.into(), ..notice.clone() };
    match to_attributes(&notice) {
        Ok(attributes) => Response::from(actions).with_attributes(attributes),
        Err(_) => Response::from(actions),
    }
}

/// The call is placed: keep the notice (the service ignores actions here, not attributes).
#[on(NewOutboundCall)]
pub async fn placed(notice: Arguments<Notice>) -> Response {
    with_outcome(&notice, "calling", Actions::new())
}

/// Answered: read the message, ask for a confirmation.
#[on(CallAnswered)]
pub async fn answered(call: Call, notice: State<Notice>) -> Actions {
    let callee = call.leg_a();
    let ask = callee
        .speak_and_get_digits("Press 1 to confirm, or 2 to cancel.", "Please press 1 or 2.")
        .input_regex(regex!("^[12]$"))
        .max_digits(1)
        .attempts(2)
        .attempt_timeout(Duration::from_secs(6));
    Actions::new().then(callee.speak(notice.message.clone())).then(ask)
}

/// The callee's answer.
#[on(ActionSuccessful, action = SpeakAndGetDigits)]
pub async fn replied(call: Call, digits: Digits, notice: State<Notice>) -> Response {
    let callee = call.leg_a();
    let (outcome, text) = match digits.as_str() {
        "1" => ("confirmed", "Thank you, your appointment is confirmed. Goodbye."),
        _ => ("cancelled", "Your appointment is cancelled. Goodbye."),
    };
    with_outcome(&notice, outcome, Actions::new().then(callee.speak(text)).then(callee.hangup()))
}

/// No valid key.
#[on(ActionFailed, action = SpeakAndGetDigits)]
pub async fn no_reply(call: Call, notice: State<Notice>) -> Response {
    with_outcome(&notice, "no reply", Actions::from(call.leg_a().hangup()))
}

/// The call ended: the outcome, for the record ("calling": nobody answered).
#[on(Hangup)]
pub async fn ended(notice: Option<State<Notice>>) -> Actions {
    if let Some(notice) = notice {
        tracing::info!(appointment = %notice.appointment, outcome = %notice.outcome, "notification call ended");
    }
    Actions::new()
}

/// The function.
pub fn app() -> App {
    App::new(handlers![placed, answered, replied, no_reply, ended])
}
