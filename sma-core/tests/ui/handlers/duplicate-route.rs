use sma_core::prelude::*;

#[on(Hangup, leg = "LEG-B")]
async fn agent_left(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(Hangup, leg = "LEG-B")]
async fn also_agent_left(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(Hangup)]
async fn anyone_left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {
    let _ = handlers![agent_left, anyone_left, also_agent_left];
}
