use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet<T: Default>(call: Call) -> Actions {
    let _ = T::default();
    call.leg_a().hangup().into()
}

fn main() {}
