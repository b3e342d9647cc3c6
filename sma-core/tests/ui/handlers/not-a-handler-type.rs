use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

struct Greeter;

fn main() {
    let _ = handlers![greet, Greeter];
}
