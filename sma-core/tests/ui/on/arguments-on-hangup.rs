use sma_core::prelude::*;

#[on(Hangup)]
async fn left(call: Call, args: Arguments<std::collections::BTreeMap<String, String>>) -> Actions {
    let _ = args;
    call.hang_up_all()
}

fn main() {}
