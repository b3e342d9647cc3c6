use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn menu(call: Call) -> Actions {
    call.leg_a().speak_and_get_digits("Press 1 or 2", "Sorry?").input_regex("^[a-z(").into()
}

fn main() {}
