use sma_core::prelude::*;

#[on(Ringing, action = Speak)]
async fn ringing() {}

fn main() {}
