use sma_core::prelude::*;

#[on(NewInbondCall)]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

#[on(NewInbondCall)]
async fn greet_again(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {
    let _ = handlers![greet, greet_again];
}
