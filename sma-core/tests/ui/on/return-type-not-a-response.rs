use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn greet(call: Call) -> u32 {
    let _ = call;
    42
}

fn main() {}
