use sma_core::prelude::*;

// `crate = ..` names the crate that re-exports sma-core, as a string (like serde's).
#[on(Hangup, crate = sma_core)]
async fn left(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {}
