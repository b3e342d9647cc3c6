use sma_core::prelude::*;

#[on]
async fn anything(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
