use sma_core::prelude::*;

#[on(Hangup)]
async fn left(call: Call, digits: Digits) -> Actions {
    let _ = digits;
    call.hang_up_all()
}

fn main() {}
