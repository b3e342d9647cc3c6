//! The call flow: greet, ask for a key, answer it, hang up. Every handler is a plain async fn
//! routed by `#[on(..)]`; `tests/calls.rs` plays whole calls through the simulator.

use sma_core::prelude::*;

/// Greets the caller and asks for a key.
#[on(NewInboundCall)]
pub async fn greet(call: Call) -> Actions {
    let caller = call.leg_a();
    let menu = caller
        .speak_and_get_digits("Press 1 to hear the opening hours.", "Sorry, I did not get that.")
        .input_regex(regex!("^1$"));
    Actions::new().then(caller.speak("Thanks for calling.")).then(menu)
}

/// The key was pressed: answer and hang up.
#[on(ActionSuccessful, action = SpeakAndGetDigits)]
pub async fn chosen(call: Call, digits: Digits) -> Actions {
    let caller = call.leg_a();
    let answer = match digits.as_str() {
        "1" => "We are open from nine to five.",
        _ => "Goodbye.",
    };
    Actions::new().then(caller.speak(answer)).then(caller.hangup())
}

/// No key after every attempt: say goodbye.
#[on(ActionFailed, action = SpeakAndGetDigits)]
pub async fn no_key(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new().then(caller.speak("Goodbye.")).then(caller.hangup())
}

/// Someone hung up: end the call for every leg still up.
#[on(Hangup)]
pub async fn left(call: Call) -> Actions {
    call.hang_up_all()
}

/// The application: the route table and its settings, for `main` and for the tests.
pub fn app() -> App {
    App::new(handlers![greet, chosen, no_key, left])
}
