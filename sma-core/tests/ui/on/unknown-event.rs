use sma_core::prelude::*;

#[on(NewInbondCall)]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
