use sma_core::prelude::*;

#[on(ActionSuccessful, action = Speak)]
async fn spoken(call: Call, result: sma_core::event::IntentResult) -> Actions {
    let _ = result;
    call.leg_a().hangup().into()
}

fn main() {}
