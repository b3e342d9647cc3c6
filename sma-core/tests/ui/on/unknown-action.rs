use sma_core::prelude::*;

#[on(ActionFailed, action = CallAndBrige)]
async fn no_answer(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {}
