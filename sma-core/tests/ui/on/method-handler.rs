use sma_core::prelude::*;

struct Ivr;

impl Ivr {
    #[on(NewInboundCall)]
    async fn greet(&self, call: Call) -> Actions {
        call.leg_a().hangup().into()
    }
}

fn main() {}
