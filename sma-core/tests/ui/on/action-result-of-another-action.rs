use sma_core::prelude::*;

use sma_core::action::{PlayAudio};

#[on(ActionSuccessful, action = Speak)]
async fn spoken(call: Call, played: ActionResult<PlayAudio>) -> Actions {
    let _ = played;
    call.leg_a().hangup().into()
}

fn main() {}
