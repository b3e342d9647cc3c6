use sma_core::prelude::*;

#[on(Hangup, crate = "::sma_core", crate = "::sma_core")]
async fn left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {}
