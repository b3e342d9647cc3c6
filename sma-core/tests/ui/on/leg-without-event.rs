use sma_core::prelude::*;

#[on(leg = "LEG-B")]
async fn agent_left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {}
