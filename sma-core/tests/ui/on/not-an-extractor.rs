use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call, retries: u32) -> Actions {
    let _ = retries;
    call.leg_a().hangup().into()
}

fn main() {}
