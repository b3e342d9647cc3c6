use sma_core::prelude::*;

#[on("NEW_INBOUND_CALL")]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
