//! The README's "Writing a handler" example, kept compiling.
use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    let caller = call.leg_a();                      // LEG-A's CallId is filled in for you
    Actions::new()
        .then(caller.speak("Thanks for calling."))
        .then(caller.speak_and_get_digits("Press 1 for sales, 2 for support.", "Sorry?")
            .input_regex(regex!("^[12]$")))
}

#[on(ActionSuccessful, action = SpeakAndGetDigits)]
async fn menu(call: Call, digits: Digits) -> Actions {
    let text = if digits == "1" { "Sales will call you back." } else { "Support is closed." };
    Actions::new().then(call.leg_a().speak(text)).then(call.leg_a().hangup())
}

#[on(Hangup, leg = "LEG-B")]
async fn agent_left(call: Call) -> Actions {
    call.leg_a().hangup().into()                   // the caller is still connected: end the call
}

// In the README this is `#[tokio::main(flavor = "current_thread")] async fn main()`; a pass case
// runs its binary, and outside Lambda `run` asks for event files, so it is only compiled here.
#[allow(dead_code)]
#[tokio::main(flavor = "current_thread")]
async fn serve() -> Result<(), sma_core::Error> {
    sma_core::run(handlers![greet, menu, agent_left]).await
}

fn main() {}
