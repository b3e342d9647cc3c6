use sma_core::action::Speak;
use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call, echo: ActionResult<Speak>) -> Actions {
    let _ = echo;
    call.leg_a().hangup().into()
}

fn main() {}
