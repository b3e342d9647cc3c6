use sma_core::prelude::*;

#[on(DigitsReceived, action = Speak)]
async fn digits(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
