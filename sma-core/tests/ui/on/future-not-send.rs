use sma_core::prelude::*;

use std::rc::Rc;

async fn lookup() {}

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    let cache = Rc::new(1);
    lookup().await;
    let _ = cache;
    call.leg_a().hangup().into()
}

fn main() {}
