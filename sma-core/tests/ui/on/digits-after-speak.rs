use sma_core::prelude::*;

#[on(ActionSuccessful, action = Speak)]
async fn spoken(call: Call, digits: Digits) -> Actions {
    let _ = digits;
    call.leg_a().hangup().into()
}

fn main() {}
