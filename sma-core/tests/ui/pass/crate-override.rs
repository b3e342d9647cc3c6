//! A crate that re-exports sma-core names it with `crate = ".."`: every macro then reaches
//! sma-core through that path only.

mod facade {
    pub use sma_core::*;
}

use facade::prelude::{Actions, Call};

#[facade::on(NewInboundCall, crate = "crate::facade")]
async fn greet(call: Call) -> Actions {
    call.leg_a().speak("Hello").into()
}

fn main() {
    let router = facade::handlers![crate = "crate::facade"; greet];
    assert_eq!(router.len(), 1);
    let number = facade::e164!(crate = "crate::facade", "+12065550100");
    let keys = facade::keys!(crate = "crate::facade", "#");
    assert_eq!((number.as_str(), keys.len()), ("+12065550100", 1));
}
