use sma_core::prelude::*;

#[on(Hangup, leg = "B")]
async fn left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {}
