//! An IVR: a greeting, a digit menu, routing on the digit, and a clean hang-up.
//!
//! ```text
//! NEW_INBOUND_CALL            → "Thanks for calling…" + menu (SpeakAndGetDigits, 1/2/0)
//! ACTION_SUCCESSFUL(menu) "1" → "Connecting you to sales." + CallAndBridge to sales
//!                         "2" → support hours + Hangup
//!                         "0" → the menu again
//! ACTION_FAILED(menu)         → "Sorry, goodbye." + Hangup (no valid choice after 3 attempts)
//! ACTION_FAILED(bridge)       → "Nobody is available…" + Hangup
//! HANGUP of LEG-B             → Hangup LEG-A (the caller would stay connected otherwise)
//! HANGUP of LEG-A             → Hangup LEG-B, if still connected
//! CALL_UPDATE_REQUESTED       → {"announce": text}: Speak it to the caller; else carry on
//! ```

use serde::Deserialize;
use sma_core::action::{CallAndBridge, E164, Speak, SpeakAndGetDigits};
use sma_core::prelude::*;
use sma_core::text::Text;
use std::time::Duration;

/// Where calls are routed, read once at start-up.
#[derive(Debug, Clone)]
pub struct Directory {
    /// The number sales calls are bridged to.
    pub sales: E164,
    /// The caller id shown to sales: a number of the account (the called number).
    pub caller_id: Option<E164>,
}

impl Directory {
    /// Reads `SALES_NUMBER` (default `+12065550100`) and the optional `CALLER_ID`.
    pub fn from_env() -> Result<Self, String> {
        let number = |var: &str| -> Result<Option<E164>, String> {
            match std::env::var(var) {
                Ok(v) => E164::parse(v).map(Some).map_err(|e| format!("{var}: {e}")),
                Err(_) => Ok(None),
            }
        };
        Ok(Directory {
            sales: number("SALES_NUMBER")?.unwrap_or_else(|| e164!("+12065550100")),
            caller_id: number("CALLER_ID")?,
        })
    }
}

// The prompts, as `const` texts: used as they are on every invocation, where a string literal
// given to `speak` is copied into a new `Text` each time.
const WELCOME: Text = Text::from_static("Thanks for calling Example Dental.");
const MENU: Text =
    Text::from_static("Press 1 for sales, 2 for support, or 0 to hear these options again.");
const NOT_UNDERSTOOD: Text = Text::from_static("Sorry, I did not get that.");
const TO_SALES: Text = Text::from_static("Connecting you to sales.");
const SUPPORT_HOURS: Text = Text::from_static("Support is open Monday to Friday, 9 to 5. Goodbye.");
const GOODBYE: Text = Text::from_static("Sorry, goodbye.");
const NOBODY: Text = Text::from_static("Nobody is available right now. Goodbye.");
const CANNOT_CONNECT: Text = Text::from_static("We cannot connect your call right now. Goodbye.");

fn menu(leg: &Leg) -> SpeakAndGetDigits {
    leg.speak_and_get_digits(MENU, NOT_UNDERSTOOD)
        .input_regex(regex!("^[0-2]$"))
        .min_digits(1)
        .max_digits(1)
        .attempts(3)
        .attempt_timeout(Duration::from_secs(5))
}

/// Greets the caller and reads the menu.
#[on(NewInboundCall)]
pub async fn greet(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new().then(caller.speak(WELCOME)).then(menu(&caller))
}

/// Routes on the digit the caller pressed.
#[on(ActionSuccessful, action = SpeakAndGetDigits)]
pub async fn choose(call: Call, digits: Digits, directory: Shared<Directory>) -> Actions {
    let caller = call.leg_a();
    match digits.as_str() {
        "1" => {
            // The caller id must be a number of the account or LEG-A's own number.
            let caller_id = directory
                .caller_id
                .clone()
                .or_else(|| caller.to_number().and_then(|n| E164::parse(n).ok()))
                .unwrap_or_else(|| directory.sales.clone());
            Actions::new().then(caller.speak(TO_SALES)).then(
                CallAndBridge::to_pstn(caller_id, directory.sales.clone())
                    .timeout(Duration::from_secs(30)),
            )
        }
        "2" => Actions::new().then(caller.speak(SUPPORT_HOURS)).then(caller.hangup()),
        _ => Actions::new().then(menu(&caller)),
    }
}

/// No valid choice after every attempt.
#[on(ActionFailed, action = SpeakAndGetDigits)]
pub async fn no_choice(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new().then(caller.speak(GOODBYE)).then(caller.hangup())
}

/// Sales did not answer.
#[on(ActionFailed, action = CallAndBridge)]
pub async fn nobody_answered(call: Call, error: ActionError) -> Actions {
    let caller = call.leg_a();
    let text = match error.error_type() {
        sma_core::event::ErrorType::CallNotAnswered => NOBODY,
        _ => CANNOT_CONNECT,
    };
    Actions::new().then(caller.speak(text)).then(caller.hangup())
}

/// One side of a bridged call hung up: end the other side too.
#[on(Hangup)]
pub async fn hung_up(call: Call) -> Actions {
    call.hang_up_all()
}

/// What a supervisor's dashboard asks of a live call: the `Arguments` of
/// `UpdateSipMediaApplicationCall` (a map of strings).
#[derive(Debug, Deserialize)]
pub struct Update {
    /// Text to read to the caller now.
    pub announce: Option<String>,
}

/// A supervisor updated the call: read an announcement to the caller; any other request
/// leaves what is running as it is (no `Actions` in the answer).
#[on(CallUpdateRequested)]
pub async fn updated(call: Call, update: Arguments<Update>) -> Option<Speak> {
    update.0.announce.map(|text| call.leg_a().speak(text))
}

/// The route table of this function.
pub fn router() -> sma_core::Router {
    handlers![greet, choose, no_choice, nobody_answered, hung_up, updated]
}

/// The application, with its directory.
pub fn app(directory: Directory) -> App {
    App::new(router()).state(directory)
}
