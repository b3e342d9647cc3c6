use sma_core::prelude::*;

#[on(NewInboundCall, CallAnswered)]
async fn start(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
