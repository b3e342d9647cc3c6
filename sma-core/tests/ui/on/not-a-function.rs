use sma_core::prelude::*;

#[on(NewInboundCall)]
struct Greeting;

fn main() {}
