use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

#[on(Hangup)]
async fn left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {
    let _ = handlers![greet left];
}
