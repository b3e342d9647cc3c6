use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call, b: LegB) -> Actions {
    let _ = b;
    call.leg_a().hangup().into()
}

fn main() {}
