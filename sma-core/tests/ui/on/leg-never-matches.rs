use sma_core::prelude::*;

#[on(NewInboundCall, leg = "LEG-B")]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
