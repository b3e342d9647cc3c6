use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: impl Into<Call>) -> Actions {
    call.into().leg_a().hangup().into()
}

fn main() {}
