use sma_core::prelude::*;

#[on(Hangup, crate = "sma core")]
async fn left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {}
